"""Reads of a live session: who is taking part, how many answered, the
projected question's table. Everything is read from the database's running
tallies at each call (several server processes share them)."""

from collections.abc import Mapping, Sequence

from flask_babel import gettext as _

from surveys.aggregation import (
    Cell,
    Dimension,
    QuestionResult,
    Results,
    aggregate,
    loading,
)
from surveys.exports.respondents import responses_by_column
from surveys.models import Question
from workshops.models import WorkingGroup, WorkshopSession


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
    session: WorkshopSession, filters: Mapping[str, str]
) -> tuple[Results, dict[tuple, Cell]]:
    """Responses per territory x actor group (and totals), small cells hidden.

    Returns the (question-less) table, for its columns and raw total, and the
    cell of each column key.
    """
    questionnaire = session.workshop.questionnaire
    results = aggregate(
        questionnaire,
        (territory_dimension(session), actor_group_dimension(session)),
        filters,
        threshold=session.workshop.anonymity_threshold,
        with_texts=False,
        question_ids=(),
    )
    return results, responses_by_column(questionnaire.id, results, filters)


def count_answers(question: Question, filters: Mapping[str, str]) -> int:
    """How many responses answered ``question`` (all of them: no breakdown)."""
    frame = loading.respondent_counts(
        question.questionnaire_id, dict(filters), [], [question.id]
    )
    return int(frame["respondents"].sum()) if not frame.empty else 0


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
