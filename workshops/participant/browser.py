"""What a participant's browser holds: a random token, and who it said it is.

The token (a long-lived cookie) lets a browser answer once, resume a live
session and vote once per contribution; only hashes of it are stored, a
different one for each use. The profile (territory, actor group, working
group chosen for a session) stays in the signed browser-session cookie, so the
phone does not ask again; the server keeps nothing of it but the response's
dimensions.
"""

from dataclasses import dataclass

from flask import Response, request
from flask import session as browser_session

from workshops.models import WorkshopSession
from workshops.participant.services import is_valid_token, new_participant_token

TOKEN_COOKIE = "rc_participant"  # noqa: S105 (a cookie name, not a secret)
TOKEN_COOKIE_MAX_AGE = 365 * 24 * 3600
_PROFILES = "profiles"


def participant_token(posted: str | None = None) -> str:
    """This browser's token: its cookie, else the copy posted with a form, else
    a new one (set it with ``remember_token``)."""
    cookie = request.cookies.get(TOKEN_COOKIE)
    if is_valid_token(cookie):
        return cookie
    if request.method == "POST" and is_valid_token(posted):
        return posted
    return new_participant_token()


def remember_token(response: Response, token: str) -> Response:
    """Set the token cookie on ``response`` if the browser does not hold it."""
    if request.cookies.get(TOKEN_COOKIE) != token:
        response.set_cookie(
            TOKEN_COOKIE,
            token,
            max_age=TOKEN_COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
    return response


@dataclass(frozen=True)
class Profile:
    """Who a participant said they are in a session (ids; None when not asked)."""

    territory_id: int | None
    group_id: int | None
    working_group_id: int | None = None


def remember_profile(session: WorkshopSession, profile: Profile) -> None:
    """Keep the profile in this browser for the session."""
    profiles = dict(browser_session.get(_PROFILES, {}))
    profiles[str(session.id)] = [
        profile.territory_id,
        profile.group_id,
        profile.working_group_id,
    ]
    browser_session[_PROFILES] = profiles
    keep_browser_session()


def keep_browser_session() -> None:
    """Keep the browser session (its CSRF secret, profiles) when a cheap phone
    kills the browser in the background. Set once: setting it again would
    sign and send the session cookie with every page."""
    if not browser_session.permanent:
        browser_session.permanent = True


def remembered_profile(session: WorkshopSession) -> Profile | None:
    """The profile this browser gave for the session, if any and still valid."""
    stored = browser_session.get(_PROFILES, {}).get(str(session.id))
    if not stored or len(stored) != 3:
        return None
    territory_id, group_id, working_group_id = stored
    workshop = session.workshop
    if session.territory_id is not None:
        territory_id = session.territory_id
    if territory_id not in {t.id for t in workshop.territories}:
        return None
    if group_id not in {g.id for g in workshop.actor_groups}:
        return None
    if working_group_id not in {None, *(w.id for w in session.working_groups)}:
        return None
    return Profile(territory_id, group_id, working_group_id)
