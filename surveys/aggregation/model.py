"""What aggregation returns: plain dataclasses shared by every renderer.

The HTML page and the workbook read the same figures; a hidden cell carries no
figure at all, so no renderer can leak what the anonymity threshold hides.
"""

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# Placeholder of a dimension summed over (total columns).
ALL = "\x00all"
# Placeholder of the values a caller did not list (e.g. a deleted territory).
OTHER = "\x00other"

OVERALL_LABEL = _l("Ensemble")


@dataclass(frozen=True)
class Dimension:
    """A breakdown of the columns: a key of ``Response.dimensions`` and its values."""

    key: str
    label: str
    # Ordered (value, label) pairs; values are the strings responses carry.
    values: tuple[tuple[str, str], ...]
    # Upper header of this dimension's total columns.
    total_label: str = ""
    # Column of the values not listed, shown only when some response has one.
    other_label: str = _l("Inconnu")


class ColumnKind(enum.Enum):
    CELL = "cell"
    TOTAL = "total"
    OVERALL = "overall"


@dataclass(frozen=True)
class Column:
    """One column of a comparison table: a value per dimension, or ``ALL``."""

    key: tuple[str, ...]
    kind: ColumnKind
    # Columns of one block are drawn together (the cells, each total, Ensemble).
    block: str
    # Upper and lower header rows; equal consecutive headings are merged.
    heading: str
    label: str
    # Labels of the dimension values this column selects, e.g. ("Savoie", "Élus").
    value_labels: tuple[str, ...]

    @property
    def title(self) -> str:
        """A one-line name, e.g. "Savoie · Élus" or "Ensemble"."""
        return " · ".join(self.value_labels) or self.heading


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1
    block_start: bool = False


@dataclass(frozen=True)
class Cell:
    """One figure slot; a hidden cell has no figure, only ``hidden=True``."""

    hidden: bool = False
    count: int | None = None
    # Fraction of the cell's respondents (0..1).
    share: float | None = None
    # Mean or median.
    value: float | None = None


HIDDEN = Cell(hidden=True)


class RowKind(enum.Enum):
    OPTION = "option"
    MEAN = "mean"
    MEDIAN = "median"
    RESPONDENTS = "respondents"
    NO_ANSWER = "no_answer"


ROW_LABELS = {
    RowKind.MEAN: _l("Moyenne"),
    RowKind.MEDIAN: _l("Médiane"),
    RowKind.RESPONDENTS: _l("Répondants (n)"),
    RowKind.NO_ANSWER: _l("Sans réponse"),
}


@dataclass(frozen=True)
class Row:
    kind: RowKind
    label: str
    # One per column of the table, in the same order.
    cells: tuple[Cell, ...]
    # The option code of an OPTION row.
    code: str | None = None


@dataclass(frozen=True)
class TextGroup:
    """The free-text answers of one breakdown cell, sorted alphabetically."""

    column: Column
    hidden: bool
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    code: str
    label: str
    type_label: str
    section: str
    rows: tuple[Row, ...]
    texts: tuple[TextGroup, ...] = ()
    # Several options per respondent (shares do not add up to 100 %).
    multiple: bool = False
    # The scale's range, or the answers' observed min-max: gaps between means
    # are read against it (divergence).
    value_range: tuple[float, float] | None = None

    def row(self, kind: RowKind, code: str | None = None) -> Row | None:
        """The first row of a kind (and option code), if any."""
        for row in self.rows:
            if row.kind is kind and (code is None or row.code == code):
                return row
        return None


@dataclass(frozen=True)
class Results:
    """Every question's comparison table over the same columns."""

    columns: tuple[Column, ...]
    questions: tuple[QuestionResult, ...]
    # Responses matching the filters, answered or not.
    response_count: int
    threshold: int
    # The keys of the column dimensions, in column-key order.
    dimension_keys: tuple[str, ...] = ()

    def header_rows(self) -> tuple[list[HeaderCell], list[HeaderCell]]:
        """The two header rows: merged upper headings, then column labels."""
        upper: list[HeaderCell] = []
        lower: list[HeaderCell] = []
        for column, starts in zip(self.columns, self.block_starts(), strict=True):
            if not column.label:
                upper.append(HeaderCell(column.heading, rowspan=2, block_start=True))
                continue
            if starts:
                upper.append(HeaderCell(column.heading, block_start=True))
            else:
                upper[-1] = HeaderCell(
                    upper[-1].label, upper[-1].colspan + 1, block_start=True
                )
            lower.append(HeaderCell(column.label, block_start=starts))
        return upper, lower

    def block_starts(self) -> list[bool]:
        """For each column, whether it starts a new upper heading (a separator)."""
        starts = []
        previous: Column | None = None
        for column in self.columns:
            starts.append(
                previous is None
                or previous.block != column.block
                or previous.heading != column.heading
            )
            previous = column
        return starts
