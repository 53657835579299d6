"""Words of the live session: state buttons, their confirmations, the
projector's state messages."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from workshops.labels import STATE_LABELS
from workshops.models import Pacing, SessionState

# The button moving a session from one state to another.
STATE_ACTIONS = {
    (SessionState.DRAFT, SessionState.OPEN): _l("Ouvrir la séance"),
    (SessionState.OPEN, SessionState.PAUSED): _l("Mettre en pause"),
    (SessionState.PAUSED, SessionState.OPEN): _l("Reprendre la séance"),
    (SessionState.CLOSED, SessionState.OPEN): _l("Rouvrir la séance"),
    (SessionState.DRAFT, SessionState.CLOSED): _l("Fermer la séance"),
    (SessionState.OPEN, SessionState.CLOSED): _l("Fermer la séance"),
    (SessionState.PAUSED, SessionState.CLOSED): _l("Fermer la séance"),
}

# What the facilitator is told once the session is in a state.
STATE_CHANGED = {
    SessionState.DRAFT: _l("Séance en brouillon."),
    SessionState.OPEN: _l("Séance ouverte : les participants peuvent répondre."),
    SessionState.PAUSED: _l(
        "Séance en pause : les réponses attendent sur les téléphones."
    ),
    SessionState.CLOSED: _l("Séance fermée : plus aucune réponse n'est acceptée."),
}

# What the session page says about collecting answers.
STATE_DESCRIPTIONS = {
    SessionState.DRAFT: _l(
        "La séance est en brouillon : le code n’accepte pas encore de réponses."
    ),
    SessionState.OPEN: _l("La séance est ouverte : les participants peuvent répondre."),
    SessionState.PAUSED: _l(
        "La séance est en pause : les participants attendent qu’elle reprenne."
    ),
    SessionState.CLOSED: _l(
        "La séance est fermée : le code n’accepte plus de réponses."
    ),
}

# What the projector says to the room; nothing while the session is open.
PROJECTOR_MESSAGES = {
    SessionState.DRAFT: _l("La séance va bientôt commencer."),
    SessionState.PAUSED: _l("Séance en pause : nous reprenons dans un instant."),
    SessionState.CLOSED: _l("La séance est terminée. Merci de votre participation !"),
}


def state_actions(session_state: SessionState, targets) -> list[tuple[str, str]]:
    """(target state value, button label) for each allowed target."""
    return [
        (target.value, str(STATE_ACTIONS[(session_state, target)]))
        for target in targets
    ]


PACING_CHANGED = {
    Pacing.SELF: _l("Rythme libre : chacun·e répond à tout le questionnaire."),
    Pacing.FACILITATOR: _l(
        "Rythme pas à pas : les téléphones affichent la question projetée."
    ),
}

# The button switching to the other pacing.
PACING_ACTIONS = {
    Pacing.SELF: _l("Passer en rythme libre"),
    Pacing.FACILITATOR: _l("Passer en pas à pas"),
}


def transition_refused(current: SessionState, target: SessionState) -> str:
    """Why a state button did nothing."""
    return _(
        "Une séance « %(current)s » ne peut pas passer à « %(target)s ».",
        current=STATE_LABELS[current],
        target=STATE_LABELS[target],
    )
