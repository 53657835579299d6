"""Time helpers: timezone-aware callables for column defaults."""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def utctoday() -> date:
    return datetime.now(UTC).date()
