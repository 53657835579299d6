"""The "Verbatims" sheet: every free-text answer, grouped by question then by
breakdown cell, alphabetically (never in the order they arrived).

It can hold a hundred thousand texts: one cell per text, written row after row
(constant-memory mode), straight from the results' groups.
"""

from flask_babel import gettext as _
from flask_babel import ngettext
from xlsxwriter.worksheet import Worksheet

from surveys.aggregation import QuestionResult, Results
from surveys.exports.context import WorkbookContext
from surveys.exports.formats import Formats, set_up_page
from surveys.exports.sheets.tables import hidden_mark


def write_verbatims(
    sheet: Worksheet,
    formats: Formats,
    title: str,
    results: Results,
    context: WorkbookContext,
) -> None:
    """A heading per question, a line per group with its count, then its texts."""
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 100)
    sheet.write_string(0, 0, f"{title} — {context.title}", formats["title"])
    sheet.write_string(1, 0, _verbatims_note(results.threshold), formats["muted"])
    row = 3
    for question in results.questions:
        if question.texts:
            row = _write_question(sheet, formats, results, question, row) + 1
    sheet.freeze_panes(3, 0)
    set_up_page(sheet, context.title)


def _verbatims_note(threshold: int) -> str:
    if threshold <= 1:
        return _(
            "Réponses libres par question puis par case, dans l’ordre "
            "alphabétique (jamais dans l’ordre d’arrivée)."
        )
    return _(
        "Réponses libres par question puis par case, dans l’ordre alphabétique "
        "(jamais dans l’ordre d’arrivée). Les réponses d’une case de moins de "
        "%(k)s répondants sont masquées.",
        k=threshold,
    )


def _write_question(
    sheet: Worksheet,
    formats: Formats,
    results: Results,
    question: QuestionResult,
    row: int,
) -> int:
    sheet.write_string(row, 0, question.code, formats["heading"])
    sheet.write_string(row, 1, question.label, formats["heading"])
    row += 1
    hidden = _("%(mark)s réponses", mark=hidden_mark(results.threshold))
    written = False
    for group in question.texts:
        if not group.hidden and not group.texts:
            continue
        written = True
        count = (
            hidden
            if group.hidden
            else ngettext("%(num)d réponse", "%(num)d réponses", len(group.texts))
        )
        sheet.write_string(row, 0, group.column.title, formats["group"])
        sheet.write_string(row, 1, count, formats["group_count"])
        row += 1
        text_format = formats["verbatim"]
        for text in group.texts:
            sheet.write_string(row, 1, text, text_format)
            row += 1
    if not written:
        sheet.write_string(row, 1, _("Aucune réponse."), formats["muted"])
        row += 1
    return row
