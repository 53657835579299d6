"""Moderating and projecting the wall, as the facilitator does."""

import re
from pathlib import Path

import pytest

from facilitator.extensions import db
from tests.conftest import csrf_token, post_form
from workshops.models import Contribution, ContributionKind, ContributionVote

XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Savoie × Bignona")
    db.session.commit()
    return workshop


@pytest.fixture
def session(workshop, make_session):
    return make_session(workshop, label="Plénière", join_code="MUR234")


@pytest.fixture
def wall_url(workshop, session):
    return f"/workshops/{workshop.id}/sessions/{session.id}/wall"


def add(session, text, kind=ContributionKind.PRACTICE, votes=0, **fields):
    contribution = Contribution(session=session, kind=kind, text=text, **fields)
    db.session.add(contribution)
    db.session.flush()
    for n in range(votes):
        db.session.add(
            ContributionVote(contribution_id=contribution.id, voter_hash=f"v{n}")
        )
    db.session.commit()
    return contribution


def act(client, wall_url, contribution, action, data=None):
    return post_form(
        client, f"{wall_url}/{contribution.id}/{action}", data, page=wall_url
    )


def row(page, contribution):
    match = re.search(rf'<tr id="c{contribution.id}".*?</tr>', page, re.S)
    assert match, f"no row for contribution {contribution.id}"
    return match.group(0)


def phone_wall(app):
    return app.test_client().get("/j/MUR234/mur").get_data(as_text=True)


def test_moderation_lists_everything_with_its_state(client, session, wall_url):
    visible = add(session, "Visible", votes=2)
    hidden = add(session, "Masquée", hidden=True)
    pinned = add(session, "Épinglée", pinned=True)
    merged = add(session, "Doublon", merged_into_id=visible.id, votes=1)
    page = client.get(wall_url).get_data(as_text=True)
    assert "visible" in row(page, visible)
    assert "masquée" in row(page, hidden)
    assert "épinglée" in row(page, pinned)
    assert f"fusionnée avec n°{visible.id}" in row(page, merged)
    assert '<td class="num">2</td>' in row(page, visible)
    assert "Une pratique qui fonctionne" in row(page, visible)
    assert "/wall/projector" in page


def test_hide_and_show_again(app, client, session, wall_url):
    contribution = add(session, "Hors sujet")
    response = act(client, wall_url, contribution, "hide")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert f"Contribution n°{contribution.id} masquée." in page
    assert "Hors sujet" not in phone_wall(app)
    act(client, wall_url, contribution, "show")
    assert "Hors sujet" in phone_wall(app)


def test_pin_puts_it_first_everywhere(app, client, session, wall_url):
    add(session, "Populaire", votes=5)
    quiet = add(session, "Discrète")
    act(client, wall_url, quiet, "pin")
    texts = re.findall(r'<p class="wall-text">(.*?)</p>', phone_wall(app))
    assert texts == ["Discrète", "Populaire"]
    projector = client.get(f"{wall_url}/projector").get_data(as_text=True)
    assert projector.index("Discrète") < projector.index("Populaire")
    act(client, wall_url, quiet, "unpin")
    texts = re.findall(r'<p class="wall-text">(.*?)</p>', phone_wall(app))
    assert texts == ["Populaire", "Discrète"]


def test_merge_sums_votes_and_repoints_earlier_duplicates(
    app, client, session, wall_url
):
    target = add(session, "Original", votes=2)
    duplicate = add(session, "Doublon", votes=3)
    earlier = add(session, "Doublon du doublon", merged_into_id=duplicate.id)
    page = client.get(wall_url).get_data(as_text=True)
    assert f'<option value="{target.id}">n°{target.id} — Original' in page
    response = act(
        client,
        wall_url,
        duplicate,
        "merge",
        {f"merge-{duplicate.id}-target": target.id},
    )
    assert response.status_code == 302
    db.session.refresh(earlier)
    assert earlier.merged_into_id == target.id
    # Voters v0, v1 voted for both: each browser counts once.
    assert "3 soutiens" in phone_wall(app)
    assert "Doublon" not in phone_wall(app)
    act(client, wall_url, duplicate, "unmerge")
    assert "Doublon" in phone_wall(app)


def test_cannot_merge_into_itself_or_into_a_duplicate(client, session, wall_url):
    first = add(session, "Première")
    second = add(session, "Seconde")
    duplicate = add(session, "Doublon", merged_into_id=second.id)
    for target in (first, duplicate):
        response = act(
            client, wall_url, first, "merge", {f"merge-{first.id}-target": target.id}
        )
        page = client.get(response.location).get_data(as_text=True)
        assert "Choisissez une autre contribution visible du mur." in page
    db.session.refresh(first)
    assert first.merged_into_id is None


def test_filter_by_kind(client, session, wall_url):
    add(session, "Une pratique")
    add(session, "Une question ?", kind=ContributionKind.QUESTION)
    page = client.get(f"{wall_url}?kind=question").get_data(as_text=True)
    assert "Une question ?" in page
    assert "Une pratique</p>" not in page


def test_actions_need_csrf(client, session, wall_url):
    contribution = add(session, "Une pratique")
    client.get(wall_url)
    assert client.post(f"{wall_url}/{contribution.id}/hide").status_code == 400
    db.session.refresh(contribution)
    assert not contribution.hidden


def test_another_sessions_contribution_is_a_404(
    client, workshop, session, make_session, wall_url
):
    other = add(make_session(workshop), "Ailleurs")
    page = client.get(wall_url).get_data(as_text=True)
    url = f"{wall_url}/{other.id}/hide"
    response = client.post(url, data={"csrf_token": csrf_token(page)})
    assert response.status_code == 404


def test_projector_by_votes_with_join_code(client, session, wall_url):
    add(session, "Peu soutenue", votes=1)
    add(session, "Très soutenue", votes=4)
    page = client.get(f"{wall_url}/projector").get_data(as_text=True)
    assert page.index("Très soutenue") < page.index("Peu soutenue")
    assert "MUR234" in page
    assert "4 soutiens" in page
    assert '<meta http-equiv="refresh"' in page


def test_projector_grouped_by_shown_territory(
    client, workshop, session, wall_url, respond
):
    savoie, bignona = workshop.territories
    elus = workshop.actor_groups[0]
    respond("Savoie", "Élus", session, Q1="A")
    add(session, "Savoyarde", territory=savoie, group=elus)
    # Nobody from Bignona answered: its territory is not shown.
    add(session, "Sans réponse", territory=bignona, group=elus)
    page = client.get(f"{wall_url}/projector?sort=territory").get_data(as_text=True)
    assert "<h2>Savoie</h2>" in page
    assert "<h2>Bignona</h2>" not in page
    assert page.index("Savoyarde") < page.index("Sans territoire affiché")
    assert page.index("Sans territoire affiché") < page.index("Sans réponse")
    state = client.get(f"{wall_url}/projector/state.json?sort=territory").json
    assert [g["title"] for g in state["groups"]] == [
        "Savoie",
        "Sans territoire affiché",
    ]


def test_projector_state_is_conditional(client, session, wall_url):
    add(session, "Première")
    url = f"{wall_url}/projector/state.json"
    first = client.get(url)
    assert first.headers["Cache-Control"] == "no-cache"
    assert first.json["groups"][0]["contributions"][0]["text"] == "Première"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    add(session, "Seconde")
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).json


def test_a_script_is_text_on_moderation_and_projector(client, session, wall_url):
    add(session, XSS)
    for url in (wall_url, f"{wall_url}/projector"):
        page = client.get(url).get_data(as_text=True)
        assert XSS not in page
        assert ESCAPED in page
    state = client.get(f"{wall_url}/projector/state.json")
    assert state.json["groups"][0]["contributions"][0]["text"] == XSS
    # The script renders texts with textContent only.
    script = (Path(client.application.static_folder) / "js/wall.js").read_text()
    assert "innerHTML" not in script
    assert "insertAdjacentHTML" not in script


def test_other_facilitators_get_a_404(app, make_facilitator, session, wall_url):
    make_facilitator("autre@example.org")
    other = app.test_client()
    post_form(
        other,
        "/login",
        {"email": "autre@example.org", "password": "correct horse battery"},
    )
    for url in (wall_url, f"{wall_url}/projector", f"{wall_url}/projector/state.json"):
        assert other.get(url).status_code == 404


def test_merge_choices_in_english(client, session, wall_url):
    add(session, "Un guichet unique pour les familles")
    add(session, "Guichet unique")
    post_form(client, "/lang/en", {"next": wall_url}, page=wall_url)
    page = client.get(wall_url).get_data(as_text=True)
    assert re.search(r"<option[^>]*>no\. \d+ — Guichet unique", page)
    assert "n°" not in page
