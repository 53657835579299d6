"""Writes of the questionnaire editor that concern the workshop: which working
groups a question is reserved to (add and flush; the request commits)."""

from collections.abc import Collection

from facilitator.extensions import db
from surveys import services as survey_services
from surveys.models import Question
from workshops.models import Workshop


def add_workshop_question(
    workshop: Workshop, working_group_ids: Collection[int], **data
) -> Question:
    """Append a question to the workshop's questionnaire, reserved to the given
    working groups (none: asked to everyone)."""
    question = survey_services.add_question(workshop.questionnaire, **data)
    reserve_question(workshop, question, working_group_ids)
    return question


def update_workshop_question(
    workshop: Workshop,
    question: Question,
    working_group_ids: Collection[int],
    **data,
) -> None:
    """Change a question and the working groups it is reserved to."""
    survey_services.update_question(question, **data)
    reserve_question(workshop, question, working_group_ids)


def reserve_question(
    workshop: Workshop, question: Question, working_group_ids: Collection[int]
) -> None:
    """Reserve a question to exactly these working groups of the workshop."""
    for group in workshop.working_groups:
        reserved = question in group.questions
        if group.id in working_group_ids and not reserved:
            group.questions.append(question)
        elif group.id not in working_group_ids and reserved:
            group.questions.remove(question)
    db.session.flush()
