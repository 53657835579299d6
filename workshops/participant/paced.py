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
from flask import session as browser_session
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from facilitator.extensions import db
from surveys.models import Question
from surveys.participant_form import field_name
from surveys.responses import add_answer, answered_question_ids
from workshops.models import WorkshopSession
from workshops.participant.browser import (
    Profile,
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
from workshops.participant.questions import (
    is_asked,
    offered_working_group,
    reserved_question_ids,
)
from workshops.participant.services import (
    find_started_response,
    has_answered,
    response_dimensions,
    start_paced_response,
)

# Why a phone waits: the session's state, or where the participant stands.
WAITING_REASONS = ("draft", "paused", "first", "next", "answered", "other_group")


def waiting_page(session: WorkshopSession, reason: str, working_group=None) -> str:
    """A page that follows the session (with JavaScript) or offers a button."""
    return render_template(
        "workshops/participant/waiting.html",
        session=session,
        reason=reason,
        working_group=working_group,
    )


def show_current(session: WorkshopSession) -> Response:
    """GET of an open facilitator-paced session: profile, question or waiting."""
    token = participant_token()
    if has_answered(session, token):
        page = render_template("workshops/participant/answered.html", session=session)
    else:
        page = _current_page(session, token)
    return remember_token(make_response(page), token)


def _current_page(session: WorkshopSession, token: str) -> str:
    response = find_started_response(session, token)
    if response is None:
        form = make_profile_form(session, token=token)
        _prefill_profile(form, remembered_profile(session))
        return _profile_page(session, form)
    working_group_id = _working_group_id(response)
    working_group = offered_working_group(session, working_group_id)
    question = session.current_question
    if question is None:
        return waiting_page(session, "next" if _answered(response) else "first")
    if not is_asked(question, working_group_id, reserved_question_ids(session)):
        return waiting_page(session, "other_group", working_group)
    if question.id in answered_question_ids(response):
        return waiting_page(session, "answered", working_group)
    form = make_question_form(question, token=token)
    return _question_page(session, question, form, working_group)


def submit_profile(session: WorkshopSession) -> Response:
    """POST of the profile: start the browser's response once, then follow."""
    if not session.is_paced:
        return _follow(session)
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
        return remember_token(_follow(session), token)
    return remember_token(make_response(_profile_page(session, form)), token)


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
    response = find_started_response(session, token)
    if response is None:
        return remember_token(_follow(session), token)
    working_group_id = _working_group_id(response)
    if not is_asked(question, working_group_id, reserved_question_ids(session)):
        abort(404)
    if question.id in answered_question_ids(response):
        return remember_token(_follow(session), token)
    if session.is_open:
        if not question.required and form.skip_submitted():
            return _answer_once(session, response, question, None, token, skip=True)
        if form.validate_on_submit():
            data = form[field_name(question)].data
            return _answer_once(session, response, question, data, token)
    working_group = offered_working_group(session, working_group_id)
    page = _question_page(session, question, form, working_group)
    return remember_token(make_response(page), token)


def _answer_once(
    session, response, question, data, token: str, skip: bool = False
) -> Response:
    """Add the answer and commit; a replayed submission counts once."""
    try:
        add_answer(response, question, data)
        db.session.commit()
    except IntegrityError:
        # The same answer arrived twice at once: the first one counts.
        db.session.rollback()
    else:
        flash(_("Question passée.") if skip else _("Réponse enregistrée."))
    return remember_token(_follow(session), token)


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


def _follow(session: WorkshopSession) -> Response:
    return redirect(url_for("participant.answer_session", code=session.join_code))


def _answered(response) -> bool:
    return bool(answered_question_ids(response))


def _working_group_id(response) -> int | None:
    value = response.dimensions.get("working_group") or ""
    return int(value) if value.isdigit() else None


def _prefill_profile(form, profile: Profile | None) -> None:
    if profile is None or form.is_submitted():
        return
    if form.territory is not None:
        form.territory.data = profile.territory_id
    form.group.data = profile.group_id
    if form.working_group is not None:
        form.working_group.data = profile.working_group_id


def _profile_page(session: WorkshopSession, form) -> str:
    # Keep the CSRF secret when a cheap phone kills the browser in background.
    browser_session.permanent = True
    return render_template(
        "workshops/participant/profile.html",
        session=session,
        workshop=session.workshop,
        form=form,
        held=request.method == "POST" and not session.is_open,
    )


def _question_page(session: WorkshopSession, question, form, working_group) -> str:
    browser_session.permanent = True
    return render_template(
        "workshops/participant/question.html",
        session=session,
        workshop=session.workshop,
        question=question,
        field=form[field_name(question)],
        form=form,
        working_group=working_group,
        held=request.method == "POST" and not session.is_open,
        scale_ends=scale_ends,
    )
