"""Reads shared by the workshop features, with ownership checks."""

from flask import abort
from flask_login import current_user
from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Question, Response
from workshops.models import Workshop, WorkshopSession


def get_owned_workshop_or_404(workshop_id: int) -> Workshop:
    """The workshop, if the logged-in facilitator owns it; 404 otherwise."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.owner_id != current_user.id:
        abort(404)
    return workshop


def get_owned_session_or_404(workshop: Workshop, session_id: int) -> WorkshopSession:
    """A session of an owned workshop; 404 when it belongs elsewhere."""
    session = db.session.get(WorkshopSession, session_id)
    if session is None or session.workshop_id != workshop.id:
        abort(404)
    return session


def get_owned_question_or_404(workshop: Workshop, question_id: int) -> Question:
    """A question of an owned workshop's questionnaire; 404 otherwise."""
    question = db.session.get(Question, question_id)
    if question is None or question.questionnaire_id != workshop.questionnaire_id:
        abort(404)
    return question


def get_open_session_by_code(code: str) -> WorkshopSession | None:
    """The session a join code designates, whatever its state."""
    return db.session.execute(
        select(WorkshopSession).where(WorkshopSession.join_code == code.upper())
    ).scalar_one_or_none()


def count_responses(workshop: Workshop) -> int:
    """How many responses the workshop's questionnaire has received."""
    return db.session.execute(
        select(func.count(Response.id)).where(
            Response.questionnaire_id == workshop.questionnaire_id
        )
    ).scalar_one()
