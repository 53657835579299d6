"""Working groups of a workshop (Jeunesse, Handicap...): their page, their
prompts, and the questions reserved to them, through the HTTP interface."""

import html
import re

import pytest
from sqlalchemy import select

from facilitator.extensions import db
from surveys.models import Question
from surveys.responses import record_response
from tests.conftest import post_form
from workshops.models import Contribution, ContributionKind, WorkingGroup


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator)
    db.session.commit()
    return workshop


@pytest.fixture
def groups(workshop):
    """Jeunesse and Handicap, with a prompt each."""
    made = [
        WorkingGroup(
            name="Jeunesse",
            position=0,
            prompt="Quelles pratiques pour l'insertion des jeunes ?",
        ),
        WorkingGroup(name="Handicap", position=1, prompt=""),
    ]
    workshop.working_groups.extend(made)
    db.session.commit()
    return made


def text(response) -> str:
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def list_url(workshop) -> str:
    return f"/workshops/{workshop.id}/working-groups"


def item_url(workshop, group, action: str) -> str:
    return f"{list_url(workshop)}/{group.id}/{action}"


def stored_groups(workshop) -> list[tuple[str, str]]:
    db.session.expire_all()
    return [
        (group.name, group.prompt)
        for group in db.session.execute(
            select(WorkingGroup)
            .where(WorkingGroup.workshop_id == workshop.id)
            .order_by(WorkingGroup.position)
        ).scalars()
    ]


def answer_in_group(workshop, group) -> None:
    record_response(
        workshop.questionnaire,
        {
            "session": "",
            "wave": "",
            "territory": str(workshop.territories[0].id),
            "group": str(workshop.actor_groups[0].id),
            "working_group": str(group.id),
        },
        {},
    )
    db.session.commit()


# The page and its place in the workshop


def test_workshop_page_links_to_working_groups(client, workshop):
    page = text(client.get(f"/workshops/{workshop.id}"))
    assert "Groupes de travail" in page
    assert f'href="{list_url(workshop)}"' in page


def test_empty_list_explains_what_working_groups_are(client, workshop):
    page = text(client.get(list_url(workshop)))
    assert "Aucun groupe de travail pour l’instant." in page
    for example in ("Jeunesse", "Handicap", "Personnes âgées", "Cohésion sociale"):
        assert example in page
    assert "Ajouter un groupe de travail" in page
    assert 'aria-current="page">Groupes de travail' in page


def test_add_groups_with_their_prompt(client, workshop):
    response = post_form(
        client,
        list_url(workshop),
        {"name": " Jeunesse ", "prompt": " Quelles pratiques pour l'insertion ? "},
    )
    assert response.status_code == 302
    page = text(client.get(list_url(workshop)))
    assert "« Jeunesse » a été ajouté." in page
    assert "Quelles pratiques pour l'insertion ?</textarea>" in page
    post_form(client, list_url(workshop), {"name": "Handicap", "prompt": ""})
    assert stored_groups(workshop) == [
        ("Jeunesse", "Quelles pratiques pour l'insertion ?"),
        ("Handicap", ""),
    ]


def test_add_refuses_a_duplicate_name_and_keeps_the_prompt(client, workshop, groups):
    response = post_form(
        client, list_url(workshop), {"name": "jeunesse", "prompt": "Une consigne"}
    )
    page = text(response)
    assert "Ce nom est déjà utilisé dans cet atelier." in page
    assert "Une consigne</textarea>" in page
    assert len(stored_groups(workshop)) == 2


def test_too_long_prompt_is_refused(client, workshop, groups):
    response = post_form(
        client,
        item_url(workshop, groups[0], "rename"),
        {"name": "Jeunesse", "prompt": "x" * 501},
        page=list_url(workshop),
    )
    assert "500 caractères au plus." in text(response)
    assert stored_groups(workshop)[0][1].startswith("Quelles pratiques")


def test_rename_and_change_prompt(client, workshop, groups):
    response = post_form(
        client,
        item_url(workshop, groups[0], "rename"),
        {"name": "Jeunes", "prompt": "Quelle place pour les jeunes ?"},
        page=list_url(workshop),
    )
    assert response.status_code == 302
    assert stored_groups(workshop)[0] == ("Jeunes", "Quelle place pour les jeunes ?")
    assert "« Jeunesse » s'appelle désormais « Jeunes »." in text(
        client.get(list_url(workshop))
    )
    post_form(
        client,
        item_url(workshop, groups[1], "rename"),
        {"name": "Handicap", "prompt": "Quelle inclusion ?"},
        page=list_url(workshop),
    )
    assert stored_groups(workshop)[1] == ("Handicap", "Quelle inclusion ?")
    assert "« Handicap » a été enregistré." in text(client.get(list_url(workshop)))


def test_move_down(client, workshop, groups):
    post_form(
        client,
        item_url(workshop, groups[0], "move/down"),
        page=list_url(workshop),
    )
    assert [name for name, _prompt in stored_groups(workshop)] == [
        "Handicap",
        "Jeunesse",
    ]


def test_every_group_can_be_deleted(client, workshop, groups):
    for group in groups:
        response = post_form(
            client, item_url(workshop, group, "delete"), page=list_url(workshop)
        )
        assert response.status_code == 302
    assert stored_groups(workshop) == []
    page = text(client.get(list_url(workshop)))
    assert "« Handicap » a été supprimé." in page
    assert "Aucun groupe de travail pour l’instant." in page


def test_deleting_an_answered_group_is_refused(client, workshop, groups):
    answer_in_group(workshop, groups[0])
    response = post_form(
        client, item_url(workshop, groups[0], "delete"), page=list_url(workshop)
    )
    assert response.status_code == 302
    assert len(stored_groups(workshop)) == 2
    page = text(client.get(list_url(workshop)))
    assert "« Jeunesse » ne peut pas être supprimé : 1 réponse y est rattachée." in (
        page
    )


def test_deleting_a_group_with_wall_contributions_is_refused(
    client, workshop, groups, make_session
):
    session = make_session(workshop)
    db.session.add(
        Contribution(
            session=session,
            kind=ContributionKind.PRACTICE,
            text="Un parrainage",
            working_group_id=groups[1].id,
        )
    )
    db.session.commit()
    post_form(client, item_url(workshop, groups[1], "delete"), page=list_url(workshop))
    assert len(stored_groups(workshop)) == 2
    assert "1 contribution du mur y est rattachée" in text(
        client.get(list_url(workshop))
    )


def test_deleting_a_group_opens_its_reserved_questions_to_everyone(
    client, workshop, groups
):
    q1, q2, _q3 = workshop.questionnaire.questions
    groups[0].questions.extend([q1, q2])
    groups[1].questions.append(q2)
    db.session.commit()
    post_form(client, item_url(workshop, groups[0], "delete"), page=list_url(workshop))
    page = text(client.get(list_url(workshop)))
    assert "La question Q1 lui était réservée : elle est désormais posée" in page
    db.session.expire_all()
    assert [q.code for q in groups[1].questions] == ["Q2"]


def test_other_facilitators_group_is_not_found(client, workshop, make_workshop):
    other = make_workshop()
    group = WorkingGroup(name="Jeunesse", position=0)
    other.working_groups.append(group)
    db.session.commit()
    url = f"/workshops/{workshop.id}/working-groups/{group.id}/delete"
    response = post_form(client, url, page=list_url(workshop))
    assert response.status_code == 404


# Questions reserved to working groups


def question_url(workshop, question=None) -> str:
    if question is None:
        return f"/workshops/{workshop.id}/questions/new"
    return f"/workshops/{workshop.id}/questions/{question.id}/edit"


def reserved_to(question_id: int) -> list[str]:
    db.session.expire_all()
    question = db.session.get(Question, question_id)
    return sorted(
        group.name
        for group in db.session.execute(select(WorkingGroup)).scalars()
        if question in group.questions
    )


def checked_boxes(page: str) -> list[str]:
    return re.findall(
        r'<input checked id="working_groups-\d+" name="working_groups" '
        r'type="checkbox" value="(\d+)">',
        page,
    )


def test_no_reservation_choice_without_working_groups(client, workshop):
    page = text(client.get(question_url(workshop)))
    assert "Réservée aux groupes de travail" not in page


def test_new_question_reserved_to_groups(client, workshop, groups):
    page = text(client.get(question_url(workshop)))
    assert "Réservée aux groupes de travail" in page
    assert "Aucune case cochée : la question est posée à tout le monde." in page
    response = post_form(
        client,
        question_url(workshop),
        {
            "qtype": "long_text",
            "label": "Une pratique qui fonctionne chez vous ?",
            "working_groups": [str(groups[0].id), str(groups[1].id)],
        },
    )
    assert response.status_code == 302
    question = workshop.questionnaire.questions[-1]
    assert reserved_to(question.id) == ["Handicap", "Jeunesse"]
    listing = text(client.get(f"/workshops/{workshop.id}/questionnaire"))
    assert "Réservée : Jeunesse, Handicap" in listing


def test_edit_question_changes_its_reservation(client, workshop, groups):
    q1 = workshop.questionnaire.questions[0]
    groups[0].questions.append(q1)
    db.session.commit()
    page = text(client.get(question_url(workshop, q1)))
    assert checked_boxes(page) == [str(groups[0].id)]
    data = {
        "qtype": "single_choice",
        "label": q1.label,
        "options-0-code": "A",
        "options-0-label": "Jeunesse",
        "options-1-code": "B",
        "options-1-label": "Handicap",
        "working_groups": [str(groups[1].id)],
    }
    response = post_form(client, question_url(workshop, q1), data)
    assert response.status_code == 302
    assert reserved_to(q1.id) == ["Handicap"]
    data.pop("working_groups")
    post_form(client, question_url(workshop, q1), data)
    assert reserved_to(q1.id) == []
    listing = text(client.get(f"/workshops/{workshop.id}/questionnaire"))
    assert "Réservée :" not in listing


def test_reservation_to_another_workshops_group_is_refused(
    client, workshop, groups, make_workshop
):
    other = make_workshop()
    foreign = WorkingGroup(name="Intrus", position=0)
    other.working_groups.append(foreign)
    db.session.commit()
    response = post_form(
        client,
        question_url(workshop),
        {"qtype": "long_text", "label": "Autre ?", "working_groups": [str(foreign.id)]},
    )
    assert response.status_code == 200
    assert len(workshop.questionnaire.questions) == 3
    assert "Intrus" not in text(response)


def test_list_of_groups_shows_their_reserved_questions(client, workshop, groups):
    groups[1].questions.append(workshop.questionnaire.questions[2])
    db.session.commit()
    assert "Questions réservées : Q3" in text(client.get(list_url(workshop)))
