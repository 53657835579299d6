"""Pages that every phone of a room asks for within the same seconds, rendered
once per server process.

When the facilitator shows a question, each phone loads the same question page
(then, once answered, the same waiting page); only its CSRF token and its
participant token differ. The first phone's page is kept with these two
values replaced by markers, and the next phones get a copy with their own.

The key holds what the page shows (session, question, working group, locale,
messages) read from the database at each request, so a page is never served
for another state; a kept page also expires after ``TTL_SECONDS``, so that an
edit the key does not name shows within seconds. Nothing is shared between
processes: each renders its own copy, and each application its own cache.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app, get_flashed_messages, request
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from workshops.models import WorkshopSession

TTL_SECONDS = 5.0
MAX_PAGES = 256
# Where the phone's own values go in a kept page (NUL never occurs in a page).
_CSRF_MARK = "\x00csrf\x00"
_PHONE_MARK = "\x00participant\x00"


class _Pages:
    """Kept pages by key: (time kept, page with markers), oldest first."""

    def __init__(self) -> None:
        self.pages: OrderedDict[tuple, tuple[float, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple, now: float) -> str | None:
        with self.lock:
            kept = self.pages.get(key)
        if kept is None or now - kept[0] >= TTL_SECONDS:
            return None
        return kept[1]

    def put(self, key: tuple, now: float, page: str) -> None:
        with self.lock:
            self.pages[key] = (now, page)
            self.pages.move_to_end(key)
            while len(self.pages) > MAX_PAGES:
                self.pages.popitem(last=False)


def _app_pages() -> _Pages:
    return current_app.extensions.setdefault("participant_pages", _Pages())


def session_key(session: WorkshopSession) -> tuple:
    """What a participant page shows of its session, its workshop included."""
    return (
        session.id,
        session.live_version,
        session.label,
        session.state,
        session.pacing,
        session.current_question_id,
        session.workshop.title,
    )


def cached_page(key: Hashable, token: str, render: Callable[[], str]) -> str:
    """The page ``render`` makes for ``key``, rendered once for every phone.

    ``token`` is the participant token the page may carry in a hidden field.
    """
    csrf = generate_csrf()
    full_key = (
        key,
        str(get_locale()),
        request.full_path,
        current_user.is_authenticated,
        # Read here, then shown by the page: the messages are part of the key.
        tuple(get_flashed_messages(with_categories=True)),
    )
    pages, now = _app_pages(), time.monotonic()
    kept = pages.get(full_key, now)
    if kept is not None:
        return kept.replace(_CSRF_MARK, csrf).replace(_PHONE_MARK, token)
    page = render()
    template = page
    if csrf:
        template = template.replace(csrf, _CSRF_MARK)
    if token:
        template = template.replace(token, _PHONE_MARK)
    pages.put(full_key, now, template)
    return page
