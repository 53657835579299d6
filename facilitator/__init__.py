"""Regards croisés: the Flask application factory."""

import os
import secrets
from pathlib import Path

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, errors, CLI."""
    app = Flask(
        "facilitator",
        template_folder="../templates",
        static_folder="../static",
        instance_relative_config=True,
    )
    _load_config(app, test_config)
    _init_extensions(app)
    _register_blueprints(app)
    _install_fast_paths(app)
    _register_error_handlers(app)
    _register_cli(app)
    return app


def _load_config(app: Flask, test_config: dict | None) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_object("facilitator.config")
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
        app.instance_path, "regards-croises.sqlite"
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        if os.environ.get("PUBLIC_URL"):
            app.config["PUBLIC_URL"] = os.environ["PUBLIC_URL"]
        app.config.from_prefixed_env()
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(app)


def _instance_secret_key(app: Flask) -> str:
    """Generate once, then reuse, a secret key kept in the instance folder."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _init_extensions(app: Flask) -> None:
    from facilitator import auth, i18n, static_files
    from facilitator.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    _import_models()
    migrate.init_app(
        app,
        db,
        directory=str(Path(__file__).parent / "migrations"),
        render_as_batch=True,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    auth.configure_login(login_manager)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    i18n.init_app(app)
    static_files.init_app(app)


def _import_models() -> None:
    """Make every table known to the metadata (migrations, create_all)."""
    import facilitator.models  # noqa: F401
    import surveys.models  # noqa: F401
    import workshops.models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    from facilitator.auth import bp as auth_bp
    from facilitator.i18n import bp as i18n_bp
    from workshops.live.views import bp as live_bp
    from workshops.manage.views import bp as manage_bp
    from workshops.participant.views import bp as participant_bp
    from workshops.questionnaire.views import bp as questionnaire_bp
    from workshops.results.views import bp as results_bp
    from workshops.sessions.views import bp as sessions_bp
    from workshops.wall.participant_views import bp as wall_participant_bp
    from workshops.wall.views import bp as wall_bp

    for blueprint in (
        auth_bp,
        i18n_bp,
        participant_bp,
        wall_participant_bp,
        manage_bp,
        questionnaire_bp,
        sessions_bp,
        results_bp,
        live_bp,
        wall_bp,
    ):
        app.register_blueprint(blueprint)


def _install_fast_paths(app: Flask) -> None:
    """Requests every phone repeats, answered before Flask's own dispatch."""
    from workshops.participant.state import StatePolls

    app.wsgi_app = StatePolls(app)


def _register_error_handlers(app: Flask) -> None:
    from facilitator.errors import register_error_handlers

    register_error_handlers(app)


def _register_cli(app: Flask) -> None:
    from facilitator.cli import register_cli

    register_cli(app)
