"""The demo workshop: Savoie × Bignona, two waves of a diagnostic, then an
exchange day with four thematic working groups and a plenary ready to run live.

The people are invented; their answers (``demo_answers``) lean the way such
partners often differ, so the comparison tables have something to show.
"""

import logging
import random
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.services import create_facilitator, find_facilitator
from surveys.responses import record_response
from workshops.builtin_templates import REGARD_CROISE
from workshops.demo_answers import Profile
from workshops.demo_thematic import add_exchange_day
from workshops.manage.services import create_workshop
from workshops.models import SessionState, Wave, Workshop
from workshops.sessions.services import create_session, set_session_state

logger = logging.getLogger(__name__)

DEMO_EMAIL = "demo@example.org"
DEMO_TITLE = "Regard croisé Savoie × Bignona : l'action sociale de l'autre"
DEMO_DESCRIPTION = (
    "Diagnostic croisé entre le Département de la Savoie et le "
    "Département de Bignona (Sénégal) : personnes âgées, handicap, jeunesse et "
    "cohésion sociale, vus par les élus, les techniciens, les associations et les "
    "habitants des deux territoires, au point zéro puis à mi-parcours."
)
SEED = 2026

# Respondents per actor group (Élus, Techniciens, Associations, Habitants).
HEADCOUNTS = {"Savoie": (7, 23, 16, 13), "Bignona": (9, 14, 19, 18)}
# The mid-term wave: fewer people, and the first effects of the exchange
# (Savoie more networked and open to residents, Bignona better coordinated).
MIDTERM_HEADCOUNTS = {"Savoie": (5, 15, 10, 8), "Bignona": (6, 10, 12, 11)}
MIDTERM_SHIFT = {
    "Savoie": {"Q1": 0.6, "Q6": 0.4, "Q9": 0.5, "Q7": 0.8},
    "Bignona": {"Q12": 0.7, "Q2": 0.4, "Q7": 0.5},
}
WAVES = (
    (Wave.BASELINE, "point zéro", HEADCOUNTS, SessionState.CLOSED),
    (Wave.MIDTERM, "mi-parcours", MIDTERM_HEADCOUNTS, SessionState.OPEN),
)


@dataclass(frozen=True)
class DemoResult:
    created: bool
    password: str | None


def _password_file(app: Flask) -> Path:
    return Path(app.instance_path) / "demo-password.txt"


def read_demo_password(app: Flask) -> str | None:
    """The demo facilitator's password, when the demo generated or was given one."""
    path = _password_file(app)
    return path.read_text().strip() if path.exists() else None


def load_demo(app: Flask, password: str | None = None) -> DemoResult:
    """Create the demo account and workshop unless they exist (idempotent)."""
    facilitator = find_facilitator(DEMO_EMAIL)
    if facilitator is None:
        password = password or secrets.token_urlsafe(9)
        facilitator = create_facilitator(DEMO_EMAIL, password, "Animatrice démo")
    elif password and not facilitator.check_password(password):
        facilitator.set_password(password)
    if password:
        _remember_password(app, password)
    existing = db.session.execute(
        select(Workshop.id).where(
            Workshop.owner_id == facilitator.id, Workshop.title == DEMO_TITLE
        )
    ).first()
    if existing is not None:
        return DemoResult(created=False, password=read_demo_password(app))
    _build_workshop(facilitator)
    return DemoResult(created=True, password=read_demo_password(app))


def _remember_password(app: Flask, password: str) -> None:
    path = _password_file(app)
    path.write_text(password + "\n")
    path.chmod(0o600)


def _build_workshop(facilitator) -> Workshop:
    workshop = create_workshop(
        facilitator,
        title=DEMO_TITLE,
        description=DEMO_DESCRIPTION,
        threshold=3,
        territory_names=list(HEADCOUNTS),
        template_key=REGARD_CROISE,
    )
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo, not a secret
    for wave, wave_name, headcounts, state in WAVES:
        for territory in workshop.territories:
            place = "Chambéry" if territory.name == "Savoie" else "Bignona"
            session = create_session(
                workshop,
                label=f"Atelier de {place} — {wave_name}",
                wave=wave.value,
                territory=territory,
            )
            _answer_session(workshop, session, headcounts[territory.name], rng)
            set_session_state(session, state)
    add_exchange_day(workshop)
    logger.info("demo workshop %s loaded", workshop.id)
    return workshop


def _answer_session(workshop, session, headcounts, rng: random.Random) -> None:
    shift = (
        MIDTERM_SHIFT[session.territory.name]
        if session.wave == (Wave.MIDTERM.value)
        else {}
    )
    for group, count in zip(workshop.actor_groups, headcounts, strict=True):
        for _ in range(count):
            profile = Profile(session.territory.name, group.position, rng, shift)
            record_response(
                workshop.questionnaire,
                {
                    "session": str(session.id),
                    "wave": session.wave or "",
                    "territory": str(session.territory_id),
                    "group": str(group.id),
                    "working_group": "",
                },
                profile.answers(workshop.questionnaire),
            )
