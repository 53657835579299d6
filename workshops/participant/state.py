"""What phones poll to follow a session: its state, pacing, current question.

Every phone of a room asks every two seconds, so this is one indexed SELECT of
five columns, no ORM objects, no template and no browser-session cookie; an
unchanged session answers 304 Not Modified from the ETag alone.
"""

import json

from flask import Response, current_app, request
from limits import parse
from sqlalchemy import bindparam, select

from facilitator.extensions import db, limiter
from workshops.models import WorkshopSession

_STATE_QUERY = select(
    WorkshopSession.id,
    WorkshopSession.state,
    WorkshopSession.pacing,
    WorkshopSession.current_question_id,
    WorkshopSession.live_version,
).where(WorkshopSession.join_code == bindparam("code"))

# Polls of unknown codes, per address: the same budget as the join page's.
FAILED_LOOKUPS = parse("30 per minute")


def session_state_response(code: str) -> Response | None:
    """The session's live state as JSON with its ETag (304 when the phone has
    it already); None when no session has this code."""
    # The engine's own connection: no ORM session to open and tear down.
    with db.engine.connect() as connection:
        row = connection.execute(_STATE_QUERY, {"code": code}).first()
    if row is None:
        return None
    session_id, state, pacing, question_id, version = row
    etag = f"{session_id}-{version}"
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        body = {
            "state": state.value,
            "pacing": pacing.value,
            "question": question_id,
            "version": version,
        }
        response = Response(
            json.dumps(body, separators=(",", ":")), mimetype="application/json"
        )
    response.headers["ETag"] = f'"{etag}"'
    response.headers["Cache-Control"] = "no-cache"
    return response


def allow_failed_lookup(client_key: str) -> bool:
    """Count a poll of an unknown code; False once the address made too many."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    return limiter.limiter.hit(FAILED_LOOKUPS, "state-unknown-code", client_key)
