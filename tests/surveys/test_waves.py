"""Changes between waves on small hand-computed examples, small cells hidden."""

import pytest

from surveys.aggregation import aggregate
from surveys.aggregation.waves import MEASURE_MEAN, MEASURE_SHARE, wave_changes
from tests.surveys.test_divergence import DIMENSIONS, make_questionnaire, respond

WAVES = (("point_zero", "Point zéro"), ("mi_parcours", "Mi-parcours"))


@pytest.fixture
def questionnaire(app):
    with app.test_request_context():
        yield make_questionnaire()


def group(change, title):
    return next(g for g in change.groups if g.column.title == title)


def shown(cells):
    """What a reader sees per wave: "hidden", a mean, a share or a count."""
    return [
        "hidden"
        if cell.hidden
        else next(v for v in (cell.value, cell.share, cell.count) if v is not None)
        for cell in cells
    ]


def test_means_and_shares_per_wave_and_their_change(questionnaire):
    for q1, q3 in (("A", "3"), ("B", "3")):
        respond(questionnaire, "t1", "g1", wave="point_zero", Q1=q1, Q3=q3)
    for q1, q3 in (("A", "4"), ("A", "4"), ("B", "3")):
        respond(questionnaire, "t1", "g2", wave="mi_parcours", Q1=q1, Q3=q3)
    respond(questionnaire, "t2", "g1", wave="mi_parcours", Q1="B", Q3="1")
    comparison = wave_changes(questionnaire, DIMENSIONS, WAVES)

    assert comparison.waves == WAVES
    # Text questions have no figure to follow.
    assert [q.code for q in comparison.questions] == ["Q1", "Q2", "Q3", "Q4"]
    q3 = comparison.question(questionnaire.questions[2].id)
    assert q3.measure == MEASURE_MEAN
    assert [g.column.title for g in q3.groups] == [
        "Savoie",
        "Bignona",
        "Élus",
        "Habitants",
        "Ensemble",
    ]
    savoie = group(q3, "Savoie")
    # 3.0, then 11/3 = 3.67 shown 3,7: the change is between the shown figures.
    assert shown(savoie.lines[0].cells) == [3.0, pytest.approx(11 / 3)]
    assert savoie.lines[0].changes == (pytest.approx(0.7),)
    assert shown(savoie.respondents) == [2, 3]
    # No Bignona answer at point zéro: no figure, no change.
    bignona = group(q3, "Bignona")
    assert shown(bignona.respondents) == [0, 1]
    assert bignona.lines[0].changes == (None,)

    q1 = comparison.question(questionnaire.questions[0].id)
    assert q1.measure == MEASURE_SHARE
    lines = {line.label: line for line in group(q1, "Savoie").lines}
    assert shown(lines["Jeunesse"].cells) == [0.5, pytest.approx(2 / 3)]
    # 50 % -> 67 %: +17 points; 50 % -> 33 %: -17 points.
    assert lines["Jeunesse"].changes == (pytest.approx(0.17),)
    assert lines["Handicap"].changes == (pytest.approx(-0.17),)


def test_no_comparison_with_a_single_wave(questionnaire):
    respond(questionnaire, "t1", "g1", wave="point_zero", Q3="3")
    respond(questionnaire, "t1", "g1", wave="", Q3="4")
    assert wave_changes(questionnaire, DIMENSIONS, WAVES) is None
    # Filtered on one wave: nothing to compare either.
    respond(questionnaire, "t1", "g1", wave="mi_parcours", Q3="4")
    assert wave_changes(questionnaire, DIMENSIONS, WAVES) is not None
    filters = {"wave": "point_zero"}
    assert wave_changes(questionnaire, DIMENSIONS, WAVES, filters) is None


def test_a_hidden_wave_cannot_be_recovered_from_the_page_total(questionnaire):
    # Bignona: 1 answer at point zéro (hidden under 2), 3 at mi-parcours. The
    # page shows Bignona's 4 (all waves): showing mi-parcours' 3 would give the
    # hidden 1 away, so it is hidden too.
    for territory, wave in [("t2", "point_zero")] + [("t2", "mi_parcours")] * 3:
        respond(questionnaire, territory, "g1", wave=wave, Q3="4")
    for wave in ["point_zero"] * 3 + ["mi_parcours"] * 3:
        respond(questionnaire, "t1", "g1", wave=wave, Q3="2")
    page = aggregate(questionnaire, DIMENSIONS, threshold=2)
    q3 = next(q for q in page.questions if q.code == "Q3")
    titles = [column.title for column in page.columns]
    assert q3.rows[-2].cells[titles.index("Bignona")].count == 4

    comparison = wave_changes(questionnaire, DIMENSIONS, WAVES, threshold=2)
    change = comparison.question(q3.question_id)
    assert shown(group(change, "Bignona").respondents) == ["hidden", "hidden"]
    assert group(change, "Bignona").lines[0].changes == (None,)
    assert shown(group(change, "Bignona").lines[0].cells) == ["hidden", "hidden"]
    # Point zéro's Ensemble (4) minus Savoie would give Bignona's 1, so Savoie is
    # hidden at point zéro; and then at mi-parcours too, or the page's Savoie (6)
    # minus mi-parcours would give it back.
    assert shown(group(change, "Savoie").respondents) == ["hidden", "hidden"]
    assert shown(group(change, "Ensemble").respondents) == [4, 6]
    assert shown(group(change, "Élus").lines[0].cells) == [pytest.approx(2.5), 3.0]


def test_answers_of_no_wave_are_guarded_too(questionnaire):
    # Savoie: 3 + 3 answers in the two waves and 1 in a session of no wave:
    # the page's 7 minus the two waves would show that 1.
    for wave in ["point_zero"] * 3 + ["mi_parcours"] * 3 + [""]:
        respond(questionnaire, "t1", "g1", wave=wave, Q3="2")
    comparison = wave_changes(questionnaire, DIMENSIONS, WAVES, threshold=2)
    savoie = group(comparison.question(questionnaire.questions[2].id), "Savoie")
    assert "hidden" in shown(savoie.respondents)
