"""The "Données" table: one anonymous row per response, one column per question.

Rows are sorted by their dimension labels, then by the answers themselves, so
their order says nothing about when (or in which order) people answered.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pandas as pd

from surveys.aggregation import Dimension
from surveys.exports.context import RecordTable
from surveys.exports.records import (
    fetch_answers,
    load_dimensions,
    option_labels,
    question_header,
)
from surveys.models import Question, Questionnaire


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
    values = _values_by_question(
        fetch_answers(questionnaire.id),
        set(people["response_id"]),
        questions,
        option_labels(questionnaire),
    )
    labels = [f"{dimension.key}_label" for dimension in dimensions]
    table = people[["response_id", *labels]].set_index("response_id")
    table = table.join(pd.DataFrame(values), how="left")
    columns = [*labels, *(question.id for question in questions)]
    table = table.reindex(columns=columns)
    table = table.sort_values(columns, na_position="last", kind="stable")
    return RecordTable(
        headers=[str(d.label) for d in dimensions]
        + [question_header(q) for q in questions],
        rows=_rows(table),
        dimension_count=len(dimensions),
    )


def _values_by_question(
    answers: Iterable[tuple],
    wanted: set[int],
    questions: list[Question],
    labels: dict[tuple[int, str], tuple[int, str]],
) -> dict[int, dict[int, object]]:
    """{question id: {response id: value}}, in one pass over the answers."""
    kinds = {q.id: _kind(q) for q in questions}
    values: dict[int, dict[int, object]] = {q.id: {} for q in questions}
    chosen: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    unknown = len(labels)
    for response_id, question_id, code, number, text in answers:
        if response_id not in wanted:
            continue
        kind = kinds.get(question_id)
        if kind == "number" and number is not None:
            values[question_id][response_id] = float(number)
        elif kind == "choice" and code is not None:
            label = labels.get((question_id, code), (unknown, code))
            chosen[(question_id, response_id)].append(label)
        elif kind == "text" and text:
            values[question_id][response_id] = text
    for (question_id, response_id), options in chosen.items():
        joined = "; ".join(label for _position, label in sorted(options))
        values[question_id][response_id] = joined
    return values


def _kind(question: Question) -> str:
    qtype = question.type
    if qtype.is_numeric:
        return "number"
    return "choice" if qtype.has_distribution else "text"


def _rows(table: pd.DataFrame) -> Iterator[tuple]:
    """Plain tuples, None for no answer or a blanked value."""
    cleaned = table.astype(object).where(table.notna(), None).replace({"": None})
    yield from cleaned.itertuples(index=False, name=None)
