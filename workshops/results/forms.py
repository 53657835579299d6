"""The filters of the results page (a GET form: links can be shared and kept)."""

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice

from workshops.labels import wave_label
from workshops.models import Workshop
from workshops.results.queries import (
    COMPARE_DEFAULT,
    COMPARE_WORKING_GROUPS,
    present_waves,
)


class ResultsFilterForm(FlaskForm):
    """Session, wave and working group filters, and what the columns compare.

    The working group filter and comparison are offered only when the workshop
    has working groups; otherwise their only choice is the default.
    """

    class Meta:
        csrf = False  # a read-only GET form

    session = SelectField(_l("Séance"), default="")
    wave = SelectField(_l("Vague"), default="")
    working_group = SelectField(_l("Groupe de travail"), default="")
    compare = RadioField(_l("Comparer par"), default=COMPARE_DEFAULT)

    def __init__(self, workshop: Workshop, **kwargs) -> None:
        super().__init__(formdata=request.args, **kwargs)
        self.session.choices = [SelectChoice("", _("Toutes les séances"))] + [
            SelectChoice(str(session.id), _session_label(session))
            for session in workshop.sessions
        ]
        self.wave.choices = [SelectChoice("", _("Toutes les vagues"))] + [
            SelectChoice(wave, wave_label(wave)) for wave in present_waves(workshop)
        ]
        self.working_group.choices = [
            SelectChoice("", _("Tous les groupes de travail"))
        ] + [SelectChoice(str(g.id), g.name) for g in workshop.working_groups]
        self.compare.choices = [
            SelectChoice(COMPARE_DEFAULT, _("territoires × collèges"))
        ]
        if workshop.working_groups:
            self.compare.choices.append(
                SelectChoice(COMPARE_WORKING_GROUPS, _("groupes de travail"))
            )

    @property
    def offers_working_groups(self) -> bool:
        return len(self.working_group.choices) > 1


def _session_label(session) -> str:
    if session.wave:
        return f"{session.label} ({wave_label(session.wave)})"
    return session.label
