"""Participant forms: the join code, who answers, the answer forms of a session."""

import re
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, SubmitField
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


class PickOneField(RadioField):
    """A required radio list: one clear message when nothing is chosen, one
    when the value sent is not in the list."""

    def __init__(self, label, required_message, invalid_message, **kwargs) -> None:
        super().__init__(
            label,
            validators=[InputRequired(message=required_message)],
            invalid_choice_message=invalid_message,
            invalid_value_message=invalid_message,
            **kwargs,
        )
        self.required_message = required_message
        # Rendered by the shared form macro as a radio list in a fieldset.
        self.type = "RadioField"

    def pre_validate(self, form) -> None:
        if self.data is None and not self.process_errors:
            raise StopValidation(self.required_message)
        super().pre_validate(form)


def pick_id_field(label, required_message, invalid_message) -> PickOneField:
    """A required choice among database rows (territories, groups...)."""
    return PickOneField(label, required_message, invalid_message, coerce=int)


def _territory_field() -> PickOneField:
    return pick_id_field(
        _l("Votre territoire"),
        _l("Choisissez votre territoire."),
        _l("Choisissez un territoire de la liste."),
    )


def _group_field() -> PickOneField:
    return pick_id_field(
        _l("Je réponds en tant que"),
        _l("Choisissez à quel titre vous répondez."),
        _l("Choisissez une réponse de la liste."),
    )


def _working_group_field() -> PickOneField:
    return pick_id_field(
        _l("Votre groupe de travail"),
        _l("Choisissez votre groupe de travail."),
        _l("Choisissez un groupe de la liste."),
    )


class WorkingGroupForm(FlaskForm):
    """The working group step of a self-paced session (a GET form, no CSRF)."""

    class Meta:
        csrf = False

    groupe = _working_group_field()


def make_working_group_form(session: WorkshopSession, formdata) -> WorkingGroupForm:
    """The working group choice of a session, bound to ``formdata``."""
    form = WorkingGroupForm(formdata)
    form.groupe.choices = [(wg.id, wg.name) for wg in session.working_groups]
    return form


class AskedQuestions(NamedTuple):
    """The questions of a questionnaire asked to one participant: what
    ``make_survey_form`` reads of a questionnaire."""

    id: int
    questions: list


class AnswerForm(SurveyForm):
    """Who answers (territory, actor group), then the questionnaire's fields."""

    territory = _territory_field()
    group = _group_field()
    # Copy of the browser's participation token, for a POST whose cookie is lost.
    token = HiddenField()
    # The working group chosen at the previous step (None when none is offered).
    working_group_id: int | None = None


def make_answer_form(
    session: WorkshopSession, questions: list, working_group_id=None, **kwargs
) -> AnswerForm:
    """The bound answer form of a session for ``questions``, with the
    workshop's choices."""
    asked = AskedQuestions(session.workshop.questionnaire_id, questions)
    form = make_survey_form(asked, base=AnswerForm)(**kwargs)
    form.working_group_id = working_group_id
    _set_profile_choices(form, session)
    return form


class ProfileForm(FlaskForm):
    """Who answers a facilitator-paced session, asked once before the questions."""

    territory = _territory_field()
    group = _group_field()
    working_group = _working_group_field()
    token = HiddenField()


def make_profile_form(session: WorkshopSession, **kwargs) -> ProfileForm:
    """The bound profile form of a session, with the workshop's choices."""
    form = ProfileForm(**kwargs)
    _set_profile_choices(form, session)
    if session.working_groups:
        form.working_group.choices = [(wg.id, wg.name) for wg in session.working_groups]
    else:
        del form.working_group
    return form


def _set_profile_choices(form, session: WorkshopSession) -> None:
    workshop = session.workshop
    form.group.choices = [(group.id, group.name) for group in workshop.actor_groups]
    if session.territory_id is None:
        form.territory.choices = [
            (territory.id, territory.name) for territory in workshop.territories
        ]
    else:
        del form.territory


class QuestionForm(SurveyForm):
    """One question of a facilitator-paced session."""

    token = HiddenField()
    skip = SubmitField(_l("Passer"))

    def skip_submitted(self) -> bool:
        """Whether « Passer » was pressed, with a valid CSRF token; the
        answer field is ignored then."""
        return (
            self.is_submitted()
            and bool(self.skip.data)
            and self.csrf_token.validate(self)
        )


def make_question_form(question, **kwargs) -> QuestionForm:
    """The bound form of one question, its field named as in the full form."""
    asked = AskedQuestions(question.questionnaire_id, [question])
    return make_survey_form(asked, base=QuestionForm)(**kwargs)


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
