"""The demo workshop: Savoie × Bignona, two sessions, plausible anonymous answers."""

from pathlib import Path

from flask import Flask

DEMO_EMAIL = "demo@example.org"


def _password_file(app: Flask) -> Path:
    return Path(app.instance_path) / "demo-password.txt"


def read_demo_password(app: Flask) -> str | None:
    path = _password_file(app)
    return path.read_text().strip() if path.exists() else None
