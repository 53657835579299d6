"""Placeholder routes, replaced by the feature's real views."""

from flask import Blueprint, abort

bp = Blueprint("questionnaire", __name__)


@bp.route("/workshops/<int:workshop_id>/questionnaire", methods=["GET"])
def edit_questionnaire(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/questions/new", methods=["GET", "POST"])
def add_question(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/questions/<int:question_id>/edit",
    methods=["GET", "POST"],
)
def edit_question(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/questions/<int:question_id>/delete", methods=["POST"]
)
def delete_question(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/questions/<int:question_id>/move/<direction>",
    methods=["POST"],
)
def move_question(**kwargs):
    abort(501)
