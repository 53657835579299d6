"""How the demo's invented respondents answer: tendencies per territory, tilted
by actor group, drawn from a seeded random generator so the demo is the same
every time.

The answers lean the way such partners often differ (networking and family
ties stronger in Bignona, rights-based approach and institutional coordination
stronger in Savoie; elected officials more positive than residents).
"""

import random

from surveys.participant_form import field_name

# Shift of agreement means by actor group: officials rosier, residents harsher.
GROUP_TILT = (0.6, 0.0, -0.1, -0.5)


class Profile:
    """Draws one respondent's answers from territory and group tendencies."""

    def __init__(
        self,
        territory: str,
        group_index: int,
        rng: random.Random,
        shift: dict[str, float] | None = None,
    ) -> None:
        self.territory = territory
        self.tilt = GROUP_TILT[group_index]
        self.rng = rng
        self.shift = shift or {}

    def answers(self, questionnaire) -> dict:
        data = {}
        for question in questionnaire.questions:
            spec = ANSWER_SPECS.get(question.code)
            if spec is None or self.rng.random() > spec.get("rate", 0.97):
                continue
            tendency = spec[self.territory]
            if question.code in self.shift:
                tendency += self.shift[question.code]
            data[field_name(question)] = self._draw(question, tendency)
        return data

    def _draw(self, question, spec):
        kind = question.qtype
        if kind == "agreement_scale":
            return str(self._around(spec + self.tilt, 1, 5))
        if kind == "scale_0_10":
            return str(self._around(spec + 2 * self.tilt, 0, 10, spread=1.8))
        if kind == "single_choice":
            codes, weights = zip(*spec, strict=True)
            return self.rng.choices(codes, weights=weights)[0]
        if kind == "multiple_choice":
            chosen = [code for code, p in spec if self.rng.random() < p]
            return chosen or [max(spec, key=lambda item: item[1])[0]]
        return self.rng.choice(spec)

    def _around(self, mean: float, low: int, high: int, spread: float = 0.9) -> int:
        return max(low, min(high, round(self.rng.gauss(mean, spread))))


ANSWER_SPECS: dict[str, dict] = {
    "Q1": {"Savoie": 2.7, "Bignona": 3.7},
    "Q2": {"Savoie": 3.1, "Bignona": 3.3},
    "Q3": {
        "Savoie": [
            ("droits", 55),
            ("besoins", 12),
            ("equilibre", 26),
            ("ne_sait_pas", 7),
        ],
        "Bignona": [
            ("droits", 14),
            ("besoins", 56),
            ("equilibre", 22),
            ("ne_sait_pas", 8),
        ],
    },
    "Q4": {
        "Savoie": [
            ("jeunesse", 0.35),
            ("handicap", 0.5),
            ("personnes_agees", 0.65),
            ("precarite", 0.55),
            ("femmes", 0.15),
            ("acces_droits", 0.3),
        ],
        "Bignona": [
            ("jeunesse", 0.8),
            ("handicap", 0.45),
            ("personnes_agees", 0.25),
            ("precarite", 0.4),
            ("femmes", 0.6),
            ("acces_droits", 0.5),
        ],
    },
    "Q5": {
        "rate": 0.55,
        "Savoie": [
            "La coordination autour des sorties d'hospitalisation des personnes "
            "âgées fonctionne bien quand le CCAS est prévenu à temps.",
            "Trop de dispositifs, chacun avec ses critères : les gens s'y perdent.",
            "Le référent unique pour les bénéficiaires du RSA a vraiment changé "
            "la relation.",
            "On manque de temps pour aller voir les personnes chez elles.",
            "Les délais pour obtenir une place en établissement restent très longs.",
            "Une permanence commune CAF-CCAS-mission locale a simplifié les "
            "démarches des jeunes.",
            "Les dossiers passent avant les personnes, on le regrette tous.",
        ],
        "Bignona": [
            "Les relais communautaires repèrent les familles en difficulté avant "
            "qu'elles ne viennent au service social.",
            "Le service social n'a pas de véhicule pour aller dans les villages "
            "éloignés.",
            "Les groupements de femmes gèrent des caisses de solidarité très "
            "efficaces.",
            "Les personnes handicapées n'ont pas de carte d'égalité des chances, "
            "faute d'information.",
            "Le réseau d'action concertée réunit enfin tous les acteurs autour "
            "de la table.",
            "Les moyens arrivent tard et de façon irrégulière.",
            "Les chefs de village nous aident à convaincre les familles.",
        ],
    },
    "Q6": {"Savoie": 2.9, "Bignona": 3.2},
    "Q7": {"Savoie": 4.3, "Bignona": 5.6},
    "Q8": {
        "Savoie": [
            ("charge", 36),
            ("ressource", 18),
            ("les_deux", 36),
            ("ne_sait_pas", 10),
        ],
        "Bignona": [
            ("charge", 10),
            ("ressource", 54),
            ("les_deux", 31),
            ("ne_sait_pas", 5),
        ],
    },
    "Q9": {"Savoie": 2.5, "Bignona": 3.8},
    "Q10": {
        "rate": 0.5,
        "Savoie": [
            "Leur proposer des missions bénévoles adaptées, pas seulement des "
            "prestations.",
            "Les inviter aux commissions qui décident des aides.",
            "Moins de formulaires, plus de rencontres.",
            "Des lieux ouverts où l'on vient sans rendez-vous.",
            "Valoriser ce qu'elles savent faire : cuisine, bricolage, garde d'enfants.",
        ],
        "Bignona": [
            "Des petits crédits pour lancer une activité génératrice de revenus.",
            "Former les jeunes handicapés à un métier dans leur village.",
            "Que les personnes âgées soient consultées comme sages dans les "
            "conseils de quartier.",
            "Un appui pour constituer des groupements et accéder aux marchés.",
            "L'alphabétisation des femmes pour qu'elles gèrent leurs projets.",
        ],
    },
    "Q11": {"Savoie": 2.5, "Bignona": 4.2},
    "Q12": {"Savoie": 3.5, "Bignona": 2.6},
    "Q13": {
        "Savoie": [
            ("famille", 0.5),
            ("voisinage", 0.3),
            ("associations", 0.75),
            ("collectivite", 0.7),
            ("communautes", 0.1),
        ],
        "Bignona": [
            ("famille", 0.9),
            ("voisinage", 0.7),
            ("associations", 0.5),
            ("collectivite", 0.3),
            ("communautes", 0.6),
        ],
    },
    "Q14": {"Savoie": 5.4, "Bignona": 7.1},
    "Q15": {
        "rate": 0.6,
        "Savoie": [
            "La place donnée aux anciens dans la vie du village.",
            "La solidarité de voisinage, qui ne dépend pas d'un dispositif.",
            "La façon dont les décisions se prennent en palabre, tous ensemble.",
            "Les tontines et caisses de solidarité gérées par les femmes.",
            "L'accueil des personnes handicapées au sein de la famille élargie.",
        ],
        "Bignona": [
            "Le suivi individuel et les dossiers uniques par personne.",
            "L'accès aux droits : que chacun sache ce à quoi il a droit.",
            "Les établissements adaptés pour les personnes handicapées.",
            "La formation des travailleurs sociaux.",
            "La coordination entre le Département et les communes.",
        ],
    },
}
