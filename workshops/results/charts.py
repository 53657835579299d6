"""What each question's chart draws, taken from its comparison table.

The figures are those of the table; a hidden or empty column is left out
altogether, so the chart cannot say more than the table. Percentages are drawn
unrounded (count / n, which the table's counts already give), so that a
stacked bar fills its 100 %, and written rounded as the table writes them
(``static/js/charts.js``). ``static/js/results_charts.js`` draws them with
Chart.js; without JavaScript the tables remain.
"""

from decimal import Decimal

from flask_babel import gettext as _

from surveys.aggregation import ColumnKind, QuestionResult, Results, RowKind
from surveys.aggregation.numbers import round_stat

# A stacked bar of every point (scales), bars per option (choices), or means.
KIND_STACKED = "stacked"
KIND_BARS = "bars"
KIND_MEANS = "means"


def chart_data(results: Results, question: QuestionResult) -> dict | None:
    """The chart of one question, by territory x group then Ensemble."""
    respondents = question.row(RowKind.RESPONDENTS)
    positions = [
        position
        for position, column in enumerate(results.columns)
        if column.kind in (ColumnKind.CELL, ColumnKind.OVERALL)
        and not respondents.cells[position].hidden
        and respondents.cells[position].count
    ]
    options = [row for row in question.rows if row.kind is RowKind.OPTION]
    mean = question.row(RowKind.MEAN)
    if not positions or (not options and mean is None):
        return None
    data = {
        "labels": [
            [
                results.columns[p].title,
                _("n = %(count)s", count=respondents.cells[p].count),
            ]
            for p in positions
        ],
    }
    if options:
        data.update(
            kind=KIND_STACKED if mean is not None else KIND_BARS,
            unit="%",
            datasets=[
                {
                    "label": row.label,
                    "data": [_percent(row.cells[p].share) for p in positions],
                }
                for row in options
            ],
        )
        if question.multiple:
            data["note"] = _("Plusieurs réponses possibles : le total dépasse 100 %.")
        return data
    # The axis starts at zero and fits the means: no minimum or maximum answer
    # (one person's) is drawn.
    data.update(
        kind=KIND_MEANS,
        unit="",
        datasets=[
            {
                "label": _("Moyenne"),
                "data": [_stat(mean.cells[p].value) for p in positions],
            }
        ],
    )
    return data


def _percent(share: float | None) -> float | None:
    # Through Decimal, as the table rounds: 0.145 is drawn 14.5, written 15 %.
    return None if share is None else float(Decimal(repr(share)) * 100)


def _stat(value: float | None) -> float | None:
    return None if value is None else float(round_stat(value))
