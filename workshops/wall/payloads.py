"""The wall as JSON for the scripts that refresh it, and its conditional answer."""

from flask import Response, jsonify, request
from flask_babel import gettext as _
from flask_babel import ngettext

from workshops.labels import CONTRIBUTION_KIND_LABELS
from workshops.wall.queries import WallEntry


def votes_label(votes: int) -> str:
    """E.g. "3 soutiens"."""
    return ngettext("%(num)d soutien", "%(num)d soutiens", votes)


def count_label(count: int) -> str:
    """E.g. "12 contributions"."""
    return ngettext("%(num)d contribution", "%(num)d contributions", count)


def entry_data(entry: WallEntry) -> dict:
    """One contribution as the scripts render it (as text, never as HTML)."""
    contribution = entry.contribution
    return {
        "id": contribution.id,
        "kind": contribution.kind.value,
        "kind_label": str(CONTRIBUTION_KIND_LABELS[contribution.kind]),
        "text": contribution.text,
        "tag": entry.tag.label,
        "working_group": entry.tag.working_group,
        "votes": entry.votes,
        "votes_label": votes_label(entry.votes),
        "voted": entry.voted,
        "pinned": contribution.pinned,
    }


def group_by_territory(
    entries: list[WallEntry], territory_names: list[str]
) -> list[tuple[str, list[WallEntry]]]:
    """Entries under their shown territory, in the workshop's order; the
    untagged ones last, under "Sans territoire affiché"."""
    groups: dict[str, list[WallEntry]] = {name: [] for name in territory_names}
    untagged = []
    for entry in entries:
        name = entry.tag.territory
        if name:
            groups.setdefault(name, []).append(entry)
        else:
            untagged.append(entry)
    titled = [(name, items) for name, items in groups.items() if items]
    if untagged:
        titled.append((_("Sans territoire affiché"), untagged))
    return titled


def conditional_json(payload: dict, *, private: bool = False) -> Response:
    """JSON with an ETag of its content: 304 when the poller already has it."""
    response = jsonify(payload)
    response.add_etag()
    response.headers["Cache-Control"] = "no-cache, private" if private else "no-cache"
    return response.make_conditional(request)
