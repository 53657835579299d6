"""The phone wall: reading, posting, voting, through HTTP like a participant."""

import html
import re

import pytest

from facilitator import create_app
from facilitator.extensions import db
from tests.conftest import csrf_token, post_form
from workshops.models import (
    Contribution,
    ContributionKind,
    ContributionVote,
    SessionState,
    WorkingGroup,
)
from workshops.wall import services
from workshops.wall.queries import voter_hash

XSS = "<script>alert(1)</script>"
MINE = '<span class="vote-mine">Vous soutenez</span>'


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Savoie × Bignona")
    db.session.commit()
    return workshop


@pytest.fixture(autouse=True)
def session(workshop, make_session):
    return make_session(workshop, label="Plénière", join_code="MUR234")


@pytest.fixture
def phone(app):
    """A participant's phone: its own cookies."""
    return app.test_client


def ids(workshop):
    territories = {t.name: t.id for t in workshop.territories}
    groups = {g.name: g.id for g in workshop.actor_groups}
    return territories, groups


def post(client, workshop, text, kind="practice", territory="Savoie", group="Élus"):
    territories, groups = ids(workshop)
    data = {"kind": kind, "text": text}
    if territory:
        data["territory"] = territories[territory]
    if group:
        data["group"] = groups[group]
    return post_form(client, "/j/MUR234/mur", data)


def add(session, text, **fields):
    contribution = Contribution(
        session=session, kind=fields.pop("kind", ContributionKind.PRACTICE), text=text
    )
    for name, value in fields.items():
        setattr(contribution, name, value)
    db.session.add(contribution)
    db.session.commit()
    return contribution


def vote(client, contribution_id, **kwargs):
    page = client.get("/j/MUR234/mur").get_data(as_text=True)
    return client.post(
        f"/j/MUR234/mur/{contribution_id}/vote",
        data={"csrf_token": csrf_token(page)},
        **kwargs,
    )


def card_texts(html):
    return re.findall(r'<p class="wall-text">(.*?)</p>', html, re.S)


def test_posting_shows_the_contribution_with_its_kind_and_tag(
    client, workshop, session, respond
):
    respond("Savoie", "Élus", session, Q1="A")
    response = post(client, workshop, "  Des comités de quartier.  ")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Merci ! Votre contribution est sur le mur." in page
    assert card_texts(page) == ["Des comités de quartier."]
    assert "Une pratique qui fonctionne" in page
    assert "Savoie · Élus" in page
    assert "0 soutien" in page


def test_the_profile_is_asked_once_then_remembered(client, workshop):
    first = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert "Votre territoire" in first
    assert "Vous participez en tant que" in first
    post(client, workshop, "Premier message", group="Techniciens")
    second = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert "Votre territoire" not in second
    post(client, workshop, "Second message", territory=None, group=None)
    tags = {c.text: (c.territory.name, c.group.name) for c in _all()}
    assert tags["Second message"] == ("Savoie", "Techniciens")


def test_a_fixed_territory_is_not_asked(client, workshop, make_session):
    bignona = workshop.territories[1]
    make_session(workshop, join_code="FIX234", territory_id=bignona.id)
    page = client.get("/j/FIX234/mur").get_data(as_text=True)
    assert "Votre territoire" not in page
    assert "Territoire : Bignona" in page
    group = workshop.actor_groups[3].id
    data = {"kind": "question", "text": "Et la jeunesse ?", "group": group}
    assert post_form(client, "/j/FIX234/mur", data).status_code == 302
    assert _all()[0].territory_id == bignona.id


def test_working_group_asked_only_when_the_session_offers_some(
    client, workshop, session
):
    assert "Votre groupe de travail" not in client.get("/j/MUR234/mur").text
    youth = WorkingGroup(workshop=workshop, name="Jeunesse")
    session.working_groups.append(youth)
    db.session.commit()
    page = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert "Votre groupe de travail" in page
    response = post(client, workshop, "Sans groupe")
    assert "Choisissez votre groupe de travail." in response.get_data(as_text=True)
    territories, groups = ids(workshop)
    data = {
        "kind": "innovation",
        "text": "Avec groupe",
        "territory": territories["Bignona"],
        "group": groups["Habitants"],
        "working_group": youth.id,
    }
    assert post_form(client, "/j/MUR234/mur", data).status_code == 302
    assert _all()[0].working_group_id == youth.id


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("   ", "practice", "Écrivez votre contribution."),
        ("x" * 501, "practice", "dépasse 500 caractères"),
        ("Une idée", "", "Choisissez le type de votre contribution."),
        ("Une idée", "poem", "Choisissez un type de la liste."),
    ],
)
def test_bad_posts_show_french_messages_and_keep_the_text(
    client, workshop, text, kind, message
):
    response = post(client, workshop, text, kind=kind)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    if text.strip():
        assert text in page
    assert _all() == []


def test_five_hundred_characters_with_line_breaks_fit(client, workshop):
    text = ("a" * 249) + "\r\n" + ("b" * 250)
    assert post(client, workshop, text).status_code == 302
    assert len(_all()[0].text) == 500


def test_missing_profile_is_asked_with_a_message(client, workshop):
    page = post(client, workshop, "Une idée", territory=None).get_data(as_text=True)
    assert "Choisissez votre territoire." in page
    assert "Une idée" in page


@pytest.mark.parametrize("state", [SessionState.PAUSED, SessionState.CLOSED])
def test_no_posting_nor_voting_unless_open(client, workshop, session, state):
    kept = add(session, "Déjà là")
    token = csrf_token(client.get("/j/MUR234/mur").text)
    session.state = state
    db.session.commit()
    page = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert "Déjà là" in page
    assert "Publier</button>" not in page
    assert "Soutenir</button>" not in page
    territories, groups = ids(workshop)
    data = {
        "csrf_token": token,
        "kind": "practice",
        "text": "Trop tard",
        "territory": territories["Savoie"],
        "group": groups["Élus"],
    }
    refused = client.post("/j/MUR234/mur", data=data)
    assert refused.status_code == 409
    assert "Trop tard" in refused.get_data(as_text=True)
    url = f"/j/MUR234/mur/{kept.id}/vote"
    voted = client.post(url, data={"csrf_token": token}, follow_redirects=True)
    assert "La séance n'accepte pas de soutien" in html.unescape(voted.text)
    assert [c.text for c in _all()] == ["Déjà là"]
    assert db.session.query(ContributionVote).count() == 0


def test_paused_wall_says_so(client, session):
    session.state = SessionState.PAUSED
    db.session.commit()
    assert "La séance est en pause" in client.get("/j/MUR234/mur").text


def test_unknown_code_is_a_404(client):
    response = client.get("/j/ZZZZZZ/mur")
    assert response.status_code == 404
    assert "Ce code ne correspond à aucune séance" in response.text


def test_wall_order_pinned_then_votes_then_newest(phone, session):
    old = add(session, "Ancienne")
    popular = add(session, "Populaire")
    new = add(session, "Récente")
    add(session, "Épinglée ici", pinned=True)
    add(session, "Masquée", hidden=True)
    add(session, "Doublon", merged_into_id=popular.id)
    for _ in range(2):
        vote(phone(), popular.id)
    vote(phone(), old.id)
    assert new.id > old.id
    page = phone().get("/j/MUR234/mur").get_data(as_text=True)
    assert card_texts(page) == ["Épinglée ici", "Populaire", "Ancienne", "Récente"]


def test_one_vote_per_browser_toggled(phone, session):
    contribution = add(session, "Une pratique")
    alice, bob = phone(), phone()
    assert vote(alice, contribution.id).status_code == 302
    vote(bob, contribution.id)
    page = alice.get("/j/MUR234/mur").get_data(as_text=True)
    assert "2 soutiens" in page
    assert MINE in page
    assert "Retirer mon soutien" in page
    vote(alice, contribution.id)
    page = alice.get("/j/MUR234/mur").get_data(as_text=True)
    assert "1 soutien" in page
    assert MINE not in page
    assert MINE in bob.get("/j/MUR234/mur").text


def test_vote_with_javascript_answers_json(phone, session):
    contribution = add(session, "Une pratique")
    client = phone()
    response = vote(client, contribution.id, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.json == {
        "id": contribution.id,
        "voted": True,
        "votes": 1,
        "votes_label": "1 soutien",
    }


def test_votes_of_merged_duplicates_count_once_per_browser(phone, session):
    original = add(session, "Original")
    duplicate = add(session, "Doublon")
    both, only_duplicate, only_original = phone(), phone(), phone()
    vote(both, original.id)
    vote(both, duplicate.id)
    vote(only_duplicate, duplicate.id)
    vote(only_original, original.id)
    duplicate.merged_into_id = original.id
    db.session.commit()
    page = both.get("/j/MUR234/mur").get_data(as_text=True)
    assert card_texts(page) == ["Original"]
    assert "3 soutiens" in page
    # The browser that supported only the duplicate supports the original.
    assert MINE in only_duplicate.get("/j/MUR234/mur").text
    # A vote for the merged duplicate goes to its target, toggling it off.
    vote(only_duplicate, duplicate.id)
    assert "2 soutiens" in both.get("/j/MUR234/mur").text


def test_hidden_contributions_are_not_shown_nor_votable(phone, session):
    hidden = add(session, "Hors sujet", hidden=True)
    client = phone()
    assert "Hors sujet" not in client.get("/j/MUR234/mur").text
    assert "Hors sujet" not in client.get("/j/MUR234/mur.json").text
    assert vote(client, hidden.id).status_code == 404


def test_vote_for_another_session_is_a_404(phone, workshop, session, make_session):
    other = make_session(workshop, join_code="OTH234")
    elsewhere = add(other, "Ailleurs")
    assert vote(phone(), elsewhere.id).status_code == 404


def test_vote_needs_the_csrf_token(phone, session):
    contribution = add(session, "Une pratique")
    client = phone()
    client.get("/j/MUR234/mur")
    response = client.post(f"/j/MUR234/mur/{contribution.id}/vote")
    assert response.status_code == 400
    assert db.session.query(ContributionVote).count() == 0


def test_json_state_has_an_etag(phone, session):
    add(session, XSS)
    client = phone()
    first = client.get("/j/MUR234/mur.json")
    assert first.status_code == 200
    assert first.headers["Cache-Control"].startswith("no-cache")
    assert first.json["contributions"][0]["text"] == XSS
    etag = first.headers["ETag"]
    again = client.get("/j/MUR234/mur.json", headers={"If-None-Match": etag})
    assert again.status_code == 304
    add(session, "Nouvelle")
    changed = client.get("/j/MUR234/mur.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.json["count_label"] == "2 contributions"


def test_a_script_is_shown_as_text(client, workshop):
    post(client, workshop, XSS)
    page = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert XSS not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_page_works_without_javascript_and_loads_the_enhancement(client, session):
    page = client.get("/j/MUR234/mur").get_data(as_text=True)
    assert "css/wall.css" in page
    assert "js/wall.js" in page
    assert '<fieldset class="field field-choices' in page


def _all():
    return db.session.query(Contribution).order_by(Contribution.id.desc()).all()


@pytest.fixture
def limited_app(app):
    """An app on the same database, with rate limits on as in production."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
            "SERVER_NAME": "localhost",
        }
    )


def test_posting_is_limited_per_phone_not_per_room(limited_app, workshop):
    flooder, neighbour = limited_app.test_client(), limited_app.test_client()
    statuses = [post(flooder, workshop, f"Message {n}").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    # Another phone behind the same address still posts.
    assert post(neighbour, workshop, "Mon idée").status_code == 302


def test_a_concurrent_duplicate_vote_changes_nothing(phone, session, monkeypatch):
    contribution = add(session, "Une pratique")
    client = phone()
    vote(client, contribution.id)
    hashed = voter_hash(session, client.get_cookie("rc_participant").value)

    def racing_toggle(target, voter):
        # The same browser's other request inserted the vote first.
        db.session.add(ContributionVote(contribution_id=target.id, voter_hash=hashed))
        db.session.flush()

    monkeypatch.setattr(services, "toggle_vote", racing_toggle)
    response = vote(client, contribution.id, headers={"Accept": "application/json"})
    assert response.json["voted"] is True
    assert response.json["votes"] == 1
