"""Figures rounded and written the reader's way ("3,5", "40 %").

Rounding is half up, as a spreadsheet shows the same figures, so the screen and
the workbook agree to the last digit.
"""

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import format_decimal, format_percent

_ONE = Decimal("1")
_TENTH = Decimal("0.1")


def round_stat(value: float) -> Decimal:
    """A mean or median to one decimal, half up."""
    return Decimal(repr(value)).quantize(_TENTH, ROUND_HALF_UP)


def round_percent(share: float) -> Decimal:
    """A share (0..1) in whole percent, half up."""
    return (Decimal(repr(share)) * 100).quantize(_ONE, ROUND_HALF_UP)


def format_share(share: float) -> str:
    """A percentage without decimals, e.g. "40 %"."""
    return format_percent(round_percent(share) / 100)


def format_stat(value: float) -> str:
    """A mean or median with one decimal, e.g. "3,5"."""
    return format_decimal(round_stat(value), format="#,##0.0")
