"""The results workbook, written from hand-made results and read back."""

import io
import zipfile

import openpyxl
import pytest

from facilitator.extensions import db
from surveys.aggregation import (
    ALL,
    HIDDEN,
    Cell,
    Column,
    ColumnKind,
    Dimension,
    QuestionResult,
    Results,
    Row,
    RowKind,
    TextGroup,
)
from surveys.exports import (
    WORKBOOK_OPTIONS,
    ReadmeSection,
    RecordTable,
    SheetNames,
    WorkbookContext,
    write_results_workbook,
)
from surveys.exports.records import OTHER_CODE, load_dimensions
from surveys.exports.sheets.charts import diverging
from surveys.responses import record_response

SAVOIE = Column(("t1",), ColumnKind.CELL, "cells", "Territoire", "Savoie", ("Savoie",))
BIGNONA = Column(
    ("t2",), ColumnKind.CELL, "cells", "Territoire", "Bignona", ("Bignona",)
)
ENSEMBLE = Column((ALL,), ColumnKind.OVERALL, "overall", "Ensemble", "", ())
FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def results() -> Results:
    choice = QuestionResult(
        question_id=1,
        code="Q1",
        label="Besoin prioritaire : jeunesse/handicap ?",
        type_label="Choix unique",
        section="",
        rows=(
            Row(
                RowKind.OPTION,
                "Jeunesse",
                (Cell(count=3, share=0.75), HIDDEN, Cell(count=3, share=0.6)),
                "A",
            ),
            Row(
                RowKind.RESPONDENTS,
                "Répondants (n)",
                (Cell(count=4), HIDDEN, Cell(count=5)),
            ),
        ),
    )
    scale = QuestionResult(
        question_id=2,
        code="Q2",
        label="Besoin prioritaire : jeunesse/handicap ?",
        type_label="Échelle",
        section="",
        rows=(
            Row(RowKind.MEAN, "Moyenne", (Cell(value=3.25), HIDDEN, Cell(value=3.5))),
        ),
    )
    text = QuestionResult(
        question_id=3,
        code="Q3",
        label="Commentaire",
        type_label="Texte long",
        section="",
        rows=(),
        texts=(
            TextGroup(SAVOIE, False, (FORMULA, "0612", "http://y")),
            TextGroup(BIGNONA, True),
        ),
    )
    return Results(
        (SAVOIE, BIGNONA, ENSEMBLE),
        (choice, scale, text),
        5,
        3,
        dimension_keys=("territory",),
    )


def context(**overrides) -> WorkbookContext:
    return WorkbookContext(
        title="Savoie × Bignona", dimension_labels=("Territoire",), **overrides
    )


def workbook_bytes(**overrides) -> bytes:
    return write_results_workbook(results(), context(**overrides))


def workbook(**overrides) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes(**overrides)))


def lines(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True) if any(row)]


def test_participant_texts_cannot_become_formulas_numbers_or_links():
    assert WORKBOOK_OPTIONS["strings_to_formulas"] is False
    assert WORKBOOK_OPTIONS["strings_to_numbers"] is False
    assert WORKBOOK_OPTIONS["strings_to_urls"] is False
    # Large workbooks stream their rows to disk instead of holding them.
    assert WORKBOOK_OPTIONS["constant_memory"] is True
    assert WORKBOOK_OPTIONS["in_memory"] is False


def test_readme_first_with_the_response_count(request_context):
    book = workbook(
        sections=(
            ReadmeSection("Territoires", rows=(("Savoie",), ("Bignona",))),
            ReadmeSection(
                "Séances", header=("Séance", "Code"), rows=(("Lancement", "K7PX2Q"),)
            ),
        ),
        responses={
            SAVOIE.key: Cell(count=4),
            BIGNONA.key: HIDDEN,
            ENSEMBLE.key: Cell(count=5),
        },
    )
    rows = lines(book["Lisez-moi"])
    assert book.sheetnames[0] == "Lisez-moi"
    assert rows[0][0] == "Savoie × Bignona"
    counts = [row[:2] for row in rows if row[0] == "Nombre de réponses"]
    assert counts == [("Nombre de réponses", 5)]
    assert ("Lancement", "K7PX2Q") in [row[:2] for row in rows]
    # One dimension: one line per column, hidden ones as "< k".
    assert ("Bignona", "< 3") in [row[:2] for row in rows]
    assert ("Ensemble", 5) in [row[:2] for row in rows]
    rule = next(row[1] for row in rows if row[0] == "Anonymat")
    assert "< 3" in rule
    assert "masquage complémentaire" in rule


def test_sheet_names_are_valid_and_unique(request_context):
    names = workbook().sheetnames
    assert names == [
        "Lisez-moi",
        "Synthèse",
        "Q1 Besoin prioritaire jeunesse",
        "Q2 Besoin prioritaire jeunesse",
        "Q3 Commentaire",
        "Verbatims",
    ]
    assert all(len(name) <= 31 for name in names)


def test_sheet_names_helper():
    names = SheetNames()
    assert names.add("Q1 [a]:b*c?d/e\\f") == "Q1 a b c d e f"
    long_name = "Q9 " + "x" * 40
    first, second = names.add(long_name), names.add(long_name)
    assert first == long_name[:31]
    assert second == long_name[:27] + " (2)"
    assert names.add("q1 a b c d e f") == "q1 a b c d e f (2)"


def test_sheet_names_never_end_with_an_apostrophe():
    # Excel refuses such names; a question cut after "l'" produced one.
    name = SheetNames().add("Q1 Chez nous, les acteurs de l'action sociale")
    assert name == "Q1 Chez nous, les acteurs de l"


def test_figures_are_numbers_and_hidden_cells_say_so(request_context):
    sheet = workbook()["Q1 Besoin prioritaire jeunesse"]
    header = [cell.value for cell in sheet[6]]
    assert header[:4] == ["Territoire", "Répondants (n)", "Effectif", "%"]
    assert sheet["C5"].value == "Jeunesse"
    savoie, bignona, ensemble = (list(sheet[row])[:4] for row in (7, 8, 9))
    assert [cell.value for cell in savoie] == ["Savoie", 4, 3, 0.75]
    assert savoie[3].number_format == "0%"
    assert [cell.value for cell in bignona] == ["Bignona", "< 3", "< 3", "< 3"]
    assert bignona[2].data_type == "s"
    assert [cell.value for cell in ensemble] == ["Ensemble", 5, 3, 0.6]
    assert sheet["A6"].font.b
    assert sheet.freeze_panes == "B7"


def test_means_keep_their_decimals(request_context):
    sheet = workbook()["Q2 Besoin prioritaire jeunesse"]
    assert sheet["B6"].value == "Moyenne"
    assert sheet["B7"].value == 3.25
    assert sheet["B7"].number_format == "0.0"
    assert sheet["B8"].value == "< 3"


def test_charts_for_figures_not_for_texts(request_context):
    parts = zipfile.ZipFile(io.BytesIO(workbook_bytes())).namelist()
    assert sorted(p for p in parts if p.startswith("xl/charts/")) == [
        "xl/charts/chart1.xml",
        "xl/charts/chart2.xml",
    ]


def test_what_participants_typed_stays_text(request_context):
    sheet = workbook()["Verbatims"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    for typed in (FORMULA, "0612", "http://y"):
        assert cells[typed].data_type == "s"
    assert cells["Savoie"].value == "Savoie"
    assert "< 3 réponses" in cells
    assert not sheet._hyperlinks
    assert "Les réponses libres sont dans la feuille « Verbatims »." in [
        row[0] for row in lines(workbook()["Q3 Commentaire"])
    ]


def test_data_sheet_from_records(request_context):
    records = RecordTable(
        headers=("Territoire", "Q1 — Besoin", "Q2 — Commentaire"),
        rows=[("Savoie", 4.0, FORMULA), ("Autres", None, "0612")],
        dimension_count=1,
    )
    book = workbook(records=records)
    assert book.sheetnames[-1] == "Données"
    sheet = book["Données"]
    assert "précaution" in sheet["A1"].value
    assert "« Autres »" in sheet["A2"].value
    assert [cell.value for cell in sheet[4]][:3] == list(records.headers)
    assert [cell.value for cell in sheet[5]][:3] == ["Savoie", 4, FORMULA]
    assert sheet["C5"].data_type == "s"
    assert sheet["C6"].data_type == "s"
    assert sheet["B6"].value is None
    assert sheet.freeze_panes == "B5"
    assert sheet.auto_filter.ref == "A4:C6"


def test_scale_colours_go_from_disagreement_to_agreement():
    colours = diverging(5)
    assert colours[0] == "#C0392B"
    assert colours[2] == "#DDDDDD"
    assert colours[-1] == "#1B7837"
    assert len(set(diverging(11))) == 11


@pytest.fixture
def dimensions(request_context):
    return (
        Dimension("territory", "Territoire", (("1", "Savoie"), ("2", "Bignona"))),
        Dimension("group", "Collège", (("e", "Élus"), ("t", "Techniciens"))),
    )


def respond_many(workshop, territory: str, group: str, count: int) -> None:
    for _ in range(count):
        record_response(
            workshop.questionnaire, {"territory": territory, "group": group}, {}
        )
    db.session.commit()


def test_small_values_merge_into_autres(make_workshop, dimensions):
    workshop = make_workshop()
    respond_many(workshop, "1", "e", 3)
    respond_many(workshop, "1", "t", 3)
    respond_many(workshop, "2", "e", 3)
    respond_many(workshop, "3", "e", 2)  # two small territories: "Autres" has 4
    respond_many(workshop, "4", "e", 2)
    people = load_dimensions(
        workshop.questionnaire.id, dimensions, {}, 3, cross=("territory", "group")
    )
    counts = people.groupby(["territory_label", "group_label"]).size().to_dict()
    assert counts == {
        ("Savoie", "Élus"): 3,
        ("Savoie", "Techniciens"): 3,
        ("Bignona", "Élus"): 3,
        ("Autres", "Élus"): 4,
    }
    assert set(people["territory"]) == {"1", "2", OTHER_CODE}


def test_a_lone_small_value_is_blanked(make_workshop, dimensions):
    workshop = make_workshop()
    respond_many(workshop, "1", "e", 3)
    respond_many(workshop, "1", "t", 3)
    respond_many(workshop, "2", "t", 1)  # alone: "Autres" would be this person
    respond_many(workshop, "2", "e", 4)
    respond_many(workshop, "1", "x", 1)  # an unknown group, alone too
    people = load_dimensions(
        workshop.questionnaire.id, dimensions, {}, 3, cross=("territory", "group")
    )
    counts = people.groupby(["territory_label", "group_label"]).size().to_dict()
    assert counts == {
        ("Savoie", "Élus"): 3,
        ("Savoie", "Techniciens"): 3,
        ("Savoie", ""): 1,
        ("Bignona", "Élus"): 4,
        ("Bignona", ""): 1,
    }


def test_filters_select_the_responses(make_workshop, dimensions):
    workshop = make_workshop()
    respond_many(workshop, "1", "e", 2)
    respond_many(workshop, "2", "e", 1)
    people = load_dimensions(
        workshop.questionnaire.id, dimensions, {"territory": "2"}, 1
    )
    assert people["territory_label"].tolist() == ["Bignona"]
