"""Recording anonymous responses."""

from collections.abc import Mapping

from facilitator.extensions import db
from surveys.models import Answer, Response
from surveys.participant_form import field_name
from surveys.tallies import count_response


def record_response(
    questionnaire, dimensions: dict[str, str], form_data: Mapping
) -> Response:
    """Store one response: its breakdown dimensions and one row per answer value.

    ``form_data`` maps field names (``q_<id>``) to validated data, as
    ``form.data`` does; unanswered questions store nothing. The results' tallies
    count the response in the same transaction.
    """
    if not all(isinstance(value, str) for value in dimensions.values()):
        raise TypeError("response dimensions must be strings")
    response = Response(questionnaire_id=questionnaire.id, dimensions=dict(dimensions))
    for question in questionnaire.questions:
        data = form_data.get(field_name(question))
        for value in question.type.to_answers(question, data):
            response.answers.append(
                Answer(
                    question_id=question.id,
                    option_code=value.option_code,
                    number=value.number,
                    text=value.text,
                )
            )
    db.session.add(response)
    db.session.flush()
    count_response(response)
    return response
