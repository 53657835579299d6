"""The facilitator's side of the wall: moderation and projection."""

from flask import Blueprint

bp = Blueprint("wall", __name__)
