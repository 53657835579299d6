"""Reads for the dashboard and the workshop overview."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from facilitator.extensions import db
from facilitator.models import Facilitator
from surveys.models import Question, Response
from workshops.models import Workshop, WorkshopSession


@dataclass(frozen=True)
class DashboardRow:
    workshop: Workshop
    session_count: int
    response_count: int


def dashboard_rows(owner: Facilitator) -> list[DashboardRow]:
    """The owner's workshops, newest first, with their session and response counts.

    The counts come from correlated subqueries: one query for every workshop.
    """
    session_count = (
        select(func.count(WorkshopSession.id))
        .where(WorkshopSession.workshop_id == Workshop.id)
        .scalar_subquery()
    )
    response_count = (
        select(func.count(Response.id))
        .where(Response.questionnaire_id == Workshop.questionnaire_id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Workshop, session_count, response_count)
        .where(Workshop.owner_id == owner.id)
        .options(selectinload(Workshop.territories))
        .order_by(Workshop.created_at.desc(), Workshop.id.desc())
    )
    return [DashboardRow(*row) for row in rows]


def count_questions(workshop: Workshop) -> int:
    """How many questions the workshop's questionnaire has."""
    return db.session.execute(
        select(func.count(Question.id)).where(
            Question.questionnaire_id == workshop.questionnaire_id
        )
    ).scalar_one()


@dataclass(frozen=True)
class NextStep:
    message: str
    url: str
    link_text: str


def next_step(workshop: Workshop, question_count: int, response_count: int) -> NextStep:
    """What the facilitator most likely has to do next, with a link to do it."""
    if question_count == 0:
        return NextStep(
            _("Le questionnaire est vide : ajoutez vos premières questions."),
            url_for("questionnaire.edit_questionnaire", workshop_id=workshop.id),
            _("Modifier le questionnaire"),
        )
    if not workshop.sessions:
        return NextStep(
            _("Créez une séance pour obtenir le QR code à projeter."),
            url_for("sessions.create_session", workshop_id=workshop.id),
            _("Créer une séance"),
        )
    if response_count == 0:
        if any(session.is_open for session in workshop.sessions):
            message = _(
                "Projetez le QR code d'une séance ouverte : les réponses "
                "apparaîtront ici."
            )
        else:
            message = _("Toutes les séances sont fermées : rouvrez-en une.")
        return NextStep(
            message,
            url_for("sessions.list_sessions", workshop_id=workshop.id),
            _("Voir les séances"),
        )
    return NextStep(
        _("Des réponses sont arrivées : comparez-les et exportez-les."),
        url_for("results.show_results", workshop_id=workshop.id),
        _("Voir les résultats"),
    )
