"""Figures of the comparison tables written the reader's way ("12 (40 %)").

Rounding is half up, as a spreadsheet shows the same figures, so the screen and
the workbook agree to the last digit.
"""

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_decimal, format_percent

from surveys.aggregation import Cell, Row, RowKind

_ONE = Decimal("1")
_TENTH = Decimal("0.1")


def format_count(count: int) -> str:
    return format_decimal(count)


def format_share(share: float) -> str:
    """A percentage without decimals, e.g. "40 %"."""
    percent = (Decimal(repr(share)) * 100).quantize(_ONE, ROUND_HALF_UP)
    return format_percent(percent / 100)


def format_stat(value: float) -> str:
    """A mean or median with one decimal, e.g. "3,5"."""
    rounded = Decimal(repr(value)).quantize(_TENTH, ROUND_HALF_UP)
    return format_decimal(rounded, format="#,##0.0")


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
