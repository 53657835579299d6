"""The workshop's exports: the results workbook and the tidy CSV, with the
words around the figures (workshop, territories, sessions, filters)."""

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from surveys.aggregation import Dimension, Results
from surveys.aggregation.divergence import MIN_RESPONDENTS
from surveys.exports import (
    Comparison,
    ReadmeSection,
    WorkbookContext,
    write_results_workbook,
)
from surveys.exports.data_table import build_record_table
from surveys.exports.respondents import responses_by_column
from surveys.exports.tidy import build_tidy_frame, tidy_csv_chunks
from workshops.labels import STATE_LABELS, wave_label
from workshops.models import Workshop
from workshops.results.queries import (
    ResultFilters,
    present_waves,
    result_dimensions,
    working_group_dimension,
    workshop_results,
)
from workshops.wall.export import contribution_sheets

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv"
# Small combinations of these two are merged in the individual rows.
CROSS = ("territory", "group")


def build_workbook(
    workshop: Workshop,
    filters: ResultFilters,
    day: date,
    *,
    locale: str | None = None,
    with_data: bool = False,
) -> tuple[bytes, Results]:
    """The .xlsx bytes of a workshop's results, and the results they hold."""
    with _in_language(locale):
        results = workshop_results(workshop, filters)
        context = workbook_context(workshop, filters, day, results, with_data)
        return write_results_workbook(results, context), results


def build_csv(
    workshop: Workshop, filters: ResultFilters, *, locale: str | None = None
) -> tuple[Iterator[bytes], int]:
    """The tidy CSV of a workshop's answers, in pieces, and how many rows."""
    with _in_language(locale):
        frame = build_tidy_frame(
            workshop.questionnaire,
            record_dimensions(workshop),
            filters.dimensions(),
            workshop.anonymity_threshold,
            CROSS,
        )
    return tidy_csv_chunks(frame), len(frame)


def export_filename(workshop: Workshop, day: date, extension: str = "xlsx") -> str:
    """E.g. "regards-croises-savoie-bignona-2025-05-14.xlsx"."""
    return f"regards-croises-{_slug(workshop.title)}-{day.isoformat()}.{extension}"


def record_dimensions(workshop: Workshop) -> tuple[Dimension, ...]:
    """Territory and group, the working group (when the workshop has some), then
    session and wave: the columns of individual rows."""
    working_groups = (
        (working_group_dimension(workshop),) if workshop.working_groups else ()
    )
    return (
        *result_dimensions(workshop),
        *working_groups,
        Dimension(
            key="session",
            label=_("Séance"),
            values=tuple((str(s.id), s.label) for s in workshop.sessions),
        ),
        Dimension(
            key="wave",
            label=_("Vague"),
            values=tuple((w, wave_label(w)) for w in present_waves(workshop)),
        ),
    )


def workbook_context(
    workshop: Workshop,
    filters: ResultFilters,
    day: date,
    results: Results,
    with_data: bool = False,
) -> WorkbookContext:
    """The Lisez-moi and Synthèse words, counts per cell, optional rows, and
    the walls' contributions."""
    dimensions = result_dimensions(workshop, filters.compare)
    records = None
    if with_data:
        records = build_record_table(
            workshop.questionnaire,
            record_dimensions(workshop),
            filters.dimensions(),
            workshop.anonymity_threshold,
            CROSS,
        )
    return WorkbookContext(
        title=workshop.title,
        sections=_sections(workshop, filters, day),
        dimension_labels=tuple(str(d.label) for d in dimensions),
        comparisons=_comparisons(filters),
        comparison_note=_(
            "L’écart va de 0 %% (mêmes réponses) à 100 %% (aucune réponse en "
            "commun) : pour une question à choix, c’est la part des réponses qui "
            "diffère entre les deux territoires ou collèges les plus éloignés (en "
            "moyenne par modalité pour un choix multiple), pour une échelle ou un "
            "nombre, l’écart entre leurs moyennes rapporté à l’étendue de "
            "l’échelle ; seules les cases affichées comptent, et une convergence "
            "demande au moins %(n)s répondant·es de chaque côté.",
            n=MIN_RESPONDENTS,
        ),
        responses=responses_by_column(
            workshop.questionnaire.id, results, filters.dimensions()
        ),
        records=records,
        extra_sheets=contribution_sheets(workshop, filters),
    )


def _comparisons(filters: ResultFilters) -> tuple[Comparison, ...]:
    """The dimensions the Synthèse compares: those of the table's columns."""
    if filters.by_working_group:
        return (
            Comparison(
                "working_group",
                _("Où les groupes de travail divergent le plus"),
                _("Où les groupes de travail convergent"),
            ),
        )
    return (
        Comparison(
            "territory",
            _("Où les territoires divergent le plus"),
            _("Où les territoires convergent"),
        ),
        Comparison(
            "group",
            _("Où les collèges d’acteurs divergent le plus"),
            _("Où les collèges d’acteurs convergent"),
        ),
    )


def _sections(
    workshop: Workshop, filters: ResultFilters, day: date
) -> tuple[ReadmeSection, ...]:
    working_groups = ()
    if workshop.working_groups:
        working_groups = (
            ReadmeSection(
                _("Groupes de travail"),
                header=(_("Groupe"), _("Consigne")),
                rows=tuple((g.name, g.prompt or "") for g in workshop.working_groups),
            ),
        )
    return (
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
            _("Territoires partenaires"),
            rows=tuple((t.name,) for t in workshop.territories),
        ),
        ReadmeSection(
            _("Collèges d’acteurs"),
            rows=tuple((g.name,) for g in workshop.actor_groups),
        ),
        *working_groups,
        ReadmeSection(
            _("Séances"),
            header=(_("Séance"), _("Vague"), _("État"), _("Code"), _("Date")),
            rows=tuple(
                (
                    session.label,
                    wave_label(session.wave),
                    str(STATE_LABELS[session.state]),
                    session.join_code,
                    format_date(session.created_at, format="medium"),
                )
                for session in workshop.sessions
            ),
        ),
    )


def _in_language(locale: str | None):
    """Labels in ``locale`` (sheet names included), else the interface's."""
    return force_locale(locale) if locale else contextlib.nullcontext()


def _slug(title: str) -> str:
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "atelier"
