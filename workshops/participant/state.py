"""What phones poll to follow a session: its state, pacing, current question.

Every phone of a room asks every two seconds, so this is one indexed SELECT of
five columns, no ORM objects, no template and no browser-session cookie; an
unchanged session answers 304 Not Modified from the ETag alone.
"""

from flask import Response, json, request
from sqlalchemy import select

from facilitator.extensions import db
from workshops.models import WorkshopSession

_STATE_QUERY = select(
    WorkshopSession.id,
    WorkshopSession.state,
    WorkshopSession.pacing,
    WorkshopSession.current_question_id,
    WorkshopSession.live_version,
)


def session_state_response(code: str) -> Response | None:
    """The session's live state as JSON with its ETag (304 when the phone has
    it already); None when no session has this code."""
    row = (
        db.session.connection()
        .execute(_STATE_QUERY.where(WorkshopSession.join_code == code))
        .first()
    )
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
        response = Response(json.dumps(body), mimetype="application/json")
    response.headers["ETag"] = f'"{etag}"'
    response.headers["Cache-Control"] = "no-cache"
    return response
