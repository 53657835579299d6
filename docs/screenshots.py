"""Screenshots of a live exchange day for the README: ``make screenshots``.

The demo workshop (Savoie × Bignona) is loaded into a temporary database served
as in the real-browser tests. A room of phones joins the « Plénière en direct »
session and answers its first question; one of them is a real phone-sized
Chromium page. The facilitator reveals the results from the control panel and
the projector picks them up by itself. The phone then supports practices on the
wall of the thematic session, which the room projects.

Run from the project's root: ``.venv/bin/python -m docs.screenshots``.
"""

import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import select

from facilitator.extensions import db
from facilitator.services import create_facilitator
from surveys.responses import add_answer
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, TIMEOUT_MS
from tests.browser.participant import choose
from tests.browser.server import PASSWORD, LiveServer
from workshops.demo import DEMO_EMAIL, DEMO_TITLE, load_demo
from workshops.demo_thematic import PLENARY_LABEL, THEMATIC_LABEL
from workshops.models import Workshop, WorkshopSession
from workshops.participant.services import (
    new_participant_token,
    response_dimensions,
    start_paced_response,
)

logger = logging.getLogger(__name__)

OUTPUT = Path(__file__).resolve().parent
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "fr-FR"}
LAPTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "fr-FR"}
# The room's other phones: (territory, actor group, answer to the question on
# screen, "1" to "5", or None when the phone joined but has not answered yet).
# No élus came and no residents from Savoie: those cells stay empty.
ROOM = (
    ("Savoie", "Techniciens", "4"),
    ("Savoie", "Techniciens", "3"),
    ("Savoie", "Techniciens", "2"),
    ("Savoie", "Techniciens", None),
    ("Savoie", "Associations", "2"),
    ("Savoie", "Associations", "3"),
    ("Savoie", "Associations", "4"),
    ("Bignona", "Techniciens", "5"),
    ("Bignona", "Techniciens", "4"),
    ("Bignona", "Associations", "5"),
    ("Bignona", "Associations", "4"),
    ("Bignona", "Associations", "4"),
    ("Bignona", "Habitants", "5"),
    ("Bignona", "Habitants", "3"),
    ("Bignona", "Habitants", None),
)
# The real phone's answers: a technician from Bignona, then supports on the wall.
PHONE_PROFILE = ("Bignona", "Techniciens")
PHONE_CHOICE = "Plutôt d'accord"
SUPPORTED = ("comités de quartier", "associés au choix des priorités")
# Long enough for a tap's highlight to fade away.
SETTLE_MS = 800


@dataclass(frozen=True)
class Demo:
    workshop_id: int
    plenary_id: int
    plenary_code: str
    thematic_id: int
    thematic_code: str

    def session_path(self, session_id: int) -> str:
        return f"/workshops/{self.workshop_id}/sessions/{session_id}"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder) / "screens.sqlite")
        server.start()
        try:
            demo = load(server)
            fill_room(server, demo)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS
                )
                try:
                    shoot(browser, server, demo)
                finally:
                    browser.close()
        finally:
            server.stop()


def load(server: LiveServer) -> Demo:
    """The demo workshop, its facilitator logging in with the tests' password.

    The account is made first so that the demo leaves the password files of
    the instance folder alone.
    """
    with server.app_context() as app:
        create_facilitator(DEMO_EMAIL, PASSWORD, "Animatrice démo")
        load_demo(app)
        db.session.commit()
        workshop = db.session.execute(
            select(Workshop).where(Workshop.title == DEMO_TITLE)
        ).scalar_one()
        sessions = {session.label: session for session in workshop.sessions}
        plenary, thematic = sessions[PLENARY_LABEL], sessions[THEMATIC_LABEL]
        return Demo(
            workshop.id,
            plenary.id,
            plenary.join_code,
            thematic.id,
            thematic.join_code,
        )


def fill_room(server: LiveServer, demo: Demo) -> None:
    """The other phones join the plenary and answer the question on screen."""
    with server.app_context():
        session = db.session.get(WorkshopSession, demo.plenary_id)
        workshop = session.workshop
        territories = {item.name: item.id for item in workshop.territories}
        groups = {item.name: item.id for item in workshop.actor_groups}
        for territory, group, answer in ROOM:
            dimensions = response_dimensions(
                session, territories[territory], groups[group]
            )
            response = start_paced_response(
                session, dimensions, new_participant_token()
            )
            if answer is not None:
                add_answer(response, session.current_question, answer)
        db.session.commit()


def shoot(browser: Browser, server: LiveServer, demo: Demo) -> None:
    phone = new_page(browser, PHONE)
    plenary = f"{server.url}/j/{demo.plenary_code}"
    phone.goto(plenary)
    choose(phone, "Votre territoire", PHONE_PROFILE[0])
    choose(phone, "Je réponds en tant que", PHONE_PROFILE[1])
    phone.get_by_role("button", name="Commencer").tap()
    question = phone.locator("form [data-question]")
    question.locator("label.choice").filter(has_text=PHONE_CHOICE).first.tap()
    save(phone, "phone-question.png")
    phone.get_by_role("button", name="Valider").tap()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("En attente")

    control = log_in(browser, server, LAPTOP)
    control.goto(server.url + demo.session_path(demo.plenary_id) + "/live")
    projector = log_in(browser, server, PROJECTOR)
    projector.goto(server.url + demo.session_path(demo.plenary_id) + "/projector")
    expect(projector.locator("#participants-count")).to_have_text(
        f"{len(ROOM) + 1} participants"
    )
    control.get_by_role("button", name="Révéler les résultats").click()
    expect(control.get_by_role("button", name="Masquer les résultats")).to_be_visible()
    # The projector follows by its own polling, then Chart.js animates.
    expect(projector.locator("#question-chart canvas")).to_be_visible()
    projector.wait_for_timeout(1_500)
    # The revealed chart and table run below a 1920x1080 screen: the whole page.
    save(projector, "projector.png", full_page=True)
    save(control, "control-panel.png")

    thematic = f"{server.url}/j/{demo.thematic_code}/mur"
    phone.goto(thematic)
    for text in SUPPORTED:
        card = phone.locator(".wall-card").filter(has_text=text)
        card.get_by_role("button", name="Soutenir").tap()
        expect(card.get_by_role("button", name="Retirer mon soutien")).to_be_visible()
    phone.locator("#wall-title").evaluate("title => title.scrollIntoView()")
    save(phone, "phone-wall.png")

    wall = projector
    wall.goto(server.url + demo.session_path(demo.thematic_id) + "/wall/projector")
    expect(wall.locator(".projector-card").first).to_be_visible()
    save(wall, "wall-projector.png")


def new_page(browser: Browser, options: dict) -> Page:
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def log_in(browser: Browser, server: LiveServer, options: dict) -> Page:
    page = new_page(browser, options)
    page.goto(f"{server.url}/login")
    page.get_by_label("Adresse e-mail").fill(DEMO_EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r".*/workshops/$"))
    return page


def save(page: Page, name: str, full_page: bool = False) -> None:
    path = OUTPUT / name
    page.wait_for_timeout(SETTLE_MS)
    page.screenshot(path=path, animations="disabled", full_page=full_page)
    logger.info("%s (%d KB)", path, path.stat().st_size // 1024)


if __name__ == "__main__":
    main()
