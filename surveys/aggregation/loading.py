"""Reads of the counts, grouped by question, value and dimension values.

Counts come from the tallies (``surveys.tallies``): a few rows per set of
dimension values, however many responses there are, so they are summed in
plain Python (a live refresh reads a few hundred rows; pandas' fixed cost per
operation would be most of its time). Each function returns
``{(*by values, *dimension values): count}``: the raw strings responses carry
for the requested dimension keys (None when a response lacks one), only for
the responses matching ``filters``.
"""

import json
from collections import defaultdict
from collections.abc import Collection, Sequence

from sqlalchemy import Select, Text, cast, select

from facilitator.extensions import db
from surveys.fields import get_question_type
from surveys.models import (
    Answer,
    NumberTally,
    OptionTally,
    Question,
    QuestionTally,
    Response,
    ResponseTally,
)

# {(*by values, *dimension values): count}
Counts = dict[tuple, int]


def response_counts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> Counts:
    """Responses per combination of dimension values: {(*dims): responses}."""
    stmt = select(ResponseTally.dimensions, ResponseTally.count).where(
        ResponseTally.questionnaire_id == questionnaire_id
    )
    return _counts(stmt, filters, keys)


def respondent_counts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> Counts:
    """Responses that answered each question: {(question_id, *dims): count}."""
    stmt = _of_questionnaire(
        select(
            QuestionTally.question_id, QuestionTally.dimensions, QuestionTally.count
        ),
        QuestionTally,
        questionnaire_id,
        question_ids,
    )
    return _counts(stmt, filters, keys)


def option_counts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> Counts:
    """Respondents per option: {(question_id, option_code, *dims): count}."""
    stmt = _of_questionnaire(
        select(
            OptionTally.question_id,
            OptionTally.option_code,
            OptionTally.dimensions,
            OptionTally.count,
        ),
        OptionTally,
        questionnaire_id,
        question_ids,
    )
    return _counts(stmt, filters, keys)


def number_counts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> Counts:
    """How often each number was given: {(question_id, number, *dims): count}."""
    stmt = _of_questionnaire(
        select(
            NumberTally.question_id,
            NumberTally.number,
            NumberTally.dimensions,
            NumberTally.count,
        ),
        NumberTally,
        questionnaire_id,
        question_ids,
    )
    return _counts(stmt, filters, keys)


def texts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> list[tuple]:
    """Every non-empty text answer: (question_id, *dims, text), unordered.

    Only the answers to text questions are read (through the index on
    ``answers.question_id``); only those of ``question_ids`` when given.
    """
    wanted = _text_question_ids(questionnaire_id)
    if question_ids is not None:
        asked = set(question_ids)
        wanted = [id_ for id_ in wanted if id_ in asked]
    if not wanted:
        return []
    stmt = (
        select(Answer.question_id, cast(Response.dimensions, Text), Answer.text)
        .join(Response, Answer.response_id == Response.id)
        .where(
            Answer.question_id.in_(wanted),
            Answer.text.is_not(None),
            Answer.text != "",
        )
    )
    # Filtered in SQL too: the texts, unlike the tallies, are many.
    for key, value in filters.items():
        stmt = stmt.where(Response.dimensions[key].as_string() == value)
    decode = _Dimensions(filters, keys)
    rows = []
    # Plain rows from the session's connection: the ORM's row handling costs
    # more than the query with tens of thousands of texts. Writes are flushed
    # by the services that make them.
    for question_id, dimensions, text in db.session.connection().execute(stmt):
        values = decode(dimensions)
        if values is not None:
            rows.append((question_id, *values, text))
    return rows


def _of_questionnaire(
    stmt: Select,
    model,
    questionnaire_id: int,
    question_ids: Collection[int] | None = None,
) -> Select:
    stmt = stmt.join(Question, Question.id == model.question_id).where(
        Question.questionnaire_id == questionnaire_id
    )
    if question_ids is not None:
        stmt = stmt.where(model.question_id.in_(list(question_ids)))
    return stmt


def _text_question_ids(questionnaire_id: int) -> list[int]:
    rows = db.session.execute(
        select(Question.id, Question.qtype).where(
            Question.questionnaire_id == questionnaire_id
        )
    ).all()
    return [id_ for id_, qtype in rows if get_question_type(qtype).is_text]


def _counts(stmt: Select, filters: dict[str, str], keys: Sequence[str]) -> Counts:
    """Sum tally rows selected as (*by, dimensions JSON, count) per (*by, *dims),
    over the responses matching ``filters``."""
    decode = _Dimensions(filters, keys)
    counts: defaultdict[tuple, int] = defaultdict(int)
    for *by, dimensions, count in db.session.connection().execute(stmt):
        values = decode(dimensions)
        if values is not None:
            counts[(*by, *values)] += count
    return dict(counts)


class _Dimensions:
    """A response's dimensions JSON -> its values for ``keys``, or None when
    it does not match ``filters``. Each distinct text is decoded once, however
    many rows carry it."""

    def __init__(self, filters: dict[str, str], keys: Sequence[str]) -> None:
        self.filters = filters
        self.keys = tuple(keys)
        self.known: dict[str | None, tuple | None] = {}

    def __call__(self, text: str | None) -> tuple | None:
        try:
            return self.known[text]
        except KeyError:
            pass
        decoded = json.loads(text) if text else {}
        values = None
        if all(decoded.get(key) == value for key, value in self.filters.items()):
            values = tuple(decoded.get(key) for key in self.keys)
        self.known[text] = values
        return values
