"""The working group as one more dimension of the results: filtered, compared
side by side, and in the workbook and the CSV, small groups hidden."""

import html
import io
import re

import openpyxl
import pandas as pd
import pytest

from facilitator.extensions import db
from surveys.participant_form import field_name
from surveys.responses import record_response
from tests.workshops.test_results import tables
from workshops.models import WorkingGroup

GROUPS = ("Jeunesse", "Handicap", "Personnes âgées")
# Columns when comparing working groups: the groups, "Sans groupe", Ensemble.
JEUNESSE, HANDICAP, AGEES, SANS_GROUPE, ENSEMBLE = range(5)


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, anonymity_threshold=3)
    workshop.working_groups.extend(
        WorkingGroup(name=name, position=i, prompt=f"Consigne {name}")
        for i, name in enumerate(GROUPS)
    )
    db.session.commit()
    return workshop


def respond(workshop, working_group: str | None, territory="Savoie", **answers):
    """A response in a working group (by name), or one recorded before working
    groups existed (no "working_group" key) when None."""
    place = next(t for t in workshop.territories if t.name == territory)
    dimensions = {
        "session": "",
        "wave": "",
        "territory": str(place.id),
        "group": str(workshop.actor_groups[0].id),
    }
    if working_group is not None:
        group = next(g for g in workshop.working_groups if g.name == working_group)
        dimensions["working_group"] = str(group.id)
    questions = {q.code: q for q in workshop.questionnaire.questions}
    record_response(
        workshop.questionnaire,
        dimensions,
        {field_name(questions[code]): data for code, data in answers.items()},
    )


@pytest.fixture
def answered(workshop):
    """Jeunesse and Handicap answer opposite ways; Personnes âgées has only two
    members; three people answered outside any group."""
    for _ in range(4):
        respond(workshop, "Jeunesse", Q1="A", Q2="5", Q3="Parrainage")
        respond(workshop, "Handicap", "Bignona", Q1="B", Q2="1")
    for _ in range(2):
        respond(workshop, "Personnes âgées", Q1="A", Q2="3")
    for _ in range(3):
        respond(workshop, None, Q1="B", Q2="3")
    db.session.commit()
    return workshop


def group_id(workshop, name: str) -> int:
    return next(g.id for g in workshop.working_groups if g.name == name)


def page(client, workshop, query: str = "") -> str:
    response = client.get(f"/workshops/{workshop.id}/results{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_comparison_is_offered_only_with_working_groups(
    client, workshop, answered, make_workshop, facilitator
):
    shown = html.unescape(page(client, workshop))
    assert "Comparer par" in shown
    assert "territoires × collèges" in shown
    assert 'value="working_groups"' in shown
    plain = make_workshop(owner=facilitator)
    db.session.commit()
    assert "Comparer par" not in page(client, plain)
    url = f"/workshops/{plain.id}/results?compare=working_groups"
    assert client.get(url).status_code == 404


def test_groups_side_by_side_with_small_groups_hidden(client, workshop, answered):
    shown = page(client, workshop, "?compare=working_groups")
    q1, q2, _q3 = tables(shown)
    respondents = q1["Répondants (n)"]
    assert len(respondents) == 5
    assert respondents[JEUNESSE] == "4"
    assert respondents[HANDICAP] == "4"
    assert respondents[AGEES] == "< 3"
    assert respondents[ENSEMBLE] == "13"
    # Ensemble minus the visible groups must not give the two away.
    assert respondents[SANS_GROUPE] == "< 3"
    assert "4 (100 %)" in q1["Jeunesse"][JEUNESSE]
    assert q2["Moyenne"][HANDICAP] == "1,0"
    text = html.unescape(shown)
    assert "Sans groupe de travail" in text
    assert "Où les groupes de travail divergent le plus" in text
    assert "Où les territoires divergent le plus" not in text
    assert 'data-dimension="working_group"' in shown


def test_filter_by_working_group_keeps_the_default_columns(client, workshop, answered):
    jeunesse = group_id(workshop, "Jeunesse")
    shown = html.unescape(page(client, workshop, f"?working_group={jeunesse}"))
    assert "4 réponses" in shown
    assert "(sur 13 au total)" in shown
    assert "Où les territoires divergent le plus" in shown
    # Links to the exports and the printable page keep the filter.
    assert f"/results.xlsx?working_group={jeunesse}" in shown
    assert f"/results/print?working_group={jeunesse}" in shown


def test_unknown_working_group_is_not_found(client, workshop, make_workshop):
    other = make_workshop()
    foreign = WorkingGroup(name="Ailleurs", position=0)
    other.working_groups.append(foreign)
    db.session.commit()
    url = f"/workshops/{workshop.id}/results?working_group={foreign.id}"
    assert client.get(url).status_code == 404


def test_export_links_keep_the_comparison(client, workshop, answered):
    shown = html.unescape(page(client, workshop, "?compare=working_groups"))
    assert "/results.xlsx?compare=working_groups" in shown
    assert "/results/print?compare=working_groups" in shown
    assert 'name="compare" type="hidden" value="working_groups"' in shown


def test_print_page_follows_the_comparison(client, workshop, answered):
    url = f"/workshops/{workshop.id}/results/print?compare=working_groups"
    shown = html.unescape(client.get(url).get_data(as_text=True))
    assert "Jeunesse · Handicap · Personnes âgées" in shown
    assert "Comparaison : groupes de travail" in shown
    assert "Où les groupes de travail divergent le plus" in shown


def book(client, workshop, query: str) -> openpyxl.Workbook:
    response = client.get(f"/workshops/{workshop.id}/results.xlsx{query}")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.data))


def lines(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True) if any(row)]


def test_workbook_compares_working_groups(client, workshop, answered):
    sheets = book(client, workshop, "?compare=working_groups&with_data=y")
    readme = lines(sheets["Lisez-moi"])
    first = {line[0]: line[1:] for line in readme}
    assert first["Filtres appliqués"][0] == "Comparaison : groupes de travail"
    section = readme.index(("Groupes de travail", *[None] * (len(readme[0]) - 1)))
    assert readme[section + 1][:2] == ("Groupe", "Consigne")
    assert readme[section + 2][:2] == ("Jeunesse", "Consigne Jeunesse")
    # Respondents per working group, the small ones hidden.
    assert ("Personnes âgées", "< 3") in [line[:2] for line in readme]
    q1 = [line for line in lines(sheets["Q1 Besoin prioritaire"])[3:] if line[0]]
    titles = [line[0] for line in q1]
    assert titles[-5:] == [*GROUPS, "Sans groupe de travail", "Ensemble"]
    agees = q1[-3]
    assert set(agees[1:4]) == {"< 3"}
    assert q1[-5][1] == 4
    summary = [cell for line in lines(sheets["Synthèse"]) for cell in line if cell]
    assert "Où les groupes de travail divergent le plus" in summary
    assert "Où les territoires divergent le plus" not in summary
    data = lines(sheets["Données"])
    start = next(i for i, line in enumerate(data) if line[0] == "Territoire")
    header = data[start]
    column = header.index("Groupe de travail")
    values = [line[column] for line in data[start + 1 :]]
    assert values.count("Jeunesse") == 4
    assert values.count("Handicap") == 4
    # Two members only: merged, and left blank since "Autres" would be two too.
    assert "Personnes âgées" not in values
    assert "Autres" not in values
    # The warning names every merged column, the working group included.
    merged = re.search(r"Les valeurs \(([^)]*)\)", data[1][0]).group(1)
    assert "groupe de travail" in merged.split(", ")
    assert "territoire" in merged.split(", ")


def test_workbook_filtered_by_working_group(client, workshop, answered):
    handicap = group_id(workshop, "Handicap")
    sheets = book(client, workshop, f"?working_group={handicap}")
    readme = {line[0]: line[1:] for line in lines(sheets["Lisez-moi"])}
    assert readme["Nombre de réponses"][0] == 4
    assert readme["Filtres appliqués"][0] == "Groupe de travail : Handicap"


def csv_rows(client, workshop, query: str = "") -> pd.DataFrame:
    response = client.get(f"/workshops/{workshop.id}/results.csv{query}")
    assert response.status_code == 200
    return pd.read_csv(
        io.BytesIO(response.data),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )


def test_csv_has_a_working_group_column_and_filter(client, workshop, answered):
    rows = csv_rows(client, workshop)
    labels = rows.drop_duplicates("response_key")["working_group_label"].tolist()
    assert labels.count("Jeunesse") == 4
    assert labels.count("Handicap") == 4
    assert "Personnes âgées" not in labels
    jeunesse = group_id(workshop, "Jeunesse")
    only = csv_rows(client, workshop, f"?working_group={jeunesse}")
    assert set(only["working_group"]) == {str(jeunesse)}
    assert set(only["working_group_label"]) == {"Jeunesse"}


def test_no_working_group_column_without_working_groups(
    client, facilitator, make_workshop
):
    plain = make_workshop(owner=facilitator)
    db.session.commit()
    respond(plain, None, Q1="A")
    db.session.commit()
    assert "working_group" not in csv_rows(client, plain).columns


def test_reserved_question_has_no_row_for_those_never_asked(client, workshop, answered):
    q1 = workshop.questionnaire.questions[0]
    assert "Sans réponse" in tables(page(client, workshop))[0]
    workshop.working_groups[0].questions.append(q1)
    db.session.commit()
    first, second, _third = tables(page(client, workshop, "?compare=working_groups"))
    assert "Sans réponse" not in first
    assert "Sans réponse" in second


def test_cli_exports_the_working_group_comparison(runner, workshop, answered, tmp_path):
    path = tmp_path / "groupes.xlsx"
    result = runner.invoke(
        args=["export-xlsx", str(workshop.id), str(path), "--by-working-group"]
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(path)["Q1 Besoin prioritaire"]
    titles = [line[0] for line in lines(sheet)]
    assert "Sans groupe de travail" in titles


def test_cli_refuses_the_comparison_without_working_groups(
    runner, make_workshop, tmp_path
):
    plain = make_workshop()
    db.session.commit()
    result = runner.invoke(
        args=[
            "export-xlsx",
            str(plain.id),
            str(tmp_path / "x.xlsx"),
            "--by-working-group",
        ]
    )
    assert result.exit_code != 0
    assert "aucun groupe de travail" in result.output
