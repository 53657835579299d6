"""The "Données" table: one anonymous row per response, one column per question.

Rows are sorted by their dimension labels, then by the answers themselves, so
their order says nothing about when (or in which order) people answered.
"""

import math
from collections.abc import Iterable, Mapping, Sequence

from surveys.aggregation import Dimension
from surveys.exports.context import RecordTable
from surveys.exports.records import (
    fetch_answers,
    load_dimensions,
    option_labels,
    question_header,
)
from surveys.models import Question, Questionnaire

_LAST_TEXT = "\U0010ffff"
_LAST_NUMBER = math.inf


def build_record_table(
    questionnaire: Questionnaire,
    dimensions: Sequence[Dimension],
    filters: Mapping[str, str],
    threshold: int,
    cross: Sequence[str] = (),
) -> RecordTable:
    """Dimension labels, then each question's answer: option labels joined with
    "; ", a number, or the text as typed."""
    people = load_dimensions(questionnaire.id, dimensions, filters, threshold, cross)
    questions = list(questionnaire.questions)
    answers = _answers_by_response(
        fetch_answers(questionnaire.id),
        people["response_id"].tolist(),
        questions,
        option_labels(questionnaire),
    )
    labels = zip(*(people[f"{d.key}_label"] for d in dimensions), strict=True)
    rows = [
        (*(label or None for label in row_labels), *answers.pop(response_id))
        for response_id, row_labels in zip(people["response_id"], labels, strict=True)
    ]
    # Blanks last: after every text, after every number.
    last = [_LAST_TEXT] * len(dimensions) + [
        _LAST_NUMBER if _kind(question) == "number" else _LAST_TEXT
        for question in questions
    ]
    rows.sort(
        key=lambda row: tuple(
            end if value is None else value
            for value, end in zip(row, last, strict=True)
        )
    )
    return RecordTable(
        headers=[str(d.label) for d in dimensions]
        + [question_header(q) for q in questions],
        rows=rows,
        dimension_count=len(dimensions),
    )


def _answers_by_response(
    answers: Iterable[tuple],
    response_ids: list[int],
    questions: list[Question],
    labels: dict[tuple[int, str], tuple[int, str]],
) -> dict[int, list]:
    """{response id: one value per question (None when unanswered)}, in one pass
    over the stored answers."""
    slots = {q.id: (index, _kind(q)) for index, q in enumerate(questions)}
    values = {response_id: [None] * len(questions) for response_id in response_ids}
    unknown = len(labels)
    for response_id, question_id, code, number, text in answers:
        row = values.get(response_id)
        if row is None or question_id not in slots:
            continue
        index, kind = slots[question_id]
        if kind == "number" and number is not None:
            row[index] = float(number)
        elif kind == "choice" and code is not None:
            row[index] = labels.get((question_id, code), (unknown, code))[1]
        elif kind == "multiple" and code is not None:
            row[index] = row[index] or []
            row[index].append(labels.get((question_id, code), (unknown, code)))
        elif kind == "text" and text:
            row[index] = text
    multiple = [index for index, kind in slots.values() if kind == "multiple"]
    for row in values.values():
        for index in multiple:
            if row[index]:
                row[index] = "; ".join(label for _pos, label in sorted(row[index]))
    return values


def _kind(question: Question) -> str:
    qtype = question.type
    if qtype.is_numeric:
        return "number"
    if qtype.has_distribution:
        return "multiple" if qtype.multiple else "choice"
    return "text"
