"""The tidy CSV export: one row per answer value, for R or pandas."""

import io

import pandas as pd
import pytest

from facilitator.extensions import db
from surveys.models import Option, Question
from workshops.models import Wave

COLUMNS = [
    "response_key",
    "question_code",
    "question_type",
    "option_code",
    "option_label",
    "number",
    "text",
    "territory",
    "territory_label",
    "group",
    "group_label",
    "session",
    "session_label",
    "wave",
    "wave_label",
]


@pytest.fixture
def workshop(facilitator, make_workshop):
    workshop = make_workshop(owner=facilitator, title="Savoie × Bignona")
    workshop.questionnaire.questions.append(
        Question(
            code="Q4",
            qtype="multiple_choice",
            position=4,
            label="Publics suivis",
            options=[
                Option(code="X", label="Aînés", position=1),
                Option(code="Y", label="Jeunes", position=2),
            ],
        )
    )
    db.session.commit()
    return workshop


@pytest.fixture
def session(workshop, make_session):
    return make_session(workshop, label="Lancement", wave=Wave.BASELINE.value)


def download(client, workshop, **args):
    query = "&".join(f"{key}={value}" for key, value in args.items())
    url = f"/workshops/{workshop.id}/results.csv" + (f"?{query}" if query else "")
    return client.get(url)


def frame(response) -> pd.DataFrame:
    assert response.status_code == 200
    return pd.read_csv(
        io.BytesIO(response.data),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )


def test_one_row_per_answer_value(client, workshop, respond, session):
    respond("Savoie", "Élus", session, Q1="A", Q2="4", Q3="Bien", Q4=["X", "Y"])
    respond("Bignona", "Élus", session, Q1="B")
    response = download(client, workshop)

    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].endswith(".csv")
    assert response.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    table = frame(response)
    assert list(table.columns) == COLUMNS
    assert len(table) == 6
    savoie = table[table["territory_label"] == "Savoie"]
    assert savoie["question_code"].tolist() == ["Q1", "Q2", "Q3", "Q4", "Q4"]
    assert savoie["response_key"].nunique() == 1
    scale = savoie[savoie["question_code"] == "Q2"].iloc[0]
    assert scale["question_type"] == "agreement_scale"
    assert scale["option_code"] == "4"
    assert scale["option_label"] == "Plutôt d'accord"
    assert float(scale["number"]) == 4
    assert savoie[savoie["question_code"] == "Q4"]["option_label"].tolist() == [
        "Aînés",
        "Jeunes",
    ]
    assert savoie[savoie["question_code"] == "Q3"]["text"].tolist() == ["Bien"]
    first = table.iloc[0]
    assert first["territory"] == str(workshop.territories[0].id) or first[
        "territory"
    ] == str(workshop.territories[1].id)
    assert set(table["session_label"]) == {"Lancement"}
    assert set(table["wave"]) == {"point_zero"}
    assert set(table["wave_label"]) == {"Point zéro"}


def test_response_keys_are_fresh_pseudonyms(client, workshop, respond, session):
    for number in range(12):
        respond("Savoie", "Élus", session, Q3=f"texte {number:02d}")
    tables = [frame(download(client, workshop)) for _ in range(3)]
    keys = tables[0]["response_key"]
    assert sorted(keys) == [f"R{n:02d}" for n in range(1, 13)]
    assert keys.tolist() == sorted(keys)  # rows follow the keys, not the ids
    pairings = [dict(zip(t["response_key"], t["text"], strict=True)) for t in tables]
    # Drawn afresh for each export: two exports cannot be matched key by key.
    assert not pairings[0] == pairings[1] == pairings[2]


def test_small_groups_are_merged_and_texts_kept_raw(client, workshop, respond, session):
    workshop.anonymity_threshold = 2
    db.session.commit()
    respond("Savoie", "Élus", session, Q1="A", Q3='=HYPERLINK("http://x")')
    respond("Savoie", "Élus", session, Q1="B")
    respond("Savoie", "Techniciens", session, Q1="A")  # alone in Savoie
    respond("Bignona", "Habitants", session, Q1="A")  # alone in Bignona
    respond("Bignona", "Associations", session, Q1="B")  # alone in Bignona
    table = frame(download(client, workshop))
    people = table.drop_duplicates("response_key")
    groups = people.groupby("territory_label")["group_label"].apply(sorted).to_dict()
    # Techniciens alone: Savoie's "Autres" would hold one person, so it is blank.
    assert groups["Savoie"] == ["", "Élus", "Élus"]
    assert groups["Bignona"] == ["Autres", "Autres"]
    assert set(table.loc[table["group_label"] == "Autres", "group"]) == {"_other"}
    assert '=HYPERLINK("http://x")' in table["text"].tolist()


def test_filters_and_language(client, workshop, respond, session, make_session):
    other = make_session(workshop, label="Suite")
    respond("Savoie", "Élus", session, Q2="5")
    respond("Savoie", "Élus", other, Q2="1")
    table = frame(download(client, workshop, session=other.id, lang="en"))
    assert table["session_label"].tolist() == ["Suite"]
    assert table["option_label"].tolist() == ["Strongly disagree"]
    assert download(client, workshop, session=999).status_code == 404


def test_other_facilitator_cannot_download(client, make_workshop, facilitator):
    workshop = make_workshop()
    db.session.commit()
    assert download(client, workshop).status_code == 404
