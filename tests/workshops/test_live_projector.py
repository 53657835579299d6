"""The projector and its polled state: counts, reveal, working groups, ETags."""

import json
import re

import pytest

from facilitator import create_app
from facilitator.extensions import db
from surveys.aggregation import aggregate
from surveys.exports.respondents import responses_by_column
from surveys.participant_form import field_name
from surveys.responses import record_response
from tests.conftest import PASSWORD, csrf_token, post_form
from workshops.live.queries import (
    actor_group_dimension,
    live_filters,
    participant_counts,
    territory_dimension,
)
from workshops.models import SessionState, WorkingGroup


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Atelier d'échanges")
    workshop.working_groups = [
        WorkingGroup(name="Jeunesse", position=0, prompt="Que faire pour les 15-25 ?"),
        WorkingGroup(name="Handicap", position=1, prompt="Accès aux droits"),
    ]
    db.session.commit()
    return workshop


@pytest.fixture
def session(workshop, make_session):
    session = make_session(workshop, label="Plénière", join_code="PLN234")
    session.working_groups = list(workshop.working_groups)
    db.session.commit()
    return session


@pytest.fixture
def answer(workshop, session):
    """Store a response of the session by territory, group and working group names."""
    names = {
        **{t.name: str(t.id) for t in workshop.territories},
        **{g.name: str(g.id) for g in workshop.actor_groups},
        **{g.name: str(g.id) for g in workshop.working_groups},
    }
    questions = {q.code: q for q in workshop.questionnaire.questions}

    def answer(territory, group, working_group=None, times=1, **answers):
        for _ in range(times):
            record_response(
                workshop.questionnaire,
                {
                    "session": str(session.id),
                    "wave": "",
                    "territory": names[territory],
                    "group": names[group],
                    "working_group": names.get(working_group, ""),
                },
                {field_name(questions[code]): data for code, data in answers.items()},
            )
        db.session.commit()

    return answer


def session_url(session, suffix=""):
    return f"/workshops/{session.workshop_id}/sessions/{session.id}{suffix}"


def state(client, session, **args):
    response = client.get(
        session_url(session, "/projector/state.json"), query_string=args
    )
    assert response.status_code == 200
    return response.get_json()


def project(client, session, question, reveal=False):
    live = session_url(session, "/live")
    post_form(client, f"{live}/questions/{question.id}/project", page=live)
    if reveal:
        post_form(client, f"{live}/reveal", page=live)


def cells(table):
    """{(row label, column header): text} of a payload table (plain spaces)."""
    return {
        (row["label"], header): cell["text"].replace("\xa0", " ")
        for row in table["rows"]
        for header, cell in zip(table["headers"], row["cells"], strict=True)
    }


def test_projector_shows_qr_short_url_and_code(client, session):
    response = client.get(session_url(session, "/projector"))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'src="{session_url(session, "/qr.svg")}"' in page
    assert ">localhost/j/PLN234<" in page
    assert 'class="projector-code" id="join-code">PLN234<' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "css/live.css" in page
    assert "js/projector.js" in page
    assert session_url(session, "/projector/state.json") in page


def test_projector_uses_the_public_address(app, client, session):
    app.config["PUBLIC_URL"] = "https://atelier.example.org/"

    assert state(client, session)["join"] == {
        "code": "PLN234",
        "url": "atelier.example.org/j/PLN234",
    }


@pytest.mark.parametrize(
    ("session_state", "message"),
    [
        (SessionState.DRAFT, "La séance va bientôt commencer."),
        (SessionState.PAUSED, "Séance en pause : nous reprenons dans un instant."),
        (SessionState.CLOSED, "La séance est terminée. Merci de votre participation !"),
    ],
)
def test_projector_says_when_the_session_is_not_open(
    client, session, session_state, message
):
    session.state = session_state
    db.session.commit()

    assert message in client.get(session_url(session, "/projector")).get_data(
        as_text=True
    )
    assert state(client, session)["state_message"] == message


def test_open_session_has_no_state_message(client, session):
    payload = state(client, session)

    assert payload["state"] == "open"
    assert payload["state_message"] == ""
    assert payload["question"] is None


def test_results_stay_hidden_until_revealed(client, session, workshop, answer):
    q1 = workshop.questionnaire.questions[0]
    answer("Savoie", "Élus", times=2, Q1="A")
    answer("Bignona", "Habitants", Q1="B")
    project(client, session, q1)

    payload = state(client, session)
    page = client.get(session_url(session, "/projector")).get_data(as_text=True)

    question = payload["question"]
    assert question["label"] == "Besoin prioritaire ?"
    assert question["answers"] == 3
    assert question["revealed"] is False
    assert question["masked_message"] == "Résultats masqués : 3 réponses reçues"
    # Nothing of the results travels before the reveal.
    assert question["table"] is None
    assert question["chart"] is None
    assert "Résultats masqués : 3 réponses reçues" in page
    assert 'id="question-table"' not in page

    project(client, session, q1, reveal=True)
    question = state(client, session)["question"]

    assert question["revealed"] is True
    assert question["table"]["headers"] == ["Savoie", "Bignona", "Ensemble"]
    table = cells(question["table"])
    assert table[("Jeunesse", "Savoie")] == "2 (100 %)"
    assert table[("Handicap", "Bignona")] == "1 (100 %)"
    assert table[("Jeunesse", "Ensemble")] == "2 (67 %)"
    assert question["chart"]["datasets"][0]["label"] == "Jeunesse"
    page = client.get(session_url(session, "/projector")).get_data(as_text=True)
    assert 'id="question-table"' in page
    assert "2 (67\xa0%)" in page


def test_reveal_is_reset_by_the_next_question(client, session, workshop, answer):
    answer("Savoie", "Élus", Q1="A", Q2="4")
    project(client, session, workshop.questionnaire.questions[0], reveal=True)
    assert state(client, session)["question"]["table"] is not None

    live = session_url(session, "/live")
    post_form(client, f"{live}/next", page=live)

    question = state(client, session)["question"]
    assert question["label"] == "Les services sont connus."
    assert question["table"] is None
    assert question["masked_message"] == "Résultats masqués : 1 réponse reçue"


def test_participants_by_territory_and_group(client, session, answer):
    answer("Savoie", "Élus", times=2)
    answer("Bignona", "Habitants")

    participants = state(client, session)["participants"]

    assert participants["count"] == 3
    assert participants["count_label"] == "3 participants"
    assert participants["headers"] == [
        "Élus",
        "Techniciens",
        "Associations",
        "Habitants",
        "Total",
    ]
    table = cells(participants)
    assert table[("Savoie", "Élus")] == "2"
    assert table[("Bignona", "Habitants")] == "1"
    assert table[("Savoie", "Total")] == "2"
    assert table[("Total", "Total")] == "3"


def test_small_cells_are_hidden_with_complementary_suppression(
    client, session, workshop, answer
):
    workshop.anonymity_threshold = 3
    db.session.commit()
    answer("Savoie", "Élus", times=4)
    answer("Savoie", "Habitants", times=1)
    answer("Bignona", "Élus", times=3)
    answer("Bignona", "Habitants", times=3)

    participants = state(client, session)["participants"]

    rows = {
        row["label"]: [c["text"] for c in row["cells"]] for row in participants["rows"]
    }
    # The lone Savoie resident is hidden, and with it every cell that would
    # give them away by subtraction from the Savoie total (5) or from the
    # residents' total (4), then from the Bignona total: the same rule as on
    # the results page.
    assert rows == {
        "Savoie": ["< 3", "< 3", "< 3", "< 3", "5"],
        "Bignona": ["< 3", "< 3", "< 3", "< 3", "6"],
        "Total": ["7", "< 3", "< 3", "4", "11"],
    }
    assert participants["count"] == 11
    page = client.get(session_url(session, "/projector")).get_data(as_text=True)
    assert "les cases de moins de 3 personnes sont masquées" in page


def test_working_group_room_counts_only_its_members(client, session, workshop, answer):
    jeunesse, handicap = workshop.working_groups
    q1 = workshop.questionnaire.questions[0]
    answer("Savoie", "Élus", "Jeunesse", times=2, Q1="A")
    answer("Bignona", "Élus", "Handicap", Q1="B")
    project(client, session, q1, reveal=True)

    payload = state(client, session, working_group=jeunesse.id)

    assert payload["working_group"] == {
        "id": jeunesse.id,
        "name": "Jeunesse",
        "prompt": "Que faire pour les 15-25 ?",
    }
    assert payload["participants"]["count"] == 2
    assert payload["question"]["answers"] == 2
    table = cells(payload["question"]["table"])
    assert table[("Jeunesse", "Ensemble")] == "2 (100 %)"
    assert table[("Handicap", "Ensemble")] == "0 (0 %)"
    page = client.get(
        session_url(session, "/projector"), query_string={"working_group": jeunesse.id}
    ).get_data(as_text=True)
    assert "Que faire pour les 15-25 ?" in page
    assert f"state.json?working_group={jeunesse.id}" in page


def test_unknown_working_group_is_404(client, session, make_workshop):
    other = make_workshop()
    other.working_groups = [WorkingGroup(name="Ailleurs")]
    db.session.commit()

    response = client.get(
        session_url(session, "/projector/state.json"),
        query_string={"working_group": other.working_groups[0].id},
    )

    assert response.status_code == 404


def test_working_groups_side_by_side(client, session, workshop, answer):
    q1 = workshop.questionnaire.questions[0]
    answer("Savoie", "Élus", "Jeunesse", times=2, Q1="A")
    answer("Bignona", "Élus", "Handicap", Q1="B")
    project(client, session, q1)

    masked = state(client, session, compare="working_groups")["question"]
    assert masked["table"] is None

    project(client, session, q1, reveal=True)
    question = state(client, session, compare="working_groups")["question"]

    assert question["table"]["headers"] == ["Jeunesse", "Handicap", "Ensemble"]
    table = cells(question["table"])
    assert table[("Jeunesse", "Jeunesse")] == "2 (100 %)"
    assert table[("Handicap", "Handicap")] == "1 (100 %)"


def test_state_json_is_conditional(client, session, answer):
    url = session_url(session, "/projector/state.json")
    first = client.get(url)
    etag = first.headers["ETag"]

    again = client.get(url, headers={"If-None-Match": etag})

    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-cache"
    assert re.fullmatch(
        r"app;dur=[\d.]+, cpu;dur=[\d.]+", first.headers["Server-Timing"]
    )
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == etag
    assert "Server-Timing" in again.headers

    answer("Savoie", "Élus")
    changed = client.get(url, headers={"If-None-Match": etag})

    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert changed.get_json()["participants"]["count"] == 1


def test_projector_page_etag_matches_state_json(client, session):
    page = client.get(session_url(session, "/projector")).get_data(as_text=True)
    etag = client.get(session_url(session, "/projector/state.json")).headers["ETag"]

    assert f'data-etag="{etag.replace(chr(34), "&#34;")}"' in page


def test_labels_and_names_are_escaped(client, session, workshop, answer):
    attack = "<script>alert(1)</script>"
    q1 = workshop.questionnaire.questions[0]
    q1.label = attack
    q1.options[0].label = attack
    workshop.working_groups[0].name = attack
    workshop.working_groups[0].prompt = attack
    db.session.commit()
    answer("Savoie", "Élus", attack, Q1="A")
    project(client, session, q1, reveal=True)

    for args in ({}, {"working_group": workshop.working_groups[0].id}):
        page = client.get(
            session_url(session, "/projector"), query_string=args
        ).get_data(as_text=True)
        assert attack not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    control = client.get(session_url(session, "/live")).get_data(as_text=True)
    assert attack not in control


def test_embedded_state_is_the_same_json(client, session, workshop, answer):
    answer("Savoie", "Élus", Q1="A")
    project(client, session, workshop.questionnaire.questions[0], reveal=True)

    page = client.get(session_url(session, "/projector")).get_data(as_text=True)
    embedded = page.split('<script type="application/json" id="projector-data">')[1]
    embedded = json.loads(embedded.split("</script>")[0])

    assert embedded == state(client, session)


def test_a_change_through_one_server_process_is_seen_by_another(app, client, session):
    """Two app instances on one database, as two server processes would be."""
    other_app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "localhost",
        }
    )
    other = other_app.test_client()
    login = other.get("/login").get_data(as_text=True)
    other.post(
        "/login",
        data={
            "csrf_token": csrf_token(login),
            "email": "animatrice@example.org",
            "password": PASSWORD,
        },
    )
    url = session_url(session, "/projector/state.json")
    before = other.get(url)
    assert before.get_json()["state"] == "open"

    live = session_url(session, "/live")
    post_form(client, f"{live}/state", {"state": "paused"}, page=live)

    after = other.get(url, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.get_json()["state"] == "paused"
    assert after.get_json()["version"] == before.get_json()["version"] + 1


@pytest.mark.parametrize("threshold", [1, 2, 3, 5])
def test_participant_counts_agree_with_the_results_rule(
    session, workshop, answer, threshold
):
    """The projector's cheap count hides exactly what the workbook's
    respondents table (the aggregation's own roll-up) hides."""
    workshop.anonymity_threshold = threshold
    db.session.commit()
    answer("Savoie", "Élus", "Jeunesse", times=4)
    answer("Savoie", "Habitants", times=1)
    answer("Bignona", "Techniciens", "Handicap", times=2)
    answer("Bignona", "Élus", times=3)
    # A territory deleted since: its answers count in an "Inconnu" column.
    record_response(
        workshop.questionnaire,
        {"session": str(session.id), "territory": "999", "group": "1"},
        {},
    )
    db.session.commit()
    filters = live_filters(session)

    counts = participant_counts(session, filters)
    expected = responses_by_column(
        workshop.questionnaire_id,
        aggregate(
            workshop.questionnaire,
            (territory_dimension(session), actor_group_dimension(session)),
            filters,
            threshold=threshold,
            with_texts=False,
            question_ids=(),
        ),
        filters,
    )

    assert counts.cells == expected
    assert counts.total == 11


def test_an_unchanged_projector_is_not_recomputed_but_any_change_is_seen(
    client, session, answer
):
    q1 = session.workshop.questionnaire.questions[0]
    answer("Savoie", "Élus", Q1="A")
    project(client, session, q1, reveal=True)
    url = session_url(session, "/projector/state.json")
    etag = client.get(url).headers["ETag"]

    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    # Another answer changes the tallies, not the live version.
    answer("Savoie", "Élus", Q1="B")
    after_answer = client.get(url, headers={"If-None-Match": etag})
    assert after_answer.status_code == 200
    etag = after_answer.headers["ETag"]

    session.workshop.territories[0].name = "Savoie Mont-Blanc"
    db.session.commit()
    renamed = client.get(url, headers={"If-None-Match": etag})
    assert renamed.status_code == 200
    assert "Savoie Mont-Blanc" in renamed.get_data(as_text=True)
