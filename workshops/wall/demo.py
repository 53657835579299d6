"""Demo contributions for a Savoie × Bignona exchange workshop's wall."""

import hashlib
import random

from facilitator.extensions import db
from workshops.models import (
    Contribution,
    ContributionKind,
    ContributionVote,
    WorkshopSession,
)

SEED = 2026
PRACTICE, INNOVATION, QUESTION = (
    ContributionKind.PRACTICE,
    ContributionKind.INNOVATION,
    ContributionKind.QUESTION,
)
# (kind, territory, actor group, text, most votes it may get): invented words
# of the kind such a room says.
CONTRIBUTIONS = (
    (
        PRACTICE,
        "Bignona",
        "Associations",
        "Les comités de quartier repèrent les personnes âgées isolées pendant "
        "l'hivernage et préviennent l'infirmier du poste de santé.",
        18,
    ),
    (
        PRACTICE,
        "Savoie",
        "Techniciens",
        "Un guichet unique des solidarités dans chaque territoire de vie : une "
        "seule porte d'entrée pour le RSA, l'autonomie et la protection de "
        "l'enfance.",
        12,
    ),
    (
        INNOVATION,
        "Bignona",
        "Élus",
        "Des mutuelles de santé communautaires gérées par les groupements de "
        "femmes, avec une cotisation adaptée aux récoltes.",
        15,
    ),
    (
        QUESTION,
        "Savoie",
        "Habitants",
        "Comment les habitants sont-ils associés au choix des priorités du "
        "schéma départemental, au-delà des réunions publiques ?",
        14,
    ),
    (
        PRACTICE,
        "Savoie",
        "Associations",
        "Le transport solidaire par des bénévoles retraités permet aux aînés "
        "des vallées d'aller à leurs rendez-vous médicaux.",
        9,
    ),
    (
        INNOVATION,
        "Savoie",
        "Techniciens",
        "Des pairs-aidants en situation de handicap co-animent l'accueil de la "
        "MDPH avec les travailleurs sociaux.",
        11,
    ),
    (
        QUESTION,
        "Bignona",
        "Techniciens",
        "Quels moyens le Département de la Savoie consacre-t-il à la formation "
        "des agents sociaux, et pourrions-nous en partager une partie ?",
        8,
    ),
    (
        PRACTICE,
        "Bignona",
        "Habitants",
        "Les associations de jeunes organisent des « set setal » qui "
        "rassemblent tout le quartier, anciens compris.",
        7,
    ),
    (
        INNOVATION,
        "Bignona",
        "Associations",
        "Une radio communautaire diffuse en diola et en français les droits "
        "des personnes handicapées et les démarches pour la carte d'égalité "
        "des chances.",
        10,
    ),
    (
        QUESTION,
        "Savoie",
        "Élus",
        "Comment la diaspora de Bignona en France peut-elle être associée au "
        "suivi du projet ?",
        6,
    ),
    (
        PRACTICE,
        "Savoie",
        "Habitants",
        "Les cafés des aidants, animés par une association, sortent les "
        "familles de l'isolement.",
        5,
    ),
    (
        QUESTION,
        "Bignona",
        "Élus",
        "Comment évaluer ensemble, à mi-parcours, ce que chaque territoire a "
        "appris de l'autre ?",
        9,
    ),
)
# A near-duplicate of the first contribution, merged into it.
DUPLICATE = (
    PRACTICE,
    "Bignona",
    "Habitants",
    "Dans mon quartier, les voisins signalent les anciens seuls au comité.",
    4,
)


def add_demo_contributions(session: WorkshopSession) -> list[Contribution]:
    """About a dozen tagged, upvoted contributions (the first one pinned),
    and one duplicate merged into its original; the same every time."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    workshop = session.workshop
    territories = {t.name: t for t in workshop.territories}
    groups = {g.name: g for g in workshop.actor_groups}
    working_groups = list(session.working_groups)
    added = []
    for kind, territory, group, text, most in (*CONTRIBUTIONS, DUPLICATE):
        contribution = Contribution(
            session=session,
            kind=kind,
            text=text,
            territory=territories.get(territory),
            group=groups.get(group),
            working_group=rng.choice(working_groups) if working_groups else None,
        )
        db.session.add(contribution)
        db.session.flush()
        voters = rng.sample(range(60), rng.randint(most // 2, most))
        db.session.add_all(
            ContributionVote(
                contribution_id=contribution.id, voter_hash=_demo_voter(session, n)
            )
            for n in voters
        )
        added.append(contribution)
    added[0].pinned = True
    added[-1].merged_into_id = added[0].id
    db.session.flush()
    return added


def _demo_voter(session: WorkshopSession, number: int) -> str:
    return hashlib.sha256(f"demo-vote:{session.id}:{number}".encode()).hexdigest()
