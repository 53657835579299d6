"""What a participant does with a thumb on the answer page."""

from playwright.sync_api import Page


def choose(page: Page, question: str, answer: str) -> None:
    """Tap the answer ``answer`` of the choice question whose legend is ``question``."""
    group = page.get_by_role("group", name=question)
    group.locator("label").filter(has_text=answer).first.tap()


def answer_every_question(page: Page, comment: str) -> int:
    """Tap the first option of each choice question, type ``comment`` in each text.

    Returns how many questions were answered. Territory and actor group
    fieldsets, already answered with ``choose``, are left as they are.
    """
    answered = 0
    for block in page.locator("form [data-question]").all():
        choices = block.locator("label.choice")
        texts = block.locator("textarea, input[type=text]")
        numbers = block.locator("input[type=number]")
        if choices.count():
            choices.first.tap()
        elif texts.count():
            texts.first.fill(comment)
        elif numbers.count():
            numbers.first.fill("3")
        else:
            continue
        answered += 1
    return answered


def answer_shown_question(page: Page, comment: str) -> None:
    """Answer the one question a facilitator-paced session shows, then send it."""
    block = page.locator("form [data-question]")
    choices = block.locator("label.choice")
    if choices.count():
        choices.first.tap()
    else:
        block.locator("textarea, input").first.fill(comment)
    page.get_by_role("button", name="Valider").tap()
