"""One sheet per question: the comparison table, one line per column of the
results (territory x group cells, then totals, then "Ensemble"), and a native
Excel chart drawn from it.

The table is transposed compared with the screen (columns become lines) so
that a filter on the territory or group column selects what to compare, and a
chart series is a contiguous range of cells.
"""

import math
from dataclasses import dataclass

from flask_babel import gettext as _
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from surveys.aggregation import QuestionResult, Results, Row, RowKind
from surveys.exports.context import WorkbookContext
from surveys.exports.formats import Formats, set_up_page
from surveys.exports.sheets.charts import add_question_chart
from surveys.exports.sheets.tables import (
    ROW_KINDS,
    hidden_mark,
    merge_string,
    value_labels,
    write_figure,
)

HEADER_TOP = 4
HEADER_BOTTOM = HEADER_TOP + 1
FIRST_DATA_ROW = HEADER_BOTTOM + 1
_DIMENSION_WIDTH = 20
_FIGURE_WIDTH = 9
_ORDER = (
    RowKind.RESPONDENTS,
    RowKind.OPTION,
    RowKind.MEAN,
    RowKind.MEDIAN,
    RowKind.NO_ANSWER,
)


@dataclass(frozen=True)
class Field:
    """One column of the sheet: a figure of one row of the results table."""

    row: Row
    # Which figure of the cell: "count", "share" or "value".
    figure: str
    style: str
    heading: str
    label: str


def question_fields(question: QuestionResult) -> list[Field]:
    """The sheet's figure columns: respondents, each option's count and share,
    mean and median, no answer."""
    fields = []
    for kind in _ORDER:
        for row in question.rows:
            if row.kind is not kind:
                continue
            if kind is RowKind.OPTION:
                fields.append(Field(row, "count", "count", row.label, _("Effectif")))
                fields.append(Field(row, "share", "percent", row.label, "%"))
            elif kind in (RowKind.MEAN, RowKind.MEDIAN):
                fields.append(Field(row, "value", "decimal", "", row.label))
            else:
                fields.append(Field(row, "count", "count", "", row.label))
    return fields


def write_question_sheet(
    workbook: Workbook,
    sheet: Worksheet,
    formats: Formats,
    results: Results,
    question: QuestionResult,
    context: WorkbookContext,
) -> None:
    """The question's table, then its chart below it."""
    dims = len(results.dimension_keys) or 1
    fields = question_fields(question)
    sheet.set_column(0, dims - 1, _DIMENSION_WIDTH)
    sheet.set_column(dims, dims + len(fields), _FIGURE_WIDTH)
    _write_title(sheet, formats, results, question)
    _write_headers(sheet, formats, fields, dims, context)
    row = FIRST_DATA_ROW
    starts = results.block_starts()
    for index, column in enumerate(results.columns):
        kind = ROW_KINDS[column.kind]
        start = starts[index] and index > 0
        for col, label in enumerate(value_labels(column)):
            sheet.write_string(row, col, label, formats.figure("label", kind, start))
        for offset, field in enumerate(fields):
            cell = field.row.cells[index]
            if cell.hidden:
                fmt = formats.figure("hidden", kind, start)
                sheet.write_string(
                    row, dims + offset, hidden_mark(results.threshold), fmt
                )
            else:
                value = getattr(cell, field.figure)
                fmt = formats.figure(field.style, kind, start)
                write_figure(sheet, row, dims + offset, value, fmt)
        row += 1
    last_row = row - 1
    last_col = dims + len(fields) - 1
    sheet.freeze_panes(FIRST_DATA_ROW, dims)
    sheet.autofilter(HEADER_BOTTOM, 0, last_row, last_col)
    set_up_page(sheet, context.title, repeat=(HEADER_TOP, HEADER_BOTTOM))
    chart = add_question_chart(
        workbook, sheet.name, results, question, fields, dims, FIRST_DATA_ROW
    )
    if chart is not None:
        sheet.insert_chart(last_row + 2, 0, chart)


def _write_title(
    sheet: Worksheet, formats: Formats, results: Results, question: QuestionResult
) -> None:
    sheet.write_string(0, 0, f"{question.code} — {question.label}", formats["title"])
    subtitle = " · ".join(
        part for part in (question.type_label, question.section) if part
    )
    sheet.write_string(1, 0, subtitle, formats["muted"])
    if question.texts:
        note = _("Les réponses libres sont dans la feuille « Verbatims ».")
    elif question.multiple:
        note = _(
            "Plusieurs réponses possibles : chaque pourcentage est la part des "
            "répondants de la ligne qui ont coché la modalité (total au-delà de "
            "100 %)."
        )
    else:
        note = _("Pourcentages : part des répondants de la ligne.")
    sheet.write_string(2, 0, note, formats["muted"])
    if results.threshold > 1:
        mark = hidden_mark(results.threshold)
        sheet.write_string(
            3,
            0,
            _(
                "« %(mark)s » : case masquée pour l’anonymat (voir « Lisez-moi »).",
                mark=mark,
            ),
            formats["muted"],
        )


def _write_headers(
    sheet: Worksheet,
    formats: Formats,
    fields: list[Field],
    dims: int,
    context: WorkbookContext,
) -> None:
    header = formats["header"]
    longest = max((len(f.heading) for f in fields if f.figure == "count"), default=0)
    lines = math.ceil(longest / (2 * _FIGURE_WIDTH)) if longest else 1
    sheet.set_row(HEADER_TOP, 15 * min(lines, 6))
    for col in range(dims):
        sheet.write_blank(HEADER_TOP, col, None, header)
    col = dims
    for field in fields:
        if field.figure == "share":
            col += 1
            continue
        if field.row.kind is RowKind.OPTION:
            merge_string(sheet, HEADER_TOP, col, col + 1, field.heading, header)
        else:
            sheet.write_blank(HEADER_TOP, col, None, header)
        col += 1
    labels = list(context.dimension_labels)[:dims]
    labels += [""] * (dims - len(labels))
    sheet.set_row(HEADER_BOTTOM, 30)
    for col, label in enumerate(labels):
        sheet.write_string(HEADER_BOTTOM, col, label, formats["header_left"])
    for offset, field in enumerate(fields):
        sheet.write_string(HEADER_BOTTOM, dims + offset, field.label, header)
