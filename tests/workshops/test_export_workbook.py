"""The results workbook, downloaded like a facilitator and opened with openpyxl."""

import io
import re
import zipfile

import openpyxl
import pytest

from facilitator.extensions import db
from surveys.aggregation import RowKind
from surveys.models import Option, Question
from tests.conftest import post_form
from workshops.models import Wave
from workshops.results.page import build_results_page
from workshops.results.queries import ResultFilters, workshop_results

FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(
        owner=facilitator,
        title="Savoie × Bignona",
        description="Diagnostic croisé de l'action sociale.",
        groups=["Élus", "Techniciens", "Habitants"],
    )
    workshop.questionnaire.questions += [
        Question(
            code="Q4",
            qtype="multiple_choice",
            position=4,
            label="Publics suivis",
            options=[
                Option(code="X", label="Aînés", position=1),
                Option(code="Y", label="=1+2", position=2),
            ],
        ),
        Question(code="Q5", qtype="number", position=5, label="Années d'expérience"),
    ]
    db.session.commit()
    return workshop


@pytest.fixture
def answered(workshop, respond, make_session):
    """Nine responses, threshold 2: Bignona's only Habitant is hidden."""
    workshop.anonymity_threshold = 2
    db.session.commit()
    session = make_session(workshop, label="Lancement", wave=Wave.BASELINE.value)
    respond("Savoie", "Élus", session, Q1="A", Q2="4", Q3="zèbre", Q4=["X"], Q5="3")
    respond("Savoie", "Élus", session, Q1="A", Q2="5", Q3="Abricot", Q4=["X", "Y"])
    respond("Savoie", "Élus", session, Q1="B", Q2="4", Q3=FORMULA, Q5="10")
    respond("Savoie", "Techniciens", session, Q1="B", Q2="2", Q3="éléphant")
    respond("Savoie", "Techniciens", session, Q1="B", Q2="1", Q3="banane", Q5="7")
    respond("Bignona", "Élus", session, Q1="A", Q2="5", Q4=["Y"], Q5="20")
    respond("Bignona", "Élus", session, Q1="A", Q2="4", Q3="Mangue", Q5="2")
    respond("Bignona", "Techniciens", session, Q1="B", Q2="3", Q3="Riz", Q4=["Y"])
    respond("Bignona", "Techniciens", session, Q1="A", Q2="3", Q3="Mil", Q5="1")
    respond("Bignona", "Habitants", session, Q1="A", Q2="5", Q3="Seul ici")
    return session


def download(client, workshop, **args):
    query = "&".join(f"{key}={value}" for key, value in args.items())
    url = f"/workshops/{workshop.id}/results.xlsx" + (f"?{query}" if query else "")
    return client.get(url)


def book(client, workshop, **args) -> openpyxl.Workbook:
    response = download(client, workshop, **args)
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.data))


def rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True) if any(row)]


def by_first(sheet) -> dict:
    return {row[0]: row[1:] for row in rows(sheet)}


QUESTION_SHEETS = [
    "Q1 Besoin prioritaire",
    "Q2 Les services sont connus.",
    "Q3 Un commentaire",
    "Q4 Publics suivis",
    "Q5 Années d'expérience",
]


def table(sheet) -> tuple[tuple, list[tuple]]:
    """A question sheet's lower header row and its lines, one per column."""
    lines = list(sheet.iter_rows(min_row=6, values_only=True))
    return lines[0], [line for line in lines[1:] if line[0]]


def test_sheets_in_order_without_individual_rows(client, workshop, answered):
    names = book(client, workshop).sheetnames
    assert names == ["Lisez-moi", "Synthèse", *QUESTION_SHEETS, "Verbatims"]


def test_readme_states_the_workshop_and_the_rule(client, workshop, answered):
    readme = book(client, workshop)["Lisez-moi"]
    lines = by_first(readme)
    assert rows(readme)[0][0] == "Savoie × Bignona"
    assert lines["Nombre de réponses"][0] == 10
    assert lines["Description"][0] == "Diagnostic croisé de l'action sociale."
    assert lines["Filtres appliqués"][0] == "Aucun (toutes les réponses)"
    assert "Bignona" in lines
    assert "Techniciens" in lines
    session_line = lines["Lancement"]
    assert session_line[:3] == ("Point zéro", "Ouverte", answered.join_code)
    assert re.search(r"\d{4}", session_line[3])  # the session's date
    # Respondents per territory x group, small cells hidden.
    grid = lines["Territoire \\ Collège d’acteurs"]
    assert grid[:4] == ("Élus", "Techniciens", "Habitants", "Ensemble")
    ensemble = next(line for line in rows(readme) if line[0] == "Ensemble")
    assert ensemble[1] == 5
    assert ensemble[4] == 10
    bignona = next(line for line in rows(readme) if line[:2] == ("Bignona", "< 2"))
    assert bignona[3] == "< 2"  # its one Habitant
    rule = lines["Anonymat"][0]
    assert "moins de 2 répondants" in rule
    assert "masquage complémentaire" in rule
    guide = [line[0] for line in rows(readme)]
    assert "Synthèse" in guide
    assert "Verbatims" in guide
    assert "Q1 Besoin prioritaire … Q5 Années d'expérience" in guide


def test_question_sheets_match_the_screen(app, client, workshop, answered):
    sheets = book(client, workshop)
    with app.test_request_context():
        results = workshop_results(workshop, ResultFilters())
    for question, name in zip(results.questions, QUESTION_SHEETS, strict=True):
        header, lines = table(sheets[name])
        assert len(lines) == len(results.columns)
        for kind, label in (
            (RowKind.RESPONDENTS, "Répondants (n)"),
            (RowKind.MEAN, "Moyenne"),
        ):
            row = question.row(kind)
            if row is None:
                continue
            at = header.index(label)
            figure = "count" if kind is RowKind.RESPONDENTS else "value"
            for line, cell in zip(lines, row.cells, strict=True):
                assert line[at] == ("< 2" if cell.hidden else getattr(cell, figure))
    header, q1 = table(sheets["Q1 Besoin prioritaire"])
    assert header[:7] == (
        "Territoire",
        "Collège d’acteurs",
        "Répondants (n)",
        "Effectif",
        "%",
        "Effectif",
        "%",
    )
    assert q1[0][:7] == ("Savoie", "Élus", 3, 2, pytest.approx(2 / 3), 1, 1 / 3)
    assert q1[-1][:5] == ("Ensemble", "Ensemble", 10, 6, pytest.approx(0.6))
    habitants = next(line for line in q1 if line[:2] == ("Bignona", "Habitants"))
    assert set(habitants[2:7]) == {"< 2"}


def test_question_sheet_formats_and_page_setup(client, workshop, answered):
    sheet = book(client, workshop)["Q1 Besoin prioritaire"]
    assert sheet["E7"].number_format == "0%"
    assert sheet["D7"].number_format == "0"
    assert sheet.freeze_panes == "C7"
    assert sheet.auto_filter.ref == "A6:H18"  # 6 cells, 5 totals, Ensemble
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # One page wide (Excel's default width, so not written), as tall as needed.
    assert sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$5:$6"
    assert "Savoie × Bignona" in sheet.oddHeader.left.text
    assert "&P" in sheet.oddFooter.center.text
    means = book(client, workshop)["Q2 Les services sont connus."]
    header, _lines = table(means)
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("Moyenne")]
    assert means[f"{column}7"].number_format == "0.0"


def test_every_question_with_figures_has_a_native_chart(client, workshop, answered):
    data = download(client, workshop).data
    archive = zipfile.ZipFile(io.BytesIO(data))
    charts = sorted(
        (p for p in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", p)),
        key=lambda p: int(re.search(r"\d+", p).group()),
    )
    # Q1, Q2, Q4, Q5: every question but the free text.
    assert len(charts) == 4
    single, scale, multiple, number = (archive.read(c).decode() for c in charts)
    assert '<c:grouping val="percentStacked"/>' in single
    assert '<c:grouping val="percentStacked"/>' in scale
    assert "'Q2 Les services sont connus.'!$E$7:$E$18" in scale
    assert "Tout à fait d&apos;accord" in scale or "Tout à fait d'accord" in scale
    assert '<c:grouping val="clustered"/>' in multiple
    assert '<c:barDir val="col"/>' in number


def test_what_people_typed_stays_text(client, workshop, answered):
    workshop.anonymity_threshold = 1
    db.session.commit()
    sheets = book(client, workshop, with_data="y")
    cells = {
        name: {c.value: c for row in sheets[name].iter_rows() for c in row if c.value}
        for name in ("Verbatims", "Données", "Q4 Publics suivis")
    }
    assert cells["Verbatims"][FORMULA].data_type == "s"
    assert cells["Données"][FORMULA].data_type == "s"
    assert cells["Q4 Publics suivis"]["=1+2"].data_type == "s"
    assert not any(sheets[name]._hyperlinks for name in sheets.sheetnames)


def test_verbatims_are_grouped_and_alphabetical(client, workshop, answered):
    workshop.anonymity_threshold = 1
    db.session.commit()
    lines = rows(book(client, workshop)["Verbatims"])
    assert lines[2] == ("Q3", "Un commentaire ?")
    savoie_elus = lines.index(("Savoie · Élus", "3 réponses"))
    assert [line[1] for line in lines[savoie_elus + 1 : savoie_elus + 4]] == [
        FORMULA,
        "Abricot",
        "zèbre",
    ]
    techniciens = lines.index(("Savoie · Techniciens", "2 réponses"))
    assert [line[1] for line in lines[techniciens + 1 : techniciens + 3]] == [
        "banane",
        "éléphant",
    ]
    assert lines.index(("Bignona · Élus", "1 réponse")) > techniciens
    assert ("Savoie · Habitants", "0 réponse") not in lines  # nothing to show


def test_verbatims_of_a_hidden_cell_are_not_shown(client, workshop, answered):
    lines = rows(book(client, workshop)["Verbatims"])
    assert ("Bignona · Habitants", "< 2 réponses") in lines
    assert not any("Seul ici" in str(line) for line in lines)


def test_summary_lists_what_the_screen_lists(app, client, workshop, answered):
    workshop.anonymity_threshold = 1
    db.session.commit()
    sheet = book(client, workshop)["Synthèse"]
    lines = rows(sheet)
    firsts = [line[0] for line in lines]
    with app.test_request_context():
        page = build_results_page(workshop, ResultFilters())
    titles = {
        "territory": (
            "Où les territoires divergent le plus",
            "Où les territoires convergent",
        ),
        "group": (
            "Où les collèges d’acteurs divergent le plus",
            "Où les collèges d’acteurs convergent",
        ),
    }
    for comparison in page.comparisons:
        for title, items in zip(
            titles[comparison.dimension],
            (comparison.divergent, comparison.convergent),
            strict=True,
        ):
            at = firsts.index(title)
            if not items:
                assert (
                    lines[at + 1][0] == "Pas assez de réponses affichées pour comparer."
                )
                continue
            assert lines[at + 1][:3] == ("Code", "Question", "Écart")
            listed = lines[at + 2 : at + 2 + len(items)]
            assert [line[0] for line in listed] == [item.code for item in items]
            assert [line[2] for line in listed] == [
                pytest.approx(item.score) for item in items
            ]
            assert [line[3] for line in listed] == [item.summary for item in items]
    score = next(c for r in sheet.iter_rows() for c in r if c.value == "Écart")
    assert sheet.cell(score.row + 1, score.column).number_format == "0%"
    assert any("L’écart va de 0 %" in str(line[0]) for line in lines)


def test_summary_has_the_means_of_the_scales(client, workshop, answered):
    lines = rows(book(client, workshop)["Synthèse"])
    firsts = [line[0] for line in lines]
    means = lines[firsts.index("Moyennes des questions à échelle") + 1 :]
    assert means[1][:3] == ("Code", "Question", "Élus")
    assert means[2][:3] == ("Q2", "Les services sont connus.", pytest.approx(13 / 3))
    assert means[2][-1] == pytest.approx(3.6)  # Ensemble
    assert means[3][:2] == ("Q5", "Années d'expérience")


def test_individual_rows_only_on_request(client, workshop, answered, respond):
    respond("Savoie", "Habitants", answered, Q1="A", Q2="3")  # alone in Savoie
    assert "Données" not in book(client, workshop).sheetnames
    lines = rows(book(client, workshop, with_data="y")["Données"])
    assert "précaution" in lines[0][0]
    assert "« Autres »" in lines[1][0]
    assert "(territoire, collège d’acteurs, séance, vague) de moins de" in lines[1][0]
    assert lines[2][:5] == (
        "Territoire",
        "Collège d’acteurs",
        "Séance",
        "Vague",
        "Q1 — Besoin prioritaire ?",
    )
    data = lines[3:]
    assert len(data) == 11
    # Each territory has one Habitant: too few to be shown, even as "Autres".
    assert [line[1] for line in data].count(None) == 2
    assert {line[1] for line in data} == {"Élus", "Techniciens", None}
    # Sorted by territory, group, session, wave, then answers; blanks last.
    assert data == sorted(
        data,
        key=lambda line: tuple((value is None, str(value or "")) for value in line[:5]),
    )
    assert "Aînés; =1+2" in [line[7] for line in data]


def test_english_workbook(client, workshop, answered):
    sheets = book(client, workshop, lang="en", with_data="y")
    assert sheets.sheetnames == [
        "Read me",
        "Summary",
        *QUESTION_SHEETS,
        "Free-text answers",
        "Data",
    ]
    readme = by_first(sheets["Read me"])
    assert readme["Number of responses"][0] == 10
    assert "Anonymity" in readme
    top = rows(sheets["Q2 Les services sont connus."])[4]
    assert "Strongly agree" in top
    assert "Tout à fait d'accord" not in top
    header, lines = table(sheets["Q1 Besoin prioritaire"])
    assert header[:3] == ("Territory", "Actor group", "Respondents (n)")
    assert lines[-1][:2] == ("Overall", "Overall")
    data = rows(sheets["Data"])
    assert data[2][:4] == ("Territory", "Actor group", "Session", "Wave")
    assert {line[3] for line in data[3:]} == {"Baseline"}


def test_default_language_is_the_interface_one(client, workshop, answered):
    page = f"/workshops/{workshop.id}/results"
    post_form(client, "/lang/en", {"next": page}, page=page)
    assert book(client, workshop).sheetnames[0] == "Read me"
    assert book(client, workshop, lang="fr").sheetnames[0] == "Lisez-moi"


def test_unknown_language_is_not_found(client, workshop, answered):
    assert download(client, workshop, lang="xx").status_code == 404


def test_results_page_offers_the_export_options(client, workshop, answered):
    url = f"/workshops/{workshop.id}/results?session={answered.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Inclure les données individuelles anonymes" in page
    assert "ne la diffusez qu’aux personnes qui en ont besoin" in page
    assert 'name="lang"' in page
    assert f'name="session" type="hidden" value="{answered.id}"' in page
    assert f"/workshops/{workshop.id}/results.csv" in page
    assert "données brutes" in page


def test_cli_options(runner, workshop, answered, tmp_path):
    path = tmp_path / "restitution.xlsx"
    args = ["export-xlsx", str(workshop.id), str(path)]
    result = runner.invoke(args=[*args, "--lang", "en", "--with-data"])
    assert result.exit_code == 0, result.output
    assert "10 réponses" in result.output
    names = openpyxl.load_workbook(path).sheetnames
    assert names[0] == "Read me"
    assert len(names) == 2 + 5 + 2  # the last one: the individual rows
    assert runner.invoke(args=args).exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[-1] == "Verbatims"
    assert runner.invoke(args=[*args, "--lang", "de"]).exit_code != 0
