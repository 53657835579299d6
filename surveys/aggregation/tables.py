"""Comparison tables of a questionnaire's answers, by breakdown dimensions."""

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from surveys.aggregation import loading
from surveys.aggregation.collation import sort_texts
from surveys.aggregation.columns import (
    build_columns,
    dimension_values,
    map_unlisted,
    rollup,
    unlisted_mapper,
)
from surveys.aggregation.model import (
    ALL,
    HIDDEN,
    ROW_LABELS,
    Cell,
    Column,
    ColumnKind,
    Dimension,
    QuestionResult,
    Results,
    Row,
    RowKind,
    TextGroup,
)
from surveys.aggregation.suppression import hidden_keys
from surveys.models import Question, Questionnaire


@dataclass(frozen=True)
class _Figures:
    """Every count of the filtered responses, keyed by (..., *column.key)."""

    responses: dict[tuple, int]
    respondents: dict[tuple, int]
    options: dict[tuple, int]
    codes: dict[int, set[str]]
    stats: dict[tuple, tuple[float, float]]
    # None when the free texts were not asked for.
    texts: dict[tuple, list[str]] | None
    ranges: dict[int, tuple[float, float]]


def aggregate(
    questionnaire: Questionnaire,
    dimensions: Sequence[Dimension],
    filters: Mapping[str, str] | None = None,
    threshold: int = 1,
    *,
    with_texts: bool = True,
    question_ids: Collection[int] | None = None,
) -> Results:
    """Every question's table over the cells of ``dimensions``, small cells hidden.

    The counts take the same time however many responses there are; the free
    texts grow with the answers: leave them out (``with_texts=False``) where
    they are not shown, e.g. the tables of each wave or a live refresh.
    ``question_ids`` limits the tables to those questions (a projector shows
    one question at a time).
    """
    filters = dict(filters or {})
    keys = [dimension.key for dimension in dimensions]
    raw_responses = loading.response_counts(questionnaire.id, filters, keys)
    values = dimension_values(dimensions, raw_responses)
    columns = build_columns(dimensions, values)

    def load(reader, by: int) -> dict[tuple, int]:
        counts = (
            raw_responses
            if reader is None
            else reader(questionnaire.id, filters, keys, question_ids)
        )
        return map_unlisted(counts, by, values)

    def roll(counts: dict[tuple, int], by: int) -> dict[tuple, int]:
        return rollup(counts, columns, by)

    options = load(loading.option_counts, 2)
    numbers = roll(load(loading.number_counts, 2), 2)
    texts = None
    if with_texts:
        rows = loading.texts(questionnaire.id, filters, keys, question_ids)
        texts = _texts_by_cell(rows, unlisted_mapper(values, 1))
    figures = _Figures(
        responses=roll(load(None, 0), 0),
        respondents=roll(load(loading.respondent_counts, 1), 1),
        options=roll(options, 2),
        codes=_codes_by_question(options),
        stats=_number_stats(numbers),
        texts=texts,
        ranges=_observed_ranges(numbers, len(keys)),
    )
    questions = tuple(
        _question_result(question, columns, figures, threshold)
        for question in questionnaire.questions
        if question_ids is None or question.id in question_ids
    )
    total = sum(raw_responses.values())
    return Results(
        tuple(columns), questions, total, threshold, dimension_keys=tuple(keys)
    )


def _question_result(
    question: Question, columns: list[Column], figures: _Figures, threshold: int
) -> QuestionResult:
    qtype = question.type
    n = {
        column.key: int(figures.respondents.get((question.id, *column.key), 0))
        for column in columns
    }
    hidden = hidden_keys(columns, n, threshold)

    def cells(make) -> tuple[Cell, ...]:
        return tuple(
            HIDDEN if column.key in hidden else make(column.key) for column in columns
        )

    rows = []
    if qtype.has_distribution:
        for code, label in _categories(question, figures):
            rows.append(
                Row(
                    RowKind.OPTION,
                    label,
                    cells(
                        lambda key, code=code: _option_cell(
                            question, code, key, n, figures
                        )
                    ),
                    code,
                )
            )
    if qtype.is_numeric:
        for kind, index in ((RowKind.MEAN, 0), (RowKind.MEDIAN, 1)):
            rows.append(
                Row(
                    kind,
                    str(ROW_LABELS[kind]),
                    cells(lambda key, i=index: _stat_cell(question, key, i, figures)),
                )
            )
    rows.append(
        Row(
            RowKind.RESPONDENTS,
            str(ROW_LABELS[RowKind.RESPONDENTS]),
            cells(lambda key: Cell(count=n[key])),
        )
    )
    rows.append(
        Row(
            RowKind.NO_ANSWER,
            str(ROW_LABELS[RowKind.NO_ANSWER]),
            cells(lambda key: Cell(count=int(figures.responses.get(key, 0)) - n[key])),
        )
    )
    texts = ()
    if qtype.is_text and figures.texts is not None:
        texts = _text_groups(question, columns, hidden, figures)
    return QuestionResult(
        question_id=question.id,
        code=question.code,
        label=question.label,
        type_label=str(qtype.label),
        section=question.section,
        rows=tuple(rows),
        texts=texts,
        multiple=qtype.multiple,
        value_range=qtype.value_range(question) or figures.ranges.get(question.id),
    )


def _categories(question: Question, figures: _Figures) -> list[tuple[str, str]]:
    """The type's categories, then codes answered but no longer offered."""
    categories = [(code, str(label)) for code, label in question.type.choices(question)]
    offered = {code for code, _label in categories}
    extra = sorted(figures.codes.get(question.id, set()) - offered)
    return categories + [(code, code) for code in extra]


def _option_cell(
    question: Question, code: str, key: tuple, n: dict, figures: _Figures
) -> Cell:
    count = int(figures.options.get((question.id, code, *key), 0))
    share = count / n[key] if n[key] else None
    return Cell(count=count, share=share)


def _stat_cell(question: Question, key: tuple, index: int, figures: _Figures) -> Cell:
    stats = figures.stats.get((question.id, *key))
    return Cell(value=None if stats is None else stats[index])


def _text_groups(
    question: Question, columns: list[Column], hidden: set[tuple], figures: _Figures
) -> tuple[TextGroup, ...]:
    """One group per breakdown cell, texts sorted alphabetically, never by time."""
    groups = []
    for column in columns:
        if column.kind is not ColumnKind.CELL:
            continue
        if column.key in hidden:
            groups.append(TextGroup(column, hidden=True))
            continue
        texts = figures.texts.get((question.id, *column.key), [])
        groups.append(TextGroup(column, False, sort_texts(texts)))
    return tuple(groups)


def _codes_by_question(options: dict[tuple, int]) -> dict[int, set[str]]:
    codes: dict[int, set[str]] = defaultdict(set)
    for question_id, code, *_dims in options:
        codes[int(question_id)].add(str(code))
    return codes


def _number_stats(counts: dict[tuple, int]) -> dict[tuple, tuple[float, float]]:
    """Mean and median per (question_id, *column key), from value counts."""
    values: dict[tuple, list[tuple[float, int]]] = defaultdict(list)
    for (question_id, number, *key), count in counts.items():
        values[(question_id, *key)].append((float(number), int(count)))
    stats = {}
    for group, pairs in values.items():
        numbers = np.array([number for number, _count in pairs])
        weights = np.array([count for _number, count in pairs])
        mean = float(np.average(numbers, weights=weights))
        stats[group] = (mean, _weighted_median(numbers, weights))
    return stats


def _weighted_median(numbers: np.ndarray, weights: np.ndarray) -> float:
    """The median of ``numbers`` each repeated ``weights`` times, without
    repeating them (the work grows with distinct values, not with answers)."""
    order = np.argsort(numbers, kind="stable")
    numbers, cumulative = numbers[order], np.cumsum(weights[order])
    total = int(cumulative[-1])
    # The values at the middle positions (one or two) of the repeated list.
    low, high = np.searchsorted(cumulative, [(total - 1) // 2, total // 2], "right")
    return float((numbers[low] + numbers[high]) / 2)


def _observed_ranges(
    counts: dict[tuple, int], dimension_count: int
) -> dict[int, tuple[float, float]]:
    """The lowest and highest number given to each question (overall column)."""
    overall = (ALL,) * dimension_count
    ranges: dict[int, tuple[float, float]] = {}
    for (question_id, number, *key), _count in counts.items():
        if tuple(key) != overall:
            continue
        low, high = ranges.get(question_id, (float(number), float(number)))
        ranges[question_id] = (min(low, float(number)), max(high, float(number)))
    return ranges


def _texts_by_cell(
    rows: list[tuple], mapped: Callable[[tuple], tuple]
) -> dict[tuple, list[str]]:
    """Texts by (question_id, *dimension values), unlisted values mapped."""
    texts: dict[tuple, list[str]] = defaultdict(list)
    for *key, text in rows:
        texts[mapped(tuple(key))].append(text)
    return texts
