"""The results workbook: Lisez-moi, Synthèse, one sheet per question,
Verbatims, and the optional Données.

What a participant typed is always written as a string: the workbook options
turn off xlsxwriter's conversion of strings into formulas, numbers and links,
and every text goes through ``write_string``. Constant-memory mode writes each
row to a temporary file as soon as the next one starts, so a workbook of a
hundred thousand responses does not sit in memory; every sheet is therefore
written strictly top to bottom.
"""

import io
from dataclasses import dataclass

import xlsxwriter
from flask_babel import gettext as _

from surveys.aggregation import Results
from surveys.exports.context import WorkbookContext
from surveys.exports.formats import Formats
from surveys.exports.names import SheetNames
from surveys.exports.sheets.data import write_data
from surveys.exports.sheets.question import write_question_sheet
from surveys.exports.sheets.readme import write_readme
from surveys.exports.sheets.summary import write_summary
from surveys.exports.sheets.verbatims import write_verbatims

WORKBOOK_OPTIONS = {
    "constant_memory": True,
    # in_memory would turn constant_memory off: rows go to temporary files.
    "in_memory": False,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


@dataclass(frozen=True)
class _Plan:
    """Every sheet's name, chosen before writing: the Lisez-moi names them."""

    readme: str
    summary: str
    questions: tuple[str, ...]
    verbatims: str | None
    data: str | None
    extra: tuple[str, ...] = ()


def write_results_workbook(results: Results, context: WorkbookContext) -> bytes:
    """The .xlsx bytes of the results, with the words of ``context``."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, WORKBOOK_OPTIONS)
    workbook.set_properties({"title": context.title})
    formats = Formats(workbook)
    plan = _plan(results, context)
    write_readme(
        workbook.add_worksheet(plan.readme),
        formats,
        results,
        context,
        _guide(plan, context),
    )
    write_summary(workbook.add_worksheet(plan.summary), formats, results, context)
    for question, name in zip(results.questions, plan.questions, strict=True):
        sheet = workbook.add_worksheet(name)
        write_question_sheet(workbook, sheet, formats, results, question, context)
    if plan.verbatims is not None:
        sheet = workbook.add_worksheet(plan.verbatims)
        write_verbatims(sheet, formats, plan.verbatims, results, context)
    for extra, name in zip(context.extra_sheets, plan.extra, strict=True):
        extra.write(workbook.add_worksheet(name), formats)
    if plan.data is not None and context.records is not None:
        sheet = workbook.add_worksheet(plan.data)
        write_data(sheet, formats, context.records, results.threshold, context)
    workbook.close()
    return output.getvalue()


def _plan(results: Results, context: WorkbookContext) -> _Plan:
    names = SheetNames()
    readme = names.add(_("Lisez-moi"))
    summary = names.add(_("Synthèse"))
    verbatims = _("Verbatims")
    data = _("Données")
    # Reserved first, so that no question sheet takes these names.
    verbatims = (
        names.add(verbatims) if any(q.texts for q in results.questions) else None
    )
    data = names.add(data) if context.records is not None else None
    extra = tuple(names.add(sheet.name) for sheet in context.extra_sheets)
    questions = tuple(names.add(f"{q.code} {q.label}") for q in results.questions)
    return _Plan(readme, summary, questions, verbatims, data, extra)


def _guide(plan: _Plan, context: WorkbookContext) -> list[tuple[str, str]]:
    """One line per kind of sheet, for the Lisez-moi."""
    guide = [
        (
            plan.summary,
            _(
                "Les répondants par case, les questions où les réponses divergent "
                "et convergent le plus, et la moyenne de chaque échelle par case."
            ),
        )
    ]
    breakdown = " × ".join(str(label) for label in context.dimension_labels)
    if plan.questions:
        first, last = plan.questions[0], plan.questions[-1]
        name = first if first == last else f"{first} … {last}"
        guide.append(
            (
                name,
                _(
                    "Une feuille par question : une ligne par case (%(breakdown)s), "
                    "puis les totaux et l’ensemble ; effectifs, pourcentages des "
                    "répondants de la ligne, moyennes et médianes ; un graphique "
                    "sous le tableau. Les filtres des en-têtes permettent de "
                    "choisir les lignes à comparer.",
                    breakdown=breakdown,
                ),
            )
        )
    if plan.verbatims is not None:
        guide.append(
            (
                plan.verbatims,
                _(
                    "Les réponses libres, par question puis par case, dans l’ordre "
                    "alphabétique (jamais dans l’ordre d’arrivée)."
                ),
            )
        )
    for extra, name in zip(context.extra_sheets, plan.extra, strict=True):
        guide.append((name, extra.description))
    if plan.data is not None:
        guide.append(
            (
                plan.data,
                _(
                    "Une ligne anonyme par réponse, pour vos propres analyses ; les "
                    "petites valeurs sont regroupées en « Autres ». À ne pas diffuser."
                ),
            )
        )
    return guide
