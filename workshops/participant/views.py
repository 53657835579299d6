"""The participant flow: join by code or QR, answer anonymously, thank-you."""

import hashlib

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.util import get_remote_address
from sqlalchemy.exc import IntegrityError

from facilitator.extensions import csrf, db, limiter
from workshops.models import SessionState, WorkshopSession
from workshops.participant import paced
from workshops.participant.browser import (
    Profile,
    keep_browser_session,
    participant_token,
    remember_profile,
    remember_token,
    remembered_profile,
)
from workshops.participant.forms import (
    JoinForm,
    count_answered,
    error_fields,
    make_answer_form,
    make_working_group_form,
    normalise_code,
    scale_ends,
)
from workshops.participant.questions import asked_questions, offered_working_group
from workshops.participant.services import (
    find_started_response,
    has_answered,
    submit_answers,
)
from workshops.participant.state import allow_failed_lookup, session_state_response
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
# The answer forms check their own CSRF token: an expired one re-shows the page
# with every answer kept, instead of an error page that would lose them.
@csrf.exempt
def answer_session(code: str):
    session = get_open_session_by_code(normalise_code(code))
    if session is None:
        return _unknown_code(code)
    if session.state is SessionState.CLOSED:
        return render_template("workshops/participant/closed.html", session=session)
    if request.method == "GET":
        if not session.is_open:
            return paced.waiting_page(session, reason=session.state.value)
        if session.is_paced:
            return paced.show_current(session)
    # A self-paced form posted after the session turned facilitator-paced is
    # still recorded: nothing the participant wrote is lost.
    return _answer_self_paced(session)


@bp.route("/j/<code>/groupe", methods=["GET"])
@failed_code_limit
def choose_working_group(code: str):
    session = get_open_session_by_code(normalise_code(code))
    if session is None:
        return _unknown_code(code)
    if not session.working_groups:
        return redirect(url_for(".answer_session", code=session.join_code))
    form = make_working_group_form(session, None)
    profile = remembered_profile(session)
    if profile is not None:
        form.groupe.data = profile.working_group_id
    return _working_group_page(session, form)


@bp.route("/j/<code>/profil", methods=["POST"])
@failed_code_limit
@csrf.exempt
def submit_profile(code: str):
    session = get_open_session_by_code(normalise_code(code))
    if session is None:
        return _unknown_code(code)
    if session.state is SessionState.CLOSED:
        return render_template("workshops/participant/closed.html", session=session)
    return paced.submit_profile(session)


@bp.route("/j/<code>/q/<int:question_id>", methods=["POST"])
@failed_code_limit
@csrf.exempt
def answer_question(code: str, question_id: int):
    session = get_open_session_by_code(normalise_code(code))
    if session is None:
        return _unknown_code(code)
    if session.state is SessionState.CLOSED:
        return render_template("workshops/participant/closed.html", session=session)
    return paced.answer_question(session, question_id)


@bp.route("/j/<code>/etat", methods=["GET"])
# Polled by every phone of the room: only failed look-ups are counted, by hand,
# so a known code costs the limiter nothing.
@limiter.exempt
@csrf.exempt
def session_state(code: str):
    response = session_state_response(normalise_code(code))
    if response is not None:
        return response
    if not allow_failed_lookup(_client_key()):
        return jsonify(error="too many attempts"), 429
    return jsonify(error="unknown code"), 404


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


def _answer_self_paced(session: WorkshopSession):
    working_group = _chosen_working_group(session)
    if session.working_groups and working_group is None:
        formdata = request.form if request.method == "POST" else request.args
        return _working_group_page(session, make_working_group_form(session, formdata))
    working_group_id = working_group.id if working_group else None
    questions = asked_questions(session, working_group_id)
    form = make_answer_form(session, questions, working_group_id)
    token = participant_token(form.token.data)
    form.token.data = token
    # A browser that answered question by question before the session turned
    # self-paced keeps that one response: the whole form would be a second.
    started = find_started_response(session, token) is not None
    if started or has_answered(session, token):
        if request.method == "POST":
            return _thanks_redirect(session, token)
        return render_template(
            "workshops/participant/answered.html", session=session, started=started
        )
    if session.is_open and form.validate_on_submit():
        _record_once(session, form, token)
        territory_id = session.territory_id or form.territory.data
        profile = Profile(territory_id, form.group.data, working_group_id)
        remember_profile(session, profile)
        return _thanks_redirect(session, token)
    page = _answer_page(session, form, questions, working_group)
    return remember_token(make_response(page), token)


def _chosen_working_group(session: WorkshopSession):
    """The working group picked at the previous step (a ``groupe`` value sent
    with the page), else the one this browser gave before, else None."""
    if not session.working_groups:
        return None
    formdata = request.form if request.method == "POST" else request.args
    choice = make_working_group_form(session, formdata)
    if choice.groupe.raw_data:
        return offered_working_group(session, choice.groupe.data)
    profile = remembered_profile(session)
    if profile is not None:
        return offered_working_group(session, profile.working_group_id)
    return None


def _working_group_page(session: WorkshopSession, form) -> str:
    if form.groupe.raw_data:
        form.validate()
    return render_template(
        "workshops/participant/working_group.html", session=session, form=form
    )


def _answer_page(session: WorkshopSession, form, questions, working_group) -> str:
    keep_browser_session()
    return render_template(
        "workshops/participant/answer.html",
        session=session,
        workshop=session.workshop,
        form=form,
        questions=questions,
        working_group=working_group,
        held=request.method == "POST" and not session.is_open,
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
