"""The wall is reached from the pages people are on: the phone after answering
or while waiting, the facilitator's session page and control panel."""

import pytest

from facilitator.extensions import db
from surveys.participant_form import field_name
from tests.conftest import post_form
from workshops.models import Pacing


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator)
    db.session.commit()
    return workshop


def _wall_link(workshop, session) -> str:
    return f'href="/j/{session.join_code}/mur"'


def test_the_thanks_page_leads_to_the_wall(app, client, workshop, make_session):
    session = make_session(workshop, join_code="LIEN23")
    db.session.commit()
    q1 = workshop.questionnaire.questions[0]
    phone = app.test_client()
    reply = post_form(
        phone,
        f"/j/{session.join_code}",
        {
            "territory": str(workshop.territories[0].id),
            "group": str(workshop.actor_groups[0].id),
            field_name(q1): "A",
        },
        follow_redirects=True,
    )
    page = reply.get_data(as_text=True)
    assert "Merci" in page
    assert _wall_link(workshop, session) in page
    assert phone.get(f"/j/{session.join_code}/mur").status_code == 200


def test_a_paced_phone_waiting_sees_the_wall_link(app, workshop, make_session):
    session = make_session(workshop, join_code="LIEN45")
    session.pacing = Pacing.FACILITATOR
    db.session.commit()
    phone = app.test_client()
    reply = post_form(
        phone,
        f"/j/{session.join_code}/profil",
        {
            "territory": str(workshop.territories[0].id),
            "group": str(workshop.actor_groups[0].id),
        },
        page=f"/j/{session.join_code}",
        follow_redirects=True,
    )
    assert _wall_link(workshop, session) in reply.get_data(as_text=True)


def test_session_page_and_control_panel_lead_to_moderation_and_projection(
    client, workshop, make_session
):
    session = make_session(workshop)
    db.session.commit()
    base = f"/workshops/{workshop.id}/sessions/{session.id}"
    session_page = client.get(base).get_data(as_text=True)
    panel = client.get(f"{base}/live").get_data(as_text=True)
    assert f'href="{base}/wall"' in session_page
    assert f'href="{base}/wall"' in panel
    assert f'href="{base}/wall/projector"' in panel
    assert client.get(f"{base}/wall").status_code == 200
