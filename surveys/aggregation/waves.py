"""How the answers change from one wave to the next (point zéro, mi-parcours...).

Each wave is aggregated with the same ``aggregate()`` as the page, filtered on
that wave. The figures compared are those of the page's totals (one territory,
one actor group...) and Ensemble: the mean for questions with a mean (scales,
numbers), the share of respondents per option for choice questions.

Anonymity: the threshold rule of the tables (``suppression.hidden_keys``) is
applied to the page's table and every wave's table together, because a
wave's figure is also a part of the page's total: "Savoie, all waves" minus
"Savoie, point zéro" must not reveal a hidden "Savoie, mi-parcours". The
page's own hidden cells are kept as they are (the page and the exports do not
change); only more wave figures are hidden. Answers of no wave count in the
totals and are never shown on their own, so they are guarded as hidden.

A change is the difference between the figures as shown (a mean to one
decimal, a share in whole percent), so that "3,1 → 3,6 (+0,5)" adds up.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from flask_babel import lazy_gettext as _l

from surveys.aggregation.model import (
    ALL,
    HIDDEN,
    Cell,
    Column,
    ColumnKind,
    Dimension,
    QuestionResult,
    Results,
    RowKind,
)
from surveys.aggregation.numbers import round_percent, round_stat
from surveys.aggregation.suppression import hidden_keys
from surveys.aggregation.tables import aggregate
from surveys.models import Questionnaire

MEASURE_MEAN = "mean"
MEASURE_SHARE = "share"
MEAN_LABEL = _l("Moyenne")


@dataclass(frozen=True)
class WaveLine:
    """One figure followed across the waves: the mean, or one option's share."""

    label: str
    code: str | None  # the option code of a share line
    # One per wave: ``value`` (mean) or ``count`` and ``share``; hidden cells
    # carry no figure.
    cells: tuple[Cell, ...]
    # One per pair of consecutive waves (later minus earlier, as shown: a mean
    # gap, or a share gap as a fraction); None when either side has no figure.
    changes: tuple[float | None, ...]


@dataclass(frozen=True)
class WaveGroup:
    """The lines of one column of the page: a territory, an actor group..."""

    column: Column
    respondents: tuple[Cell, ...]  # one per wave
    lines: tuple[WaveLine, ...]


@dataclass(frozen=True)
class WaveChange:
    question_id: int
    code: str
    label: str
    measure: str  # "mean" or "share"
    groups: tuple[WaveGroup, ...]


@dataclass(frozen=True)
class WaveComparison:
    waves: tuple[tuple[str, str], ...]  # (value, label), in order
    questions: tuple[WaveChange, ...]

    def question(self, question_id: int) -> WaveChange | None:
        return next((q for q in self.questions if q.question_id == question_id), None)


def wave_changes(
    questionnaire: Questionnaire,
    dimensions: Sequence[Dimension],
    waves: Sequence[tuple[str, str]],
    filters: Mapping[str, str] | None = None,
    threshold: int = 1,
    key: str = "wave",
) -> WaveComparison | None:
    """The change between consecutive ``waves`` ((value, label), in order) of
    every question with figures; None unless two waves or more have answers."""
    filters = dict(filters or {})
    if key in filters:
        return None
    # Aggregated at threshold 1 (true counts), hidden below by the joint rule.
    tables = [
        _Table(
            aggregate(
                questionnaire, dimensions, {**filters, key: value}, with_texts=False
            )
        )
        for value, _label in waves
    ]
    kept = [(wave, t) for wave, t in zip(waves, tables, strict=True) if t.responses]
    if len(kept) < 2:
        return None
    overall = _Table(aggregate(questionnaire, dimensions, filters, with_texts=False))
    shown = _shown_columns(overall.results)
    changes = []
    for index, question in enumerate(overall.results.questions):
        if question.row(RowKind.MEAN) is None and question.row(RowKind.OPTION) is None:
            continue
        wave_tables = [(t, t.results.questions[index]) for _wave, t in kept]
        hidden = _hidden(overall, question, wave_tables, threshold)
        changes.append(_change(question, shown, wave_tables, hidden))
    return WaveComparison(tuple(wave for wave, _t in kept), tuple(changes))


class _Table:
    """One aggregate and where each column key sits in it."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.responses = results.response_count
        self.positions = {c.key: i for i, c in enumerate(results.columns)}

    def cell(self, question: QuestionResult, kind: RowKind, code, key) -> Cell:
        row = question.row(kind, code)
        position = self.positions.get(key)
        if row is None or position is None:
            return Cell(count=0)  # no answer at all in this wave
        return row.cells[position]

    def respondents(self, question: QuestionResult, key: tuple) -> int:
        return self.cell(question, RowKind.RESPONDENTS, None, key).count or 0


def _shown_columns(results: Results) -> list[Column]:
    """The page's totals and Ensemble (its cells when it has one dimension)."""
    kinds = {column.kind for column in results.columns}
    kind = ColumnKind.TOTAL if ColumnKind.TOTAL in kinds else ColumnKind.CELL
    return [c for c in results.columns if c.kind in (kind, ColumnKind.OVERALL)]


def _hidden(
    overall: _Table,
    question: QuestionResult,
    wave_tables: list[tuple[_Table, QuestionResult]],
    threshold: int,
) -> list[set[tuple]]:
    """Per wave, the page keys hidden by the joint rule (page and waves)."""
    columns = overall.results.columns
    page = {c.key: overall.respondents(question, c.key) for c in columns}
    n = {(ALL, *k): count for k, count in page.items()}
    for position, (table, wave_question) in enumerate(wave_tables):
        n.update({(position, *k): table.respondents(wave_question, k) for k in page})
    rest = len(wave_tables)
    unlisted = {
        (rest, *k): count - sum(n[(p, *k)] for p in range(rest))
        for k, count in page.items()
    }
    # Answers of no listed wave are never shown on their own; when there are
    # none, a reader knows the waves add up to the page's totals.
    if any(unlisted.values()):
        n.update(unlisted)
    # What the page hides, exactly as ``aggregate`` decides it; shown as it is.
    page_hidden = hidden_keys(columns, page, threshold)
    joint = [Column(k, ColumnKind.CELL, "", "", "", ()) for k in n]
    hidden = hidden_keys(
        joint,
        n,
        threshold,
        already_hidden={(ALL, *k) for k in page_hidden} | (unlisted.keys() & n.keys()),
        keep={(ALL, *k) for k in page if k not in page_hidden},
    )
    return [{k for k in page if (p, *k) in hidden} for p in range(rest)]


def _change(
    question: QuestionResult,
    shown: list[Column],
    wave_tables: list[tuple[_Table, QuestionResult]],
    hidden: list[set[tuple]],
) -> WaveChange:
    if question.row(RowKind.MEAN) is not None:
        measure, lines = MEASURE_MEAN, [(RowKind.MEAN, None, str(MEAN_LABEL))]
    else:
        measure = MEASURE_SHARE
        lines = [
            (RowKind.OPTION, row.code, row.label)
            for row in question.rows
            if row.kind is RowKind.OPTION
        ]

    def cells(kind: RowKind, code: str | None, key: tuple) -> tuple[Cell, ...]:
        return tuple(
            HIDDEN if key in masked else table.cell(wave_question, kind, code, key)
            for (table, wave_question), masked in zip(wave_tables, hidden, strict=True)
        )

    groups = []
    for column in shown:
        wave_lines = []
        for kind, code, label in lines:
            line_cells = cells(kind, code, column.key)
            wave_lines.append(
                WaveLine(label, code, line_cells, _differences(line_cells, measure))
            )
        respondents = cells(RowKind.RESPONDENTS, None, column.key)
        if all(not cell.hidden and not cell.count for cell in respondents):
            continue  # nobody of this territory or group in any wave
        groups.append(WaveGroup(column, respondents, tuple(wave_lines)))
    return WaveChange(
        question.question_id, question.code, question.label, measure, tuple(groups)
    )


def _differences(cells: tuple[Cell, ...], measure: str) -> tuple[float | None, ...]:
    """Later minus earlier, between the figures as shown."""
    shown = [_as_shown(cell, measure) for cell in cells]
    return tuple(
        None if before is None or after is None else float(after - before)
        for before, after in pairwise(shown)
    )


def _as_shown(cell: Cell, measure: str):
    if cell.hidden:
        return None
    if measure == MEASURE_MEAN:
        return None if cell.value is None else round_stat(cell.value)
    return None if cell.share is None else round_percent(cell.share) / 100
