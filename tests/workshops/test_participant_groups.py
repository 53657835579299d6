"""Thematic working groups on the phone: the participant picks one, then sees
the questions for everyone plus those of the group."""

import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Answer, Option, Question, Response
from tests.conftest import post_form
from workshops.models import Pacing, WorkingGroup

CODE = "GRP234"
URL = f"/j/{CODE}"


@pytest.fixture
def workshop(make_workshop):
    workshop = make_workshop(title="Séminaire RIAS")
    questionnaire = workshop.questionnaire
    youth = Question(
        code="QJ",
        qtype="single_choice",
        position=4,
        label="Un lieu pour les jeunes ?",
        options=[Option(code="O", label="Oui", position=1)],
    )
    elders = Question(
        code="QA", qtype="short_text", position=5, label="Le portage de repas ?"
    )
    questionnaire.questions.extend([youth, elders])
    workshop.working_groups = [
        WorkingGroup(
            name="Jeunesse",
            position=1,
            prompt="Ce qui marche pour les 16-25 ans.",
            questions=[youth],
        ),
        WorkingGroup(name="Personnes âgées", position=2, questions=[elders]),
    ]
    db.session.commit()
    return workshop


@pytest.fixture
def session(workshop, make_session):
    session = make_session(workshop, label="Ateliers", join_code=CODE)
    session.working_groups = list(workshop.working_groups)
    db.session.commit()
    return session


def _group(workshop, name: str) -> WorkingGroup:
    return next(wg for wg in workshop.working_groups if wg.name == name)


def _question(workshop, code: str) -> Question:
    return next(q for q in workshop.questionnaire.questions if q.code == code)


def _answers(workshop, youth: WorkingGroup) -> dict:
    return {
        "groupe": str(youth.id),
        "territory": str(workshop.territories[0].id),
        "group": str(workshop.actor_groups[3].id),
        f"q_{_question(workshop, 'Q1').id}": "A",
        f"q_{_question(workshop, 'QJ').id}": "O",
    }


# Self-paced


def test_participant_first_picks_a_working_group(client, session):
    page = client.get(URL).get_data(as_text=True)
    assert "Votre groupe de travail" in page
    assert "<fieldset" in page
    assert "Jeunesse" in page
    assert "Personnes âgées" in page
    assert 'method="get"' in page
    assert "Besoin prioritaire" not in page


def test_group_sees_its_questions_and_prompt(client, workshop, session):
    youth = _group(workshop, "Jeunesse")
    page = client.get(URL, query_string={"groupe": youth.id}).get_data(as_text=True)
    assert "Groupe de travail : Jeunesse" in page
    assert "Ce qui marche pour les 16-25 ans." in page
    assert "Besoin prioritaire ?" in page  # for everyone
    assert "Un lieu pour les jeunes ?" in page
    assert "Le portage de repas ?" not in page
    assert f'name="groupe" value="{youth.id}"' in page


def test_unknown_group_asks_again(client, session):
    page = client.get(URL, query_string={"groupe": "999"}).get_data(as_text=True)
    assert "Choisissez un groupe de la liste." in page
    assert "Besoin prioritaire" not in page


def test_working_group_is_stored_with_the_response(client, workshop, session):
    youth = _group(workshop, "Jeunesse")
    response = post_form(
        client, URL, _answers(workshop, youth), page=f"{URL}?groupe={youth.id}"
    )
    assert response.status_code == 302
    [recorded] = db.session.execute(select(Response)).scalars()
    assert recorded.dimensions["working_group"] == str(youth.id)
    assert sorted(a.option_code for a in recorded.answers) == ["A", "O"]


def test_question_of_another_group_is_not_recorded(client, workshop, session):
    youth = _group(workshop, "Jeunesse")
    data = {
        **_answers(workshop, youth),
        f"q_{_question(workshop, 'QA').id}": "Oui, chaque midi",
    }
    post_form(client, URL, data, page=f"{URL}?groupe={youth.id}")
    texts = db.session.execute(select(Answer.text)).scalars().all()
    assert "Oui, chaque midi" not in texts


def test_chosen_group_is_remembered_by_the_browser(client, workshop, session):
    youth = _group(workshop, "Jeunesse")
    post_form(client, URL, _answers(workshop, youth), page=f"{URL}?groupe={youth.id}")
    with client.session_transaction() as browser:
        assert browser["profiles"][str(session.id)] == [
            workshop.territories[0].id,
            workshop.actor_groups[3].id,
            youth.id,
        ]
    page = client.get(f"{URL}/groupe").get_data(as_text=True)
    [radio] = re.findall(
        rf'<input [^>]*name="groupe" [^>]*value="{youth.id}"[^>]*>', page
    )
    assert " checked" in radio


def test_session_without_groups_asks_only_common_questions(
    client, workshop, make_session
):
    make_session(workshop, join_code="ALL234")
    page = client.get("/j/ALL234").get_data(as_text=True)
    assert "Besoin prioritaire ?" in page
    assert "Un lieu pour les jeunes ?" not in page
    assert "Votre groupe de travail" not in page


# Facilitator-paced


@pytest.fixture
def paced(session):
    session.pacing = Pacing.FACILITATOR
    db.session.commit()
    return session


def _start(client, workshop, working_group):
    return post_form(
        client,
        f"{URL}/profil",
        {
            "territory": str(workshop.territories[1].id),
            "group": str(workshop.actor_groups[0].id),
            "working_group": str(working_group.id),
        },
        page=URL,
    )


def _show(session, question) -> None:
    session.current_question = question
    session.live_version += 1
    db.session.commit()


def test_paced_profile_asks_the_working_group(client, workshop, paced):
    page = client.get(URL).get_data(as_text=True)
    assert "Votre groupe de travail" in page
    response = post_form(
        client,
        f"{URL}/profil",
        {
            "territory": str(workshop.territories[1].id),
            "group": str(workshop.actor_groups[0].id),
        },
        page=URL,
    )
    assert "Choisissez votre groupe de travail." in response.get_data(as_text=True)


def test_paced_group_question_only_reaches_its_group(client, workshop, paced):
    elders = _group(workshop, "Personnes âgées")
    youth_question = _question(workshop, "QJ")
    assert _start(client, workshop, elders).status_code == 302
    [started] = db.session.execute(select(Response)).scalars()
    assert started.dimensions["working_group"] == str(elders.id)

    _show(paced, youth_question)
    page = client.get(URL).get_data(as_text=True)
    assert "autre groupe de travail" in page
    assert "Un lieu pour les jeunes ?" not in page

    response = post_form(
        client,
        f"{URL}/q/{youth_question.id}",
        {f"q_{youth_question.id}": "O"},
        page=URL,
    )
    assert response.status_code == 404
    assert db.session.execute(select(Answer)).first() is None

    _show(paced, _question(workshop, "QA"))
    page = client.get(URL).get_data(as_text=True)
    assert "Le portage de repas ?" in page
    assert "Groupe de travail : Personnes âgées" in page
