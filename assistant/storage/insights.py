"""Read-side queries for staff insight: figures per day, the questions that were not answered well,
and their stored vectors. Only counts and redacted text leave this module.

Every figure is one GROUP BY in the database (per day; the service folds days into weeks), so the
cost does not grow with what Python has to hold. Reads go through their own connection, not the
store's writer line: SQLite in WAL mode lets them run beside the one writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, func, literal, or_, select, union_all
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import aliased

from assistant.storage.database import Database, DatabaseUnavailable
from assistant.storage.insight_models import QuestionVector
from assistant.storage.models import Draft, Feedback, Handoff, Turn, utcnow

# The rule the pipeline records when it found no grounded answer (it said so, or handed off).
NO_ANSWER_RULE = "pipeline.low_confidence"
# An answer given with less confidence than this counts as a weak one (also in the predicate of the
# index ix_turns_unanswered, migration 0003: a new value needs a new index). Measured on the sample
# corpus (2026-12): of 46 correctly cited answers 24 % fell below 0.55, of 39 questions the corpus
# does not answer (tests/assistant/data/content_gaps.json) 44 %; confidence alone separates them
# poorly, which is why "Nej" and a request for a person after an answer count as well.
LOW_CONFIDENCE = 0.55
# A handoff for these reasons right after an answer means the answer did not help.
AFTER_ANSWER_REASONS = ("human_request",)
SIGNALS = ("no_answer", "low_confidence", "negative_feedback", "handoff_after_answer")


@dataclass(frozen=True)
class GapQuestion:
    """One distinct redacted question that was not answered well, and how it showed."""

    text: str
    turns: int
    last_seen: dt.datetime
    newest_turn: int
    signals: dict[str, int] = field(default_factory=dict)


def as_date(value: Any) -> dt.date:
    """SQLite gives date() as text, PostgreSQL as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _question_text() -> Any:
    # The question as it was searched (follow-ups rewritten to stand alone), else as typed.
    return case((Turn.query_text != "", Turn.query_text), else_=Turn.user_text)


def _inline(value: Any) -> Any:
    return bindparam(None, value, literal_execute=True)


def _answered() -> Any:
    return and_(Turn.action == "answer", Turn.rule != NO_ANSWER_RULE)


class InsightQueries:
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.db.engine.connect() as connection:
                yield connection
        except OperationalError as exc:
            raise DatabaseUnavailable("database unavailable") from exc

    # -- figures per day ------------------------------------------------------------------------
    def turn_days(self, since: dt.datetime, until: dt.datetime) -> list[tuple[dt.date, int, int, int, int]]:
        """(day, asked, answered, no_answer, low_confidence) for each day with turns."""
        day = func.date(Turn.created_at)
        one = literal(1)
        query = (
            select(
                day,
                func.count(),
                func.sum(case((_answered(), one), else_=0)),
                func.sum(case((Turn.rule == NO_ANSWER_RULE, one), else_=0)),
                func.sum(case((and_(_answered(), Turn.confidence < LOW_CONFIDENCE), one), else_=0)),
            )
            .where(Turn.created_at >= since, Turn.created_at < until)
            .group_by(day)
        )
        with self._read() as c:
            return [
                (as_date(r[0]), int(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0))
                for r in c.execute(query)
            ]

    def handoff_days(self, since: dt.datetime, until: dt.datetime) -> list[tuple[dt.date, str, str, int]]:
        """(day, reason, queue, handoffs)."""
        day = func.date(Handoff.created_at)
        query = (
            select(day, Handoff.reason, Handoff.queue, func.count())
            .where(Handoff.created_at >= since, Handoff.created_at < until)
            .group_by(day, Handoff.reason, Handoff.queue)
        )
        with self._read() as c:
            return [(as_date(r[0]), r[1], r[2], int(r[3])) for r in c.execute(query)]

    def feedback_days(
        self, since: dt.datetime, until: dt.datetime
    ) -> list[tuple[dt.date, bool, str | None, int]]:
        """(day, helpful, reason, answers)."""
        day = func.date(Feedback.created_at)
        query = (
            select(day, Feedback.helpful, Feedback.reason, func.count())
            .where(Feedback.created_at >= since, Feedback.created_at < until)
            .group_by(day, Feedback.helpful, Feedback.reason)
        )
        with self._read() as c:
            return [(as_date(r[0]), bool(r[1]), r[2], int(r[3])) for r in c.execute(query)]

    def draft_days(
        self, since: dt.datetime, until: dt.datetime
    ) -> tuple[list[tuple[dt.date, str | None, int]], list[tuple[dt.date, int]]]:
        """([(day, outcome, drafts)], [(day, edit distance)]) by the day the draft was written."""
        day = func.date(Draft.created_at)
        window = (Draft.created_at >= since, Draft.created_at < until)
        outcomes = select(day, Draft.outcome, func.count()).where(*window).group_by(day, Draft.outcome)
        distances = select(day, Draft.edit_distance).where(*window, Draft.edit_distance.is_not(None))
        with self._read() as c:
            counted = [(as_date(r[0]), r[1], int(r[2])) for r in c.execute(outcomes)]
            measured = [(as_date(r[0]), int(r[1])) for r in c.execute(distances)]
        return counted, measured

    # -- content gaps ---------------------------------------------------------------------------
    def _candidates(self, since: dt.datetime, until: dt.datetime) -> Any:
        """(turn_id, text, at, signal) for every turn in the window that was not answered well."""
        window = (Turn.created_at >= since, Turn.created_at < until)
        text = _question_text()

        def columns(signal: Any) -> tuple[Any, ...]:
            return (Turn.id.label("turn_id"), text.label("text"), Turn.created_at.label("at"), signal)

        # Word for word the predicate of the partial index ix_turns_unanswered (migration 0003), with
        # the values written into the SQL: a planner can only match the index against literals.
        unanswered = select(
            *columns(case((Turn.rule == NO_ANSWER_RULE, "no_answer"), else_="low_confidence").label("signal"))
        ).where(
            *window,
            or_(
                Turn.rule == _inline(NO_ANSWER_RULE),
                and_(Turn.action == _inline("answer"), Turn.confidence < _inline(LOW_CONFIDENCE)),
            ),
        )
        # Driven from the few "Nej" rows: probing feedback for every turn of the period is slower.
        disliked = select(*columns(literal("negative_feedback"))).where(
            *window, Turn.id.in_(select(Feedback.turn_id).where(Feedback.helpful.is_(False)))
        )
        # The turn before a "let me talk to a person" handoff, when that turn was an answer.
        later = aliased(Turn)
        before = (
            select(func.max(Turn.id))
            .where(Turn.conversation_id == later.conversation_id, Turn.id < later.id)
            .scalar_subquery()
        )
        handoffs = (
            select(before.label("turn_id"))
            .where(
                later.created_at >= since,
                later.created_at < until,
                later.action == "handoff",
                later.reason.in_(AFTER_ANSWER_REASONS),
            )
            .subquery()
        )
        after_answer = (
            select(*columns(literal("handoff_after_answer")))
            .join(handoffs, Turn.id == handoffs.c.turn_id)
            .where(_answered())
        )
        return union_all(unanswered, disliked, after_answer).subquery("candidates")

    def gap_questions(
        self, since: dt.datetime, until: dt.datetime, limit: int
    ) -> tuple[list[GapQuestion], int, int]:
        """(the `limit` most asked distinct questions, how many distinct there were, their turns)."""
        cand = self._candidates(since, until)
        one = literal(1)
        query = select(
            cand.c.text,
            func.count(func.distinct(cand.c.turn_id)).label("turns"),
            func.max(cand.c.at).label("last_seen"),
            func.max(cand.c.turn_id).label("newest_turn"),
            *[func.sum(case((cand.c.signal == s, one), else_=0)).label(s) for s in SIGNALS],
        ).group_by(cand.c.text)
        with self._read() as c:
            rows = [
                GapQuestion(
                    text=r.text,
                    turns=int(r.turns),
                    last_seen=_as_datetime(r.last_seen),
                    newest_turn=int(r.newest_turn),
                    signals={name: int(getattr(r, name) or 0) for name in SIGNALS},
                )
                for r in c.execute(query)
                if r.text
            ]
        # Sorted here: one pass over the groups gives the top, the number of them and their turns.
        rows.sort(key=lambda q: (-q.turns, -q.last_seen.timestamp(), q.text))
        return rows[:limit], len(rows), sum(q.turns for q in rows)

    # -- question vectors -----------------------------------------------------------------------
    def vector_stamp(self, model: str) -> tuple[int, int]:
        """(rows, newest turn id) of the stored vectors: changes whenever a vector comes or goes."""
        query = select(func.count(), func.coalesce(func.max(QuestionVector.turn_id), 0)).where(
            QuestionVector.model == model
        )
        with self._read() as c:
            rows, newest = c.execute(query).one()
        return int(rows), int(newest)

    def vectors(self, model: str) -> list[tuple[str, bytes]]:
        """(question text, float16 vector bytes) of every stored vector of `model`."""
        query = (
            select(_question_text(), QuestionVector.vector)
            .join(Turn, Turn.id == QuestionVector.turn_id)
            .where(QuestionVector.model == model)
        )
        with self._read() as c:
            return [(r[0], bytes(r[1])) for r in c.execute(query)]

    def save_vectors(self, model: str, rows: Sequence[tuple[int, bytes]]) -> int:
        """Store (turn id, vector) rows; a turn erased meanwhile, or one stored by another process,
        is skipped. Returns how many were written."""
        written = 0
        for turn_id, vector in rows:
            try:
                with self.db.session() as s:
                    if s.get(QuestionVector, turn_id) is None:
                        s.add(
                            QuestionVector(turn_id=turn_id, model=model, vector=vector, created_at=utcnow())
                        )
                        written += 1
            except IntegrityError:
                continue
        return written

    def drop_other_models(self, model: str) -> int:
        """Vectors made by another embedder cannot be compared with this one's: remove them."""
        from sqlalchemy import delete

        with self.db.session() as s:
            return s.execute(delete(QuestionVector).where(QuestionVector.model != model)).rowcount or 0
