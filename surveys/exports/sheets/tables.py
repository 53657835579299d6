"""Pieces of tables several sheets draw: figures, hidden marks, headers.

Sheets are written row after row (the workbook is in constant-memory mode):
each function writes from the row it is given, downwards, and returns the next
free row.
"""

from collections.abc import Mapping, Sequence

from xlsxwriter.worksheet import Worksheet

from surveys.aggregation import ALL, Cell, Column, ColumnKind, Results
from surveys.aggregation.model import OVERALL_LABEL
from surveys.exports.formats import Formats

ROW_KINDS = {
    ColumnKind.CELL: "cell",
    ColumnKind.TOTAL: "total",
    ColumnKind.OVERALL: "overall",
}


def hidden_mark(threshold: int) -> str:
    """What a hidden cell shows, e.g. "< 3"."""
    return f"< {threshold}"


def value_labels(column: Column) -> tuple[str, ...]:
    """One label per dimension of the column: its value, or "Ensemble"."""
    labels = iter(column.value_labels)
    overall = str(OVERALL_LABEL)
    return tuple(overall if value == ALL else next(labels) for value in column.key)


def write_figure(sheet: Worksheet, row: int, col: int, value, fmt) -> None:
    """A number, or an empty formatted cell when there is none."""
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_number(row, col, value, fmt)


def write_text(sheet: Worksheet, row: int, col: int, value, fmt) -> None:
    """A value that may be text (always written as text) or a number."""
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool) or not isinstance(value, int | float):
        sheet.write_string(row, col, str(value), fmt)
    else:
        sheet.write_number(row, col, value, fmt)


def write_count(
    sheet: Worksheet, row: int, col: int, cell: Cell, threshold: int, formats, kind
) -> None:
    """A respondent count, or "< k" when the threshold hides it."""
    if cell.hidden:
        sheet.write_string(
            row, col, hidden_mark(threshold), formats.figure("hidden", kind)
        )
    else:
        write_figure(sheet, row, col, cell.count, formats.figure("count", kind))


def label_cell(sheet: Worksheet, row: int, span: int, text: str, fmt) -> None:
    """A text in the first ``span`` columns of a line (merged when more than one)."""
    merge_string(sheet, row, 0, span - 1, text, fmt)


def merge_string(
    sheet: Worksheet, row: int, first_col: int, last_col: int, text: str, fmt
) -> None:
    """A text over several columns of one line, always written as text."""
    if last_col > first_col:
        sheet.merge_range(row, first_col, row, last_col, "", fmt)
    sheet.write_string(row, first_col, text, fmt)


def write_column_headers(
    sheet: Worksheet,
    row: int,
    formats: Formats,
    results: Results,
    lead: Sequence[str] = (),
) -> int:
    """Two header rows over ``results.columns`` (merged headings, then labels),
    after ``lead`` columns named on the lower row."""
    first_col = len(lead)
    for col in range(first_col):
        sheet.write_blank(row, col, None, formats["header_left"])
    upper, _lower = results.header_rows()
    col = first_col
    for cell in upper:
        last = col + cell.colspan - 1
        merge_string(sheet, row, col, last, cell.label, formats["header"])
        col = last + 1
    for col, label in enumerate(lead):
        sheet.write_string(row + 1, col, label, formats["header_left"])
    for index, column in enumerate(results.columns):
        sheet.write_string(row + 1, first_col + index, column.label, formats["header"])
    return row + 2


def write_respondents(
    sheet: Worksheet,
    row: int,
    formats: Formats,
    results: Results,
    responses: Mapping[tuple, Cell],
    dimension_labels: Sequence[str],
    label_span: int = 1,
) -> int:
    """Responses per breakdown cell: a territory x group grid with totals when
    there are two dimensions, else one line per column. Line labels span
    ``label_span`` columns; the counts follow."""
    if not responses:
        return row
    threshold = results.threshold
    if len(results.dimension_keys) != 2:
        for column in results.columns:
            kind = ROW_KINDS[column.kind]
            label_cell(
                sheet, row, label_span, column.title, formats.figure("label", kind)
            )
            cell = responses.get(column.key, Cell(count=0))
            write_count(sheet, row, label_span, cell, threshold, formats, kind)
            row += 1
        return row
    rows, cols = _grid_values(results.columns)
    corner = " \\ ".join(str(label) for label in dimension_labels[:2])
    label_cell(sheet, row, label_span, corner, formats["header_left"])
    for index, (_value, label) in enumerate(cols):
        sheet.write_string(row, label_span + index, label, formats["header"])
    row += 1
    for first, first_label in rows:
        kind = "overall" if first == ALL else "cell"
        label_cell(sheet, row, label_span, first_label, formats.figure("label", kind))
        for index, (second, _label) in enumerate(cols):
            cell_kind = "total" if ALL in (first, second) and kind == "cell" else kind
            cell = responses.get((first, second), Cell(count=0))
            col = label_span + index
            write_count(sheet, row, col, cell, threshold, formats, cell_kind)
        row += 1
    return row


def _grid_values(columns: Sequence[Column]):
    """The (value, label) rows and columns of a two-dimension grid, "Ensemble" last."""
    firsts: dict[str, str] = {}
    seconds: dict[str, str] = {}
    for column in columns:
        if column.kind is ColumnKind.CELL:
            firsts.setdefault(column.key[0], column.value_labels[0])
            seconds.setdefault(column.key[1], column.value_labels[1])
    overall = str(OVERALL_LABEL)
    return (
        [*firsts.items(), (ALL, overall)],
        [*seconds.items(), (ALL, overall)],
    )
