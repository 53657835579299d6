from flask import Blueprint

bp = Blueprint("workshops", __name__)


@bp.route("/workshops/")
def dashboard():
    return "dashboard"
