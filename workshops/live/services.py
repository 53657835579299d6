"""Writes of a live session: its state, pacing, projected question and reveal.

Phones and projectors poll for changes: every write here raises the session's
``live_version`` through ``touch``, in the same transaction.
"""

import logging

from facilitator.extensions import db
from surveys.models import Question
from workshops.models import Pacing, SessionState, WorkshopSession

logger = logging.getLogger(__name__)

# Where each state may go; reopening a closed session is allowed.
ALLOWED_TRANSITIONS: dict[SessionState, tuple[SessionState, ...]] = {
    SessionState.DRAFT: (SessionState.OPEN, SessionState.CLOSED),
    SessionState.OPEN: (SessionState.PAUSED, SessionState.CLOSED),
    SessionState.PAUSED: (SessionState.OPEN, SessionState.CLOSED),
    SessionState.CLOSED: (SessionState.OPEN,),
}


class TransitionRefusedError(ValueError):
    """A state change the session's current state does not allow."""


def allowed_states(session: WorkshopSession) -> tuple[SessionState, ...]:
    """The states the session can move to from its current one."""
    return ALLOWED_TRANSITIONS[session.state]


def touch(session: WorkshopSession) -> None:
    """Raise the session's live version, so that phones and projectors reload.

    Incremented in SQL: two processes changing the session at once both count.
    """
    session.live_version = WorkshopSession.live_version + 1
    db.session.flush()


def change_state(session: WorkshopSession, state: SessionState) -> bool:
    """Move the session to ``state``; False when it is already there.

    Raises ``TransitionRefusedError`` for a change the current state forbids.
    """
    if session.state is state:
        return False
    if state not in allowed_states(session):
        raise TransitionRefusedError(f"{session.state.value} -> {state.value}")
    previous = session.state
    session.state = state
    touch(session)
    logger.info("session %s state %s -> %s", session.id, previous.value, state.value)
    return True


def set_pacing(session: WorkshopSession, pacing: Pacing) -> None:
    """Switch between self-paced and facilitator-paced answering."""
    if session.pacing is pacing:
        return
    session.pacing = pacing
    touch(session)
    logger.info("session %s pacing %s", session.id, pacing.value)


def project_question(session: WorkshopSession, question: Question) -> None:
    """Show ``question`` on the projector (and, facilitator-paced, the phones).

    A new question starts with its results hidden, so that the first answers
    shown do not sway the room.
    """
    if session.current_question_id == question.id:
        return
    session.current_question = question
    session.results_revealed = False
    touch(session)
    logger.info("session %s projects question %s", session.id, question.id)


def step_question(session: WorkshopSession, offset: int) -> Question | None:
    """Project the question ``offset`` places away (+1 next, -1 previous).

    From no question, "next" starts with the first one. Returns the question
    now projected, or None when there is none that way (nothing changes).
    """
    questions = session.workshop.questionnaire.questions
    if not questions:
        return None
    ids = [question.id for question in questions]
    if session.current_question_id in ids:
        index = ids.index(session.current_question_id) + offset
    else:
        index = 0 if offset > 0 else -1
    if not 0 <= index < len(questions):
        return None
    project_question(session, questions[index])
    return questions[index]


def set_results_revealed(session: WorkshopSession, revealed: bool) -> None:
    """Show or hide the projected question's results on the projector."""
    if session.results_revealed is revealed:
        return
    session.results_revealed = revealed
    touch(session)
    logger.info("session %s results revealed: %s", session.id, revealed)
