"""Where QR codes point, and the QR images themselves."""

from flask import Flask


def public_base_url(app: Flask) -> str:
    return app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
