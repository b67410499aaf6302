"""Staff insight: what citizens ask, what the assistant did with it, and what the documents lack.

`Insights.report(weeks)` folds the per-day figures of the last `weeks` ISO weeks (UTC) into weeks:
questions asked, answered, handed off (by reason and by queue), low-confidence and no-answer turns,
feedback yes/no (with the reason given for "Nej"), draft outcomes and their median edit distance.
Its content gaps are the redacted questions the assistant could not answer well (no answer, a weak
answer, a "Nej", or a request for a person right after an answer), grouped by meaning with the
index's own embedder and ranked by how often they were asked; each group carries example questions
and the documents that came closest: what the editors should write next.

Only counts and redacted text leave here. Examples are run through the redactor once more before
they are shown (whatever today's recognisers find that the turn's own redaction missed is masked).

Embedding a question costs tens of milliseconds, so it never happens in a request:
`index_pending` (the server runs it in the background) embeds the new distinct questions a few at a
time, through the embedder's query line so a citizen's question never waits behind more than one,
and stores one vector per distinct question; a request only reads them. Questions not embedded yet
are counted as `pending`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import statistics
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from assistant.content_gaps import MAX_QUESTIONS, group_by_meaning
from assistant.storage.insights import SIGNALS, GapQuestion, InsightQueries
from assistant.storage.models import utcnow

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger(__name__)

MAX_WEEKS = 53
# A report served to a page is at most this old; the background loop recomputes the default one
# more often than this, and ?fresh=true asks for one computed now.
MAX_AGE_S = 120.0
EXAMPLES = 3
CLOSEST = 3
# The background embeds questions asked within this many days (retention is 90 by default).
INDEX_DAYS = 400


class WeekFigures(BaseModel):
    week: str = Field(description="ISO-vecka, t.ex. 2026-W48 (UTC), eller 'totalt'.")
    start: dt.date = Field(description="Måndagen veckan börjar.")
    asked: int = Field(description="Frågor som ställdes (repliker i chatten).")
    answered: int = Field(description="Frågor som fick ett svar ur dokumenten.")
    handed_off: int = Field(description="Överlämningar till en person.")
    handed_off_by_reason: dict[str, int]
    handed_off_by_queue: dict[str, int]
    low_confidence: int = Field(description="Svar som gavs med låg säkerhet.")
    no_answer: int = Field(description="Frågor som assistenten inte hittade något svar på.")
    feedback_yes: int
    feedback_no: int
    feedback_no_by_reason: dict[str, int] = Field(
        description="Orsaken som angavs till 'Nej' ('none': ingen)."
    )
    drafts: int
    drafts_sent: int
    drafts_edited: int
    drafts_discarded: int
    median_edit_distance: float | None = Field(description="Median av tecken som ändrades i utkasten.")


class ClosestDocument(BaseModel):
    doc_id: str
    title: str
    section: str
    source_url: str


class ContentGap(BaseModel):
    rank: int
    questions: int = Field(description="Hur många gånger frågor i gruppen ställdes.")
    phrasings: int = Field(description="Olika formuleringar i gruppen.")
    examples: list[str] = Field(description="Exempel på frågor, maskade (inga personuppgifter).")
    signals: dict[str, int] = Field(
        description="no_answer, low_confidence, negative_feedback, handoff_after_answer: hur det syntes."
    )
    last_seen: dt.datetime
    closest_documents: list[ClosestDocument] = Field(description="De dokument som kom närmast.")


class GapSummary(BaseModel):
    groups: list[ContentGap]
    questions: int = Field(description="Frågor som inte besvarades väl under perioden.")
    phrasings: int = Field(description="Olika formuleringar bland dem.")
    pending: int = Field(description="Frågor som ännu inte analyserats (räknas in vid nästa körning).")
    model: str | None = Field(description="Modellen som grupperade frågorna.")


class InsightReport(BaseModel):
    generated_at: dt.datetime
    since: dt.date
    until: dt.date = Field(description="Första dagen efter perioden.")
    weeks: list[WeekFigures]
    totals: WeekFigures
    gaps: GapSummary


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class _Lru(OrderedDict[Any, Any]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Any, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class _Week:
    """Running sums of one week."""

    def __init__(self, start: dt.date) -> None:
        self.start = start
        self.counts: dict[str, int] = dict.fromkeys(
            (
                "asked",
                "answered",
                "handed_off",
                "low_confidence",
                "no_answer",
                "feedback_yes",
                "feedback_no",
                "drafts",
                "drafts_sent",
                "drafts_edited",
                "drafts_discarded",
            ),
            0,
        )
        self.by_reason: dict[str, int] = {}
        self.by_queue: dict[str, int] = {}
        self.no_reasons: dict[str, int] = {}
        self.distances: list[int] = []

    def figures(self, label: str | None = None) -> WeekFigures:
        median = float(statistics.median(self.distances)) if self.distances else None
        return WeekFigures(
            week=label or iso_week(self.start),
            start=self.start,
            handed_off_by_reason=dict(sorted(self.by_reason.items(), key=lambda kv: (-kv[1], kv[0]))),
            handed_off_by_queue=dict(sorted(self.by_queue.items(), key=lambda kv: (-kv[1], kv[0]))),
            feedback_no_by_reason=dict(sorted(self.no_reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
            median_edit_distance=median,
            **self.counts,
        )


def _add(target: dict[str, int], key: str, n: int) -> None:
    target[key] = target.get(key, 0) + n


class Insights:
    def __init__(self, assistant: Assistant, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.assistant = assistant
        self.queries = InsightQueries(assistant.database)
        self._clock = clock
        self._lock = threading.Lock()
        self._vectors: tuple[tuple[str, int, int], dict[str, np.ndarray]] | None = None
        self._closest: _Lru = _Lru(2048)
        self._shown: _Lru = _Lru(20_000)
        # Reports by (weeks, max_gaps): (monotonic time computed, report); one computation at a time
        # per key, so a burst of page loads costs one pass over the turns.
        self._reports: dict[tuple[int, int], tuple[float, InsightReport]] = {}
        self._computing: dict[tuple[int, int], threading.Lock] = {}

    # -- the report -----------------------------------------------------------------------------
    def window(self, weeks: int) -> tuple[dt.datetime, dt.datetime]:
        weeks = max(1, min(MAX_WEEKS, weeks))
        this_week = week_start(self._clock().date())
        since = this_week - dt.timedelta(weeks=weeks - 1)
        until = this_week + dt.timedelta(weeks=1)
        return dt.datetime.combine(since, dt.time()), dt.datetime.combine(until, dt.time())

    def report(self, weeks: int = 12, max_gaps: int = 15, max_age_s: float = MAX_AGE_S) -> InsightReport:
        """The report, computed at most `max_age_s` ago (0: computed now). A report is a pass over
        every turn of the period, so pages are served one computed shortly before, by this request
        or a previous one or the background loop, rather than one pass per page load."""
        key = (max(1, min(MAX_WEEKS, weeks)), max_gaps)
        asked_at = time.monotonic()
        this_week = week_start(self._clock().date())

        def usable() -> InsightReport | None:
            with self._lock:
                cached = self._reports.get(key)
            if (
                cached
                and asked_at - cached[0] <= max_age_s
                and cached[1].since <= this_week < cached[1].until
            ):
                return cached[1]
            return None

        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        found = usable()
        if found is not None:
            return found
        with gate:
            # A computation that ran while this request waited may be recent enough for it too.
            found = usable()
            if found is not None:
                return found
            started = time.monotonic()
            report = self.compute(*key)
            with self._lock:
                self._reports[key] = (started, report)
            return report

    def compute(self, weeks: int = 12, max_gaps: int = 15) -> InsightReport:
        since, until = self.window(weeks)
        table = {
            since.date() + dt.timedelta(weeks=i): _Week(since.date() + dt.timedelta(weeks=i))
            for i in range((until - since).days // 7)
        }
        total = _Week(since.date())

        def both(day: dt.date) -> tuple[_Week, _Week]:
            return table[week_start(day)], total

        for day, asked, answered, no_answer, low in self.queries.turn_days(since, until):
            for w in both(day):
                w.counts["asked"] += asked
                w.counts["answered"] += answered
                w.counts["no_answer"] += no_answer
                w.counts["low_confidence"] += low
        for day, reason, queue, n in self.queries.handoff_days(since, until):
            for w in both(day):
                w.counts["handed_off"] += n
                _add(w.by_reason, reason, n)
                _add(w.by_queue, queue, n)
        for day, helpful, reason, n in self.queries.feedback_days(since, until):
            for w in both(day):
                w.counts["feedback_yes" if helpful else "feedback_no"] += n
                if not helpful:
                    _add(w.no_reasons, reason or "none", n)
        outcomes, distances = self.queries.draft_days(since, until)
        for day, outcome, n in outcomes:
            for w in both(day):
                w.counts["drafts"] += n
                if outcome in ("sent", "edited", "discarded"):
                    w.counts[f"drafts_{outcome}"] += n
        for day, distance in distances:
            for w in both(day):
                w.distances.append(distance)
        return InsightReport(
            # Stored times are naive UTC; the API says so (RFC 3339 wants the offset).
            generated_at=self._clock().replace(tzinfo=dt.UTC),
            since=since.date(),
            until=until.date(),
            weeks=[w.figures() for w in table.values()],
            totals=total.figures("totalt"),
            gaps=self.gaps(since, until, max_gaps),
        )

    # -- content gaps ---------------------------------------------------------------------------
    def _embedder(self) -> tuple[Any, str] | None:
        """The index's embedder and its model name; None while there is no index."""
        try:
            embedder = self.assistant.index.embedder
        except Exception:  # no index yet: figures still work, gaps wait
            return None
        from knowledge.embedding import canonical_model_name

        return embedder, canonical_model_name(str(embedder.name))

    def _stored_vectors(self, model: str) -> dict[str, np.ndarray]:
        stamp = (model, *self.queries.vector_stamp(model))
        with self._lock:
            if self._vectors is not None and self._vectors[0] == stamp:
                return self._vectors[1]
        loaded = {
            text: np.frombuffer(raw, dtype=np.float16).astype(np.float32)
            for text, raw in self.queries.vectors(model)
        }
        with self._lock:
            self._vectors = (stamp, loaded)
        return loaded

    def gaps(self, since: dt.datetime, until: dt.datetime, max_gaps: int) -> GapSummary:
        questions, phrasings, turns = self.queries.gap_questions(since, until, MAX_QUESTIONS)
        found = self._embedder()
        if found is None:
            return GapSummary(groups=[], questions=turns, phrasings=phrasings, pending=turns, model=None)
        _embedder, model = found
        stored = self._stored_vectors(model)
        ready = [q for q in questions if q.text in stored]
        pending = sum(q.turns for q in questions if q.text not in stored)
        groups = group_by_meaning(
            np.stack([stored[q.text] for q in ready]) if ready else np.zeros((0, 1)),
            [q.turns for q in ready],
            model,
        )
        out = []
        for rank, group in enumerate(groups[:max_gaps], start=1):
            members = [ready[i] for i in group.members]
            signals = dict.fromkeys(SIGNALS, 0)
            for q in members:
                for name, n in q.signals.items():
                    signals[name] += n
            out.append(
                ContentGap(
                    rank=rank,
                    questions=group.weight,
                    phrasings=len(members),
                    examples=[self.shown(q.text) for q in members[:EXAMPLES]],
                    signals=signals,
                    last_seen=max(q.last_seen for q in members),
                    closest_documents=self.closest(members[0], group.centroid),
                )
            )
        return GapSummary(groups=out, questions=turns, phrasings=phrasings, pending=pending, model=model)

    def shown(self, text: str) -> str:
        """A stored (redacted) question as it may be shown: redacted once more, with today's rules."""
        with self._lock:
            cached = self._shown.get(text)
        if cached is not None:
            return str(cached)
        import guardrails

        try:
            safe = guardrails.redact(text, office=self.assistant.office).text
        except Exception:  # never show what could not be checked
            log.warning("re-redaction of a gap example failed", exc_info=True)
            safe = "[frågan kan inte visas]"
        with self._lock:
            self._shown.put(text, safe)
        return safe

    def closest(self, leader: GapQuestion, centroid: np.ndarray) -> list[ClosestDocument]:
        """The documents nearest the group: hybrid search with its most asked question and centre."""
        try:
            index = self.assistant.index
            key = (index.version, leader.text)
        except Exception:
            return []
        with self._lock:
            cached = self._closest.get(key)
        if cached is not None:
            return list(cached)
        try:
            passages = index.search_vector(leader.text, np.asarray(centroid, dtype=np.float32), k=CLOSEST * 3)
        except Exception:
            log.warning("closest documents for a gap failed", exc_info=True)
            return []
        docs: list[ClosestDocument] = []
        seen: set[str] = set()
        for p in passages:
            if p.doc_id in seen:
                continue
            seen.add(p.doc_id)
            docs.append(
                ClosestDocument(doc_id=p.doc_id, title=p.title, section=p.section, source_url=p.source_url)
            )
            if len(docs) == CLOSEST:
                break
        with self._lock:
            self._closest.put(key, docs)
        return list(docs)

    # -- background: embed new questions --------------------------------------------------------
    def index_pending(
        self, max_texts: int = 200, pause_s: float = 0.0, deadline_s: float | None = None
    ) -> int:
        """Embed up to `max_texts` distinct questions that have no vector yet (newest first) and
        store them; returns how many were stored. Examples are re-redacted on the way (cached)."""
        found = self._embedder()
        if found is None:
            return 0
        embedder, model = found
        from knowledge.embedding import embed_query_array

        now = self._clock()
        since = now - dt.timedelta(days=INDEX_DAYS)
        questions, _, _ = self.queries.gap_questions(since, now + dt.timedelta(days=1), MAX_QUESTIONS * 5)
        stored = self._stored_vectors(model)
        missing = sorted(
            (q for q in questions if q.text not in stored), key=lambda q: q.last_seen, reverse=True
        )
        started = time.monotonic()
        rows: list[tuple[int, bytes]] = []
        for q in missing[:max_texts]:
            if deadline_s is not None and time.monotonic() - started > deadline_s:
                break
            # One question at a time through the query line: a citizen waits behind one at most.
            vector = np.asarray(embed_query_array(embedder, q.text), dtype=np.float32)
            vector /= float(np.linalg.norm(vector)) or 1.0
            rows.append((q.newest_turn, vector.astype(np.float16).tobytes()))
            self.shown(q.text)
            if pause_s:
                time.sleep(pause_s)
        if not rows:
            return 0
        written = self.queries.save_vectors(model, rows)
        if written:
            self.queries.drop_other_models(model)
        return written


def report_csv(report: InsightReport, part: Literal["weeks", "gaps"]) -> str:
    """The weekly figures, or the content gaps, as CSV (comma, CRLF); cells never start a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    rows = _week_rows(report) if part == "weeks" else _gap_rows(report)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


WEEK_COLUMNS = (
    ("week", "Vecka"),
    ("start", "Från"),
    ("asked", "Frågor"),
    ("answered", "Besvarade"),
    ("handed_off", "Överlämnade"),
    ("low_confidence", "Låg säkerhet"),
    ("no_answer", "Utan svar"),
    ("feedback_yes", "Återkoppling ja"),
    ("feedback_no", "Återkoppling nej"),
    ("drafts", "Utkast"),
    ("drafts_sent", "Utkast skickade oförändrade"),
    ("drafts_edited", "Utkast skickade med ändringar"),
    ("drafts_discarded", "Utkast kastade"),
    ("median_edit_distance", "Median redigeringsavstånd"),
)


def _keys(weeks: Iterable[WeekFigures], attribute: str) -> list[str]:
    keys: dict[str, None] = {}
    for w in weeks:
        keys.update(dict.fromkeys(getattr(w, attribute)))
    return sorted(keys)


def _week_rows(report: InsightReport) -> list[list[Any]]:
    everything = [*report.weeks, report.totals]
    reasons = _keys(everything, "handed_off_by_reason")
    queues = _keys(everything, "handed_off_by_queue")
    no_reasons = _keys(everything, "feedback_no_by_reason")
    header = [label for _, label in WEEK_COLUMNS]
    header += [f"Överlämnade, orsak: {r}" for r in reasons]
    header += [f"Överlämnade, kö: {q}" for q in queues]
    header += [f"Nej, orsak: {r}" for r in no_reasons]
    rows: list[list[Any]] = [header]
    for w in everything:
        row = [getattr(w, key) for key, _ in WEEK_COLUMNS]
        row += [w.handed_off_by_reason.get(r, 0) for r in reasons]
        row += [w.handed_off_by_queue.get(q, 0) for q in queues]
        row += [w.feedback_no_by_reason.get(r, 0) for r in no_reasons]
        rows.append(row)
    return rows


def _gap_rows(report: InsightReport) -> list[list[Any]]:
    header = [
        "Rang",
        "Frågor",
        "Formuleringar",
        "Exempel 1",
        "Exempel 2",
        "Exempel 3",
        "Utan svar",
        "Låg säkerhet",
        "Nej-svar",
        "Person efter svar",
        "Senast",
        "Närmaste dokument",
    ]
    rows: list[list[Any]] = [header]
    for g in report.gaps.groups:
        examples = [*g.examples, "", "", ""][:EXAMPLES]
        rows.append(
            [
                g.rank,
                g.questions,
                g.phrasings,
                *examples,
                g.signals.get("no_answer", 0),
                g.signals.get("low_confidence", 0),
                g.signals.get("negative_feedback", 0),
                g.signals.get("handoff_after_answer", 0),
                g.last_seen.date().isoformat(),
                " | ".join(d.title for d in g.closest_documents),
            ]
        )
    return rows


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ (a formula) is defused."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
