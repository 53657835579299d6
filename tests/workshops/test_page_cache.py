"""The question and waiting pages of a facilitator-paced session, rendered once
for the whole room: each phone still gets its own tokens, messages and the
current state."""

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Response
from tests.conftest import csrf_token
from workshops.models import Pacing
from workshops.participant import paced, page_cache

CODE = "ROOM23"
URL = f"/j/{CODE}"
FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def workshop(make_workshop):
    return make_workshop(title="Séminaire RIAS")


@pytest.fixture
def session(workshop, make_session):
    return make_session(workshop, join_code=CODE, pacing=Pacing.FACILITATOR)


@pytest.fixture
def renders(monkeypatch):
    """How many times a question page was really rendered."""
    counted = []
    real = paced._question_page

    def counting(*args, **kwargs):
        counted.append(args[1].code)
        return real(*args, **kwargs)

    monkeypatch.setattr(paced, "_question_page", counting)
    return counted


def _phone(app, workshop, territory=0):
    phone = app.test_client()
    page = phone.get(URL).get_data(as_text=True)
    phone.post(
        f"{URL}/profil",
        data={
            "csrf_token": csrf_token(page),
            "territory": str(workshop.territories[territory].id),
            "group": str(workshop.actor_groups[0].id),
        },
    )
    return phone


def _show(session, question) -> None:
    session.current_question = question
    session.live_version += 1
    db.session.commit()


def _hidden(page: str, name: str) -> str:
    marker = f'name="{name}" type="hidden" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_phones_share_one_render_with_their_own_tokens(app, workshop, session, renders):
    q1 = workshop.questionnaire.questions[0]
    phones = [_phone(app, workshop, territory=i % 2) for i in range(3)]
    _show(session, q1)
    pages = [phone.get(URL).get_data(as_text=True) for phone in phones]
    assert renders == ["Q1"]
    assert all("Besoin prioritaire ?" in page for page in pages)
    assert len({_hidden(page, "csrf_token") for page in pages}) == 3
    assert len({_hidden(page, "token") for page in pages}) == 3
    assert not any("\x00" in page for page in pages)

    # Each phone's answer goes to its own response, with its own tokens.
    for phone, page, code in zip(phones, pages, "ABA", strict=True):
        reply = phone.post(
            f"{URL}/q/{q1.id}",
            data={
                "csrf_token": _hidden(page, "csrf_token"),
                "token": _hidden(page, "token"),
                f"q_{q1.id}": code,
            },
        )
        assert reply.status_code == 302
    answers = db.session.execute(select(Response)).scalars().all()
    assert sorted(r.answers[0].option_code for r in answers) == ["A", "A", "B"]
    first, second = (str(t.id) for t in workshop.territories[:2])
    assert sorted(r.dimensions["territory"] for r in answers) == sorted(
        [first, second, first]
    )


def test_an_edited_question_shows_at_once(app, workshop, session, renders):
    q1 = workshop.questionnaire.questions[0]
    phone = _phone(app, workshop)
    _show(session, q1)
    phone.get(URL)
    q1.label = "Quel besoin vient en premier ?"
    q1.options[0].label = "Jeunes de 16 à 25 ans"
    db.session.commit()
    page = phone.get(URL).get_data(as_text=True)
    assert "Quel besoin vient en premier ?" in page
    assert "Jeunes de 16 à 25 ans" in page
    assert renders == ["Q1", "Q1"]


def test_a_kept_page_expires(app, workshop, session, renders, monkeypatch):
    q1 = workshop.questionnaire.questions[0]
    phone = _phone(app, workshop)
    _show(session, q1)
    phone.get(URL)
    phone.get(URL)
    monkeypatch.setattr(page_cache, "TTL_SECONDS", 0)
    phone.get(URL)
    assert renders == ["Q1", "Q1"]


def test_the_answered_message_goes_to_the_phone_that_answered(app, workshop, session):
    q1 = workshop.questionnaire.questions[0]
    first, second = _phone(app, workshop), _phone(app, workshop, territory=1)
    _show(session, q1)
    page = first.get(URL).get_data(as_text=True)
    reply = first.post(
        f"{URL}/q/{q1.id}",
        data={"csrf_token": csrf_token(page), f"q_{q1.id}": "A"},
        headers=FETCH,
    )
    assert "Réponse enregistrée" in reply.get_data(as_text=True)
    # The other phone has not answered: its question, with no message.
    page = second.get(URL).get_data(as_text=True)
    assert "Besoin prioritaire ?" in page
    assert "Réponse enregistrée" not in page
    # Once it answers, it gets the waiting page with its own message.
    reply = second.post(
        f"{URL}/q/{q1.id}",
        data={"csrf_token": csrf_token(page), f"q_{q1.id}": "B"},
        headers=FETCH,
    )
    assert "Réponse enregistrée" in reply.get_data(as_text=True)
    assert "Vous avez répondu à la question en cours." in reply.get_data(as_text=True)
    # Seen once: the next load of the same waiting page has no message.
    assert "Réponse enregistrée" not in second.get(URL).get_data(as_text=True)


def test_a_page_in_english_is_kept_apart(app, workshop, session):
    q1 = workshop.questionnaire.questions[0]
    french, english = _phone(app, workshop), _phone(app, workshop, territory=1)
    page = english.get("/").get_data(as_text=True)
    english.post("/lang/en", data={"csrf_token": csrf_token(page)})
    _show(session, q1)
    assert "Valider" in french.get(URL).get_data(as_text=True)
    page = english.get(URL).get_data(as_text=True)
    assert 'lang="en"' in page
    assert "Valider" not in page


def test_a_phone_following_the_session_is_not_sent_its_cookies_again(
    app, workshop, session
):
    q1 = workshop.questionnaire.questions[0]
    phone = _phone(app, workshop)
    _show(session, q1)
    phone.get(URL)
    again = phone.get(URL)
    assert "Besoin prioritaire ?" in again.get_data(as_text=True)
    assert again.headers.getlist("Set-Cookie") == []
    # The browser session still outlives the browser: its cookie has a date.
    assert phone.get_cookie("session").expires is not None
