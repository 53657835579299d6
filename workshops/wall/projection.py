"""The projected wall: contributions by votes or by territory, and its JSON."""

from flask_babel import lazy_gettext as _l

from workshops.models import WorkshopSession
from workshops.wall.payloads import count_label, entry_data, group_by_territory
from workshops.wall.queries import WallEntry, wall_entries

PROJECTOR_SORTS = {
    "votes": _l("Par soutiens"),
    "territory": _l("Par territoire"),
}


def projector_groups(
    session: WorkshopSession, sort: str
) -> list[tuple[str, list[WallEntry]]]:
    """The visible contributions in wall order, in one untitled group, or
    under their shown territory."""
    entries = wall_entries(session)
    if sort == "territory":
        names = [territory.name for territory in session.workshop.territories]
        return group_by_territory(entries, names)
    return [("", entries)]


def projector_state(session: WorkshopSession, sort: str) -> dict:
    """What the projector script draws; the same for every poll until it changes."""
    groups = projector_groups(session, sort)
    return {
        "sort": sort,
        "count_label": count_label(sum(len(entries) for _title, entries in groups)),
        "groups": [
            {"title": title, "contributions": [entry_data(e) for e in entries]}
            for title, entries in groups
        ],
    }
