"""Command-line interface: ``flask --app facilitator <command>``."""

import logging
import os

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from facilitator.extensions import db
from facilitator.services import create_facilitator, find_facilitator


@click.command("create-facilitator")
@click.argument("email")
@click.password_option(prompt="Mot de passe / Password")
@with_appcontext
def create_facilitator_command(email: str, password: str) -> None:
    """Create a facilitator account (asks for the password)."""
    if find_facilitator(email) is not None:
        raise click.ClickException(f"Un compte existe déjà pour {email}.")
    if len(password) < 8:
        raise click.ClickException("Le mot de passe doit faire au moins 8 caractères.")
    create_facilitator(email, password)
    db.session.commit()
    click.echo(f"Compte animateur créé : {email}")


@click.command("serve")
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"))
@click.option("--port", default=lambda: int(os.environ.get("PORT", "5000")), type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Serve the application with a production WSGI server (waitress)."""
    from facilitator.server import serve
    from workshops.sessions.qr import public_base_url

    app = current_app._get_current_object()
    app.config["LISTEN_HOST"] = host
    app.config["LISTEN_PORT"] = port
    local_url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"  # noqa: S104
    click.echo("")
    click.echo(f"  Regards croisés : {local_url}")
    click.echo(f"  Adresse pour les téléphones : {public_base_url(app)}")
    if host in ("127.0.0.1", "localhost"):
        click.echo(
            "  (seul cet ordinateur y accède ; pour les téléphones de la salle : "
            "HOST=0.0.0.0 make run)"
        )
    _echo_demo_login(app)
    click.echo("")
    logging.getLogger("waitress").setLevel(logging.WARNING)
    serve(app, host, port)


def _echo_demo_login(app: Flask) -> None:
    from workshops.demo import DEMO_EMAIL, read_demo_password

    password = read_demo_password(app)
    if password:
        click.echo(f"  Connexion animateur : {DEMO_EMAIL} / {password}")


def register_cli(app: Flask) -> None:
    from workshops.cli import export_xlsx_command, load_demo_command

    for command in (
        create_facilitator_command,
        serve_command,
        load_demo_command,
        export_xlsx_command,
    ):
        app.cli.add_command(command)
