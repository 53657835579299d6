"""A phone answers a self-paced session end to end, in a real browser."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Response
from tests.browser.accessibility import assert_accessible
from tests.browser.participant import answer_every_question, choose
from workshops.models import SessionState
from workshops.sessions.qr import qr_svg

pytestmark = pytest.mark.browser

COMMENT = "Un lieu d'accueil pour les jeunes le samedi"


@pytest.fixture
def session(live_server):
    """An open self-paced session of a workshop made from the social diagnostic."""
    workshop_id = live_server.create_workshop(live_server.create_facilitator())
    return live_server.create_session(workshop_id)


def join_address_shown(facilitator_desktop, session) -> str:
    """The address printed next to the QR code on the session page."""
    page = facilitator_desktop.open(
        f"/workshops/{session.workshop_id}/sessions/{session.id}"
    )
    return page.get_by_role("link", name=re.compile(r"\/j\/")).inner_text().strip()


def test_a_phone_answers_by_the_qr_address_and_the_results_count_it(
    facilitator_desktop, new_phone
):
    server = facilitator_desktop.server
    workshop_id = server.create_workshop(facilitator_desktop.email)
    session = server.create_session(workshop_id)

    address = join_address_shown(facilitator_desktop, session)
    assert address == f"{server.url}/j/{session.join_code}"
    qr = facilitator_desktop.page.request.get(
        f"{server.url}/workshops/{workshop_id}/sessions/{session.id}/qr.svg"
    )
    assert qr.body() == qr_svg(address), "the QR code encodes another address"

    phone = new_phone()
    phone.goto(address)
    choose(phone, "Votre territoire", "Bignona")
    choose(phone, "Je réponds en tant que", "Techniciens")
    assert answer_every_question(phone, COMMENT) == 11
    expect(phone.get_by_text("Questions répondues")).to_contain_text("11 / 11")
    phone.get_by_role("button", name="Envoyer mes réponses").tap()

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre réponse a été enregistrée"
    )
    results = facilitator_desktop.open(
        f"/workshops/{workshop_id}/results?session={session.id}"
    )
    expect(results.get_by_text("1 réponse", exact=True)).to_be_visible()
    expect(results.get_by_text(COMMENT).first).to_be_visible()
    # The charts are drawn (a figure stays hidden when its script fails).
    expect(results.locator("figure.chart canvas").first).to_be_visible()


def test_a_code_typed_on_the_home_page_opens_the_questionnaire(
    live_server, session, phone
):
    phone.goto(live_server.url)
    phone.get_by_label("Entrez le code").fill(session.join_code.lower())
    phone.get_by_role("button", name="Rejoindre la séance").tap()

    expect(phone).to_have_url(f"{live_server.url}/j/{session.join_code}")
    expect(phone.get_by_role("button", name="Envoyer mes réponses")).to_be_visible()


def test_home_page_is_accessible(live_server, phone):
    phone.goto(live_server.url)

    expect(phone.get_by_label("Entrez le code")).to_be_visible()
    assert_accessible(phone, "home page (code entry)")


def test_answer_page_is_accessible(live_server, session, phone):
    phone.goto(f"{live_server.url}/j/{session.join_code}")

    expect(phone.get_by_role("button", name="Envoyer mes réponses")).to_be_visible()
    assert_accessible(phone, "answer page")


def test_answer_page_with_errors_is_accessible(live_server, session, phone):
    phone.goto(f"{live_server.url}/j/{session.join_code}")
    phone.get_by_role("button", name="Envoyer mes réponses").tap()

    expect(phone.get_by_role("alert")).to_contain_text("à compléter")
    assert_accessible(phone, "answer page with validation errors")


def test_thanks_page_is_accessible(live_server, session, phone):
    phone.goto(f"{live_server.url}/j/{session.join_code}")
    choose(phone, "Votre territoire", "Savoie")
    choose(phone, "Je réponds en tant que", "Élus")
    phone.get_by_role("button", name="Envoyer mes réponses").tap()

    expect(phone).to_have_url(re.compile(r"/merci$"))
    assert_accessible(phone, "thanks page")


def test_unknown_code_page_is_accessible(live_server, phone):
    phone.goto(f"{live_server.url}/j/ZZZZZZ")

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Ce code ne correspond à aucune séance"
    )
    assert_accessible(phone, "unknown code page")


def test_closed_session_page_is_accessible(live_server, session, phone):
    live_server.set_session_state(session, SessionState.CLOSED)
    phone.goto(f"{live_server.url}/j/{session.join_code}")

    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Cette séance est fermée"
    )
    assert_accessible(phone, "closed session page")


def test_answers_sent_without_network_are_kept_and_sent_once_back_online(
    live_server, new_phone
):
    email = live_server.create_facilitator()
    session = live_server.create_session(live_server.create_workshop(email))
    phone = new_phone()
    phone.goto(f"{live_server.url}/j/{session.join_code}")
    choose(phone, "Votre territoire", "Savoie")
    choose(phone, "Je réponds en tant que", "Élus")
    answer_every_question(phone, COMMENT)

    phone.context.set_offline(True)
    phone.get_by_role("button", name="Envoyer mes réponses").tap()
    expect(phone.get_by_text("Connexion perdue")).to_be_visible()
    expect(phone.get_by_role("heading", level=1)).not_to_have_text(
        "Merci, votre réponse a été enregistrée"
    )

    phone.context.set_offline(False)
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre réponse a été enregistrée", timeout=10_000
    )
    with live_server.app_context():
        stored = db.session.execute(
            select(func.count(Response.id)).where(
                Response.dimensions["session"].as_string() == str(session.id)
            )
        ).scalar_one()
    assert stored == 1
