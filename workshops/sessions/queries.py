"""Reads for sessions: how many responses each one has received."""

from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Response
from workshops.models import Workshop, WorkshopSession


def response_counts_by_session(workshop: Workshop) -> dict[int, int]:
    """Responses per session id of the workshop, in one grouped query."""
    session_key = Response.dimensions["session"].as_string()
    rows = db.session.execute(
        select(session_key, func.count(Response.id))
        .where(Response.questionnaire_id == workshop.questionnaire_id)
        .group_by(session_key)
    ).all()
    counts = {key: count for key, count in rows if key}
    return {session.id: counts.get(str(session.id), 0) for session in workshop.sessions}


def count_session_responses(session: WorkshopSession) -> int:
    """How many responses were recorded in this session."""
    return db.session.execute(
        select(func.count(Response.id)).where(
            Response.questionnaire_id == session.workshop.questionnaire_id,
            Response.dimensions["session"].as_string() == str(session.id),
        )
    ).scalar_one()
