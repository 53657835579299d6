"""The "Synthèse" sheet: respondents, where answers diverge and converge most,
and the mean of every scale question per column, in one place."""

import math

from flask_babel import gettext as _
from xlsxwriter.worksheet import Worksheet

from surveys.aggregation import Results, RowKind
from surveys.aggregation.divergence import (
    METHOD_MEAN,
    Divergence,
    convergences,
    divergences,
)
from surveys.exports.context import Comparison, WorkbookContext
from surveys.exports.formats import Formats, set_up_page
from surveys.exports.sheets.readme import breakdown_title
from surveys.exports.sheets.tables import (
    ROW_KINDS,
    hidden_mark,
    merge_string,
    write_column_headers,
    write_figure,
    write_respondents,
)

TOP = 5
# Columns: A code, B question, then one per results column (means table);
# the divergence tables write their reading over D..I and the method over J..K.
_SUMMARY_FIRST, _SUMMARY_LAST = 3, 8
_METHOD_FIRST, _METHOD_LAST = 9, 10


def write_summary(
    sheet: Worksheet, formats: Formats, results: Results, context: WorkbookContext
) -> None:
    """Respondents table, divergences and convergences, means of the scales."""
    sheet.set_column(0, 0, 9)
    sheet.set_column(1, 1, 46)
    sheet.set_column(2, max(2 + len(results.columns), _METHOD_LAST), 11)
    sheet.write_string(0, 0, f"{_('Synthèse')} — {context.title}", formats["title"])
    row = 2
    if context.responses:
        sheet.write_string(row, 0, breakdown_title(context), formats["heading"])
        row = write_respondents(
            sheet,
            row + 1,
            formats,
            results,
            context.responses,
            context.dimension_labels,
            label_span=2,
        )
        row += 1
    if context.comparisons and context.comparison_note:
        note = context.comparison_note
        merge_string(sheet, row, 0, _METHOD_LAST, note, formats["muted_wrap"])
        sheet.set_row(row, 15 * (2 + len(note) // 150))
        row += 2
    for comparison in context.comparisons:
        row = _write_comparison(sheet, formats, results, comparison, row)
    row = _write_means(sheet, formats, results, row)
    set_up_page(sheet, context.title)


def _write_comparison(
    sheet: Worksheet,
    formats: Formats,
    results: Results,
    comparison: Comparison,
    row: int,
) -> int:
    scored = divergences(results, comparison.key)
    # As on the results page: the top of both ends; with few questions, each
    # question on one side only (the more divergent half first).
    divergent = scored[: min(TOP, math.ceil(len(scored) / 2))]
    listed = {item.question_id for item in divergent}
    convergent = [
        item
        for item in convergences(results, comparison.key)
        if item.question_id not in listed
    ][:TOP]
    for title, items in (
        (comparison.divergent_title, divergent),
        (comparison.convergent_title, convergent),
    ):
        sheet.write_string(row, 0, title, formats["heading"])
        row += 1
        if not items:
            sheet.write_string(
                row,
                0,
                _("Pas assez de réponses affichées pour comparer."),
                formats["muted"],
            )
            row += 2
            continue
        row = _write_divergence_header(sheet, formats, row)
        for item in items:
            row = _write_divergence(sheet, formats, row, item)
        row += 1
    return row


def _write_divergence_header(sheet: Worksheet, formats: Formats, row: int) -> int:
    header = formats["header_left"]
    sheet.write_string(row, 0, _("Code"), header)
    sheet.write_string(row, 1, _("Question"), header)
    sheet.write_string(row, 2, _("Écart"), header)
    merge_string(sheet, row, _SUMMARY_FIRST, _SUMMARY_LAST, _("Lecture"), header)
    merge_string(sheet, row, _METHOD_FIRST, _METHOD_LAST, _("Méthode"), header)
    return row + 1


def _write_divergence(
    sheet: Worksheet, formats: Formats, row: int, item: Divergence
) -> int:
    label = formats.figure("label")
    sheet.write_string(row, 0, item.code, label)
    sheet.write_string(row, 1, item.label, label)
    sheet.write_number(row, 2, item.score, formats.figure("score"))
    merge_string(sheet, row, _SUMMARY_FIRST, _SUMMARY_LAST, item.summary, label)
    method = _("Moyennes") if item.method == METHOD_MEAN else _("Répartitions")
    merge_string(sheet, row, _METHOD_FIRST, _METHOD_LAST, method, label)
    return row + 1


def _write_means(sheet: Worksheet, formats: Formats, results: Results, row: int) -> int:
    """One line per question with a mean, one column per results column."""
    questions = [q for q in results.questions if q.row(RowKind.MEAN) is not None]
    if not questions:
        return row
    sheet.write_string(
        row, 0, _("Moyennes des questions à échelle"), formats["heading"]
    )
    row += 1
    lead = (_("Code"), _("Question"))
    row = write_column_headers(sheet, row, formats, results, lead)
    kinds = [ROW_KINDS[column.kind] for column in results.columns]
    mark = hidden_mark(results.threshold)
    for question in questions:
        mean = question.row(RowKind.MEAN)
        sheet.write_string(row, 0, question.code, formats.figure("label"))
        sheet.write_string(row, 1, question.label, formats.figure("label"))
        for index, (cell, kind) in enumerate(zip(mean.cells, kinds, strict=True)):
            if cell.hidden:
                sheet.write_string(row, 2 + index, mark, formats.figure("hidden", kind))
            else:
                write_figure(
                    sheet, row, 2 + index, cell.value, formats.figure("decimal", kind)
                )
        row += 1
    return row + 1
