"""The "Lisez-moi" sheet: where the figures come from and how to read them."""

from collections.abc import Sequence

from flask_babel import gettext as _
from xlsxwriter.worksheet import Worksheet

from surveys.aggregation import Results
from surveys.exports.context import WorkbookContext
from surveys.exports.formats import Formats, set_up_page
from surveys.exports.sheets.tables import (
    hidden_mark,
    merge_string,
    write_respondents,
    write_text,
)

# Column A holds the names; values span B..H (about 110 characters).
_VALUE_FIRST, _VALUE_LAST = 1, 7
_CHARS_PER_LINE = 105


def anonymity_rule(threshold: int) -> str:
    """The anonymity rule in words, with the workshop's threshold."""
    if threshold <= 1:
        return _("Seuil d’anonymat : 1. Aucune case n’est masquée.")
    return _(
        "Toute case de moins de %(k)s répondants est masquée et remplacée par "
        "« %(mark)s ». Pour qu’une case masquée ne puisse pas être retrouvée en "
        "soustrayant les cases visibles de leur total, d’autres cases sont "
        "masquées aussi (masquage complémentaire). Les mêmes cases sont masquées "
        "à l’écran, au projecteur et dans ce classeur.",
        k=threshold,
        mark=hidden_mark(threshold),
    )


def breakdown_title(context: WorkbookContext) -> str:
    """E.g. "Réponses par case (Territoire × Collège d’acteurs)"."""
    breakdown = " × ".join(str(label) for label in context.dimension_labels)
    if not breakdown:
        return _("Réponses par case")
    return _("Réponses par case (%(breakdown)s)", breakdown=breakdown)


def write_readme(
    sheet: Worksheet,
    formats: Formats,
    results: Results,
    context: WorkbookContext,
    guide: Sequence[tuple[str, str]],
) -> None:
    """Title, response count, the caller's sections, respondents per cell, the
    anonymity rule, then one line per kind of sheet (``guide``)."""
    sheet.set_column(0, 0, 32)
    sheet.set_column(_VALUE_FIRST, _VALUE_LAST, 15)
    sheet.write_string(0, 0, context.title, formats["title"])
    sheet.write_string(2, 0, _("Nombre de réponses"), formats["bold"])
    sheet.write_number(2, 1, results.response_count, formats["bold"])
    row = 4
    for section in context.sections:
        sheet.write_string(row, 0, section.title, formats["heading"])
        row += 1
        if section.header:
            for col, label in enumerate(section.header):
                sheet.write_string(row, col, label, formats["header_left"])
            row += 1
        for values in section.rows:
            row = _write_values(sheet, formats, row, values)
        row += 1
    if context.responses:
        sheet.write_string(row, 0, breakdown_title(context), formats["heading"])
        row = write_respondents(
            sheet,
            row + 1,
            formats,
            results,
            context.responses,
            context.dimension_labels,
        )
        row += 1
    sheet.write_string(row, 0, _("Anonymat"), formats["heading"])
    row = _write_long(sheet, formats, row, anonymity_rule(results.threshold)) + 1
    sheet.write_string(row, 0, _("Comment lire ce classeur"), formats["heading"])
    row += 1
    for name, text in guide:
        sheet.write_string(row, 0, name, formats["bold"])
        row = _write_long(sheet, formats, row, text)
    set_up_page(sheet, context.title)


def _write_values(sheet: Worksheet, formats: Formats, row: int, values) -> int:
    """A line of a section: a name and one long value, or a table line."""
    if len(values) == 2 and isinstance(values[1], str):
        sheet.write_string(row, 0, str(values[0]), formats["bold"])
        return _write_long(sheet, formats, row, values[1])
    for col, value in enumerate(values):
        write_text(sheet, row, col, value, formats["wrap"])
    return row + 1


def _write_long(sheet: Worksheet, formats: Formats, row: int, text: str) -> int:
    """A text over columns B..H of the line, as tall as it needs to be."""
    lines = sum(1 + len(line) // _CHARS_PER_LINE for line in text.splitlines() or [""])
    if lines > 1:
        sheet.set_row(row, 15 * min(lines, 27))
    merge_string(sheet, row, _VALUE_FIRST, _VALUE_LAST, text, formats["wrap"])
    return row + 1
