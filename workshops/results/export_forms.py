"""The export options of the results page (a GET form, like the filters)."""

from flask import current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.fields.choices import SelectChoice


class ExportOptionsForm(FlaskForm):
    """Language of the workbook, and whether to add the individual rows.

    The session, wave and working group filters and the comparison ride along
    as hidden fields; the results filter form validates them.
    """

    class Meta:
        csrf = False  # a read-only GET form

    session = HiddenField()
    wave = HiddenField()
    working_group = HiddenField()
    compare = HiddenField()
    lang = SelectField(_l("Langue du classeur"))
    with_data = BooleanField(
        _l("Inclure les données individuelles anonymes"),
        description=_l(
            "Ajoute la feuille « Données » : une ligne par réponse, sans "
            "identifiant, les petits groupes regroupés en « Autres ». Croiser "
            "les colonnes peut malgré tout permettre de reconnaître quelqu’un : "
            "ne la diffusez qu’aux personnes qui en ont besoin."
        ),
    )

    def __init__(self, **kwargs) -> None:
        super().__init__(formdata=request.args, **kwargs)
        languages = current_app.config["LANGUAGES"].items()
        self.lang.choices = [SelectChoice(code, name) for code, name in languages]
        if "lang" not in request.args:
            # Default: the language the facilitator is reading the page in.
            self.lang.data = str(get_locale())
