"""Reads of a live session: who is taking part, how many answered, the
projected question's table. Everything is read from the database's running
tallies at each call (several server processes share them)."""

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from facilitator.extensions import db
from surveys.aggregation import (
    ALL,
    HIDDEN,
    OTHER,
    Cell,
    Column,
    Dimension,
    QuestionResult,
    Results,
    aggregate,
)
from surveys.aggregation.columns import build_columns
from surveys.aggregation.suppression import hidden_keys
from surveys.models import Question, QuestionTally, ResponseTally
from workshops.models import WorkingGroup, WorkshopSession


@dataclass(frozen=True)
class ParticipantCounts:
    """Responses per column of a territory x actor group table."""

    columns: tuple[Column, ...]
    cells: dict[tuple, Cell]
    # All the responses counted, hidden cells included.
    total: int
    threshold: int


@dataclass(frozen=True)
class LiveTallies:
    """The tally rows a projector refresh reads, once for its ETag and its
    figures: (dimensions JSON, count) of the questionnaire's responses and of
    the projected question's answers."""

    responses: list[tuple[str, int]]
    answers: list[tuple[str, int]]


def read_tallies(session: WorkshopSession) -> LiveTallies:
    responses = db.session.execute(
        select(ResponseTally.dimensions, ResponseTally.count).where(
            ResponseTally.questionnaire_id == session.workshop.questionnaire_id
        )
    ).all()
    answers = []
    if session.current_question_id is not None:
        answers = db.session.execute(
            select(QuestionTally.dimensions, QuestionTally.count).where(
                QuestionTally.question_id == session.current_question_id
            )
        ).all()
    return LiveTallies(list(responses), list(answers))


def question_ids(session: WorkshopSession) -> list[int]:
    """The questionnaire's question ids in order, without loading the questions."""
    return list(
        db.session.execute(
            select(Question.id)
            .where(Question.questionnaire_id == session.workshop.questionnaire_id)
            .order_by(Question.position)
        ).scalars()
    )


def live_filters(
    session: WorkshopSession, working_group: WorkingGroup | None = None
) -> dict[str, str]:
    """The responses a projector counts: the session's, or one working group's."""
    filters = {"session": str(session.id)}
    if working_group is not None:
        filters["working_group"] = str(working_group.id)
    return filters


def territory_dimension(session: WorkshopSession) -> Dimension:
    """The session's territories: its fixed one, or all the workshop's."""
    territories = (
        [session.territory] if session.territory else session.workshop.territories
    )
    return Dimension(
        key="territory",
        label=_("Territoire"),
        values=tuple((str(t.id), t.name) for t in territories),
        total_label=_("Total par territoire"),
        other_label=_("Inconnu"),
    )


def actor_group_dimension(session: WorkshopSession) -> Dimension:
    return Dimension(
        key="group",
        label=_("Collège d’acteurs"),
        values=tuple((str(g.id), g.name) for g in session.workshop.actor_groups),
        total_label=_("Total par collège"),
        other_label=_("Inconnu"),
    )


def working_group_dimension(groups: Sequence[WorkingGroup]) -> Dimension:
    return Dimension(
        key="working_group",
        label=_("Groupe de travail"),
        values=tuple((str(g.id), g.name) for g in groups),
        other_label=_("Sans groupe"),
    )


def compared_working_groups(session: WorkshopSession) -> list[WorkingGroup]:
    """The groups compared side by side: the session's, else the workshop's."""
    return list(session.working_groups or session.workshop.working_groups)


def participant_counts(
    session: WorkshopSession,
    filters: Mapping[str, str],
    tallies: LiveTallies | None = None,
) -> ParticipantCounts:
    """Responses per territory x actor group and their totals, small cells
    hidden by the results' rule (threshold and complementary suppression).

    A few dozen response tally rows, summed in plain Python: a projector asks
    every 2 seconds. The columns and the hiding are the aggregation's own.
    """
    dimensions = (territory_dimension(session), actor_group_dimension(session))
    listed = [{value for value, _label in d.values} for d in dimensions]
    cells: Counter[tuple] = Counter()
    tallies = tallies or read_tallies(session)
    for values, count in _matching(tallies.responses, filters):
        cells[
            tuple(
                values.get(d.key) if values.get(d.key) in known else OTHER
                for d, known in zip(dimensions, listed, strict=True)
            )
        ] += count
    columns = build_columns(
        dimensions,
        [
            [
                *((value, str(label)) for value, label in d.values),
                *([(OTHER, str(d.other_label))] if _has_other(cells, i) else []),
            ]
            for i, d in enumerate(dimensions)
        ],
    )
    counts = {
        column.key: sum(
            count for key, count in cells.items() if _within(key, column.key)
        )
        for column in columns
    }
    threshold = session.workshop.anonymity_threshold
    hidden = hidden_keys(columns, counts, threshold)
    return ParticipantCounts(
        columns=tuple(columns),
        cells={
            key: HIDDEN if key in hidden else Cell(count=count)
            for key, count in counts.items()
        },
        total=sum(cells.values()),
        threshold=threshold,
    )


def count_answers(rows: list[tuple[str, int]], filters: Mapping[str, str]) -> int:
    """How many responses answered a question (all of them: no breakdown),
    from its tally rows (``LiveTallies.answers``)."""
    return sum(count for _values, count in _matching(rows, filters))


def _matching(rows, filters: Mapping[str, str]) -> list[tuple[dict, int]]:
    """(dimensions, count) of the tally rows matching ``filters``."""
    matching = []
    for text, count in rows:
        values = json.loads(text) if text else {}
        if all(values.get(key) == value for key, value in filters.items()):
            matching.append((values, count))
    return matching


def _has_other(cells: Counter, index: int) -> bool:
    return any(key[index] == OTHER for key in cells)


def _within(key: tuple, column_key: tuple) -> bool:
    return all(c in (ALL, k) for c, k in zip(column_key, key, strict=True))


def question_table(
    session: WorkshopSession,
    question: Question,
    filters: Mapping[str, str],
    dimension: Dimension,
) -> tuple[Results, QuestionResult]:
    """One question's table over one dimension's values and Ensemble."""
    results = aggregate(
        session.workshop.questionnaire,
        (dimension,),
        filters,
        threshold=session.workshop.anonymity_threshold,
        with_texts=False,
        question_ids=(question.id,),
    )
    return results, results.questions[0]


def reserved_questions(session: WorkshopSession) -> dict[int, list[str]]:
    """The names of the working groups each reserved question is asked to."""
    names: dict[int, list[str]] = {}
    for group in session.workshop.working_groups:
        for question in group.questions:
            names.setdefault(question.id, []).append(group.name)
    return names


def figures_fingerprint(session: WorkshopSession, tallies: LiveTallies) -> tuple:
    """What changes whenever a figure or a word the projector shows may change.

    Answers are only ever added, so the number and the sum of the
    questionnaire's response tallies and of the projected question's tallies
    move with every new participant or answer; ``live_version`` moves with
    every change of state, question or reveal; the names and labels are read
    as they are. The tally rows are summed, not decoded: an unchanged
    projector is answered 304 for a few milliseconds.
    """
    workshop = session.workshop
    question = session.current_question
    labels: tuple = ()
    if question is not None:
        labels = (question.label, *(option.label for option in question.options))
    return (
        session.live_version,
        workshop.anonymity_threshold,
        _size(tallies.responses),
        _size(tallies.answers),
        labels,
        tuple(t.name for t in workshop.territories),
        tuple(g.name for g in workshop.actor_groups),
        tuple((w.name, w.prompt) for w in workshop.working_groups),
    )


def _size(rows: list[tuple[str, int]]) -> tuple[int, int]:
    return len(rows), sum(count for _text, count in rows)
