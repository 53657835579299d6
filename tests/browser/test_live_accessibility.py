"""The phone pages of a live session pass the accessibility check (axe-core)."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.participant import choose
from workshops.models import Pacing, SessionState

pytestmark = pytest.mark.browser


@pytest.fixture
def paced(live_server):
    """A facilitator-paced session offering two working groups."""
    workshop_id = live_server.create_workshop(live_server.create_facilitator())
    live_server.create_working_groups(workshop_id, "Jeunesse", "Handicap")
    return live_server.create_session(
        workshop_id, pacing=Pacing.FACILITATOR, with_working_groups=True
    )


@pytest.fixture
def joined(live_server, paced, phone):
    """The phone has said who answers and waits for the first question."""
    phone.goto(f"{live_server.url}/j/{paced.join_code}")
    choose(phone, "Votre territoire", "Savoie")
    choose(phone, "Je réponds en tant que", "Habitants")
    choose(phone, "Votre groupe de travail", "Handicap")
    phone.get_by_role("button", name="Commencer").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "En attente de la première question"
    )
    return phone


def test_profile_page_is_accessible(live_server, paced, phone):
    phone.goto(f"{live_server.url}/j/{paced.join_code}")

    expect(phone.get_by_role("button", name="Commencer")).to_be_visible()
    assert_accessible(phone, "profile page (who answers)")


def test_profile_page_with_errors_is_accessible(live_server, paced, phone):
    phone.goto(f"{live_server.url}/j/{paced.join_code}")
    phone.get_by_role("button", name="Commencer").tap()

    expect(phone.get_by_text("Choisissez votre territoire.")).to_be_visible()
    assert_accessible(phone, "profile page with validation errors")


def test_waiting_page_is_accessible(joined):
    assert_accessible(joined, "waiting for the first question")


@pytest.mark.parametrize("index", [0, 1, 3], ids=["choices", "text", "scale_0_10"])
def test_question_page_is_accessible(live_server, paced, joined, index):
    live_server.show_question(paced, index)
    joined.reload()

    expect(joined.get_by_role("button", name="Valider")).to_be_visible()
    assert_accessible(joined, f"paced question page ({joined.title()})")


def test_paused_session_page_is_accessible(live_server, paced, phone):
    live_server.set_session_state(paced, SessionState.PAUSED)
    phone.goto(f"{live_server.url}/j/{paced.join_code}")

    expect(phone.get_by_role("heading", level=1)).to_have_text("Séance en pause")
    assert_accessible(phone, "paused session page")


def test_wall_page_is_accessible(live_server, paced, joined):
    joined.goto(f"{live_server.url}/j/{paced.join_code}/mur")
    choose(joined, "Vous proposez", "Une innovation")
    joined.get_by_label("Votre contribution").fill("Un bus partagé entre communes")
    joined.get_by_role("button", name="Publier").tap()

    expect(joined.get_by_role("button", name="Soutenir")).to_be_visible()
    assert_accessible(joined, "contributions wall (phone)")
