"""The facilitator's side of the wall: moderation and projection."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required

from facilitator.extensions import db
from facilitator.forms import EmptyForm
from workshops.labels import CONTRIBUTION_KIND_LABELS, STATE_LABELS
from workshops.models import Contribution, Workshop, WorkshopSession
from workshops.queries import get_owned_session_or_404, get_owned_workshop_or_404
from workshops.sessions.qr import join_url
from workshops.wall import services
from workshops.wall.forms import MergeForm, WallFilterForm
from workshops.wall.payloads import conditional_json, votes_label
from workshops.wall.projection import PROJECTOR_SORTS, projector_groups, projector_state
from workshops.wall.queries import get_session_contribution_or_404, wall_entries
from workshops.wall.tags import session_tags

bp = Blueprint("wall", __name__)

WALL_URL = "/workshops/<int:workshop_id>/sessions/<int:session_id>/wall"
ACTION_URL = f"{WALL_URL}/<int:contribution_id>"


@bp.route(WALL_URL, methods=["GET"])
@login_required
def moderate(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    filter_form = WallFilterForm(request.args)
    tags = session_tags(session)
    entries = wall_entries(
        session, everything=True, kind=filter_form.chosen_kind(), tags=tags
    )
    targets = [entry.contribution for entry in wall_entries(session, tags=tags)]
    merge_forms = {
        entry.contribution.id: MergeForm.for_contribution(entry.contribution, targets)
        for entry in entries
        if entry.visible
    }
    return render_template(
        "workshops/wall/moderate.html",
        workshop=workshop,
        session=session,
        entries=entries,
        filter_form=filter_form,
        merge_forms=merge_forms,
        action_form=EmptyForm(),
        kind_labels=CONTRIBUTION_KIND_LABELS,
        state_labels=STATE_LABELS,
        votes_label=votes_label,
    )


@bp.route(f"{ACTION_URL}/hide", methods=["POST"])
@login_required
def hide_contribution(workshop_id: int, session_id: int, contribution_id: int):
    return _moderate_one(workshop_id, session_id, contribution_id, _hide)


@bp.route(f"{ACTION_URL}/show", methods=["POST"])
@login_required
def show_contribution(workshop_id: int, session_id: int, contribution_id: int):
    return _moderate_one(workshop_id, session_id, contribution_id, _show)


@bp.route(f"{ACTION_URL}/pin", methods=["POST"])
@login_required
def pin_contribution(workshop_id: int, session_id: int, contribution_id: int):
    return _moderate_one(workshop_id, session_id, contribution_id, _pin)


@bp.route(f"{ACTION_URL}/unpin", methods=["POST"])
@login_required
def unpin_contribution(workshop_id: int, session_id: int, contribution_id: int):
    return _moderate_one(workshop_id, session_id, contribution_id, _unpin)


@bp.route(f"{ACTION_URL}/unmerge", methods=["POST"])
@login_required
def unmerge_contribution(workshop_id: int, session_id: int, contribution_id: int):
    return _moderate_one(workshop_id, session_id, contribution_id, _unmerge)


def _moderate_one(workshop_id: int, session_id: int, contribution_id: int, change):
    """A button-only moderation POST: ``change(contribution)`` returns the message."""
    workshop, session = _load(workshop_id, session_id)
    contribution = get_session_contribution_or_404(session, contribution_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    message = change(contribution)
    db.session.commit()
    flash(message, "success")
    return _back_to_wall(workshop, session, contribution)


def _hide(contribution: Contribution) -> str:
    services.set_hidden(contribution, True)
    return _("Contribution n°%(num)d masquée.", num=contribution.id)


def _show(contribution: Contribution) -> str:
    services.set_hidden(contribution, False)
    return _("Contribution n°%(num)d affichée.", num=contribution.id)


def _pin(contribution: Contribution) -> str:
    services.set_pinned(contribution, True)
    return _("Contribution n°%(num)d épinglée en tête du mur.", num=contribution.id)


def _unpin(contribution: Contribution) -> str:
    services.set_pinned(contribution, False)
    return _("Contribution n°%(num)d désépinglée.", num=contribution.id)


def _unmerge(contribution: Contribution) -> str:
    services.unmerge_contribution(contribution)
    return _(
        "Contribution n°%(num)d séparée : elle revient sur le mur.",
        num=contribution.id,
    )


@bp.route(f"{ACTION_URL}/merge", methods=["POST"])
@login_required
def merge_contribution(workshop_id: int, session_id: int, contribution_id: int):
    workshop, session = _load(workshop_id, session_id)
    contribution = get_session_contribution_or_404(session, contribution_id)
    if contribution.merged_into_id is not None:
        flash(_("Cette contribution est déjà fusionnée."), "error")
        return _back_to_wall(workshop, session, contribution)
    targets = [entry.contribution for entry in wall_entries(session)]
    form = MergeForm.for_contribution(contribution, targets)
    if not form.validate_on_submit():
        flash(_("Choisissez une autre contribution visible du mur."), "error")
        return _back_to_wall(workshop, session, contribution)
    target = db.session.get(Contribution, form.target.data)
    services.merge_contribution(contribution, target)
    db.session.commit()
    flash(
        _(
            "Contribution n°%(num)d fusionnée avec n°%(target)d : ses soutiens "
            "comptent pour elle.",
            num=contribution.id,
            target=target.id,
        ),
        "success",
    )
    return _back_to_wall(workshop, session, target)


@bp.route(f"{WALL_URL}/projector", methods=["GET"])
@login_required
def projector(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    sort = _projector_sort()
    groups = projector_groups(session, sort)
    return render_template(
        "workshops/wall/projector.html",
        workshop=workshop,
        session=session,
        sort=sort,
        sorts=PROJECTOR_SORTS,
        groups=groups,
        total=sum(len(entries) for _title, entries in groups),
        join_url=join_url(current_app, session),
        kind_labels=CONTRIBUTION_KIND_LABELS,
        votes_label=votes_label,
    )


@bp.route(f"{WALL_URL}/projector/state.json", methods=["GET"])
@login_required
def projector_state_json(workshop_id: int, session_id: int):
    workshop, session = _load(workshop_id, session_id)
    return conditional_json(projector_state(session, _projector_sort()))


def _projector_sort() -> str:
    sort = request.args.get("sort", "votes")
    return sort if sort in PROJECTOR_SORTS else "votes"


def _load(workshop_id: int, session_id: int) -> tuple[Workshop, WorkshopSession]:
    workshop = get_owned_workshop_or_404(workshop_id)
    return workshop, get_owned_session_or_404(workshop, session_id)


def _back_to_wall(workshop: Workshop, session: WorkshopSession, contribution):
    return redirect(
        url_for(
            ".moderate",
            workshop_id=workshop.id,
            session_id=session.id,
            _anchor=f"c{contribution.id}",
        )
    )
