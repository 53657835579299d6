"""The participant flow: join by code or QR, answer anonymously, thank-you."""

import hashlib

from flask import (
    Blueprint,
    Response,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as browser_session
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError

from facilitator.extensions import csrf, db, limiter
from workshops.models import WorkshopSession
from workshops.participant.browser import participant_token, remember_token
from workshops.participant.forms import (
    JoinForm,
    count_answered,
    error_fields,
    make_answer_form,
    normalise_code,
    scale_ends,
)
from workshops.participant.services import has_answered, submit_answers
from workshops.queries import get_open_session_by_code

bp = Blueprint("participant", __name__)


def _client_key() -> str:
    """The limiter's key: a keyed hash, so its counters and logs never show an IP."""
    secret = current_app.secret_key or ""
    address = get_remote_address() or ""
    return hashlib.sha256(f"{secret}:{address}".encode()).hexdigest()[:32]


# Only failed look-ups count, so a room of phones sharing one address on a
# valid code is never blocked, while guessing codes is.
failed_code_limit = limiter.shared_limit(
    "30 per minute",
    scope="join-code",
    key_func=_client_key,
    deduct_when=lambda response: response.status_code == 404,
)


@bp.route("/", methods=["GET"])
def home():
    return render_template("workshops/participant/home.html", form=JoinForm(None))


@bp.route("/join", methods=["GET"])
def join_by_code():
    form = JoinForm(request.args)
    if form.validate():
        return redirect(url_for(".answer_session", code=form.code.data))
    return render_template("workshops/participant/home.html", form=form)


@bp.route("/j/<code>", methods=["GET", "POST"])
@failed_code_limit
# The answer form checks its own CSRF token: an expired one re-shows the page
# with every answer kept, instead of an error page that would lose them.
@csrf.exempt
def answer_session(code: str):
    session = get_open_session_by_code(normalise_code(code))
    if session is None:
        return _unknown_code(code)
    if not session.is_open:
        return render_template("workshops/participant/closed.html", session=session)
    form = make_answer_form(session)
    token = participant_token(form.token.data)
    form.token.data = token
    if has_answered(session, token):
        if request.method == "POST":
            return _thanks_redirect(session, token)
        return render_template("workshops/participant/answered.html", session=session)
    if form.validate_on_submit():
        _record_once(session, form, token)
        return _thanks_redirect(session, token)
    return remember_token(make_response(_answer_page(session, form)), token)


@bp.route("/j/<code>/merci", methods=["GET"])
@failed_code_limit
def thanks(code: str):
    session = get_open_session_by_code(normalise_code(code))
    if session is None:
        return _unknown_code(code)
    return render_template("workshops/participant/thanks.html", session=session)


def _unknown_code(code: str) -> tuple[str, int]:
    form = JoinForm(None, data={"code": normalise_code(code)[:12]})
    page = render_template("workshops/participant/unknown_code.html", form=form)
    return page, 404


def _answer_page(session: WorkshopSession, form) -> str:
    # Cheap phones drop browser-session cookies when the browser is killed in
    # the background: keep the CSRF secret so a late submission still goes in.
    browser_session.permanent = True
    questions = session.workshop.questionnaire.questions
    return render_template(
        "workshops/participant/answer.html",
        session=session,
        workshop=session.workshop,
        form=form,
        questions=questions,
        answered=count_answered(form, questions),
        error_count=len(error_fields(form, questions)),
        scale_ends=scale_ends,
    )


def _record_once(session: WorkshopSession, form, token: str) -> None:
    """Record and commit; a concurrent double submission loses the race quietly."""
    try:
        if submit_answers(session, form, token) is not None:
            db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if not has_answered(session, token):
            raise


def _thanks_redirect(session: WorkshopSession, token: str) -> Response:
    response = redirect(url_for(".thanks", code=session.join_code))
    return remember_token(response, token)
