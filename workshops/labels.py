"""Interface labels of workshop values (waves, session states)."""

from flask_babel import lazy_gettext as _l

from workshops.models import ContributionKind, Pacing, SessionState, Wave

WAVE_LABELS = {
    Wave.BASELINE.value: _l("Point zéro"),
    Wave.MIDTERM.value: _l("Mi-parcours"),
    Wave.FINAL.value: _l("Final"),
}

STATE_LABELS = {
    SessionState.DRAFT: _l("Brouillon"),
    SessionState.OPEN: _l("Ouverte"),
    SessionState.PAUSED: _l("En pause"),
    SessionState.CLOSED: _l("Fermée"),
}

PACING_LABELS = {
    Pacing.SELF: _l("Libre : chacun·e répond à tout le questionnaire"),
    Pacing.FACILITATOR: _l(
        "Pas à pas : une question à la fois, au rythme de l'animation"
    ),
}

CONTRIBUTION_KIND_LABELS = {
    ContributionKind.PRACTICE: _l("Une pratique qui fonctionne"),
    ContributionKind.INNOVATION: _l("Une innovation"),
    ContributionKind.QUESTION: _l("Une question au panel"),
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
