"""Reordering, deleting and access control of the questionnaire editor."""

import pytest
from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Answer, Response
from tests.conftest import csrf_token, post_form
from tests.workshops.test_questionnaire import (
    answer,
    codes_in_order,
    question_by_code,
    question_data,
    text,
    url,
)


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator)
    db.session.commit()
    return workshop


# Reordering


def test_move_questions_up_and_down(client, workshop):
    page = url(workshop, "/questionnaire")
    q3 = question_by_code(workshop, "Q3")
    response = post_form(
        client, url(workshop, f"/questions/{q3.id}/move/up"), page=page
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/questionnaire#question-{q3.id}")
    assert codes_in_order(workshop) == ["Q1", "Q3", "Q2"]
    q1 = question_by_code(workshop, "Q1")
    post_form(client, url(workshop, f"/questions/{q1.id}/move/down"), page=page)
    assert codes_in_order(workshop) == ["Q3", "Q1", "Q2"]
    assert [q.position for q in workshop.questionnaire.questions] == [1, 2, 3]
    listing = text(client.get(page))
    assert listing.index("Un commentaire ?") < listing.index("Besoin prioritaire ?")


def test_moving_past_the_end_changes_nothing(client, workshop):
    q1 = question_by_code(workshop, "Q1")
    page = url(workshop, "/questionnaire")
    post_form(client, url(workshop, f"/questions/{q1.id}/move/up"), page=page)
    assert codes_in_order(workshop) == ["Q1", "Q2", "Q3"]


def test_unknown_direction_is_not_found(client, workshop):
    q1 = question_by_code(workshop, "Q1")
    page = url(workshop, "/questionnaire")
    response = post_form(
        client, url(workshop, f"/questions/{q1.id}/move/top"), page=page
    )
    assert response.status_code == 404


def test_move_needs_the_form_token(client, workshop):
    q2 = question_by_code(workshop, "Q2")
    response = client.post(url(workshop, f"/questions/{q2.id}/move/up"))
    assert response.status_code == 400
    assert codes_in_order(workshop) == ["Q1", "Q2", "Q3"]


# Deleting


def test_delete_unanswered_question(client, workshop):
    q2 = question_by_code(workshop, "Q2")
    page = url(workshop, "/questionnaire")
    response = post_form(client, url(workshop, f"/questions/{q2.id}/delete"), page=page)
    assert response.status_code == 302
    assert "Question Q2 supprimée." in text(client.get(page))
    assert codes_in_order(workshop) == ["Q1", "Q3"]
    assert [q.position for q in workshop.questionnaire.questions] == [1, 2]


def test_delete_answered_question_asks_for_confirmation(client, workshop):
    q1 = question_by_code(workshop, "Q1")
    q3 = question_by_code(workshop, "Q3")
    answer(workshop, q1, option_code="A")
    answer(workshop, q1, option_code="B")
    kept = answer(workshop, q3, text="Merci.")
    delete_path = url(workshop, f"/questions/{q1.id}/delete")
    response = post_form(client, delete_path, page=url(workshop, "/questionnaire"))
    confirmation = text(response)
    assert response.status_code == 200
    assert "2 participant·es ont déjà répondu à cette question" in confirmation
    assert codes_in_order(workshop) == ["Q1", "Q2", "Q3"]

    response = client.post(
        delete_path, data={"csrf_token": csrf_token(confirmation), "confirm": "yes"}
    )
    assert response.status_code == 302
    assert codes_in_order(workshop) == ["Q2", "Q3"]
    remaining = db.session.execute(select(func.count(Answer.id))).scalar_one()
    assert remaining == 1
    assert db.session.get(Response, kept.id) is not None


# Access control

URLS = [
    ("get", "/questionnaire"),
    ("get", "/questions/new"),
    ("post", "/questions/new"),
    ("get", "/questions/{question}/edit"),
    ("post", "/questions/{question}/edit"),
    ("post", "/questions/{question}/delete"),
    ("post", "/questions/{question}/move/up"),
    ("post", "/questions/{question}/move/down"),
]


def _target(workshop, path):
    question = workshop.questionnaire.questions[1]
    return url(workshop, path.format(question=question.id))


@pytest.mark.parametrize(("method", "path"), URLS)
def test_other_facilitators_workshop_is_not_found(
    client, facilitator, make_workshop, method, path
):
    own = make_workshop(owner=facilitator)
    other = make_workshop()
    db.session.commit()
    target = _target(other, path)
    if method == "get":
        response = client.get(target)
    else:
        data = question_data("long_text", "Piratée ?")
        response = post_form(client, target, data, page=url(own, "/questionnaire"))
    assert response.status_code == 404
    assert codes_in_order(other) == ["Q1", "Q2", "Q3"]
    assert question_by_code(other, "Q2").label == "Les services sont connus."


def test_question_of_another_workshop_is_not_found(client, facilitator, make_workshop):
    own = make_workshop(owner=facilitator)
    other = make_workshop()
    db.session.commit()
    foreign = other.questionnaire.questions[0]
    response = client.get(url(own, f"/questions/{foreign.id}/edit"))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "path"), URLS)
def test_anonymous_visitor_is_sent_to_login(client, make_workshop, method, path):
    workshop = make_workshop()
    db.session.commit()
    target = _target(workshop, path)
    if method == "get":
        response = client.get(target)
    else:
        response = post_form(client, target, page="/login")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
