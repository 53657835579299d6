"""Writes on workshops, territories, actor groups and working groups (add and
flush; callers commit)."""

import logging
from collections.abc import Sequence

from flask import current_app, has_request_context
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from facilitator.extensions import db
from facilitator.models import Facilitator
from surveys.models import Option, Question, Questionnaire
from workshops.builtin_templates import BuiltinTemplate, get_builtin_template
from workshops.labels import DEFAULT_ACTOR_GROUPS
from workshops.manage.dimensions import (
    DimensionKind,
    Item,
    count_item_contributions,
    count_item_responses,
    first_fixing_session,
)
from workshops.models import ActorGroup, Territory, WorkingGroup, Workshop

logger = logging.getLogger(__name__)


class ManageError(Exception):
    """A change refused for a reason the facilitator can act on (the message)."""


def create_workshop(
    owner: Facilitator,
    title: str,
    description: str,
    threshold: int,
    territory_names: Sequence[str],
    template_key: str | None = None,
) -> Workshop:
    """Create a workshop with its own questionnaire, blank or copied from a template.

    The actor groups are the default four, named in the interface language.
    """
    if not territory_names:
        raise ValueError("a workshop needs at least one territory")
    questionnaire = Questionnaire(title=title)
    if template_key:
        questionnaire.questions = copy_template_questions(
            get_builtin_template(template_key)
        )
    workshop = Workshop(
        owner=owner,
        title=title,
        description=description,
        anonymity_threshold=threshold,
        questionnaire=questionnaire,
        territories=[
            Territory(name=name, position=i) for i, name in enumerate(territory_names)
        ],
        actor_groups=[
            ActorGroup(name=name, position=i)
            for i, name in enumerate(default_actor_group_names())
        ],
    )
    db.session.add(workshop)
    db.session.flush()
    logger.info(
        "facilitator %s created workshop %s from %s",
        owner.id,
        workshop.id,
        template_key or "a blank questionnaire",
    )
    return workshop


def default_actor_group_names() -> list[str]:
    """Élus, Techniciens, Associations, Habitants, in the interface language.

    Outside a request (demo loader, CLI) the default language is used.
    """
    if has_request_context():
        return [str(label) for label in DEFAULT_ACTOR_GROUPS]
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return [str(label) for label in DEFAULT_ACTOR_GROUPS]


def copy_template_questions(template: BuiltinTemplate) -> list[Question]:
    """New questions (with their options) copied from a built-in template."""
    return [
        Question(
            code=source.code,
            position=position,
            qtype=source.qtype,
            label=source.label,
            help_text=source.help_text,
            section=source.section,
            required=source.required,
            min_value=source.min_value,
            max_value=source.max_value,
            options=[
                Option(code=code, label=label, position=i)
                for i, (code, label) in enumerate(source.options)
            ],
        )
        for position, source in enumerate(template.questions)
    ]


def update_workshop(
    workshop: Workshop, *, title: str, description: str, threshold: int
) -> None:
    """Change a workshop's title, description and anonymity threshold."""
    workshop.title = title
    workshop.description = description
    workshop.anonymity_threshold = threshold
    db.session.flush()
    logger.info("workshop %s settings changed", workshop.id)


def delete_workshop(workshop: Workshop) -> None:
    """Delete a workshop with its questionnaire, sessions and every response."""
    workshop_id = workshop.id
    db.session.delete(workshop)
    db.session.flush()
    logger.info("workshop %s deleted", workshop_id)


def add_item(kind: DimensionKind, workshop: Workshop, **fields) -> Item:
    """Add a territory, actor group or working group at the end of the list;
    ``fields`` are its name (and a working group's prompt)."""
    item = kind.model(**fields, position=len(getattr(workshop, kind.collection)))
    getattr(workshop, kind.collection).append(item)
    db.session.flush()
    logger.info("workshop %s: %s %s added", workshop.id, kind.dimension, item.id)
    return item


def update_item(kind: DimensionKind, item: Item, **fields) -> None:
    """Rename an item (or change a working group's prompt); its responses
    follow, since they hold its id."""
    for name, value in fields.items():
        setattr(item, name, value)
    db.session.flush()
    logger.info("workshop %s: %s %s changed", item.workshop_id, kind.dimension, item.id)


def move_item(kind: DimensionKind, item: Item, direction: str) -> None:
    """Swap an item with its neighbour ("up" or "down"), renumbering 0..n-1."""
    items = kind.items(item.workshop)
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(items)


def delete_item(kind: DimensionKind, item: Item) -> list[str]:
    """Delete an item nobody answered with; ManageError explains a refusal.

    Returns the codes of the questions that were reserved to this working
    group alone, and are now asked to everyone.
    """
    workshop = item.workshop
    items = kind.items(workshop)
    if len(items) <= kind.min_items:
        raise ManageError(str(kind.last_item_message))
    _refuse_if_used(kind, item)
    freed = _questions_reserved_only_to(item) if isinstance(item, WorkingGroup) else []
    getattr(workshop, kind.collection).remove(item)
    items.remove(item)
    _renumber(items)
    logger.info("workshop %s: %s %s deleted", workshop.id, kind.dimension, item.id)
    return freed


def _refuse_if_used(kind: DimensionKind, item: Item) -> None:
    responses = count_item_responses(kind, item)
    if responses:
        raise ManageError(
            ngettext(
                "« %(name)s » ne peut pas être supprimé : %(num)d réponse y est "
                "rattachée. Vous pouvez le renommer.",
                "« %(name)s » ne peut pas être supprimé : %(num)d réponses y sont "
                "rattachées. Vous pouvez le renommer.",
                responses,
                name=item.name,
            )
        )
    contributions = count_item_contributions(kind, item)
    if contributions:
        raise ManageError(
            ngettext(
                "« %(name)s » ne peut pas être supprimé : %(num)d contribution du "
                "mur y est rattachée. Vous pouvez le renommer.",
                "« %(name)s » ne peut pas être supprimé : %(num)d contributions du "
                "mur y sont rattachées. Vous pouvez le renommer.",
                contributions,
                name=item.name,
            )
        )
    session = first_fixing_session(kind, item)
    if session is not None:
        raise ManageError(
            _(
                "« %(name)s » est le territoire fixé de la séance « %(session)s » : "
                "changez d'abord le territoire de cette séance.",
                name=item.name,
                session=session.label,
            )
        )


def _questions_reserved_only_to(group: WorkingGroup) -> list[str]:
    others = [g for g in group.workshop.working_groups if g.id != group.id]
    elsewhere = {question.id for other in others for question in other.questions}
    return [q.code for q in group.questions if q.id not in elsewhere]


def _renumber(items: list[Item]) -> None:
    for position, item in enumerate(items):
        item.position = position
    db.session.flush()
