"""Unit tests: the participant form built from a questionnaire, and recording."""

import pytest
from werkzeug.datastructures import MultiDict

from facilitator.extensions import db
from surveys.models import Answer, Option, Question, Questionnaire, Response
from surveys.participant_form import field_name, make_survey_form
from surveys.responses import record_response


@pytest.fixture
def questionnaire(app):
    questionnaire = Questionnaire(
        title="Diagnostic",
        questions=[
            Question(
                code="Q1",
                qtype="single_choice",
                position=1,
                label="Public prioritaire ?",
                required=True,
                options=[
                    Option(code="A", label="Jeunesse", position=1),
                    Option(code="B", label="Handicap", position=2),
                ],
            ),
            Question(
                code="Q2",
                qtype="multiple_choice",
                position=2,
                label="Services connus ?",
                required=True,
                options=[
                    Option(code="CCAS", label="CCAS", position=1),
                    Option(code="MDPH", label="MDPH", position=2),
                    Option(code="MJC", label="MJC", position=3),
                ],
            ),
            Question(code="Q3", qtype="agreement_scale", position=3, label="Accord ?"),
            Question(code="Q4", qtype="scale_0_10", position=4, label="Note ?"),
            Question(
                code="Q5",
                qtype="number",
                position=5,
                label="Nombre de structures ?",
                min_value=0,
                max_value=100,
            ),
            Question(code="Q6", qtype="short_text", position=6, label="Un mot ?"),
            Question(code="Q7", qtype="long_text", position=7, label="Commentaire ?"),
        ],
    )
    db.session.add(questionnaire)
    db.session.flush()
    return questionnaire


def _bound_form(app, questionnaire, data: dict):
    # Choice labels are translated: the form is built inside a request.
    with app.test_request_context(method="POST", data=MultiDict(data)):
        form = make_survey_form(questionnaire)(meta={"csrf": False})
        form.validate()
    return form


def _names(questionnaire) -> list[str]:
    return [field_name(question) for question in questionnaire.questions]


def test_survey_form_has_one_field_per_question(app, questionnaire):
    with app.test_request_context():
        form = make_survey_form(questionnaire)(meta={"csrf": False})
        names = [field.name for field in form]
    assert sorted(names) == sorted(_names(questionnaire))
    assert all(name.startswith("q_") for name in names)


def test_survey_form_flags_every_required_question(app, questionnaire):
    q1, q2, q3, *_rest = _names(questionnaire)
    with app.test_request_context():
        form = make_survey_form(questionnaire)(meta={"csrf": False})
        # The multiple choice enforces "required" itself: it is flagged too.
        assert form[q1].flags.required
        assert form[q2].flags.required
        assert not form[q3].flags.required


def test_survey_form_requires_required_questions(app, questionnaire):
    q1, q2, *_rest = _names(questionnaire)
    form = _bound_form(app, questionnaire, {})
    assert set(form.errors) == {q1, q2}
    assert form.errors[q1] == ["Cette question est obligatoire."]


def test_survey_form_rejects_unknown_option_and_out_of_range_number(app, questionnaire):
    q1, q2, _q3, _q4, q5, *_rest = _names(questionnaire)
    form = _bound_form(app, questionnaire, {q1: "Z", q2: "CCAS", q5: "250"})
    assert set(form.errors) == {q1, q5}


def _answers_by_question(response: Response) -> dict[str, list[Answer]]:
    codes = {question.id: question.code for question in response_questions(response)}
    result: dict[str, list[Answer]] = {}
    for answer in response.answers:
        result.setdefault(codes[answer.question_id], []).append(answer)
    return result


def response_questions(response: Response) -> list[Question]:
    return list(db.session.get(Questionnaire, response.questionnaire_id).questions)


def test_record_response_stores_each_type(app, questionnaire):
    q1, q2, q3, q4, q5, q6, q7 = _names(questionnaire)
    data = MultiDict(
        [
            (q1, "B"),
            (q2, "MJC"),
            (q2, "CCAS"),
            (q3, "4"),
            (q4, "0"),
            (q5, "3,5"),
            (q6, "  Solidarité  "),
            (q7, "Plus de lien entre associations et mairie."),
        ]
    )
    form = _bound_form(app, questionnaire, data)
    assert form.errors == {}
    dimensions = {"session": "1", "wave": "", "territory": "2", "group": "3"}

    response = record_response(questionnaire, dimensions, form.data)

    assert response.id is not None
    assert response.dimensions == dimensions
    answers = _answers_by_question(response)
    assert [a.option_code for a in answers["Q1"]] == ["B"]
    # One row per chosen option, in the questionnaire's order.
    assert [a.option_code for a in answers["Q2"]] == ["CCAS", "MJC"]
    assert (answers["Q3"][0].option_code, answers["Q3"][0].number) == ("4", 4.0)
    assert (answers["Q4"][0].option_code, answers["Q4"][0].number) == ("0", 0.0)
    assert answers["Q5"][0].number == 3.5
    assert answers["Q6"][0].text == "Solidarité"
    assert answers["Q7"][0].text == "Plus de lien entre associations et mairie."


def test_record_response_stores_nothing_for_unanswered_questions(app, questionnaire):
    q1, q2, *_rest = _names(questionnaire)
    form = _bound_form(app, questionnaire, MultiDict([(q1, "A"), (q2, "MDPH")]))

    response = record_response(questionnaire, {"session": "1"}, form.data)

    assert sorted(a.option_code for a in response.answers) == ["A", "MDPH"]
    assert db.session.query(Answer).count() == 2


def test_record_response_refuses_non_string_dimensions(app, questionnaire):
    with pytest.raises(TypeError):
        record_response(questionnaire, {"territory": 2}, {})
