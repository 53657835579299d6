"""Static files the browsers keep: versioned addresses, cached for a year.

Every phone of a room loads a new page at each question. Without this, each
load would ask again for the style sheet and the scripts (answered 304, but
one request each through the application). ``url_for('static', ...)`` adds
``?v=`` and a digest of the file, so a changed file has a new address and the
old one can be kept as long as the browser likes.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, request

ONE_YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    folder = Path(app.static_folder)

    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            version = file_version(folder / values["filename"])
            if version:
                values["v"] = version

    default_max_age = app.get_send_file_max_age

    def max_age(filename: str | None) -> int | None:
        # Only the versioned address is kept: an old page may still ask for
        # the bare one after an upgrade.
        if request.args.get("v"):
            return ONE_YEAR
        return default_max_age(filename)

    app.get_send_file_max_age = max_age


def file_version(path: Path) -> str:
    """A short digest of the file's content, "" when there is no such file."""
    try:
        stat = path.stat()
    except OSError:
        return ""
    return _digest(path, stat.st_mtime_ns, stat.st_size)


@cache
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
