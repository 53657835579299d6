"""Figures of the comparison tables written the reader's way ("12 (40 %)").

Rounding is half up (see ``surveys.aggregation.numbers``), so the screen and the
workbook agree to the last digit.
"""

from flask_babel import format_decimal

from surveys.aggregation import Cell, Row, RowKind
from surveys.aggregation.numbers import format_share, format_stat

__all__ = ["format_cell", "format_count", "format_share", "format_stat"]


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
