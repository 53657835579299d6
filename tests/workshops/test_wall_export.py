"""Tags under the anonymity threshold, the workbook's Contributions sheet and
the demo wall."""

import io

import openpyxl
import pytest

from facilitator.extensions import db
from surveys.exports import WorkbookContext, write_results_workbook
from surveys.responses import record_response
from workshops.models import (
    Contribution,
    ContributionKind,
    ContributionVote,
    Wave,
    WorkingGroup,
)
from workshops.results.queries import ResultFilters, workshop_results
from workshops.wall.demo import add_demo_contributions
from workshops.wall.export import contribution_sheets
from workshops.wall.queries import wall_entries
from workshops.wall.tags import session_tags

FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(
        owner=facilitator, title="Savoie × Bignona", anonymity_threshold=2
    )
    db.session.commit()
    return workshop


@pytest.fixture
def names(workshop):
    """Territories, actor groups by name."""
    return {t.name: t for t in workshop.territories} | {
        g.name: g for g in workshop.actor_groups
    }


@pytest.fixture
def groups(workshop, make_session):
    youth = WorkingGroup(workshop=workshop, name="Jeunesse")
    disability = WorkingGroup(workshop=workshop, name="Handicap", position=1)
    db.session.add_all([youth, disability])
    db.session.commit()
    return youth, disability


def answer(workshop, session, territory, group, working_group=None, times=1):
    """Responses as the participant flow records them."""
    for _ in range(times):
        record_response(
            workshop.questionnaire,
            {
                "session": str(session.id),
                "wave": session.wave or "",
                "territory": str(territory.id),
                "group": str(group.id),
                "working_group": str(working_group.id) if working_group else "",
            },
            {},
        )
    db.session.commit()


def add(session, text, territory=None, group=None, votes=0, **fields):
    contribution = Contribution(
        session=session,
        kind=fields.pop("kind", ContributionKind.PRACTICE),
        text=text,
        territory=territory,
        group=group,
        **fields,
    )
    db.session.add(contribution)
    db.session.flush()
    db.session.add_all(
        ContributionVote(contribution_id=contribution.id, voter_hash=f"h{n}")
        for n in range(votes)
    )
    db.session.commit()
    return contribution


@pytest.fixture
def tagged(workshop, make_session, names, groups):
    """Threshold 2: Savoie · Élus has 2 respondents, Savoie 3, Bignona 1;
    Jeunesse 2, Handicap 1."""
    youth, disability = groups
    session = make_session(workshop, label="Plénière", join_code="MUR234")
    savoie, bignona = names["Savoie"], names["Bignona"]
    answer(workshop, session, savoie, names["Élus"], youth, times=2)
    answer(workshop, session, savoie, names["Techniciens"], disability)
    answer(workshop, session, bignona, names["Élus"])
    return session


def test_tags_follow_the_threshold(client, tagged, names, groups):
    youth, disability = groups
    elus, techniciens = names["Élus"], names["Techniciens"]
    add(tagged, "Cellule assez grande", names["Savoie"], elus, working_group=youth)
    add(tagged, "Territoire seul", names["Savoie"], techniciens)
    add(tagged, "Rien", names["Bignona"], elus, working_group=disability)
    page = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert "Savoie · Élus · Jeunesse</p>" in page
    assert '<p class="wall-tag">Savoie</p>' in page
    assert "Bignona" not in page.split('id="mur"')[1]
    assert "Handicap" not in page.split('id="mur"')[1]


def test_tags_count_only_the_sessions_respondents(workshop, make_session, names):
    session = make_session(workshop)
    other = make_session(workshop)
    answer(workshop, other, names["Savoie"], names["Élus"], times=5)
    answer(workshop, session, names["Savoie"], names["Élus"])
    contribution = add(session, "Seule", names["Savoie"], names["Élus"])
    assert session_tags(session).tag(contribution).label == ""
    answer(workshop, session, names["Savoie"], names["Élus"])
    assert session_tags(session).tag(contribution).label == "Savoie · Élus"


def test_tags_without_profile_are_empty(workshop, tagged):
    contribution = add(tagged, "Sans profil")
    assert session_tags(tagged).tag(contribution).label == ""


def workbook(workshop, filters=None) -> openpyxl.Workbook:
    filters = filters or ResultFilters()
    results = workshop_results(workshop, filters)
    context = WorkbookContext(
        title=workshop.title, extra_sheets=contribution_sheets(workshop, filters)
    )
    return openpyxl.load_workbook(io.BytesIO(write_results_workbook(results, context)))


def sheet_rows(book) -> list[tuple]:
    sheet = book["Contributions"]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    return rows


def test_contributions_sheet(workshop, tagged, names, groups, make_session):
    youth, _ = groups
    elus = names["Élus"]
    add(tagged, "Peu soutenue", names["Savoie"], elus, votes=1, working_group=youth)
    add(tagged, FORMULA, names["Bignona"], elus, votes=3, pinned=True)
    add(tagged, "Masquée", votes=9, hidden=True)
    original = add(tagged, "Originale", names["Savoie"], names["Techniciens"], votes=2)
    add(tagged, "Doublon", votes=4, merged_into_id=original.id)
    later = make_session(workshop, label="Restitution")
    add(later, "Plus tard", kind=ContributionKind.QUESTION, votes=8)
    book = workbook(workshop)
    rows = sheet_rows(book)
    header = rows.index(
        (
            "Séance",
            "Type",
            "Contribution",
            "Territoire",
            "Collège",
            "Groupe de travail",
            "Soutiens",
            "Épinglée",
        )
    )
    body = [tuple(value or "" for value in row) for row in rows[header + 1 :]]
    practice, plenary = "Une pratique qui fonctionne", "Plénière"
    # Voters h0, h1 supported both the original and its duplicate: once each.
    assert body == [
        (plenary, practice, "Originale", "Savoie", "", "", 4, ""),
        (plenary, practice, FORMULA, "", "", "", 3, "Oui"),
        (plenary, practice, "Peu soutenue", "Savoie", "Élus", "Jeunesse", 1, ""),
        ("Restitution", "Une question au panel", "Plus tard", "", "", "", 8, ""),
    ]
    # The formula a participant typed stays text.
    cell = next(c for c in book["Contributions"]["C"] if c.value == FORMULA)
    assert cell.data_type == "s"
    readme = [v for row in book["Lisez-moi"].iter_rows(values_only=True) for v in row]
    assert "Contributions" in readme


def test_sheet_follows_the_filters(workshop, make_session):
    first = make_session(workshop, label="Point zéro", wave=Wave.BASELINE.value)
    second = make_session(workshop, label="Mi-parcours", wave=Wave.MIDTERM.value)
    add(first, "Au début")
    add(second, "Au milieu")
    by_session = sheet_rows(workbook(workshop, ResultFilters(session=second)))
    assert "Au milieu" in by_session[-1]
    assert not any("Au début" in row for row in by_session)
    by_wave = sheet_rows(workbook(workshop, ResultFilters(wave=Wave.BASELINE.value)))
    assert "Au début" in by_wave[-1]
    assert not any("Au milieu" in row for row in by_wave)


def test_no_sheet_without_contributions(workshop, make_session):
    session = make_session(workshop)
    assert contribution_sheets(workshop, ResultFilters()) == ()
    add(session, "Masquée", hidden=True)
    assert contribution_sheets(workshop, ResultFilters()) == ()
    assert "Contributions" not in workbook(workshop).sheetnames


def test_demo_wall(workshop, make_session, client):
    session = make_session(workshop, join_code="DEM234")
    added = add_demo_contributions(session)
    db.session.commit()
    assert 10 <= len(added) <= 15
    entries = wall_entries(session)
    assert entries[0].contribution.pinned
    assert len(entries) == len(added) - 1
    assert all(entry.votes > 0 for entry in entries)
    assert {e.contribution.kind for e in entries} == set(ContributionKind)
    first = [(e.contribution.text, e.votes) for e in entries]
    again = make_session(workshop, join_code="DEM235")
    add_demo_contributions(again)
    db.session.commit()
    assert [(e.contribution.text, e.votes) for e in wall_entries(again)] == first
    page = client.get("/j/DEM234/mur").get_data(as_text=True)
    assert "comités de quartier" in page
