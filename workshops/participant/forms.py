"""Participant forms: the join code, and the answer form of a session."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, Regexp, StopValidation

from surveys.participant_form import SurveyForm, field_name, make_survey_form
from workshops.models import WorkshopSession

CODE_LENGTH = 6
_CODE_SEPARATORS = re.compile(r"[\s\-_.]+")


def normalise_code(value: str | None) -> str:
    """A code as stored, whatever was typed: "k7m-q3 x" -> "K7MQ3X"."""
    return _CODE_SEPARATORS.sub("", value or "").upper()


class JoinForm(FlaskForm):
    """The "Entrez le code" field of the home page (a GET form, no CSRF)."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Entrez le code"),
        description=_l("Le code de 6 caractères affiché par l'animateur·rice."),
        filters=[normalise_code],
        validators=[
            InputRequired(message=_l("Saisissez le code de la séance.")),
            Regexp(
                rf"^[A-Z0-9]{{{CODE_LENGTH}}}$",
                message=_l(
                    "Un code comporte 6 lettres ou chiffres, par exemple K7MQ3X."
                ),
            ),
        ],
        render_kw={
            "autocapitalize": "characters",
            "autocomplete": "off",
            "autocorrect": "off",
            "spellcheck": "false",
            "maxlength": 12,
            "class": "join-code",
        },
    )


class _PickOneField(RadioField):
    """A required radio list: one clear message when nothing is chosen."""

    def __init__(self, label, required_message, **kwargs) -> None:
        super().__init__(
            label,
            validators=[InputRequired(message=required_message)],
            coerce=int,
            **kwargs,
        )
        self.required_message = required_message
        # Rendered by the shared form macro as a radio list in a fieldset.
        self.type = "RadioField"

    def pre_validate(self, form) -> None:
        if self.data is None and not self.process_errors:
            raise StopValidation(self.required_message)
        super().pre_validate(form)


class AnswerForm(SurveyForm):
    """Who answers (territory, actor group), then the questionnaire's fields."""

    territory = _PickOneField(
        _l("Votre territoire"),
        required_message=_l("Choisissez votre territoire."),
        invalid_choice_message=_l("Choisissez un territoire de la liste."),
        invalid_value_message=_l("Choisissez un territoire de la liste."),
    )
    group = _PickOneField(
        _l("Je réponds en tant que"),
        required_message=_l("Choisissez à quel titre vous répondez."),
        invalid_choice_message=_l("Choisissez une réponse de la liste."),
        invalid_value_message=_l("Choisissez une réponse de la liste."),
    )
    # Copy of the browser's participation token, for a POST whose cookie is lost.
    token = HiddenField()


def make_answer_form(session: WorkshopSession, **kwargs) -> AnswerForm:
    """The bound answer form of a session, with the workshop's choices."""
    workshop = session.workshop
    form = make_survey_form(workshop.questionnaire, base=AnswerForm)(**kwargs)
    form.group.choices = [(group.id, group.name) for group in workshop.actor_groups]
    if session.territory_id is None:
        form.territory.choices = [
            (territory.id, territory.name) for territory in workshop.territories
        ]
    else:
        del form.territory
    return form


def error_fields(form: AnswerForm, questions) -> list:
    """The fields with an error, in page order: who answers, then the questions."""
    fields = [form.territory, form.group]
    fields += [form[field_name(question)] for question in questions]
    return [field for field in fields if field is not None and field.errors]


def count_answered(form: AnswerForm, questions) -> int:
    """How many questions already hold an answer (shown in the progress bar)."""
    return sum(
        1
        for question in questions
        if form[field_name(question)].data not in (None, "", [])
    )


# Scales whose points are bare numbers get their meaning written at both ends.
SCALE_END_LABELS = {
    "scale_0_10": (_l("0 = pas du tout"), _l("10 = tout à fait")),
}


def scale_ends(question) -> tuple | None:
    """The end labels shown under a numbered scale, if its type needs them."""
    return SCALE_END_LABELS.get(question.qtype)
