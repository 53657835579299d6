"""The real application served over HTTP for the browser tests, and its test data.

The app is built by ``create_app`` on a SQLite file whose tables come from the
migrations, as ``flask db upgrade`` makes them, and served by waitress (the
production server) in a background thread. Test data is written straight to the
database through the application's own services.
"""

import itertools
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from waitress import create_server

from facilitator import create_app
from facilitator.extensions import db
from facilitator.services import create_facilitator, find_facilitator
from workshops.builtin_templates import DIAGNOSTIC_SOCIAL
from workshops.manage.services import create_workshop
from workshops.models import SessionState, WorkingGroup, Workshop, WorkshopSession
from workshops.sessions.services import create_session

PASSWORD = "correct horse battery"
SECRET_KEY = "browser-tests-secret"


@dataclass(frozen=True)
class SessionRef:
    id: int
    workshop_id: int
    join_code: str


class LiveServer:
    """The application listening on 127.0.0.1, with helpers to seed its database."""

    def __init__(self, database: Path) -> None:
        self.app = create_app(
            {
                "SECRET_KEY": SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                "RATELIMIT_ENABLED": False,
            }
        )
        with self.app_context():
            _upgrade_keeping_logging()
        self._server = create_server(self.app, host="127.0.0.1", port=0, threads=8)
        self.url = f"http://127.0.0.1:{self._server.effective_port}"
        # The QR code must encode an address the test browser can open.
        self.app.config["PUBLIC_URL"] = self.url
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._emails = (f"anim{n}@example.org" for n in itertools.count(1))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.close()
        self._thread.join(timeout=5)
        with self.app_context():
            db.engine.dispose()

    @contextmanager
    def app_context(self) -> Iterator[Flask]:
        with self.app.app_context():
            yield self.app
            db.session.remove()

    def create_facilitator(self) -> str:
        """A new facilitator account (password ``PASSWORD``); returns its e-mail."""
        email = next(self._emails)
        with self.app_context():
            create_facilitator(email, PASSWORD)
            db.session.commit()
        return email

    def create_workshop(
        self,
        owner_email: str,
        *,
        title: str = "Diagnostic partagé",
        template_key: str = DIAGNOSTIC_SOCIAL,
        territories: tuple[str, ...] = ("Savoie", "Bignona"),
        threshold: int = 1,
    ) -> int:
        """A workshop copied from a built-in template, owned by ``owner_email``."""
        with self.app_context():
            workshop = create_workshop(
                find_facilitator(owner_email),
                title,
                "",
                threshold,
                territories,
                template_key,
            )
            db.session.commit()
            return workshop.id

    def create_working_groups(self, workshop_id: int, *names: str) -> None:
        """Thematic working groups of the workshop, each with a short prompt."""
        with self.app_context():
            workshop = db.session.get(Workshop, workshop_id)
            for position, name in enumerate(names):
                prompt = f"Groupe {name} : une pratique qui marche chez vous ?"
                workshop.working_groups.append(
                    WorkingGroup(name=name, position=position, prompt=prompt)
                )
            db.session.commit()

    def create_session(
        self,
        workshop_id: int,
        label: str = "Plénière",
        *,
        with_working_groups: bool = False,
        **attributes,
    ) -> SessionRef:
        """An open session of the workshop; ``attributes`` override its columns.

        ``with_working_groups`` offers every working group of the workshop.
        """
        with self.app_context():
            workshop = db.session.get(Workshop, workshop_id)
            session = create_session(workshop, label)
            for name, value in attributes.items():
                setattr(session, name, value)
            if with_working_groups:
                session.working_groups = list(workshop.working_groups)
            db.session.commit()
            return SessionRef(session.id, workshop_id, session.join_code)

    def show_question(self, session: SessionRef, index: int) -> None:
        """Put the questionnaire's question at ``index`` on screen, as "Projeter"."""
        with self.app_context():
            stored = db.session.get(WorkshopSession, session.id)
            stored.current_question = stored.workshop.questionnaire.questions[index]
            stored.results_revealed = False
            stored.live_version += 1
            db.session.commit()

    def set_session_state(self, session: SessionRef, state: SessionState) -> None:
        """Change the state as the control panel does (phones follow the version)."""
        with self.app_context():
            stored = db.session.get(WorkshopSession, session.id)
            stored.state = state
            stored.live_version += 1
            db.session.commit()


def _upgrade_keeping_logging() -> None:
    """Run the migrations without keeping Alembic's logging set-up.

    The migration environment calls ``logging.config.fileConfig``, which
    replaces the root handlers and disables every existing logger: the other
    tests of the run (and pytest's log capture) must not inherit that.
    """
    manager = logging.root.manager
    disabled = {
        name: logger.disabled
        for name, logger in manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    root_level, root_handlers = logging.root.level, list(logging.root.handlers)
    try:
        upgrade()
    finally:
        for handler in logging.root.handlers:
            if handler not in root_handlers:
                logging.root.removeHandler(handler)
        for handler in root_handlers:
            if handler not in logging.root.handlers:
                logging.root.addHandler(handler)
        logging.root.setLevel(root_level)
        for name, logger in manager.loggerDict.items():
            if isinstance(logger, logging.Logger):
                logger.disabled = disabled.get(name, False)
