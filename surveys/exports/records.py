"""Individual anonymous rows of the responses (the "Données" sheet and the tidy
CSV), with small groups merged so that they cannot single anyone out.

Rule, applied to every dimension shown (territory, group, session, wave...):
a value held by fewer than ``threshold`` responses is merged into "Autres";
if "Autres" itself stays under the threshold it is left blank. Then, for the
breakdown pair (``cross``, e.g. territory x group), a combination under the
threshold has its second value merged the same way within the first. A blank
value (a response without a wave) is no group and is left as it is.
"""

import json
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice

import numpy as np
import pandas as pd
from flask_babel import gettext as _
from sqlalchemy import Text, cast, select

from facilitator.extensions import db
from surveys.aggregation import Dimension
from surveys.models import Answer, Question, Questionnaire, Response

# The code of merged values: not an id nor a wave name.
OTHER_CODE = "_other"
_BATCH = 100_000


def load_dimensions(
    questionnaire_id: int,
    dimensions: Sequence[Dimension],
    filters: Mapping[str, str],
    threshold: int,
    cross: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per matching response: ``response_id``, then for each dimension
    ``<key>`` (its code) and ``<key>_label``, small values merged."""
    stmt = select(Response.id, cast(Response.dimensions, Text)).where(
        Response.questionnaire_id == questionnaire_id
    )
    rows = list(iter_tuples(stmt))
    frame = pd.DataFrame.from_records(rows, columns=["response_id", "dimensions"])
    codes, uniques = pd.factorize(frame["dimensions"], use_na_sentinel=False)
    decoded = [json.loads(text) if text else {} for text in uniques]
    matching = np.array(
        [all(d.get(k) == v for k, v in filters.items()) for d in decoded], dtype=bool
    )
    selected = matching[codes] if len(codes) else np.zeros(0, dtype=bool)
    result = frame.loc[selected, ["response_id"]].reset_index(drop=True)
    codes = codes[selected]
    for dimension in dimensions:
        values = np.array(
            [str(d.get(dimension.key) or "") for d in decoded], dtype=object
        )
        result[dimension.key] = values[codes] if len(codes) else []
    for dimension in dimensions:
        result[dimension.key] = _merge_small(result[dimension.key], threshold)
    if len(cross) == 2:
        result[cross[1]] = _merge_small_within(result, cross[0], cross[1], threshold)
    for dimension in dimensions:
        result[f"{dimension.key}_label"] = _labels(result[dimension.key], dimension)
    return result


def _merge_small(codes: pd.Series, threshold: int) -> pd.Series:
    """Values under the threshold become "Autres", blank if "Autres" is too."""
    if threshold <= 1 or codes.empty:
        return codes
    counts = codes.map(codes.value_counts())
    small = (counts < threshold) & (codes != "")
    merged = codes.where(~small, OTHER_CODE)
    if 0 < int(small.sum()) < threshold:
        merged = merged.where(~small, "")
    return merged


def _merge_small_within(
    frame: pd.DataFrame, outer: str, inner: str, threshold: int
) -> pd.Series:
    """``inner`` values under the threshold within each ``outer`` value merged."""
    if threshold <= 1 or frame.empty:
        return frame[inner]
    return frame.groupby(outer, sort=False)[inner].transform(
        lambda codes: _merge_small(codes, threshold)
    )


def _labels(codes: pd.Series, dimension: Dimension) -> pd.Series:
    labels = {value: str(label) for value, label in dimension.values}
    labels.update({OTHER_CODE: _("Autres"), "": ""})
    other = str(dimension.other_label)
    return codes.map(lambda code: labels.get(code, other))


def fetch_answers(questionnaire_id: int) -> Iterator[tuple]:
    """Every stored value of the questionnaire's responses, as plain tuples:
    (response_id, question_id, option_code, number, text), read in batches."""
    stmt = (
        select(
            Answer.response_id,
            Answer.question_id,
            Answer.option_code,
            Answer.number,
            Answer.text,
        )
        .join(Response, Answer.response_id == Response.id)
        .where(Response.questionnaire_id == questionnaire_id)
    )
    return iter_tuples(stmt)


def load_answers(questionnaire_id: int, response_ids: pd.Series) -> pd.DataFrame:
    """The stored values of the given responses, as a DataFrame."""
    columns = ["response_id", "question_id", "option_code", "number", "text"]
    wanted = response_ids.to_numpy()
    parts = []
    rows = fetch_answers(questionnaire_id)
    while batch := list(islice(rows, _BATCH)):
        part = pd.DataFrame.from_records(batch, columns=columns)
        part = part[part["response_id"].isin(wanted)]
        # Option codes repeat a lot: stored once each.
        part["option_code"] = part["option_code"].astype("category")
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(parts, ignore_index=True)
    frame["option_code"] = frame["option_code"].astype(object).astype("category")
    return frame


def iter_tuples(stmt) -> Iterator[tuple]:
    """Rows as plain tuples from the session's own DB-API cursor (same
    transaction), a batch at a time: for millions of answers, several times
    faster and lighter than result rows."""
    connection = db.session.connection()
    sql = stmt.compile(
        dialect=connection.dialect, compile_kwargs={"literal_binds": True}
    )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(sql))
        while batch := cursor.fetchmany(_BATCH):
            yield from batch
    finally:
        cursor.close()


def option_labels(
    questionnaire: Questionnaire,
) -> dict[tuple[int, str], tuple[int, str]]:
    """{(question_id, option code): (position, label)} of every question."""
    labels = {}
    for question in questionnaire.questions:
        for position, (code, label) in enumerate(question.type.choices(question)):
            labels[(question.id, code)] = (position, str(label))
    return labels


def question_header(question: Question) -> str:
    """A question's column name in individual rows, e.g. "Q3 — Un commentaire ?"."""
    return f"{question.code} — {question.label}"
