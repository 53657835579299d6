from flask import Blueprint

bp = Blueprint("questionnaire", __name__)
