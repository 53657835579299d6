"""Facilitator-paced sessions on the phone: who answers, then the question the
facilitator shows, one at a time; a waiting page in between."""

from flask import (
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from facilitator.extensions import db
from surveys.models import Question
from surveys.participant_form import field_name
from surveys.responses import add_answer
from workshops.models import WorkshopSession
from workshops.participant.browser import (
    Profile,
    keep_browser_session,
    participant_token,
    remember_profile,
    remember_token,
    remembered_profile,
)
from workshops.participant.forms import (
    make_profile_form,
    make_question_form,
    scale_ends,
)
from workshops.participant.page_cache import cached_page, session_key
from workshops.participant.questions import is_asked_to, offered_working_group
from workshops.participant.services import (
    find_standing,
    find_started_response,
    has_answered,
    response_dimensions,
    start_paced_response,
)

# Why a phone waits: the session's state, or where the participant stands.
WAITING_REASONS = ("draft", "paused", "first", "next", "answered", "other_group")


def waiting_page(session: WorkshopSession, reason: str, working_group=None) -> str:
    """A page that follows the session (with JavaScript) or offers a button."""
    return cached_page(
        ("waiting", session_key(session), reason, _group_key(working_group)),
        "",
        lambda: render_template(
            "workshops/participant/waiting.html",
            session=session,
            reason=reason,
            working_group=working_group,
        ),
    )


def show_current(session: WorkshopSession) -> Response:
    """GET of an open facilitator-paced session: profile, question or waiting."""
    token = participant_token()
    return remember_token(make_response(_current_page(session, token)), token)


def _current_page(session: WorkshopSession, token: str) -> str:
    """What the phone shows now. Every phone of the room asks at each new
    question, so this reads one row of the response and what it answered
    (``find_standing``) and the question's own reservations, nothing more."""
    standing = find_standing(session, token, session.current_question_id)
    if standing is None:
        if has_answered(session, token):
            return _answered_page(session)
        form = make_profile_form(session, token=token)
        _prefill_profile(form, remembered_profile(session))
        return _profile_page(session, form)
    if standing.submitted:
        return _answered_page(session)
    working_group_id = standing.working_group_id
    working_group = _working_group(session, working_group_id)
    question = session.current_question
    if question is None:
        return waiting_page(session, "next" if standing.answered_any else "first")
    if not is_asked_to(question, working_group_id):
        return waiting_page(session, "other_group", working_group)
    if standing.answered_question:
        return waiting_page(session, "answered", working_group)
    keep_browser_session()
    return cached_page(
        (
            "question",
            session_key(session),
            _question_key(question),
            _group_key(working_group),
        ),
        token,
        lambda: _question_page(
            session, question, make_question_form(question, token=token), working_group
        ),
    )


def submit_profile(session: WorkshopSession) -> Response:
    """POST of the profile: start the browser's response once, then follow."""
    if not session.is_paced:
        return redirect(_page_url(session))
    form = make_profile_form(session)
    token = participant_token(form.token.data)
    form.token.data = token
    if session.is_open and form.validate_on_submit():
        profile = Profile(
            session.territory_id or form.territory.data,
            form.group.data,
            form.working_group.data if session.working_groups else None,
        )
        _start_once(session, profile, token)
        remember_profile(session, profile)
        return _follow(session, token)
    page = _profile_page(session, form, posted=True)
    return _posted_page(session, page, token)


def answer_question(session: WorkshopSession, question_id: int) -> Response:
    """POST of one question: recorded once, whether current or a late retry."""
    question = db.session.get(Question, question_id)
    if question is None or question.questionnaire_id != (
        session.workshop.questionnaire_id
    ):
        abort(404)
    form = make_question_form(question)
    token = participant_token(form.token.data)
    form.token.data = token
    standing = find_standing(session, token, question.id)
    if standing is None:
        return _follow(session, token)
    working_group_id = standing.working_group_id
    if not is_asked_to(question, working_group_id):
        abort(404)
    if standing.answered_question:
        return _follow(session, token)
    if session.is_open:
        answered = (question.id, working_group_id)
        if not question.required and form.skip_submitted():
            _answer_once(standing.response, question, None, skip=True)
            return _follow(session, token, answered)
        if form.validate_on_submit():
            _answer_once(standing.response, question, form[field_name(question)].data)
            return _follow(session, token, answered)
    working_group = _working_group(session, working_group_id)
    page = _question_page(session, question, form, working_group, posted=True)
    return _posted_page(session, page, token)


def _answer_once(response, question, data, skip: bool = False) -> None:
    """Add the answer and commit; a replayed submission counts once."""
    try:
        add_answer(response, question, data)
        db.session.commit()
    except IntegrityError:
        # The same answer arrived twice at once: the first one counts.
        db.session.rollback()
    else:
        flash(_("Question passée.") if skip else _("Réponse enregistrée."))


def _start_once(session: WorkshopSession, profile: Profile, token: str) -> None:
    dimensions = response_dimensions(
        session, profile.territory_id, profile.group_id, profile.working_group_id
    )
    try:
        start_paced_response(session, dimensions, token)
        db.session.commit()
    except IntegrityError:
        # Two taps on « Commencer » at once: the first one started the response.
        db.session.rollback()
        if find_started_response(session, token) is None:
            raise


def _follow(
    session: WorkshopSession,
    token: str,
    answered: tuple[int, int | None] | None = None,
) -> Response:
    """After a POST, what the phone shows now.

    ``participant.js`` sends its forms with fetch and says so: it gets the page
    at once, saving every phone of the room a second request per question. A
    plain form gets a redirect to it, so that reloading never posts again.
    ``answered``: the question just answered and the phone's working group.
    """
    if request.headers.get("X-Requested-With") != "fetch":
        return remember_token(redirect(_page_url(session)), token)
    if (
        answered is not None
        and session.is_open
        and session.current_question_id == answered[0]
    ):
        # The usual case, the question still shown: nothing to read again.
        working_group = _working_group(session, answered[1])
        page = waiting_page(session, "answered", working_group)
    else:
        page = _current_page(session, token)
    return _posted_page(session, page, token)


def _posted_page(session: WorkshopSession, page: str, token: str) -> Response:
    """A page answering a POST, with the address to show for it (the session's,
    which a reload can GET)."""
    response = make_response(page)
    response.headers["Content-Location"] = _page_url(session)
    return remember_token(response, token)


def _page_url(session: WorkshopSession) -> str:
    return url_for("participant.answer_session", code=session.join_code)


def _working_group(session: WorkshopSession, working_group_id: int | None):
    if working_group_id is None:
        return None
    return offered_working_group(session, working_group_id)


def _answered_page(session: WorkshopSession) -> str:
    return render_template("workshops/participant/answered.html", session=session)


def _prefill_profile(form, profile: Profile | None) -> None:
    if profile is None or form.is_submitted():
        return
    if form.territory is not None:
        form.territory.data = profile.territory_id
    form.group.data = profile.group_id
    if form.working_group is not None:
        form.working_group.data = profile.working_group_id


def _profile_page(session: WorkshopSession, form, posted: bool = False) -> str:
    """The profile form; ``posted``: shown again with what the phone sent."""
    keep_browser_session()
    return render_template(
        "workshops/participant/profile.html",
        session=session,
        workshop=session.workshop,
        form=form,
        posted=posted,
        held=posted and not session.is_open,
    )


def _question_page(
    session: WorkshopSession, question, form, working_group, posted: bool = False
) -> str:
    """One question; ``posted``: shown again with the answer the phone sent."""
    keep_browser_session()
    return render_template(
        "workshops/participant/question.html",
        session=session,
        workshop=session.workshop,
        question=question,
        field=form[field_name(question)],
        form=form,
        working_group=working_group,
        posted=posted,
        held=posted and not session.is_open,
        scale_ends=scale_ends,
    )


def _question_key(question) -> tuple:
    """What the question page shows of the question."""
    return (
        question.id,
        question.qtype,
        question.label,
        question.help_text,
        question.section,
        question.required,
        question.min_value,
        question.max_value,
        tuple(question.type.choices(question)),
    )


def _group_key(working_group) -> tuple:
    if working_group is None:
        return ()
    return (working_group.id, working_group.name, working_group.prompt)
