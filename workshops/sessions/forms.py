"""Forms for sessions: label, wave, fixed territory, open/close."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, ValidationError
from wtforms.validators import AnyOf, DataRequired, Length

from workshops.labels import WAVE_LABELS
from workshops.models import SessionState, Territory, Workshop, WorkshopSession

NO_WAVE = ""
OTHER_WAVE = "other"


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


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

    def __init__(self, workshop: Workshop, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._territories = {str(t.id): t for t in workshop.territories}
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


class SessionStateForm(FlaskForm):
    """A button opening or closing a session: the state it moves to."""

    state = HiddenField(
        validators=[
            AnyOf(
                [state.value for state in SessionState],
                message=_l("État de séance inconnu."),
            )
        ]
    )
