"""Figures of the comparison tables written the reader's way ("12 (40 %)").

Rounding is half up (see ``surveys.aggregation.numbers``), so the screen and the
workbook agree to the last digit.
"""

from flask_babel import format_decimal
from flask_babel import gettext as _

from surveys.aggregation import Cell, Row, RowKind
from surveys.aggregation.numbers import format_share, format_stat, round_percent
from surveys.aggregation.waves import MEASURE_MEAN

__all__ = [
    "format_cell",
    "format_change",
    "format_count",
    "format_score",
    "format_share",
    "format_stat",
    "format_wave_figure",
]


def format_count(count: int) -> str:
    return format_decimal(count)


def format_cell(row: Row, cell: Cell, threshold: int) -> str:
    """What a table cell shows; a hidden cell shows only "< k"."""
    if cell.hidden:
        return f"< {threshold}"
    if row.kind in (RowKind.MEAN, RowKind.MEDIAN):
        return "–" if cell.value is None else format_stat(cell.value)
    text = format_count(cell.count or 0)
    if row.kind is RowKind.OPTION and cell.share is not None:
        text = f"{text} ({format_share(cell.share)})"
    return text


def format_score(score: float) -> str:
    """A divergence score (0..1) as a percentage, e.g. "38 %"."""
    return format_share(score)


def format_wave_figure(cell: Cell, measure: str, threshold: int) -> str:
    """A mean ("3,1") or a share ("40 %") of one wave; "< k" when hidden."""
    if cell.hidden:
        return f"< {threshold}"
    if measure == MEASURE_MEAN:
        return "–" if cell.value is None else format_stat(cell.value)
    return "–" if cell.share is None else format_share(cell.share)


def format_change(change: float | None, measure: str) -> str:
    """A change between waves: "+0,5" for a mean, "−15 pts" for a share."""
    if change is None:
        return "–"
    sign = "+" if change > 0 else "−" if change < 0 else ""
    if measure == MEASURE_MEAN:
        return sign + format_stat(abs(change))
    points = format_decimal(round_percent(abs(change)))
    return _("%(sign)s%(points)s pts", sign=sign, points=points)
