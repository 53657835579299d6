"""The filters of the results page (a GET form: links can be shared and kept)."""

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from workshops.labels import wave_label
from workshops.models import Workshop
from workshops.results.queries import present_waves


class ResultsFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a read-only GET form

    session = SelectField(_l("Séance"), default="")
    wave = SelectField(_l("Vague"), default="")

    def __init__(self, workshop: Workshop, **kwargs) -> None:
        super().__init__(formdata=request.args, **kwargs)
        self.session.choices = [SelectChoice("", _("Toutes les séances"))] + [
            SelectChoice(str(session.id), _session_label(session))
            for session in workshop.sessions
        ]
        self.wave.choices = [SelectChoice("", _("Toutes les vagues"))] + [
            SelectChoice(wave, wave_label(wave)) for wave in present_waves(workshop)
        ]


def _session_label(session) -> str:
    if session.wave:
        return f"{session.label} ({wave_label(session.wave)})"
    return session.label
