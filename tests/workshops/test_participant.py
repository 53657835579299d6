"""The participant flow through HTTP: join, answer anonymously, thank-you."""

import re
from datetime import date

import pytest
from flask import g
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from facilitator import create_app
from facilitator.extensions import db
from surveys.models import Answer, Option, Question, Response
from tests.conftest import csrf_token, post_form
from workshops.models import Participation, SessionState, Territory
from workshops.participant import services, views

CODE = "K7MQ3X"
URL = f"/j/{CODE}"


def _question(n: int, qtype: str, label: str, options=(), **extra) -> Question:
    return Question(
        code=f"Q{n}",
        qtype=qtype,
        position=n,
        label=label,
        options=[
            Option(code=c, label=t, position=i) for i, (c, t) in enumerate(options)
        ],
        **extra,
    )


def _all_types_questions() -> list[Question]:
    needs = {"section": "Besoins"}
    partnership = {"section": "Partenariat"}
    services_known = [("CCAS", "CCAS"), ("MDPH", "Handicap"), ("MJC", "Jeunes")]
    return [
        _question(
            1,
            "single_choice",
            "Besoin prioritaire ?",
            [("A", "Jeunesse"), ("B", "Handicap")],
            required=True,
            **needs,
        ),
        _question(2, "multiple_choice", "Services connus ?", services_known, **needs),
        _question(
            3, "agreement_scale", "Les associations sont écoutées.", **partnership
        ),
        _question(4, "scale_0_10", "Votre satisfaction ?", **partnership),
        _question(5, "number", "Heures de bénévolat ?", min_value=0, max_value=80),
        _question(6, "short_text", "Un mot ?"),
        _question(7, "long_text", "Ce qui marche chez vous ?", required=True),
    ]


@pytest.fixture
def workshop(make_workshop):
    return make_workshop(title="Savoie × Bignona", questions=_all_types_questions())


@pytest.fixture
def session(workshop, make_session):
    return make_session(
        workshop, label="Séance de Chambéry", join_code=CODE, wave="point_zero"
    )


def _fields(workshop) -> dict[str, str]:
    """Question code -> form field name."""
    return {q.code: f"q_{q.id}" for q in workshop.questionnaire.questions}


def _valid_answers(workshop) -> dict:
    f = _fields(workshop)
    return {
        "territory": str(workshop.territories[1].id),
        "group": str(workshop.actor_groups[2].id),
        f["Q1"]: "B",
        f["Q2"]: ["MJC", "CCAS"],
        f["Q3"]: "4",
        f["Q4"]: "10",
        f["Q5"]: "3,5",
        f["Q6"]: "Entraide",
        f["Q7"]: "Les maisons de quartier.",
    }


def _responses() -> list[Response]:
    return list(db.session.execute(select(Response)).scalars())


def _answers(response: Response) -> dict[str, list[Answer]]:
    codes = {q.id: q.code for q in db.session.execute(select(Question)).scalars()}
    result: dict[str, list[Answer]] = {}
    for answer in response.answers:
        result.setdefault(codes[answer.question_id], []).append(answer)
    return result


def _is_checked(page: str, name: str, value) -> bool:
    """Whether the radio or checkbox ``name``=``value`` is checked on the page."""
    match = re.search(rf'<input [^>]*name="{name}" [^>]*value="{value}"[^>]*>', page)
    assert match, f"no input {name}={value}"
    return " checked" in match.group(0)


# Joining


def test_home_explains_and_asks_for_the_code(client):
    page = client.get("/").get_data(as_text=True)
    assert "Entrez le code" in page
    assert 'action="/join"' in page
    assert 'autocapitalize="characters"' in page
    assert 'autocomplete="off"' in page
    assert "Espace animateur·rice" in page
    assert 'href="/login"' in page


def test_home_links_a_logged_in_facilitator_to_their_dashboard(client, facilitator):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/workshops/"' in page


def test_typed_code_is_normalised(client, session):
    response = client.get("/join", query_string={"code": " k7m-q3 x "})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(URL)


def test_malformed_code_reshows_the_home_with_a_message(client):
    response = client.get("/join", query_string={"code": "ab"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Un code comporte 6 lettres ou chiffres" in page
    assert "Entrez le code" in page


def test_unknown_code_says_so_and_offers_the_field_again(client, session):
    response = client.get("/j/ZZZZZZ")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Ce code ne correspond à aucune séance" in page
    assert 'name="code"' in page
    assert 'value="ZZZZZZ"' in page


def test_lowercase_code_in_the_address_works(client, session):
    assert client.get(URL.lower()).status_code == 200


def test_closed_session_shows_only_a_message(client, session):
    session.state = SessionState.CLOSED
    db.session.commit()
    response = client.get(URL)
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 410)
    assert "Cette séance est fermée" in page
    assert "Besoin prioritaire" not in page
    assert 'method="post" action="/j/' not in page


def test_closed_session_records_nothing(client, workshop, session):
    html = client.get(URL).get_data(as_text=True)
    session.state = SessionState.CLOSED
    db.session.commit()
    data = {"csrf_token": csrf_token(html), **_valid_answers(workshop)}
    response = client.post(URL, data=data)
    assert "Cette séance est fermée" in response.get_data(as_text=True)
    assert _responses() == []


def test_expired_form_keeps_every_answer_and_records_nothing(client, workshop, session):
    client.get(URL)
    data = {"csrf_token": "expired-or-forged", **_valid_answers(workshop)}
    response = client.post(URL, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Merci de renvoyer le formulaire" in page
    assert "Les maisons de quartier." in page
    assert 'value="3,5"' in page
    assert _responses() == []
    # Sending again from the re-shown page goes through.
    retry = {"csrf_token": csrf_token(page), **_valid_answers(workshop)}
    assert client.post(URL, data=retry).status_code == 302
    assert len(_responses()) == 1


# The answer page


def test_answer_page_shows_the_questionnaire(client, workshop, session):
    response = client.get(URL)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Savoie × Bignona" in page
    assert "Séance de Chambéry" in page
    assert "Question 3 sur 7" in page
    assert "Je réponds en tant que" in page
    assert "Bignona" in page
    assert "Associations" in page
    assert page.count('class="section-title"') == 2
    assert "Tout à fait d&#39;accord" in page
    assert "10 = tout à fait" in page
    assert "7 questions" in page
    assert "anonymes" in page
    assert "<progress" in page


def test_answer_page_sets_the_participation_cookie(client, session):
    response = client.get(URL)
    header = next(
        h for h in response.headers.getlist("Set-Cookie") if "rc_participant" in h
    )
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Path=/" in header
    token = client.get_cookie("rc_participant").value
    assert f'name="token" type="hidden" value="{token}"' in response.get_data(
        as_text=True
    )


def test_valid_submission_records_one_response(client, workshop, session):
    response = post_form(client, URL, _valid_answers(workshop))

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{URL}/merci")
    [recorded] = _responses()
    assert recorded.dimensions == {
        "session": str(session.id),
        "wave": "point_zero",
        "territory": str(workshop.territories[1].id),
        "group": str(workshop.actor_groups[2].id),
        "working_group": "",
    }
    answers = _answers(recorded)
    assert [a.option_code for a in answers["Q1"]] == ["B"]
    assert [a.option_code for a in answers["Q2"]] == ["CCAS", "MJC"]
    assert (answers["Q3"][0].option_code, answers["Q3"][0].number) == ("4", 4.0)
    assert (answers["Q4"][0].option_code, answers["Q4"][0].number) == ("10", 10.0)
    assert answers["Q5"][0].number == 3.5
    assert answers["Q6"][0].text == "Entraide"
    assert answers["Q7"][0].text == "Les maisons de quartier."
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Merci, votre réponse a été enregistrée" in page


def test_missing_answers_are_shown_and_the_rest_is_kept(client, workshop, session):
    f = _fields(workshop)
    data = _valid_answers(workshop)
    del data[f["Q1"]], data[f["Q7"]], data["group"]

    response = post_form(client, URL, data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _responses() == []
    assert "3 questions à compléter" in page
    assert f'href="#{f["Q1"]}-block"' in page
    assert f'href="#{f["Q7"]}-block"' in page
    assert 'href="#group-block"' in page
    assert page.count("Cette question est obligatoire.") == 2
    assert "Choisissez à quel titre vous répondez." in page
    # The error sits in the question's own block.
    q7_block = page.split(f'id="{f["Q7"]}-block"')[1].split("question-block")[0]
    assert "Cette question est obligatoire." in q7_block
    # Everything already answered is still there.
    assert _is_checked(page, "territory", workshop.territories[1].id)
    assert _is_checked(page, f["Q2"], "CCAS")
    assert not _is_checked(page, f["Q2"], "MDPH")
    assert _is_checked(page, f["Q2"], "MJC")
    assert _is_checked(page, f["Q3"], "4")
    assert _is_checked(page, f["Q4"], "10")
    assert 'value="3,5"' in page
    assert 'value="Entraide"' in page


def test_invalid_number_keeps_what_was_typed(client, workshop, session):
    f = _fields(workshop)
    data = {**_valid_answers(workshop), f["Q5"]: "trois"}
    page = post_form(client, URL, data).get_data(as_text=True)
    assert "Saisissez un nombre" in page
    assert 'value="trois"' in page
    assert _responses() == []


def test_territory_of_another_workshop_is_rejected(
    client, workshop, session, make_workshop
):
    other = make_workshop(territories=["Lille"])
    data = {**_valid_answers(workshop), "territory": str(other.territories[0].id)}
    page = post_form(client, URL, data).get_data(as_text=True)
    assert "Choisissez un territoire de la liste." in page
    assert _responses() == []


def test_fixed_territory_is_used_without_asking(client, workshop, make_session):
    bignona = db.session.execute(
        select(Territory).where(Territory.name == "Bignona")
    ).scalar_one()
    make_session(workshop, join_code="BGN234", territory_id=bignona.id)
    page = client.get("/j/BGN234").get_data(as_text=True)
    assert "Territoire : Bignona" in page
    assert 'name="territory"' not in page

    data = _valid_answers(workshop)
    data["territory"] = str(workshop.territories[0].id)  # ignored
    response = post_form(client, "/j/BGN234", data)

    assert response.status_code == 302
    [recorded] = _responses()
    assert recorded.dimensions["territory"] == str(bignona.id)
    assert recorded.dimensions["wave"] == ""


# One response per browser


def test_double_submission_records_one_response(client, workshop, session):
    html = client.get(URL).get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), **_valid_answers(workshop)}
    first = client.post(URL, data=data)
    second = client.post(URL, data=data)
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"].endswith(f"{URL}/merci")
    assert len(_responses()) == 1
    assert len(db.session.execute(select(Participation)).all()) == 1


def test_simultaneous_double_submission_records_one_response(
    client, workshop, session, monkeypatch
):
    html = client.get(URL).get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), **_valid_answers(workshop)}
    client.post(URL, data=data)
    # The second tap passed every check before the first one was committed.
    real_check = views.has_answered
    calls = []

    def raced_check(*args):
        calls.append(args)
        return False if len(calls) == 1 else real_check(*args)

    monkeypatch.setattr(views, "has_answered", raced_check)
    monkeypatch.setattr(services, "has_answered", lambda *args: False)
    second = client.post(URL, data=data)

    assert second.status_code == 302
    assert second.headers["Location"].endswith(f"{URL}/merci")
    assert len(_responses()) == 1


def test_token_in_the_form_counts_when_the_cookie_is_lost(client, workshop, session):
    html = client.get(URL).get_data(as_text=True)
    token = client.get_cookie("rc_participant").value
    data = {"csrf_token": csrf_token(html), "token": token, **_valid_answers(workshop)}
    client.delete_cookie("rc_participant", domain="localhost")
    client.post(URL, data=data)
    client.delete_cookie("rc_participant", domain="localhost")
    client.post(URL, data=data)
    assert len(_responses()) == 1


def test_second_visit_says_already_answered(client, workshop, session):
    post_form(client, URL, _valid_answers(workshop))
    page = client.get(URL).get_data(as_text=True)
    assert "Vous avez déjà répondu à cette séance. Merci !" in page
    assert "Besoin prioritaire" not in page


def test_another_browser_can_answer(app, client, workshop, session):
    post_form(client, URL, _valid_answers(workshop))
    # The test's app context outlives requests: forget the first browser's
    # cached CSRF token, as a separate phone would never see it.
    g.pop("csrf_token", None)
    other_phone = app.test_client()
    post_form(other_phone, URL, _valid_answers(workshop))
    assert len(_responses()) == 2


def test_participation_is_per_session(client, workshop, session, make_session):
    make_session(workshop, join_code="MID234", wave="mi_parcours")
    post_form(client, URL, _valid_answers(workshop))
    post_form(client, "/j/MID234", _valid_answers(workshop))
    assert sorted(r.dimensions["wave"] for r in _responses()) == [
        "mi_parcours",
        "point_zero",
    ]


# Anonymity


def test_nothing_identifying_is_stored(client, workshop, session):
    post_form(
        client,
        URL,
        _valid_answers(workshop),
        headers={"User-Agent": "Mozilla/5.0 (Linux; Android 9; itel A16)"},
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )
    columns = {c.key for c in sa_inspect(Response).columns}
    assert columns == {
        "id",
        "questionnaire_id",
        "submitted_on",
        "dimensions",
        "resume_key",
    }
    # Only answers given one question at a time keep a key to their response.
    assert db.session.execute(select(Response.resume_key)).scalars().all() == [None]
    assert {c.key for c in sa_inspect(Participation).columns} == {
        "session_id",
        "token_hash",
    }
    [response] = _responses()
    assert type(response.submitted_on) is date
    token = client.get_cookie("rc_participant").value
    everything = repr(
        [
            db.session.execute(table.select()).all()
            for table in db.metadata.sorted_tables
        ]
    )
    for trace in ("203.0.113", "Android", token):
        assert trace not in everything


# Rate limit on code guessing


@pytest.fixture
def limited_client(app):
    """A client of the same database, with rate limits on as in production."""
    limited = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "RATELIMIT_ENABLED": True,
            "SERVER_NAME": "localhost",
        }
    )
    return limited.test_client()


def test_guessing_codes_is_rate_limited_but_a_full_room_is_not(session, limited_client):
    # Sixty phones behind one address all open the right code.
    for _ in range(60):
        assert limited_client.get(URL).status_code == 200
    # Wrong codes: 30 a minute, then a wait.
    statuses = [limited_client.get("/j/ZZZZZZ").status_code for _ in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429
    assert "Trop de tentatives" in limited_client.get("/j/ZZZZZZ").get_data(
        as_text=True
    )
