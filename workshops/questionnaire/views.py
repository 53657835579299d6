"""The questionnaire editor: list, add, edit, delete and reorder questions."""

import logging

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from facilitator.extensions import db
from facilitator.forms import EmptyForm
from surveys import services
from surveys.fields import question_types
from workshops.queries import (
    count_responses,
    get_owned_question_or_404,
    get_owned_workshop_or_404,
)
from workshops.questionnaire.forms import (
    CONFIRMED,
    DeleteQuestionForm,
    WorkshopQuestionForm,
)
from workshops.questionnaire.queries import (
    answered_option_codes,
    count_question_respondents,
    reserved_groups,
    respondents_by_question,
)
from workshops.questionnaire.services import (
    add_workshop_question,
    update_workshop_question,
)

logger = logging.getLogger(__name__)

bp = Blueprint("questionnaire", __name__)


def _questionnaire_url(workshop, question=None) -> str:
    anchor = f"question-{question.id}" if question is not None else None
    return url_for(
        "questionnaire.edit_questionnaire", workshop_id=workshop.id, _anchor=anchor
    )


def _render_question_form(workshop, form, question=None):
    sections = dict.fromkeys(
        q.section for q in workshop.questionnaire.questions if q.section
    )
    return render_template(
        "workshops/questionnaire/question_form.html",
        workshop=workshop,
        question=question,
        form=form,
        question_types=question_types(),
        sections=list(sections),
        next_code=services.next_question_code(workshop.questionnaire),
    )


@bp.route("/workshops/<int:workshop_id>/questionnaire", methods=["GET"])
@login_required
def edit_questionnaire(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    return render_template(
        "workshops/questionnaire/edit_questionnaire.html",
        workshop=workshop,
        questions=workshop.questionnaire.questions,
        response_count=count_responses(workshop),
        respondents=respondents_by_question(workshop.questionnaire),
        reserved=reserved_groups(workshop),
        form=EmptyForm(),
    )


@bp.route("/workshops/<int:workshop_id>/questions/new", methods=["GET", "POST"])
@login_required
def add_question(workshop_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    form = WorkshopQuestionForm(working_groups=workshop.working_groups)
    if form.validate_on_submit():
        question = add_workshop_question(
            workshop, form.working_group_ids(), **form.question_data()
        )
        db.session.commit()
        logger.info(
            "facilitator %s added question %s to workshop %s",
            current_user.id,
            question.code,
            workshop.id,
        )
        flash(_("Question %(code)s ajoutée.", code=question.code), "success")
        return redirect(_questionnaire_url(workshop, question))
    return _render_question_form(workshop, form)


@bp.route(
    "/workshops/<int:workshop_id>/questions/<int:question_id>/edit",
    methods=["GET", "POST"],
)
@login_required
def edit_question(workshop_id: int, question_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    question = get_owned_question_or_404(workshop, question_id)
    form = WorkshopQuestionForm(
        working_groups=workshop.working_groups,
        question=question,
        has_answers=count_question_respondents(question) > 0,
        answered_codes=answered_option_codes(question),
    )
    if form.validate_on_submit():
        update_workshop_question(
            workshop, question, form.working_group_ids(), **form.question_data()
        )
        db.session.commit()
        logger.info(
            "facilitator %s edited question %s of workshop %s",
            current_user.id,
            question.code,
            workshop.id,
        )
        flash(_("Question %(code)s enregistrée.", code=question.code), "success")
        return redirect(_questionnaire_url(workshop, question))
    return _render_question_form(workshop, form, question)


@bp.route(
    "/workshops/<int:workshop_id>/questions/<int:question_id>/delete", methods=["POST"]
)
@login_required
def delete_question(workshop_id: int, question_id: int):
    workshop = get_owned_workshop_or_404(workshop_id)
    question = get_owned_question_or_404(workshop, question_id)
    form = DeleteQuestionForm()
    if not form.validate_on_submit():
        abort(400)
    respondents = count_question_respondents(question)
    if respondents and not form.confirmed:
        return render_template(
            "workshops/questionnaire/confirm_delete.html",
            workshop=workshop,
            question=question,
            respondents=respondents,
            form=form,
            confirmed_value=CONFIRMED,
        )
    code = question.code
    services.delete_question(question)
    db.session.commit()
    logger.info(
        "facilitator %s deleted question %s of workshop %s (%s answers)",
        current_user.id,
        code,
        workshop.id,
        respondents,
    )
    flash(_("Question %(code)s supprimée.", code=code), "success")
    return redirect(_questionnaire_url(workshop))


@bp.route(
    "/workshops/<int:workshop_id>/questions/<int:question_id>/move/<direction>",
    methods=["POST"],
)
@login_required
def move_question(workshop_id: int, question_id: int, direction: str):
    workshop = get_owned_workshop_or_404(workshop_id)
    question = get_owned_question_or_404(workshop, question_id)
    if direction not in services.DIRECTIONS:
        abort(404)
    form = EmptyForm()
    if form.validate_on_submit() and services.move_question(question, direction):
        db.session.commit()
        logger.info(
            "facilitator %s moved question %s of workshop %s %s",
            current_user.id,
            question.code,
            workshop.id,
            direction,
        )
        flash(_("Question %(code)s déplacée.", code=question.code), "success")
    return redirect(_questionnaire_url(workshop, question))
