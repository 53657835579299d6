"""What phones poll to follow a session: its state, pacing, current question.

Every phone of a room asks every two seconds, so this is one indexed SELECT of
five columns, no ORM objects, no template and no browser-session cookie; an
unchanged session answers 304 Not Modified from the ETag alone.
"""

import json
import re

from flask import Flask, Response, current_app, request
from limits import parse
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Engine
from werkzeug.http import HTTP_STATUS_CODES, parse_etags

from facilitator.extensions import db, limiter
from workshops.models import WorkshopSession
from workshops.participant.forms import normalise_code

_STATE_QUERY = select(
    WorkshopSession.id,
    WorkshopSession.state,
    WorkshopSession.pacing,
    WorkshopSession.current_question_id,
    WorkshopSession.live_version,
).where(WorkshopSession.join_code == bindparam("code"))

_POLL_PATH = re.compile(r"^/j/([^/]{1,20})/etat$")

# Polls of unknown codes, per address: the same budget as the join page's.
FAILED_LOOKUPS = parse("30 per minute")


def session_state_response(code: str) -> Response | None:
    """The session's live state as JSON with its ETag (304 when the phone has
    it already); None when no session has this code."""
    status, headers, body = state_reply(
        db.engine, code, request.headers.get("If-None-Match", "")
    )
    if status == 404:
        return None
    return Response(body, status=status, headers=headers)


def state_reply(
    engine: Engine, code: str, if_none_match: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of a poll: 200 with the JSON, 304 when the
    phone's ETag is current, 404 (empty) when no session has this code."""
    with engine.connect() as connection:
        row = connection.execute(_STATE_QUERY, {"code": code}).first()
    if row is None:
        return 404, [], b""
    session_id, state, pacing, question_id, version = row
    etag = f"{session_id}-{version}"
    headers = [("ETag", f'"{etag}"'), ("Cache-Control", "no-cache")]
    if parse_etags(if_none_match).contains(etag):
        return 304, headers, b""
    body = json.dumps(
        {
            "state": state.value,
            "pacing": pacing.value,
            "question": question_id,
            "version": version,
        },
        separators=(",", ":"),
    ).encode()
    headers += [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
    ]
    return 200, headers, body


class StatePolls:
    """WSGI middleware answering the phones' polls of a known session before
    Flask: no request context, browser session, locale or limiter to set up,
    which divides the cost of a poll by about three. Unknown codes and every
    other URL go to the application (which limits failed look-ups)."""

    def __init__(self, app: Flask) -> None:
        self.wsgi_app = app.wsgi_app
        self.app = app
        self._engine: Engine | None = None

    def __call__(self, environ, start_response):
        match = _POLL_PATH.match(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "GET":
            return self.wsgi_app(environ, start_response)
        status, headers, body = state_reply(
            self._get_engine(),
            normalise_code(match.group(1)),
            environ.get("HTTP_IF_NONE_MATCH", ""),
        )
        if status == 404:
            return self.wsgi_app(environ, start_response)
        start_response(f"{status} {HTTP_STATUS_CODES[status]}", headers)
        return [body]

    def _get_engine(self) -> Engine:
        if self._engine is None:
            with self.app.app_context():
                self._engine = db.engine
        return self._engine


def allow_failed_lookup(client_key: str) -> bool:
    """Count a poll of an unknown code; False once the address made too many."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    return limiter.limiter.hit(FAILED_LOOKUPS, "state-unknown-code", client_key)
