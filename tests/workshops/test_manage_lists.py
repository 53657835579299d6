"""Territories and actor groups of a workshop: add, rename, reorder, delete,
and the cases where deleting is refused, through the HTTP interface."""

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from tests.conftest import post_form
from tests.workshops.test_manage import add_response, names, page
from workshops.models import ActorGroup, Territory


@pytest.fixture
def workshop(facilitator, make_workshop):
    """A workshop of the logged-in facilitator (Savoie, Bignona; four groups)."""
    workshop = make_workshop(owner=facilitator)
    db.session.commit()
    return workshop


KINDS = [
    pytest.param("territories", Territory, ["Savoie", "Bignona"], id="territories"),
    pytest.param(
        "groups",
        ActorGroup,
        ["Élus", "Techniciens", "Associations", "Habitants"],
        id="groups",
    ),
]


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_list_page_shows_items_with_actions(client, workshop, segment, model, initial):
    html = page(client, f"/workshops/{workshop.id}/{segment}")
    for name in initial:
        assert f'value="{name}"' in html
    assert "Renommer" in html
    assert "Monter" in html
    assert "Descendre" in html
    assert "Ajouter" in html


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_add_item(client, workshop, segment, model, initial):
    url = f"/workshops/{workshop.id}/{segment}"
    response = post_form(client, url, {"name": "  Agadir  "})
    assert response.status_code == 302
    assert names(model, workshop.id) == [*initial, "Agadir"]
    assert "« Agadir » a été ajouté." in page(client, url)


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Indiquez un nom."), ("x" * 121, "120 caractères au plus.")],
)
def test_add_item_refuses_empty_or_long_name(
    client, workshop, segment, model, initial, typed, message
):
    url = f"/workshops/{workshop.id}/{segment}"
    response = post_form(client, url, {"name": typed})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert names(model, workshop.id) == initial


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_add_duplicate_is_refused_with_message(
    client, workshop, segment, model, initial
):
    url = f"/workshops/{workshop.id}/{segment}"
    typed = initial[0].upper()
    response = post_form(client, url, {"name": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ce nom est déjà utilisé dans cet atelier." in html
    assert f'value="{typed}"' in html
    assert names(model, workshop.id) == initial


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_rename_item(client, workshop, segment, model, initial):
    item = getattr(workshop, "territories" if model is Territory else "actor_groups")[0]
    url = f"/workshops/{workshop.id}/{segment}/{item.id}/rename"
    response = post_form(
        client, url, {"name": "Nouveau nom"}, page=f"/workshops/{workshop.id}/{segment}"
    )
    assert response.status_code == 302
    assert names(model, workshop.id) == ["Nouveau nom", *initial[1:]]
    html = page(client, f"/workshops/{workshop.id}/{segment}")
    assert f"« {initial[0]} » s&#39;appelle désormais « Nouveau nom »." in html


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_rename_to_a_taken_name_is_refused(client, workshop, segment, model, initial):
    item = getattr(workshop, "territories" if model is Territory else "actor_groups")[0]
    list_url = f"/workshops/{workshop.id}/{segment}"
    response = post_form(
        client, f"{list_url}/{item.id}/rename", {"name": initial[1]}, page=list_url
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ce nom est déjà utilisé dans cet atelier." in html
    assert names(model, workshop.id) == initial


def test_rename_may_change_only_the_case(client, workshop):
    territory = workshop.territories[0]
    list_url = f"/workshops/{workshop.id}/territories"
    response = post_form(
        client, f"{list_url}/{territory.id}/rename", {"name": "SAVOIE"}, page=list_url
    )
    assert response.status_code == 302
    assert names(Territory, workshop.id) == ["SAVOIE", "Bignona"]


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_move_items_up_and_down(client, workshop, segment, model, initial):
    items = getattr(workshop, "territories" if model is Territory else "actor_groups")
    last = items[-1].id
    list_url = f"/workshops/{workshop.id}/{segment}"
    post_form(client, f"{list_url}/{last}/move/up", page=list_url)
    assert names(model, workshop.id) == [*initial[:-2], initial[-1], initial[-2]]
    post_form(client, f"{list_url}/{last}/move/down", page=list_url)
    assert names(model, workshop.id) == initial
    positions = db.session.execute(
        select(model.position)
        .where(model.workshop_id == workshop.id)
        .order_by(model.position)
    ).scalars()
    assert list(positions) == list(range(len(initial)))


def test_moving_the_first_item_up_changes_nothing(client, workshop):
    list_url = f"/workshops/{workshop.id}/territories"
    first = workshop.territories[0].id
    response = post_form(client, f"{list_url}/{first}/move/up", page=list_url)
    assert response.status_code == 302
    assert names(Territory, workshop.id) == ["Savoie", "Bignona"]


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_delete_unused_item(client, workshop, segment, model, initial):
    item = getattr(workshop, "territories" if model is Territory else "actor_groups")[0]
    list_url = f"/workshops/{workshop.id}/{segment}"
    response = post_form(client, f"{list_url}/{item.id}/delete", page=list_url)
    assert response.status_code == 302
    assert names(model, workshop.id) == initial[1:]
    positions = db.session.execute(
        select(model.position).where(model.workshop_id == workshop.id)
    ).scalars()
    assert sorted(positions) == list(range(len(initial) - 1))
    assert f"« {initial[0]} » a été supprimé." in page(client, list_url)


@pytest.mark.parametrize(("segment", "model", "initial"), KINDS)
def test_item_with_responses_cannot_be_deleted(
    client, workshop, segment, model, initial
):
    territory, group = workshop.territories[0], workshop.actor_groups[0]
    add_response(workshop, territory=territory, group=group)
    item = territory if model is Territory else group
    list_url = f"/workshops/{workshop.id}/{segment}"
    response = post_form(
        client, f"{list_url}/{item.id}/delete", page=list_url, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert "ne peut pas être supprimé : 1 réponse y est rattachée" in html
    assert "Vous pouvez le renommer." in html
    assert names(model, workshop.id) == initial


@pytest.mark.parametrize("segment", ["territories", "groups"])
def test_last_item_cannot_be_deleted(client, make_workshop, facilitator, segment):
    workshop = make_workshop(owner=facilitator, territories=["Agadir"], groups=["Élus"])
    db.session.commit()
    item = (
        workshop.territories[0]
        if segment == "territories"
        else workshop.actor_groups[0]
    )
    list_url = f"/workshops/{workshop.id}/{segment}"
    response = post_form(
        client, f"{list_url}/{item.id}/delete", page=list_url, follow_redirects=True
    )
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert "Un atelier doit garder au moins un" in html
    assert db.session.get(type(item), item.id) is not None


def test_territory_fixed_on_a_session_cannot_be_deleted(client, workshop, make_session):
    territory = workshop.territories[1]
    make_session(workshop, label="Séance de Bignona", territory=territory)
    list_url = f"/workshops/{workshop.id}/territories"
    assert "Territoire fixé par : Séance de Bignona" in page(client, list_url)
    response = post_form(
        client,
        f"{list_url}/{territory.id}/delete",
        page=list_url,
        follow_redirects=True,
    )
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert (
        "« Bignona » est le territoire fixé de la séance « Séance de Bignona »" in html
    )
    assert names(Territory, workshop.id) == ["Savoie", "Bignona"]


def test_list_page_counts_responses_per_item(client, workshop):
    savoie, bignona = workshop.territories
    for territory in (savoie, savoie, bignona):
        add_response(workshop, territory=territory)
    html = page(client, f"/workshops/{workshop.id}/territories")
    assert f'<tr id="item-{savoie.id}">' in html
    savoie_row = html[html.index(f'<tr id="item-{savoie.id}">') :]
    assert '<td class="num">2</td>' in savoie_row[: savoie_row.index("</tr>")]


def test_moving_a_middle_group_down_renumbers(client, workshop):
    technicians = workshop.actor_groups[1]
    list_url = f"/workshops/{workshop.id}/groups"
    post_form(client, f"{list_url}/{technicians.id}/move/down", page=list_url)
    assert names(ActorGroup, workshop.id) == [
        "Élus",
        "Associations",
        "Techniciens",
        "Habitants",
    ]
