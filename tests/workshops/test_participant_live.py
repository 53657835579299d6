"""Live sessions on the phone: session states, facilitator-paced questions, the
state phones poll, answers that survive a lost connection."""

import dataclasses
import re

import pytest
from sqlalchemy import func, select

from facilitator import create_app
from facilitator.extensions import db
from surveys.aggregation.model import ColumnKind, Dimension, RowKind
from surveys.aggregation.tables import aggregate
from surveys.models import (
    Answer,
    AnsweredQuestion,
    NumberTally,
    OptionTally,
    QuestionTally,
    Response,
    ResponseTally,
)
from surveys.tallies import rebuild_tallies
from tests.conftest import csrf_token, post_form
from workshops.models import Pacing, SessionState

CODE = "PACE23"
URL = f"/j/{CODE}"


@pytest.fixture
def workshop(make_workshop):
    return make_workshop(title="Séminaire RIAS")


@pytest.fixture
def session(workshop, make_session):
    return make_session(
        workshop, label="Plénière", join_code=CODE, pacing=Pacing.FACILITATOR
    )


def _question(workshop, code: str):
    return next(q for q in workshop.questionnaire.questions if q.code == code)


def _facilitator_shows(session, question=None, **changes) -> None:
    """What the control panel does: change the session and raise its version."""
    session.current_question = question
    for name, value in changes.items():
        setattr(session, name, value)
    session.live_version += 1
    db.session.commit()


def _start(client, workshop, territory=0, group=1, **kwargs):
    """Say who answers on the profile step, as a phone does."""
    return post_form(
        client,
        f"{URL}/profil",
        {
            "territory": str(workshop.territories[territory].id),
            "group": str(workshop.actor_groups[group].id),
        },
        page=URL,
        **kwargs,
    )


def _answer(client, question, data: dict, **kwargs):
    return post_form(client, f"{URL}/q/{question.id}", data, page=URL, **kwargs)


def _count(model) -> int:
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


# Session states


@pytest.mark.parametrize(
    ("state", "heading", "button"),
    [
        (SessionState.DRAFT, "La séance n'a pas encore commencé", "Actualiser"),
        (SessionState.PAUSED, "Séance en pause", "Actualiser"),
    ],
)
@pytest.mark.parametrize("pacing", [Pacing.SELF, Pacing.FACILITATOR])
def test_draft_and_paused_sessions_wait_with_a_refresh_button(
    client, session, state, heading, button, pacing
):
    session.state, session.pacing = state, pacing
    db.session.commit()
    response = client.get(URL)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert heading in page
    assert button in page
    assert f'href="{URL}"' in page
    assert "Besoin prioritaire" not in page
    assert f'data-follow="{URL}/etat"' in page


def test_closed_session_says_so(client, session):
    session.state = SessionState.CLOSED
    db.session.commit()
    assert "Cette séance est fermée" in client.get(URL).get_data(as_text=True)


def test_self_paced_answers_sent_during_a_pause_are_kept(client, workshop, session):
    session.pacing = Pacing.SELF
    db.session.commit()
    html = client.get(URL).get_data(as_text=True)
    _facilitator_shows(session, state=SessionState.PAUSED)
    data = {
        "csrf_token": csrf_token(html),
        "territory": str(workshop.territories[1].id),
        "group": str(workshop.actor_groups[0].id),
        f"q_{_question(workshop, 'Q1').id}": "B",
        f"q_{_question(workshop, 'Q3').id}": "Les maisons de quartier.",
    }

    page = client.post(URL, data=data).get_data(as_text=True)

    assert "Séance en pause" in page
    assert "Vos réponses n'ont pas encore été envoyées" in page
    assert "Les maisons de quartier." in page
    assert _count(Response) == 0
    # Once the session is open again, the same page goes through.
    _facilitator_shows(session, state=SessionState.OPEN)
    data["csrf_token"] = csrf_token(page)
    assert client.post(URL, data=data).status_code == 302
    assert _count(Response) == 1


# The state phones poll


def test_state_is_cheap_json_with_an_etag(client, workshop, session):
    question = _question(workshop, "Q2")
    _facilitator_shows(session, question)
    response = client.get(f"{URL.lower()}/etat")
    assert response.status_code == 200
    assert response.get_json() == {
        "state": "open",
        "pacing": "facilitator",
        "question": question.id,
        "version": 1,
    }
    assert response.headers["ETag"] == f'"{session.id}-1"'
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Set-Cookie" not in response.headers


def test_unchanged_state_answers_not_modified(client, workshop, session):
    etag = client.get(f"{URL}/etat").headers["ETag"]
    unchanged = client.get(f"{URL}/etat", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.get_data() == b""
    _facilitator_shows(session, _question(workshop, "Q1"))
    changed = client.get(f"{URL}/etat", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.get_json()["version"] == 1


def test_state_of_an_unknown_code_is_404(client, session):
    assert client.get("/j/ZZZZZZ/etat").status_code == 404


# Facilitator-paced, end to end


def test_paced_session_asks_who_answers_first(client, workshop, session):
    page = client.get(URL).get_data(as_text=True)
    assert f'action="{URL}/profil"' in page
    assert "Votre territoire" in page
    assert "Je réponds en tant que" in page
    assert "Besoin prioritaire" not in page


def test_paced_flow_follows_the_facilitator(client, workshop, session):
    q1, q2 = _question(workshop, "Q1"), _question(workshop, "Q2")
    response = _start(client, workshop)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(URL)
    page = client.get(URL).get_data(as_text=True)
    assert "En attente de la première question" in page
    assert "Question suivante" in page
    etag = client.get(f"{URL}/etat").headers["ETag"]

    _facilitator_shows(session, q1)
    assert client.get(f"{URL}/etat", headers={"If-None-Match": etag}).status_code == 200
    page = client.get(URL).get_data(as_text=True)
    assert "Besoin prioritaire ?" in page
    assert f'action="{URL}/q/{q1.id}"' in page
    assert f'name="q_{q1.id}"' in page
    assert "Valider" in page
    assert "Passer" not in page  # Q1 is required
    assert "Les services sont connus." not in page

    response = _answer(client, q1, {f"q_{q1.id}": "B"})
    assert response.status_code == 302
    page = client.get(URL).get_data(as_text=True)
    assert "Réponse enregistrée" in page
    assert "En attente de la question suivante" in page
    assert "Besoin prioritaire ?" not in page

    _facilitator_shows(session, q2)
    page = client.get(URL).get_data(as_text=True)
    assert "Les services sont connus." in page
    assert "Passer" in page

    [started] = db.session.execute(select(Response)).scalars()
    assert started.dimensions == {
        "session": str(session.id),
        "wave": "",
        "territory": str(workshop.territories[0].id),
        "group": str(workshop.actor_groups[1].id),
        "working_group": "",
    }
    assert [(a.question_id, a.option_code) for a in started.answers] == [(q1.id, "B")]


FETCH = {"X-Requested-With": "fetch"}


def test_answer_sent_by_the_page_script_gets_the_next_page_at_once(
    client, workshop, session
):
    q1 = _question(workshop, "Q1")
    _facilitator_shows(session, q1)
    response = _start(client, workshop, headers=FETCH)
    # No redirect: the phone shows the question without a second request.
    assert response.status_code == 200
    assert response.headers["Content-Location"] == URL
    assert "Besoin prioritaire ?" in response.get_data(as_text=True)

    response = _answer(client, q1, {f"q_{q1.id}": "B"}, headers=FETCH)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Content-Location"] == URL
    assert "Réponse enregistrée" in page
    assert "Vous avez répondu à la question en cours." in page
    assert "Besoin prioritaire ?" not in page
    # The message was shown once: the next page does not repeat it.
    assert "Réponse enregistrée" not in client.get(URL).get_data(as_text=True)
    assert _count(AnsweredQuestion) == 1


def test_refused_answer_names_the_session_page_for_the_address_bar(
    client, workshop, session
):
    q2 = _question(workshop, "Q2")
    _start(client, workshop)
    _facilitator_shows(session, q2)
    response = _answer(client, q2, {f"q_{q2.id}": "9"}, headers=FETCH)
    assert response.status_code == 200
    assert response.headers["Content-Location"] == URL
    assert 'class="errors"' in response.get_data(as_text=True)
    # The address a reload would fetch shows the same question.
    assert "Les services sont connus." in client.get(URL).get_data(as_text=True)


def test_optional_question_can_be_skipped(client, workshop, session):
    q2 = _question(workshop, "Q2")
    _start(client, workshop)
    _facilitator_shows(session, q2)
    response = _answer(client, q2, {"skip": "Passer", f"q_{q2.id}": "9"})
    assert response.status_code == 302
    page = client.get(URL).get_data(as_text=True)
    assert "Question passée" in page
    assert "En attente de la question suivante" in page
    assert _count(AnsweredQuestion) == 1
    assert _count(Answer) == 0


def test_required_question_cannot_be_skipped(client, workshop, session):
    q1 = _question(workshop, "Q1")
    _start(client, workshop)
    _facilitator_shows(session, q1)
    page = _answer(client, q1, {"skip": "Passer"}).get_data(as_text=True)
    assert "Cette question est obligatoire." in page
    assert _count(AnsweredQuestion) == 0


def test_invalid_answer_is_shown_again_with_its_message(client, workshop, session):
    q2 = _question(workshop, "Q2")
    _start(client, workshop)
    _facilitator_shows(session, q2)
    response = _answer(client, q2, {f"q_{q2.id}": "9"})
    assert response.status_code == 200
    assert "Les services sont connus." in response.get_data(as_text=True)
    assert 'class="errors"' in response.get_data(as_text=True)
    assert _count(AnsweredQuestion) == 0


def test_replayed_answer_counts_once(client, workshop, session):
    q1 = _question(workshop, "Q1")
    _start(client, workshop)
    _facilitator_shows(session, q1)
    html = client.get(URL).get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), f"q_{q1.id}": "A"}
    first = client.post(f"{URL}/q/{q1.id}", data=data)
    again = client.post(f"{URL}/q/{q1.id}", data={**data, f"q_{q1.id}": "B"})
    assert first.status_code == again.status_code == 302
    assert db.session.execute(select(Answer.option_code)).scalars().all() == ["A"]


def test_simultaneous_replay_loses_the_race_quietly(
    client, workshop, session, monkeypatch
):
    from workshops.participant import paced

    q1 = _question(workshop, "Q1")
    _start(client, workshop)
    _facilitator_shows(session, q1)
    html = client.get(URL).get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), f"q_{q1.id}": "A"}
    client.post(f"{URL}/q/{q1.id}", data=data)
    # The second copy passed the "already answered?" check before the first
    # one was committed.
    real_find = paced.find_standing

    def not_answered_yet(*args):
        return dataclasses.replace(real_find(*args), answered_question=False)

    monkeypatch.setattr(paced, "find_standing", not_answered_yet)
    assert client.post(f"{URL}/q/{q1.id}", data=data).status_code == 302
    assert _count(Answer) == 1


def test_late_answer_to_an_earlier_question_is_kept(client, workshop, session):
    q1, q2 = _question(workshop, "Q1"), _question(workshop, "Q2")
    _start(client, workshop)
    _facilitator_shows(session, q1)
    html = client.get(URL).get_data(as_text=True)
    _facilitator_shows(session, q2)  # the phone was offline meanwhile
    client.post(
        f"{URL}/q/{q1.id}", data={"csrf_token": csrf_token(html), f"q_{q1.id}": "B"}
    )
    assert db.session.execute(select(Answer.option_code)).scalars().all() == ["B"]
    assert "Les services sont connus." in client.get(URL).get_data(as_text=True)


def test_answer_sent_during_a_pause_is_kept_on_the_page(client, workshop, session):
    q3 = _question(workshop, "Q3")
    _start(client, workshop)
    _facilitator_shows(session, q3)
    html = client.get(URL).get_data(as_text=True)
    _facilitator_shows(session, q3, state=SessionState.PAUSED)
    page = client.post(
        f"{URL}/q/{q3.id}",
        data={"csrf_token": csrf_token(html), f"q_{q3.id}": "Le portage de repas"},
    ).get_data(as_text=True)
    assert "Séance en pause" in page
    assert "Le portage de repas" in page
    assert _count(AnsweredQuestion) == 0


def test_second_profile_from_the_same_phone_resumes(client, workshop, session):
    _start(client, workshop)
    _start(client, workshop, territory=1, group=2)
    assert _count(Response) == 1


def test_another_phone_starts_its_own_response(app, client, workshop, session):
    _start(client, workshop)
    _start(app.test_client(), workshop)
    assert _count(Response) == 2


def test_question_of_another_questionnaire_is_refused(
    client, workshop, session, make_workshop
):
    other = make_workshop(title="Autre")
    foreign = other.questionnaire.questions[0]
    _start(client, workshop)
    response = _answer(client, foreign, {f"q_{foreign.id}": "A"})
    assert response.status_code == 404


def test_answer_without_a_profile_goes_back_to_the_profile(client, workshop, session):
    q1 = _question(workshop, "Q1")
    _facilitator_shows(session, q1)
    response = _answer(client, q1, {f"q_{q1.id}": "A"})
    assert response.status_code == 302
    assert _count(AnsweredQuestion) == 0


def test_paced_tallies_match_the_answers(app, client, workshop, session):
    q1, q2, q3 = (_question(workshop, code) for code in ("Q1", "Q2", "Q3"))
    phones = [client, app.test_client(), app.test_client()]
    for n, phone in enumerate(phones):
        _start(phone, workshop, territory=n % 2, group=n)
    for question, answers in (
        (q1, ["A", "B", "B"]),
        (q2, ["4", "5", None]),
        (q3, ["Entraide", None, "Le CCAS"]),
    ):
        _facilitator_shows(session, question)
        for phone, value in zip(phones, answers, strict=True):
            data = {f"q_{question.id}": value} if value else {"skip": "Passer"}
            _answer(phone, question, data)

    kept = _tallies()
    rebuild_tallies(workshop.questionnaire)
    db.session.commit()
    assert _tallies() == kept

    territories = tuple((str(t.id), t.name) for t in workshop.territories)
    results = aggregate(
        workshop.questionnaire, [Dimension("territory", "Territoire", territories)]
    )
    assert results.response_count == 3
    overall = next(
        i for i, c in enumerate(results.columns) if c.kind is ColumnKind.OVERALL
    )
    by_question = {r.question_id: r for r in results.questions}
    q1_rows = by_question[q1.id].rows
    options = {row.code: row.cells[overall].count for row in q1_rows if row.code}
    assert options == {"A": 1, "B": 2}
    respondents = by_question[q2.id].row(RowKind.RESPONDENTS)
    assert respondents.cells[overall].count == 2


def _tallies() -> dict:
    tables = {}
    for model in (ResponseTally, QuestionTally, OptionTally, NumberTally):
        columns = [c for c in model.__table__.c if c.name != "id"]
        rows = db.session.execute(select(*columns)).all()
        tables[model.__tablename__] = sorted(tuple(row) for row in rows)
    return tables


def test_state_polls_are_never_limited_but_guesses_are(app, session):
    limited = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
            "SERVER_NAME": "localhost",
        }
    ).test_client()
    # A room of phones behind one address, polling for a while.
    assert {limited.get(f"{URL}/etat").status_code for _ in range(100)} == {200}
    statuses = [limited.get("/j/ZZZZZZ/etat").status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    assert limited.get(f"{URL}/etat").status_code == 200


def test_profile_sent_before_the_session_opens_is_kept(client, workshop, session):
    session.state = SessionState.DRAFT
    db.session.commit()
    html = client.get(URL).get_data(as_text=True)
    assert "La séance n'a pas encore commencé" in html
    _facilitator_shows(session, state=SessionState.OPEN)
    html = client.get(URL).get_data(as_text=True)
    _facilitator_shows(session, state=SessionState.PAUSED)
    bignona = workshop.territories[1].id
    page = client.post(
        f"{URL}/profil",
        data={
            "csrf_token": csrf_token(html),
            "territory": str(bignona),
            "group": str(workshop.actor_groups[0].id),
        },
    ).get_data(as_text=True)
    assert "Séance en pause" in page
    assert re.search(rf'<input [^>]*checked[^>]*value="{bignona}"', page)
    assert _count(Response) == 0


def test_closed_page_follows_a_reopening(client, session):
    session.state = SessionState.CLOSED
    db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert f'data-follow="{URL}/etat"' in page
    assert "Actualiser" in page


def test_switching_back_to_self_paced_keeps_one_response_per_phone(
    client, workshop, session
):
    q1 = _question(workshop, "Q1")
    _start(client, workshop)
    _facilitator_shows(session, q1)
    _answer(client, q1, {f"q_{q1.id}": "B"})
    _facilitator_shows(session, None, pacing=Pacing.SELF)

    page = client.get(URL).get_data(as_text=True)
    assert "Vous avez déjà répondu à cette séance" in page
    assert "question par question" in page
    assert 'class="answer-form"' not in page
    # A whole form sent anyway (an old page) does not make a second response.
    data = {
        "territory": str(workshop.territories[0].id),
        "group": str(workshop.actor_groups[1].id),
        f"q_{q1.id}": "A",
    }
    reply = post_form(client, URL, data)
    assert reply.status_code in (302, 303)
    assert _count(Response) == 1
    assert db.session.execute(select(Answer.option_code)).scalars().all() == ["B"]
