"""Excel workbook of comparison tables (xlsxwriter, built in memory).

What a participant typed is always written as a string: the workbook options
turn off xlsxwriter's conversion of strings into formulas, numbers and links,
and every text goes through ``write_string``.
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import xlsxwriter
from flask_babel import gettext as _
from xlsxwriter.worksheet import Worksheet

from surveys.aggregation import Cell, QuestionResult, Results, Row, RowKind

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
SHEET_NAME_MAX = 31
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
# Rows of the table: title, type, blank, then three header rows.
_HEADER_ROW = 3
_FIRST_DATA_ROW = _HEADER_ROW + 3
_LABEL_WIDTH = 42
_TEXT_CHARS_PER_LINE = 110

Value = str | int | float


@dataclass(frozen=True)
class ReadmeSection:
    """A block of the "Lisez-moi" sheet: a bold title, then rows of values."""

    title: str
    rows: Sequence[Sequence[Value]] = ()
    # Optional bold first row (column names of a small table).
    header: Sequence[str] = ()


@dataclass(frozen=True)
class WorkbookContext:
    """What the workbook says about where the results come from."""

    title: str
    sections: Sequence[ReadmeSection] = field(default_factory=tuple)


def write_results_workbook(results: Results, context: WorkbookContext) -> bytes:
    """The .xlsx bytes: a "Lisez-moi" sheet, then one sheet per question."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, WORKBOOK_OPTIONS)
    formats = _formats(workbook)
    names = SheetNames()
    _write_readme(
        workbook.add_worksheet(names.add(_("Lisez-moi"))), formats, results, context
    )
    for question in results.questions:
        sheet = workbook.add_worksheet(names.add(f"{question.code} {question.label}"))
        _write_question(sheet, formats, results, question)
    workbook.close()
    return output.getvalue()


class SheetNames:
    """Valid, unique sheet names: no []:*?/\\, at most 31 characters."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, wanted: str) -> str:
        base = " ".join(_FORBIDDEN_IN_SHEET_NAMES.sub(" ", wanted).split())
        base = base.strip("'") or "Feuille"
        name = _cut(base, SHEET_NAME_MAX)
        number = 1
        while name.casefold() in self._taken:
            number += 1
            suffix = f" ({number})"
            name = _cut(base, SHEET_NAME_MAX - len(suffix)) + suffix
        self._taken.add(name.casefold())
        return name


def _cut(text: str, length: int) -> str:
    """Shorten without leaving a trailing space or apostrophe (Excel refuses it)."""
    return text[:length].rstrip(" '")


def _formats(workbook) -> dict:
    border = {"border": 1, "border_color": "#B7BEC8"}
    header = {"bold": True, "bg_color": "#E8ECF1", "text_wrap": True, "valign": "top"}
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "muted": workbook.add_format({"font_color": "#545E6E"}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "header": workbook.add_format({**header, **border, "align": "center"}),
        "header_left": workbook.add_format({**header, **border}),
        "label": workbook.add_format({**border, "text_wrap": True}),
        "label_bold": workbook.add_format(
            {**border, "bold": True, "bg_color": "#F3F5F8"}
        ),
        "count": workbook.add_format({**border, "num_format": "0"}),
        "count_bold": workbook.add_format(
            {**border, "num_format": "0", "bold": True, "bg_color": "#F3F5F8"}
        ),
        "percent": workbook.add_format({**border, "num_format": "0%"}),
        "decimal": workbook.add_format({**border, "num_format": "0.0"}),
        "hidden": workbook.add_format(
            {**border, "italic": True, "font_color": "#545E6E", "align": "center"}
        ),
        "empty": workbook.add_format(border),
    }


def _write_readme(
    sheet: Worksheet, formats: dict, results: Results, context: WorkbookContext
) -> None:
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 5, 18)
    sheet.write_string(0, 0, context.title, formats["title"])
    sheet.write_string(2, 0, _("Nombre de réponses"), formats["bold"])
    sheet.write_number(2, 1, results.response_count)
    sheet.write_string(3, 0, _("Anonymat"), formats["bold"])
    sheet.write_string(3, 1, anonymity_rule(results.threshold), formats["wrap"])
    row = 5
    for section in context.sections:
        sheet.write_string(row, 0, section.title, formats["bold"])
        row += 1
        if section.header:
            for col, label in enumerate(section.header):
                sheet.write_string(row, col, label, formats["header_left"])
            row += 1
        for values in section.rows:
            for col, value in enumerate(values):
                _write_value(sheet, row, col, value, formats["wrap"])
            row += 1
        row += 1


def anonymity_rule(threshold: int) -> str:
    """The sentence explaining the hidden cells."""
    return _(
        "Toute cellule de moins de %(k)s répondants est masquée et remplacée par "
        "« %(mark)s », ainsi que les cellules qui permettraient de la retrouver "
        "par soustraction.",
        k=threshold,
        mark=f"< {threshold}",
    )


def _write_value(sheet: Worksheet, row: int, col: int, value: Value, fmt) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        sheet.write_string(row, col, str(value), fmt)
    else:
        sheet.write_number(row, col, value)


def _write_question(
    sheet: Worksheet, formats: dict, results: Results, question: QuestionResult
) -> None:
    last_col = 2 * len(results.columns)
    sheet.set_column(0, 0, _LABEL_WIDTH)
    sheet.set_column(1, last_col, 9)
    sheet.write_string(0, 0, f"{question.code} — {question.label}", formats["title"])
    subtitle = " · ".join(
        part for part in (question.type_label, question.section) if part
    )
    sheet.write_string(1, 0, subtitle, formats["muted"])
    _write_header(sheet, formats, results)
    row = _FIRST_DATA_ROW
    hidden_text = f"< {results.threshold}"
    for table_row in question.rows:
        _write_row(sheet, formats, row, table_row, hidden_text)
        row += 1
    sheet.freeze_panes(_FIRST_DATA_ROW, 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(_HEADER_ROW, _FIRST_DATA_ROW - 1)
    if question.texts:
        _write_texts(sheet, formats, row + 1, last_col, results, question)


def _write_header(sheet: Worksheet, formats: dict, results: Results) -> None:
    top, middle, bottom = _HEADER_ROW, _HEADER_ROW + 1, _HEADER_ROW + 2
    sheet.merge_range(top, 0, bottom, 0, "", formats["header_left"])
    sheet.write_string(top, 0, _("Modalité"), formats["header_left"])
    upper, _lower = results.header_rows()
    col = 1
    for cell in upper:
        last = col + 2 * cell.colspan - 1
        _merge_string(
            sheet, top, col, top + cell.rowspan - 1, last, cell.label, formats["header"]
        )
        col = last + 1
    for index, column in enumerate(results.columns):
        col = 1 + 2 * index
        if column.label:
            _merge_string(
                sheet, middle, col, middle, col + 1, column.label, formats["header"]
            )
        sheet.write_string(bottom, col, _("Effectif"), formats["header"])
        sheet.write_string(bottom, col + 1, "%", formats["header"])


def _merge_string(sheet, first_row, first_col, last_row, last_col, text, fmt) -> None:
    if (first_row, first_col) == (last_row, last_col):
        sheet.write_string(first_row, first_col, text, fmt)
        return
    sheet.merge_range(first_row, first_col, last_row, last_col, "", fmt)
    sheet.write_string(first_row, first_col, text, fmt)


def _write_row(
    sheet: Worksheet, formats: dict, row: int, table_row: Row, hidden_text: str
) -> None:
    bold = table_row.kind is RowKind.RESPONDENTS
    sheet.write_string(
        row, 0, table_row.label, formats["label_bold" if bold else "label"]
    )
    for index, cell in enumerate(table_row.cells):
        col = 1 + 2 * index
        if cell.hidden:
            _merge_string(sheet, row, col, row, col + 1, hidden_text, formats["hidden"])
        elif table_row.kind is RowKind.OPTION:
            _write_figure(sheet, row, col, cell.count, formats["count"])
            _write_figure(sheet, row, col + 1, cell.share, formats["percent"])
        else:
            fmt, value = _single_figure(table_row.kind, cell, formats)
            sheet.merge_range(row, col, row, col + 1, "", fmt)
            _write_figure(sheet, row, col, value, fmt)


def _single_figure(kind: RowKind, cell: Cell, formats: dict):
    if kind in (RowKind.MEAN, RowKind.MEDIAN):
        return formats["decimal"], cell.value
    if kind is RowKind.RESPONDENTS:
        return formats["count_bold"], cell.count
    return formats["count"], cell.count


def _write_figure(sheet: Worksheet, row: int, col: int, value, fmt) -> None:
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    else:
        sheet.write_number(row, col, value, fmt)


def _write_texts(
    sheet: Worksheet,
    formats: dict,
    row: int,
    last_col: int,
    results: Results,
    question: QuestionResult,
) -> None:
    sheet.write_string(row, 0, _("Réponses libres"), formats["bold"])
    row += 1
    hidden_text = _("%(mark)s réponses", mark=f"< {results.threshold}")
    for group in question.texts:
        texts = [hidden_text] if group.hidden else list(group.texts)
        for text in texts:
            sheet.write_string(row, 0, group.column.title, formats["label"])
            _merge_string(sheet, row, 1, row, last_col, text, formats["wrap"])
            lines = sum(
                1 + len(line) // _TEXT_CHARS_PER_LINE for line in text.splitlines()
            )
            if lines > 1:
                sheet.set_row(row, min(409, 15 * lines))
            row += 1
