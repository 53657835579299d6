"""What the workbook says around the comparison tables, given by the caller.

The aggregation gives the figures (``Results``); the caller (a workshop) gives
the words: its title, the meaning of the column dimensions, the dimensions to
compare in the summary, and the optional individual rows.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from surveys.aggregation import Cell

Value = str | int | float


@dataclass(frozen=True)
class ReadmeSection:
    """A block of the "Lisez-moi" sheet: a bold title, then rows of values."""

    title: str
    rows: Sequence[Sequence[Value]] = ()
    # Optional bold first row (column names of a small table).
    header: Sequence[str] = ()


@dataclass(frozen=True)
class Comparison:
    """A dimension whose values the summary compares (territories, groups)."""

    key: str
    divergent_title: str
    convergent_title: str


@dataclass(frozen=True)
class RecordTable:
    """One anonymous row per response, ready to write (the "Données" sheet)."""

    headers: Sequence[str]
    # Values are str, int/float, or None (no answer); already sorted.
    rows: Iterable[Sequence[Value | None]]
    # How many leading columns are dimensions (territory, group...).
    dimension_count: int = 0


@dataclass(frozen=True)
class ExtraSheet:
    """A sheet of the caller's own after the results (e.g. a contributions wall).

    ``write(sheet, formats)`` fills the worksheet strictly top to bottom
    (constant-memory mode), writing every participant text with
    ``write_string``.
    """

    name: str
    # One line for the Lisez-moi's list of sheets.
    description: str
    write: Callable


@dataclass(frozen=True)
class WorkbookContext:
    """What the workbook says about where the results come from."""

    title: str
    sections: Sequence[ReadmeSection] = field(default_factory=tuple)
    # Names of the column dimensions, in ``Results.dimension_keys`` order.
    dimension_labels: Sequence[str] = ()
    comparisons: Sequence[Comparison] = ()
    # How the divergence score reads, as the results page says it.
    comparison_note: str = ""
    # Responses per column key, small ones hidden (see ``respondents``).
    responses: Mapping[tuple, Cell] = field(default_factory=dict)
    # The optional individual rows; None leaves the "Données" sheet out.
    records: RecordTable | None = None
    # Sheets of the caller's own, written after the verbatims.
    extra_sheets: Sequence[ExtraSheet] = ()
