"""Facilitator workshop management: dashboard, creation, settings, territories,
actor groups, deletion, through the HTTP interface."""

import pytest
from sqlalchemy import func, select

from facilitator.extensions import db
from surveys.models import Answer, Question, Response
from tests.conftest import csrf_token, post_form
from workshops.models import ActorGroup, Territory, Workshop, WorkshopSession

NEW = "/workshops/new"


@pytest.fixture
def workshop(facilitator, make_workshop):
    """A workshop of the logged-in facilitator (Savoie, Bignona; four groups)."""
    workshop = make_workshop(owner=facilitator, title="Regard croisé 2026")
    db.session.commit()
    return workshop


def add_response(workshop, territory=None, group=None, session=None) -> Response:
    territory = territory or workshop.territories[0]
    group = group or workshop.actor_groups[0]
    response = Response(
        questionnaire_id=workshop.questionnaire_id,
        dimensions={
            "session": str(session.id) if session else "",
            "wave": "",
            "territory": str(territory.id),
            "group": str(group.id),
        },
        answers=[
            Answer(question_id=workshop.questionnaire.questions[0].id, option_code="A")
        ],
    )
    db.session.add(response)
    db.session.commit()
    return response


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def names(model, workshop_id: int) -> list[str]:
    """Names in display order, read fresh from the database."""
    db.session.expire_all()
    return list(
        db.session.execute(
            select(model.name)
            .where(model.workshop_id == workshop_id)
            .order_by(model.position)
        ).scalars()
    )


def new_workshop_data(**overrides) -> dict:
    return {
        "title": "Diagnostic Savoie × Bignona",
        "description": "Point zéro",
        "territories": "Savoie\r\n\r\n  Bignona  \r\n",
        "starting_point": "regard_croise",
        "anonymity_threshold": "3",
        **overrides,
    }


# Creating a workshop


def test_create_from_template_copies_questions(client, facilitator):
    response = post_form(client, NEW, new_workshop_data())
    assert response.status_code == 302
    workshop = db.session.execute(select(Workshop)).scalar_one()
    assert response.headers["Location"].endswith(f"/workshops/{workshop.id}")
    assert [t.name for t in workshop.territories] == ["Savoie", "Bignona"]
    assert [g.name for g in workshop.actor_groups] == [
        "Élus",
        "Techniciens",
        "Associations",
        "Habitants",
    ]
    assert workshop.anonymity_threshold == 3
    questions = workshop.questionnaire.questions
    assert [q.code for q in questions] == [f"Q{n}" for n in range(1, 16)]
    priorities = next(q for q in questions if q.code == "Q4")
    assert priorities.qtype == "multiple_choice"
    assert "jeunesse" in [option.code for option in priorities.options]
    overview = page(client, response.headers["Location"])
    assert "Diagnostic Savoie × Bignona" in overview
    assert "15 questions" in overview
    assert "Créez une séance pour obtenir le QR code" in overview


def test_create_blank_workshop(client, facilitator):
    response = post_form(
        client, NEW, new_workshop_data(starting_point="blank", territories="Lille")
    )
    assert response.status_code == 302
    workshop = db.session.execute(select(Workshop)).scalar_one()
    assert workshop.questionnaire.questions == []
    overview = page(client, response.headers["Location"])
    assert "Le questionnaire est vide" in overview


def test_create_page_offers_templates_and_default_threshold(client, facilitator):
    html = page(client, NEW)
    assert "Questionnaire vierge" in html
    assert "Regard croisé entre deux territoires" in html
    assert "Auto-évaluation d'un projet de coopération" in html.replace("&#39;", "'")
    assert 'name="anonymity_threshold"' in html
    assert 'value="3"' in html
    assert "masquée" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"territories": " \r\n "}, "Indiquez au moins un territoire."),
        ({"territories": "Savoie\r\nsavoie"}, "apparaît deux fois"),
        ({"territories": "x" * 121}, "120 caractères au plus"),
        ({"anonymity_threshold": "0"}, "Le seuil doit être un nombre entier"),
        ({"anonymity_threshold": "deux"}, "entier"),
        ({"title": "  "}, "Donnez un titre à l'atelier."),
        ({"starting_point": "unknown"}, "choix"),
    ],
)
def test_invalid_creation_says_why_and_keeps_input(
    client, facilitator, overrides, message
):
    data = new_workshop_data(**overrides)
    response = post_form(client, NEW, data)
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert response.status_code == 200
    assert message in html
    assert "Point zéro" in html  # the description typed is still there
    assert db.session.execute(select(func.count(Workshop.id))).scalar_one() == 0


def test_invalid_creation_keeps_territories_typed(client, facilitator):
    response = post_form(
        client, NEW, new_workshop_data(territories="Agadir\r\nNantes\r\nAgadir")
    )
    html = response.get_data(as_text=True)
    assert "Agadir\r\nNantes\r\nAgadir" in html or "Agadir\nNantes\nAgadir" in html


# Dashboard and overview


def test_dashboard_lists_only_own_workshops_with_counts(
    client, facilitator, make_workshop, make_facilitator, make_session
):
    mine = make_workshop(owner=facilitator, title="Mon diagnostic")
    older = make_workshop(owner=facilitator, title="Ancien atelier")
    make_workshop(owner=make_facilitator(), title="Atelier d'une collègue")
    db.session.commit()
    make_session(mine)
    for _ in range(2):
        add_response(mine)
    html = page(client, "/workshops/")
    assert "Mon diagnostic" in html
    assert "Ancien atelier" in html
    assert "collègue" not in html
    assert "Savoie, Bignona" in html
    row = html[html.index("Mon diagnostic") : html.index("</tr>", html.index("Mon"))]
    assert '<td class="num">1</td>' in row  # one session
    assert '<td class="num">2</td>' in row  # two responses
    assert f'href="/workshops/{mine.id}"' in html
    assert f'href="/workshops/{older.id}"' in html


def test_dashboard_newest_first(client, facilitator, make_workshop):
    make_workshop(owner=facilitator, title="Premier atelier")
    make_workshop(owner=facilitator, title="Second atelier")
    db.session.commit()
    html = page(client, "/workshops/")
    assert html.index("Second atelier") < html.index("Premier atelier")


def test_empty_dashboard_explains_first_step(client, facilitator):
    html = page(client, "/workshops/")
    assert "Aucun atelier pour l’instant" in html
    assert "Nouvel atelier" in html
    assert 'href="/workshops/new"' in html


def test_overview_links_everything(client, workshop, make_session):
    make_session(workshop, label="Séance de Bignona")
    add_response(workshop)
    html = page(client, f"/workshops/{workshop.id}")
    base = f"/workshops/{workshop.id}"
    for href in (
        "/edit",
        "/territories",
        "/groups",
        "/questionnaire",
        "/sessions",
        "/sessions/new",
        "/results",
    ):
        assert f'href="{base}{href}"' in html
    assert "Séance de Bignona" in html
    assert "1 réponse reçue" in html
    assert "3 questions" in html
    assert "Seuil d’anonymat : 1" in html
    assert "Voir les résultats" in html


def test_overview_hint_after_session_created(client, workshop, make_session):
    make_session(workshop)
    html = page(client, f"/workshops/{workshop.id}")
    assert "Projetez le QR code" in html


# Settings and deletion


def test_edit_settings(client, workshop):
    url = f"/workshops/{workshop.id}/edit"
    response = post_form(
        client,
        url,
        {"title": "Nouveau titre", "description": "", "anonymity_threshold": "5"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert workshop.title == "Nouveau titre"
    assert workshop.anonymity_threshold == 5


def test_edit_settings_refuses_zero_threshold(client, workshop):
    url = f"/workshops/{workshop.id}/edit"
    response = post_form(
        client,
        url,
        {"title": "Titre tapé", "description": "", "anonymity_threshold": "0"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Le seuil doit être un nombre entier entre 1 et 1000." in html
    assert 'value="Titre tapé"' in html
    db.session.expire_all()
    assert workshop.anonymity_threshold == 1


def test_delete_needs_confirmation_and_states_what_is_lost(client, workshop):
    for _ in range(2):
        add_response(workshop)
    edit = page(client, f"/workshops/{workshop.id}/edit")
    assert "de ses 2 réponses" in edit
    response = post_form(
        client, f"/workshops/{workshop.id}/delete", {}, page=f"/workshops/{workshop.id}"
    )
    assert response.status_code == 200
    assert "Cochez la case pour confirmer la suppression." in response.get_data(
        as_text=True
    )
    assert db.session.get(Workshop, workshop.id) is not None


def test_delete_workshop_removes_everything(client, workshop, make_session):
    session = make_session(workshop)
    add_response(workshop, session=session)
    questionnaire_id = workshop.questionnaire_id
    response = post_form(
        client,
        f"/workshops/{workshop.id}/delete",
        {"confirm": "y"},
        page=f"/workshops/{workshop.id}/edit",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/workshops/")
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id) is None
    for model, column in (
        (Response, Response.questionnaire_id),
        (Question, Question.questionnaire_id),
    ):
        count = select(func.count(model.id)).where(column == questionnaire_id)
        assert db.session.execute(count).scalar_one() == 0
    assert db.session.execute(select(func.count(Answer.id))).scalar_one() == 0
    assert db.session.execute(select(func.count(WorkshopSession.id))).scalar_one() == 0
    assert "a été supprimé" in page(client, "/workshops/")


# Access control over every URL of workshop management


# (method, URL) of every page and action, filled in with a workshop's ids.
WORKSHOP_ROUTES = [
    ("GET", "{base}"),
    ("GET", "{base}/edit"),
    ("POST", "{base}/edit"),
    ("POST", "{base}/delete"),
    ("GET", "{base}/territories"),
    ("POST", "{base}/territories"),
    ("POST", "{base}/territories/{territory}/rename"),
    ("POST", "{base}/territories/{territory}/move/down"),
    ("POST", "{base}/territories/{territory}/delete"),
    ("GET", "{base}/groups"),
    ("POST", "{base}/groups"),
    ("POST", "{base}/groups/{group}/rename"),
    ("POST", "{base}/groups/{group}/move/up"),
    ("POST", "{base}/groups/{group}/delete"),
]
OWN_ROUTES = [("GET", "/workshops/"), ("GET", NEW), ("POST", NEW)]


def _fill(route: str, workshop) -> str:
    return route.format(
        base=f"/workshops/{workshop.id}",
        territory=workshop.territories[0].id,
        group=workshop.actor_groups[-1].id,
    )


@pytest.fixture
def foreign_workshop(make_workshop, make_facilitator):
    workshop = make_workshop(owner=make_facilitator(), title="Atelier d'une collègue")
    db.session.commit()
    return workshop


@pytest.mark.parametrize(("method", "route"), WORKSHOP_ROUTES)
def test_other_facilitator_gets_404(
    client, facilitator, foreign_workshop, method, route
):
    token = csrf_token(page(client, "/workshops/"))
    data = {"csrf_token": token, "name": "Intrus", "confirm": "y"}
    response = client.open(
        _fill(route, foreign_workshop),
        method=method,
        data=data if method == "POST" else None,
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Workshop, foreign_workshop.id).title == (
        "Atelier d'une collègue"
    )
    assert names(Territory, foreign_workshop.id) == ["Savoie", "Bignona"]
    assert names(ActorGroup, foreign_workshop.id)[-1] == "Habitants"


@pytest.mark.parametrize(("method", "route"), WORKSHOP_ROUTES + OWN_ROUTES)
def test_anonymous_visitor_is_sent_to_login(client, foreign_workshop, method, route):
    token = csrf_token(page(client, "/login"))
    response = client.open(
        _fill(route, foreign_workshop),
        method=method,
        data={"csrf_token": token} if method == "POST" else None,
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
