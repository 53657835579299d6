"""Built-in questionnaire templates: well-formed, stable codes, usable as copied."""

from collections import Counter

import pytest

from facilitator.extensions import db
from surveys.fields import get_question_type, question_types
from workshops.builtin_templates import (
    AUTO_EVALUATION,
    DIAGNOSTIC_SOCIAL,
    PUBLICS,
    REGARD_CROISE,
    builtin_templates,
    get_builtin_template,
)
from workshops.manage.services import create_workshop

TEMPLATES = builtin_templates()
KEYS = [template.key for template in TEMPLATES]


def test_registry_offers_the_three_templates():
    assert KEYS == [REGARD_CROISE, DIAGNOSTIC_SOCIAL, AUTO_EVALUATION]
    assert get_builtin_template(REGARD_CROISE).key == "regard_croise"
    with pytest.raises(KeyError):
        get_builtin_template("nope")


@pytest.fixture
def request_context(app):
    """Interface strings (titles, field labels) are rendered within a request."""
    with app.test_request_context():
        yield


@pytest.mark.parametrize("template", TEMPLATES, ids=KEYS)
def test_template_is_well_formed(request_context, template):
    assert str(template.title)
    assert str(template.description)
    codes = [question.code for question in template.questions]
    assert codes == [f"Q{n}" for n in range(1, len(codes) + 1)]
    known = {qtype.name for qtype in question_types()}
    for question in template.questions:
        assert question.qtype in known
        assert question.label.strip()
        assert question.section.strip()
        qtype = get_question_type(question.qtype)
        if qtype.has_editable_options:
            option_codes = [code for code, _label in question.options]
            assert len(option_codes) >= 2, question.code
            assert len(set(option_codes)) == len(option_codes), question.code
        else:
            assert question.options == (), question.code
        if not qtype.has_bounds:
            assert question.min_value is None
            assert question.max_value is None


def test_regard_croise_mixes_types_over_three_themes():
    template = get_builtin_template(REGARD_CROISE)
    assert 12 <= len(template.questions) <= 15
    sections = list(dict.fromkeys(q.section for q in template.questions))
    assert sections == [
        "Posture d'accompagnement",
        "Utilité sociale des personnes accompagnées",
        "Liens sociaux",
    ]
    types = Counter(q.qtype for q in template.questions)
    for qtype in (
        "agreement_scale",
        "single_choice",
        "multiple_choice",
        "scale_0_10",
        "long_text",
    ):
        assert types[qtype] >= 1, qtype
    # One free comment per theme.
    comments = {q.section for q in template.questions if q.qtype == "long_text"}
    assert comments == set(sections)


def test_regard_croise_codes_the_demo_relies_on():
    questions = {q.code: q for q in get_builtin_template(REGARD_CROISE).questions}
    assert questions["Q3"].qtype == "single_choice"
    assert [code for code, _ in questions["Q3"].options] == [
        "droits",
        "besoins",
        "equilibre",
        "ne_sait_pas",
    ]
    assert questions["Q4"].qtype == "multiple_choice"
    assert [code for code, _ in questions["Q4"].options] == [
        "jeunesse",
        "handicap",
        "personnes_agees",
        "precarite",
        "femmes",
        "acces_droits",
    ]
    assert questions["Q4"].options == PUBLICS


def test_diagnostic_covers_needs_services_cooperation_participation_priorities():
    template = get_builtin_template(DIAGNOSTIC_SOCIAL)
    assert 9 <= len(template.questions) <= 12
    sections = list(dict.fromkeys(q.section for q in template.questions))
    assert len(sections) == 5
    assert sections[-1] == "Priorités"


def test_auto_evaluation_has_six_stages_each_with_a_comment():
    template = get_builtin_template(AUTO_EVALUATION)
    stages = list(dict.fromkeys(q.section for q in template.questions))
    assert len(stages) == 6
    assert stages[0] == "Émergence et finalités"
    assert stages[-1] == "Suivi, évaluation et restitution"
    for stage in stages:
        kinds = [q.qtype for q in template.questions if q.section == stage]
        assert kinds.count("long_text") == 1
        assert kinds.count("agreement_scale") >= 2


@pytest.mark.parametrize("key", KEYS)
def test_workshop_created_from_template_owns_a_copy(
    request_context, make_facilitator, key
):
    owner = make_facilitator()
    template = get_builtin_template(key)
    workshop = create_workshop(
        owner=owner,
        title="Atelier",
        description="",
        threshold=3,
        territory_names=["Savoie", "Bignona"],
        template_key=key,
    )
    db.session.commit()
    copied = workshop.questionnaire.questions
    assert [(q.code, q.qtype, q.label) for q in copied] == [
        (q.code, q.qtype, q.label) for q in template.questions
    ]
    assert [q.position for q in copied] == list(range(len(copied)))
    for question, source in zip(copied, template.questions, strict=True):
        assert [(o.code, o.label) for o in question.options] == list(source.options)
        # The participant form can be built from every copied question.
        assert question.type.make_field(question) is not None
    # Two workshops from the same template do not share questions.
    other = create_workshop(
        owner=owner,
        title="Autre",
        description="",
        threshold=3,
        territory_names=["Agadir"],
        template_key=key,
    )
    db.session.flush()
    assert {q.id for q in other.questionnaire.questions}.isdisjoint(
        {q.id for q in copied}
    )


def test_created_outside_a_request_names_the_default_groups(app, make_facilitator):
    workshop = create_workshop(
        owner=make_facilitator(),
        title="Démo",
        description="",
        threshold=3,
        territory_names=["Savoie"],
    )
    assert [group.name for group in workshop.actor_groups] == [
        "Élus",
        "Techniciens",
        "Associations",
        "Habitants",
    ]
    assert workshop.questionnaire.questions == []
