"""Question types: one class each, in a registry keyed by ``Question.qtype``.

A type knows its participant form field, how an answer is validated and
normalised into ``AnswerValue`` rows, and how its answers are summarised
(a distribution over option codes, and/or a mean and median).
"""

import math
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from wtforms import (
    Field,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.fields.core import UnboundField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    StopValidation,
)

REQUIRED_MESSAGE = _l("Cette question est obligatoire.")
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


@dataclass(frozen=True)
class AnswerValue:
    """One stored value of an answer (a multiple choice gives several)."""

    option_code: str | None = None
    number: float | None = None
    text: str | None = None


class QuestionType:
    """Base class; subclasses are registered by ``register``."""

    name: str = ""
    label = _l("Question")
    # The facilitator writes the options (single and multiple choice).
    has_editable_options = False
    # Answers are counted per option code (tables of counts and percentages).
    has_distribution = False
    # Several options per respondent: percentages are of respondents.
    multiple = False
    # Answers have a mean and a median.
    is_numeric = False
    # Free text, shown as verbatims grouped by breakdown cell.
    is_text = False
    # The facilitator may set a minimum and a maximum.
    has_bounds = False

    def choices(self, question) -> list[tuple[str, str]]:
        """(code, label) of the categories answers are counted in."""
        return [(option.code, option.label) for option in question.options]

    def value_range(self, question) -> tuple[float, float] | None:
        """The scale's theoretical range, for gaps between means."""
        return None

    def make_field(self, question) -> UnboundField:
        raise NotImplementedError

    def to_answers(self, question, data) -> list[AnswerValue]:
        """Normalise validated form data into stored values ([] when unanswered)."""
        raise NotImplementedError

    def _presence_validators(self, question) -> list:
        if question.required:
            return [InputRequired(message=REQUIRED_MESSAGE)]
        return [Optional()]


_REGISTRY: dict[str, QuestionType] = {}


def register(cls: type[QuestionType]) -> type[QuestionType]:
    _REGISTRY[cls.name] = cls()
    return cls


def get_question_type(name: str) -> QuestionType:
    return _REGISTRY[name]


def question_types() -> list[QuestionType]:
    """All types, in the order the editor offers them."""
    return list(_REGISTRY.values())


def _select_choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    # WTForms deprecates (value, label) tuples as field choices.
    return [SelectChoice(value=code, label=label) for code, label in pairs]


class _ChoiceField(RadioField):
    """A radio field whose empty answer is allowed when the question is optional."""

    def pre_validate(self, form) -> None:
        if self.data in (None, "", "None"):
            self.data = None
            # Posting "None" must not count as an answer to a required question.
            self.raw_data = []
            return
        super().pre_validate(form)


@register
class SingleChoice(QuestionType):
    name = "single_choice"
    label = _l("Choix unique")
    has_editable_options = True
    has_distribution = True

    def make_field(self, question) -> UnboundField:
        return _ChoiceField(
            question.label,
            description=question.help_text,
            choices=_select_choices(self.choices(question)),
            validators=self._presence_validators(question),
            validate_choice=True,
        )

    def to_answers(self, question, data) -> list[AnswerValue]:
        return [AnswerValue(option_code=data)] if data else []


class _CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class _AtLeastOne:
    def __call__(self, form, field) -> None:
        if not field.data:
            raise StopValidation(REQUIRED_MESSAGE)


@register
class MultipleChoice(QuestionType):
    name = "multiple_choice"
    label = _l("Choix multiple")
    has_editable_options = True
    has_distribution = True
    multiple = True

    def make_field(self, question) -> UnboundField:
        validators = [_AtLeastOne()] if question.required else []
        return _CheckboxesField(
            question.label,
            description=question.help_text,
            choices=_select_choices(self.choices(question)),
            validators=validators,
        )

    def to_answers(self, question, data) -> list[AnswerValue]:
        # Keep the questionnaire's order and drop repeats.
        chosen = set(data or [])
        return [
            AnswerValue(option_code=code)
            for code, _label in self.choices(question)
            if code in chosen
        ]


class _ScaleType(QuestionType):
    """A fixed ordinal scale: counted per point and averaged."""

    has_distribution = True
    is_numeric = True
    low = 0
    high = 0

    def value_range(self, question) -> tuple[float, float]:
        return (float(self.low), float(self.high))

    def make_field(self, question) -> UnboundField:
        return _ChoiceField(
            question.label,
            description=question.help_text,
            choices=_select_choices(self.choices(question)),
            validators=self._presence_validators(question),
            validate_choice=True,
        )

    def to_answers(self, question, data) -> list[AnswerValue]:
        if not data:
            return []
        return [AnswerValue(option_code=data, number=float(data))]


@register
class AgreementScale(_ScaleType):
    name = "agreement_scale"
    label = _l("Échelle d'accord (5 points)")
    low, high = 1, 5
    POINTS = (
        ("1", _l("Pas du tout d'accord")),
        ("2", _l("Plutôt pas d'accord")),
        ("3", _l("Ni d'accord ni pas d'accord")),
        ("4", _l("Plutôt d'accord")),
        ("5", _l("Tout à fait d'accord")),
    )

    def choices(self, question) -> list[tuple[str, str]]:
        return [(code, str(label)) for code, label in self.POINTS]


@register
class ZeroToTenScale(_ScaleType):
    name = "scale_0_10"
    label = _l("Échelle de 0 à 10")
    low, high = 0, 10

    def choices(self, question) -> list[tuple[str, str]]:
        return [(str(value), str(value)) for value in range(11)]


class LocaleNumberField(StringField):
    """A number typed on a phone: accepts "3,5" as well as "3.5"."""

    def process_formdata(self, valuelist) -> None:
        self.raw_text = valuelist[0].strip() if valuelist else ""
        self.data = None
        if not self.raw_text:
            return
        try:
            self.data = float(self.raw_text.replace(" ", "").replace(",", "."))
            # "nan", "inf" and huge values parse as floats but are not answers.
            if not math.isfinite(self.data):
                raise ValueError(self.raw_text)
        except ValueError:
            self.data = None
            raise ValueError(
                _l("Saisissez un nombre, par exemple 12 ou 3,5.")
            ) from None

    def _value(self) -> str:
        if getattr(self, "raw_text", None):
            return self.raw_text
        if self.data is None:
            return ""
        return f"{self.data:g}".replace(".", ",")


class _NumberPresent:
    def __init__(self, required: bool) -> None:
        self.required = required

    def __call__(self, form, field) -> None:
        if field.process_errors:
            raise StopValidation()
        if field.data is None:
            if self.required:
                raise StopValidation(REQUIRED_MESSAGE)
            field.errors[:] = []
            raise StopValidation()


@register
class NumberQuestion(QuestionType):
    name = "number"
    label = _l("Nombre")
    is_numeric = True
    has_bounds = True

    def choices(self, question) -> list[tuple[str, str]]:
        return []

    def value_range(self, question) -> tuple[float, float] | None:
        if question.min_value is None or question.max_value is None:
            return None
        return (question.min_value, question.max_value)

    def make_field(self, question) -> UnboundField:
        validators: list = [_NumberPresent(question.required)]
        if question.min_value is not None or question.max_value is not None:
            validators.append(
                NumberRange(
                    min=question.min_value,
                    max=question.max_value,
                    message=_bounds_message(question),
                )
            )
        return LocaleNumberField(
            question.label,
            description=question.help_text,
            validators=validators,
            render_kw={"inputmode": "decimal"},
        )

    def to_answers(self, question, data) -> list[AnswerValue]:
        return [] if data is None else [AnswerValue(number=float(data))]


def _bounds_message(question) -> str:
    low, high = question.min_value, question.max_value
    if low is not None and high is not None:
        return _l(
            "Saisissez un nombre entre %(min)s et %(max)s.",
            min=f"{low:g}",
            max=f"{high:g}",
        )
    if low is not None:
        return _l("Saisissez un nombre supérieur ou égal à %(min)s.", min=f"{low:g}")
    return _l("Saisissez un nombre inférieur ou égal à %(max)s.", max=f"{high:g}")


class _TextType(QuestionType):
    is_text = True
    max_length = SHORT_TEXT_MAX
    field_class: type[Field] = StringField

    def choices(self, question) -> list[tuple[str, str]]:
        return []

    def _presence_validators(self, question) -> list:
        # Checked after stripping: only spaces is no answer.
        if question.required:
            return [DataRequired(message=REQUIRED_MESSAGE)]
        return [Optional()]

    def make_field(self, question) -> UnboundField:
        validators = self._presence_validators(question) + [
            Length(
                max=self.max_length,
                message=_l("%(max)d caractères au plus.", max=self.max_length),
            )
        ]
        return self.field_class(
            question.label,
            description=question.help_text,
            validators=validators,
            filters=[_strip],
        )

    def to_answers(self, question, data) -> list[AnswerValue]:
        return [AnswerValue(text=data)] if data else []


def _strip(value):
    return value.strip() if isinstance(value, str) else value


@register
class ShortText(_TextType):
    name = "short_text"
    label = _l("Texte court")


@register
class LongText(_TextType):
    name = "long_text"
    label = _l("Texte long")
    max_length = LONG_TEXT_MAX
    field_class = TextAreaField


__all__ = [
    "AnswerValue",
    "QuestionType",
    "get_question_type",
    "question_types",
]
