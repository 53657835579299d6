"""Which part of a contribution's author tag may be shown.

A contribution carries its author's territory, actor group and working group,
but showing them could single a person out: the tag follows the anonymity
threshold of the results, counted over the session's respondents. The phone
wall, the projected wall, moderation and the workbook all use ``session_tags``.
"""

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import ResponseTally
from workshops.models import Contribution, WorkshopSession


@dataclass(frozen=True)
class Tag:
    """The names that may be shown; "" for what stays hidden."""

    territory: str = ""
    group: str = ""
    working_group: str = ""

    @property
    def label(self) -> str:
        """E.g. "Savoie · Élus", "Savoie" or ""."""
        return " · ".join(part for part in (self.territory, self.group) if part)


@dataclass(frozen=True)
class RespondentCounts:
    """A session's respondents per territory x group, territory, working group
    (ids as strings, as in the responses' dimensions)."""

    cells: Counter
    territories: Counter
    working_groups: Counter


class SessionTags:
    """Tags the contributions of one session, from its respondent counts."""

    def __init__(self, counts: RespondentCounts, threshold: int) -> None:
        self.counts = counts
        self.threshold = threshold

    def tag(self, contribution: Contribution) -> Tag:
        """The shown part of ``contribution``'s tag."""
        territory, group = contribution.territory, contribution.group
        working_group = contribution.working_group
        counts, k = self.counts, self.threshold
        tag_territory = tag_group = tag_working_group = ""
        if territory is not None:
            key = str(territory.id)
            if group is not None and counts.cells[(key, str(group.id))] >= k:
                tag_territory, tag_group = territory.name, group.name
            elif counts.territories[key] >= k:
                tag_territory = territory.name
        if working_group is not None and (
            counts.working_groups[str(working_group.id)] >= k
        ):
            tag_working_group = working_group.name
        return Tag(tag_territory, tag_group, tag_working_group)


def respondent_counts(session: WorkshopSession) -> RespondentCounts:
    """The session's respondents by territory x group, territory and working
    group, from the running tallies (a few rows, however many responses)."""
    # Dimensions are canonical JSON: this narrows the rows, the parse decides.
    marker = json.dumps({"session": str(session.id)}, separators=(",", ":"))[1:-1]
    rows = db.session.execute(
        select(ResponseTally.dimensions, ResponseTally.count).where(
            ResponseTally.questionnaire_id == session.workshop.questionnaire_id,
            ResponseTally.dimensions.contains(marker, autoescape=True),
        )
    )
    cells, territories, working_groups = Counter(), Counter(), Counter()
    for text, count in rows:
        dimensions = json.loads(text)
        if dimensions.get("session") != str(session.id):
            continue
        territory = dimensions.get("territory", "")
        cells[(territory, dimensions.get("group", ""))] += count
        territories[territory] += count
        working_groups[dimensions.get("working_group", "")] += count
    return RespondentCounts(cells, territories, working_groups)


def session_tags(session: WorkshopSession) -> SessionTags:
    """The tagger of a session's contributions, with its workshop's threshold."""
    return SessionTags(respondent_counts(session), session.workshop.anonymity_threshold)
