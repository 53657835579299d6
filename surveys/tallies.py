"""Running counts of the answers per set of dimension values.

Every response adds one to the tallies it falls in, in the transaction that
records it, so the results read a few rows per breakdown cell however many
responses there are. The increments are upserts (``count = count + 1``), so
submissions committed at the same time by several processes all count.

Responses are never deleted one by one; deleting a question or a questionnaire
deletes its tallies with it (ON DELETE CASCADE). ``rebuild_tallies`` recomputes
a questionnaire's tallies from its answers, to repair them.
"""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

import numpy as np
import pandas as pd
from sqlalchemy import Text, cast, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from facilitator.extensions import db
from surveys.models import (
    Answer,
    NumberTally,
    OptionTally,
    Question,
    Questionnaire,
    QuestionTally,
    Response,
    ResponseTally,
)

# The columns that identify a tally row (its unique constraint).
_KEYS = {
    ResponseTally: ("questionnaire_id", "dimensions"),
    QuestionTally: ("question_id", "dimensions"),
    OptionTally: ("question_id", "option_code", "dimensions"),
    NumberTally: ("question_id", "number", "dimensions"),
}
_UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def dimensions_key(dimensions: Mapping[str, str]) -> str:
    """The canonical JSON of a response's dimensions: sorted keys, no spaces."""
    return json.dumps(
        dict(dimensions), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def count_response(response: Response) -> None:
    """Add a flushed response and its answers to the tallies."""
    count_respondent(response)
    count_answers(response, response.answers)


def count_respondent(response: Response) -> None:
    """Add a flushed response, without its answers, to the response tallies."""
    _increment(
        ResponseTally,
        [
            {
                "questionnaire_id": response.questionnaire_id,
                "dimensions": dimensions_key(response.dimensions),
                "count": 1,
            }
        ],
    )


def count_answers(response: Response, answers: Iterable[Answer]) -> None:
    """Add answers of a counted response to the question tallies; the answers
    must be to questions the tallies do not count for this response yet."""
    key = dimensions_key(response.dimensions)
    answers = list(answers)
    # A respondent counts once per question and once per option chosen.
    questions = {answer.question_id for answer in answers}
    options = {
        (answer.question_id, answer.option_code)
        for answer in answers
        if answer.option_code is not None
    }
    numbers = Counter(
        (answer.question_id, answer.number)
        for answer in answers
        if answer.number is not None
    )
    # Rows in a fixed order, so that concurrent transactions lock them in the
    # same order and cannot deadlock (PostgreSQL).
    _increment(
        QuestionTally,
        [{"question_id": q, "dimensions": key, "count": 1} for q in sorted(questions)],
    )
    _increment(
        OptionTally,
        [
            {"question_id": q, "option_code": code, "dimensions": key, "count": 1}
            for q, code in sorted(options)
        ],
    )
    _increment(
        NumberTally,
        [
            {"question_id": q, "number": number, "dimensions": key, "count": count}
            for (q, number), count in sorted(numbers.items())
        ],
    )


def _increment(model: type[db.Model], rows: list[dict]) -> None:
    """Insert the rows, or add their count to the rows already there."""
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    db.session.execute(_upsert(model, dialect), rows)


@cache
def _upsert(model: type[db.Model], dialect: str):
    """The tally's upsert statement, built once: every answer runs it."""
    table = model.__table__
    stmt = _UPSERTS[dialect](table)
    return stmt.on_conflict_do_update(
        index_elements=list(_KEYS[model]),
        set_={"count": table.c.count + stmt.excluded.count},
    )


def rebuild_tallies(questionnaire: Questionnaire) -> None:
    """Recompute a questionnaire's tallies from its responses and answers."""
    delete_tallies(questionnaire.id)
    responses = _frame(
        select(Response.id, cast(Response.dimensions, Text)).where(
            Response.questionnaire_id == questionnaire.id
        ),
        ["response_id", "raw"],
    )
    responses["dimensions"] = canonical_keys(responses["raw"])
    answers = _frame(
        select(
            Answer.response_id, Answer.question_id, Answer.option_code, Answer.number
        )
        .join(Response, Answer.response_id == Response.id)
        .where(Response.questionnaire_id == questionnaire.id),
        ["response_id", "question_id", "option_code", "number"],
    )
    answers["dimensions"] = answers["response_id"].map(
        responses.set_index("response_id")["dimensions"]
    )
    responses["questionnaire_id"] = questionnaire.id
    insert_tallies(tally_rows(responses, answers))


def tally_rows(
    responses: pd.DataFrame, answers: pd.DataFrame
) -> dict[type[db.Model], pd.DataFrame]:
    """Every tally row of some responses, as ``count_response`` would add them.

    ``responses`` has questionnaire_id and dimensions (canonical keys) columns;
    ``answers`` has response_id, question_id, option_code, number, dimensions.
    """
    respondents = answers.drop_duplicates(["response_id", "question_id"])
    chosen = answers[answers["option_code"].notna()].drop_duplicates(
        ["response_id", "question_id", "option_code"]
    )
    numbers = answers[answers["number"].notna()]
    return {
        ResponseTally: _counts(responses, _KEYS[ResponseTally]),
        QuestionTally: _counts(respondents, _KEYS[QuestionTally]),
        OptionTally: _counts(chosen, _KEYS[OptionTally]),
        NumberTally: _counts(numbers, _KEYS[NumberTally]),
    }


def _counts(frame: pd.DataFrame, keys: Iterable[str]) -> pd.DataFrame:
    return frame.groupby(list(keys), sort=False).size().rename("count").reset_index()


def insert_tallies(rows: Mapping[type[db.Model], pd.DataFrame]) -> None:
    """Bulk insert tally rows where there are none yet (see ``tally_rows``)."""
    for model, frame in rows.items():
        if frame.empty:
            continue
        records = frame.astype(object).to_dict("records")
        db.session.execute(insert(model.__table__), records)


def delete_tallies(questionnaire_id: int) -> None:
    """Forget every tally of a questionnaire."""
    question_ids = select(Question.id).where(
        Question.questionnaire_id == questionnaire_id
    )
    for model in (QuestionTally, OptionTally, NumberTally):
        table = model.__table__
        db.session.execute(delete(table).where(table.c.question_id.in_(question_ids)))
    table = ResponseTally.__table__
    db.session.execute(
        delete(table).where(table.c.questionnaire_id == questionnaire_id)
    )


def canonical_keys(raw: pd.Series) -> pd.Series:
    """Canonical keys of stored dimensions JSON, each distinct text decoded once."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    keys = np.array(
        [dimensions_key(json.loads(text) if text else {}) for text in uniques],
        dtype=object,
    )
    return pd.Series(keys[codes], index=raw.index, dtype=object)


def _frame(stmt, columns: list[str]) -> pd.DataFrame:
    rows = db.session.execute(stmt).all()
    return pd.DataFrame.from_records(rows, columns=columns)
