"""A large synthetic workshop for the benchmark, inserted in bulk.

Responses and answers are drawn with numpy and written with executemany; the
tallies are computed from the same frames by ``surveys.tallies`` (as a rebuild
would) instead of one ``record_response`` per response, which would take hours.
"""

import json
from dataclasses import dataclass
from datetime import date
from itertools import cycle

import numpy as np
import pandas as pd

from facilitator.extensions import db
from facilitator.services import create_facilitator
from surveys.services import add_question
from surveys.tallies import dimensions_key, insert_tallies, tally_rows
from workshops.manage.services import create_workshop
from workshops.sessions.services import create_session

TERRITORIES = ("Savoie", "Bignona", "Agadir")
SESSIONS = (
    ("Séance de lancement", "point_zero", date(2025, 3, 12)),
    ("Séance de rattrapage", "point_zero", date(2025, 3, 19)),
    ("Séance de mi-parcours", "mi_parcours", date(2025, 10, 8)),
)
# The mix of a 20-question diagnostic, repeated when more questions are asked.
QUESTION_MIX = (
    "single_choice",
    "agreement_scale",
    "multiple_choice",
    "agreement_scale",
    "scale_0_10",
    "single_choice",
    "number",
    "agreement_scale",
    "multiple_choice",
    "single_choice",
    "short_text",
    "agreement_scale",
    "single_choice",
    "multiple_choice",
    "scale_0_10",
    "agreement_scale",
    "single_choice",
    "number",
    "multiple_choice",
    "long_text",
)
# Share of respondents who skip a question, by type (texts are often left empty).
SKIP = {"short_text": 0.6, "long_text": 0.75}
DEFAULT_SKIP = 0.08
WORDS = (  # noqa: SIM905 - easier to read as a sentence
    "accompagnement jeunes familles handicap accès droits mairie association "
    "transport santé école formation emploi coordination partenaires habitants "
    "écoute confiance réseau solidarité logement aînés quartier village projet "
    "moyens budget temps information orientation bénévoles services proximité"
).split()


@dataclass(frozen=True)
class BenchWorkshop:
    workshop_id: int
    responses: int
    answers: int
    texts: int


def build_workshop(responses: int, questions: int, seed: int) -> BenchWorkshop:
    """Create the workshop, its questionnaire and ``responses`` random responses."""
    rng = np.random.default_rng(seed)
    owner = create_facilitator("bench@example.org", "bench-password", "Bench")
    workshop = create_workshop(
        owner,
        title="Banc d'essai : 100 000 réponses",
        description="Atelier synthétique du banc d'essai des résultats.",
        threshold=5,
        territory_names=list(TERRITORIES),
    )
    for label, wave, _day in SESSIONS:
        create_session(workshop, label=label, wave=wave)
    questionnaire = workshop.questionnaire
    for number, qtype in zip(range(1, questions + 1), cycle(QUESTION_MIX)):
        options = [(None, f"Modalité {i}") for i in range(1, 6)]
        add_question(
            questionnaire,
            qtype=qtype,
            label=f"Question {number} ({qtype})",
            options=options,
        )
    db.session.commit()
    drawn, answers = _draw(workshop, responses, rng)
    _insert(questionnaire.id, drawn, answers)
    db.session.commit()
    texts = int(answers["text"].notna().sum())
    return BenchWorkshop(workshop.id, responses, len(answers), texts)


def _draw(workshop, n: int, rng) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The responses (dimensions, day) and their answers, as two frames."""
    sessions = workshop.sessions
    session_index = rng.choice(len(sessions), size=n, p=[0.5, 0.2, 0.3])
    territory_index = rng.choice(len(workshop.territories), size=n)
    group_index = rng.choice(len(workshop.actor_groups), size=n, p=[0.1, 0.3, 0.3, 0.3])
    dims = pd.DataFrame(
        {
            "session": [str(s.id) for s in sessions],
            "wave": [s.wave or "" for s in sessions],
            "day": [day.isoformat() for _label, _wave, day in SESSIONS],
        }
    ).iloc[session_index]
    responses = pd.DataFrame(
        {
            "response_id": np.arange(1, n + 1),
            "questionnaire_id": workshop.questionnaire_id,
            "session": dims["session"].to_numpy(),
            "wave": dims["wave"].to_numpy(),
            "territory": np.array([str(t.id) for t in workshop.territories])[
                territory_index
            ],
            "group": np.array([str(g.id) for g in workshop.actor_groups])[group_index],
            "day": dims["day"].to_numpy(),
        }
    )
    parts = [
        _answers(question, territory_index, group_index, rng)
        for question in workshop.questionnaire.questions
    ]
    return responses, pd.concat(parts, ignore_index=True)


def _answers(question, territory_index, group_index, rng) -> pd.DataFrame:
    """One question's answers: response_id, question_id, option_code, number, text."""
    qtype = question.type
    n = len(territory_index)
    answered = np.flatnonzero(rng.random(n) >= SKIP.get(question.qtype, DEFAULT_SKIP))
    tilt = (territory_index[answered] - 1) * 0.4 + (group_index[answered] - 1.5) * 0.2
    codes = [code for code, _label in qtype.choices(question)]
    frame = pd.DataFrame({"response_id": answered + 1})
    if qtype.multiple:
        chosen = rng.random((len(answered), len(codes))) < np.linspace(
            0.6, 0.15, len(codes)
        )
        rows, columns = np.nonzero(chosen)
        frame = pd.DataFrame(
            {"response_id": answered[rows] + 1, "option_code": np.array(codes)[columns]}
        )
    elif qtype.is_numeric and codes:
        low, high = qtype.value_range(question)
        middle = (low + high) / 2
        values = np.clip(
            np.rint(rng.normal(middle + tilt * (high - low) / 4, 1.2)), low, high
        )
        frame["option_code"] = values.astype(int).astype(str)
        frame["number"] = values
    elif qtype.has_distribution:
        weights = np.linspace(1.0, 0.3, len(codes))
        drawn = rng.choice(len(codes), size=len(answered), p=weights / weights.sum())
        # Each territory prefers another option: something for divergence.
        shifted = (drawn + territory_index[answered]) % len(codes)
        frame["option_code"] = np.array(codes)[shifted]
    elif qtype.is_numeric:
        frame["number"] = np.rint(rng.gamma(2.0, 6.0, size=len(answered)))
    else:
        frame["text"] = _texts(rng, len(answered), long=question.qtype == "long_text")
    frame["question_id"] = question.id
    return frame.reindex(
        columns=["response_id", "question_id", "option_code", "number", "text"]
    )


def _texts(rng, count: int, long: bool) -> list[str]:
    lengths = rng.integers(8, 60 if long else 14, size=count)
    words = np.array(WORDS)[rng.integers(0, len(WORDS), size=int(lengths.sum()))]
    ends = np.cumsum(lengths)
    return [
        " ".join(words[end - length : end]).capitalize() + "."
        for end, length in zip(ends, lengths, strict=True)
    ]


def _insert(questionnaire_id: int, responses: pd.DataFrame, answers: pd.DataFrame):
    keys = ["group", "session", "territory", "wave"]
    records = responses[keys].to_dict("records")
    stored = [json.dumps(record) for record in records]
    canonical = [dimensions_key(record) for record in records]
    connection = db.session.connection()
    connection.exec_driver_sql(
        "INSERT INTO responses (id, questionnaire_id, submitted_on, dimensions) "
        "VALUES (?, ?, ?, ?)",
        list(
            zip(
                responses["response_id"].tolist(),
                [questionnaire_id] * len(responses),
                responses["day"].tolist(),
                stored,
                strict=True,
            )
        ),
    )
    values = answers.astype(object).where(answers.notna(), None)
    connection.exec_driver_sql(
        "INSERT INTO answers (response_id, question_id, option_code, number, text) "
        "VALUES (?, ?, ?, ?, ?)",
        list(values.itertuples(index=False, name=None)),
    )
    responses["dimensions"] = canonical
    answers["dimensions"] = answers["response_id"].map(
        responses.set_index("response_id")["dimensions"]
    )
    insert_tallies(tally_rows(responses[["questionnaire_id", "dimensions"]], answers))
