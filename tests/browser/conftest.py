"""Real-browser fixtures: the app on a live server, Chromium driven by Playwright.

Chromium is Debian's package (``make browser-deps`` installs it); Playwright
never downloads a browser of its own here. When Chromium cannot be started the
tests fail: a machine without it must not pass them silently.
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, sync_playwright

from tests.browser.server import PASSWORD, LiveServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
TIMEOUT_MS = 10_000
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "fr-FR",
}
DESKTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "fr-FR"}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> Iterator[LiveServer]:
    server = LiveServer(tmp_path_factory.mktemp("live") / "live.sqlite")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
        except Error as error:
            pytest.fail(
                f"Chromium could not be started from {CHROMIUM} "
                f"(install it with `make browser-deps`): {error}",
                pytrace=False,
            )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts (separate cookies), closed after the test."""
    contexts: list[BrowserContext] = []

    def new_context(**options) -> BrowserContext:
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture
def new_phone(new_context) -> Callable[[], Page]:
    """A new participant's phone (its own cookies), 390x844 touch screen."""
    return lambda: new_context(**PHONE).new_page()


@pytest.fixture
def phone(new_phone) -> Page:
    return new_phone()


@dataclass
class FacilitatorDesktop:
    page: Page
    email: str
    server: LiveServer

    def open(self, path: str) -> Page:
        self.page.goto(self.server.url + path)
        return self.page


@pytest.fixture
def facilitator_desktop(live_server, new_context) -> FacilitatorDesktop:
    """A facilitator logged in through the login form on a laptop-sized window."""
    email = live_server.create_facilitator()
    page = new_context(**DESKTOP).new_page()
    page.goto(f"{live_server.url}/login")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/workshops/")
    return FacilitatorDesktop(page, email, live_server)
