"""Facilitator forms and the shared form base."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for button-only POST actions."""


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail"), validators=[DataRequired(), Length(max=254)]
    )
    password = PasswordField(
        _l("Mot de passe"), validators=[DataRequired(), Length(max=200)]
    )
    next = HiddenField()


class LanguageForm(FlaskForm):
    next = HiddenField()
