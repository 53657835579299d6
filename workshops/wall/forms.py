"""Forms of the wall: posting a contribution, filtering and merging."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from workshops.labels import CONTRIBUTION_KIND_LABELS
from workshops.models import Contribution, ContributionKind, WorkshopSession
from workshops.participant.browser import Profile
from workshops.participant.forms import PickOneField, pick_id_field

MAX_LENGTH = 500
KIND_CHOICES = [
    SelectChoice(kind.value, label) for kind, label in CONTRIBUTION_KIND_LABELS.items()
]


def _clean_text(value: str | None) -> str | None:
    """Trimmed, with the browser's line ends counted as one character."""
    if value is None:
        return None
    return value.replace("\r\n", "\n").strip()


class ContributionForm(FlaskForm):
    """A contribution, and who posts it when the browser has not said yet."""

    kind = PickOneField(
        _l("Vous proposez"),
        _l("Choisissez le type de votre contribution."),
        _l("Choisissez un type de la liste."),
        choices=KIND_CHOICES,
    )
    text = TextAreaField(
        _l("Votre contribution"),
        description=_l("500 caractères au plus. Aucun nom n'est affiché."),
        filters=[_clean_text],
        validators=[
            DataRequired(message=_l("Écrivez votre contribution.")),
            Length(
                max=MAX_LENGTH,
                message=_l(
                    "Votre contribution dépasse 500 caractères : raccourcissez-la."
                ),
            ),
        ],
        render_kw={"rows": 4, "maxlength": MAX_LENGTH},
    )
    territory = pick_id_field(
        _l("Votre territoire"),
        _l("Choisissez votre territoire."),
        _l("Choisissez un territoire de la liste."),
    )
    group = pick_id_field(
        _l("Vous participez en tant que"),
        _l("Choisissez à quel titre vous participez."),
        _l("Choisissez une réponse de la liste."),
    )
    working_group = pick_id_field(
        _l("Votre groupe de travail"),
        _l("Choisissez votre groupe de travail."),
        _l("Choisissez un groupe de la liste."),
    )

    def chosen_kind(self) -> ContributionKind:
        return ContributionKind(self.kind.data)

    def chosen_profile(self, session: WorkshopSession) -> Profile:
        """The author's profile as the form asked it."""
        territory = self.territory.data if self.territory else session.territory_id
        working_group = self.working_group.data if self.working_group else None
        return Profile(territory, self.group.data, working_group)


def _choices(items) -> list[SelectChoice]:
    return [SelectChoice(item.id, item.name) for item in items]


def make_contribution_form(
    session: WorkshopSession, profile: Profile | None, **kwargs
) -> ContributionForm:
    """The posting form; it asks who posts only when the browser has not said."""
    form = ContributionForm(**kwargs)
    workshop = session.workshop
    if profile is not None:
        del form.territory, form.group, form.working_group
        return form
    form.group.choices = _choices(workshop.actor_groups)
    if session.territory_id is None:
        form.territory.choices = _choices(workshop.territories)
    else:
        del form.territory
    if session.working_groups:
        form.working_group.choices = _choices(session.working_groups)
    else:
        del form.working_group
    return form


class WallFilterForm(FlaskForm):
    """The kind filter of the moderation page (a GET form)."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Type"),
        choices=[SelectChoice("", _l("Tous les types")), *KIND_CHOICES],
        default="",
    )

    def chosen_kind(self) -> ContributionKind | None:
        if self.validate() and self.kind.data:
            return ContributionKind(self.kind.data)
        return None


class MergeForm(FlaskForm):
    """Merge a duplicate into another visible contribution."""

    target = SelectField(
        _l("Fusionner avec"),
        coerce=int,
        validators=[InputRequired(message=_l("Choisissez une contribution."))],
        invalid_choice_message=_l("Choisissez une contribution de la liste."),
    )

    @classmethod
    def for_contribution(
        cls, contribution: Contribution, targets: list[Contribution], **kwargs
    ) -> "MergeForm":
        form = cls(prefix=f"merge-{contribution.id}", **kwargs)
        form.target.choices = [
            SelectChoice(
                target.id,
                _("n°%(num)d — %(text)s", num=target.id, text=_excerpt(target.text)),
            )
            for target in targets
            if target.id != contribution.id
        ]
        return form


def _excerpt(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
