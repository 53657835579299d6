"""Facilitator pages for sessions: list, create, edit, open/close, QR codes, poster."""

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from facilitator.extensions import db
from workshops.labels import PACING_LABELS, STATE_LABELS, wave_label
from workshops.live.services import TransitionRefusedError, allowed_states
from workshops.live.texts import (
    STATE_CHANGED,
    STATE_DESCRIPTIONS,
    state_actions,
    transition_refused,
)
from workshops.models import SessionState, Workshop, WorkshopSession
from workshops.queries import get_owned_session_or_404, get_owned_workshop_or_404
from workshops.sessions import qr, services
from workshops.sessions.forms import NewSessionForm, SessionForm, SessionStateForm
from workshops.sessions.queries import (
    count_session_responses,
    response_counts_by_session,
)

bp = Blueprint("sessions", __name__)

SESSION_URL = "/workshops/<int:workshop_id>/sessions/<int:session_id>"


@bp.app_template_global()
def session_wave_label(session: WorkshopSession) -> str:
    """The session's wave as the facilitator reads it."""
    return wave_label(session.wave)


@bp.route("/workshops/<int:workshop_id>/sessions", methods=["GET"])
@login_required
def list_sessions(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    return render_template(
        "workshops/sessions/list.html",
        workshop=workshop,
        counts=response_counts_by_session(workshop),
        state_labels=STATE_LABELS,
    )


@bp.route("/workshops/<int:workshop_id>/sessions/new", methods=["GET", "POST"])
@login_required
def create_session(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    form = NewSessionForm(workshop)
    if form.validate_on_submit():
        session = services.create_session(
            workshop,
            form.label.data,
            wave=form.chosen_wave(),
            territory=form.chosen_territory(),
            pacing=form.chosen_pacing(),
            working_groups=form.chosen_working_groups(),
            state=form.chosen_state(),
        )
        db.session.commit()
        flash(_("Séance créée. Code : %(code)s", code=session.join_code), "success")
        return redirect(_session_url(session))
    return render_template(
        "workshops/sessions/form.html", workshop=workshop, form=form, session=None
    )


@bp.route(f"{SESSION_URL}/edit", methods=["GET", "POST"])
@login_required
def edit_session(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    responses = count_session_responses(session)
    form = SessionForm.for_session(workshop, session)
    if form.validate_on_submit():
        before = (session.wave, session.territory_id)
        services.update_session(
            session,
            form.label.data,
            form.chosen_wave(),
            form.chosen_territory(),
            pacing=form.chosen_pacing(),
            working_groups=form.chosen_working_groups(),
        )
        db.session.commit()
        flash(_("Séance enregistrée."), "success")
        if responses and before != (session.wave, session.territory_id):
            flash(
                ngettext(
                    "La réponse déjà reçue garde la vague et le territoire avec "
                    "lesquels elle a été enregistrée.",
                    "Les %(num)d réponses déjà reçues gardent la vague et le "
                    "territoire avec lesquels elles ont été enregistrées.",
                    responses,
                ),
                "warning",
            )
        return redirect(_session_url(session))
    return render_template(
        "workshops/sessions/form.html",
        workshop=workshop,
        form=form,
        session=session,
        responses=responses,
    )


@bp.route(f"{SESSION_URL}/state", methods=["POST"])
@login_required
def change_session_state(workshop_id: int, session_id: int):
    _workshop, session = _load(workshop_id, session_id)
    form = SessionStateForm()
    if not form.validate_on_submit():
        flash(_("Action impossible : rechargez la page et réessayez."), "error")
        return redirect(_session_url(session))
    state = SessionState(form.state.data)
    try:
        services.set_session_state(session, state)
    except TransitionRefusedError:
        flash(transition_refused(session.state, state), "error")
        return redirect(_session_url(session))
    db.session.commit()
    flash(str(STATE_CHANGED[state]), "success")
    return redirect(_session_url(session))


@bp.route(SESSION_URL, methods=["GET"])
@login_required
def show_session(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    url = qr.join_url(current_app, session)
    return render_template(
        "workshops/sessions/show.html",
        workshop=workshop,
        session=session,
        join_url=url,
        local_only=qr.is_local_only(url),
        responses=count_session_responses(session),
        state_labels=STATE_LABELS,
        state_description=STATE_DESCRIPTIONS[session.state],
        pacing_labels=PACING_LABELS,
        state_buttons=[
            (SessionStateForm(state=value), label)
            for value, label in state_actions(session.state, allowed_states(session))
        ],
    )


@bp.route(f"{SESSION_URL}/qr.png", methods=["GET"])
@login_required
def session_qr_png(workshop_id: int, session_id: int):
    _workshop, session = _load(workshop_id, session_id)
    image = qr.qr_png(qr.join_url(current_app, session))
    return _image_response(image, "image/png", session, "png")


@bp.route(f"{SESSION_URL}/qr.svg", methods=["GET"])
@login_required
def session_qr_svg(workshop_id: int, session_id: int):
    _workshop, session = _load(workshop_id, session_id)
    image = qr.qr_svg(qr.join_url(current_app, session))
    return _image_response(image, "image/svg+xml", session, "svg")


@bp.route(f"{SESSION_URL}/poster", methods=["GET"])
@login_required
def session_poster(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    return render_template(
        "workshops/sessions/poster.html",
        workshop=workshop,
        session=session,
        join_url=qr.join_url(current_app, session),
        base_url=qr.public_base_url(current_app),
    )


def _load(workshop_id: int, session_id: int) -> tuple[Workshop, WorkshopSession]:
    workshop = get_owned_workshop_or_404(workshop_id)
    return workshop, get_owned_session_or_404(workshop, session_id)


def _session_url(session: WorkshopSession) -> str:
    return url_for(
        "sessions.show_session",
        workshop_id=session.workshop_id,
        session_id=session.id,
    )


def _image_response(
    image: bytes, mimetype: str, session: WorkshopSession, extension: str
) -> Response:
    response = Response(image, mimetype=mimetype)
    # Revalidate each time: the encoded address changes when the server is
    # restarted on another network or with PUBLIC_URL; the ETag keeps it cheap.
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    if request.args.get("download"):
        filename = f"qr-seance-{session.join_code}.{extension}"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response.make_conditional(request)
