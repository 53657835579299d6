"""Sessions (séances): create, edit, open/close, join codes, QR codes, poster."""

import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Response
from tests.conftest import post_form
from workshops.models import Pacing, SessionState, WorkingGroup, WorkshopSession
from workshops.queries import get_open_session_by_code
from workshops.sessions import services

CODE_RE = re.compile(r"^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$")


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Savoie × Bignona")
    db.session.commit()
    return workshop


@pytest.fixture
def session(workshop, make_session):
    return make_session(workshop, label="Atelier de Bignona", join_code="BGN234")


def session_url(session, suffix=""):
    return f"/workshops/{session.workshop_id}/sessions/{session.id}{suffix}"


def add_responses(session, count):
    for _ in range(count):
        db.session.add(
            Response(
                questionnaire_id=session.workshop.questionnaire_id,
                dimensions={"session": str(session.id), "wave": session.wave or ""},
            )
        )
    db.session.commit()


def create(client, workshop, **data):
    form = {"label": "Séance plénière", "wave": "", "wave_label": "", "territory": ""}
    form.update(data)
    return post_form(client, f"/workshops/{workshop.id}/sessions/new", form)


def change_state(client, session, state):
    url = session_url(session, "/state")
    return post_form(
        client, url, {"state": state}, page=session_url(session), follow_redirects=True
    )


def only_session(workshop):
    return db.session.execute(
        select(WorkshopSession).where(WorkshopSession.workshop_id == workshop.id)
    ).scalar_one()


@pytest.mark.parametrize(
    ("wave", "wave_label", "stored", "shown"),
    [
        ("", "", None, None),
        ("point_zero", "", "point_zero", "Point zéro"),
        ("mi_parcours", "", "mi_parcours", "Mi-parcours"),
        ("final", "", "final", "Final"),
        ("other", "Bilan à un an", "Bilan à un an", "Bilan à un an"),
        ("other", "mi-parcours", "mi_parcours", "Mi-parcours"),
    ],
)
def test_create_session_with_each_wave(
    client, workshop, wave, wave_label, stored, shown
):
    response = create(client, workshop, wave=wave, wave_label=wave_label)

    session = only_session(workshop)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(session_url(session))
    assert session.wave == stored
    assert session.state is SessionState.OPEN
    assert CODE_RE.match(session.join_code)
    page = client.get(session_url(session)).get_data(as_text=True)
    assert "Séance créée" in page
    assert "Séance plénière" in page
    if shown:
        assert f"Vague : {shown}" in page
    else:
        assert "Vague :" not in page


def test_create_session_with_fixed_territory(client, workshop):
    bignona = workshop.territories[1]

    create(client, workshop, territory=str(bignona.id))

    session = only_session(workshop)
    assert session.territory_id == bignona.id
    page = client.get(session_url(session)).get_data(as_text=True)
    assert "Territoire : Bignona" in page


def test_new_session_form_offers_waves_and_territories(client, workshop):
    page = client.get(f"/workshops/{workshop.id}/sessions/new").get_data(as_text=True)
    for label in ("Aucune", "Point zéro", "Mi-parcours", "Final", "Autre (libellé"):
        assert label in page
    assert "Tous les territoires (le participant choisit)" in page
    assert ">Savoie</option>" in page
    assert ">Bignona</option>" in page


def test_empty_label_is_refused_and_input_kept(client, workshop):
    response = create(client, workshop, label="   ", wave="final")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Donnez un nom à la séance." in page
    assert '<option selected value="final">' in page
    assert workshop.sessions == []


def test_other_wave_needs_a_label(client, workshop):
    response = create(client, workshop, label="Restitution", wave="other")

    page = response.get_data(as_text=True)
    assert "Indiquez le libellé de la vague." in page
    assert 'value="Restitution"' in page
    assert workshop.sessions == []


def test_label_too_long_is_refused(client, workshop):
    response = create(client, workshop, label="x" * 201)

    assert "200 caractères au plus." in response.get_data(as_text=True)


def test_territory_of_another_workshop_is_refused(client, workshop, make_workshop):
    other = make_workshop(territories=["Agadir"])
    db.session.commit()

    response = create(
        client, workshop, label="Séance Agadir", territory=str(other.territories[0].id)
    )

    page = response.get_data(as_text=True)
    assert "Choisissez un territoire de cet atelier." in page
    assert 'value="Séance Agadir"' in page
    assert workshop.sessions == []


def test_unknown_wave_is_refused(client, workshop):
    response = create(client, workshop, wave="<script>")

    assert "Choisissez une vague dans la liste." in response.get_data(as_text=True)


def test_join_codes_use_the_unambiguous_alphabet_and_are_unique(app, workshop):
    codes = [services.random_join_code() for _ in range(2000)]
    assert all(CODE_RE.match(code) for code in codes)
    assert not set("".join(codes)) & set("O0I1L")

    sessions = [services.create_session(workshop, f"Séance {n}") for n in range(200)]
    db.session.commit()
    assert len({s.join_code for s in sessions}) == 200
    assert all(s.is_open for s in sessions)


def test_join_code_collision_is_retried(app, workshop, session, monkeypatch):
    draws = iter(["BGN234", "BGN234", "NEW567"])
    monkeypatch.setattr(services, "random_join_code", lambda: next(draws))

    created = services.create_session(workshop, "Deuxième séance")

    assert created.join_code == "NEW567"


def test_session_page_shows_code_url_and_qr(client, session):
    response = client.get(session_url(session))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="join-code">BGN234<' in page
    assert "http://localhost/j/BGN234" in page
    img = re.search(r'<img class="qr" src="([^"]+)"', page)
    assert img
    assert "qr" in img.group(1)
    assert client.get(img.group(1)).status_code == 200
    assert session_url(session, "/poster") in page
    assert f"/workshops/{session.workshop_id}/results?session={session.id}" in page
    # On localhost, the facilitator is told phones cannot reach the address.
    assert "HOST=0.0.0.0" in page


def test_session_page_uses_public_url(app, client, session):
    app.config["PUBLIC_URL"] = "https://atelier.example.org/"

    page = client.get(session_url(session)).get_data(as_text=True)

    assert "https://atelier.example.org/j/BGN234" in page
    assert "HOST=0.0.0.0" not in page


def test_session_page_counts_its_responses(client, session, make_session):
    add_responses(session, 3)
    add_responses(make_session(session.workshop), 2)

    page = client.get(session_url(session)).get_data(as_text=True)

    assert "3 réponses reçues." in page


def test_close_then_reopen_session(client, session):
    response = change_state(client, session, "closed")

    assert "Séance fermée" in response.get_data(as_text=True)
    # What /j/<code> looks up: the session, now closed to new responses.
    assert get_open_session_by_code("bgn234").state is SessionState.CLOSED
    assert "Rouvrir la séance" in client.get(session_url(session)).get_data(
        as_text=True
    )

    response = change_state(client, session, "open")

    assert "Séance ouverte" in response.get_data(as_text=True)
    assert get_open_session_by_code("BGN234").is_open


def test_unknown_state_changes_nothing(client, session):
    response = change_state(client, session, "deleted")

    assert "Action impossible" in response.get_data(as_text=True)
    db.session.refresh(session)
    assert session.is_open


def test_state_change_needs_csrf_token(client, session):
    response = client.post(session_url(session, "/state"), data={"state": "closed"})

    assert response.status_code == 400
    db.session.refresh(session)
    assert session.is_open


def test_edit_form_shows_current_values(client, workshop, make_session):
    session = make_session(
        workshop, wave="Bilan à un an", territory=workshop.territories[0]
    )

    page = client.get(session_url(session, "/edit")).get_data(as_text=True)

    assert '<option selected value="other">' in page
    assert 'value="Bilan à un an"' in page
    assert f'<option selected value="{workshop.territories[0].id}">' in page


def test_edit_session(client, workshop, session):
    response = post_form(
        client,
        session_url(session, "/edit"),
        {
            "label": "Bignona, jour 2",
            "wave": "final",
            "wave_label": "",
            "territory": str(workshop.territories[1].id),
        },
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert "Séance enregistrée." in page
    assert "déjà reçu" not in page
    db.session.refresh(session)
    assert session.label == "Bignona, jour 2"
    assert session.wave == "final"
    assert session.territory_id == workshop.territories[1].id
    assert session.join_code == "BGN234"


def test_edit_with_responses_warns_that_they_keep_their_dimensions(
    client, workshop, session
):
    add_responses(session, 2)
    url = session_url(session, "/edit")
    assert "déjà reçu 2 réponses" in client.get(url).get_data(as_text=True)

    response = post_form(
        client,
        url,
        {
            "label": session.label,
            "wave": "mi_parcours",
            "wave_label": "",
            "territory": "",
        },
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert "Les 2 réponses déjà reçues gardent la vague et le territoire" in page
    db.session.refresh(session)
    assert session.wave == "mi_parcours"
    stored = db.session.execute(select(Response.dimensions)).scalars().all()
    assert all(dimensions["wave"] == "" for dimensions in stored)


def test_edit_validation_keeps_input(client, session):
    response = post_form(
        client,
        session_url(session, "/edit"),
        {"label": "", "wave": "other", "wave_label": "", "territory": ""},
    )

    page = response.get_data(as_text=True)
    assert "Donnez un nom à la séance." in page
    assert "Indiquez le libellé de la vague." in page
    db.session.refresh(session)
    assert session.label == "Atelier de Bignona"


def test_sessions_list(client, workshop, session, make_session):
    other = make_session(
        workshop,
        label="Séance Savoie",
        wave="point_zero",
        territory=workshop.territories[0],
        state=SessionState.CLOSED,
    )
    add_responses(session, 4)
    add_responses(other, 1)

    page = client.get(f"/workshops/{workshop.id}/sessions").get_data(as_text=True)

    assert "Nouvelle séance" in page
    assert f'href="/workshops/{workshop.id}/sessions/new"' in page
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)[1:]
    assert "Atelier de Bignona" in rows[0]
    assert "Ouverte" in rows[0]
    assert "BGN234" in rows[0]
    assert '<td class="num">4</td>' in rows[0]
    assert "Séance Savoie" in rows[1]
    assert "Point zéro" in rows[1]
    assert "Savoie" in rows[1]
    assert "Fermée" in rows[1]
    assert '<td class="num">1</td>' in rows[1]


def test_empty_sessions_list_invites_to_create_one(client, workshop):
    page = client.get(f"/workshops/{workshop.id}/sessions").get_data(as_text=True)

    assert "Aucune séance pour l’instant." in page


FACILITATOR_URLS = [
    ("GET", "/workshops/{w}/sessions"),
    ("GET", "/workshops/{w}/sessions/new"),
    ("POST", "/workshops/{w}/sessions/new"),
    ("GET", "/workshops/{w}/sessions/{s}"),
    ("GET", "/workshops/{w}/sessions/{s}/edit"),
    ("POST", "/workshops/{w}/sessions/{s}/edit"),
    ("POST", "/workshops/{w}/sessions/{s}/state"),
    ("GET", "/workshops/{w}/sessions/{s}/qr.png"),
    ("GET", "/workshops/{w}/sessions/{s}/qr.svg"),
    ("GET", "/workshops/{w}/sessions/{s}/poster"),
]
POST_DATA = {
    "label": "Piratage",
    "wave": "",
    "wave_label": "",
    "territory": "",
    "state": "closed",
}


@pytest.fixture
def foreign_session(make_workshop, make_session):
    workshop = make_workshop(title="Atelier d'un autre")
    db.session.commit()
    return make_session(workshop, join_code="XYZ789")


@pytest.mark.parametrize(("method", "url"), FACILITATOR_URLS)
def test_other_facilitator_gets_404(client, facilitator, foreign_session, method, url):
    target = url.format(w=foreign_session.workshop_id, s=foreign_session.id)
    if method == "GET":
        response = client.get(target)
    else:
        # Any page carries the session's CSRF token (the language switch).
        response = post_form(client, target, POST_DATA, page="/workshops/0/sessions")

    assert response.status_code == 404
    db.session.refresh(foreign_session)
    assert foreign_session.is_open
    assert len(foreign_session.workshop.sessions) == 1


@pytest.mark.parametrize(
    ("method", "url"), [(m, u) for m, u in FACILITATOR_URLS if "{s}" in u]
)
def test_session_of_another_workshop_gets_404(
    client, workshop, foreign_session, method, url
):
    """Owning one workshop does not open another workshop's session through it."""
    target = url.format(w=workshop.id, s=foreign_session.id)
    if method == "GET":
        response = client.get(target)
    else:
        response = post_form(client, target, POST_DATA, page="/workshops/0/sessions")

    assert response.status_code == 404


@pytest.mark.parametrize(("method", "url"), FACILITATOR_URLS)
def test_anonymous_is_sent_to_login(client, foreign_session, method, url):
    target = url.format(w=foreign_session.workshop_id, s=foreign_session.id)
    if method == "GET":
        response = client.get(target)
    else:
        response = post_form(client, target, POST_DATA, page="/login")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    db.session.refresh(foreign_session)
    assert foreign_session.is_open


@pytest.fixture
def working_groups(workshop):
    workshop.working_groups = [
        WorkingGroup(name="Jeunesse", position=0),
        WorkingGroup(name="Handicap", position=1),
    ]
    db.session.commit()
    return workshop.working_groups


def test_new_session_form_offers_pacing_and_initial_state(client, workshop):
    page = client.get(f"/workshops/{workshop.id}/sessions/new").get_data(as_text=True)

    assert "Libre : chacun·e répond à tout le questionnaire" in page
    assert "Pas à pas : une question à la fois" in page
    assert 'checked id="pacing-0" name="pacing" type="radio" value="self"' in page
    assert "État au départ" in page
    assert 'checked id="initial_state-1" name="initial_state"' in page
    # No working group in this workshop: nothing to choose.
    assert "Groupes de travail proposés" not in page


def test_create_a_paced_draft_session_with_working_groups(
    client, workshop, working_groups
):
    jeunesse, handicap = working_groups
    page = client.get(f"/workshops/{workshop.id}/sessions/new").get_data(as_text=True)
    assert "Groupes de travail proposés" in page
    assert f'name="working_groups" type="checkbox" value="{handicap.id}"' in page

    create(
        client,
        workshop,
        pacing="facilitator",
        initial_state="draft",
        working_groups=[str(handicap.id)],
    )

    session = only_session(workshop)
    assert session.state is SessionState.DRAFT
    assert session.pacing is Pacing.FACILITATOR
    assert session.working_groups == [handicap]
    page = client.get(session_url(session)).get_data(as_text=True)
    assert 'class="badge badge-draft">Brouillon<' in page
    assert "Groupes de travail : Handicap" in page
    assert ">Ouvrir la séance</button>" in page
    assert ">Fermer la séance</button>" in page


def test_working_group_of_another_workshop_is_refused(client, workshop, make_workshop):
    other = make_workshop()
    other.working_groups = [WorkingGroup(name="Ailleurs")]
    db.session.commit()

    response = create(
        client,
        workshop,
        label="Séance piégée",
        working_groups=[str(other.working_groups[0].id)],
    )

    page = response.get_data(as_text=True)
    assert "Choisissez des groupes de travail de cet atelier." in page
    assert 'value="Séance piégée"' in page
    assert workshop.sessions == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pacing", "turbo", "Choisissez un rythme dans la liste."),
        ("initial_state", "paused", "Choisissez un état de départ dans la liste."),
    ],
)
def test_unknown_pacing_or_initial_state_is_refused(
    client, workshop, field, value, message
):
    response = create(client, workshop, **{field: value})

    assert message in response.get_data(as_text=True)
    assert workshop.sessions == []


def test_edit_pacing_and_working_groups_tells_the_phones(
    client, workshop, session, working_groups
):
    jeunesse, handicap = working_groups
    session.working_groups = [jeunesse]
    db.session.commit()
    url = session_url(session, "/edit")
    page = client.get(url).get_data(as_text=True)
    assert 'checked id="working_groups-0" name="working_groups" type="checkbox"' in page
    assert "État au départ" not in page

    post_form(
        client,
        url,
        {
            "label": session.label,
            "wave": "",
            "wave_label": "",
            "territory": "",
            "pacing": "facilitator",
            "working_groups": [str(jeunesse.id), str(handicap.id)],
        },
    )

    db.session.refresh(session)
    assert session.pacing is Pacing.FACILITATOR
    assert session.working_groups == [jeunesse, handicap]
    assert session.live_version == 1


def test_edit_label_only_leaves_the_phones_alone(client, session):
    post_form(
        client,
        session_url(session, "/edit"),
        {"label": "Autre nom", "wave": "", "wave_label": "", "territory": ""},
    )

    db.session.refresh(session)
    assert session.label == "Autre nom"
    assert session.live_version == 0


@pytest.mark.parametrize(
    ("state", "badge", "buttons"),
    [
        (SessionState.OPEN, "Ouverte", ["Mettre en pause", "Fermer la séance"]),
        (SessionState.PAUSED, "En pause", ["Reprendre la séance", "Fermer la séance"]),
        (SessionState.CLOSED, "Fermée", ["Rouvrir la séance"]),
    ],
)
def test_session_page_shows_state_and_allowed_buttons(
    client, session, state, badge, buttons
):
    session.state = state
    db.session.commit()

    page = client.get(session_url(session)).get_data(as_text=True)

    assert f'class="badge badge-{state.value}">{badge}<' in page
    pressed = r'<button type="submit" class="(?:primary|danger)">([^<]+)</button>'
    assert re.findall(pressed, page) == buttons


def test_pause_then_resume_from_the_session_page(client, session):
    response = change_state(client, session, "paused")

    assert "Séance en pause" in response.get_data(as_text=True)
    db.session.refresh(session)
    assert session.state is SessionState.PAUSED
    assert session.live_version == 1

    change_state(client, session, "open")
    db.session.refresh(session)
    assert session.is_open
    assert session.live_version == 2


def test_refused_state_change_from_the_session_page(client, session):
    change_state(client, session, "closed")

    response = change_state(client, session, "paused")

    page = response.get_data(as_text=True)
    assert "Une séance « Fermée » ne peut pas passer à « En pause »." in page
    db.session.refresh(session)
    assert session.state is SessionState.CLOSED


def test_sessions_list_shows_the_four_states(client, workshop, make_session):
    for state in SessionState:
        make_session(workshop, label=f"Séance {state.value}", state=state)

    page = client.get(f"/workshops/{workshop.id}/sessions").get_data(as_text=True)

    for state, label in (
        ("draft", "Brouillon"),
        ("open", "Ouverte"),
        ("paused", "En pause"),
        ("closed", "Fermée"),
    ):
        assert f'class="badge badge-{state}">{label}<' in page
