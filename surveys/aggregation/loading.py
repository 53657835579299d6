"""Reads of the counts, grouped by question, value and dimension values.

Counts come from the tallies (``surveys.tallies``): a few rows per set of
dimension values, however many responses there are. Each function returns a
small DataFrame with one ``dim_<i>`` column per requested dimension (the raw
strings responses carry, None when a response lacks the key), only for the
responses matching ``filters``.
"""

import json
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd
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


def dimension_columns(keys: Sequence[str]) -> list[str]:
    return [f"dim_{index}" for index in range(len(keys))]


def response_counts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """Responses per combination of dimension values: dims..., responses."""
    stmt = select(ResponseTally.dimensions, ResponseTally.count).where(
        ResponseTally.questionnaire_id == questionnaire_id
    )
    return _counts(stmt, [], "responses", filters, keys)


def respondent_counts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> pd.DataFrame:
    """Responses that answered each question: question_id, dims..., respondents."""
    stmt = _of_questionnaire(
        select(
            QuestionTally.question_id, QuestionTally.dimensions, QuestionTally.count
        ),
        QuestionTally,
        questionnaire_id,
        question_ids,
    )
    return _counts(stmt, ["question_id"], "respondents", filters, keys)


def option_counts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> pd.DataFrame:
    """Respondents per option: question_id, option_code, dims..., count."""
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
    return _counts(stmt, ["question_id", "option_code"], "count", filters, keys)


def number_counts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> pd.DataFrame:
    """How often each number was given: question_id, number, dims..., count."""
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
    return _counts(stmt, ["question_id", "number"], "count", filters, keys)


def texts(
    questionnaire_id: int,
    filters: dict[str, str],
    keys: Sequence[str],
    question_ids: Collection[int] | None = None,
) -> pd.DataFrame:
    """Every non-empty text answer: question_id, dims..., text (unordered).

    Only the answers to text questions are read (through the index on
    ``answers.question_id``); only those of ``question_ids`` when given.
    """
    columns = ["question_id", *dimension_columns(keys), "text"]
    wanted = _text_question_ids(questionnaire_id)
    if question_ids is not None:
        asked = set(question_ids)
        wanted = [id_ for id_ in wanted if id_ in asked]
    if not wanted:
        return pd.DataFrame(columns=columns)
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
    frame = _frame(stmt, ["question_id", "dimensions", "text"])
    return _expand(frame, filters, keys)[columns]


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


def _counts(
    stmt: Select,
    by: list[str],
    value: str,
    filters: dict[str, str],
    keys: Sequence[str],
) -> pd.DataFrame:
    """Tally rows summed per (*by, *dims) over the responses matching ``filters``."""
    frame = _expand(_frame(stmt, [*by, "dimensions", value]), filters, keys)
    group = [*by, *dimension_columns(keys)]
    if frame.empty:
        return frame[[*group, value]]
    summed = frame.groupby(group, sort=False, dropna=False)[value].sum()
    return summed.reset_index()


def _expand(
    frame: pd.DataFrame, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """Replace the ``dimensions`` JSON column by ``dim_<i>`` columns, filtered.

    Each distinct JSON text is decoded once, however many rows carry it.
    """
    codes, uniques = pd.factorize(frame["dimensions"], use_na_sentinel=False)
    decoded = [json.loads(text) if text else {} for text in uniques]
    matching = np.array(
        [all(d.get(k) == v for k, v in filters.items()) for d in decoded], dtype=bool
    )
    selected = matching[codes] if len(codes) else np.zeros(0, dtype=bool)
    expanded = frame.loc[selected].drop(columns="dimensions")
    codes = codes[selected]
    for column, key in zip(dimension_columns(keys), keys, strict=True):
        values = np.array([d.get(key) for d in decoded], dtype=object)
        expanded[column] = values[codes]
    return expanded


def _frame(stmt: Select, columns: list[str]) -> pd.DataFrame:
    # Plain rows from the session's connection: the ORM's row handling costs
    # more than the query with tens of thousands of texts. Writes are flushed
    # by the services that make them.
    rows = db.session.connection().execute(stmt).all()
    if not rows:
        return pd.DataFrame(columns=columns)
    # Column by column: much faster than DataFrame.from_records on many rows.
    return pd.DataFrame(dict(zip(columns, zip(*rows, strict=True), strict=True)))
