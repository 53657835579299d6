"""Where the values of a dimension (territories, actor groups...) answer most
differently, and where they answer alike.

One score per question and dimension, from 0 (same answers) to 1, the largest
difference between any two values of the dimension:

- questions with a mean (agreement scale 1-5, scale 0-10, number): the gap
  between the two most distant means divided by the width of the scale (the
  scale's ends; for a number, its minimum and maximum, or the lowest and highest
  answer given when it has none). Scales are read by their means rather than
  their distributions because "Bignona 4,1 · Savoie 2,6" says what differs;
- single choice: the total-variation distance between the answer
  distributions (half the sum, over the options, of the gaps between the shares
  of respondents choosing it): 0 = identical answers, 1 = no answer in common;
- multiple choice: the mean, over the options, of the gaps between the shares
  of respondents ticking it (each option is a yes/no question).

Only what the table shows counts: the dimension's total columns (that value,
every other dimension summed) that are not hidden by the anonymity threshold,
never the column of unlisted values ("Inconnu"). A question with fewer than two
visible values, or free text, has no score.
"""

from dataclasses import dataclass
from itertools import combinations

from flask_babel import gettext as _

from surveys.aggregation.model import (
    ALL,
    OTHER,
    ColumnKind,
    QuestionResult,
    Results,
    RowKind,
)
from surveys.aggregation.numbers import format_share, format_stat

METHOD_DISTRIBUTION = "distribution"
METHOD_MEAN = "mean"
# Below this many respondents per compared value, answering alike says little.
MIN_RESPONDENTS = 5


@dataclass(frozen=True)
class Divergence:
    question_id: int
    code: str  # "Q3"
    label: str  # question label
    dimension: str  # dimension key compared: "territory" or "group"
    score: float  # 0..1, higher = more different
    method: str  # "distribution" (shares of respondents) or "mean" (gap / range)
    extremes: tuple[str, str]  # labels of the two most different values
    summary: str  # short text, e.g. "Bignona 4,1 · Savoie 2,6"


@dataclass(frozen=True)
class _Value:
    """One visible value of the dimension for one question."""

    label: str
    respondents: int
    # The mean, or the share of respondents per option code.
    mean: float | None
    shares: dict[str, float]


def divergences(results: Results, dimension: str) -> list[Divergence]:
    """Each scored question, most divergent first (questionnaire order on ties)."""
    scored = [divergence for divergence, _n in _scored(results, dimension)]
    return sorted(scored, key=lambda divergence: -divergence.score)


def convergences(
    results: Results, dimension: str, min_respondents: int = MIN_RESPONDENTS
) -> list[Divergence]:
    """The same scores from the other end, most alike first, keeping only the
    questions where every compared value has ``min_respondents`` or more."""
    kept = [d for d, n in _scored(results, dimension) if n >= min_respondents]
    return sorted(kept, key=lambda divergence: divergence.score)


def value_columns(results: Results, dimension: str) -> list[int]:
    """Indexes of the columns holding one value of ``dimension`` each (its
    totals, or the cells when it is the only dimension), "Inconnu" left out."""
    if dimension not in results.dimension_keys:
        return []
    index = results.dimension_keys.index(dimension)
    kind = ColumnKind.CELL if len(results.dimension_keys) == 1 else ColumnKind.TOTAL
    return [
        position
        for position, column in enumerate(results.columns)
        if column.kind is kind
        and column.key[index] not in (ALL, OTHER)
        and all(v == ALL for i, v in enumerate(column.key) if i != index)
    ]


def _scored(results: Results, dimension: str) -> list[tuple[Divergence, int]]:
    """(divergence, fewest respondents among the compared values) per question."""
    positions = value_columns(results, dimension)
    scored = []
    for question in results.questions:
        values = _visible_values(results, question, positions)
        if len(values) < 2:
            continue
        divergence = _divergence(question, dimension, values)
        if divergence is not None:
            scored.append((divergence, min(value.respondents for value in values)))
    return scored


def _visible_values(
    results: Results, question: QuestionResult, positions: list[int]
) -> list[_Value]:
    respondents = question.row(RowKind.RESPONDENTS)
    mean = question.row(RowKind.MEAN)
    options = [row for row in question.rows if row.kind is RowKind.OPTION]
    values = []
    for position in positions:
        n = respondents.cells[position] if respondents else None
        if n is None or n.hidden or not n.count:
            continue
        values.append(
            _Value(
                label=results.columns[position].title,
                respondents=n.count,
                mean=mean.cells[position].value if mean else None,
                shares={row.code: row.cells[position].share or 0.0 for row in options},
            )
        )
    return values


def _divergence(
    question: QuestionResult, dimension: str, values: list[_Value]
) -> Divergence | None:
    if question.row(RowKind.MEAN) is not None:
        values = [value for value in values if value.mean is not None]
        if len(values) < 2:
            return None
        score, first, second = _mean_gap(values, question.value_range)
        summary = " · ".join(
            f"{value.label} {format_stat(value.mean)}" for value in (first, second)
        )
        method = METHOD_MEAN
    elif question.row(RowKind.OPTION) is not None:
        distance = mean_share_gap if question.multiple else total_variation
        score, first, second, code = _distribution_gap(values, distance)
        option = question.row(RowKind.OPTION, code)
        summary = _(
            "« %(option)s » : %(first)s %(first_share)s · %(second)s %(second_share)s",
            option=option.label,
            first=first.label,
            first_share=format_share(first.shares[code]),
            second=second.label,
            second_share=format_share(second.shares[code]),
        )
        method = METHOD_DISTRIBUTION
    else:
        return None
    return Divergence(
        question_id=question.question_id,
        code=question.code,
        label=question.label,
        dimension=dimension,
        score=score,
        method=method,
        extremes=(first.label, second.label),
        summary=summary,
    )


def mean_gap_score(first: float, second: float, low: float, high: float) -> float:
    """The gap between two means as a fraction of the scale's width (0..1)."""
    width = high - low
    return min(abs(first - second) / width, 1.0) if width > 0 else 0.0


def total_variation(first: dict[str, float], second: dict[str, float]) -> float:
    """Half the sum of the share gaps: 0 = same answers, 1 = none in common."""
    codes = first.keys() | second.keys()
    gaps = (abs(first.get(c, 0.0) - second.get(c, 0.0)) for c in codes)
    return sum(gaps) / 2


def mean_share_gap(first: dict[str, float], second: dict[str, float]) -> float:
    """The mean gap of the options' shares (multiple choice: each a yes/no)."""
    codes = first.keys() | second.keys()
    if not codes:
        return 0.0
    gaps = [abs(first.get(c, 0.0) - second.get(c, 0.0)) for c in codes]
    return sum(gaps) / len(gaps)


def _mean_gap(
    values: list[_Value], value_range: tuple[float, float] | None
) -> tuple[float, _Value, _Value]:
    """The highest and lowest means (first listed on ties) and their score."""
    highest = max(values, key=lambda value: value.mean)
    lowest = min(values, key=lambda value: value.mean)
    if value_range is None:
        return 0.0, highest, lowest
    return mean_gap_score(highest.mean, lowest.mean, *value_range), highest, lowest


def _distribution_gap(
    values: list[_Value], distance
) -> tuple[float, _Value, _Value, str]:
    """The most distant pair, ordered by the share of the option that differs
    most between them (higher first), and that option's code."""
    score, first, second = -1.0, values[0], values[1]
    for a, b in combinations(values, 2):
        pair_score = distance(a.shares, b.shares)
        if pair_score > score:
            score, first, second = pair_score, a, b
    code = max(
        first.shares,
        key=lambda c: abs(first.shares[c] - second.shares.get(c, 0.0)),
    )
    if second.shares.get(code, 0.0) > first.shares[code]:
        first, second = second, first
    return score, first, second, code
