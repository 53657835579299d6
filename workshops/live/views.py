"""The control panel and the projector of a session."""

import logging
from time import perf_counter, thread_time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.http import quote_etag

from facilitator.extensions import db
from facilitator.forms import EmptyForm
from workshops.labels import PACING_LABELS, STATE_LABELS
from workshops.live import queries, services
from workshops.live.forms import PacingForm, ProjectorOptionsForm
from workshops.live.projector import (
    ProjectorOptions,
    projector_etag,
    projector_payload,
)
from workshops.live.texts import (
    PACING_ACTIONS,
    PACING_CHANGED,
    STATE_CHANGED,
    state_actions,
    transition_refused,
)
from workshops.models import Pacing, SessionState, Workshop, WorkshopSession
from workshops.queries import (
    get_owned_question_or_404,
    get_owned_session_or_404,
    get_owned_workshop_or_404,
)
from workshops.sessions import qr
from workshops.sessions.forms import SessionStateForm

logger = logging.getLogger(__name__)

bp = Blueprint("live", __name__)

SESSION_URL = "/workshops/<int:workshop_id>/sessions/<int:session_id>"
LIVE_URL = f"{SESSION_URL}/live"


@bp.before_request
def start_timer() -> None:
    g.live_started = (perf_counter(), thread_time())


@bp.route(LIVE_URL, methods=["GET"])
@login_required
def control_panel(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    other_pacing = Pacing.SELF if session.is_paced else Pacing.FACILITATOR
    return render_template(
        "workshops/live/control.html",
        workshop=workshop,
        session=session,
        payload=projector_payload(session, ProjectorOptions()),
        reserved=queries.reserved_questions(session),
        join_url=qr.join_url(current_app, session),
        state_labels=STATE_LABELS,
        pacing_labels=PACING_LABELS,
        state_buttons=[
            (SessionStateForm(state=value), label)
            for value, label in state_actions(
                session.state, services.allowed_states(session)
            )
        ],
        pacing_form=PacingForm(pacing=other_pacing.value),
        pacing_action=PACING_ACTIONS[other_pacing],
        action_form=EmptyForm(),
    )


@bp.route(f"{LIVE_URL}/state", methods=["POST"])
@login_required
def change_state(workshop_id: int, session_id: int):
    _workshop, session = _load(workshop_id, session_id)
    form = SessionStateForm()
    if not form.validate_on_submit():
        return _impossible(session)
    state = SessionState(form.state.data)
    try:
        services.change_state(session, state)
    except services.TransitionRefusedError:
        flash(transition_refused(session.state, state), "error")
        return _back(session)
    db.session.commit()
    flash(str(STATE_CHANGED[state]), "success")
    return _back(session)


@bp.route(f"{LIVE_URL}/pacing", methods=["POST"])
@login_required
def change_pacing(workshop_id: int, session_id: int):
    _workshop, session = _load(workshop_id, session_id)
    form = PacingForm()
    if not form.validate_on_submit():
        return _impossible(session)
    pacing = Pacing(form.pacing.data)
    services.set_pacing(session, pacing)
    db.session.commit()
    flash(str(PACING_CHANGED[pacing]), "success")
    return _back(session)


@bp.route(f"{LIVE_URL}/questions/<int:question_id>/project", methods=["POST"])
@login_required
def project_question(workshop_id: int, session_id: int, question_id: int):
    workshop, session = _load(workshop_id, session_id)
    question = get_owned_question_or_404(workshop, question_id)
    if not EmptyForm().validate_on_submit():
        return _impossible(session)
    services.project_question(session, question)
    db.session.commit()
    flash(_("Question projetée : %(label)s", label=question.label), "success")
    return _back(session)


@bp.route(f"{LIVE_URL}/previous", methods=["POST"])
@login_required
def previous_question(workshop_id: int, session_id: int):
    return _step(workshop_id, session_id, -1, _("Pas de question précédente."))


@bp.route(f"{LIVE_URL}/next", methods=["POST"])
@login_required
def next_question(workshop_id: int, session_id: int):
    return _step(workshop_id, session_id, +1, _("C’était la dernière question."))


@bp.route(f"{LIVE_URL}/reveal", methods=["POST"])
@login_required
def reveal_results(workshop_id: int, session_id: int):
    return _set_revealed(workshop_id, session_id, True, _("Résultats révélés."))


@bp.route(f"{LIVE_URL}/hide", methods=["POST"])
@login_required
def hide_results(workshop_id: int, session_id: int):
    return _set_revealed(workshop_id, session_id, False, _("Résultats masqués."))


@bp.route(f"{SESSION_URL}/projector", methods=["GET"])
@login_required
def projector(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    form = _projector_options(workshop)
    tallies = queries.read_tallies(session)
    return render_template(
        "workshops/live/projector.html",
        workshop=workshop,
        session=session,
        payload=projector_payload(session, form.options(), tallies),
        etag=quote_etag(projector_etag(session, form.options(), tallies)),
        state_url=url_for(
            "live.projector_state",
            workshop_id=workshop.id,
            session_id=session.id,
            **form.query_args(),
        ),
    )


@bp.route(f"{SESSION_URL}/projector/state.json", methods=["GET"])
@login_required
def projector_state(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    options = _projector_options(workshop).options()
    tallies = queries.read_tallies(session)
    etag = projector_etag(session, options, tallies)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = jsonify(projector_payload(session, options, tallies))
    response.set_etag(etag)
    # Always ask again: the ETag makes an unchanged answer a few bytes.
    response.headers["Cache-Control"] = "no-cache"
    # The time the refresh took, and the processor time it used itself (the
    # rest is waiting for the processor while other requests use it).
    started, cpu_started = g.live_started
    elapsed = (perf_counter() - started) * 1000
    cpu = (thread_time() - cpu_started) * 1000
    response.headers["Server-Timing"] = f"app;dur={elapsed:.1f}, cpu;dur={cpu:.1f}"
    return response


def _step(workshop_id: int, session_id: int, offset: int, none_left: str):
    _workshop, session = _load(workshop_id, session_id)
    if not EmptyForm().validate_on_submit():
        return _impossible(session)
    question = services.step_question(session, offset)
    if question is None:
        flash(none_left, "warning")
        return _back(session)
    db.session.commit()
    flash(_("Question projetée : %(label)s", label=question.label), "success")
    return _back(session)


def _set_revealed(workshop_id: int, session_id: int, revealed: bool, message: str):
    _workshop, session = _load(workshop_id, session_id)
    if not EmptyForm().validate_on_submit():
        return _impossible(session)
    services.set_results_revealed(session, revealed)
    db.session.commit()
    flash(message, "success")
    return _back(session)


def _projector_options(workshop: Workshop) -> ProjectorOptionsForm:
    form = ProjectorOptionsForm(workshop)
    if not form.validate():
        abort(404)  # a working group of another workshop, an unknown option
    return form


def _load(workshop_id: int, session_id: int) -> tuple[Workshop, WorkshopSession]:
    workshop = get_owned_workshop_or_404(workshop_id)
    return workshop, get_owned_session_or_404(workshop, session_id)


def _impossible(session: WorkshopSession):
    flash(_("Action impossible : rechargez la page et réessayez."), "error")
    return _back(session)


def _back(session: WorkshopSession):
    return redirect(
        url_for(
            "live.control_panel",
            workshop_id=session.workshop_id,
            session_id=session.id,
        )
    )
