"""The participants' side of the wall: read, post, upvote."""

from flask import Blueprint

bp = Blueprint("wall_participant", __name__)
