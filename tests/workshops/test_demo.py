from collections import Counter
from statistics import mean

from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Answer, Question, Response
from tests.conftest import csrf_token
from workshops.demo import DEMO_EMAIL, load_demo, read_demo_password
from workshops.models import Workshop


def _demo_workshop() -> Workshop:
    return db.session.execute(select(Workshop)).scalar_one()


def test_demo_loads_once(app):
    first = load_demo(app)
    db.session.commit()
    second = load_demo(app)
    db.session.commit()
    assert first.created
    assert not second.created
    assert db.session.execute(select(func.count(Workshop.id))).scalar_one() == 1
    assert first.password
    assert first.password == read_demo_password(app)


def test_demo_password_from_environment_lets_the_facilitator_log_in(app, client):
    load_demo(app, password="un-mot-de-passe-choisi")
    db.session.commit()
    page = client.get("/login").get_data(as_text=True)
    response = client.post(
        "/login",
        data={
            "csrf_token": csrf_token(page),
            "email": DEMO_EMAIL,
            "password": "un-mot-de-passe-choisi",
        },
    )
    assert response.status_code == 302


def test_demo_has_two_waves_and_enough_responses_in_every_cell(app):
    load_demo(app)
    db.session.commit()
    workshop = _demo_workshop()
    assert sorted(s.wave for s in workshop.sessions) == [
        "mi_parcours",
        "mi_parcours",
        "point_zero",
        "point_zero",
    ]
    responses = db.session.execute(select(Response)).scalars().all()
    assert 150 <= len(responses) <= 250
    cells = Counter(
        (r.dimensions["wave"], r.dimensions["territory"], r.dimensions["group"])
        for r in responses
    )
    assert len(cells) == 16
    assert min(cells.values()) >= workshop.anonymity_threshold


def test_demo_territories_answer_differently(app):
    load_demo(app)
    db.session.commit()
    workshop = _demo_workshop()
    savoie, bignona = (str(t.id) for t in workshop.territories)
    ties = db.session.execute(
        select(Question).where(
            Question.questionnaire_id == workshop.questionnaire_id,
            Question.code == "Q11",
        )
    ).scalar_one()
    rows = db.session.execute(
        select(Response.dimensions, Answer.number)
        .join(Answer, Answer.response_id == Response.id)
        .where(Answer.question_id == ties.id)
    ).all()
    by_territory = {savoie: [], bignona: []}
    for dimensions, number in rows:
        by_territory[dimensions["territory"]].append(number)
    assert mean(by_territory[bignona]) - mean(by_territory[savoie]) > 1
