"""Reads of the questionnaire editor: what participants already answered, and
which working groups a question is reserved to."""

from sqlalchemy import distinct, func, select

from facilitator.extensions import db
from surveys.models import Answer, Question, Questionnaire
from workshops.models import Workshop


def count_question_respondents(question: Question) -> int:
    """How many responses answered the question."""
    return db.session.execute(
        select(func.count(distinct(Answer.response_id))).where(
            Answer.question_id == question.id
        )
    ).scalar_one()


def answered_option_codes(question: Question) -> set[str]:
    """The option codes that at least one answer chose."""
    return set(
        db.session.execute(
            select(Answer.option_code)
            .distinct()
            .where(Answer.question_id == question.id, Answer.option_code.is_not(None))
        ).scalars()
    )


def respondents_by_question(questionnaire: Questionnaire) -> dict[int, int]:
    """Question id -> number of responses that answered it (absent when none)."""
    rows = db.session.execute(
        select(Answer.question_id, func.count(distinct(Answer.response_id)))
        .join(Question, Question.id == Answer.question_id)
        .where(Question.questionnaire_id == questionnaire.id)
        .group_by(Answer.question_id)
    )
    return dict(rows.all())


def reserved_groups(workshop: Workshop) -> dict[int, list[str]]:
    """Question id -> names of the working groups it is reserved to (absent
    when asked to everyone)."""
    reserved: dict[int, list[str]] = {}
    for group in workshop.working_groups:
        for question in group.questions:
            reserved.setdefault(question.id, []).append(group.name)
    return reserved
