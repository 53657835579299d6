"""Questionnaires, questions, options, and anonymous responses."""

from datetime import date

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.extensions import db
from facilitator.timeutils import utctoday


class Questionnaire(db.Model):
    __tablename__ = "questionnaires"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="questionnaire",
        order_by="Question.position",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Questionnaire {self.id}>"


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "code"),
        CheckConstraint(
            "min_value IS NULL OR max_value IS NULL OR min_value <= max_value",
            name="min_le_max",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # Stable code ("Q1", "Q2"...) used in exports and to merge languages and waves.
    code: Mapped[str] = mapped_column(String(40))
    qtype: Mapped[str] = mapped_column(String(30))
    label: Mapped[str] = mapped_column(Text)
    help_text: Mapped[str] = mapped_column(Text, default="")
    # Optional heading shown above the question (a theme of the questionnaire).
    section: Mapped[str] = mapped_column(String(200), default="")
    required: Mapped[bool] = mapped_column(default=False)
    min_value: Mapped[float | None] = mapped_column(Float)
    max_value: Mapped[float | None] = mapped_column(Float)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="questions")
    options: Mapped[list["Option"]] = relationship(
        back_populates="question",
        order_by="Option.position",
        cascade="all, delete-orphan",
    )

    @property
    def type(self):
        """The question type object from the registry."""
        from surveys.fields import get_question_type

        return get_question_type(self.qtype)

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.code} {self.qtype}>"


class Option(db.Model):
    __tablename__ = "options"
    __table_args__ = (UniqueConstraint("question_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    # Stable code: answers store it, so renaming or translating keeps results.
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(300))

    question: Mapped[Question] = relationship(back_populates="options")

    def __repr__(self) -> str:
        return f"<Option {self.question_id}:{self.code}>"


class Response(db.Model):
    """One anonymous submission: no name, no address, no time finer than the day."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True
    )
    submitted_on: Mapped[date] = mapped_column(Date, default=utctoday)
    # Breakdown dimensions as strings, e.g. {"session": "4", "wave": "point_zero",
    # "territory": "2", "group": "7"}: the caller decides what they mean.
    dimensions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Answers given one question at a time (live sessions) are added to the
    # response whose key the respondent's browser can prove: a hash of a secret
    # only that browser holds. None for responses submitted in one go.
    resume_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Response {self.id}>"


class Answer(db.Model):
    """One value of a response: an option code, a number or a text."""

    __tablename__ = "answers"
    __table_args__ = (
        Index("ix_answers_question_option", "question_id", "option_code"),
        CheckConstraint(
            "option_code IS NOT NULL OR number IS NOT NULL OR text IS NOT NULL",
            name="has_value",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE")
    )
    option_code: Mapped[str | None] = mapped_column(String(40))
    number: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text)

    response: Mapped[Response] = relationship(back_populates="answers")

    def __repr__(self) -> str:
        return f"<Answer {self.response_id}:{self.question_id}>"


class AnsweredQuestion(db.Model):
    """That a response answered (or skipped) a question given on its own: the
    database's guard against a question answered twice by a retried submission."""

    __tablename__ = "answered_questions"
    __table_args__ = {"sqlite_with_rowid": False}

    response_id: Mapped[int] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True
    )

    def __repr__(self) -> str:
        return f"<AnsweredQuestion {self.response_id}:{self.question_id}>"


# Running counts of the answers, kept up to date in the transaction that records
# each response, so that the results read a few rows per breakdown cell instead
# of every answer. ``dimensions`` is the response's dimensions as canonical JSON
# (sorted keys), e.g. '{"group":"7","session":"4","territory":"2","wave":""}'.
# ``surveys.tallies.rebuild_tallies`` recomputes them from the answers.


class ResponseTally(db.Model):
    """Responses of a questionnaire per set of dimension values."""

    __tablename__ = "response_tallies"
    __table_args__ = (UniqueConstraint("questionnaire_id", "dimensions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE")
    )
    dimensions: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return (
            f"<ResponseTally {self.questionnaire_id} {self.dimensions}: {self.count}>"
        )


class QuestionTally(db.Model):
    """Responses that answered a question, per set of dimension values."""

    __tablename__ = "question_tallies"
    __table_args__ = (UniqueConstraint("question_id", "dimensions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE")
    )
    dimensions: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<QuestionTally {self.question_id} {self.dimensions}: {self.count}>"


class OptionTally(db.Model):
    """Responses that chose an option code, per set of dimension values."""

    __tablename__ = "option_tallies"
    __table_args__ = (UniqueConstraint("question_id", "option_code", "dimensions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE")
    )
    # No foreign key: answers to a removed option keep their count.
    option_code: Mapped[str] = mapped_column(String(40))
    dimensions: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<OptionTally {self.question_id}:{self.option_code}: {self.count}>"


class NumberTally(db.Model):
    """How often a number was given to a question, per set of dimension values."""

    __tablename__ = "number_tallies"
    __table_args__ = (UniqueConstraint("question_id", "number", "dimensions"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE")
    )
    number: Mapped[float] = mapped_column(Float)
    dimensions: Mapped[str] = mapped_column(Text)
    count: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<NumberTally {self.question_id}:{self.number}: {self.count}>"
