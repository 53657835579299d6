"""The results page and its Excel export, through HTTP like a facilitator."""

import io
import re
from html.parser import HTMLParser

import openpyxl
import pytest

from facilitator.extensions import db
from surveys.models import Option, Question
from workshops.models import Wave
from workshops.results.formatting import format_share, format_stat


class _Tables(HTMLParser):
    """Rows of every results table: [[header, cell, cell...], ...] per question."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "tr":
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data.replace("\xa0", " ").replace("\u202f", " "))


def tables(html: str) -> list[dict[str, list[str]]]:
    """Each question's table as {row label: cells}, columns in page order."""
    parser = _Tables()
    parser.feed(html)
    return [{row[0]: row[1:] for row in table[2:]} for table in parser.tables]


# Column order on the page: 8 cells, 2 territory totals, 4 group totals, Ensemble.
SAVOIE_ELUS, SAVOIE_HABITANTS, BIGNONA_ELUS, BIGNONA_HABITANTS = 0, 3, 4, 7
SAVOIE, BIGNONA, ELUS, HABITANTS, ENSEMBLE = 8, 9, 10, 13, 14


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Savoie × Bignona")
    workshop.questionnaire.questions.append(
        Question(
            code="Q4",
            qtype="multiple_choice",
            position=4,
            label="Publics suivis",
            options=[
                Option(code="X", label="Aînés", position=1),
                Option(code="Y", label="Jeunes", position=2),
            ],
        )
    )
    db.session.commit()
    return workshop


def results_url(workshop, **args):
    query = "&".join(f"{key}={value}" for key, value in args.items())
    return f"/workshops/{workshop.id}/results" + (f"?{query}" if query else "")


def test_empty_state_before_any_response(client, workshop):
    page = client.get(results_url(workshop)).get_data(as_text=True)
    assert "Aucune réponse pour l’instant" in page
    assert "<table" not in page


def test_page_shows_counts_percentages_means_and_n(client, workshop, respond):
    respond("Savoie", "Élus", Q1="A", Q2="4", Q4=["X", "Y"])
    respond("Savoie", "Élus", Q1="A", Q2="5", Q4=["X"])
    respond("Savoie", "Élus", Q1="B", Q2="4")
    respond("Bignona", "Habitants", Q1="B", Q2="2", Q4=["Y"])
    response = client.get(results_url(workshop))
    page = response.get_data(as_text=True)
    q1, q2, _q3, q4 = tables(page)

    assert response.status_code == 200
    assert "4 réponses" in page
    assert "Besoin prioritaire ?" in page
    assert "Choix unique" in page
    assert q1["Jeunesse"][SAVOIE_ELUS] == "2 (67 %)"
    assert q1["Handicap"][SAVOIE_ELUS] == "1 (33 %)"
    assert q1["Handicap"][BIGNONA_HABITANTS] == "1 (100 %)"
    assert q1["Handicap"][ENSEMBLE] == "2 (50 %)"
    assert q1["Répondants (n)"][SAVOIE] == "3"
    assert q1["Répondants (n)"][ENSEMBLE] == "4"
    assert q2["Moyenne"][SAVOIE_ELUS] == "4,3"
    assert q2["Médiane"][ENSEMBLE] == "4,0"
    assert q2["Moyenne"][ENSEMBLE] == "3,8"
    # Multiple choice: % of the 3 respondents, more than 100 % in all.
    assert q4["Jeunes"][ENSEMBLE] == "2 (67 %)"
    assert q4["Aînés"][ENSEMBLE] == "2 (67 %)"
    assert q4["Sans réponse"][ENSEMBLE] == "1"


def test_header_rows_span_territories_then_totals(client, workshop, respond):
    respond("Savoie", "Élus", Q1="A")
    page = client.get(results_url(workshop)).get_data(as_text=True)
    assert '<th scope="colgroup" colspan="4" class="block-start">Savoie</th>' in page
    assert "Total par territoire" in page
    assert "Total par collège" in page
    assert 'rowspan="2" class="block-start">Ensemble</th>' in page


def test_small_cells_show_only_the_threshold(client, workshop, respond):
    workshop.anonymity_threshold = 3
    db.session.commit()
    for territory, group, size in (
        ("Savoie", "Élus", 3),
        ("Savoie", "Habitants", 3),
        ("Bignona", "Élus", 4),
        ("Bignona", "Habitants", 2),
    ):
        for _ in range(size):
            respond(territory, group, Q1="A", Q2="4")
    page = client.get(results_url(workshop)).get_data(as_text=True)
    q1, q2, *_ = tables(page)

    assert q1["Répondants (n)"][BIGNONA_HABITANTS] == "< 3"
    assert q1["Jeunesse"][BIGNONA_HABITANTS] == "< 3"
    assert q2["Moyenne"][BIGNONA_HABITANTS] == "< 3"
    # Bignona (6) minus Bignona · Élus (4), or Habitants (5) minus Savoie ·
    # Habitants (3), would reveal the 2: those cells are hidden too.
    assert q1["Répondants (n)"][BIGNONA_ELUS] == "< 3"
    assert q1["Répondants (n)"][SAVOIE_HABITANTS] == "< 3"
    # And Savoie · Élus: Ensemble (12) = Élus (7) + Habitants (5) tells that
    # nobody else answered, so Savoie (6) minus Savoie · Élus would give Savoie ·
    # Habitants, and Habitants minus that the 2.
    assert q1["Jeunesse"][SAVOIE_ELUS] == "< 3"
    assert q1["Répondants (n)"][BIGNONA] == "6"
    assert q1["Répondants (n)"][HABITANTS] == "5"
    assert q1["Répondants (n)"][ENSEMBLE] == "12"
    # Empty cells say "< 3" as well, so that 0 cannot be told from 1 or 2.
    assert q1["Répondants (n)"][SAVOIE_ELUS + 1] == "< 3"
    assert '<td class="num hidden-cell">&lt; 3</td>' in page


def test_free_texts_grouped_by_cell_alphabetically(client, workshop, respond):
    workshop.anonymity_threshold = 2
    db.session.commit()
    respond("Savoie", "Élus", Q3="Renforcer le réseau")
    respond("Savoie", "Élus", Q3="accompagner les aînés")
    respond("Bignona", "Élus", Q3="Transport des jeunes")
    respond("Bignona", "Élus", Q3="Eau potable")
    respond("Bignona", "Habitants", Q3="Une réponse seule")
    respond("Bignona", "Techniciens", Q3="Une autre réponse seule")
    respond("Bignona", "Habitants", Q1="A")
    page = client.get(results_url(workshop)).get_data(as_text=True)

    savoie = page.index("<h4>Savoie · Élus</h4>")
    bignona = page.index("<h4>Bignona · Élus</h4>")
    assert savoie < bignona
    assert page.index("accompagner les aînés") < page.index("Renforcer le réseau")
    assert page.index("Eau potable") < page.index("Transport des jeunes")
    assert "réponse seule" not in page
    assert "Bignona · Habitants" in page
    assert "&lt; 2 réponses" in page


def test_filters_by_session_and_wave(client, workshop, respond, make_session):
    baseline = make_session(workshop, label="Lancement", wave=Wave.BASELINE.value)
    final = make_session(workshop, label="Clôture", wave=Wave.FINAL.value)
    respond("Savoie", "Élus", session=baseline, Q1="A")
    respond("Savoie", "Élus", session=baseline, Q1="A")
    respond("Savoie", "Élus", session=final, Q1="B")

    page = client.get(results_url(workshop)).get_data(as_text=True)
    assert "3 réponses" in page
    assert "Point zéro" in page
    assert "Final" in page

    page = client.get(results_url(workshop, session=final.id)).get_data(as_text=True)
    assert "1 réponse<" in page
    assert "(sur 3 au total)" in page
    assert tables(page)[0]["Handicap"][ENSEMBLE] == "1 (100 %)"
    assert f"results.xlsx?session={final.id}" in page

    page = client.get(results_url(workshop, wave="point_zero")).get_data(as_text=True)
    assert tables(page)[0]["Jeunesse"][ENSEMBLE] == "2 (100 %)"

    page = client.get(
        results_url(workshop, session=final.id, wave="point_zero")
    ).get_data(as_text=True)
    assert "Aucune réponse ne correspond à ces filtres." in page


def test_unknown_filter_values_are_not_found(client, workshop, make_workshop):
    other = make_workshop()
    db.session.commit()
    assert client.get(results_url(workshop, wave="nope")).status_code == 404
    assert client.get(results_url(workshop, session=999)).status_code == 404
    assert client.get(results_url(other)).status_code == 404


def test_answers_of_a_deleted_territory_go_under_unknown(client, workshop, respond):
    respond("Savoie", "Élus", Q1="A")
    respond("999", "Élus", Q1="B")
    page = client.get(results_url(workshop)).get_data(as_text=True)
    assert ">Inconnu<" in page
    assert tables(page)[0]["Handicap"][-1] == "1 (50 %)"


def download(client, workshop, **args):
    url = f"/workshops/{workshop.id}/results.xlsx"
    if args:
        url += "?" + "&".join(f"{key}={value}" for key, value in args.items())
    return client.get(url)


def test_xlsx_download(client, workshop, respond):
    workshop.anonymity_threshold = 2
    db.session.commit()
    respond("Savoie", "Élus", Q1="A", Q2="4", Q3='=HYPERLINK("http://x")')
    respond("Savoie", "Élus", Q1="A", Q2="5", Q3="+33 6 12 34 56 78")
    respond("Savoie", "Élus", Q1="B", Q2="4")
    respond("Bignona", "Élus", Q1="B")
    respond("Bignona", "Élus", Q1="B")
    respond("Bignona", "Habitants", Q1="B", Q3="Seul")
    respond("Bignona", "Techniciens", Q1="A", Q3="Autre")
    response = download(client, workshop)

    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    disposition = response.headers["Content-Disposition"]
    assert re.search(
        r"regards-croises-savoie-bignona-\d{4}-\d\d-\d\d\.xlsx", disposition
    )
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "Lisez-moi",
        "Synthèse",
        "Q1 Besoin prioritaire",
        "Q2 Les services sont connus.",
        "Q3 Un commentaire",
        "Q4 Publics suivis",
        "Verbatims",
    ]

    readme = {row[0]: row[1:] for row in book["Lisez-moi"].iter_rows(values_only=True)}
    assert readme["Nombre de réponses"][0] == 7
    assert "Savoie" in readme
    assert "Lancement" not in readme

    # The figures of each question sheet are compared with the screen in
    # tests/workshops/test_export_workbook.py.
    texts = book["Verbatims"]
    cells = {cell.value: cell for row in texts.iter_rows() for cell in row}
    formula = cells['=HYPERLINK("http://x")']
    assert formula.data_type == "s"
    assert cells["+33 6 12 34 56 78"].data_type == "s"
    assert "Seul" not in cells
    assert "Autre" not in cells
    assert "< 2 réponses" in cells


def test_xlsx_keeps_the_filters(client, workshop, respond, make_session):
    first = make_session(workshop, label="Lancement", wave=Wave.BASELINE.value)
    second = make_session(workshop, label="Suite")
    respond("Savoie", "Élus", session=first, Q1="A")
    respond("Savoie", "Élus", session=second, Q1="A")
    respond("Savoie", "Élus", session=second, Q1="B")
    book = openpyxl.load_workbook(
        io.BytesIO(download(client, workshop, session=second.id).data)
    )
    readme = {row[0]: row[1:] for row in book["Lisez-moi"].iter_rows(values_only=True)}
    assert readme["Nombre de réponses"][0] == 2
    assert readme["Filtres appliqués"][0] == "Séance : Suite"
    assert readme["Lancement"][:3] == ("Point zéro", "Ouverte", first.join_code)


def test_cli_writes_a_readable_workbook(runner, workshop, respond, tmp_path):
    respond("Savoie", "Élus", Q1="A")
    respond("Bignona", "Élus", Q1="B")
    path = tmp_path / "export.xlsx"
    result = runner.invoke(args=["export-xlsx", str(workshop.id), str(path)])

    assert result.exit_code == 0, result.output
    assert str(path) in result.output
    assert "2 réponses" in result.output
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Lisez-moi"
    readme = {row[0]: row[1:] for row in book["Lisez-moi"].iter_rows(values_only=True)}
    assert readme["Nombre de réponses"][0] == 2


def test_cli_refuses_an_unknown_workshop(runner, tmp_path):
    result = runner.invoke(args=["export-xlsx", "999", str(tmp_path / "x.xlsx")])
    assert result.exit_code != 0
    assert "999" in result.output
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("suffix", ["/results", "/results.xlsx"])
def test_anonymous_visitor_goes_to_login(client, make_workshop, suffix):
    workshop = make_workshop()
    db.session.commit()
    response = client.get(f"/workshops/{workshop.id}{suffix}")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("suffix", ["/results", "/results.xlsx"])
def test_other_facilitator_gets_404(client, facilitator, make_workshop, suffix):
    workshop = make_workshop()
    db.session.commit()
    assert client.get(f"/workshops/{workshop.id}{suffix}").status_code == 404


def test_figures_round_half_up_like_the_spreadsheet(app):
    with app.test_request_context():
        assert format_share(0.125).replace("\xa0", " ") == "13 %"
        assert format_share(0.285).replace("\xa0", " ") == "29 %"
        assert format_stat(3.25) == "3,3"
        assert format_stat(4.0) == "4,0"
