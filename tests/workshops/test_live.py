"""The control panel: session states, pacing, the projected question, reveal."""

import pytest

from facilitator.extensions import db
from tests.conftest import post_form
from workshops.live import services
from workshops.models import Pacing, SessionState


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Atelier d'échanges")
    db.session.commit()
    return workshop


@pytest.fixture
def session(workshop, make_session):
    return make_session(workshop, label="Plénière", join_code="PLN234")


def live_url(session, suffix=""):
    return f"/workshops/{session.workshop_id}/sessions/{session.id}/live{suffix}"


def post_live(client, session, suffix, data=None):
    """Press a control panel button, as the facilitator would, and land back."""
    return post_form(
        client,
        live_url(session, suffix),
        data,
        page=live_url(session),
        follow_redirects=True,
    )


def refreshed(session):
    db.session.refresh(session)
    return session


def test_session_page_links_to_the_control_panel(client, session):
    page = client.get(
        f"/workshops/{session.workshop_id}/sessions/{session.id}"
    ).get_data(as_text=True)

    assert "Piloter la séance en direct" in page
    assert f'href="{live_url(session)}"' in page


def test_control_panel_shows_join_code_projector_and_questions(client, session):
    response = client.get(live_url(session))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "PLN234" in page
    assert "http://localhost/j/PLN234" in page
    projector = f"/workshops/{session.workshop_id}/sessions/{session.id}/projector"
    assert f'href="{projector}" target="_blank"' in page
    for question in session.workshop.questionnaire.questions:
        assert question.label in page
    assert page.count(">Projeter</button>") == 3
    # An open session can be paused or closed, not opened again.
    assert "Mettre en pause" in page
    assert "Fermer la séance" in page
    assert "Rouvrir la séance" not in page
    assert "Reprendre la séance" not in page


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (SessionState.DRAFT, SessionState.OPEN, "Séance ouverte"),
        (SessionState.DRAFT, SessionState.CLOSED, "Séance fermée"),
        (SessionState.OPEN, SessionState.PAUSED, "Séance en pause"),
        (SessionState.OPEN, SessionState.CLOSED, "Séance fermée"),
        (SessionState.PAUSED, SessionState.OPEN, "Séance ouverte"),
        (SessionState.PAUSED, SessionState.CLOSED, "Séance fermée"),
        (SessionState.CLOSED, SessionState.OPEN, "Séance ouverte"),
    ],
)
def test_allowed_transitions(client, session, start, target, message):
    session.state = start
    db.session.commit()
    version = session.live_version

    response = post_live(client, session, "/state", {"state": target.value})

    assert message in response.get_data(as_text=True)
    assert refreshed(session).state is target
    assert session.live_version == version + 1


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (SessionState.DRAFT, SessionState.PAUSED),
        (SessionState.CLOSED, SessionState.PAUSED),
        (SessionState.CLOSED, SessionState.DRAFT),
        (SessionState.OPEN, SessionState.DRAFT),
        (SessionState.PAUSED, SessionState.DRAFT),
    ],
)
def test_refused_transitions_change_nothing(client, session, start, target):
    session.state = start
    db.session.commit()
    version = session.live_version

    response = post_live(client, session, "/state", {"state": target.value})

    assert "ne peut pas passer à" in response.get_data(as_text=True)
    assert refreshed(session).state is start
    assert session.live_version == version


@pytest.mark.parametrize(
    ("state", "buttons"),
    [
        (SessionState.DRAFT, ["Ouvrir la séance", "Fermer la séance"]),
        (SessionState.PAUSED, ["Reprendre la séance", "Fermer la séance"]),
        (SessionState.CLOSED, ["Rouvrir la séance"]),
    ],
)
def test_control_panel_offers_only_allowed_state_buttons(
    client, session, state, buttons
):
    session.state = state
    db.session.commit()

    page = client.get(live_url(session)).get_data(as_text=True)

    offered = [
        label
        for label in (
            "Ouvrir la séance",
            "Mettre en pause",
            "Reprendre la séance",
            "Rouvrir la séance",
            "Fermer la séance",
        )
        if f">{label}</button>" in page
    ]
    assert offered == buttons


def test_unknown_state_is_refused(client, session):
    response = post_live(client, session, "/state", {"state": "deleted"})

    assert "Action impossible" in response.get_data(as_text=True)
    assert refreshed(session).state is SessionState.OPEN


def test_state_button_needs_csrf_token(client, session):
    response = client.post(live_url(session, "/state"), data={"state": "closed"})

    assert response.status_code == 400
    assert refreshed(session).state is SessionState.OPEN


def test_pacing_switch(client, session):
    version = session.live_version
    assert ">Passer en pas à pas</button>" in client.get(live_url(session)).get_data(
        as_text=True
    )

    response = post_live(client, session, "/pacing", {"pacing": "facilitator"})

    page = response.get_data(as_text=True)
    assert "Rythme pas à pas" in page
    assert ">Passer en rythme libre</button>" in page
    assert refreshed(session).pacing is Pacing.FACILITATOR
    assert session.live_version == version + 1


def test_project_a_question_then_step_through(client, session, workshop):
    q1, q2, q3 = workshop.questionnaire.questions

    response = post_live(client, session, f"/questions/{q2.id}/project")
    assert "Question projetée : Les services sont connus." in response.get_data(
        as_text=True
    )
    assert refreshed(session).current_question_id == q2.id

    post_live(client, session, "/next")
    assert refreshed(session).current_question_id == q3.id

    response = post_live(client, session, "/next")
    assert "C’était la dernière question." in response.get_data(as_text=True)
    assert refreshed(session).current_question_id == q3.id

    post_live(client, session, "/previous")
    post_live(client, session, "/previous")
    assert refreshed(session).current_question_id == q1.id
    response = post_live(client, session, "/previous")
    assert "Pas de question précédente." in response.get_data(as_text=True)


def test_next_starts_with_the_first_question(client, session, workshop):
    post_live(client, session, "/next")

    first = workshop.questionnaire.questions[0]
    assert refreshed(session).current_question_id == first.id


def test_control_panel_marks_the_projected_question(client, session, workshop):
    q2 = workshop.questionnaire.questions[1]
    post_live(client, session, f"/questions/{q2.id}/project")

    page = client.get(live_url(session)).get_data(as_text=True)

    assert "Question 2 sur 3" in page
    assert "À l’écran" in page
    assert page.count(">Projeter</button>") == 2
    assert ">Révéler les résultats</button>" in page


def test_reveal_then_next_question_hides_again(client, session, workshop):
    post_live(client, session, "/next")
    version = refreshed(session).live_version

    response = post_live(client, session, "/reveal")

    assert ">Masquer les résultats</button>" in response.get_data(as_text=True)
    assert refreshed(session).results_revealed
    assert session.live_version == version + 1

    post_live(client, session, "/next")

    assert not refreshed(session).results_revealed
    assert session.current_question_id == workshop.questionnaire.questions[1].id

    post_live(client, session, "/reveal")
    post_live(client, session, "/hide")
    assert not refreshed(session).results_revealed


def test_every_live_change_raises_the_version(client, session, workshop):
    q3 = workshop.questionnaire.questions[2]
    steps = [
        ("/state", {"state": "paused"}),
        ("/state", {"state": "open"}),
        ("/pacing", {"pacing": "facilitator"}),
        (f"/questions/{q3.id}/project", None),
        ("/reveal", None),
        ("/hide", None),
        ("/previous", None),
        ("/pacing", {"pacing": "self"}),
        ("/state", {"state": "closed"}),
        ("/state", {"state": "open"}),
    ]
    for number, (suffix, data) in enumerate(steps, start=1):
        post_live(client, session, suffix, data)
        assert refreshed(session).live_version == number, suffix


def test_touch_counts_changes_made_at_once(app, session):
    services.touch(session)
    services.touch(session)
    db.session.commit()

    assert refreshed(session).live_version == 2


def test_question_of_another_workshop_is_404(client, session, make_workshop):
    other = make_workshop()
    db.session.commit()
    question = other.questionnaire.questions[0]

    response = post_form(
        client,
        live_url(session, f"/questions/{question.id}/project"),
        page=live_url(session),
    )

    assert response.status_code == 404
    assert refreshed(session).current_question_id is None


def test_control_panel_title_in_english(client, session):
    post_form(client, "/lang/en", {"next": live_url(session)}, page=live_url(session))
    page = client.get(live_url(session)).get_data(as_text=True)
    assert f"Live control: {session.label}" in page
    assert "Pilotage en direct" not in page
