"""Error pages: a clear message in the interface language, never a stack trace."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from facilitator.extensions import db


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def handle_csrf_error(error: CSRFError):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        return render_template("errors/http.html", error=error), error.code

    # Unhandled exceptions reach this handler as a 500 (tests see them raised).
    @app.errorhandler(InternalServerError)
    def handle_unexpected_error(error: InternalServerError):
        db.session.rollback()
        return render_template("errors/500.html"), 500
