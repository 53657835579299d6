"""Placeholder routes, replaced by the feature's real views."""

from flask import Blueprint, abort

bp = Blueprint("participant", __name__)


@bp.route("/", methods=["GET"])
def home(**kwargs):
    abort(501)


@bp.route("/join", methods=["GET"])
def join_by_code(**kwargs):
    abort(501)


@bp.route("/j/<code>", methods=["GET", "POST"])
def answer_session(**kwargs):
    abort(501)


@bp.route("/j/<code>/merci", methods=["GET"])
def thanks(**kwargs):
    abort(501)
