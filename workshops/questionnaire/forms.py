"""Forms of the questionnaire editor: a question with its working groups, and
deleting a question."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget

from surveys.forms import QuestionForm
from workshops.models import WorkingGroup

CONFIRMED = "yes"


class WorkshopQuestionForm(QuestionForm):
    """A question, and the working groups it is reserved to (none: everyone).

    ``working_groups`` are the workshop's groups, offered as checkboxes.
    """

    working_groups = SelectMultipleField(
        _l("Réservée aux groupes de travail"),
        description=_l(
            "Cochez les groupes qui verront cette question sur leur téléphone. "
            "Aucune case cochée : la question est posée à tout le monde."
        ),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )

    def __init__(
        self, *args, working_groups: list[WorkingGroup], question=None, **kwargs
    ) -> None:
        super().__init__(*args, question=question, **kwargs)
        self.working_groups.choices = [(str(g.id), g.name) for g in working_groups]
        if not self.is_submitted():
            self.working_groups.data = [
                str(group.id)
                for group in working_groups
                if question is not None and question in group.questions
            ]

    def working_group_ids(self) -> set[int]:
        """The ids of the checked working groups."""
        return {int(value) for value in self.working_groups.data or ()}


class DeleteQuestionForm(FlaskForm):
    """Deleting a question; answered ones need an explicit confirmation."""

    confirm = HiddenField()

    @property
    def confirmed(self) -> bool:
        return self.confirm.data == CONFIRMED
