"""Facilitator login and logout."""

import logging

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user

from facilitator.extensions import db, limiter
from facilitator.forms import EmptyForm, LoginForm
from facilitator.models import Facilitator
from facilitator.security import safe_next_url
from facilitator.services import find_facilitator

logger = logging.getLogger(__name__)

bp = Blueprint("auth", __name__)


def configure_login(login_manager: LoginManager) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Connectez-vous pour accéder à cette page.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_facilitator(user_id: str) -> Facilitator | None:
        return db.session.get(Facilitator, int(user_id))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("workshops.dashboard"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        facilitator = find_facilitator(form.email.data)
        if facilitator is None or not facilitator.check_password(form.password.data):
            form.password.errors.append(_("Adresse e-mail ou mot de passe incorrect."))
        else:
            login_user(facilitator)
            logger.info("facilitator %s logged in", facilitator.id)
            target = safe_next_url(form.next.data) or url_for("workshops.dashboard")
            return redirect(target)
    return render_template("facilitator/auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    form = EmptyForm()
    if form.validate_on_submit():
        logout_user()
        flash(_("Vous êtes déconnecté·e."), "info")
    return redirect(url_for("participant.home"))
