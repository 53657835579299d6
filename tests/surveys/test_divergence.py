"""Divergence and convergence scores on small hand-computed examples."""

import pytest

from facilitator.extensions import db
from surveys.aggregation import Dimension, aggregate
from surveys.aggregation.divergence import (
    METHOD_DISTRIBUTION,
    METHOD_MEAN,
    convergences,
    divergences,
    mean_gap_score,
    mean_share_gap,
    total_variation,
)
from surveys.models import Option, Question, Questionnaire
from surveys.participant_form import field_name
from surveys.responses import record_response

TERRITORY = Dimension(
    "territory", "Territoire", (("t1", "Savoie"), ("t2", "Bignona")), "Par territoire"
)
GROUP = Dimension(
    "group", "Collège", (("g1", "Élus"), ("g2", "Habitants")), "Par collège"
)
DIMENSIONS = (TERRITORY, GROUP)

# territory, group, Q1 (single), Q2 (multiple), Q3 (agreement 1-5), Q4 (number)
ANSWERS = [
    ("t1", "g1", "A", ["X", "Y"], "5", 10),
    ("t1", "g2", "A", ["X"], "4", 20),
    ("t1", "g1", "A", ["Y"], "4", None),
    ("t1", "g2", "B", ["X"], "5", None),
    ("t2", "g1", "A", ["Z"], "2", 30),
    ("t2", "g2", "B", ["X", "Z"], "1", 50),
]


@pytest.fixture
def questionnaire(app):
    # Labels are translated in the language of a request.
    with app.test_request_context():
        yield make_questionnaire()


def make_questionnaire():
    """Q1 single choice, Q2 multiple, Q3 agreement scale, Q4 number, Q5 text."""
    questionnaire = Questionnaire(
        title="Diagnostic",
        questions=[
            Question(
                code="Q1",
                qtype="single_choice",
                position=1,
                label="Besoin prioritaire ?",
                options=[
                    Option(code="A", label="Jeunesse", position=1),
                    Option(code="B", label="Handicap", position=2),
                ],
            ),
            Question(
                code="Q2",
                qtype="multiple_choice",
                position=2,
                label="Publics suivis ?",
                options=[
                    Option(code="X", label="Aînés", position=1),
                    Option(code="Y", label="Jeunes", position=2),
                    Option(code="Z", label="Familles", position=3),
                ],
            ),
            Question(code="Q3", qtype="agreement_scale", position=3, label="Connu ?"),
            Question(code="Q4", qtype="number", position=4, label="Combien ?"),
            Question(code="Q5", qtype="long_text", position=5, label="Pourquoi ?"),
        ],
    )
    db.session.add(questionnaire)
    db.session.commit()
    return questionnaire


def respond(questionnaire, territory, group, wave="", **answers):
    """Store one response the way the participant flow does."""
    questions = {question.code: question for question in questionnaire.questions}
    record_response(
        questionnaire,
        {"session": "1", "wave": wave, "territory": territory, "group": group},
        {field_name(questions[code]): data for code, data in answers.items()},
    )
    db.session.commit()


@pytest.fixture
def answered(questionnaire):
    for territory, group, q1, q2, q3, q4 in ANSWERS:
        respond(questionnaire, territory, group, Q1=q1, Q2=q2, Q3=q3, Q4=q4, Q5="x")
    return questionnaire


def scores(items):
    return [(d.code, round(d.score, 4)) for d in items]


def test_distances_on_their_own():
    assert total_variation({"A": 1.0}, {"B": 1.0}) == 1
    assert total_variation({"A": 0.5, "B": 0.5}, {"A": 0.5, "B": 0.5}) == 0
    assert total_variation({"A": 0.75, "B": 0.25}, {"A": 0.5, "B": 0.5}) == 0.25
    assert mean_share_gap({"X": 1.0, "Y": 0.0}, {"X": 0.5, "Y": 0.5}) == 0.5
    assert mean_gap_score(4.1, 2.6, 1, 5) == pytest.approx(0.375)
    assert mean_gap_score(3, 3, 2, 2) == 0


def test_territories_most_divergent_first(answered):
    results = aggregate(answered, DIMENSIONS)
    found = divergences(results, "territory")
    # Q3: means 4.5 and 1.5 on 1..5 -> 3/4; Q4: means 15 and 40 on the observed
    # 10..50 -> 25/40; Q2: option gaps .25, .5, 1 -> 1.75/3; Q1: TV .25.
    assert scores(found) == [("Q3", 0.75), ("Q4", 0.625), ("Q2", 0.5833), ("Q1", 0.25)]
    q3, q4, q2, q1 = found
    assert (q3.method, q3.extremes, q3.summary) == (
        METHOD_MEAN,
        ("Savoie", "Bignona"),
        "Savoie 4,5 · Bignona 1,5",
    )
    assert q4.summary == "Bignona 40,0 · Savoie 15,0"
    assert q2.method == METHOD_DISTRIBUTION
    assert (
        q2.summary.replace("\xa0", " ") == "« Familles » : Bignona 100 % · Savoie 0 %"
    )
    assert (
        q1.summary.replace("\xa0", " ") == "« Jeunesse » : Savoie 75 % · Bignona 50 %"
    )
    assert {d.dimension for d in found} == {"territory"}
    assert q1.label == "Besoin prioritaire ?"


def test_actor_groups_and_convergence_needs_enough_respondents(answered):
    results = aggregate(answered, DIMENSIONS)
    # Q1: all Élus chose A, Habitants 1/3 A -> TV 2/3; Q2: gaps 2/3, 2/3, 0 ->
    # 4/9; Q4: means 20 and 35 -> 15/40; Q3: 11/3 and 10/3 -> (1/3)/4.
    assert scores(divergences(results, "group")) == [
        ("Q1", 0.6667),
        ("Q2", 0.4444),
        ("Q4", 0.375),
        ("Q3", 0.0833),
    ]
    # Three respondents per group: too few to say the groups agree...
    assert convergences(results, "group") == []
    # ... unless the caller accepts it; then most alike first. Q4 was answered
    # by only two respondents per group.
    assert scores(convergences(results, "group", min_respondents=3)) == [
        ("Q3", 0.0833),
        ("Q2", 0.4444),
        ("Q1", 0.6667),
    ]
    assert [d.code for d in convergences(results, "group", min_respondents=2)] == [
        "Q3",
        "Q4",
        "Q2",
        "Q1",
    ]


def test_hidden_values_do_not_count(answered):
    # Bignona has 2 respondents: hidden under a threshold of 3, so the territories
    # cannot be compared at all; the groups (3 and 3) still can.
    results = aggregate(answered, DIMENSIONS, threshold=3)
    assert divergences(results, "territory") == []
    assert [d.code for d in divergences(results, "group")] == ["Q1", "Q2", "Q3"]


def test_unlisted_values_and_unknown_dimensions_are_left_out(answered):
    respond(answered, "t9", "g1", Q1="B", Q3="1")
    results = aggregate(answered, DIMENSIONS)
    found = {d.code: d for d in divergences(results, "territory")}
    assert "Inconnu" not in found["Q1"].extremes
    assert found["Q1"].score == pytest.approx(0.25)
    assert divergences(results, "working_group") == []


def test_a_single_dimension_compares_its_cells(answered):
    results = aggregate(answered, (TERRITORY,))
    assert scores(divergences(results, "territory"))[0] == ("Q3", 0.75)


def test_scale_range_comes_from_the_type_or_the_bounds(questionnaire):
    number = questionnaire.questions[3]
    number.min_value, number.max_value = 0, 100
    db.session.commit()
    respond(questionnaire, "t1", "g1", Q4=10)
    respond(questionnaire, "t2", "g1", Q4=60)
    results = aggregate(questionnaire, DIMENSIONS)
    assert scores(divergences(results, "territory")) == [("Q4", 0.5)]
