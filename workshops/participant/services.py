"""Recording a participant's answers, at most once per browser and session."""

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import bindparam, exists, select

from facilitator.extensions import db
from surveys.models import AnsweredQuestion, Response
from surveys.responses import find_resumable, record_response, start_response
from workshops.models import Participation, WorkshopSession

_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def new_participant_token() -> str:
    """A random token identifying this browser to itself, never to us."""
    return secrets.token_urlsafe(32)


def is_valid_token(token: str | None) -> bool:
    return bool(token) and _TOKEN_RE.match(token) is not None


def participation_hash(session: WorkshopSession, token: str) -> str:
    """What is stored of the token: a hash that differs for every session."""
    return hashlib.sha256(f"{session.id}:{token}".encode()).hexdigest()


def has_answered(session: WorkshopSession, token: str | None) -> bool:
    """Whether the browser holding ``token`` has already answered the session."""
    if not is_valid_token(token):
        return False
    found = db.session.execute(
        select(Participation.session_id).where(
            Participation.session_id == session.id,
            Participation.token_hash == participation_hash(session, token),
        )
    ).first()
    return found is not None


def response_dimensions(
    session: WorkshopSession,
    territory_id: int,
    group_id: int,
    working_group_id: int | None = None,
) -> dict[str, str]:
    """The breakdown dimensions every response of a session carries."""
    return {
        "session": str(session.id),
        "wave": session.wave or "",
        "territory": str(territory_id),
        "group": str(group_id),
        "working_group": str(working_group_id) if working_group_id else "",
    }


def submit_answers(session: WorkshopSession, form, token: str) -> Response | None:
    """Record a validated answer form once; None when this browser already answered.

    The participation (hashed token) and the response are written in the same
    transaction but carry nothing that links one to the other.
    """
    if has_answered(session, token):
        return None
    territory_id = session.territory_id or form.territory.data
    dimensions = response_dimensions(
        session, territory_id, form.group.data, form.working_group_id
    )
    response = record_response(session.workshop.questionnaire, dimensions, form.data)
    db.session.add(
        Participation(
            session_id=session.id, token_hash=participation_hash(session, token)
        )
    )
    db.session.flush()
    return response


def resume_key(session: WorkshopSession, token: str) -> str:
    """What is stored of the token with a response answered question by
    question: a hash of its own, unlike the participation's."""
    return hashlib.sha256(f"response:{session.id}:{token}".encode()).hexdigest()


def find_started_response(session: WorkshopSession, token: str) -> Response | None:
    """The response this browser started in a facilitator-paced session."""
    if not is_valid_token(token):
        return None
    return find_resumable(session.workshop.questionnaire, resume_key(session, token))


def start_paced_response(
    session: WorkshopSession, dimensions: dict[str, str], token: str
) -> Response:
    """The browser's response to a facilitator-paced session, started once: a
    second profile from the same browser finds the first response."""
    existing = find_started_response(session, token)
    if existing is not None:
        return existing
    return start_response(
        session.workshop.questionnaire, dimensions, resume_key(session, token)
    )


@dataclass(frozen=True)
class Standing:
    """Where a browser stands in a facilitator-paced session."""

    response: Response
    # Whether it answered (or skipped) any question yet, and the given one.
    answered_any: bool
    answered_question: bool
    # Whether it also sent the whole form while the session was self-paced.
    submitted: bool

    @property
    def working_group_id(self) -> int | None:
        value = self.response.dimensions.get("working_group") or ""
        return int(value) if value.isdigit() else None


_ANSWERED = AnsweredQuestion.response_id == Response.id


def find_standing(
    session: WorkshopSession, token: str, question_id: int | None
) -> Standing | None:
    """The browser's started response and what it answered, in one query
    (every phone of the room asks at each question); None if not started."""
    if not is_valid_token(token):
        return None
    row = db.session.execute(
        select(
            Response,
            exists().where(_ANSWERED),
            exists().where(
                _ANSWERED, AnsweredQuestion.question_id == bindparam("question")
            ),
            exists().where(
                Participation.session_id == session.id,
                Participation.token_hash == bindparam("token_hash"),
            ),
        ).where(
            Response.questionnaire_id == session.workshop.questionnaire_id,
            Response.resume_key == bindparam("resume_key"),
        ),
        {
            "question": question_id or 0,
            "token_hash": participation_hash(session, token),
            "resume_key": resume_key(session, token),
        },
    ).first()
    return None if row is None else Standing(*row)
