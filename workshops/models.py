"""Workshops, their territories, actor groups and working groups, sessions,
participations and the contributions wall."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.extensions import db
from facilitator.models import Facilitator
from facilitator.timeutils import utcnow, utctoday
from surveys.models import Question, Questionnaire


def _enum_column(enum_class: type[enum.Enum]) -> Enum:
    """An enum stored as its value in a short string column."""
    return Enum(
        enum_class,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        length=20,
    )


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
    working_groups: Mapped[list["WorkingGroup"]] = relationship(
        back_populates="workshop",
        order_by="WorkingGroup.position",
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


# Which working groups a session offers its participants.
session_working_groups = Table(
    "session_working_groups",
    db.metadata,
    Column(
        "session_id",
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "working_group_id",
        ForeignKey("working_groups.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)

# Questions asked only to some working groups; a question linked to none is
# asked to everyone.
working_group_questions = Table(
    "working_group_questions",
    db.metadata,
    Column(
        "working_group_id",
        ForeignKey("working_groups.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "question_id",
        ForeignKey("questions.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class WorkingGroup(db.Model):
    """A thematic working group (Jeunesse, Handicap...): one more dimension of
    the answers, offered by the sessions that choose it."""

    __tablename__ = "working_groups"
    __table_args__ = (UniqueConstraint("workshop_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    # Short instructions shown on the phones of the group's members.
    prompt: Mapped[str] = mapped_column(Text, default="")

    workshop: Mapped[Workshop] = relationship(back_populates="working_groups")
    questions: Mapped[list[Question]] = relationship(
        secondary=working_group_questions, order_by=Question.position
    )

    def __repr__(self) -> str:
        return f"<WorkingGroup {self.id} {self.name!r}>"


class SessionState(enum.Enum):
    """Draft: prepared, not yet answerable; paused: answers wait on the phones."""

    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class Pacing(enum.Enum):
    """Self-paced: the whole questionnaire at once; facilitator-paced: one
    question at a time, the one the facilitator shows."""

    SELF = "self"
    FACILITATOR = "facilitator"


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
        _enum_column(SessionState), default=SessionState.OPEN
    )
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    pacing: Mapped[Pacing] = mapped_column(
        _enum_column(Pacing), default=Pacing.SELF, server_default=Pacing.SELF.value
    )
    # The question shown on the projector (and, facilitator-paced, on the phones).
    current_question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL")
    )
    # Whether the projector shows the current question's results yet.
    results_revealed: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )
    # Raised at every change the phones and the projector follow (state,
    # current question, reveal): the ETag of their polls.
    live_version: Mapped[int] = mapped_column(default=0, server_default="0")

    workshop: Mapped[Workshop] = relationship(back_populates="sessions")
    territory: Mapped[Territory | None] = relationship()
    current_question: Mapped[Question | None] = relationship()
    working_groups: Mapped[list[WorkingGroup]] = relationship(
        secondary=session_working_groups, order_by=WorkingGroup.position
    )

    @property
    def is_open(self) -> bool:
        return self.state is SessionState.OPEN

    @property
    def is_paced(self) -> bool:
        return self.pacing is Pacing.FACILITATOR

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


class ContributionKind(enum.Enum):
    PRACTICE = "practice"  # une pratique qui fonctionne
    INNOVATION = "innovation"
    QUESTION = "question"  # une question au panel


class Contribution(db.Model):
    """A short anonymous post on a session's wall, tagged with its author's
    territory, actor group and working group (shown above the threshold only)."""

    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ContributionKind] = mapped_column(_enum_column(ContributionKind))
    text: Mapped[str] = mapped_column(String(500))
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("territories.id", ondelete="SET NULL")
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor_groups.id", ondelete="SET NULL")
    )
    working_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("working_groups.id", ondelete="SET NULL")
    )
    # No time finer than the day, as for responses.
    created_on: Mapped[date] = mapped_column(Date, default=utctoday)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    # A duplicate merged into another contribution: its votes count there.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="SET NULL")
    )

    session: Mapped[WorkshopSession] = relationship()
    territory: Mapped[Territory | None] = relationship()
    group: Mapped[ActorGroup | None] = relationship()
    working_group: Mapped[WorkingGroup | None] = relationship()

    def __repr__(self) -> str:
        return f"<Contribution {self.id} {self.kind.value}>"


class ContributionVote(db.Model):
    """One browser's upvote: a hash of its token, the same for the whole session
    so that votes for merged duplicates count once per browser."""

    __tablename__ = "contribution_votes"
    __table_args__ = {"sqlite_with_rowid": False}

    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True
    )
    voter_hash: Mapped[str] = mapped_column(String(64), primary_key=True)

    def __repr__(self) -> str:
        return f"<ContributionVote {self.contribution_id}>"
