"""Every facilitator URL: anonymous visitors go to the login page, other
facilitators get a 404 (they must not even learn the workshop exists)."""

import pytest

from facilitator import create_app
from facilitator.extensions import db
from tests.conftest import csrf_token
from workshops.models import (
    Contribution,
    ContributionKind,
    Territory,
    WorkingGroup,
)

FACILITATOR_BLUEPRINTS = (
    "workshops",
    "questionnaire",
    "sessions",
    "results",
    "live",
    "wall",
)
# Pages that list the facilitator's own things and take no object id.
OWN_LIST_ENDPOINTS = {"workshops.dashboard", "workshops.create_workshop"}


def _facilitator_rules():
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    )
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if rule.endpoint.split(".")[0] in FACILITATOR_BLUEPRINTS
        ),
        key=lambda rule: rule.rule,
    )


RULES = [
    pytest.param(
        rule.endpoint, method, sorted(rule.arguments), id=f"{method} {rule.endpoint}"
    )
    for rule in _facilitator_rules()
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
]


@pytest.fixture
def foreign_objects(make_workshop, make_session):
    """A workshop owned by someone else, with one of everything."""
    workshop = make_workshop()
    session = make_session(workshop)
    working_group = WorkingGroup(workshop=workshop, name="Jeunesse")
    db.session.add(working_group)
    session.working_groups.append(working_group)
    contribution = Contribution(
        session=session, kind=ContributionKind.PRACTICE, text="Une pratique"
    )
    db.session.add(contribution)
    db.session.flush()
    ids = {
        "workshop_id": workshop.id,
        "session_id": session.id,
        "question_id": workshop.questionnaire.questions[0].id,
        "territory_id": workshop.territories[0].id,
        "group_id": workshop.actor_groups[0].id,
        "working_group_id": working_group.id,
        "contribution_id": contribution.id,
        "direction": "down",
    }
    db.session.commit()
    return ids


def _url(app, endpoint: str, arguments: list[str], ids: dict) -> str:
    missing = set(arguments) - set(ids)
    assert not missing, f"no test value for {missing} in {endpoint}"
    adapter = app.url_map.bind("localhost")
    return adapter.build(endpoint, {name: ids[name] for name in arguments})


def test_every_facilitator_blueprint_has_routes():
    endpoints = {param.values[0] for param in RULES}
    for blueprint in FACILITATOR_BLUEPRINTS:
        assert any(e.startswith(blueprint + ".") for e in endpoints)


@pytest.mark.parametrize(("endpoint", "method", "arguments"), RULES)
def test_anonymous_visitor_is_sent_to_login(
    app, client, foreign_objects, endpoint, method, arguments
):
    url = _url(app, endpoint, arguments, foreign_objects)
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.open(
        url, method=method, data={"csrf_token": token} if method == "POST" else None
    )
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_dashboard_lists_only_own_workshops(client, facilitator, foreign_objects):
    page = client.get("/workshops/").get_data(as_text=True)
    assert "Diagnostic" not in page
    assert f"/workshops/{foreign_objects['workshop_id']}" not in page


@pytest.mark.parametrize(
    ("endpoint", "method", "arguments"),
    [param for param in RULES if param.values[0] not in OWN_LIST_ENDPOINTS],
)
def test_other_facilitator_gets_404(
    app, client, facilitator, foreign_objects, endpoint, method, arguments
):
    html = client.get("/workshops/").get_data(as_text=True)
    token = csrf_token(html)
    url = _url(app, endpoint, arguments, foreign_objects)
    response = client.open(
        url, method=method, data={"csrf_token": token} if method == "POST" else None
    )
    assert response.status_code == 404
    assert db.session.get(Territory, foreign_objects["territory_id"]) is not None
