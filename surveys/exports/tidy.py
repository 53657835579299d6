"""The tidy CSV: one row per stored answer value, for R or pandas.

It is raw data: texts are kept exactly as typed (a text starting with "=" stays
so; spreadsheet users should open the workbook instead). Small groups are
merged like the "Données" sheet. ``response_key`` ties together the rows of one
response: a number drawn afresh for each export, never the database id, and
rows are sorted by it, so neither the key nor the order tells when someone
answered.
"""

import secrets
from collections.abc import Iterator, Mapping, Sequence

import pandas as pd

from surveys.aggregation import Dimension
from surveys.exports.records import load_answers, load_dimensions, option_labels
from surveys.models import Questionnaire

ANSWER_COLUMNS = [
    "response_key",
    "question_code",
    "question_type",
    "option_code",
    "option_label",
    "number",
    "text",
]
# Numeric columns, kept as they are (the others repeat a few values).
_NUMBERS = (
    "response_id",
    "response_order",
    "question_id",
    "question_position",
    "option_position",
    "number",
)


def tidy_columns(dimensions: Sequence[Dimension]) -> list[str]:
    """The CSV's columns: the answer, then each dimension's code and label."""
    columns = list(ANSWER_COLUMNS)
    for dimension in dimensions:
        columns += [dimension.key, f"{dimension.key}_label"]
    return columns


def build_tidy_frame(
    questionnaire: Questionnaire,
    dimensions: Sequence[Dimension],
    filters: Mapping[str, str],
    threshold: int,
    cross: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per answer value, in a random order of responses."""
    people = load_dimensions(questionnaire.id, dimensions, filters, threshold, cross)
    people["response_order"] = _shuffled(len(people))
    width = len(str(len(people)))
    people["response_key"] = "R" + people["response_order"].astype(str).str.zfill(width)
    people = _categorical(people, exclude=_NUMBERS)
    questions = list(questionnaire.questions)
    answers = load_answers(questionnaire.id, people["response_id"])
    answers = answers[answers["question_id"].isin([q.id for q in questions])]
    frame = answers.merge(people, on="response_id", how="inner")
    del answers
    frame = frame.merge(
        _options(questionnaire), on=["question_id", "option_code"], how="left"
    )
    position = {q.id: index for index, q in enumerate(questions)}
    frame["question_position"] = frame["question_id"].map(position)
    frame["question_code"] = _mapped(
        frame["question_id"], {q.id: q.code for q in questions}
    )
    frame["question_type"] = _mapped(
        frame["question_id"], {q.id: q.qtype for q in questions}
    )
    # A code no longer offered keeps its code as its label, after the others.
    missing = frame["option_label"].isna() & frame["option_code"].notna()
    if missing.any():
        labels = frame["option_label"].astype(object)
        labels[missing] = frame.loc[missing, "option_code"]
        frame["option_label"] = labels
    frame = _categorical(frame, exclude=(*_NUMBERS, "text"))
    frame = frame.sort_values(
        ["response_order", "question_position", "option_position"],
        kind="stable",
        na_position="last",
    )
    return frame[tidy_columns(dimensions)].reset_index(drop=True)


def _options(questionnaire: Questionnaire) -> pd.DataFrame:
    """question_id, option_code, option_position, option_label of every type."""
    records = [
        (question_id, code, position, label)
        for (question_id, code), (position, label) in option_labels(
            questionnaire
        ).items()
    ]
    return pd.DataFrame.from_records(
        records,
        columns=["question_id", "option_code", "option_position", "option_label"],
    )


def _mapped(ids: pd.Series, names: dict) -> pd.Series:
    return ids.map(names).astype("category")


def _categorical(frame: pd.DataFrame, exclude: Sequence[str]) -> pd.DataFrame:
    """Repeated values stored once each: a million rows stay light."""
    for column in frame.columns:
        if column not in exclude and frame[column].dtype != "category":
            frame[column] = frame[column].astype("category")
    return frame


def _shuffled(count: int) -> list[int]:
    """1..count handed out in a random order, drawn afresh for each export."""
    numbers = list(range(1, count + 1))
    secrets.SystemRandom().shuffle(numbers)
    return numbers


def tidy_csv_chunks(frame: pd.DataFrame, rows: int = 50_000) -> Iterator[bytes]:
    """The CSV, piece by piece: UTF-8 with a byte order mark (Excel then reads
    the accents), comma-separated, a header line first."""
    yield "\ufeff".encode()
    for start in range(0, max(len(frame), 1), rows):
        chunk = frame.iloc[start : start + rows]
        yield chunk.to_csv(
            index=False, header=start == 0, lineterminator="\r\n"
        ).encode()
