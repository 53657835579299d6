"""Territories, actor groups and working groups: the ordered, named lists of a
workshop.

Each response records them as ids in its dimensions ("territory", "group",
"working_group"), so an item that already has responses can be renamed but
never deleted.
"""

from dataclasses import dataclass

from flask import abort, url_for
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Response
from workshops.models import (
    ActorGroup,
    Contribution,
    Territory,
    WorkingGroup,
    Workshop,
    WorkshopSession,
)

Item = Territory | ActorGroup | WorkingGroup


@dataclass(frozen=True)
class DimensionKind:
    model: type[Territory] | type[ActorGroup] | type[WorkingGroup]
    # Attribute of Workshop holding the items, ordered by position.
    collection: str
    # Key of Response.dimensions holding str(item.id).
    dimension: str
    # Endpoints are "workshops.<verb>_<noun>", their id parameter is id_param.
    noun: str
    id_param: str
    list_endpoint: str
    # Key of the list page in the workshop's navigation.
    nav_key: str
    title: LazyString
    intro: LazyString
    add_label: LazyString
    # How many items a workshop must keep (working groups are optional), and
    # the refusal when deleting one more.
    min_items: int = 1
    last_item_message: LazyString | str = ""
    # Sessions can fix a territory; such an item cannot be deleted.
    fixed_by_sessions: bool = False
    # Items carry a prompt for participants' phones (working groups).
    has_prompt: bool = False
    # Participants tag wall contributions with it; such an item is kept.
    tags_contributions: bool = False

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
    nav_key="territories",
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
    nav_key="groups",
    last_item_message=_l("Un atelier doit garder au moins un collège d'acteurs."),
)

WORKING_GROUP = DimensionKind(
    model=WorkingGroup,
    collection="working_groups",
    dimension="working_group",
    noun="working_group",
    id_param="working_group_id",
    list_endpoint="workshops.edit_working_groups",
    title=_l("Groupes de travail"),
    intro=_l(
        "Les ateliers thématiques d'une journée d'échanges, par exemple Jeunesse, "
        "Handicap, Personnes âgées, Cohésion sociale. Une séance peut proposer "
        "ces groupes : chaque participant·e choisit le sien sur son téléphone, y "
        "lit la consigne du groupe et répond aux questions qui lui sont réservées. "
        "Les résultats peuvent ensuite comparer les groupes côte à côte. "
        "Facultatif : un atelier peut n'en avoir aucun."
    ),
    add_label=_l("Ajouter un groupe de travail"),
    nav_key="working_groups",
    min_items=0,
    has_prompt=True,
    tags_contributions=True,
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


def count_item_contributions(kind: DimensionKind, item: Item) -> int:
    """How many wall contributions carry this item (working groups only)."""
    if not kind.tags_contributions:
        return 0
    return db.session.execute(
        select(func.count(Contribution.id)).where(
            Contribution.working_group_id == item.id
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
