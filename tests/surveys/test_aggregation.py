"""Comparison tables on small hand-computed examples."""

import pytest

from facilitator.extensions import db
from surveys.aggregation import ALL, ColumnKind, Dimension, RowKind, aggregate
from surveys.models import Option, Question, Questionnaire
from surveys.participant_form import field_name
from surveys.responses import record_response

TERRITORY = Dimension(
    "territory",
    "Territoire",
    (("t1", "Savoie"), ("t2", "Bignona")),
    total_label="Total par territoire",
)
GROUP = Dimension(
    "group",
    "Collège",
    (("g1", "Élus"), ("g2", "Habitants")),
    total_label="Total par collège",
)
DIMENSIONS = (TERRITORY, GROUP)


@pytest.fixture
def questionnaire(app):
    # Labels are translated in the language of a request.
    with app.test_request_context():
        yield _questionnaire()


def _questionnaire():
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
            Question(code="Q5", qtype="long_text", position=5, label="Commentaire ?"),
        ],
    )
    db.session.add(questionnaire)
    db.session.commit()
    return questionnaire


def respond(questionnaire, territory, group, session="s1", wave="", **answers):
    """Store one response the way the participant flow does."""
    questions = {question.code: question for question in questionnaire.questions}
    response = record_response(
        questionnaire,
        {"session": session, "wave": wave, "territory": territory, "group": group},
        {field_name(questions[code]): data for code, data in answers.items()},
    )
    db.session.commit()
    return response


def table(results, code):
    """{(row label, column title): cell} of one question."""
    question = next(q for q in results.questions if q.code == code)
    return {
        (row.code or row.kind.value, column.title): cell
        for row in question.rows
        for column, cell in zip(results.columns, row.cells, strict=True)
    }


def test_columns_are_cells_then_totals_then_ensemble(questionnaire):
    results = aggregate(questionnaire, DIMENSIONS)
    assert [column.title for column in results.columns] == [
        "Savoie · Élus",
        "Savoie · Habitants",
        "Bignona · Élus",
        "Bignona · Habitants",
        "Savoie",
        "Bignona",
        "Élus",
        "Habitants",
        "Ensemble",
    ]
    assert results.columns[-1].key == (ALL, ALL)
    upper, lower = results.header_rows()
    assert [(cell.label, cell.colspan, cell.rowspan) for cell in upper] == [
        ("Savoie", 2, 1),
        ("Bignona", 2, 1),
        ("Total par territoire", 2, 1),
        ("Total par collège", 2, 1),
        ("Ensemble", 1, 2),
    ]
    assert [cell.label for cell in lower] == [
        "Élus",
        "Habitants",
        "Élus",
        "Habitants",
        "Savoie",
        "Bignona",
        "Élus",
        "Habitants",
    ]


def test_single_choice_counts_and_percentages_of_respondents(questionnaire):
    respond(questionnaire, "t1", "g1", Q1="A")
    respond(questionnaire, "t1", "g1", Q1="A")
    respond(questionnaire, "t1", "g1", Q1="B")
    respond(questionnaire, "t1", "g2", Q1="B")
    respond(questionnaire, "t2", "g1")  # skipped Q1
    results = aggregate(questionnaire, DIMENSIONS)
    cells = table(results, "Q1")

    assert cells["A", "Savoie · Élus"].count == 2
    assert cells["A", "Savoie · Élus"].share == pytest.approx(2 / 3)
    assert cells["B", "Savoie"].count == 2
    assert cells["B", "Savoie"].share == pytest.approx(0.5)
    assert cells["respondents", "Savoie"].count == 4
    assert cells["respondents", "Élus"].count == 3
    assert cells["respondents", "Ensemble"].count == 4
    assert cells["A", "Ensemble"].share == pytest.approx(0.5)
    # The response that skipped Q1 is not in its n, but is counted apart.
    assert cells["no_answer", "Bignona · Élus"].count == 1
    assert cells["no_answer", "Ensemble"].count == 1
    assert cells["respondents", "Bignona · Élus"].count == 0
    assert results.response_count == 5


def test_multiple_choice_percentages_are_of_respondents(questionnaire):
    respond(questionnaire, "t1", "g1", Q2=["X", "Y"])
    respond(questionnaire, "t1", "g1", Q2=["X"])
    respond(questionnaire, "t1", "g2", Q2=["Y", "Z"])
    respond(questionnaire, "t2", "g2", Q2=["X", "Y", "Z"])
    cells = table(aggregate(questionnaire, DIMENSIONS), "Q2")

    assert cells["X", "Savoie · Élus"].count == 2
    assert cells["X", "Savoie · Élus"].share == 1.0
    assert cells["Y", "Savoie · Élus"].share == 0.5
    assert cells["respondents", "Ensemble"].count == 4
    shares = [cells[code, "Ensemble"].share for code in "XYZ"]
    assert shares == [0.75, 0.75, 0.5]
    assert sum(shares) > 1  # several options per person


def test_scale_distribution_mean_and_median(questionnaire):
    for point in ("1", "2", "4", "5"):
        respond(questionnaire, "t1", "g1", Q3=point)
    respond(questionnaire, "t2", "g2", Q3="5")
    cells = table(aggregate(questionnaire, DIMENSIONS), "Q3")

    assert cells["mean", "Savoie · Élus"].value == 3.0
    assert cells["median", "Savoie · Élus"].value == 3.0  # between 2 and 4
    assert cells["mean", "Ensemble"].value == pytest.approx(17 / 5)
    assert cells["median", "Ensemble"].value == 4.0
    assert cells["5", "Ensemble"].count == 2
    assert cells["3", "Ensemble"].count == 0
    assert cells["5", "Ensemble"].share == pytest.approx(0.4)


def test_number_mean_and_median(questionnaire):
    for number in (1.0, 2.0, 2.0, 10.0):
        respond(questionnaire, "t2", "g1", Q4=number)
    question = aggregate(questionnaire, DIMENSIONS).questions[3]
    assert question.row(RowKind.OPTION) is None
    cells = table(aggregate(questionnaire, DIMENSIONS), "Q4")
    assert cells["mean", "Bignona · Élus"].value == 3.75
    assert cells["median", "Bignona"].value == 2.0
    assert cells["respondents", "Élus"].count == 4


def test_filters_by_session_and_wave(questionnaire):
    respond(questionnaire, "t1", "g1", session="s1", wave="point_zero", Q1="A")
    respond(questionnaire, "t1", "g1", session="s2", wave="final", Q1="B")
    respond(questionnaire, "t1", "g1", session="s3", wave="final", Q1="B")

    by_session = aggregate(questionnaire, DIMENSIONS, {"session": "s2"})
    assert by_session.response_count == 1
    assert table(by_session, "Q1")["B", "Ensemble"].count == 1
    assert table(by_session, "Q1")["A", "Ensemble"].count == 0

    by_wave = aggregate(questionnaire, DIMENSIONS, {"wave": "final"})
    assert by_wave.response_count == 2
    assert table(by_wave, "Q1")["B", "Ensemble"].count == 2

    both = aggregate(questionnaire, DIMENSIONS, {"wave": "final", "session": "s1"})
    assert both.response_count == 0


def test_threshold_hides_every_figure_of_small_cells(questionnaire):
    for _ in range(4):
        respond(questionnaire, "t1", "g1", Q1="A", Q3="4")
    results = aggregate(questionnaire, DIMENSIONS, threshold=3)
    cells = table(results, "Q1")

    assert cells["A", "Savoie · Élus"].count == 4
    assert cells["respondents", "Savoie"].count == 4
    # Empty cells and totals under the threshold: "< 3", not 0.
    for title in ("Savoie · Habitants", "Bignona · Élus", "Bignona", "Habitants"):
        assert cells["respondents", title].hidden
    hidden = [cell for (_label, title), cell in cells.items() if title == "Bignona"]
    assert all(
        cell.hidden and cell.count is None and cell.share is None for cell in hidden
    )
    scale = table(results, "Q3")
    assert scale["mean", "Savoie · Élus"].value == 4.0
    assert scale["mean", "Bignona"].hidden
    assert scale["mean", "Bignona"].value is None


def test_small_cell_hidden_and_not_recoverable_from_totals(questionnaire):
    for territory, group, size in (
        ("t1", "g1", 3),
        ("t1", "g2", 2),
        ("t2", "g1", 3),
        ("t2", "g2", 3),
    ):
        for _ in range(size):
            respond(questionnaire, territory, group, Q1="A")
    cells = table(aggregate(questionnaire, DIMENSIONS, threshold=3), "Q1")

    assert cells["respondents", "Savoie · Habitants"].hidden
    assert cells["A", "Savoie · Habitants"].count is None
    # Savoie (5) minus Savoie · Élus (3) would give the hidden 2, and so would
    # Habitants (5) minus Bignona · Habitants (3): those are hidden as well.
    assert cells["respondents", "Savoie · Élus"].hidden
    assert cells["respondents", "Bignona · Habitants"].hidden
    # And Bignona · Élus: Bignona (6) minus it would give Bignona · Habitants,
    # then Habitants (5) minus that the 2.
    assert cells["respondents", "Bignona · Élus"].hidden
    assert cells["respondents", "Savoie"].count == 5
    assert cells["respondents", "Habitants"].count == 5
    assert cells["respondents", "Ensemble"].count == 11


def test_overall_total_does_not_reveal_a_lone_hidden_cell(questionnaire):
    for _ in range(4):
        respond(questionnaire, "t1", "g1", Q1="A")
    respond(questionnaire, "t2", "g2", Q1="B")
    cells = table(aggregate(questionnaire, DIMENSIONS, threshold=3), "Q1")

    # Ensemble (5) minus the only other non-empty cell would give the lone one.
    assert cells["respondents", "Ensemble"].count == 5
    assert cells["respondents", "Savoie · Élus"].hidden
    assert cells["respondents", "Savoie"].hidden
    assert cells["respondents", "Élus"].hidden


def test_threshold_of_one_shows_everything(questionnaire):
    respond(questionnaire, "t1", "g1", Q1="A")
    cells = table(aggregate(questionnaire, DIMENSIONS, threshold=1), "Q1")
    assert not any(cell.hidden for cell in cells.values())
    assert cells["respondents", "Bignona"].count == 0
    assert cells["A", "Bignona"].share is None


def test_texts_sorted_alphabetically_within_each_cell(questionnaire):
    respond(questionnaire, "t1", "g1", Q5="tisser des liens")
    respond(questionnaire, "t1", "g1", Q5="Écouter les familles")
    respond(questionnaire, "t1", "g1", Q5="accès aux droits")
    respond(questionnaire, "t2", "g2", Q5="Mobilité")
    respond(questionnaire, "t1", "g2")
    question = aggregate(questionnaire, DIMENSIONS).questions[4]
    groups = {group.column.title: group for group in question.texts}

    assert groups["Savoie · Élus"].texts == (
        "accès aux droits",
        "Écouter les familles",
        "tisser des liens",
    )
    assert groups["Bignona · Habitants"].texts == ("Mobilité",)
    assert all(group.column.kind is ColumnKind.CELL for group in question.texts)


def test_texts_of_hidden_cells_are_not_returned(questionnaire):
    groups = Dimension(
        "group", "Collège", (("g1", "Élus"), ("g2", "Hab"), ("g3", "Asso"))
    )
    for group, texts in (
        ("g1", ("un", "deux", "trois")),
        ("g2", ("secret", "confidentiel")),
        ("g3", ("intime",)),
    ):
        for text in texts:
            respond(questionnaire, "t1", group, Q5=text)
    results = aggregate(questionnaire, (TERRITORY, groups), threshold=3)
    by_cell = {group.column.title: group for group in results.questions[4].texts}

    assert by_cell["Savoie · Élus"].texts == ("deux", "trois", "un")
    assert by_cell["Savoie · Hab"].hidden
    assert by_cell["Savoie · Hab"].texts == ()
    assert by_cell["Bignona · Élus"].hidden
    every_text = [text for group in by_cell.values() for text in group.texts]
    assert sorted(every_text) == ["deux", "trois", "un"]


def test_unlisted_values_go_to_an_unknown_column(questionnaire):
    respond(questionnaire, "t1", "g1", Q1="A")
    respond(questionnaire, "deleted", "g1", Q1="B")
    results = aggregate(questionnaire, DIMENSIONS)
    cells = table(results, "Q1")

    assert "Inconnu · Élus" in {column.title for column in results.columns}
    assert cells["B", "Inconnu"].count == 1
    assert cells["respondents", "Élus"].count == 2


def test_answers_to_removed_options_keep_a_row(questionnaire):
    # "C" was offered when this participant answered, then removed.
    respond(questionnaire, "t1", "g1", Q1="C")
    cells = table(aggregate(questionnaire, DIMENSIONS), "Q1")
    assert cells["C", "Ensemble"].count == 1


def test_one_dimension_has_no_duplicate_totals(questionnaire):
    respond(questionnaire, "t1", "g1", Q1="A")
    results = aggregate(questionnaire, [TERRITORY])
    assert [column.title for column in results.columns] == [
        "Savoie",
        "Bignona",
        "Ensemble",
    ]
    assert table(results, "Q1")["A", "Savoie"].count == 1
