"""The results page as a restitution: divergences, waves, charts, print page."""

import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from facilitator.extensions import db
from surveys.aggregation import ALL
from tests.surveys.test_suppression import worked_out
from tests.workshops.test_results import BIGNONA, ENSEMBLE, SAVOIE, _Tables, tables
from workshops.models import Wave


@pytest.fixture
def workshop(facilitator, make_workshop):
    return make_workshop(owner=facilitator, title="Savoie × Bignona")


def page_of(client, workshop, suffix=""):
    response = client.get(f"/workshops/{workshop.id}/results{suffix}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def text_of(html: str) -> str:
    """The page's words, tags dropped and spaces normalised."""
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def chart_data(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/json" class="chart-data">(.*?)</script>',
            html,
            re.DOTALL,
        )
    ]


def wave_tables(html: str) -> list[dict[str, list[str]]]:
    """The "Évolution entre vagues" tables as {row label: cells} (one header)."""
    parser = _Tables()
    parser.feed(html)
    return [
        {row[0]: row[1:] for row in table[1:]}
        for table in parser.tables
        if table and table[0][0] == "Territoire / collège"
    ]


@pytest.fixture
def split_opinions(respond):
    """Savoie and Bignona disagree on Q2 (scale), agree on Q1 (choice)."""
    for group in ("Élus", "Techniciens", "Associations", "Habitants", "Élus"):
        respond("Savoie", group, Q1="A", Q2="1", Q3="Trop peu de moyens")
        respond("Bignona", group, Q1="A", Q2="5", Q3="Des bénévoles engagés")


def test_page_opens_with_divergences_then_convergences(
    client, workshop, split_opinions
):
    html = page_of(client, workshop)
    page = text_of(html)
    titles = [
        "Où les territoires divergent le plus",
        "Où ils convergent",
        "Où les collèges d’acteurs divergent le plus",
    ]
    positions = [page.index(title) for title in titles]
    assert positions == sorted(positions)
    # The question blocks come after the summary.
    assert html.index("Où les collèges d’acteurs") < html.index('id="question-')
    territories = page[positions[0] : positions[2]]
    divergent, convergent = territories.split("Où ils convergent")
    # Q2: means 5 and 1 on a 1-5 scale: 100 %; Q1: same answers, 0 %.
    assert "Q2 · Les services sont connus. 100 % Bignona 5,0 · Savoie 1,0" in divergent
    assert (
        "Q1 · Besoin prioritaire ? 0 % « Jeunesse » : Savoie 100 % · Bignona 100 %"
        in (convergent)
    )
    assert "Q1" not in divergent
    assert "écart entre leurs moyennes rapporté à l’étendue de l’échelle" in page


def test_divergent_items_link_to_their_question(client, workshop, split_opinions):
    html = page_of(client, workshop)
    q2 = workshop.questionnaire.questions[1]
    assert f'href="#question-{q2.id}"' in html
    assert f'id="question-{q2.id}"' in html


def test_cells_that_stand_out_are_marked_not_only_coloured(
    client, workshop, split_opinions
):
    html = page_of(client, workshop)
    q2 = tables(html)[1]
    # Both territories are 2 points from Ensemble (3,0); the first is marked.
    marked = q2["Moyenne"][SAVOIE]
    assert marked.startswith("▼ 1,0")
    assert "Le plus éloigné de l’ensemble : 1,0 contre 3,0" in marked
    assert q2["Moyenne"][BIGNONA] == "5,0"
    assert 'class="num block-start stand-out" title="Le plus éloigné' in html


def test_no_divergence_without_two_visible_territories(client, workshop, respond):
    for _ in range(3):
        respond("Savoie", "Élus", Q1="A", Q2="4")
    page = text_of(page_of(client, workshop))
    assert page.count("Pas assez de réponses affichées pour comparer.") == 4


def test_waves_table_only_with_two_waves(client, workshop, respond, make_session):
    first = make_session(workshop, label="Lancement", wave=Wave.BASELINE.value)
    respond("Savoie", "Élus", session=first, Q1="A", Q2="3")
    respond("Savoie", "Élus", session=first, Q1="B", Q2="3")
    assert "Évolution entre vagues" not in page_of(client, workshop)

    second = make_session(workshop, label="Bilan", wave=Wave.MIDTERM.value)
    respond("Savoie", "Élus", session=second, Q1="A", Q2="4")
    respond("Savoie", "Élus", session=second, Q1="A", Q2="4")
    respond("Savoie", "Élus", session=second, Q1="B", Q2="3")
    html = page_of(client, workshop)
    assert html.count("<h3>Évolution entre vagues</h3>") == 2  # Q1 and Q2
    q1, q2 = wave_tables(html)
    # Q2: 3,0 then 11/3 = 3,7: +0,7.
    assert q2["Savoie n = 2 / 3"] == ["3,0", "3,7", "+0,7"]
    # Nobody from Bignona in either wave: no line.
    assert not [label for label in q2 if label.startswith("Bignona")]
    assert "Évolution Point zéro → Mi-parcours" in text_of(html)
    # Q1: Jeunesse 50 % then 67 %: +17 points; Handicap -17 points.
    # (the first option shares the group's row; Savoie, Élus and Ensemble agree)
    assert q1["Savoie n = 2 / 3"] == ["Jeunesse", "50 %", "67 %", "+17 pts"]
    assert q1["Handicap"] == ["50 %", "33 %", "−17 pts"]
    # Filtered on one wave, nothing to compare.
    filtered = page_of(client, workshop, "?wave=point_zero")
    assert "Évolution entre vagues" not in filtered


def test_waves_follow_the_diagnostic_order(client, workshop, respond, make_session):
    final = make_session(workshop, label="Clôture", wave=Wave.FINAL.value)
    free = make_session(workshop, label="Atelier", wave="Atelier d’été")
    baseline = make_session(workshop, label="Départ", wave=Wave.BASELINE.value)
    for session in (final, free, baseline):
        respond("Savoie", "Élus", session=session, Q2="3")
    page = text_of(page_of(client, workshop))
    start = page.index("Évolution entre vagues")
    header = page[start : start + 300]
    assert header.index("Point zéro") < header.index("Final")
    assert header.index("Final") < header.index("Atelier d’été")


def test_charts_carry_only_visible_figures(client, workshop, respond):
    workshop.anonymity_threshold = 3
    db.session.commit()
    for territory, group, size, q1, q2 in (
        ("Savoie", "Élus", 4, "A", "4"),
        ("Savoie", "Techniciens", 3, "B", "2"),
        ("Bignona", "Élus", 3, "B", "2"),
        ("Bignona", "Techniciens", 4, "A", "5"),
        ("Bignona", "Habitants", 1, "A", "5"),
    ):
        for _ in range(size):
            respond(territory, group, Q1=q1, Q2=q2)
    html = page_of(client, workshop)
    q1_chart, q2_chart = chart_data(html)
    assert (q1_chart["kind"], q2_chart["kind"]) == ("bars", "stacked")
    q1 = tables(html)[0]
    groups = ("Élus", "Techniciens", "Associations", "Habitants")
    titles = [f"{t} · {g}" for t in ("Savoie", "Bignona") for g in groups]
    shown = [
        (title, position)
        for position, title in enumerate(titles)
        if not q1["Répondants (n)"][position].startswith("<")
        and q1["Répondants (n)"][position] != "0"
    ] + [("Ensemble", ENSEMBLE)]
    # Only the columns the table shows, with the table's figures.
    assert [label[0] for label in q1_chart["labels"]] == [t for t, _p in shown]
    assert "Bignona · Habitants" not in json.dumps(q1_chart, ensure_ascii=False)
    assert len(shown) > 1
    for dataset in q1_chart["datasets"]:
        expected = [
            int(re.search(r"\((\d+) %\)", q1[dataset["label"]][p]).group(1))
            for _t, p in shown
        ]
        # Drawn unrounded, written as the table writes it.
        written = [
            int(Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP))
            for value in dataset["data"]
        ]
        assert written == expected
    assert q1_chart["labels"][-1] == ["Ensemble", "n = 15"]


def test_stacked_bars_fill_their_hundred_percent(client, workshop, respond):
    # Thirds: 33 % + 33 % + 33 % in the table, a full bar in the chart.
    for territory, q2 in (("Savoie", "1"), ("Savoie", "2"), ("Savoie", "3")):
        respond(territory, "Élus", Q1="A", Q2=q2)
    _q1_chart, q2_chart = chart_data(page_of(client, workshop))
    assert q2_chart["kind"] == "stacked"
    for bar in range(len(q2_chart["labels"])):
        total = sum(dataset["data"][bar] or 0 for dataset in q2_chart["datasets"])
        assert total == pytest.approx(100)


def test_page_loads_chart_js_and_participant_page_does_not(
    client, workshop, respond, make_session
):
    respond("Savoie", "Élus", Q1="A", Q2="4")
    html = page_of(client, workshop)
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/results_charts.js" in html
    session = make_session(workshop)
    participant = client.get(f"/j/{session.join_code}").get_data(as_text=True)
    assert "Votre réponse" in participant or "<form" in participant
    assert "chart" not in participant.lower()


def test_hidden_cells_cannot_be_worked_out_from_the_page(client, workshop, respond):
    workshop.anonymity_threshold = 3
    db.session.commit()
    sizes = {
        ("Savoie", "Élus"): 3,
        ("Savoie", "Habitants"): 2,
        ("Bignona", "Élus"): 3,
        ("Bignona", "Habitants"): 3,
        ("Bignona", "Techniciens"): 4,
    }
    for (territory, group), size in sizes.items():
        for _ in range(size):
            respond(territory, group, Q1="A")
    shown = tables(page_of(client, workshop))[0]["Répondants (n)"]

    territories = ["Savoie", "Bignona"]
    groups = ["Élus", "Techniciens", "Associations", "Habitants"]
    keys = [(t, g) for t in territories for g in groups]
    keys += [(t, ALL) for t in territories] + [(ALL, g) for g in groups]
    keys.append((ALL, ALL))
    truth = dict.fromkeys(keys, 0)
    for (territory, group), size in sizes.items():
        for key in ((territory, group), (territory, ALL), (ALL, group), (ALL, ALL)):
            truth[key] += size
    hidden = {key for key, cell in zip(keys, shown, strict=True) if cell == "< 3"}
    assert ("Savoie", "Habitants") in hidden
    # What the page shows is the truth; the rest is what a reader would try.
    for key, cell in zip(keys, shown, strict=True):
        if key not in hidden:
            assert int(cell) == truth[key]
    known = worked_out(truth, hidden)
    given_away = [key for key in hidden if key in known and 0 < truth[key] < 3]
    assert not given_away


@pytest.fixture
def print_page(client, workshop, split_opinions):
    return client.get(f"/workshops/{workshop.id}/results/print")


def test_print_page_has_cover_summary_questions_and_texts(
    print_page, workshop, make_session
):
    assert print_page.status_code == 200
    html = print_page.get_data(as_text=True)
    page = text_of(html)
    assert "Restitution Savoie × Bignona" in page
    assert "Territoires Savoie · Bignona" in page
    assert "Réponses 10 réponses" in page
    assert page.index("Où les territoires divergent le plus") < page.index(
        "Q1 · Besoin prioritaire ?"
    )
    for question in workshop.questionnaire.questions:
        assert f"{question.code} · {question.label}" in page
    # Free texts grouped by territory x group, in the table's order.
    assert "Savoie · Élus Trop peu de moyens Trop peu de moyens" in page
    assert page.index("Savoie · Habitants Trop peu de moyens") < page.index(
        "Bignona · Élus Des bénévoles engagés"
    )
    assert "@page" not in html  # print rules live in results.css
    assert "css/results.css" in html
    assert 'aria-label="Pages de l’atelier"' not in html  # no workshop navigation


def test_print_page_keeps_filters_and_lists_sessions(
    client, workshop, respond, make_session
):
    first = make_session(workshop, label="Lancement", wave=Wave.BASELINE.value)
    respond("Savoie", "Élus", session=first, Q1="A")
    respond("Bignona", "Élus", Q1="B")
    html = client.get(
        f"/workshops/{workshop.id}/results/print?session={first.id}"
    ).get_data(as_text=True)
    page = text_of(html)
    assert "Lancement (Point zéro)" in page
    assert "1 réponse (Séance : Lancement)" in page
    results = page_of(client, workshop, f"?session={first.id}")
    assert f"/results/print?session={first.id}" in results
    assert "Imprimer / PDF" in results


def test_print_page_is_the_owners_only(client, make_workshop, facilitator):
    other = make_workshop()
    db.session.commit()
    assert client.get(f"/workshops/{other.id}/results/print").status_code == 404
    assert client.get(f"/workshops/{other.id}/results/print?wave=x").status_code == 404
