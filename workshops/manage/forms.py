"""Forms of workshop set-up: settings, creation, territories, actor groups and
working groups."""

from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    StopValidation,
    ValidationError,
)

from workshops.builtin_templates import REGARD_CROISE, builtin_templates

NAME_MAX = 120
PROMPT_MAX = 500
MAX_TERRITORIES = 100
MAX_THRESHOLD = 1000
BLANK = "blank"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _default_threshold() -> int:
    return current_app.config["DEFAULT_ANONYMITY_THRESHOLD"]


def _stop_if_not_a_number(form, field) -> None:
    """Show only "not a valid integer" for text typed into a number field."""
    if field.process_errors:
        raise StopValidation()


class WorkshopSettingsForm(FlaskForm):
    title = StringField(
        _l("Titre de l'atelier"),
        validators=[
            DataRequired(message=_l("Donnez un titre à l'atelier.")),
            Length(max=200, message=_l("200 caractères au plus.")),
        ],
        filters=[_strip],
    )
    description = TextAreaField(
        _l("Description"),
        description=_l("Contexte, objectifs, partenaires (facultatif)."),
        validators=[Length(max=5000, message=_l("5000 caractères au plus."))],
        filters=[_strip],
    )
    anonymity_threshold = IntegerField(
        _l("Seuil d'anonymat"),
        default=_default_threshold,
        description=_l(
            "Dans les résultats, toute case comptant moins de répondant·es que ce "
            "seuil est masquée, à l'écran comme dans l'export Excel, pour que "
            "personne ne puisse être reconnu. 3 est un minimum raisonnable ; "
            "augmentez-le si certains collèges sont très petits."
        ),
        validators=[
            InputRequired(message=_l("Indiquez un seuil (3 par défaut).")),
            _stop_if_not_a_number,
            NumberRange(
                min=1,
                max=MAX_THRESHOLD,
                message=_l("Le seuil doit être un nombre entier entre 1 et 1000."),
            ),
        ],
        render_kw={"min": 1, "max": MAX_THRESHOLD, "inputmode": "numeric"},
    )


class CreateWorkshopForm(WorkshopSettingsForm):
    territories = TextAreaField(
        _l("Territoires"),
        description=_l(
            "Un territoire par ligne, par exemple « Savoie » puis « Bignona ». Vous "
            "pourrez en ajouter, les renommer ou les réordonner ensuite."
        ),
        filters=[_strip],
        render_kw={"rows": 4, "placeholder": "Savoie\nBignona"},
    )
    starting_point = RadioField(
        _l("Point de départ du questionnaire"),
        default=REGARD_CROISE,
        validators=[InputRequired(message=_l("Choisissez un point de départ."))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.starting_point.choices = [
            (template.key, template.title) for template in builtin_templates()
        ] + [(BLANK, _l("Questionnaire vierge"))]
        self.territory_names: list[str] = []

    @property
    def template_key(self) -> str | None:
        return None if self.starting_point.data == BLANK else self.starting_point.data

    def validate_territories(self, field) -> None:
        self.territory_names = parse_names(field.data or "")


def parse_names(text: str) -> list[str]:
    """Names typed one per line: blank lines ignored, duplicates refused."""
    names = [line.strip() for line in text.splitlines() if line.strip()]
    if not names:
        raise ValidationError(_("Indiquez au moins un territoire."))
    if len(names) > MAX_TERRITORIES:
        raise ValidationError(_("%(max)d territoires au plus.", max=MAX_TERRITORIES))
    seen: set[str] = set()
    for name in names:
        if len(name) > NAME_MAX:
            raise ValidationError(
                _(
                    "« %(start)s… » est trop long : %(max)d caractères au plus.",
                    start=name[:30],
                    max=NAME_MAX,
                )
            )
        if name.casefold() in seen:
            raise ValidationError(
                _(
                    "« %(name)s » apparaît deux fois : chaque territoire doit avoir "
                    "un nom différent.",
                    name=name,
                )
            )
        seen.add(name.casefold())
    return names


class ItemNameForm(FlaskForm):
    """The name of a territory or an actor group, unique within the workshop."""

    name = StringField(
        _l("Nom"),
        validators=[
            DataRequired(message=_l("Indiquez un nom.")),
            Length(max=NAME_MAX, message=_l("120 caractères au plus.")),
        ],
        filters=[_strip],
    )

    def __init__(self, *args, taken_names: Iterable[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.taken_names = {name.casefold() for name in taken_names}

    def validate_name(self, field) -> None:
        if field.data.casefold() in self.taken_names:
            raise ValidationError(_("Ce nom est déjà utilisé dans cet atelier."))

    def item_data(self) -> dict:
        """The validated item, as keyword arguments of the services."""
        return {"name": self.name.data}


class WorkingGroupForm(ItemNameForm):
    """A working group: its name and the prompt its members read on their phone."""

    prompt = TextAreaField(
        _l("Consigne affichée aux membres du groupe"),
        description=_l(
            "Facultatif. Par exemple : « Quelles pratiques pour l'insertion des "
            "jeunes ? »"
        ),
        validators=[
            Length(max=PROMPT_MAX, message=_l("500 caractères au plus.")),
        ],
        filters=[_strip],
        render_kw={"rows": 2, "maxlength": PROMPT_MAX},
    )

    def item_data(self) -> dict:
        return {"name": self.name.data, "prompt": self.prompt.data or ""}


class DeleteWorkshopForm(FlaskForm):
    # The label, which states what will be lost, is set by the view.
    confirm = BooleanField(
        validators=[
            DataRequired(message=_l("Cochez la case pour confirmer la suppression."))
        ]
    )
