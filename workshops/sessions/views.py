"""Placeholder routes, replaced by the feature's real views."""

from flask import Blueprint, abort

bp = Blueprint("sessions", __name__)


@bp.route("/workshops/<int:workshop_id>/sessions", methods=["GET"])
def list_sessions(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/sessions/new", methods=["GET", "POST"])
def create_session(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/sessions/<int:session_id>", methods=["GET"])
def show_session(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/sessions/<int:session_id>/edit",
    methods=["GET", "POST"],
)
def edit_session(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/sessions/<int:session_id>/state", methods=["POST"]
)
def change_session_state(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/sessions/<int:session_id>/qr.png", methods=["GET"]
)
def session_qr_png(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/sessions/<int:session_id>/qr.svg", methods=["GET"]
)
def session_qr_svg(**kwargs):
    abort(501)


@bp.route(
    "/workshops/<int:workshop_id>/sessions/<int:session_id>/poster", methods=["GET"]
)
def session_poster(**kwargs):
    abort(501)
