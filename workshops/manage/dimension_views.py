"""Request handlers shared by the territory, actor-group and working-group pages.

The routes live in ``views.py``; each calls one of these with its kind.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from facilitator.extensions import db
from facilitator.forms import EmptyForm
from workshops.manage import services
from workshops.manage.dimensions import (
    DimensionKind,
    fixing_sessions,
    get_owned_item_or_404,
    response_counts,
)
from workshops.manage.forms import ItemNameForm, WorkingGroupForm
from workshops.models import Workshop
from workshops.queries import get_owned_workshop_or_404


def item_form(kind: DimensionKind, **kwargs) -> ItemNameForm:
    """The form of one item: a name, plus a prompt for a working group."""
    form_class = WorkingGroupForm if kind.has_prompt else ItemNameForm
    return form_class(**kwargs)


def render_items(
    kind: DimensionKind,
    workshop: Workshop,
    *,
    add_form: ItemNameForm | None = None,
    failed_rename: tuple[int, ItemNameForm] | None = None,
):
    """The list page; a form that did not validate is shown with its errors."""
    items = kind.items(workshop)
    rename_forms = {item.id: item_form(kind, formdata=None, obj=item) for item in items}
    if failed_rename is not None:
        item_id, form = failed_rename
        rename_forms[item_id] = form
    return render_template(
        "workshops/manage/items.html",
        kind=kind,
        workshop=workshop,
        items=items,
        rename_forms=rename_forms,
        add_form=add_form or item_form(kind, formdata=None),
        button_form=EmptyForm(),
        counts=response_counts(kind, workshop),
        fixing=fixing_sessions(kind, workshop),
    )


def edit_items(kind: DimensionKind, workshop_id: int):
    """GET: the list; POST: add an item at the end."""
    workshop = get_owned_workshop_or_404(workshop_id)
    form = item_form(kind, taken_names=[item.name for item in kind.items(workshop)])
    if form.validate_on_submit():
        item = services.add_item(kind, workshop, **form.item_data())
        db.session.commit()
        flash(_("« %(name)s » a été ajouté.", name=item.name), "success")
        return _back_to_list(kind, workshop)
    return render_items(kind, workshop, add_form=form)


def rename_item(kind: DimensionKind, workshop_id: int, item_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    item = get_owned_item_or_404(kind, workshop, item_id)
    others = [other.name for other in kind.items(workshop) if other.id != item.id]
    form = item_form(kind, taken_names=others)
    if not form.validate_on_submit():
        return render_items(kind, workshop, failed_rename=(item.id, form))
    old_name = item.name
    services.update_item(kind, item, **form.item_data())
    db.session.commit()
    if item.name != old_name:
        message = _(
            "« %(old)s » s'appelle désormais « %(new)s ».", old=old_name, new=item.name
        )
    else:
        message = _("« %(name)s » a été enregistré.", name=item.name)
    flash(message, "success")
    return _back_to_list(kind, workshop)


def move_item(kind: DimensionKind, workshop_id: int, item_id: int, direction: str):
    workshop = get_owned_workshop_or_404(workshop_id)
    item = get_owned_item_or_404(kind, workshop, item_id)
    if EmptyForm().validate_on_submit():
        services.move_item(kind, item, direction)
        db.session.commit()
    return _back_to_list(kind, workshop)


def delete_item(kind: DimensionKind, workshop_id: int, item_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    item = get_owned_item_or_404(kind, workshop, item_id)
    if EmptyForm().validate_on_submit():
        name = item.name
        try:
            freed = services.delete_item(kind, item)
        except services.ManageError as refusal:
            flash(str(refusal), "error")
        else:
            db.session.commit()
            flash(_("« %(name)s » a été supprimé.", name=name), "success")
            if freed:
                flash(_freed_message(freed), "warning")
    return _back_to_list(kind, workshop)


def _freed_message(codes: list[str]) -> str:
    return ngettext(
        "La question %(codes)s lui était réservée : elle est désormais posée à "
        "tout le monde.",
        "Les questions %(codes)s lui étaient réservées : elles sont désormais "
        "posées à tout le monde.",
        len(codes),
        codes=", ".join(codes),
    )


def _back_to_list(kind: DimensionKind, workshop: Workshop):
    return redirect(url_for(kind.list_endpoint, workshop_id=workshop.id))
