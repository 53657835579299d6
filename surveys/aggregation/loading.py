"""SQL reads of the answers, grouped by question, value and dimension values.

Counting is done by the database; each function returns a small DataFrame with
one ``dim_<i>`` column per requested dimension (the raw strings responses carry).
"""

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Select, func, select

from facilitator.extensions import db
from surveys.models import Answer, Response


def dimension_columns(keys: Sequence[str]) -> list[str]:
    return [f"dim_{index}" for index in range(len(keys))]


def _dimension_exprs(keys: Sequence[str]) -> list:
    # JSON path access: json_extract on SQLite, ->> on PostgreSQL.
    return [Response.dimensions[key].as_string() for key in keys]


def _matching(stmt: Select, questionnaire_id: int, filters: dict[str, str]) -> Select:
    stmt = stmt.where(Response.questionnaire_id == questionnaire_id)
    for key, value in filters.items():
        stmt = stmt.where(Response.dimensions[key].as_string() == value)
    return stmt


def _frame(stmt: Select, columns: list[str]) -> pd.DataFrame:
    rows = db.session.execute(stmt).all()
    return pd.DataFrame.from_records(rows, columns=columns)


def response_counts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """Responses per combination of dimension values: dims..., responses."""
    dims = _dimension_exprs(keys)
    stmt = select(*dims, func.count(Response.id)).group_by(*dims)
    stmt = _matching(stmt, questionnaire_id, filters)
    return _frame(stmt, [*dimension_columns(keys), "responses"])


def respondent_counts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """Responses that answered each question: question_id, dims..., respondents."""
    dims = _dimension_exprs(keys)
    stmt = (
        select(Answer.question_id, *dims, func.count(Answer.response_id.distinct()))
        .join(Response, Answer.response_id == Response.id)
        .group_by(Answer.question_id, *dims)
    )
    stmt = _matching(stmt, questionnaire_id, filters)
    return _frame(stmt, ["question_id", *dimension_columns(keys), "respondents"])


def option_counts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """Respondents per option: question_id, option_code, dims..., count."""
    dims = _dimension_exprs(keys)
    stmt = (
        select(
            Answer.question_id,
            Answer.option_code,
            *dims,
            func.count(Answer.response_id.distinct()),
        )
        .join(Response, Answer.response_id == Response.id)
        .where(Answer.option_code.is_not(None))
        .group_by(Answer.question_id, Answer.option_code, *dims)
    )
    stmt = _matching(stmt, questionnaire_id, filters)
    return _frame(
        stmt, ["question_id", "option_code", *dimension_columns(keys), "count"]
    )


def number_counts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """How often each number was given: question_id, number, dims..., count."""
    dims = _dimension_exprs(keys)
    stmt = (
        select(Answer.question_id, Answer.number, *dims, func.count(Answer.id))
        .join(Response, Answer.response_id == Response.id)
        .where(Answer.number.is_not(None))
        .group_by(Answer.question_id, Answer.number, *dims)
    )
    stmt = _matching(stmt, questionnaire_id, filters)
    return _frame(stmt, ["question_id", "number", *dimension_columns(keys), "count"])


def texts(
    questionnaire_id: int, filters: dict[str, str], keys: Sequence[str]
) -> pd.DataFrame:
    """Every non-empty text answer: question_id, dims..., text (unordered)."""
    dims = _dimension_exprs(keys)
    stmt = (
        select(Answer.question_id, *dims, Answer.text)
        .join(Response, Answer.response_id == Response.id)
        .where(Answer.text.is_not(None), Answer.text != "")
    )
    stmt = _matching(stmt, questionnaire_id, filters)
    return _frame(stmt, ["question_id", *dimension_columns(keys), "text"])
