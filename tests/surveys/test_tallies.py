"""Running tallies: the results read them, and they always equal the answers."""

import random
from collections import defaultdict
from datetime import date
from statistics import median

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, insert, select

from facilitator import create_app
from facilitator.extensions import db
from surveys.aggregation import ALL, OTHER, Dimension, RowKind, aggregate
from surveys.models import (
    Answer,
    NumberTally,
    Option,
    OptionTally,
    Question,
    Questionnaire,
    QuestionTally,
    Response,
    ResponseTally,
)
from surveys.participant_form import field_name
from surveys.responses import record_response
from surveys.services import delete_question
from surveys.tallies import dimensions_key, rebuild_tallies

TALLIES = (ResponseTally, QuestionTally, OptionTally, NumberTally)
DIMENSIONS = (
    Dimension("territory", "Territoire", (("t1", "Savoie"), ("t2", "Bignona"))),
    Dimension("group", "Collège", (("g1", "Élus"), ("g2", "Habitants"))),
)
INITIAL_REVISION = "0e6a6d5870b3"


def _options(*codes):
    return [Option(code=code, label=code, position=i) for i, code in enumerate(codes)]


def _questionnaire(title: str) -> Questionnaire:
    kinds = [
        ("single_choice", _options("A", "B", "C")),
        ("multiple_choice", _options("X", "Y", "Z", "W")),
        ("agreement_scale", []),
        ("scale_0_10", []),
        ("number", []),
        ("short_text", []),
        ("long_text", []),
    ]
    return Questionnaire(
        title=title,
        questions=[
            Question(code=f"Q{i}", qtype=qtype, position=i, label=qtype, options=opts)
            for i, (qtype, opts) in enumerate(kinds, start=1)
        ],
    )


@pytest.fixture
def questionnaires(app):
    # Labels are translated in the language of a request.
    with app.test_request_context():
        found = [_questionnaire("Premier"), _questionnaire("Second")]
        db.session.add_all(found)
        db.session.commit()
        yield found


def random_answers(rng: random.Random, questionnaire: Questionnaire) -> dict:
    """Form data as the participant form gives it; about a quarter skipped."""
    data = {}
    for question in questionnaire.questions:
        if rng.random() < 0.25:
            continue
        qtype = question.type
        codes = [code for code, _label in qtype.choices(question)]
        if qtype.multiple:
            value = rng.sample(codes, rng.randint(0, len(codes)))
        elif qtype.has_distribution:
            value = rng.choice(codes)
        elif qtype.is_numeric:
            value = rng.choice([0.0, 1.5, 2.0, 7.0, 12.0])
        else:
            value = rng.choice(["", "oui", "Non, merci", "=1+1"])
        data[field_name(question)] = value
    return data


def random_dimensions(rng: random.Random) -> dict[str, str]:
    session = rng.choice("123")
    dimensions = {
        "session": session,
        "wave": "point_zero" if session != "3" else "mi_parcours",
        "territory": rng.choice(["t1", "t2", "t3"]),  # t3 is not listed
        "group": rng.choice(["g1", "g2"]),
    }
    if rng.random() < 0.05:
        del dimensions["group"]  # a response without the key: "Inconnu"
    if rng.random() < 0.1:
        dimensions["working_group"] = rng.choice(["w1", "w2"])
    return dimensions


def respond_at_random(questionnaires, seed: int, count: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    for _ in range(count):
        questionnaire = rng.choice(questionnaires)
        record_response(
            questionnaire, random_dimensions(rng), random_answers(rng, questionnaire)
        )
    db.session.commit()


def snapshot() -> dict[str, list[tuple]]:
    """Every tally row, without its id."""
    tables = {}
    for model in TALLIES:
        columns = [c for c in model.__table__.c if c.name != "id"]
        rows = db.session.execute(select(*columns)).all()
        tables[model.__tablename__] = sorted(tuple(row) for row in rows)
    return tables


def _matches(dimensions: dict, column_key: tuple, filters: dict) -> bool:
    if any(dimensions.get(key) != value for key, value in filters.items()):
        return False
    for dimension, value in zip(DIMENSIONS, column_key, strict=True):
        found = dimensions.get(dimension.key)
        listed = {listed_value for listed_value, _label in dimension.values}
        if value == OTHER and found in listed:
            return False
        if value not in (ALL, OTHER) and found != value:
            return False
    return True


def _expected_cells(row_kinds, answers, selected: set[int]) -> dict:
    """{(row kind, option code): figures} of one question in one column."""
    mine = [answer for answer in answers if answer.response_id in selected]
    n = len({answer.response_id for answer in mine})
    numbers = [answer.number for answer in mine if answer.number is not None]
    cells = {
        (RowKind.RESPONDENTS, None): n,
        (RowKind.NO_ANSWER, None): len(selected) - n,
        (RowKind.MEAN, None): pytest.approx(sum(numbers) / len(numbers))
        if numbers
        else None,
        (RowKind.MEDIAN, None): median(numbers) if numbers else None,
    }
    for kind, code in row_kinds:
        if kind is RowKind.OPTION:
            count = len({a.response_id for a in mine if a.option_code == code})
            cells[kind, code] = (count, count / n if n else None)
    return cells


def _figures(row, cell):
    if row.kind is RowKind.OPTION:
        return (cell.count, cell.share)
    if row.kind in (RowKind.MEAN, RowKind.MEDIAN):
        return cell.value
    return cell.count


def assert_results_match_the_answers(questionnaire, filters=None) -> None:
    """Every figure of every column, recomputed straight from the answers."""
    filters = filters or {}
    results = aggregate(questionnaire, DIMENSIONS, filters)
    responses = db.session.execute(
        select(Response.id, Response.dimensions).where(
            Response.questionnaire_id == questionnaire.id
        )
    ).all()
    answers = db.session.execute(
        select(Answer)
        .join(Response)
        .where(Response.questionnaire_id == questionnaire.id)
    ).scalars()
    by_question = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    for result in results.questions:
        row_kinds = [(row.kind, row.code) for row in result.rows]
        for index, column in enumerate(results.columns):
            selected = {
                response_id
                for response_id, dimensions in responses
                if _matches(dimensions, column.key, filters)
            }
            expected = _expected_cells(
                row_kinds, by_question[result.question_id], selected
            )
            for row in result.rows:
                assert _figures(row, row.cells[index]) == expected[row.kind, row.code]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_equal_a_recount_from_the_answers(questionnaires, seed):
    respond_at_random(questionnaires, seed, count=120)
    kept = snapshot()
    assert kept["response_tallies"]

    for questionnaire in questionnaires:
        rebuild_tallies(questionnaire)
    db.session.commit()

    assert snapshot() == kept


@pytest.mark.parametrize("seed", [4, 5])
def test_results_equal_a_direct_count_of_the_answers(questionnaires, seed):
    respond_at_random(questionnaires, seed, count=150)
    for questionnaire in questionnaires:
        assert_results_match_the_answers(questionnaire)
        assert_results_match_the_answers(questionnaire, {"session": "2"})
        assert_results_match_the_answers(questionnaire, {"wave": "mi_parcours"})


def test_counts_without_texts_never_read_the_answers(questionnaires):
    respond_at_random(questionnaires, seed=10, count=40)
    questionnaire = questionnaires[0]
    statements = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        counts = aggregate(questionnaire, DIMENSIONS, with_texts=False)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)

    assert statements
    assert not [s for s in statements if "answers" in s or "responses" in s]
    full = aggregate(questionnaire, DIMENSIONS)
    assert [q.rows for q in counts.questions] == [q.rows for q in full.questions]
    assert any(q.texts for q in full.questions)
    assert not any(q.texts for q in counts.questions)


def test_multiple_choice_counts_each_option_once_per_respondent(questionnaires):
    questionnaire = questionnaires[0]
    multiple = questionnaire.questions[1]
    dimensions = {"territory": "t1", "group": "g1"}
    for _ in range(2):
        record_response(questionnaire, dimensions, {field_name(multiple): ["X", "X"]})
    db.session.commit()

    tallies = snapshot()
    key = dimensions_key(dimensions)
    assert tallies["option_tallies"] == [(multiple.id, "X", key, 2)]
    assert tallies["question_tallies"] == [(multiple.id, key, 2)]
    assert tallies["response_tallies"] == [(questionnaire.id, key, 2)]


def test_dimensions_key_ignores_the_order_of_the_keys():
    assert dimensions_key({"b": "2", "a": "1"}) == dimensions_key({"a": "1", "b": "2"})
    assert dimensions_key({"territory": "Sénégal"}) == '{"territory":"Sénégal"}'


def test_a_rolled_back_response_leaves_no_count(questionnaires):
    respond_at_random(questionnaires, seed=6, count=5)
    before = snapshot()
    record_response(questionnaires[0], {"territory": "t1"}, {})
    db.session.rollback()
    assert snapshot() == before


def test_deleting_a_question_deletes_its_tallies(questionnaires):
    respond_at_random(questionnaires, seed=7, count=60)
    questionnaire = questionnaires[0]
    question = questionnaire.questions[1]
    question_id = question.id

    delete_question(question)
    db.session.commit()

    for model in (QuestionTally, OptionTally, NumberTally):
        left = select(model).where(model.question_id == question_id)
        assert db.session.execute(left).first() is None
    assert_results_match_the_answers(questionnaire)
    kept = snapshot()
    rebuild_tallies(questionnaire)
    assert snapshot() == kept


def test_deleting_a_questionnaire_deletes_its_tallies(questionnaires):
    respond_at_random(questionnaires, seed=8, count=40)
    first, second = questionnaires
    first_id = first.id
    first_questions = {question.id for question in first.questions}

    db.session.delete(first)
    db.session.commit()

    left = snapshot()
    assert {row[0] for row in left["response_tallies"]} == {second.id}
    for name in ("question_tallies", "option_tallies", "number_tallies"):
        assert left[name]
        assert not {row[0] for row in left[name]} & first_questions
    assert db.session.get(Questionnaire, first_id) is None
    rebuild_tallies(second)
    assert snapshot() == left


def test_upgrading_counts_the_responses_already_recorded(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.sqlite'}",
        }
    )
    with app.app_context(), app.test_request_context():
        upgrade(revision=INITIAL_REVISION)
        questionnaire = _questionnaire("Avant")
        db.session.add(questionnaire)
        db.session.flush()
        rng = random.Random(9)  # noqa: S311 - reproducible test data
        for _ in range(30):
            data = random_answers(rng, questionnaire)
            # Rows as the initial schema had them (the model has more columns).
            response_id = db.session.execute(
                insert(Response.__table__).values(
                    questionnaire_id=questionnaire.id,
                    submitted_on=date.today(),
                    dimensions=random_dimensions(rng),
                )
            ).inserted_primary_key[0]
            for question in questionnaire.questions:
                for value in question.type.to_answers(
                    question, data.get(field_name(question))
                ):
                    db.session.execute(
                        insert(Answer.__table__).values(
                            response_id=response_id,
                            question_id=question.id,
                            **value.__dict__,
                        )
                    )
        db.session.commit()

        upgrade()
        counted = snapshot()
        rebuild_tallies(questionnaire)
        db.session.commit()

        assert counted["response_tallies"]
        assert snapshot() == counted
        assert_results_match_the_answers(questionnaire)
        db.session.remove()
        db.engine.dispose()
