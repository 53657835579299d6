"""Placeholder routes, replaced by the feature's real views."""

from flask import Blueprint, abort

bp = Blueprint("results", __name__)


@bp.route("/workshops/<int:workshop_id>/results", methods=["GET"])
def show_results(**kwargs):
    abort(501)


@bp.route("/workshops/<int:workshop_id>/results.xlsx", methods=["GET"])
def export_results_xlsx(**kwargs):
    abort(501)
