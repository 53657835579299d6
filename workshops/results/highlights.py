"""The table cells that stand out: for the most divergent questions, the
territory (or actor group) whose figure is farthest from Ensemble.

Only figures already in the tables are compared; a highlight carries a marker
and a sentence, so that it does not rest on colour alone.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from surveys.aggregation import ColumnKind, QuestionResult, Results, RowKind
from surveys.aggregation.divergence import METHOD_MEAN, Divergence, value_columns
from surveys.aggregation.numbers import format_share, format_stat


@dataclass(frozen=True)
class Highlight:
    above: bool  # above Ensemble (▲) or below (▼)
    title: str  # the sentence shown on hover and read by screen readers

    @property
    def marker(self) -> str:
        return "▲" if self.above else "▼"


# {question_id: {(row index, column index): Highlight}}
Highlights = dict[int, dict[tuple[int, int], Highlight]]


def find_highlights(results: Results, top: dict[str, list[Divergence]]) -> Highlights:
    """One cell per dimension for each question in its top divergences."""
    questions = {question.question_id: question for question in results.questions}
    overall = next(
        (i for i, c in enumerate(results.columns) if c.kind is ColumnKind.OVERALL),
        None,
    )
    found: Highlights = {}
    if overall is None:
        return found
    for dimension, divergences in top.items():
        positions = value_columns(results, dimension)
        for divergence in divergences:
            question = questions[divergence.question_id]
            cell = _farthest(question, divergence.method, positions, overall)
            if cell is not None:
                where, highlight = cell
                found.setdefault(question.question_id, {})[where] = highlight
    return found


def _farthest(
    question: QuestionResult, method: str, positions: list[int], overall: int
) -> tuple[tuple[int, int], Highlight] | None:
    """The visible (row, column) farthest from Ensemble in the compared row(s)."""
    if method == METHOD_MEAN:
        kinds, attribute, show = (RowKind.MEAN,), "value", format_stat
    else:
        kinds, attribute, show = (RowKind.OPTION,), "share", format_share
    best, best_gap = None, 0.0
    for row_index, row in enumerate(question.rows):
        if row.kind not in kinds:
            continue
        reference = getattr(row.cells[overall], attribute)
        if row.cells[overall].hidden or reference is None:
            continue
        for position in positions:
            value = getattr(row.cells[position], attribute)
            if row.cells[position].hidden or value is None:
                continue
            if abs(value - reference) > abs(best_gap):
                best_gap = value - reference
                best = (row_index, position, value, reference)
    if best is None:
        return None
    row_index, position, value, reference = best
    title = _(
        "Le plus éloigné de l’ensemble : %(value)s contre %(overall)s",
        value=show(value),
        overall=show(reference),
    )
    return (row_index, position), Highlight(above=best_gap > 0, title=title)
