"""assess(): run the policy's ordered rules over one redacted message and return a Decision.

Notice rules (e.g. "do not send personnummer in chat") are collected from every message and
attached to whatever is decided; deciding rules are tried in file order and the first that fires
wins, so the order in policy.yaml *is* the priority (crisis first). Nothing fires -> "answer".
"""

from __future__ import annotations

from guardrails.policy.decision import ConversationState, Decision
from guardrails.policy.language import guess_language
from guardrails.policy.rules import Policy, Rule, load_policy
from guardrails.policy.semantic import MessageVectors
from guardrails.policy.triggers import MessageView

# Beyond this the message is cut for matching only: the API already caps message length, and
# triggers sit in the first sentences of a chat message, so the cap keeps the worst case fast.
MAX_MATCH_CHARS = 4000
REFERENCE_UNKNOWN = "reference_unknown"


def assess(
    message: str,
    conversation: ConversationState | None = None,
    policy: Policy | None = None,
    language: str | None = None,
    vectors: MessageVectors | None = None,
) -> Decision:
    """Decide what to do with one incoming, already redacted message.

    `language` (ISO 639-1) picks the language of the returned texts; without it a small
    heuristic guesses from the message, falling back to the conversation's language.
    """
    policy = policy or load_policy()
    state = conversation or ConversationState()
    view = policy.view(message[:MAX_MATCH_CHARS])
    lang = language or guess_language(view.tokens, view.raw, state.language or policy.default_language)

    meaning = None
    if vectors is not None and policy.semantic is not None:
        # A message set at a distance (a general question, a study, long ago, one's job: policy
        # `frames`) holds crisis words to the higher framed floor; the examples still read it all.
        meaning = policy.semantic.meaning(policy.semantic.model.score(vectors), policy.frame(view))
    # The word rules read the message without the policy's masks (a help line's name asked for as
    # information, a death told, the writer's own job title); the examples read all of it.
    # Only when the examples read no crisis anywhere in the message, so a crisis the words miss
    # beside a help line's name is still caught by its name; without the examples no mask applies.
    words, masks = view, ()
    if meaning is not None and meaning.no_crisis_anywhere():
        words, masks = policy.masked(view)
    notices: list[str] = []
    decided: tuple[Rule, str] | None = None
    overruled: str | None = None  # the first handoff word rule the examples overruled, for the explanation
    held_back: list[str] = []  # crisis word rules the examples held back: said whatever is decided
    for rule in policy.rules:
        if rule.kind == "unanswered":
            continue
        if rule.kind == "notice":
            if rule.fires(view, state.handed_off, state.unanswered_streak) is not None:
                notices.append(policy.text(rule.message, lang))
        elif decided is None:
            hit = rule.fires(view, state.handed_off, state.unanswered_streak, meaning, words)
            if hit is not None:
                decided = (rule, hit)
            elif (
                meaning is not None
                and rule.overruled_by(meaning)
                and (overruled is None or rule.action == "crisis")
                and rule.fires(view, state.handed_off, state.unanswered_streak, None, words) is not None
            ):
                note = f"{rule.id} {meaning.explain_overruled(rule.label or '')}"
                if rule.action == "crisis":
                    held_back.append(note)
                else:
                    overruled = note
    masked = "; ".join(f"maskerat: {m.id}" for m in masks)
    held = "; ".join(held_back)
    if decided is None or decided[0].action != "crisis":
        # A crisis text carries every number already; otherwise the mask's notice is shown (a help
        # line's number asked for as information is answered, with the numbers, without a handoff).
        notices.extend(policy.text(m.notice, lang) for m in masks if m.notice is not None)
    if decided is None:
        return Decision(
            action="answer",
            rule="default",
            reason="none",
            notices=tuple(notices),
            language=lang,
            matched="; ".join(p for p in (held, overruled, masked) if p),
        )
    rule, hit = decided
    hit = "; ".join(p for p in (hit, held, masked) if p)
    return _decision(policy, view, state, lang, rule, hit, notices=tuple(notices))


def assess_unanswered(
    message: str,
    conversation: ConversationState | None = None,
    policy: Policy | None = None,
    language: str = "sv",
) -> Decision:
    """What to do when a turn found no grounded answer (the `unanswered` rules, this turn counted).

    Nothing fires -> say so plainly and offer a person ("dont_know"), with the interpreter offer
    for a language the catalogue has no own text in.
    """
    policy = policy or load_policy()
    state = conversation or ConversationState()
    view = policy.view(message[:MAX_MATCH_CHARS])
    streak = state.unanswered_streak + 1
    for rule in policy.rules:
        if rule.kind == "unanswered":
            hit = rule.fires(view, state.handed_off, streak)
            if hit is not None:
                return _decision(policy, view, state, language, rule, hit)
    notices: tuple[str, ...] = ()
    if language not in policy.messages["dont_know"]:
        notices = (policy.text("tolk_offer", language),)
    return Decision(
        action="answer",
        rule="pipeline.no_answer",
        reason="low_confidence",
        message=policy.text("dont_know", language),
        notices=notices,
        language=language,
    )


def decide_by_rule(
    policy: Policy,
    rule_id: str,
    message: str,
    conversation: ConversationState | None = None,
    language: str = "sv",
    matched: str = "",
    notices: tuple[str, ...] = (),
) -> Decision:
    """The decision rule `rule_id` makes for this (redacted) message, as if it had fired: its texts,
    queue (routed by the message) and urgency, with `matched` saying what decided it. For a layer
    outside the policy (a model's second opinion) that may pick a rule but never write its texts."""
    rule = next((r for r in policy.rules if r.id == rule_id), None)
    if rule is None or rule.kind != "decide":
        raise KeyError(f"{policy.source}: ingen beslutande regel {rule_id!r}")
    view = policy.view(message[:MAX_MATCH_CHARS])
    state = conversation or ConversationState()
    return _decision(policy, view, state, language, rule, matched, notices=notices)


def _decision(
    policy: Policy,
    view: MessageView,
    state: ConversationState,
    lang: str,
    rule: Rule,
    hit: str,
    notices: tuple[str, ...] = (),
) -> Decision:
    queue = rule.queue
    if rule.route:
        queue = policy.route(view) or queue
    prepare: tuple[str, ...] = ()
    if rule.action == "handoff" and queue is not None:
        options = policy.queues[queue].prepare
        if options:
            prepare = options[policy.pick_language(options, lang)]
    return Decision(
        action=rule.action,  # type: ignore[arg-type]
        rule=rule.id,
        reason=rule.reason,
        message=_render(policy, rule.message, lang, queue, state),
        queue=queue,
        urgency=rule.urgency,  # type: ignore[arg-type]
        also_answer=rule.also_answer,
        message_answered=_render_answered(policy, rule, lang, queue, state),
        notices=notices,
        prepare=prepare,
        language=lang,
        matched=hit,
        audit=rule.audit,
    )


def _render_answered(
    policy: Policy, rule: Rule, lang: str, queue: str | None, state: ConversationState
) -> str:
    """The handoff's text for when the documented general rule was given above it: the catalogue's
    "<message>_answered", only in the language the plain text is in (else "": the plain text stands)."""
    key = f"{rule.message}_answered"
    if not rule.also_answer or key not in policy.messages:
        return ""
    plain = policy.pick_language(policy.messages[rule.message], lang)
    if policy.pick_language(policy.messages[key], lang) != plain:
        return ""
    return _render(policy, key, lang, queue, state)


def _render(policy: Policy, key: str, lang: str, queue: str | None, state: ConversationState) -> str:
    text = policy.text(key, lang)
    if "{reference}" in text:
        reference = state.handoff_reference
        if not reference and REFERENCE_UNKNOWN in policy.messages:
            reference = policy.text(REFERENCE_UNKNOWN, lang)
        text = text.replace("{reference}", reference or "")
    if "{queue}" in text and queue is not None:
        labels = policy.queues[queue].label
        text = text.replace("{queue}", labels[policy.pick_language(labels, lang)])
    return text
