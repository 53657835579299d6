"""Workshops, their territories and actor groups, sessions and participations."""

import enum
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.extensions import db
from facilitator.models import Facilitator
from facilitator.timeutils import utcnow
from surveys.models import Questionnaire


class Workshop(db.Model):
    """A participatory diagnostic or an exchange workshop (atelier / démarche)."""

    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint("anonymity_threshold >= 1", name="threshold_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("facilitators.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # Breakdown cells with fewer respondents than this are hidden everywhere.
    anonymity_threshold: Mapped[int] = mapped_column(default=3)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )

    owner: Mapped[Facilitator] = relationship()
    questionnaire: Mapped[Questionnaire] = relationship(
        cascade="all, delete-orphan", single_parent=True
    )
    territories: Mapped[list["Territory"]] = relationship(
        back_populates="workshop",
        order_by="Territory.position",
        cascade="all, delete-orphan",
    )
    actor_groups: Mapped[list["ActorGroup"]] = relationship(
        back_populates="workshop",
        order_by="ActorGroup.position",
        cascade="all, delete-orphan",
    )
    sessions: Mapped[list["WorkshopSession"]] = relationship(
        back_populates="workshop",
        order_by="WorkshopSession.id",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Workshop {self.id} {self.title!r}>"


class Territory(db.Model):
    __tablename__ = "territories"
    __table_args__ = (UniqueConstraint("workshop_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="territories")

    def __repr__(self) -> str:
        return f"<Territory {self.id} {self.name!r}>"


class ActorGroup(db.Model):
    """A collège d'acteurs: élus, techniciens, associations, habitants..."""

    __tablename__ = "actor_groups"
    __table_args__ = (UniqueConstraint("workshop_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="actor_groups")

    def __repr__(self) -> str:
        return f"<ActorGroup {self.id} {self.name!r}>"


class SessionState(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class Wave(enum.Enum):
    """Predefined waves of a diagnostic; a session may also carry a free label."""

    BASELINE = "point_zero"
    MIDTERM = "mi_parcours"
    FINAL = "final"


class WorkshopSession(db.Model):
    """A séance: one collection window, reached by its join code and QR code."""

    __tablename__ = "workshop_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(String(200))
    # A Wave value ("point_zero", "mi_parcours", "final") or a free label.
    wave: Mapped[str | None] = mapped_column(String(60))
    # When set, every answer of this session belongs to this territory.
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("territories.id", ondelete="SET NULL")
    )
    state: Mapped[SessionState] = mapped_column(
        Enum(
            SessionState,
            values_callable=lambda e: [m.value for m in e],
            native_enum=False,
            length=20,
        ),
        default=SessionState.OPEN,
    )
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )

    workshop: Mapped[Workshop] = relationship(back_populates="sessions")
    territory: Mapped[Territory | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.state is SessionState.OPEN

    def __repr__(self) -> str:
        return f"<WorkshopSession {self.id} {self.join_code}>"


class Participation(db.Model):
    """That some browser answered a session: a hash of its random cookie token.

    Deliberately unlinked from the response (no foreign key, no id, no time), and
    stored WITHOUT ROWID on SQLite so insertion order cannot pair it with one.
    """

    __tablename__ = "participations"
    __table_args__ = {"sqlite_with_rowid": False}

    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)

    def __repr__(self) -> str:
        return f"<Participation {self.session_id}>"
