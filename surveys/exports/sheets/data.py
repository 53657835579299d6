"""The optional "Données" sheet: one anonymous row per response."""

from flask_babel import gettext as _
from xlsxwriter.worksheet import Worksheet

from surveys.exports.context import RecordTable, WorkbookContext
from surveys.exports.formats import Formats, set_up_page
from surveys.exports.sheets.tables import merge_string, write_text

_HEADER_ROW = 3


def data_warning(threshold: int, dimensions: list[str]) -> str:
    """Why the individual rows are sensitive, and what was done about it, for
    the dimension columns shown (e.g. "Territoire", "Groupe de travail")."""
    return _(
        "Une ligne par réponse, sans identifiant ni date, dans un ordre sans lien "
        "avec l’ordre d’arrivée. Les valeurs (%(dimensions)s) de moins de %(k)s "
        "réponses sont regroupées en « Autres », laissées vides si « Autres » "
        "reste sous ce seuil. Croiser plusieurs colonnes peut malgré tout permettre "
        "de reconnaître une personne : ne diffusez cette feuille qu’aux personnes "
        "qui en ont besoin.",
        dimensions=", ".join(label[:1].lower() + label[1:] for label in dimensions),
        k=threshold,
    )


def write_data(
    sheet: Worksheet,
    formats: Formats,
    records: RecordTable,
    threshold: int,
    context: WorkbookContext,
) -> None:
    """The warning, then the table with filters, written row after row."""
    columns = len(records.headers)
    dims = records.dimension_count
    sheet.set_column(0, max(dims - 1, 0), 18, formats["wrap"])
    sheet.set_column(dims, max(columns - 1, dims), 24, formats["wrap"])
    sheet.write_string(
        0,
        0,
        _("Données individuelles anonymes : à manier avec précaution"),
        formats["warning"],
    )
    sheet.set_row(1, 60)
    merge_string(
        sheet,
        1,
        0,
        max(columns - 1, 7),
        data_warning(threshold, list(records.headers[:dims])),
        formats["wrap"],
    )
    sheet.set_row(_HEADER_ROW, 45)
    for col, header in enumerate(records.headers):
        sheet.write_string(_HEADER_ROW, col, header, formats["header_left"])
    row = _HEADER_ROW + 1
    # Cells take the column's format (wrapped text): one lookup less per cell
    # on a sheet that may hold millions of them.
    for values in records.rows:
        for col, value in enumerate(values):
            if value is not None:
                write_text(sheet, row, col, value, None)
        row += 1
    sheet.freeze_panes(_HEADER_ROW + 1, dims)
    sheet.autofilter(_HEADER_ROW, 0, max(row - 1, _HEADER_ROW), max(columns - 1, 0))
    set_up_page(sheet, context.title, repeat=(_HEADER_ROW, _HEADER_ROW))
