"""Shared fixtures: an app with a fresh SQLite database per test, CSRF on."""

import re

import pytest
from flask import g

from facilitator import create_app
from facilitator.extensions import db
from facilitator.services import create_facilitator
from surveys.models import Option, Question, Questionnaire
from workshops.models import (
    ActorGroup,
    SessionState,
    Territory,
    Workshop,
    WorkshopSession,
)

PASSWORD = "correct horse battery"
_CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite'}",
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "localhost",
        }
    )
    # The fixture keeps one app context open so tests can use the database
    # directly; requests reuse it, so start each one with an empty ``g`` as a
    # real request would (cached user, language, CSRF state...).
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_globals)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()


def _fresh_request_globals() -> None:
    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a rendered page."""
    match = _CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def post_form(
    client, url: str, data: dict | None = None, *, page: str | None = None, **kwargs
):
    """GET ``page`` (default ``url``), then POST ``data`` with its CSRF token."""
    html = client.get(page or url).get_data(as_text=True)
    payload = {"csrf_token": csrf_token(html), **(data or {})}
    return client.post(url, data=payload, **kwargs)


@pytest.fixture
def make_facilitator(app):
    counter = iter(range(1, 10_000))

    def make(email: str | None = None, password: str = PASSWORD):
        facilitator = create_facilitator(
            email or f"anim{next(counter)}@example.org", password
        )
        db.session.commit()
        return facilitator

    return make


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = PASSWORD):
        return post_form(self.client, "/login", {"email": email, "password": password})

    def logout(self):
        return post_form(self.client, "/logout", page="/workshops/")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def facilitator(make_facilitator, auth):
    """A logged-in facilitator."""
    account = make_facilitator("animatrice@example.org")
    auth.login("animatrice@example.org")
    return account


@pytest.fixture
def make_workshop(app, make_facilitator):
    """Build a workshop directly in the database, with sensible defaults."""
    codes = iter(f"T{n:05d}" for n in range(1, 100_000))

    def make(owner=None, **overrides):
        owner = owner or make_facilitator()
        questionnaire = Questionnaire(title=overrides.pop("title", "Diagnostic"))
        questions = overrides.pop("questions", None)
        if questions is None:
            questions = [
                Question(
                    code="Q1",
                    qtype="single_choice",
                    position=1,
                    label="Besoin prioritaire ?",
                    required=True,
                    options=[
                        Option(code="A", label="Jeunesse", position=1),
                        Option(code="B", label="Handicap", position=2),
                    ],
                ),
                Question(
                    code="Q2",
                    qtype="agreement_scale",
                    position=2,
                    label="Les services sont connus.",
                ),
                Question(
                    code="Q3", qtype="long_text", position=3, label="Un commentaire ?"
                ),
            ]
        questionnaire.questions = questions
        workshop = Workshop(
            owner=owner,
            title=questionnaire.title,
            questionnaire=questionnaire,
            anonymity_threshold=overrides.pop("anonymity_threshold", 1),
            territories=[
                Territory(name=name, position=i)
                for i, name in enumerate(
                    overrides.pop("territories", ["Savoie", "Bignona"])
                )
            ],
            actor_groups=[
                ActorGroup(name=name, position=i)
                for i, name in enumerate(
                    overrides.pop(
                        "groups", ["Élus", "Techniciens", "Associations", "Habitants"]
                    )
                )
            ],
            **overrides,
        )
        db.session.add(workshop)
        db.session.flush()
        return workshop

    make.next_code = lambda: next(codes)[-6:]
    return make


@pytest.fixture
def make_session(app):
    """Add an open session with a known join code to a workshop."""
    counter = iter(range(1, 100_000))

    def make(workshop, **overrides):
        n = next(counter)
        session = WorkshopSession(
            workshop=workshop,
            label=overrides.pop("label", f"Séance {n}"),
            join_code=overrides.pop(
                "join_code", f"ABC{n:03d}".replace("0", "Z").replace("1", "Y")
            ),
            state=overrides.pop("state", SessionState.OPEN),
            **overrides,
        )
        db.session.add(session)
        db.session.commit()
        return session

    return make
