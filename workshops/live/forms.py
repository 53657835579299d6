"""Forms of the control panel and the projector's options."""

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf

from workshops.live.projector import ProjectorOptions
from workshops.models import Pacing, Workshop

COMPARE_WORKING_GROUPS = "working_groups"


class PacingForm(FlaskForm):
    """A button switching the session to the other pacing."""

    pacing = HiddenField(
        validators=[
            AnyOf([pacing.value for pacing in Pacing], message=_l("Rythme inconnu."))
        ]
    )


class ProjectorOptionsForm(FlaskForm):
    """The projector's query string: ?working_group=<id> or ?compare=working_groups."""

    class Meta:
        csrf = False  # a read-only GET form

    working_group = SelectField(default="")
    compare = SelectField(
        default="",
        choices=[SelectChoice("", ""), SelectChoice(COMPARE_WORKING_GROUPS, "")],
    )

    def __init__(self, workshop: Workshop, **kwargs) -> None:
        super().__init__(formdata=request.args, **kwargs)
        self._groups = {str(group.id): group for group in workshop.working_groups}
        self.working_group.choices = [
            SelectChoice("", ""),
            *(SelectChoice(key, "") for key in self._groups),
        ]

    def options(self) -> ProjectorOptions:
        """The validated options (call after ``validate``)."""
        return ProjectorOptions(
            working_group=self._groups.get(self.working_group.data or ""),
            compare_working_groups=self.compare.data == COMPARE_WORKING_GROUPS,
        )

    def query_args(self) -> dict[str, str]:
        """The options as URL parameters, for the state URL and links."""
        return {
            name: field.data
            for name, field in (
                ("working_group", self.working_group),
                ("compare", self.compare),
            )
            if field.data
        }
