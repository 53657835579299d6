"""Interface language: French by default, English on request."""

from functools import cache

from babel.support import Translations
from flask import (
    Blueprint,
    Flask,
    current_app,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from wtforms.i18n import messages_path

from facilitator.forms import LanguageForm
from facilitator.security import safe_next_url

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """The language chosen in this browser, else French."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang") if has_request_context() else None
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    @app.before_request
    def keep_wtforms_translations() -> None:
        # Flask-WTF would read WTForms' own messages ("Not a valid choice"...)
        # from disk again for every request with a form; it looks for them
        # here first.
        request.wtforms_translations = wtforms_translations(str(get_locale()))

    @app.context_processor
    def inject_languages() -> dict:
        return {
            "languages": app.config["LANGUAGES"],
            "current_locale": str(get_locale()),
            "language_form": LanguageForm(next=_current_path()),
        }


@cache
def wtforms_translations(locale: str) -> Translations:
    """WTForms' own messages in ``locale``, read once per process."""
    return Translations.load(messages_path(), [locale], domain="wtforms")


def _current_path() -> str:
    return request.full_path.rstrip("?") if request else "/"


@bp.route("/lang/<lang_code>", methods=["POST"])
def set_language(lang_code: str):
    form = LanguageForm()
    if form.validate_on_submit() and lang_code in current_app.config["LANGUAGES"]:
        session["lang"] = lang_code
    target = safe_next_url(form.next.data) or url_for("participant.home")
    return redirect(target)
