"""Territories and actor groups: the two ordered, named lists of a workshop.

Each response records both as ids in its dimensions ("territory", "group"), so
an item that already has responses can be renamed but never deleted.
"""

from dataclasses import dataclass

from flask import abort, url_for
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Response
from workshops.models import ActorGroup, Territory, Workshop, WorkshopSession

Item = Territory | ActorGroup


@dataclass(frozen=True)
class DimensionKind:
    model: type[Territory] | type[ActorGroup]
    # Attribute of Workshop holding the items, ordered by position.
    collection: str
    # Key of Response.dimensions holding str(item.id).
    dimension: str
    # Endpoints are "workshops.<verb>_<noun>", their id parameter is id_param.
    noun: str
    id_param: str
    list_endpoint: str
    title: LazyString
    intro: LazyString
    add_label: LazyString
    last_item_message: LazyString
    # Sessions can fix a territory; such an item cannot be deleted.
    fixed_by_sessions: bool = False

    def items(self, workshop: Workshop) -> list[Item]:
        """The workshop's items in display order."""
        items = getattr(workshop, self.collection)
        return sorted(items, key=lambda item: (item.position, item.id))

    def url(self, verb: str, item: Item, **values) -> str:
        """The URL of an action on one item (rename, move, delete)."""
        return url_for(
            f"workshops.{verb}_{self.noun}",
            workshop_id=item.workshop_id,
            **{self.id_param: item.id},
            **values,
        )


TERRITORY = DimensionKind(
    model=Territory,
    collection="territories",
    dimension="territory",
    noun="territory",
    id_param="territory_id",
    list_endpoint="workshops.edit_territories",
    title=_l("Territoires"),
    intro=_l(
        "Les participant·es choisissent leur territoire avant de répondre (sauf si "
        "la séance en fixe un). L'ordre ci-dessous est celui des listes et des "
        "colonnes de résultats."
    ),
    add_label=_l("Ajouter un territoire"),
    last_item_message=_l("Un atelier doit garder au moins un territoire."),
    fixed_by_sessions=True,
)

ACTOR_GROUP = DimensionKind(
    model=ActorGroup,
    collection="actor_groups",
    dimension="group",
    noun="actor_group",
    id_param="group_id",
    list_endpoint="workshops.edit_actor_groups",
    title=_l("Collèges d'acteurs"),
    intro=_l(
        "Chaque participant·e répond « en tant que » membre d'un collège : élus, "
        "techniciens, associations, habitants… Renommez-les, ajoutez-en (services "
        "de l'État, entreprises, autorités coutumières) ou retirez ceux qui ne "
        "participent pas."
    ),
    add_label=_l("Ajouter un collège"),
    last_item_message=_l("Un atelier doit garder au moins un collège d'acteurs."),
)


def get_owned_item_or_404(kind: DimensionKind, workshop: Workshop, item_id: int):
    """An item of an owned workshop; 404 when it belongs elsewhere."""
    item = db.session.get(kind.model, item_id)
    if item is None or item.workshop_id != workshop.id:
        abort(404)
    return item


def response_counts(kind: DimensionKind, workshop: Workshop) -> dict[int, int]:
    """Number of responses per item id, in one query."""
    value = Response.dimensions[kind.dimension].as_string()
    rows = db.session.execute(
        select(value, func.count(Response.id))
        .where(Response.questionnaire_id == workshop.questionnaire_id)
        .group_by(value)
    )
    return {int(key): count for key, count in rows if key and key.isdigit()}


def count_item_responses(kind: DimensionKind, item: Item) -> int:
    """How many responses of the item's workshop carry this item."""
    return db.session.execute(
        select(func.count(Response.id)).where(
            Response.questionnaire_id == item.workshop.questionnaire_id,
            Response.dimensions[kind.dimension].as_string() == str(item.id),
        )
    ).scalar_one()


def fixing_sessions(kind: DimensionKind, workshop: Workshop) -> dict[int, list[str]]:
    """Labels of the sessions that fix each item (territories only)."""
    if not kind.fixed_by_sessions:
        return {}
    labels: dict[int, list[str]] = {}
    for session in workshop.sessions:
        if session.territory_id is not None:
            labels.setdefault(session.territory_id, []).append(session.label)
    return labels


def first_fixing_session(kind: DimensionKind, item: Item) -> WorkshopSession | None:
    """A session that fixes this item, if any."""
    if not kind.fixed_by_sessions:
        return None
    return db.session.execute(
        select(WorkshopSession)
        .where(WorkshopSession.territory_id == item.id)
        .order_by(WorkshopSession.id)
        .limit(1)
    ).scalar_one_or_none()
