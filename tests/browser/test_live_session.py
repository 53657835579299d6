"""A live, facilitator-paced session in real browsers: the facilitator's laptop
(control panel and projector), participants' phones, working groups and the wall."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.participant import answer_shown_question, choose
from workshops.builtin_templates import DIAGNOSTIC_SOCIAL, get_builtin_template
from workshops.models import Pacing

pytestmark = pytest.mark.browser

QUESTIONS = get_builtin_template(DIAGNOSTIC_SOCIAL).questions
# Phones must follow the facilitator within about 3 seconds, without a reload.
FOLLOW_MS = 4_000
CONTRIBUTION = "Un conseil des jeunes qui vote un budget chaque année"


@pytest.fixture
def live(facilitator_desktop):
    """A facilitator-paced session offering the Jeunesse and Handicap groups."""
    server = facilitator_desktop.server
    workshop_id = server.create_workshop(facilitator_desktop.email)
    server.create_working_groups(workshop_id, "Jeunesse", "Handicap")
    return server.create_session(
        workshop_id, pacing=Pacing.FACILITATOR, with_working_groups=True
    )


def session_path(session) -> str:
    return f"/workshops/{session.workshop_id}/sessions/{session.id}"


def join_profile(phone, address, territory, group, working_group) -> None:
    phone.goto(address)
    choose(phone, "Votre territoire", territory)
    choose(phone, "Je réponds en tant que", group)
    choose(phone, "Votre groupe de travail", working_group)
    phone.get_by_role("button", name="Commencer").tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("En attente")


def test_phones_follow_the_facilitator_and_the_room_sees_the_results(
    facilitator_desktop, live, new_phone
):
    control = facilitator_desktop.open(session_path(live) + "/live")
    address = control.get_by_role("link", name=re.compile(r"\/j\/")).inner_text()
    assert address.strip() == f"{facilitator_desktop.server.url}/j/{live.join_code}"
    projector = control.context.new_page()
    projector.set_viewport_size({"width": 1920, "height": 1080})
    script_errors = []
    projector.on("pageerror", lambda error: script_errors.append(error))
    projector.goto(facilitator_desktop.server.url + session_path(live) + "/projector")
    participants = projector.locator("#participants-count")
    expect(participants).to_have_text(re.compile(r"^0 participants?$"))

    phone = new_phone()
    join_profile(phone, address.strip(), "Bignona", "Techniciens", "Jeunesse")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "En attente de la première question"
    )
    expect(participants).to_have_text("1 participant")

    control.get_by_role("button", name="Suivante →").click()
    started = time.monotonic()
    shown = phone.locator("form [data-question]")
    expect(shown).to_contain_text(QUESTIONS[0].label, timeout=FOLLOW_MS)
    followed_in = time.monotonic() - started
    sent = []
    phone.on("request", lambda request: sent.append((request.method, request.url)))
    answer_shown_question(phone, "Des transports")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "En attente de la question suivante"
    )
    # One request per answer: the reply is the next page, not a redirect, and
    # the address bar keeps the session's address (a reload shows the same).
    assert [m for m, url in sent if "/etat" not in url] == ["POST"]
    expect(phone).to_have_url(address.strip())

    question = projector.locator("#question-label")
    expect(question).to_have_text(QUESTIONS[0].label)
    expect(projector.locator("#question-masked")).to_be_visible()
    expect(projector.locator("#question-answers")).to_be_hidden()
    control.get_by_role("button", name="Révéler les résultats").click()
    expect(projector.locator("#question-answers")).to_have_text("1 réponse")
    expect(projector.locator("#question-chart canvas")).to_be_visible()
    # The whole room reads the results without anyone scrolling the projector.
    for part in ("#question-chart", "#question-table-wrap", "#join-code"):
        box = projector.locator(part).bounding_box()
        assert box["y"] + box["height"] <= 1080, part

    control.get_by_role("button", name="Suivante →").click()
    expect(shown).to_contain_text(QUESTIONS[1].label, timeout=FOLLOW_MS)
    expect(question).to_have_text(QUESTIONS[1].label)
    expect(projector.locator("#question-masked")).to_be_visible()
    assert followed_in < FOLLOW_MS / 1000
    assert script_errors == []


def test_a_contribution_and_its_supports_reach_the_projected_wall(
    facilitator_desktop, live, new_phone
):
    address = f"{facilitator_desktop.server.url}/j/{live.join_code}"
    author = new_phone()
    join_profile(author, address, "Savoie", "Élus", "Jeunesse")
    author.goto(address + "/mur")
    choose(author, "Vous proposez", "Une pratique qui fonctionne")
    author.get_by_label("Votre contribution").fill(CONTRIBUTION)
    author.get_by_role("button", name="Publier").tap()
    expect(author.get_by_text(CONTRIBUTION)).to_be_visible()

    supporters = [new_phone(), new_phone()]
    for supporter in supporters:
        supporter.goto(address + "/mur")
        card = supporter.locator(".wall-card").filter(has_text=CONTRIBUTION)
        card.get_by_role("button", name="Soutenir").tap()
        expect(card.get_by_role("button", name="Retirer mon soutien")).to_be_visible()

    wall = facilitator_desktop.open(session_path(live) + "/wall/projector")
    card = wall.locator(".projector-card").filter(has_text=CONTRIBUTION)
    expect(card.locator(".vote-count")).to_have_text("2 soutiens")
    expect(card.locator(".wall-tag")).to_contain_text("Jeunesse")
