import html
from collections import Counter
from statistics import mean

from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Answer, Question, Response
from tests.conftest import csrf_token
from workshops.demo import DEMO_EMAIL, load_demo, read_demo_password
from workshops.models import Pacing, SessionState, Workshop, WorkshopSession


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
    assert sorted(s.wave for s in workshop.sessions if s.wave) == [
        "mi_parcours",
        "mi_parcours",
        "point_zero",
        "point_zero",
    ]
    responses = [
        response
        for response in db.session.execute(select(Response)).scalars()
        if response.dimensions["wave"]
    ]
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


# The exchange day: working groups, a thematic session, a live plenary


def _session(workshop: Workshop, label: str) -> WorkshopSession:
    return next(s for s in workshop.sessions if s.label == label)


def test_demo_has_four_working_groups_with_prompts_and_questions(app):
    load_demo(app)
    db.session.commit()
    workshop = _demo_workshop()
    groups = workshop.working_groups
    assert [g.name for g in groups] == [
        "Jeunesse",
        "Handicap",
        "Personnes âgées",
        "Cohésion sociale",
    ]
    assert groups[0].prompt == "Quelles pratiques pour l'insertion des jeunes ?"
    assert all(g.prompt for g in groups)
    for group in groups:
        kinds = sorted(q.qtype for q in group.questions)
        assert kinds == ["long_text", "single_choice"]
        assert "Une pratique qui fonctionne chez vous ?" in [
            q.label for q in group.questions
        ]
    # Each group's priority question is its own.
    priorities = [
        q.id for g in groups for q in g.questions if q.qtype == "single_choice"
    ]
    assert len(set(priorities)) == 4


def test_demo_thematic_session_answers_by_working_group(app):
    load_demo(app)
    db.session.commit()
    workshop = _demo_workshop()
    session = _session(workshop, "Atelier d'échanges : groupes thématiques")
    assert session.pacing is Pacing.SELF
    assert session.working_groups == workshop.working_groups
    responses = [
        response
        for response in db.session.execute(select(Response)).scalars()
        if response.dimensions["session"] == str(session.id)
    ]
    assert 60 <= len(responses) <= 80
    members = Counter(r.dimensions["working_group"] for r in responses)
    assert set(members) == {str(g.id) for g in workshop.working_groups}
    assert min(members.values()) >= workshop.anonymity_threshold
    # Members answer the common questions and their own group's, no other's.
    reserved = {str(g.id): {q.id for q in g.questions} for g in workshop.working_groups}
    everyone = {q.id for q in workshop.questionnaire.questions} - set().union(
        *reserved.values()
    )
    for response in responses:
        answered = {answer.question_id for answer in response.answers}
        own = reserved[response.dimensions["working_group"]]
        assert answered <= everyone | own
        assert answered & everyone
        assert answered & own


def test_demo_plenary_is_ready_to_run_live(app):
    load_demo(app)
    db.session.commit()
    workshop = _demo_workshop()
    plenary = _session(workshop, "Plénière en direct")
    assert plenary.pacing is Pacing.FACILITATOR
    assert plenary.state is SessionState.OPEN
    assert plenary.current_question == workshop.questionnaire.questions[0]
    assert not plenary.results_revealed
    responses = db.session.execute(select(Response)).scalars()
    assert all(r.dimensions["session"] != str(plenary.id) for r in responses)


def test_demo_results_compare_working_groups(app, client):
    load_demo(app, password="un-mot-de-passe-choisi")
    db.session.commit()
    workshop = _demo_workshop()
    page = client.get("/login").get_data(as_text=True)
    client.post(
        "/login",
        data={
            "csrf_token": csrf_token(page),
            "email": DEMO_EMAIL,
            "password": "un-mot-de-passe-choisi",
        },
    )
    url = f"/workshops/{workshop.id}/results?compare=working_groups"
    shown = html.unescape(client.get(url).get_data(as_text=True))
    assert "Où les groupes de travail divergent le plus" in shown
    assert "Cohésion sociale" in shown
    assert "Sans groupe de travail" in shown
    assert "Pas assez de réponses affichées pour comparer." not in shown
