"""Workshop commands: load the demo, export a workbook."""

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from facilitator.extensions import db
from facilitator.timeutils import utctoday
from workshops.demo import DEMO_EMAIL, load_demo
from workshops.models import Workshop
from workshops.results.export import build_workbook
from workshops.results.queries import (
    COMPARE_DEFAULT,
    COMPARE_WORKING_GROUPS,
    ResultFilters,
)


@click.command("load-demo")
@with_appcontext
def load_demo_command() -> None:
    """Load the demo workshop if it is not there yet."""
    result = load_demo(current_app, password=os.environ.get("DEMO_PASSWORD") or None)
    db.session.commit()
    if result.created:
        click.echo("Atelier de démonstration chargé (Savoie × Bignona).")
    else:
        click.echo("Atelier de démonstration déjà présent.")
    click.echo(
        f"Connexion animateur : {DEMO_EMAIL} / {result.password or '(inchangé)'}"
    )


@click.command("export-xlsx")
@click.argument("workshop_id", type=int)
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Langue du classeur (par défaut : celle de l'application, le français).",
)
@click.option(
    "--with-data",
    is_flag=True,
    help="Ajoute la feuille « Données » : une ligne anonyme par réponse.",
)
@click.option(
    "--by-working-group",
    is_flag=True,
    help="Compare les groupes de travail côte à côte (au lieu des territoires × "
    "collèges).",
)
@with_appcontext
def export_xlsx_command(
    workshop_id: int,
    path: str,
    lang: str | None,
    with_data: bool,
    by_working_group: bool,
) -> None:
    """Write a workshop's results workbook to PATH."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise click.ClickException(f"Aucun atelier n'a l'identifiant {workshop_id}.")
    if by_working_group and not workshop.working_groups:
        raise click.ClickException("Cet atelier n'a aucun groupe de travail.")
    compare = COMPARE_WORKING_GROUPS if by_working_group else COMPARE_DEFAULT
    # Labels are translated in the language of a request: the default one here.
    with current_app.test_request_context():
        data, results = build_workbook(
            workshop,
            ResultFilters(compare=compare),
            utctoday(),
            locale=lang,
            with_data=with_data,
        )
    Path(path).write_bytes(data)
    click.echo(f"{path} : {results.response_count} réponses")
    if with_data:
        click.echo(
            "Attention : la feuille « Données » contient une ligne par réponse ; "
            "ne la diffusez qu'aux personnes qui en ont besoin."
        )
