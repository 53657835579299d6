from sqlalchemy import func, select

from facilitator.extensions import db
from facilitator.services import find_facilitator
from surveys.models import Response


def test_create_facilitator_asks_for_the_password(runner):
    result = runner.invoke(
        args=["create-facilitator", "anne@example.org"],
        input="un bon mot de passe\nun bon mot de passe\n",
    )
    assert result.exit_code == 0, result.output
    account = find_facilitator("anne@example.org")
    assert account.check_password("un bon mot de passe")


def test_create_facilitator_refuses_a_short_password(runner):
    result = runner.invoke(
        args=["create-facilitator", "anne@example.org"], input="court\ncourt\n"
    )
    assert result.exit_code != 0
    assert "au moins 8 caractères" in result.output
    assert find_facilitator("anne@example.org") is None


def test_load_demo_is_idempotent_and_prints_the_login(runner, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "mot-de-passe-demo")
    first = runner.invoke(args=["load-demo"])
    second = runner.invoke(args=["load-demo"])
    assert first.exit_code == 0, first.output
    assert "demo@example.org / mot-de-passe-demo" in first.output
    assert "déjà présent" in second.output
    count = db.session.execute(select(func.count(Response.id))).scalar_one()
    assert 200 <= count <= 300


def test_export_xlsx_writes_the_demo_workbook(runner, tmp_path):
    from openpyxl import load_workbook

    runner.invoke(args=["load-demo"])
    path = tmp_path / "restitution.xlsx"
    result = runner.invoke(args=["export-xlsx", "1", str(path)])
    assert result.exit_code == 0, result.output
    readme = load_workbook(path)["Lisez-moi"]
    rows = {row[0]: row[1] for row in readme.iter_rows(values_only=True) if row}
    count = db.session.execute(select(func.count(Response.id))).scalar_one()
    assert rows["Nombre de réponses"] == count


def test_export_xlsx_unknown_workshop(runner, tmp_path):
    result = runner.invoke(args=["export-xlsx", "99", str(tmp_path / "x.xlsx")])
    assert result.exit_code != 0
    assert "Aucun atelier" in result.output
