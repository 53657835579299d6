"""Interface labels of workshop values (waves, session states)."""

from flask_babel import lazy_gettext as _l

from workshops.models import SessionState, Wave

WAVE_LABELS = {
    Wave.BASELINE.value: _l("Point zéro"),
    Wave.MIDTERM.value: _l("Mi-parcours"),
    Wave.FINAL.value: _l("Final"),
}

STATE_LABELS = {
    SessionState.OPEN: _l("Ouverte"),
    SessionState.CLOSED: _l("Fermée"),
}

DEFAULT_ACTOR_GROUPS = (
    _l("Élus"),
    _l("Techniciens"),
    _l("Associations"),
    _l("Habitants"),
)


def wave_label(wave: str | None) -> str:
    """A predefined wave's translated name, or the session's free label."""
    if not wave:
        return ""
    return str(WAVE_LABELS.get(wave, wave))
