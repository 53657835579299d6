from flask import Blueprint

bp = Blueprint("participant", __name__)


@bp.route("/")
def home():
    return "home"
