"""The workshop's results workbook: the Lisez-moi context around the tables."""

import re
import unicodedata
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from surveys.aggregation import Results
from surveys.exports import ReadmeSection, WorkbookContext, write_results_workbook
from workshops.labels import STATE_LABELS, wave_label
from workshops.models import Workshop
from workshops.results.queries import ResultFilters, workshop_results

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build_workbook(
    workshop: Workshop, filters: ResultFilters, day: date
) -> tuple[bytes, Results]:
    """The .xlsx bytes of a workshop's results, and the results they hold."""
    results = workshop_results(workshop, filters)
    context = workbook_context(workshop, filters, day)
    return write_results_workbook(results, context), results


def export_filename(workshop: Workshop, day: date) -> str:
    """E.g. "regards-croises-savoie-bignona-2025-05-14.xlsx"."""
    return f"regards-croises-{_slug(workshop.title)}-{day.isoformat()}.xlsx"


def workbook_context(
    workshop: Workshop, filters: ResultFilters, day: date
) -> WorkbookContext:
    """The Lisez-moi sheet: the workshop, its breakdown, sessions and filters."""
    return WorkbookContext(
        title=workshop.title,
        sections=(
            ReadmeSection(
                _("Atelier"),
                rows=(
                    (_("Titre"), workshop.title),
                    (_("Description"), workshop.description or ""),
                    (_("Filtres appliqués"), filters.describe()),
                    (_("Date d’export"), format_date(day, format="long")),
                ),
            ),
            ReadmeSection(
                _("Territoires"), rows=tuple((t.name,) for t in workshop.territories)
            ),
            ReadmeSection(
                _("Collèges d’acteurs"),
                rows=tuple((g.name,) for g in workshop.actor_groups),
            ),
            ReadmeSection(
                _("Séances"),
                header=(_("Séance"), _("Vague"), _("État"), _("Code")),
                rows=tuple(
                    (
                        session.label,
                        wave_label(session.wave),
                        str(STATE_LABELS[session.state]),
                        session.join_code,
                    )
                    for session in workshop.sessions
                ),
            ),
        ),
    )


def _slug(title: str) -> str:
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "atelier"
