"""The results page of a workshop and its Excel export."""

import io
import logging

from flask import Blueprint, Response, abort, render_template, send_file, url_for
from flask_login import current_user, login_required

from facilitator.timeutils import utctoday
from workshops.models import Workshop
from workshops.queries import count_responses, get_owned_workshop_or_404
from workshops.results.export import (
    CSV_MIMETYPE,
    XLSX_MIMETYPE,
    build_csv,
    build_workbook,
    export_filename,
)
from workshops.results.export_forms import ExportOptionsForm
from workshops.results.formatting import (
    format_cell,
    format_change,
    format_score,
    format_wave_figure,
)
from workshops.results.forms import ResultsFilterForm
from workshops.results.page import build_results_page
from workshops.results.queries import (
    ResultFilters,
    find_filters,
    ordered_waves,
)

logger = logging.getLogger(__name__)

bp = Blueprint("results", __name__)


@bp.context_processor
def inject_formatting() -> dict:
    return {
        "format_cell": format_cell,
        "format_change": format_change,
        "format_score": format_score,
        "format_wave_figure": format_wave_figure,
    }


@bp.route("/workshops/<int:workshop_id>/results", methods=["GET"])
@login_required
def show_results(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    form, filters = _bind_filters(workshop)
    page = build_results_page(workshop, filters)
    return render_template(
        "workshops/results/show.html",
        workshop=workshop,
        form=form,
        page=page,
        results=page.results,
        total_responses=count_responses(workshop),
        export_url=url_for(
            "results.export_results_xlsx",
            workshop_id=workshop.id,
            **filters.query_args(),
        ),
        print_url=url_for(
            "results.print_results", workshop_id=workshop.id, **filters.query_args()
        ),
    )


@bp.route("/workshops/<int:workshop_id>/results/print", methods=["GET"])
@login_required
def print_results(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    _form, filters = _bind_filters(workshop)
    page = build_results_page(workshop, filters)
    return render_template(
        "workshops/results/print.html",
        workshop=workshop,
        filters=filters,
        page=page,
        results=page.results,
        waves=ordered_waves(workshop),
        today=utctoday(),
        back_url=url_for(
            "results.show_results", workshop_id=workshop.id, **filters.query_args()
        ),
    )


@bp.route("/workshops/<int:workshop_id>/results.xlsx", methods=["GET"])
@login_required
def export_results_xlsx(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    _form, filters = _bind_filters(workshop)
    options = _bind_export_options()
    today = utctoday()
    data, results = build_workbook(
        workshop,
        filters,
        today,
        locale=options.lang.data,
        with_data=options.with_data.data,
    )
    logger.info(
        "Facilitator %s exported workshop %s results (%s responses, rows: %s)",
        current_user.id,
        workshop.id,
        results.response_count,
        options.with_data.data,
    )
    return _download(data, XLSX_MIMETYPE, export_filename(workshop, today))


@bp.route("/workshops/<int:workshop_id>/results.csv", methods=["GET"])
@login_required
def export_results_csv(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    _form, filters = _bind_filters(workshop)
    options = _bind_export_options()
    chunks, rows = build_csv(workshop, filters, locale=options.lang.data)
    logger.info(
        "Facilitator %s exported workshop %s answers as CSV (%s rows)",
        current_user.id,
        workshop.id,
        rows,
    )
    # Streamed: a large workshop's CSV is never held whole in memory.
    response = Response(chunks, mimetype=CSV_MIMETYPE)
    response.headers.set(
        "Content-Disposition",
        "attachment",
        filename=export_filename(workshop, utctoday(), "csv"),
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.context_processor
def inject_export_options() -> dict:
    # The results page's export form (templates/workshops/results/_export_options).
    return {"make_export_form": ExportOptionsForm}


def _bind_export_options() -> ExportOptionsForm:
    """The export language and options; an unknown language is a 404."""
    options = ExportOptionsForm()
    if not options.validate():
        abort(404)
    return options


def _download(data: bytes, mimetype: str, filename: str):
    response = send_file(
        io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _bind_filters(workshop: Workshop) -> tuple[ResultsFilterForm, ResultFilters]:
    """The filter form and what it selects; an unknown session, wave, working
    group or comparison is a 404."""
    form = ResultsFilterForm(workshop)
    if not form.validate():
        abort(404)
    return form, find_filters(
        workshop,
        form.session.data,
        form.wave.data,
        form.working_group.data,
        form.compare.data,
    )
