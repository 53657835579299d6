"""Forms of the questionnaire editor that are not about a question's content."""

from flask_wtf import FlaskForm
from wtforms import HiddenField

CONFIRMED = "yes"


class DeleteQuestionForm(FlaskForm):
    """Deleting a question; answered ones need an explicit confirmation."""

    confirm = HiddenField()

    @property
    def confirmed(self) -> bool:
        return self.confirm.data == CONFIRMED
