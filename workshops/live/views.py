"""The control panel and the projector of a session."""

from flask import Blueprint

bp = Blueprint("live", __name__)
