"""Writes for sessions (séances): creation with a join code, edits, states."""

import logging
import secrets
from collections.abc import Sequence

from sqlalchemy import select

from facilitator.extensions import db
from workshops.live.services import change_state, touch
from workshops.models import (
    Pacing,
    SessionState,
    Territory,
    WorkingGroup,
    Workshop,
    WorkshopSession,
)

logger = logging.getLogger(__name__)

# No O/0, I/1/L: a code read aloud or copied from a projector is typed right.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
_MAX_ATTEMPTS = 20


class JoinCodeExhaustedError(RuntimeError):
    """No free join code was found (would mean the code space is nearly full)."""


def random_join_code() -> str:
    """A random join code, not checked for uniqueness."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def unused_join_code() -> str:
    """A random join code no session uses yet (the UNIQUE constraint decides last)."""
    for _ in range(_MAX_ATTEMPTS):
        code = random_join_code()
        taken = db.session.execute(
            select(WorkshopSession.id).where(WorkshopSession.join_code == code)
        ).first()
        if taken is None:
            return code
    raise JoinCodeExhaustedError


def create_session(
    workshop: Workshop,
    label: str,
    wave: str | None = None,
    territory: Territory | None = None,
    *,
    pacing: Pacing = Pacing.SELF,
    working_groups: Sequence[WorkingGroup] = (),
    state: SessionState = SessionState.OPEN,
) -> WorkshopSession:
    """Add a session (open unless told otherwise) with a fresh join code."""
    session = WorkshopSession(
        workshop=workshop,
        label=label,
        wave=wave,
        territory=territory,
        state=state,
        pacing=pacing,
        working_groups=list(working_groups),
        join_code=unused_join_code(),
    )
    db.session.add(session)
    db.session.flush()
    logger.info(
        "session %s (%s) created in workshop %s",
        session.id,
        session.join_code,
        workshop.id,
    )
    return session


def update_session(
    session: WorkshopSession,
    label: str,
    wave: str | None,
    territory: Territory | None,
    *,
    pacing: Pacing | None = None,
    working_groups: Sequence[WorkingGroup] | None = None,
) -> None:
    """Change a session's label, wave, fixed territory, pacing, working groups.

    Responses already recorded keep the dimensions they were recorded with.
    Phones follow a change of pacing or of the working groups offered.
    """
    session.label = label
    session.wave = wave
    session.territory = territory
    live_changed = False
    if pacing is not None and pacing is not session.pacing:
        session.pacing = pacing
        live_changed = True
    if working_groups is not None and list(working_groups) != session.working_groups:
        session.working_groups = list(working_groups)
        live_changed = True
    db.session.flush()
    if live_changed:
        touch(session)
    logger.info("session %s edited", session.id)


def set_session_state(session: WorkshopSession, state: SessionState) -> bool:
    """Move a session to another state (see ``workshops.live.services``);
    False when it was already in it. Raises ``TransitionRefusedError``."""
    return change_state(session, state)
