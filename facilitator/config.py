"""Default settings; overridden by instance/config.py, FLASK_* variables and tests."""

SQLALCHEMY_DATABASE_URI = None  # set in create_app: SQLite in the instance folder
SQLALCHEMY_ENGINE_OPTIONS: dict = {}
BABEL_DEFAULT_LOCALE = "fr"
BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
LANGUAGES = {"fr": "Français", "en": "English"}
WTF_CSRF_TIME_LIMIT = (
    None  # a workshop day is long; the token lives as long as the session
)
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# A browser session lasts 31 days from its last change, without being signed
# and sent again with every page a room of phones loads.
SESSION_REFRESH_EACH_REQUEST = False
RATELIMIT_STORAGE_URI = "memory://"
RATELIMIT_HEADERS_ENABLED = False
# Public address the QR codes point to (e.g. "https://atelier.example.org").
# When empty, the address the app is served on, or the LAN address when the
# server listens on all interfaces.
PUBLIC_URL = ""
DEFAULT_ANONYMITY_THRESHOLD = 3
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
