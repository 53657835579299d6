"""Forms for sessions: label, wave, fixed territory, pacing, working groups,
state."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    ValidationError,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length

from workshops.labels import PACING_LABELS, STATE_LABELS, WAVE_LABELS
from workshops.models import (
    Pacing,
    SessionState,
    Territory,
    WorkingGroup,
    Workshop,
    WorkshopSession,
)

NO_WAVE = ""
OTHER_WAVE = "other"


# The states a new session can start in: prepared in advance, or open at once.
INITIAL_STATES = (SessionState.DRAFT, SessionState.OPEN)


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (rendered as a fieldset by the macros)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class SessionForm(FlaskForm):
    label = StringField(
        _l("Nom de la séance"),
        filters=[_strip],
        validators=[
            DataRequired(message=_l("Donnez un nom à la séance.")),
            Length(max=200, message=_l("200 caractères au plus.")),
        ],
        description=_l("Par exemple « Atelier du 12 mars à Bignona »."),
    )
    wave = SelectField(_l("Vague"), validate_choice=False)
    wave_label = StringField(
        _l("Libellé de la vague"),
        filters=[_strip],
        validators=[Length(max=60, message=_l("60 caractères au plus."))],
        description=_l("Seulement avec « Autre » : par exemple « Bilan à un an »."),
    )
    territory = SelectField(_l("Territoire"), validate_choice=False)
    pacing = RadioField(
        _l("Rythme des questions"),
        choices=[
            SelectChoice(pacing.value, label) for pacing, label in PACING_LABELS.items()
        ],
        default=Pacing.SELF.value,
        validate_choice=False,
    )
    working_groups = CheckboxesField(
        _l("Groupes de travail proposés"),
        validate_choice=False,
        description=_l(
            "Les participants choisissent leur groupe sur leur téléphone ; "
            "chaque groupe voit ses propres résultats."
        ),
    )

    def __init__(self, workshop: Workshop, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._territories = {str(t.id): t for t in workshop.territories}
        self._working_groups = {str(g.id): g for g in workshop.working_groups}
        self.working_groups.choices = [
            SelectChoice(key, group.name) for key, group in self._working_groups.items()
        ]
        self.wave.choices = [
            (NO_WAVE, _("Aucune")),
            *((key, str(label)) for key, label in WAVE_LABELS.items()),
            (OTHER_WAVE, _("Autre (libellé libre)")),
        ]
        self.territory.choices = [
            ("", _("Tous les territoires (le participant choisit)")),
            *((key, t.name) for key, t in self._territories.items()),
        ]

    @classmethod
    def for_session(cls, workshop: Workshop, session: WorkshopSession):
        """The form filled with a session's current values (unless posted)."""
        wave, wave_label = NO_WAVE, ""
        if session.wave in WAVE_LABELS:
            wave = session.wave
        elif session.wave:
            wave, wave_label = OTHER_WAVE, session.wave
        data = {
            "label": session.label,
            "wave": wave,
            "wave_label": wave_label,
            "territory": str(session.territory_id or ""),
            "pacing": session.pacing.value,
            "working_groups": [str(group.id) for group in session.working_groups],
        }
        return cls(workshop, data=data)

    def validate_wave(self, field: SelectField) -> None:
        if field.data not in {key for key, _label in field.choices}:
            raise ValidationError(_("Choisissez une vague dans la liste."))

    def validate_wave_label(self, field: StringField) -> None:
        if self.wave.data == OTHER_WAVE and not field.data:
            raise ValidationError(_("Indiquez le libellé de la vague."))

    def validate_territory(self, field: SelectField) -> None:
        if field.data and field.data not in self._territories:
            raise ValidationError(_("Choisissez un territoire de cet atelier."))

    def validate_pacing(self, field: RadioField) -> None:
        if field.data not in {pacing.value for pacing in Pacing}:
            raise ValidationError(_("Choisissez un rythme dans la liste."))

    def validate_working_groups(self, field: SelectMultipleField) -> None:
        if any(key not in self._working_groups for key in field.data or []):
            raise ValidationError(
                _("Choisissez des groupes de travail de cet atelier.")
            )

    def chosen_wave(self) -> str | None:
        """What the session stores: a predefined wave key, a free label or None."""
        if self.wave.data != OTHER_WAVE:
            return self.wave.data or None
        free = self.wave_label.data
        # A free label that names a predefined wave is that wave.
        for key, label in WAVE_LABELS.items():
            if free.casefold() == str(label).casefold():
                return key
        return free

    def chosen_territory(self) -> Territory | None:
        return self._territories.get(self.territory.data or "")

    def chosen_pacing(self) -> Pacing:
        return Pacing(self.pacing.data)

    def chosen_working_groups(self) -> list[WorkingGroup]:
        """The working groups checked, in the workshop's order."""
        checked = set(self.working_groups.data or [])
        return [g for key, g in self._working_groups.items() if key in checked]


class NewSessionForm(SessionForm):
    """Creating a session also sets the state it starts in."""

    initial_state = RadioField(
        _l("État au départ"),
        choices=[
            SelectChoice(state.value, STATE_LABELS[state]) for state in INITIAL_STATES
        ],
        default=SessionState.OPEN.value,
        validate_choice=False,
        description=_l(
            "En brouillon, la séance se prépare sans accepter de réponses ; "
            "vous l’ouvrirez au moment venu."
        ),
    )

    def validate_initial_state(self, field: RadioField) -> None:
        if field.data not in {state.value for state in INITIAL_STATES}:
            raise ValidationError(_("Choisissez un état de départ dans la liste."))

    def chosen_state(self) -> SessionState:
        return SessionState(self.initial_state.data)


class SessionStateForm(FlaskForm):
    """A button moving a session to another state: the state it moves to."""

    state = HiddenField(
        validators=[
            AnyOf(
                [state.value for state in SessionState],
                message=_l("État de séance inconnu."),
            )
        ]
    )
