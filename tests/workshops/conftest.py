"""Fixtures shared by the workshop tests."""

import pytest

from facilitator.extensions import db
from surveys.participant_form import field_name
from surveys.responses import record_response


@pytest.fixture
def respond(workshop):
    """Store a response as the participant flow does, by territory/group name.

    A territory name the workshop does not have is stored as is (a deleted one).
    """
    territories = {t.name: t for t in workshop.territories}
    groups = {g.name: g for g in workshop.actor_groups}
    questions = {q.code: q for q in workshop.questionnaire.questions}

    def respond(territory, group, session=None, **answers):
        record_response(
            workshop.questionnaire,
            {
                "session": str(session.id) if session else "",
                "wave": (session.wave or "") if session else "",
                "territory": str(territories[territory].id)
                if territory in territories
                else territory,
                "group": str(groups[group].id),
            },
            {field_name(questions[code]): data for code, data in answers.items()},
        )
        db.session.commit()

    return respond
