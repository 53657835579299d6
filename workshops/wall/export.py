"""The contributions sheet of the results workbook."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from surveys.exports import ExtraSheet
from surveys.exports.formats import Formats, set_up_page
from workshops.labels import CONTRIBUTION_KIND_LABELS
from workshops.models import Workshop, WorkshopSession
from workshops.results.queries import ResultFilters
from workshops.wall.queries import WallEntry, wall_entries

_WIDTHS = (22, 24, 70, 16, 16, 20, 10, 10)


@dataclass(frozen=True)
class _Row:
    session: WorkshopSession
    entry: WallEntry


def contribution_sheets(
    workshop: Workshop, filters: ResultFilters
) -> tuple[ExtraSheet, ...]:
    """A "Contributions" sheet of the filtered sessions' walls; none if empty."""
    rows = _rows(workshop, filters)
    if not rows:
        return ()
    title = _("Contributions")

    def write(sheet, formats: Formats) -> None:
        _write(sheet, formats, title, workshop, rows)

    description = _(
        "Les contributions du mur, par séance puis par nombre de soutiens ; "
        "sans les contributions masquées ni les doublons fusionnés."
    )
    return (ExtraSheet(name=title, description=description, write=write),)


def _sessions(workshop: Workshop, filters: ResultFilters) -> list[WorkshopSession]:
    if filters.session is not None:
        return [filters.session]
    if filters.wave:
        return [s for s in workshop.sessions if s.wave == filters.wave]
    return list(workshop.sessions)


def _rows(workshop: Workshop, filters: ResultFilters) -> list[_Row]:
    rows = []
    for session in _sessions(workshop, filters):
        entries = sorted(
            wall_entries(session), key=lambda e: (-e.votes, e.contribution.id)
        )
        rows += [_Row(session, entry) for entry in entries]
    return rows


def _write(sheet, formats: Formats, title, workshop: Workshop, rows) -> None:
    """Top to bottom (constant-memory mode); participant texts as strings."""
    for column, width in enumerate(_WIDTHS):
        sheet.set_column(column, column, width)
    sheet.write_string(0, 0, f"{title} — {workshop.title}", formats["title"])
    sheet.write_string(1, 0, _note(workshop.anonymity_threshold), formats["muted"])
    headers = (
        _("Séance"),
        _("Type"),
        _("Contribution"),
        _("Territoire"),
        _("Collège"),
        _("Groupe de travail"),
        _("Soutiens"),
        _("Épinglée"),
    )
    for column, header in enumerate(headers):
        sheet.write_string(3, column, header, formats["header_left"])
    wrap = formats["wrap"]
    for row, item in enumerate(rows, start=4):
        contribution, tag = item.entry.contribution, item.entry.tag
        sheet.write_string(row, 0, item.session.label, wrap)
        sheet.write_string(row, 1, str(CONTRIBUTION_KIND_LABELS[contribution.kind]))
        sheet.write_string(row, 2, contribution.text, wrap)
        sheet.write_string(row, 3, tag.territory)
        sheet.write_string(row, 4, tag.group)
        sheet.write_string(row, 5, tag.working_group)
        sheet.write_number(row, 6, item.entry.votes)
        sheet.write_string(row, 7, _("Oui") if contribution.pinned else "")
    sheet.autofilter(3, 0, 3 + len(rows), len(headers) - 1)
    sheet.freeze_panes(4, 0)
    set_up_page(sheet, workshop.title, repeat=(3, 3))


def _note(threshold: int) -> str:
    return ngettext(
        "Le territoire, le collège et le groupe de travail d'une contribution "
        "ne sont indiqués que si au moins %(num)d répondant de la séance les "
        "partage.",
        "Le territoire, le collège et le groupe de travail d'une contribution "
        "ne sont indiqués que si au moins %(num)d répondants de la séance les "
        "partagent.",
        threshold,
    )
