"""Which questions a participant is asked, by working group."""

from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Question
from workshops.models import WorkingGroup, WorkshopSession, working_group_questions


def reserved_question_ids(session: WorkshopSession) -> dict[int, set[int]]:
    """The questions reserved to some working groups: question id -> group ids."""
    links = working_group_questions.c
    rows = db.session.execute(
        select(links.question_id, links.working_group_id)
        .join(WorkingGroup, WorkingGroup.id == links.working_group_id)
        .where(WorkingGroup.workshop_id == session.workshop_id)
    )
    reserved: dict[int, set[int]] = {}
    for question_id, working_group_id in rows:
        reserved.setdefault(question_id, set()).add(working_group_id)
    return reserved


def is_asked(
    question: Question, working_group_id: int | None, reserved: dict[int, set[int]]
) -> bool:
    """Whether a member of the working group (None: of no group) is asked it."""
    groups = reserved.get(question.id)
    return groups is None or working_group_id in groups


def is_asked_to(question: Question, working_group_id: int | None) -> bool:
    """``is_asked`` for one question, reading only its own reservations."""
    links = working_group_questions.c
    groups = set(
        db.session.execute(
            select(links.working_group_id).where(links.question_id == question.id)
        ).scalars()
    )
    return not groups or working_group_id in groups


def asked_questions(
    session: WorkshopSession, working_group_id: int | None
) -> list[Question]:
    """The questions asked to everyone, plus those reserved to the working group."""
    reserved = reserved_question_ids(session)
    return [
        question
        for question in session.workshop.questionnaire.questions
        if is_asked(question, working_group_id, reserved)
    ]


def offered_working_group(
    session: WorkshopSession, working_group_id: int | None
) -> WorkingGroup | None:
    """The session's working group with this id, if the session offers it."""
    for working_group in session.working_groups:
        if working_group.id == working_group_id:
            return working_group
    return None
