"""Each question type: its participant field, validation and stored values."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from surveys.fields import (
    AnswerValue,
    get_question_type,
    question_types,
)
from surveys.models import Option, Question

REQUIRED = "Cette question est obligatoire."
NOT_A_NUMBER = "Saisissez un nombre, par exemple 12 ou 3,5."


@pytest.fixture(autouse=True)
def _request(app):
    # Lazy French messages are rendered in a request, as in the application.
    with app.test_request_context():
        yield


def make_question(qtype, *, required=False, options=("A", "B", "C"), **attrs):
    return Question(
        code="Q1",
        qtype=qtype,
        label="Une question ?",
        help_text="Une précision.",
        required=required,
        options=[
            Option(code=code, label=f"Modalité {code}", position=i)
            for i, code in enumerate(options, start=1)
        ],
        **attrs,
    )


def submit(question, *values):
    """Bind the question's field to posted values; (valid, field, answers)."""
    form_class = type(
        "AnswerForm", (Form,), {"answer": question.type.make_field(question)}
    )
    form = form_class(MultiDict([("answer", value) for value in values]))
    valid = form.validate()
    answers = question.type.to_answers(question, form.answer.data) if valid else None
    return valid, form.answer, answers


def messages(field):
    return [str(error) for error in field.errors]


# The registry


def test_editor_offers_every_type_in_order():
    assert [t.name for t in question_types()] == [
        "single_choice",
        "multiple_choice",
        "agreement_scale",
        "scale_0_10",
        "number",
        "short_text",
        "long_text",
    ]
    assert [str(t.label) for t in question_types()] == [
        "Choix unique",
        "Choix multiple",
        "Échelle d'accord (5 points)",
        "Échelle de 0 à 10",
        "Nombre",
        "Texte court",
        "Texte long",
    ]


def test_unknown_type_is_an_error():
    with pytest.raises(KeyError):
        get_question_type("ranking")


def test_question_knows_its_type():
    assert make_question("number").type is get_question_type("number")


@pytest.mark.parametrize(
    ("qtype", "flags"),
    [
        ("single_choice", {"has_editable_options", "has_distribution"}),
        ("multiple_choice", {"has_editable_options", "has_distribution", "multiple"}),
        ("agreement_scale", {"has_distribution", "is_numeric"}),
        ("scale_0_10", {"has_distribution", "is_numeric"}),
        ("number", {"is_numeric", "has_bounds"}),
        ("short_text", {"is_text"}),
        ("long_text", {"is_text"}),
    ],
)
def test_type_flags(qtype, flags):
    names = (
        "has_editable_options",
        "has_distribution",
        "multiple",
        "is_numeric",
        "is_text",
        "has_bounds",
    )
    question_type = get_question_type(qtype)
    assert {name for name in names if getattr(question_type, name)} == flags


@pytest.mark.parametrize(
    "qtype",
    [
        "single_choice",
        "multiple_choice",
        "agreement_scale",
        "scale_0_10",
        "number",
        "short_text",
        "long_text",
    ],
)
def test_field_carries_label_and_help(qtype):
    _valid, field, _answers = submit(make_question(qtype))
    assert field.label.text == "Une question ?"
    assert field.description == "Une précision."


# Single choice


def test_single_choice_offers_the_options_in_order():
    question = make_question("single_choice", options=("B", "A"))
    _valid, field, _answers = submit(question)
    assert [(value, label) for value, label, *_ in field.iter_choices()] == [
        ("B", "Modalité B"),
        ("A", "Modalité A"),
    ]


def test_single_choice_stores_the_option_code():
    valid, _field, answers = submit(make_question("single_choice"), "B")
    assert valid
    assert answers == [AnswerValue(option_code="B")]


def test_single_choice_refuses_an_unknown_code():
    valid, field, _answers = submit(make_question("single_choice"), "Z")
    assert not valid
    assert field.errors


@pytest.mark.parametrize("posted", [(), ("",), ("None",)])
def test_single_choice_required(posted):
    valid, field, _answers = submit(
        make_question("single_choice", required=True), *posted
    )
    assert not valid
    assert messages(field) == [REQUIRED]


@pytest.mark.parametrize("posted", [(), ("",)])
def test_single_choice_optional_may_stay_empty(posted):
    valid, field, answers = submit(make_question("single_choice"), *posted)
    assert valid
    assert field.data is None
    assert answers == []


# Multiple choice


def test_multiple_choice_keeps_questionnaire_order_and_drops_repeats():
    valid, _field, answers = submit(make_question("multiple_choice"), "C", "A", "C")
    assert valid
    assert answers == [AnswerValue(option_code="A"), AnswerValue(option_code="C")]


def test_multiple_choice_refuses_an_unknown_code():
    valid, field, _answers = submit(make_question("multiple_choice"), "A", "Z")
    assert not valid
    assert field.errors


def test_multiple_choice_required_needs_one_box():
    valid, field, _answers = submit(make_question("multiple_choice", required=True))
    assert not valid
    assert messages(field) == [REQUIRED]


def test_multiple_choice_optional_may_stay_empty():
    valid, _field, answers = submit(make_question("multiple_choice"))
    assert valid
    assert answers == []


def test_multiple_choice_renders_checkboxes():
    _valid, field, _answers = submit(make_question("multiple_choice"))
    html = field()
    assert html.count('type="checkbox"') == 3


# Scales


def test_agreement_scale_has_five_labelled_points():
    question_type = get_question_type("agreement_scale")
    choices = question_type.choices(make_question("agreement_scale", options=()))
    assert [code for code, _label in choices] == ["1", "2", "3", "4", "5"]
    assert choices[0][1] == "Pas du tout d'accord"
    assert choices[-1][1] == "Tout à fait d'accord"
    assert question_type.value_range(None) == (1.0, 5.0)


def test_agreement_scale_stores_code_and_number():
    valid, _field, answers = submit(make_question("agreement_scale", options=()), "4")
    assert valid
    assert answers == [AnswerValue(option_code="4", number=4.0)]


@pytest.mark.parametrize("posted", ["0", "6", "4.0", "tout à fait"])
def test_agreement_scale_refuses_other_values(posted):
    valid, _field, _answers = submit(make_question("agreement_scale"), posted)
    assert not valid


def test_zero_to_ten_scale_accepts_zero():
    valid, _field, answers = submit(make_question("scale_0_10", required=True), "0")
    assert valid
    assert answers == [AnswerValue(option_code="0", number=0.0)]


def test_zero_to_ten_scale_bounds():
    question = make_question("scale_0_10")
    assert [code for code, _ in question.type.choices(question)] == [
        str(n) for n in range(11)
    ]
    assert question.type.value_range(question) == (0.0, 10.0)
    assert submit(question, "10")[0]
    assert not submit(question, "11")[0]
    assert not submit(question, "-1")[0]


@pytest.mark.parametrize("qtype", ["agreement_scale", "scale_0_10"])
def test_scales_required_and_optional(qtype):
    valid, field, _answers = submit(make_question(qtype, required=True))
    assert not valid
    assert messages(field) == [REQUIRED]
    valid, _field, answers = submit(make_question(qtype))
    assert valid
    assert answers == []


# Numbers


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12", 12.0), ("3,5", 3.5), ("3.5", 3.5), (" 1 200 ", 1200.0), ("-2,25", -2.25)],
)
def test_number_accepts_french_and_english_notation(typed, number):
    valid, _field, answers = submit(make_question("number"), typed)
    assert valid
    assert answers == [AnswerValue(number=number)]


@pytest.mark.parametrize("typed", ["douze", "3,5,1", "nan", "inf", "-inf", "1e400"])
def test_number_refuses_what_is_not_a_number(typed):
    valid, field, _answers = submit(make_question("number"), typed)
    assert not valid
    assert messages(field) == [NOT_A_NUMBER]


def test_number_keeps_what_was_typed_after_an_error():
    _valid, field, _answers = submit(make_question("number"), "douze")
    assert 'value="douze"' in field()


def test_number_shows_a_decimal_comma():
    _valid, field, _answers = submit(make_question("number"), "3.5")
    field.raw_text = ""
    assert 'value="3,5"' in field()


def test_zero_is_an_answer():
    valid, _field, answers = submit(make_question("number", required=True), "0")
    assert valid
    assert answers == [AnswerValue(number=0.0)]


def test_number_required_and_optional():
    valid, field, _answers = submit(make_question("number", required=True), "")
    assert not valid
    assert messages(field) == [REQUIRED]
    valid, field, answers = submit(make_question("number"), "")
    assert valid
    assert field.errors == []
    assert answers == []


@pytest.mark.parametrize(
    ("bounds", "typed", "message"),
    [
        ({"min_value": 0, "max_value": 10}, "11", "Saisissez un nombre entre 0 et 10."),
        (
            {"min_value": 0, "max_value": 10},
            "-0,5",
            "Saisissez un nombre entre 0 et 10.",
        ),
        ({"min_value": 1.5}, "1", "Saisissez un nombre supérieur ou égal à 1.5."),
        ({"max_value": 100}, "101", "Saisissez un nombre inférieur ou égal à 100."),
    ],
)
def test_number_bounds(bounds, typed, message):
    valid, field, _answers = submit(make_question("number", **bounds), typed)
    assert not valid
    assert messages(field) == [message]


@pytest.mark.parametrize("typed", ["0", "10", "5,5"])
def test_number_bounds_are_inclusive(typed):
    question = make_question("number", min_value=0, max_value=10)
    assert submit(question, typed)[0]


def test_number_value_range_needs_both_bounds():
    number = get_question_type("number")
    assert number.value_range(make_question("number", min_value=0)) is None
    assert number.value_range(make_question("number", min_value=0, max_value=20)) == (
        0,
        20,
    )


def test_number_without_bounds_takes_any_value():
    assert submit(make_question("number"), "-1000000")[0]


# Texts


@pytest.mark.parametrize(("qtype", "limit"), [("short_text", 300), ("long_text", 5000)])
def test_text_length_limits(qtype, limit):
    valid, _field, answers = submit(make_question(qtype), "a" * limit)
    assert valid
    assert answers == [AnswerValue(text="a" * limit)]
    valid, field, _answers = submit(make_question(qtype), "a" * (limit + 1))
    assert not valid
    assert messages(field) == [f"{limit} caractères au plus."]


@pytest.mark.parametrize("qtype", ["short_text", "long_text"])
def test_text_is_stripped(qtype):
    valid, _field, answers = submit(make_question(qtype), "  Plus de moyens \n")
    assert valid
    assert answers == [AnswerValue(text="Plus de moyens")]


@pytest.mark.parametrize("qtype", ["short_text", "long_text"])
@pytest.mark.parametrize("posted", [(), ("",), ("   ",)])
def test_required_text_needs_more_than_spaces(qtype, posted):
    valid, field, _answers = submit(make_question(qtype, required=True), *posted)
    assert not valid
    assert messages(field) == [REQUIRED]


@pytest.mark.parametrize("qtype", ["short_text", "long_text"])
@pytest.mark.parametrize("posted", [(), ("",), ("   ",)])
def test_optional_text_may_stay_empty(qtype, posted):
    valid, _field, answers = submit(make_question(qtype), *posted)
    assert valid
    assert answers == []


def test_long_text_is_a_text_area_and_short_text_a_line():
    assert "<textarea" in submit(make_question("long_text"))[1]()
    assert 'type="text"' in submit(make_question("short_text"))[1]()


def test_texts_and_numbers_have_no_categories():
    for qtype in ("number", "short_text", "long_text"):
        question = make_question(qtype)
        assert question.type.choices(question) == []
