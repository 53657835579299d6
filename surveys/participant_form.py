"""The participant form, built at runtime from a questionnaire's questions."""

from flask_wtf import FlaskForm


def field_name(question) -> str:
    """The form field name of a question: ``q_<id>``."""
    return f"q_{question.id}"


class SurveyForm(FlaskForm):
    """Base of generated survey forms: marks required questions for rendering."""

    # Field names of required questions (set by ``make_survey_form``).
    required_names: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Some types enforce "required" with their own validator, which sets no
        # flag: flag every required question so each shows the same marker.
        for name in self.required_names:
            self[name].flags.required = True


def make_survey_form(
    questionnaire, base: type[SurveyForm] = SurveyForm
) -> type[SurveyForm]:
    """A form class with one field ``q_<id>`` per question, from its type."""
    attrs: dict = {
        field_name(question): question.type.make_field(question)
        for question in questionnaire.questions
    }
    attrs["required_names"] = tuple(
        field_name(question)
        for question in questionnaire.questions
        if question.required
    )
    return type(f"{base.__name__}Q{questionnaire.id}", (base,), attrs)
