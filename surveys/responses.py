"""Recording anonymous responses: in one go, or one question at a time."""

from collections.abc import Mapping

from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Answer, AnsweredQuestion, Question, Response
from surveys.participant_form import field_name
from surveys.tallies import count_answers, count_respondent, count_response


def record_response(
    questionnaire, dimensions: dict[str, str], form_data: Mapping
) -> Response:
    """Store one response: its breakdown dimensions and one row per answer value.

    ``form_data`` maps field names (``q_<id>``) to validated data, as
    ``form.data`` does; unanswered questions store nothing. The results' tallies
    count the response in the same transaction.
    """
    response = _new_response(questionnaire, dimensions)
    for question in questionnaire.questions:
        response.answers.extend(_answers(question, form_data.get(field_name(question))))
    db.session.add(response)
    db.session.flush()
    count_response(response)
    return response


def start_response(
    questionnaire, dimensions: dict[str, str], resume_key: str
) -> Response:
    """Store a response without answers yet, to be completed question by
    question (``add_answer``) by whoever holds ``resume_key``'s secret.

    It counts as a respondent from now on: a live session's participants are
    counted as soon as they have said who they are.
    """
    response = _new_response(questionnaire, dimensions)
    response.resume_key = resume_key
    db.session.add(response)
    db.session.flush()
    count_respondent(response)
    return response


def find_resumable(questionnaire, resume_key: str) -> Response | None:
    """The response started with ``resume_key``, if any."""
    return db.session.execute(
        select(Response).where(
            Response.questionnaire_id == questionnaire.id,
            Response.resume_key == resume_key,
        )
    ).scalar_one_or_none()


def add_answer(response: Response, question: Question, data) -> None:
    """Add the validated answer to one question (``None`` or empty: skipped).

    The caller checks first that the question is not answered yet; a concurrent second
    answer to the same question fails on the primary key of
    ``AnsweredQuestion`` (IntegrityError), so a retried submission never counts
    twice.
    """
    db.session.add(AnsweredQuestion(response_id=response.id, question_id=question.id))
    answers = _answers(question, data)
    for answer in answers:
        answer.response_id = response.id
        db.session.add(answer)
    db.session.flush()
    count_answers(response, answers)


def _new_response(questionnaire, dimensions: dict[str, str]) -> Response:
    if not all(isinstance(value, str) for value in dimensions.values()):
        raise TypeError("response dimensions must be strings")
    return Response(questionnaire_id=questionnaire.id, dimensions=dict(dimensions))


def _answers(question: Question, data) -> list[Answer]:
    return [
        Answer(
            question_id=question.id,
            option_code=value.option_code,
            number=value.number,
            text=value.text,
        )
        for value in question.type.to_answers(question, data)
    ]
