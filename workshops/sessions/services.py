"""Writes for sessions (séances): creation with a join code, edits, open and close."""

import logging
import secrets

from sqlalchemy import select

from facilitator.extensions import db
from workshops.models import SessionState, Territory, Workshop, WorkshopSession

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
) -> WorkshopSession:
    """Add an open session with a fresh join code to the workshop."""
    session = WorkshopSession(
        workshop=workshop,
        label=label,
        wave=wave,
        territory=territory,
        state=SessionState.OPEN,
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
) -> None:
    """Change a session's label, wave and fixed territory.

    Responses already recorded keep the dimensions they were recorded with.
    """
    session.label = label
    session.wave = wave
    session.territory = territory
    db.session.flush()
    logger.info("session %s edited", session.id)


def set_session_state(session: WorkshopSession, state: SessionState) -> None:
    """Open or close a session to new responses."""
    session.state = state
    db.session.flush()
    logger.info("session %s now %s", session.id, state.value)
