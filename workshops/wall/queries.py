"""Reads of the wall: contributions in wall order, with their votes and tags."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from flask import abort
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import selectinload

from facilitator.extensions import db
from workshops.models import (
    Contribution,
    ContributionKind,
    ContributionVote,
    WorkshopSession,
)
from workshops.wall.tags import SessionTags, Tag, session_tags


@dataclass(frozen=True)
class WallEntry:
    """A contribution as a wall shows it."""

    contribution: Contribution
    votes: int
    tag: Tag
    voted: bool = False

    @property
    def visible(self) -> bool:
        c = self.contribution
        return not c.hidden and c.merged_into_id is None


def voter_hash(session: WorkshopSession, token: str) -> str:
    """What is stored of a browser's token for its votes in a session."""
    return hashlib.sha256(f"vote:{session.id}:{token}".encode()).hexdigest()


def get_session_contribution_or_404(
    session: WorkshopSession, contribution_id: int
) -> Contribution:
    """A contribution of the session; 404 when it belongs elsewhere."""
    contribution = db.session.get(Contribution, contribution_id)
    if contribution is None or contribution.session_id != session.id:
        abort(404)
    return contribution


def _target():
    """The contribution a vote counts for: the merge target, else itself."""
    return func.coalesce(Contribution.merged_into_id, Contribution.id)


def vote_counts(session: WorkshopSession) -> dict[int, int]:
    """Browsers supporting each contribution, its merged duplicates included:
    a browser that voted for both counts once."""
    target = _target()
    rows = db.session.execute(
        select(target, func.count(distinct(ContributionVote.voter_hash)))
        .join(Contribution, Contribution.id == ContributionVote.contribution_id)
        .where(Contribution.session_id == session.id)
        .group_by(target)
    )
    return dict(rows.all())


def own_vote_counts(session: WorkshopSession) -> dict[int, int]:
    """Votes cast on each contribution itself (what a merged duplicate brought)."""
    rows = db.session.execute(
        select(ContributionVote.contribution_id, func.count())
        .join(Contribution, Contribution.id == ContributionVote.contribution_id)
        .where(Contribution.session_id == session.id)
        .group_by(ContributionVote.contribution_id)
    )
    return dict(rows.all())


def supported_ids(session: WorkshopSession, hashed: str | None) -> set[int]:
    """The contributions (merge targets) this browser supports."""
    if hashed is None:
        return set()
    rows = db.session.execute(
        select(_target())
        .join(ContributionVote, ContributionVote.contribution_id == Contribution.id)
        .where(
            Contribution.session_id == session.id,
            ContributionVote.voter_hash == hashed,
        )
    )
    return set(rows.scalars())


def session_contributions(
    session: WorkshopSession, kind: ContributionKind | None = None
) -> list[Contribution]:
    """Every contribution of the session, with what its tag needs."""
    stmt = (
        select(Contribution)
        .where(Contribution.session_id == session.id)
        .options(
            selectinload(Contribution.territory),
            selectinload(Contribution.group),
            selectinload(Contribution.working_group),
        )
    )
    if kind is not None:
        stmt = stmt.where(Contribution.kind == kind)
    return list(db.session.execute(stmt).scalars())


def wall_order(entries: Iterable[WallEntry]) -> list[WallEntry]:
    """Visible ones first (moderation lists all), pinned first, then the most
    supported, then the newest."""
    return sorted(
        entries,
        key=lambda e: (
            not e.visible,
            not e.contribution.pinned,
            -e.votes,
            -e.contribution.id,
        ),
    )


def wall_entries(
    session: WorkshopSession,
    *,
    hashed_voter: str | None = None,
    everything: bool = False,
    kind: ContributionKind | None = None,
    tags: SessionTags | None = None,
) -> list[WallEntry]:
    """The wall in order: visible contributions only, or ``everything`` (for
    moderation, where a merged duplicate shows the votes it brought)."""
    tags = tags or session_tags(session)
    counts = vote_counts(session)
    own = own_vote_counts(session) if everything else {}
    voted = supported_ids(session, hashed_voter)
    entries = []
    for contribution in session_contributions(session, kind):
        merged = contribution.merged_into_id is not None
        if not everything and (merged or contribution.hidden):
            continue
        votes = own if merged else counts
        entries.append(
            WallEntry(
                contribution,
                votes.get(contribution.id, 0),
                tags.tag(contribution),
                voted=contribution.id in voted,
            )
        )
    return wall_order(entries)
