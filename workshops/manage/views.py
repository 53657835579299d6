"""Facilitator dashboard and workshop set-up: settings, territories, actor
groups, working groups."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from facilitator.extensions import db
from workshops.builtin_templates import builtin_templates
from workshops.labels import STATE_LABELS, wave_label
from workshops.manage import dimension_views, services
from workshops.manage.dimensions import ACTOR_GROUP, TERRITORY, WORKING_GROUP
from workshops.manage.forms import (
    CreateWorkshopForm,
    DeleteWorkshopForm,
    WorkshopSettingsForm,
)
from workshops.manage.queries import count_questions, dashboard_rows, next_step
from workshops.models import Workshop
from workshops.queries import count_responses, get_owned_workshop_or_404

bp = Blueprint("workshops", __name__)

WORKSHOP = "/workshops/<int:workshop_id>"


@bp.route("/workshops/", methods=["GET"])
@login_required
def dashboard():
    return render_template(
        "workshops/manage/dashboard.html", rows=dashboard_rows(current_user)
    )


@bp.route("/workshops/new", methods=["GET", "POST"])
@login_required
def create_workshop():
    form = CreateWorkshopForm()
    if form.validate_on_submit():
        workshop = services.create_workshop(
            owner=current_user,
            title=form.title.data,
            description=form.description.data,
            threshold=form.anonymity_threshold.data,
            territory_names=form.territory_names,
            template_key=form.template_key,
        )
        db.session.commit()
        flash(_("Atelier créé."), "success")
        return redirect(url_for("workshops.show_workshop", workshop_id=workshop.id))
    return render_template(
        "workshops/manage/create.html",
        form=form,
        templates={template.key: template for template in builtin_templates()},
    )


@bp.route(WORKSHOP, methods=["GET"])
@login_required
def show_workshop(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    question_count = count_questions(workshop)
    response_count = count_responses(workshop)
    return render_template(
        "workshops/manage/show.html",
        workshop=workshop,
        question_count=question_count,
        response_count=response_count,
        open_count=sum(session.is_open for session in workshop.sessions),
        next_step=next_step(workshop, question_count, response_count),
        state_labels=STATE_LABELS,
        wave_label=wave_label,
    )


@bp.route(WORKSHOP + "/edit", methods=["GET", "POST"])
@login_required
def edit_workshop(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    form = WorkshopSettingsForm(obj=workshop)
    if form.validate_on_submit():
        services.update_workshop(
            workshop,
            title=form.title.data,
            description=form.description.data,
            threshold=form.anonymity_threshold.data,
        )
        db.session.commit()
        flash(_("Réglages enregistrés."), "success")
        return redirect(url_for("workshops.show_workshop", workshop_id=workshop.id))
    return _render_edit(workshop, form, DeleteWorkshopForm(formdata=None))


@bp.route(WORKSHOP + "/delete", methods=["POST"])
@login_required
def delete_workshop(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    form = DeleteWorkshopForm()
    if not form.validate_on_submit():
        settings = WorkshopSettingsForm(formdata=None, obj=workshop)
        return _render_edit(workshop, settings, form)
    title = workshop.title
    services.delete_workshop(workshop)
    db.session.commit()
    flash(_("L'atelier « %(title)s » a été supprimé.", title=title), "success")
    return redirect(url_for("workshops.dashboard"))


def _render_edit(
    workshop: Workshop, form: WorkshopSettingsForm, delete_form: DeleteWorkshopForm
):
    responses = count_responses(workshop)
    if responses:
        label = ngettext(
            "Je confirme la suppression définitive de cet atelier, de ses séances "
            "et de sa réponse.",
            "Je confirme la suppression définitive de cet atelier, de ses séances "
            "et de ses %(num)d réponses.",
            responses,
        )
    else:
        label = _("Je confirme la suppression définitive de cet atelier.")
    delete_form.confirm.label.text = label
    return render_template(
        "workshops/manage/edit.html",
        workshop=workshop,
        form=form,
        delete_form=delete_form,
        response_count=responses,
    )


# Territories, actor groups and working groups: the same pages and rules.

TERRITORY_ITEM = WORKSHOP + "/territories/<int:territory_id>"
GROUP_ITEM = WORKSHOP + "/groups/<int:group_id>"
WORKING_GROUP_ITEM = WORKSHOP + "/working-groups/<int:working_group_id>"
DIRECTION = "/move/<any(up, down):direction>"


@bp.route(WORKSHOP + "/territories", methods=["GET", "POST"])
@login_required
def edit_territories(workshop_id: int):
    return dimension_views.edit_items(TERRITORY, workshop_id)


@bp.route(TERRITORY_ITEM + "/rename", methods=["POST"])
@login_required
def rename_territory(workshop_id: int, territory_id: int):
    return dimension_views.rename_item(TERRITORY, workshop_id, territory_id)


@bp.route(TERRITORY_ITEM + DIRECTION, methods=["POST"])
@login_required
def move_territory(workshop_id: int, territory_id: int, direction: str):
    return dimension_views.move_item(TERRITORY, workshop_id, territory_id, direction)


@bp.route(TERRITORY_ITEM + "/delete", methods=["POST"])
@login_required
def delete_territory(workshop_id: int, territory_id: int):
    return dimension_views.delete_item(TERRITORY, workshop_id, territory_id)


@bp.route(WORKSHOP + "/groups", methods=["GET", "POST"])
@login_required
def edit_actor_groups(workshop_id: int):
    return dimension_views.edit_items(ACTOR_GROUP, workshop_id)


@bp.route(GROUP_ITEM + "/rename", methods=["POST"])
@login_required
def rename_actor_group(workshop_id: int, group_id: int):
    return dimension_views.rename_item(ACTOR_GROUP, workshop_id, group_id)


@bp.route(GROUP_ITEM + DIRECTION, methods=["POST"])
@login_required
def move_actor_group(workshop_id: int, group_id: int, direction: str):
    return dimension_views.move_item(ACTOR_GROUP, workshop_id, group_id, direction)


@bp.route(GROUP_ITEM + "/delete", methods=["POST"])
@login_required
def delete_actor_group(workshop_id: int, group_id: int):
    return dimension_views.delete_item(ACTOR_GROUP, workshop_id, group_id)


@bp.route(WORKSHOP + "/working-groups", methods=["GET", "POST"])
@login_required
def edit_working_groups(workshop_id: int):
    return dimension_views.edit_items(WORKING_GROUP, workshop_id)


@bp.route(WORKING_GROUP_ITEM + "/rename", methods=["POST"])
@login_required
def rename_working_group(workshop_id: int, working_group_id: int):
    return dimension_views.rename_item(WORKING_GROUP, workshop_id, working_group_id)


@bp.route(WORKING_GROUP_ITEM + DIRECTION, methods=["POST"])
@login_required
def move_working_group(workshop_id: int, working_group_id: int, direction: str):
    return dimension_views.move_item(
        WORKING_GROUP, workshop_id, working_group_id, direction
    )


@bp.route(WORKING_GROUP_ITEM + "/delete", methods=["POST"])
@login_required
def delete_working_group(workshop_id: int, working_group_id: int):
    return dimension_views.delete_item(WORKING_GROUP, workshop_id, working_group_id)
