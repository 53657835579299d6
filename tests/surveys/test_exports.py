"""The results workbook, written from hand-made results and read back."""

import io

import openpyxl
import pytest

from surveys.aggregation import (
    ALL,
    HIDDEN,
    Cell,
    Column,
    ColumnKind,
    QuestionResult,
    Results,
    Row,
    RowKind,
    TextGroup,
)
from surveys.exports import (
    ReadmeSection,
    SheetNames,
    WorkbookContext,
    write_results_workbook,
)

SAVOIE = Column(("t1",), ColumnKind.CELL, "cells", "Territoire", "Savoie", ("Savoie",))
BIGNONA = Column(
    ("t2",), ColumnKind.CELL, "cells", "Territoire", "Bignona", ("Bignona",)
)
ENSEMBLE = Column((ALL,), ColumnKind.OVERALL, "overall", "Ensemble", "", ())


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
            TextGroup(SAVOIE, False, ('=HYPERLINK("http://x")', "0612", "http://y")),
            TextGroup(BIGNONA, True),
        ),
    )
    return Results((SAVOIE, BIGNONA, ENSEMBLE), (choice, scale, text), 5, 3)


def workbook(context=None) -> openpyxl.Workbook:
    context = context or WorkbookContext(title="Savoie × Bignona")
    return openpyxl.load_workbook(
        io.BytesIO(write_results_workbook(results(), context))
    )


def test_readme_first_with_the_response_count(request_context):
    context = WorkbookContext(
        title="Savoie × Bignona",
        sections=(
            ReadmeSection("Territoires", rows=(("Savoie",), ("Bignona",))),
            ReadmeSection(
                "Séances", header=("Séance", "Code"), rows=(("Lancement", "K7PX2Q"),)
            ),
        ),
    )
    book = workbook(context)
    rows = list(book["Lisez-moi"].iter_rows(values_only=True))
    assert book.sheetnames[0] == "Lisez-moi"
    assert rows[0][0] == "Savoie × Bignona"
    counts = [row[:2] for row in rows if row[0] == "Nombre de réponses"]
    assert counts == [("Nombre de réponses", 5)]
    assert ("Lancement", "K7PX2Q") in [row[:2] for row in rows]
    assert any("< 3" in str(row[1]) for row in rows if row[0] == "Anonymat")


def test_sheet_names_are_valid_and_unique(request_context):
    names = workbook().sheetnames
    assert names[1:] == [
        "Q1 Besoin prioritaire jeunesse",
        "Q2 Besoin prioritaire jeunesse",
        "Q3 Commentaire",
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
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=7) if row[0].value}
    jeunesse = rows["Jeunesse"]
    assert [cell.value for cell in jeunesse[1:3]] == [3, 0.75]
    assert jeunesse[2].number_format == "0%"
    assert jeunesse[3].value == "< 3"
    assert jeunesse[5].value == 3
    assert rows["Répondants (n)"][5].value == 5
    header = [cell.value for cell in next(sheet.iter_rows(min_row=4, max_row=4))]
    assert header[:2] == ["Modalité", "Territoire"]
    assert "Ensemble" in header
    assert sheet["B4"].font.b


def test_means_keep_their_decimals(request_context):
    sheet = workbook()["Q2 Besoin prioritaire jeunesse"]
    mean = next(row for row in sheet.iter_rows(min_row=7) if row[0].value == "Moyenne")
    assert mean[1].value == 3.25
    assert mean[1].number_format == "0.0"
    assert mean[3].value == "< 3"


def test_what_participants_typed_stays_text(request_context):
    sheet = workbook()["Q3 Commentaire"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row}
    for typed in ('=HYPERLINK("http://x")', "0612", "http://y"):
        assert cells[typed].data_type == "s"
    assert cells["Savoie"].value == "Savoie"
    assert "< 3 réponses" in cells
    assert not sheet._hyperlinks
