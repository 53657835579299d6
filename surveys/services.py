"""Writes to questionnaires: questions and their options.

Services add and flush; the request that calls them commits.
"""

import re
from collections.abc import Iterable, Iterator, Sequence

from facilitator.extensions import db
from surveys.fields import get_question_type
from surveys.models import Option, Question, Questionnaire

QUESTION_CODE_PREFIX = "Q"
OPTION_CODE_PREFIX = "O"
DIRECTIONS = ("up", "down")

# (code, label) of an option in its final order; code None or "" for a new one.
OptionInput = tuple[str | None, str]


def _numbered_codes(prefix: str, used: Iterable[str]) -> Iterator[str]:
    """Codes "<prefix><n>" numbered above every code already used."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(m.group(1)) for code in used if (m := pattern.fullmatch(code))]
    n = max(numbers, default=0)
    while True:
        n += 1
        yield f"{prefix}{n}"


def next_question_code(questionnaire: Questionnaire) -> str:
    """The next free "Q<n>" code, above every code of the questionnaire."""
    used = [question.code for question in questionnaire.questions]
    return next(_numbered_codes(QUESTION_CODE_PREFIX, used))


def add_question(questionnaire: Questionnaire, **data) -> Question:
    """Append a question (with its options) at the end of the questionnaire."""
    positions = [question.position for question in questionnaire.questions]
    question = Question(
        code=next_question_code(questionnaire),
        position=max(positions, default=0) + 1,
        qtype=data.pop("qtype"),
        label="",
    )
    questionnaire.questions.append(question)
    update_question(question, **data)
    db.session.add(question)
    db.session.flush()
    return question


def update_question(
    question: Question,
    *,
    label: str,
    qtype: str | None = None,
    section: str = "",
    help_text: str = "",
    required: bool = False,
    min_value: float | None = None,
    max_value: float | None = None,
    options: Sequence[OptionInput] = (),
) -> Question:
    """Change a question; options keep their codes, new ones get fresh codes."""
    if qtype is not None:
        question.qtype = qtype
    question_type = get_question_type(question.qtype)
    question.label = label
    question.section = section or ""
    question.help_text = help_text or ""
    question.required = bool(required)
    if question_type.has_bounds:
        question.min_value, question.max_value = min_value, max_value
    else:
        question.min_value = question.max_value = None
    _set_options(question, options if question_type.has_editable_options else ())
    db.session.flush()
    return question


def _set_options(question: Question, options: Sequence[OptionInput]) -> None:
    existing = {option.code: option for option in question.options}
    # Numbered above every code the question had, removed ones included, so a
    # code never changes meaning.
    fresh_codes = _numbered_codes(OPTION_CODE_PREFIX, existing)
    kept = []
    for position, (code, label) in enumerate(options, start=1):
        option = existing.pop(code, None) if code else None
        if option is None:
            option = Option(code=next(fresh_codes))
        option.label = label
        option.position = position
        kept.append(option)
    # The options left in ``existing`` are orphans: the cascade deletes them.
    question.options = kept


def delete_question(question: Question) -> None:
    """Delete a question, its options and its answers; renumber the others."""
    questionnaire = question.questionnaire
    # Removed from the questionnaire, the question is deleted as an orphan; the
    # database cascades to its answers.
    questionnaire.questions.remove(question)
    _renumber(questionnaire.questions)
    db.session.flush()


def move_question(question: Question, direction: str) -> bool:
    """Swap a question with its neighbour; False when it is already at that end."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    questions = list(question.questionnaire.questions)
    index = questions.index(question)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(questions):
        return False
    questions[index], questions[target] = questions[target], questions[index]
    _renumber(questions)
    question.questionnaire.questions = questions
    db.session.flush()
    return True


def _renumber(questions: Sequence[Question]) -> None:
    for position, question in enumerate(questions, start=1):
        question.position = position
