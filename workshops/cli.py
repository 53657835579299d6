"""Workshop commands: load the demo, export a workbook."""

import click
from flask.cli import with_appcontext


@click.command("load-demo")
@with_appcontext
def load_demo_command() -> None:
    """Load the demo workshop if it is not there yet."""


@click.command("export-xlsx")
@click.argument("workshop_id", type=int)
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def export_xlsx_command(workshop_id: int, path: str) -> None:
    """Write a workshop's results workbook to PATH."""
