"""The demo's exchange day: four thematic working groups with their prompts and
reserved questions, a self-paced session where each group answered, and a
facilitator-paced plenary ready to be run live from the control panel.

The groups lean their own way on the common questions (the Handicap group sees
less participation, the Cohésion sociale group more ties), so comparing them
side by side shows something.
"""

import random
from dataclasses import dataclass

from facilitator.extensions import db
from surveys.participant_form import field_name
from surveys.responses import record_response
from workshops.demo_answers import Profile
from workshops.manage.dimensions import WORKING_GROUP
from workshops.manage.services import add_item
from workshops.models import Pacing, WorkingGroup, Workshop, WorkshopSession
from workshops.questionnaire.services import add_workshop_question
from workshops.sessions.services import create_session
from workshops.wall.demo import add_demo_contributions

SEED = 2027
THEMATIC_LABEL = "Atelier d'échanges : groupes thématiques"
PLENARY_LABEL = "Plénière en direct"
SECTION = "Ateliers thématiques"
PRACTICE_LABEL = "Une pratique qui fonctionne chez vous ?"
# Mostly technicians and associations in the room, a few élus and residents.
ACTOR_WEIGHTS = (1, 5, 4, 2)
# Share of the members who write down a practice.
PRACTICE_RATE = 0.75


@dataclass(frozen=True)
class Theme:
    name: str
    prompt: str
    members: int
    # Added to the tendencies of the common scales in this group.
    shift: dict[str, float]
    priority_label: str
    # (option label, weight in Savoie, weight in Bignona)
    priorities: tuple[tuple[str, int, int], ...]
    # Practices written by members from each territory.
    practices: dict[str, tuple[str, ...]]


THEMES = (
    Theme(
        name="Jeunesse",
        prompt="Quelles pratiques pour l'insertion des jeunes ?",
        members=19,
        shift={"Q9": -0.5, "Q7": 0.5},
        priority_label="Jeunesse : quelle priorité pour les deux prochaines années ?",
        priorities=(
            ("Insertion professionnelle", 40, 55),
            ("Décrochage scolaire", 30, 15),
            ("Engagement et mobilité des jeunes", 20, 20),
            ("Santé et conduites à risque", 10, 10),
        ),
        practices={
            "Savoie": (
                "Une mission locale qui reçoit sans rendez-vous le mercredi.",
                "Des chantiers jeunes l'été, payés, avec un encadrant du quartier.",
                "Le service civique dans les associations sportives du village.",
            ),
            "Bignona": (
                "Des apprentissages chez les artisans du marché, suivis par l'ASC.",
                "Les associations sportives et culturelles occupent les jeunes "
                "pendant l'hivernage.",
                "Un fonds de la commune pour lancer de petites activités.",
            ),
        },
    ),
    Theme(
        name="Handicap",
        prompt=(
            "Comment les personnes handicapées prennent-elles part à la vie locale ?"
        ),
        members=16,
        shift={"Q6": -0.6, "Q9": -0.7, "Q2": 0.3},
        priority_label="Handicap : quelle priorité pour les deux prochaines années ?",
        priorities=(
            ("Accès aux droits et aux aides", 25, 50),
            ("Scolarisation des enfants", 25, 25),
            ("Emploi et formation", 30, 15),
            ("Accessibilité des lieux publics", 20, 10),
        ),
        practices={
            "Savoie": (
                "Un référent handicap dans chaque mairie, formé par la MDPH.",
                "Des classes ordinaires avec un accompagnant pour chaque enfant.",
                "Le sport adapté ouvert à tous au club du canton.",
            ),
            "Bignona": (
                "L'association des personnes handicapées tient un atelier de "
                "couture avec la commune.",
                "Des séances d'information sur la carte d'égalité des chances dans "
                "les villages.",
                "Les familles se relaient pour accompagner les enfants à l'école.",
            ),
        },
    ),
    Theme(
        name="Personnes âgées",
        prompt="Comment accompagner le vieillissement à domicile et au village ?",
        members=17,
        shift={"Q11": 0.6, "Q1": 0.3},
        priority_label=(
            "Personnes âgées : quelle priorité pour les deux prochaines années ?"
        ),
        priorities=(
            ("Maintien à domicile", 45, 20),
            ("Lutte contre l'isolement", 30, 20),
            ("Place des aînés dans les décisions", 10, 45),
            ("Accueil en établissement", 15, 15),
        ),
        practices={
            "Savoie": (
                "Des visites de voisinage organisées par le CCAS l'hiver.",
                "Le portage de repas qui sert aussi à repérer les personnes isolées.",
                "Un café des aidants une fois par mois à la médiathèque.",
            ),
            "Bignona": (
                "Les aînés siègent au conseil de quartier et règlent les conflits.",
                "Les familles élargies accueillent les anciens à tour de rôle.",
                "Les relais communautaires passent voir les anciens seuls.",
            ),
        },
    ),
    Theme(
        name="Cohésion sociale",
        prompt="Qu'est-ce qui fait tenir ensemble un quartier ou un village ?",
        members=18,
        shift={"Q14": 0.8, "Q11": 0.4, "Q12": -0.4},
        priority_label=(
            "Cohésion sociale : quelle priorité pour les deux prochaines années ?"
        ),
        priorities=(
            ("Lieux de rencontre ouverts à tous", 35, 20),
            ("Médiation et prévention des conflits", 20, 25),
            ("Solidarités de voisinage", 20, 35),
            ("Participation des habitants aux décisions", 25, 20),
        ),
        practices={
            "Savoie": (
                "Une maison des habitants gérée avec les associations du quartier.",
                "Un budget participatif où les habitants votent les projets.",
                "La fête des voisins soutenue par les bailleurs sociaux.",
            ),
            "Bignona": (
                "Les palabres sous l'arbre pour décider des travaux du village.",
                "Les tontines des femmes financent les baptêmes et les urgences.",
                "Les journées de travail collectif (set setal) chaque mois.",
            ),
        },
    ),
)


def add_exchange_day(workshop: Workshop) -> tuple[WorkshopSession, WorkshopSession]:
    """The working groups, their questions, the thematic session with its
    answers and wall, and the live plenary (not started: nothing revealed)."""
    groups = [
        add_item(WORKING_GROUP, workshop, name=theme.name, prompt=theme.prompt)
        for theme in THEMES
    ]
    practice = add_workshop_question(
        workshop,
        {group.id for group in groups},
        qtype="long_text",
        label=PRACTICE_LABEL,
        section=SECTION,
        help_text="Décrivez-la en une ou deux phrases : qui, pour qui, comment.",
    )
    thematic = create_session(workshop, label=THEMATIC_LABEL)
    thematic.pacing = Pacing.SELF
    thematic.working_groups = groups
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo, not a secret
    for theme, group in zip(THEMES, groups, strict=True):
        priority = add_workshop_question(
            workshop,
            {group.id},
            qtype="single_choice",
            label=theme.priority_label,
            section=SECTION,
            options=[(None, label) for label, _savoie, _bignona in theme.priorities],
        )
        for _ in range(theme.members):
            _answer(workshop, thematic, theme, group, practice, priority, rng)
    add_demo_contributions(thematic)
    plenary = create_session(workshop, label=PLENARY_LABEL)
    plenary.pacing = Pacing.FACILITATOR
    plenary.current_question = workshop.questionnaire.questions[0]
    plenary.results_revealed = False
    db.session.flush()
    return thematic, plenary


def _answer(
    workshop: Workshop,
    session: WorkshopSession,
    theme: Theme,
    group: WorkingGroup,
    practice,
    priority,
    rng: random.Random,
) -> None:
    """One member of a working group: the common questions, then the group's."""
    territory = rng.choice(workshop.territories)
    actor = rng.choices(workshop.actor_groups, weights=ACTOR_WEIGHTS)[0]
    profile = Profile(territory.name, actor.position, rng, theme.shift)
    data = profile.answers(workshop.questionnaire)
    column = 1 if territory.name == "Savoie" else 2
    weights = [option[column] for option in theme.priorities]
    chosen = rng.choices(priority.options, weights=weights)[0]
    data[field_name(priority)] = chosen.code
    if rng.random() < PRACTICE_RATE:
        data[field_name(practice)] = rng.choice(theme.practices[territory.name])
    record_response(
        workshop.questionnaire,
        {
            "session": str(session.id),
            "wave": "",
            "territory": str(territory.id),
            "group": str(actor.id),
            "working_group": str(group.id),
        },
        data,
    )
