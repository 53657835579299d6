"""Writes of the wall: posting, voting and moderation. Callers commit."""

import logging

from sqlalchemy import delete, select

from facilitator.extensions import db
from workshops.models import (
    Contribution,
    ContributionKind,
    ContributionVote,
    WorkshopSession,
)
from workshops.participant.browser import Profile

logger = logging.getLogger(__name__)


def post_contribution(
    session: WorkshopSession, kind: ContributionKind, text: str, profile: Profile
) -> Contribution:
    """Add a contribution to the session's wall, tagged with its author's profile."""
    contribution = Contribution(
        session=session,
        kind=kind,
        text=text,
        territory_id=session.territory_id or profile.territory_id,
        group_id=profile.group_id,
        working_group_id=profile.working_group_id,
    )
    db.session.add(contribution)
    db.session.flush()
    return contribution


def vote_target(contribution: Contribution) -> Contribution:
    """Where a vote goes: a merged duplicate's votes count for its target."""
    if contribution.merged_into_id is None:
        return contribution
    return db.session.get(Contribution, contribution.merged_into_id)


def toggle_vote(contribution: Contribution, hashed_voter: str) -> bool:
    """Support ``contribution`` (its merge target), or withdraw this browser's
    support from it and its duplicates; True when the browser now supports it."""
    target = vote_target(contribution)
    group = select(Contribution.id).where(
        (Contribution.id == target.id) | (Contribution.merged_into_id == target.id)
    )
    removed = db.session.execute(
        delete(ContributionVote).where(
            ContributionVote.voter_hash == hashed_voter,
            ContributionVote.contribution_id.in_(group),
        )
    ).rowcount
    if removed:
        return False
    db.session.add(ContributionVote(contribution_id=target.id, voter_hash=hashed_voter))
    db.session.flush()
    return True


def set_hidden(contribution: Contribution, hidden: bool) -> None:
    """Hide a contribution from the walls, or show it again."""
    contribution.hidden = hidden
    db.session.flush()
    logger.info("Contribution %s hidden=%s", contribution.id, hidden)


def set_pinned(contribution: Contribution, pinned: bool) -> None:
    """Keep a contribution at the top of the walls, or not."""
    contribution.pinned = pinned
    db.session.flush()
    logger.info("Contribution %s pinned=%s", contribution.id, pinned)


def merge_contribution(duplicate: Contribution, target: Contribution) -> None:
    """Merge ``duplicate`` into ``target``: its votes count there, and the
    contributions already merged into it follow (one level of merging)."""
    if target.id == duplicate.id or target.merged_into_id is not None:
        raise ValueError("a contribution merges into another, unmerged one")
    followers = db.session.execute(
        select(Contribution).where(Contribution.merged_into_id == duplicate.id)
    ).scalars()
    for follower in followers:
        follower.merged_into_id = target.id
    duplicate.merged_into_id = target.id
    db.session.flush()
    logger.info("Contribution %s merged into %s", duplicate.id, target.id)


def unmerge_contribution(contribution: Contribution) -> None:
    """Put a merged duplicate back on the wall with the votes cast on it."""
    contribution.merged_into_id = None
    db.session.flush()
    logger.info("Contribution %s unmerged", contribution.id)
