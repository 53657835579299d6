"""The questionnaire editor, used through its pages like a facilitator would."""

import html

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Answer, Question, Response
from tests.conftest import post_form


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator)
    db.session.commit()
    return workshop


def text(response):
    """The page as a reader sees it (HTML entities decoded)."""
    return html.unescape(response.get_data(as_text=True))


def url(workshop, path=""):
    return f"/workshops/{workshop.id}{path}"


def question_by_code(workshop, code):
    return db.session.execute(
        select(Question).where(
            Question.questionnaire_id == workshop.questionnaire_id,
            Question.code == code,
        )
    ).scalar_one()


def codes_in_order(workshop):
    db.session.expire_all()
    return [q.code for q in workshop.questionnaire.questions]


def answer(workshop, question, **values):
    """Store one anonymous response answering ``question``."""
    response = Response(
        questionnaire_id=workshop.questionnaire_id,
        dimensions={"session": "1", "wave": "", "territory": "1", "group": "1"},
        answers=[Answer(question_id=question.id, **values)],
    )
    db.session.add(response)
    db.session.commit()
    return response


def question_data(qtype="single_choice", label="Quel public ?", options=(), **extra):
    """What the question form posts; options are (code, label, order) rows."""
    data = {"qtype": qtype, "label": label, **extra}
    for i, (code, option_label, order) in enumerate(options):
        data[f"options-{i}-code"] = code
        data[f"options-{i}-label"] = option_label
        data[f"options-{i}-order"] = order
    return data


def edit_q1(client, workshop, options, **extra):
    question = question_by_code(workshop, "Q1")
    path = url(workshop, f"/questions/{question.id}/edit")
    extra.setdefault("label", "Besoin prioritaire ?")
    data = question_data(options=options, **extra)
    return post_form(client, path, data)


# The questionnaire page


def test_page_lists_questions_with_their_details(client, workshop):
    page = text(client.get(url(workshop, "/questionnaire")))
    assert page.index("Besoin prioritaire ?") < page.index("Les services sont connus.")
    for shown in ("Q1", "Choix unique", "Obligatoire", "Jeunesse", "Handicap"):
        assert shown in page
    assert "Échelle d'accord (5 points)" in page
    assert "Pas du tout d'accord" in page
    assert "Texte long" in page
    assert "Facultative" in page
    assert "Ajouter une question" in page
    assert "déjà reçu" not in page


def test_sections_head_their_questions_once(client, workshop):
    for code in ("Q1", "Q2"):
        question_by_code(workshop, code).section = "Les besoins"
    question_by_code(workshop, "Q3").section = "La participation"
    db.session.commit()
    page = text(client.get(url(workshop, "/questionnaire")))
    assert page.count("Les besoins</h2>") == 1
    assert page.index("Les besoins</h2>") < page.index("Besoin prioritaire ?")
    assert page.index("Les services sont connus.") < page.index("La participation</h2>")


def test_warning_when_the_workshop_has_responses(client, workshop):
    answer(workshop, question_by_code(workshop, "Q1"), option_code="A")
    page = text(client.get(url(workshop, "/questionnaire")))
    assert "Cet atelier a déjà reçu 1 réponse." in page
    assert "son code reste le même" in page


def test_number_bounds_are_shown(client, facilitator, make_workshop):
    workshop = make_workshop(
        owner=facilitator,
        questions=[
            Question(
                code="Q1", qtype="number", label="Âge ?", min_value=0, max_value=7.5
            )
        ],
    )
    db.session.commit()
    page = text(client.get(url(workshop, "/questionnaire")))
    assert "Nombre entre 0 et 7,5" in page


# Adding questions

CHOICES = (("", "Jeunesse", "1"), ("", "Handicap", "2"), ("", "", "3"))


@pytest.mark.parametrize(
    ("qtype", "type_label"),
    [
        ("single_choice", "Choix unique"),
        ("multiple_choice", "Choix multiple"),
        ("agreement_scale", "Échelle d'accord (5 points)"),
        ("scale_0_10", "Échelle de 0 à 10"),
        ("number", "Nombre"),
        ("short_text", "Texte court"),
        ("long_text", "Texte long"),
    ],
)
def test_add_each_question_type(client, workshop, qtype, type_label):
    data = question_data(qtype, "Votre avis ?", CHOICES, section="Avis", required="y")
    response = post_form(client, url(workshop, "/questions/new"), data)
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "Question Q4 ajoutée." in page
    assert "Votre avis ?" in page
    assert type_label in page
    question = question_by_code(workshop, "Q4")
    assert (question.qtype, question.section, question.required) == (
        qtype,
        "Avis",
        True,
    )
    assert question.position == 4
    if question.type.has_editable_options:
        assert [(o.code, o.label) for o in question.options] == [
            ("O1", "Jeunesse"),
            ("O2", "Handicap"),
        ]
    else:
        assert question.options == []


def test_add_number_with_french_decimal_bounds(client, workshop):
    data = question_data("number", "Combien ?", min_value="0", max_value="2,5")
    post_form(client, url(workshop, "/questions/new"), data)
    question = question_by_code(workshop, "Q4")
    assert (question.min_value, question.max_value) == (0, 2.5)


def test_bounds_are_ignored_for_other_types(client, workshop):
    data = question_data("short_text", "Un mot ?", min_value="5", max_value="1")
    response = post_form(client, url(workshop, "/questions/new"), data)
    assert response.status_code == 302
    question = question_by_code(workshop, "Q4")
    assert (question.min_value, question.max_value) == (None, None)


def test_new_codes_follow_the_highest_code(client, workshop):
    question_by_code(workshop, "Q2").code = "Q12"
    db.session.commit()
    post_form(client, url(workshop, "/questions/new"), question_data("long_text"))
    assert codes_in_order(workshop) == ["Q1", "Q12", "Q3", "Q13"]


def test_add_page_announces_the_code(client, workshop):
    page = text(client.get(url(workshop, "/questions/new")))
    assert "Q4" in page
    assert page.count('name="options-') == 3 * 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (question_data(label="", options=CHOICES), "Saisissez l'intitulé"),
        (
            question_data(options=(("", "Jeunesse", "1"),)),
            "Une question à choix demande au moins deux modalités.",
        ),
        (
            question_data(options=(("", "Jeunesse", "1"), ("", " jeunesse ", "2"))),
            "Cette modalité figure déjà dans la liste.",
        ),
        (
            question_data(options=(("", "J" * 301, "1"), ("", "Handicap", "2"))),
            "300 caractères au plus.",
        ),
        (
            question_data("number", min_value="10", max_value="2"),
            "La valeur maximale doit être supérieure ou égale à la minimale.",
        ),
        (
            question_data("number", min_value="dix"),
            "Saisissez un nombre, par exemple 12 ou 3,5.",
        ),
        (
            question_data(options=(("", "A", "premier"), ("", "B", "2"))),
            "Saisissez un nombre, par exemple 12 ou 3,5.",
        ),
    ],
)
def test_invalid_question_is_explained_in_french(client, workshop, data, message):
    response = post_form(client, url(workshop, "/questions/new"), data)
    page = text(response)
    assert response.status_code == 200
    assert message in page
    assert codes_in_order(workshop) == ["Q1", "Q2", "Q3"]


def test_invalid_question_keeps_what_was_typed(client, workshop):
    data = question_data(
        "multiple_choice",
        "",
        (("", "Personnes âgées", "2"), ("", "Personnes âgées", "1")),
        section="Les publics",
        help_text="Plusieurs réponses possibles.",
        required="y",
        min_value="3,5",
    )
    page = text(post_form(client, url(workshop, "/questions/new"), data))
    assert '<option selected value="multiple_choice">' in page
    assert 'value="Les publics"' in page
    assert "Plusieurs réponses possibles." in page
    assert '<input checked id="required"' in page
    assert page.count('value="Personnes âgées"') == 2
    assert 'value="3,5"' in page


# Editing questions


def test_edit_page_shows_the_existing_options_and_blank_rows(client, workshop):
    question = question_by_code(workshop, "Q1")
    page = text(client.get(url(workshop, f"/questions/{question.id}/edit")))
    assert "Modifier la question Q1" in page
    assert 'name="options-0-code" type="hidden" value="A"' in page
    assert 'value="Jeunesse"' in page
    assert page.count('name="options-') == 3 * 5


def test_rename_keeps_codes_and_new_options_get_fresh_ones(client, workshop):
    response = edit_q1(
        client,
        workshop,
        (
            ("A", "Jeunesse et enfance", "1"),
            ("B", "Handicap", "2"),
            ("", "Personnes âgées", "3"),
            ("", "Précarité", "4"),
        ),
        required="y",
    )
    assert response.status_code == 302
    question = question_by_code(workshop, "Q1")
    assert [(o.code, o.label) for o in question.options] == [
        ("A", "Jeunesse et enfance"),
        ("B", "Handicap"),
        ("O1", "Personnes âgées"),
        ("O2", "Précarité"),
    ]
    page = text(client.get(response.headers["Location"]))
    assert "Question Q1 enregistrée." in page
    assert "Jeunesse et enfance" in page


def test_a_new_option_never_takes_a_removed_code(client, workshop):
    edit_q1(client, workshop, (("A", "Jeunesse", "1"), ("", "Handicap", "2")))
    question = question_by_code(workshop, "Q1")
    assert [o.code for o in question.options] == ["A", "O1"]


def test_options_follow_their_order_numbers(client, workshop):
    edit_q1(
        client,
        workshop,
        (("A", "Jeunesse", "3"), ("B", "Handicap", "1"), ("", "Emploi", "1,5")),
    )
    question = question_by_code(workshop, "Q1")
    assert [o.label for o in question.options] == ["Handicap", "Emploi", "Jeunesse"]
    assert [o.position for o in question.options] == [1, 2, 3]
    assert question.required is False


def test_edit_label_section_help_and_required(client, workshop):
    question = question_by_code(workshop, "Q3")
    data = question_data(
        "long_text", "Une remarque ?", section="Pour finir", help_text="Librement."
    )
    post_form(client, url(workshop, f"/questions/{question.id}/edit"), data)
    question = question_by_code(workshop, "Q3")
    assert (question.label, question.section, question.help_text) == (
        "Une remarque ?",
        "Pour finir",
        "Librement.",
    )
    assert question.required is False


def test_edit_errors_keep_what_was_typed(client, workshop):
    response = edit_q1(
        client, workshop, (("A", "Santé", "1"), ("B", "santé", "2")), label=""
    )
    page = text(response)
    assert response.status_code == 200
    assert page.count('value="Santé"') == 1
    assert 'value="santé"' in page
    assert "Cette modalité figure déjà dans la liste." in page
    assert [o.label for o in question_by_code(workshop, "Q1").options] == [
        "Jeunesse",
        "Handicap",
    ]


def test_question_code_cannot_be_changed(client, workshop):
    edit_q1(
        client, workshop, (("A", "Jeunesse", "1"), ("B", "Handicap", "2")), code="Q9"
    )
    assert codes_in_order(workshop) == ["Q1", "Q2", "Q3"]


def test_unknown_option_code_is_refused(client, workshop):
    response = edit_q1(client, workshop, (("A", "Jeunesse", "1"), ("ZZ", "Autre", "2")))
    assert "rechargez la page" in text(response)


def test_type_change_without_answers_drops_the_options(client, workshop):
    question = question_by_code(workshop, "Q1")
    data = question_data("number", "Combien ?", max_value="10")
    post_form(client, url(workshop, f"/questions/{question.id}/edit"), data)
    question = question_by_code(workshop, "Q1")
    assert (question.qtype, question.max_value, question.options) == ("number", 10, [])


# Once participants have answered


def test_type_of_an_answered_question_cannot_change(client, workshop):
    question = question_by_code(workshop, "Q3")
    answer(workshop, question, text="Plus de lien entre associations.")
    path = url(workshop, f"/questions/{question.id}/edit")
    assert "Cette question a déjà des réponses." in text(client.get(path))
    response = post_form(client, path, question_data("short_text", "Un commentaire ?"))
    assert "son type ne peut plus changer" in text(response)
    assert question_by_code(workshop, "Q3").qtype == "long_text"


def test_answered_option_can_be_renamed_not_removed(client, workshop):
    answer(workshop, question_by_code(workshop, "Q1"), option_code="A")
    response = edit_q1(client, workshop, (("A", "", "1"), ("B", "Handicap", "2")))
    page = text(response)
    assert "renommez-la plutôt que de la supprimer" in page
    assert len(question_by_code(workshop, "Q1").options) == 2

    response = edit_q1(
        client,
        workshop,
        (("A", "Enfance et jeunesse", "1"), ("B", "", "2"), ("", "Emploi", "3")),
    )
    assert response.status_code == 302
    options = question_by_code(workshop, "Q1").options
    assert [(o.code, o.label) for o in options] == [
        ("A", "Enfance et jeunesse"),
        ("O1", "Emploi"),
    ]


def test_answered_option_left_out_of_the_form_is_not_removed(client, workshop):
    answer(workshop, question_by_code(workshop, "Q1"), option_code="B")
    response = edit_q1(client, workshop, (("A", "Jeunesse", "1"), ("", "Emploi", "2")))
    assert "ne peut pas être supprimée" in text(response)
    assert [o.code for o in question_by_code(workshop, "Q1").options] == ["A", "B"]
