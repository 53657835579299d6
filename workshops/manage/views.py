"""Placeholder routes, replaced by the feature's real views."""

from flask import Blueprint, abort

bp = Blueprint("workshops", __name__)


@bp.route("/workshops/", methods=["GET"])
def dashboard(**kwargs):
    abort(501)


@bp.route("/workshops/new", methods=["GET", "POST"])
def create_workshop(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>", methods=["GET"])
def show_workshop(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
def edit_workshop(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/delete", methods=["POST"])
def delete_workshop(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/territories", methods=["GET", "POST"])
def edit_territories(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/groups", methods=["GET", "POST"])
def edit_actor_groups(**kwargs):
    abort(501)
