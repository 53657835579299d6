"""Questionnaire editor forms: a question and its options."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from surveys.fields import LocaleNumberField, QuestionType, get_question_type
from surveys.fields import question_types as registered_question_types

OPTION_LABEL_MAX = 300
MIN_OPTIONS = 2
# Blank option rows offered after the existing ones (more for a new question).
BLANK_OPTION_ROWS = 3
NEW_QUESTION_OPTION_ROWS = 5
STALE_OPTIONS = _l(
    "Ces modalités ne correspondent plus à la question : rechargez la page."
)
ANSWERED_OPTION_EMPTIED = _l(
    "Cette modalité a déjà des réponses : renommez-la plutôt que de la supprimer."
)
ANSWERED_OPTION_LEFT_OUT = _l(
    "Une modalité qui a déjà des réponses ne peut pas être supprimée."
)
DUPLICATE_OPTION = _l("Cette modalité figure déjà dans la liste.")
FIX_OPTION_ROWS = _l("Corrigez les modalités signalées ci-dessous.")
TOO_FEW_OPTIONS = _l("Une question à choix demande au moins deux modalités.")
_QUESTION_ATTRIBUTES = (
    "qtype",
    "section",
    "label",
    "help_text",
    "required",
    "min_value",
    "max_value",
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _same_label(label: str) -> str:
    return " ".join(label.split()).casefold()


class OptionForm(Form):
    """One option row: its stable code (hidden), its label and its order number."""

    code = HiddenField(filters=[_strip])
    label = StringField(
        _l("Modalité"),
        filters=[_strip],
        validators=[
            Length(
                max=OPTION_LABEL_MAX,
                message=_l("%(max)d caractères au plus.", max=OPTION_LABEL_MAX),
            )
        ],
    )
    order = LocaleNumberField(
        _l("Ordre"), validators=[Optional()], render_kw={"inputmode": "decimal"}
    )


class QuestionForm(FlaskForm):
    """A question of the questionnaire, with its options or its bounds.

    ``question`` is the edited question (None when adding one); ``has_answers``
    and ``answered_codes`` say what participants already answered, which may
    no longer be changed.
    """

    qtype = SelectField(_l("Type de question"))
    section = StringField(
        _l("Partie (facultatif)"),
        description=_l(
            "Titre affiché au-dessus de la question. Les questions qui se suivent "
            "avec la même partie sont regroupées."
        ),
        filters=[_strip],
        validators=[Length(max=200, message=_l("200 caractères au plus."))],
    )
    label = TextAreaField(
        _l("Intitulé de la question"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Saisissez l'intitulé de la question.")),
            Length(max=2000, message=_l("2000 caractères au plus.")),
        ],
        render_kw={"rows": 2},
    )
    help_text = TextAreaField(
        _l("Précision pour les participant·es (facultatif)"),
        filters=[_strip],
        validators=[Length(max=2000, message=_l("2000 caractères au plus."))],
        render_kw={"rows": 2},
    )
    required = BooleanField(_l("Réponse obligatoire"))
    min_value = LocaleNumberField(
        _l("Valeur minimale"),
        validators=[Optional()],
        render_kw={"inputmode": "decimal"},
    )
    max_value = LocaleNumberField(
        _l("Valeur maximale"),
        validators=[Optional()],
        render_kw={"inputmode": "decimal"},
    )
    options = FieldList(FormField(OptionForm))

    def __init__(self, *args, question=None, has_answers=False, answered_codes=()):
        super().__init__(*args, data=_initial_data(question))
        self.question = question
        self.has_answers = has_answers
        self.answered_codes = frozenset(answered_codes)
        self.qtype.choices = [
            SelectChoice(value=t.name, label=t.label)
            for t in registered_question_types()
        ]
        # The page lists the questionnaire's existing parts under this id.
        self.section.render_kw = {"list": "section-choices"}

    def selected_type(self) -> QuestionType | None:
        try:
            return get_question_type(self.qtype.data)
        except KeyError:
            return None

    def validate_qtype(self, field) -> None:
        if (
            self.question is not None
            and self.has_answers
            and field.data != self.question.qtype
        ):
            raise ValidationError(
                _("Cette question a déjà des réponses : son type ne peut plus changer.")
            )

    def validate_max_value(self, field) -> None:
        selected = self.selected_type()
        low, high = self.min_value.data, field.data
        if selected is None or not selected.has_bounds:
            return
        if low is not None and high is not None and low > high:
            raise ValidationError(
                _("La valeur maximale doit être supérieure ou égale à la minimale.")
            )

    def validate_options(self, field) -> None:
        selected = self.selected_type()
        if selected is None or not selected.has_editable_options:
            return
        known = {o.code for o in self.question.options} if self.question else set()
        kept_codes = self._check_option_rows(field.entries, known)
        if (known - kept_codes) & self.answered_codes:
            raise ValidationError(ANSWERED_OPTION_LEFT_OUT)
        if any(entry.form.label.errors for entry in field.entries):
            raise ValidationError(FIX_OPTION_ROWS)
        if len(self._ordered_options()) < MIN_OPTIONS:
            raise ValidationError(TOO_FEW_OPTIONS)

    def _check_option_rows(self, entries, known: set[str]) -> set[str]:
        """Mark the rows that cannot be saved; the codes the rows keep."""
        seen_codes: set[str] = set()
        seen_labels: set[str] = set()
        for entry in entries:
            code, label = entry.form.code.data or "", entry.form.label.data or ""
            if code:
                # Codes come from hidden fields: a stale or forged page.
                if code not in known or code in seen_codes:
                    raise ValidationError(STALE_OPTIONS)
                seen_codes.add(code)
            if not label:
                if code in self.answered_codes:
                    entry.form.label.errors.append(ANSWERED_OPTION_EMPTIED)
                continue
            if _same_label(label) in seen_labels:
                entry.form.label.errors.append(DUPLICATE_OPTION)
            seen_labels.add(_same_label(label))
        return seen_codes

    def question_data(self) -> dict:
        """The validated question, as keyword arguments of the services."""
        data = {name: getattr(self, name).data for name in _QUESTION_ATTRIBUTES}
        data["options"] = self._ordered_options()
        return data

    def _ordered_options(self) -> list[tuple[str | None, str]]:
        rows = [
            (entry.form.order.data, index, entry.form.code.data or None, label)
            for index, entry in enumerate(self.options.entries)
            if (label := entry.form.label.data)
        ]
        # Rows without an order number keep their place after the numbered ones.
        rows.sort(key=lambda row: (row[0] is None, row[0] or 0, row[1]))
        return [(code, label) for _order, _index, code, label in rows]


def _initial_data(question) -> dict:
    """What the form shows first: the question, then blank option rows."""
    if question is None:
        data = {"qtype": registered_question_types()[0].name, "required": False}
        rows, blanks = [], NEW_QUESTION_OPTION_ROWS
    else:
        data = {name: getattr(question, name) for name in _QUESTION_ATTRIBUTES}
        rows = [
            {"code": option.code, "label": option.label, "order": order}
            for order, option in enumerate(question.options, start=1)
        ]
        blanks = BLANK_OPTION_ROWS
    rows += [
        {"code": "", "label": "", "order": order}
        for order in range(len(rows) + 1, len(rows) + blanks + 1)
    ]
    data["options"] = rows
    return data
