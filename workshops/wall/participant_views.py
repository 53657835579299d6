"""The participants' side of the wall: read, post, upvote."""

import hashlib

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError

from facilitator.extensions import db, limiter
from facilitator.forms import EmptyForm
from workshops.labels import CONTRIBUTION_KIND_LABELS
from workshops.models import WorkshopSession
from workshops.participant.browser import (
    TOKEN_COOKIE,
    participant_token,
    remember_profile,
    remember_token,
    remembered_profile,
)
from workshops.participant.forms import JoinForm, normalise_code
from workshops.participant.services import is_valid_token
from workshops.participant.views import failed_code_limit
from workshops.queries import get_open_session_by_code
from workshops.wall import services
from workshops.wall.forms import make_contribution_form
from workshops.wall.payloads import (
    conditional_json,
    count_label,
    entry_data,
    votes_label,
)
from workshops.wall.queries import (
    get_session_contribution_or_404,
    supported_ids,
    vote_counts,
    voter_hash,
    wall_entries,
)

bp = Blueprint("wall_participant", __name__)

WALL_URL = "/j/<code>/mur"


def _keyed(*parts: str) -> str:
    """A keyed hash, so the limiter's counters and logs never show an address."""
    secret = current_app.secret_key or ""
    return hashlib.sha256(":".join((secret, *parts)).encode()).hexdigest()[:32]


def _browser_key() -> str:
    """One phone: its address and its token cookie (a hall shares one address)."""
    return _keyed(get_remote_address() or "", request.cookies.get(TOKEN_COOKIE, ""))


def _address_key() -> str:
    return _keyed(get_remote_address() or "")


post_limit = limiter.limit("10 per minute", key_func=_browser_key, methods=["POST"])
# Above a hall's worth of phones behind one address, whatever their cookies.
address_post_limit = limiter.limit(
    "120 per minute", key_func=_address_key, methods=["POST"]
)
vote_limit = limiter.limit("60 per minute", key_func=_browser_key)


@bp.route(WALL_URL, methods=["GET", "POST"])
@failed_code_limit
@post_limit
@address_post_limit
def wall(code: str):
    session = _session_by_code(code)
    if session is None:
        return _unknown_code(code)
    token = participant_token()
    profile = remembered_profile(session)
    form = make_contribution_form(session, profile)
    if session.is_open and form.validate_on_submit():
        profile = profile or form.chosen_profile(session)
        services.post_contribution(session, form.chosen_kind(), form.text.data, profile)
        db.session.commit()
        remember_profile(session, profile)
        flash(_("Merci ! Votre contribution est sur le mur."), "success")
        response = redirect(url_for(".wall", code=session.join_code, _anchor="mur"))
        return remember_token(response, token)
    refused = request.method == "POST" and not session.is_open
    page = render_template(
        "workshops/wall/participant.html",
        session=session,
        workshop=session.workshop,
        form=form,
        refused=refused,
        vote_form=EmptyForm(),
        entries=wall_entries(session, hashed_voter=_known_voter(session)),
        votes_label=votes_label,
        kind_labels=CONTRIBUTION_KIND_LABELS,
    )
    return remember_token(make_response(page, 409 if refused else 200), token)


@bp.route(f"{WALL_URL}.json", methods=["GET"])
@failed_code_limit
def wall_state(code: str):
    session = _session_by_code(code)
    if session is None:
        return jsonify(error="unknown code"), 404
    entries = wall_entries(session, hashed_voter=_known_voter(session))
    payload = {
        "open": session.is_open,
        "count_label": count_label(len(entries)),
        "contributions": [entry_data(entry) for entry in entries],
    }
    return conditional_json(payload, private=True)


@bp.route(f"{WALL_URL}/<int:contribution_id>/vote", methods=["POST"])
@failed_code_limit
@vote_limit
def vote(code: str, contribution_id: int):
    session = _session_by_code(code)
    if session is None:
        return _unknown_code(code)
    contribution = get_session_contribution_or_404(session, contribution_id)
    target = services.vote_target(contribution)
    if target.hidden:
        abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    token = participant_token()
    if not session.is_open:
        message = _("La séance n'accepte pas de soutien en ce moment.")
        if _wants_json():
            return jsonify(error=message), 409
        flash(message, "warning")
    else:
        hashed = voter_hash(session, token)
        supported = _toggle_once(target, hashed)
        if _wants_json():
            votes = vote_counts(session).get(target.id, 0)
            data = {"id": target.id, "voted": supported, "votes": votes}
            response = jsonify(data | {"votes_label": votes_label(votes)})
            return remember_token(response, token)
    anchor = f"c{target.id}"
    response = redirect(url_for(".wall", code=session.join_code, _anchor=anchor))
    return remember_token(response, token)


def _toggle_once(target, hashed: str) -> bool:
    """Toggle and commit; a concurrent duplicate vote loses the race quietly."""
    try:
        supported = services.toggle_vote(target, hashed)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        supported = target.id in supported_ids(target.session, hashed)
    return supported


def _session_by_code(code: str) -> WorkshopSession | None:
    return get_open_session_by_code(normalise_code(code))


def _known_voter(session: WorkshopSession) -> str | None:
    """This browser's vote hash, if it already holds a token (never a new one)."""
    token = request.cookies.get(TOKEN_COOKIE)
    return voter_hash(session, token) if is_valid_token(token) else None


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _unknown_code(code: str) -> tuple[str, int]:
    form = JoinForm(None, data={"code": normalise_code(code)[:12]})
    page = render_template("workshops/participant/unknown_code.html", form=form)
    return page, 404
