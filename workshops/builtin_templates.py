"""Built-in questionnaire templates a workshop can start from.

A template is plain data: creating a workshop copies its questions into the
workshop's own questionnaire, which the facilitator then edits freely.

Question codes ("Q1", "Q2"...) and option codes are stable: the demo data, the
exports and later waves rely on them, so a published template only ever gains
questions at the end, and options keep their codes when relabelled.
Agreement scales and 0-10 scales carry no options of their own: their points
("1".."5", "0".."10") come from the question type.

The question texts are questionnaire content, stored in French as written
here; only the template titles and descriptions belong to the interface.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

REGARD_CROISE = "regard_croise"
DIAGNOSTIC_SOCIAL = "diagnostic_social"
AUTO_EVALUATION = "auto_evaluation"


@dataclass(frozen=True)
class TemplateQuestion:
    code: str
    qtype: str
    label: str
    section: str = ""
    help_text: str = ""
    required: bool = False
    # (stable code, label) pairs, for single and multiple choice questions.
    options: tuple[tuple[str, str], ...] = ()
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class BuiltinTemplate:
    key: str
    title: LazyString
    description: LazyString
    questions: tuple[TemplateQuestion, ...]


def _agree(code: str, section: str, label: str, **extra) -> TemplateQuestion:
    return TemplateQuestion(code, "agreement_scale", label, section=section, **extra)


def _scale(code: str, section: str, label: str, **extra) -> TemplateQuestion:
    return TemplateQuestion(code, "scale_0_10", label, section=section, **extra)


def _one(code, section, label, options, **extra) -> TemplateQuestion:
    return TemplateQuestion(
        code, "single_choice", label, section=section, options=options, **extra
    )


def _many(code, section, label, options, **extra) -> TemplateQuestion:
    extra.setdefault("help_text", "Plusieurs réponses possibles.")
    return TemplateQuestion(
        code, "multiple_choice", label, section=section, options=options, **extra
    )


def _comment(code: str, section: str, label: str, **extra) -> TemplateQuestion:
    return TemplateQuestion(code, "long_text", label, section=section, **extra)


PUBLICS = (
    ("jeunesse", "Jeunesse"),
    ("handicap", "Personnes en situation de handicap"),
    ("personnes_agees", "Personnes âgées"),
    ("precarite", "Personnes en situation de précarité"),
    ("femmes", "Femmes"),
    ("acces_droits", "Accès aux droits"),
)
DONT_KNOW = ("ne_sait_pas", "Je ne sais pas")

# Regard croisé: Q1-Q5 posture, Q6-Q10 social usefulness, Q11-Q15 social ties.
# Q4 options are the PUBLICS codes; Q3 and Q8 options are listed below.
_POSTURE = "Posture d'accompagnement"
_USEFULNESS = "Utilité sociale des personnes accompagnées"
_TIES = "Liens sociaux"
REGARD_CROISE_QUESTIONS = (
    _agree(
        "Q1",
        _POSTURE,
        "Chez nous, les acteurs de l'action sociale travaillent en réseau "
        "plutôt que chacun de leur côté.",
    ),
    _agree(
        "Q2",
        _POSTURE,
        "L'accompagnement tient compte de toute la situation de la personne "
        "(logement, santé, revenus, famille), pas seulement de sa demande du moment.",
    ),
    _one(
        "Q3",
        _POSTURE,
        "Quelle approche décrit le mieux l'accompagnement pratiqué sur votre "
        "territoire ?",
        (
            ("droits", "On part des droits de la personne et on l'aide à les exercer"),
            ("besoins", "On part des besoins constatés et on y apporte une réponse"),
            ("equilibre", "Un équilibre entre les deux"),
            DONT_KNOW,
        ),
    ),
    _many(
        "Q4",
        _POSTURE,
        "Quels publics devraient être prioritaires pour l'action sociale de "
        "votre territoire ?",
        PUBLICS,
    ),
    _comment(
        "Q5",
        _POSTURE,
        "Un exemple d'accompagnement qui vous semble réussi, ou une difficulté "
        "que vous rencontrez ?",
    ),
    _agree(
        "Q6",
        _USEFULNESS,
        "Les personnes accompagnées ont leur mot à dire sur les décisions qui "
        "les concernent.",
    ),
    _scale(
        "Q7",
        _USEFULNESS,
        "De 0 à 10, quelle prise les personnes accompagnées ont-elles sur leur "
        "propre situation ?",
        help_text="0 : aucune prise ; 10 : elles décident et agissent elles-mêmes.",
    ),
    _one(
        "Q8",
        _USEFULNESS,
        "Sur votre territoire, les personnes âgées ou handicapées sont plutôt "
        "considérées comme :",
        (
            ("charge", "Une charge pour leur famille ou pour la collectivité"),
            ("ressource", "Une ressource : expérience, transmission, engagement"),
            ("les_deux", "Les deux à la fois"),
            DONT_KNOW,
        ),
    ),
    _agree(
        "Q9",
        _USEFULNESS,
        "Les personnes accompagnées prennent part à la vie locale (associations, "
        "fêtes, réunions publiques).",
    ),
    _comment(
        "Q10",
        _USEFULNESS,
        "Qu'est-ce qui aiderait les personnes accompagnées à jouer un rôle plus "
        "actif ?",
    ),
    _agree(
        "Q11",
        _TIES,
        "Les liens entre voisins, entre générations et au sein des familles "
        "restent solides sur votre territoire.",
    ),
    _agree(
        "Q12",
        _TIES,
        "Les services sociaux, de santé, d'éducation et d'emploi se coordonnent "
        "autour des personnes.",
    ),
    _many(
        "Q13",
        _TIES,
        "Qui fait vivre la solidarité au quotidien sur votre territoire ?",
        (
            ("famille", "La famille"),
            ("voisinage", "Le voisinage"),
            ("associations", "Les associations"),
            ("collectivite", "La collectivité et ses services"),
            ("communautes", "Les communautés religieuses ou coutumières"),
        ),
    ),
    _scale(
        "Q14",
        _TIES,
        "De 0 à 10, comment jugez-vous la cohésion sociale de votre territoire ?",
    ),
    _comment(
        "Q15",
        _TIES,
        "Qu'aimeriez-vous découvrir ou emprunter des pratiques de l'autre territoire ?",
    ),
)

_NEEDS = "Besoins perçus"
_SERVICES = "Services existants"
_COOPERATION = "Associations et collectivité"
_PARTICIPATION = "Participation des habitants"
_PRIORITIES = "Priorités"
DIAGNOSTIC_SOCIAL_QUESTIONS = (
    _many(
        "Q1",
        _NEEDS,
        "Pour quels publics les besoins vous semblent-ils aujourd'hui les moins "
        "bien couverts ?",
        PUBLICS,
    ),
    _comment(
        "Q2", _NEEDS, "Quel besoin est, selon vous, le plus souvent oublié ? Pourquoi ?"
    ),
    _one(
        "Q3",
        _SERVICES,
        "Connaissez-vous les services sociaux présents sur votre territoire ?",
        (
            ("bien", "Oui, bien"),
            ("en_partie", "En partie"),
            ("peu", "Très peu"),
            ("pas_du_tout", "Pas du tout"),
        ),
    ),
    _scale(
        "Q4",
        _SERVICES,
        "De 0 à 10, quelle note donnez-vous à la qualité des services existants ?",
    ),
    _agree(
        "Q5",
        _SERVICES,
        "Une personne en difficulté sait à qui s'adresser pour être aidée.",
    ),
    _agree(
        "Q6",
        _COOPERATION,
        "Associations et collectivité se concertent avant de lancer une action.",
    ),
    _one(
        "Q7",
        _COOPERATION,
        "Comment décririez-vous leurs relations ?",
        (
            ("partenariat", "Un véritable partenariat"),
            ("delegation", "La collectivité confie des missions aux associations"),
            ("ponctuelles", "Des relations ponctuelles ou distantes"),
            DONT_KNOW,
        ),
    ),
    _agree(
        "Q8",
        _PARTICIPATION,
        "Les habitants sont consultés sur les actions sociales qui les concernent.",
    ),
    _many(
        "Q9",
        _PARTICIPATION,
        "Par quels moyens les habitants peuvent-ils donner leur avis ?",
        (
            ("reunions", "Réunions publiques"),
            ("conseils", "Conseils de quartier ou de village"),
            ("associations", "Par l'intermédiaire des associations"),
            ("enquetes", "Questionnaires ou enquêtes"),
            ("aucun", "Aucun, à ma connaissance"),
        ),
    ),
    _one(
        "Q10",
        _PRIORITIES,
        "Si une seule priorité devait être retenue pour les trois prochaines "
        "années, laquelle choisiriez-vous ?",
        PUBLICS,
    ),
    _comment("Q11", _PRIORITIES, "Une proposition concrète pour y répondre ?"),
)

# Auto-évaluation: two agreement statements then a comment for each stage.
_STAGES = (
    (
        "Émergence et finalités",
        "Le projet répond à une attente exprimée par chacun des territoires.",
        "Les finalités du projet sont claires et partagées par tous les partenaires.",
    ),
    (
        "Diagnostic et formalisation",
        "Un état des lieux a été mené avec les acteurs des deux territoires avant "
        "d'agir.",
        "Les engagements de chaque partenaire sont écrits (convention, feuille de "
        "route).",
    ),
    (
        "Partenariat et participation",
        "Associations et habitants sont associés aux décisions, pas seulement "
        "informés.",
        "Chaque partenaire dispose des moyens nécessaires pour tenir son rôle.",
    ),
    (
        "Temporalité",
        "Le calendrier laisse le temps de se concerter et d'ajuster.",
        "Les actions peuvent se poursuivre au-delà des financements actuels.",
    ),
    (
        "Enjeux partagés et réciprocité",
        "Chaque territoire apprend des pratiques de l'autre.",
        "Les bénéfices du projet reviennent aux deux territoires.",
    ),
    (
        "Suivi, évaluation et restitution",
        "Des indicateurs de suivi ont été choisis ensemble.",
        "Les résultats sont présentés aux acteurs et aux habitants des deux "
        "territoires.",
    ),
)


def _stage_questions() -> tuple[TemplateQuestion, ...]:
    questions = []
    for stage, first, second in _STAGES:
        n = len(questions)
        questions += [
            _agree(f"Q{n + 1}", stage, first),
            _agree(f"Q{n + 2}", stage, second),
            _comment(
                f"Q{n + 3}",
                stage,
                "Sur cette étape, qu'est-ce qui fonctionne et que faudrait-il "
                "améliorer ?",
            ),
        ]
    return tuple(questions)


AUTO_EVALUATION_QUESTIONS = _stage_questions()

_TEMPLATES = (
    BuiltinTemplate(
        REGARD_CROISE,
        _l("Regard croisé entre deux territoires"),
        _l(
            "Trois thèmes posés aux acteurs des deux territoires : posture "
            "d'accompagnement, utilité sociale des personnes accompagnées, liens "
            "sociaux. Pour comparer les pratiques et en débattre."
        ),
        REGARD_CROISE_QUESTIONS,
    ),
    BuiltinTemplate(
        DIAGNOSTIC_SOCIAL,
        _l("Diagnostic participatif de l'action sociale"),
        _l(
            "Besoins perçus par public, connaissance et qualité des services, "
            "coopération entre associations et collectivité, participation des "
            "habitants, priorités. Idéal pour un point zéro."
        ),
        DIAGNOSTIC_SOCIAL_QUESTIONS,
    ),
    BuiltinTemplate(
        AUTO_EVALUATION,
        _l("Auto-évaluation d'un projet de coopération"),
        _l(
            "Les six étapes d'un projet de coopération, chacune évaluée par des "
            "affirmations et un commentaire, à faire remplir par chaque partenaire."
        ),
        AUTO_EVALUATION_QUESTIONS,
    ),
)


def builtin_templates() -> list[BuiltinTemplate]:
    """The templates offered when creating a workshop, in display order."""
    return list(_TEMPLATES)


def get_builtin_template(key: str) -> BuiltinTemplate:
    """The template with this key; KeyError when there is none."""
    for template in _TEMPLATES:
        if template.key == key:
            return template
    raise KeyError(key)
