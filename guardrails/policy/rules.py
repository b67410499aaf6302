"""The policy file: its schema, validation with clear errors, and the compiled rule set.

guardrails/config/policy.yaml holds ordered rules (the first deciding rule that fires wins),
the office's queues with what to have ready, topic routes, and the user-facing messages in
several languages. Messages use placeholders such as {office.phone} or {crisis.emergency},
filled from the office config when the policy loads, so another municipality edits YAML, not
code. Every problem is reported as PolicyError("<file>: regel <id>: <what is wrong>").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guardrails.office import OfficeConfig, load_office
from guardrails.policy.semantic import CRISIS, IntentModel, IntentModelError, IntentScores
from guardrails.policy.triggers import (
    Lexicon,
    MessageView,
    TermError,
    TermGroup,
    Trigger,
    compile_term,
    first_match,
    spans,
)
from guardrails.text.sentences import asks_something

DEFAULT_POLICY_FILE = Path(__file__).resolve().parent.parent / "config" / "policy.yaml"

ACTIONS = ("answer", "handoff", "crisis", "refuse", "out_of_scope")
REASONS = (
    "crisis",
    "after_handoff",
    "injection",
    "human_request",
    "complaint",
    "case_specific",
    "decision",
    "pii_shared",
    "out_of_scope",
    "low_confidence",
    "none",
)
REQUIRED_LANGUAGES = ("sv", "en")
# The pipeline's own texts: every turn's words come from this one catalogue.
REQUIRED_MESSAGES = (
    "disclosure",
    "swedish_only_note",
    "tolk_offer",
    "dont_know",
    "reference_line",
    "after_handoff",
    "low_confidence",
)
# Filled when the decision is made, not from the office config.
RUNTIME_PLACEHOLDERS = ("reference", "queue", "asked", "stated")  # filled by whoever shows the text
# A crisis message without the emergency number is not a crisis message.
REQUIRED_PLACEHOLDERS = {"crisis": ("crisis.emergency",), "out_of_scope": ("city.phone",)}
SEMANTIC_INTENTS = (CRISIS, "human_request", "case_specific", "decision", "complaint")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class PolicyError(ValueError):
    """The policy file is unusable; the message names the file, the rule and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TriggerSpec(_Strict):
    any: list[str] | None = None
    all: list[list[str]] | None = None


class WhenSpec(_Strict):
    handed_off: bool | None = None
    min_unanswered_streak: int | None = Field(default=None, ge=1)
    pii_types: list[str] | None = None  # redaction tag types, "*" for any
    max_words: int | None = Field(default=None, ge=0)
    question: bool | None = None  # the message asks something ("?", "؟", "¿", "፧")


class MaskSpec(_Strict):
    """Words that, inside these phrases, are no sign for the word rules (the examples still read
    the whole message): a help line's name asked for as information, a death long past."""

    id: str = Field(min_length=1)
    description: str = ""
    terms: list[str] = Field(min_length=1)
    # Only when the message also has one of these (e.g. it asks for a number); None: always.
    when_any: list[str] | None = None
    # A message key added as a notice when the mask applied and nothing more urgent was decided.
    notice: str | None = None


class FrameSpec(_Strict):
    """Words that set a message at a distance from any crisis of the writer's own: a question about
    the topic in general, a study or a story about it, a time long past, the writer's work. Crisis
    words in such a message need the examples' higher framed floor (`semantic:
    crisis_word_floor_framed`); the examples' own crisis reading is untouched."""

    id: str = Field(min_length=1)
    description: str = ""
    terms: list[str] = Field(min_length=1)
    # The frame also says the message asks about the topic, not about the writer's own matter (a
    # general question, a study): handoff words then yield to the framed veto
    # (`semantic: handoff_veto_framed`).
    handoff: bool = False


class RuleSpec(_Strict):
    id: str = Field(min_length=1)
    kind: Literal["decide", "notice", "unanswered"] = "decide"
    reason: str = "none"
    action: str = "answer"
    queue: str | None = None
    route: bool = False
    urgency: Literal["normal", "urgent"] = "normal"
    message: str
    also_answer: bool = False
    audit: bool = False
    when: WhenSpec | None = None
    match: list[TriggerSpec] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    # Intent by meaning: "crisis:<kind>" or a coarse intent (human_request, case_specific, ...).
    semantic: str | None = None
    description: str = ""


class SemanticSpec(_Strict):
    model: str  # path relative to the policy file
    calibration: str  # YAML with `thresholds: {intent: probability}`, written by `tillit policy train`
    examples: str  # folder of labelled example files, relative to the policy file
    # A crisis rule's words decide only when the examples give crisis at least this probability
    # somewhere in the message (whole message or one sentence); 0 turns the floor off.
    crisis_word_floor: float = Field(default=0.0, ge=0.0, lt=1.0)
    # The same floor in a message one of the policy's `frames` sets at a distance (a general
    # question, a study, long ago, one's job); 0: no other floor for such messages.
    crisis_word_floor_framed: float = Field(default=0.0, ge=0.0, lt=1.0)
    # In a message a frame with `handoff: true` sets apart from the writer's own matter, the examples
    # overrule handoff words when every part reads ordinary at least this (instead of calibration.yaml's
    # veto); 0: the calibrated veto everywhere.
    handoff_veto_framed: float = Field(default=0.0, ge=0.0, lt=1.0)


class QueueSpec(_Strict):
    label: dict[str, str]
    prepare: dict[str, list[str]] = Field(default_factory=dict)


class RouteSpec(_Strict):
    queue: str
    any: list[str] = Field(min_length=1)


class PolicySpec(_Strict):
    version: int
    name: str = "policy"
    default_language: str = "sv"
    fallback_language: str = "en"
    queues: dict[str, QueueSpec] = Field(min_length=1)
    routes: list[RouteSpec] = Field(default_factory=list)
    messages: dict[str, dict[str, str]] = Field(min_length=1)
    rules: list[dict[str, Any]] = Field(min_length=1)
    semantic: SemanticSpec | None = None
    masks: list[MaskSpec] = Field(default_factory=list)
    frames: list[FrameSpec] = Field(default_factory=list)


# ---- compiled form -------------------------------------------------------------------------


@dataclass(frozen=True)
class Conditions:
    handed_off: bool | None = None
    min_unanswered_streak: int | None = None
    pii_types: frozenset[str] | None = None
    max_words: int | None = None
    question: bool | None = None

    def hold(self, view: MessageView, handed_off: bool, unanswered_streak: int) -> bool:
        if self.handed_off is not None and handed_off != self.handed_off:
            return False
        if self.min_unanswered_streak is not None and unanswered_streak < self.min_unanswered_streak:
            return False
        if self.pii_types is not None:
            if "*" in self.pii_types:
                if not view.tags:
                    return False
            elif not (view.tags & self.pii_types):
                return False
        if self.question is not None and asks_something(view.raw) != self.question:
            return False
        return self.max_words is None or view.word_count <= self.max_words

    @property
    def empty(self) -> bool:
        return self == Conditions()


@dataclass(frozen=True)
class Mask:
    id: str
    terms: TermGroup
    when: TermGroup | None
    notice: str | None

    def spans(self, view: MessageView) -> list[tuple[int, int]]:
        if self.when is not None and first_match(self.when, view) is None:
            return []
        return spans(self.terms, view)


@dataclass(frozen=True)
class Frame:
    id: str
    terms: TermGroup
    handoff: bool = False

    def matches(self, view: MessageView) -> bool:
        return first_match(self.terms, view) is not None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    reason: str
    action: str
    queue: str | None
    route: bool
    urgency: str
    message: str
    also_answer: bool
    audit: bool
    when: Conditions
    triggers: tuple[Trigger, ...]
    unless: TermGroup
    semantic: str | None = None

    def fires(
        self,
        view: MessageView,
        handed_off: bool,
        unanswered_streak: int,
        meaning: Meaning | None = None,
        words: MessageView | None = None,
    ) -> str | None:
        """What made the rule fire (for the explanation), or None. `words` is the message the
        triggers read (the policy's masks left out); conditions and vetoes read the whole `view`."""
        if not self.when.hold(view, handed_off, unanswered_streak):
            return None
        hit: str | None = None
        if self.triggers:
            words = words or view
            hit = next((h for t in self.triggers if (h := t.match(words)) is not None), None)
            if hit is not None and self.overruled_by(meaning):
                # The words do not decide; the examples still may (a crisis they read themselves).
                hit = None
        elif self.semantic is None:
            hit = "villkor"
        if hit is None and self.semantic is not None and meaning is not None:
            hit = meaning.fires(self.semantic)
        if hit is None:
            return None
        if self.unless and first_match(self.unless, view) is not None:
            return None
        return hit

    def overruled_by(self, meaning: Meaning | None) -> bool:
        """Words of a handoff rule matched, but the examples read every part of the message as an
        ordinary question ("hur klagar man på ett beslut?"), or words of a crisis rule matched and the
        examples give crisis almost no chance anywhere ("det här tar livet av mig" about forms): the
        meaning overrules the words. Without the examples nothing is overruled."""
        label = self.label
        return label is not None and meaning is not None and meaning.contradicts(label)

    @property
    def label(self) -> str | None:
        """The intent this rule decides: its `semantic`, or crisis for a crisis rule without one."""
        return self.semantic or (CRISIS if self.action == "crisis" else None)


@dataclass(frozen=True)
class Semantic:
    """The intent model with the thresholds calibrated for it."""

    model: IntentModel
    thresholds: dict[str, float]
    examples: Path
    # How sure the examples must be that a message is ordinary before they overrule the words of a
    # handoff rule (calibration.yaml `vetoes: {handoff: …}`); None: words are never overruled.
    veto: float | None = None
    # calibration.yaml `thresholds: {crisis: {message, sentence}}`: crisis on one sentence alone.
    sentence_thresholds: dict[str, float] = field(default_factory=dict)
    # policy.yaml `semantic: crisis_word_floor`: below it (anywhere in the message) crisis words are
    # held back; 0: crisis words always decide.
    crisis_floor: float = 0.0
    # policy.yaml `semantic: crisis_word_floor_framed`: the floor in a message a frame applies to.
    framed_floor: float = 0.0
    # policy.yaml `semantic: handoff_veto_framed`: the handoff veto in a message a `handoff` frame sets
    # apart from the writer's own matter; 0: the calibrated veto.
    framed_veto: float = 0.0

    def meaning(self, scores: IntentScores, frame: Frame | None = None) -> Meaning:
        """The scores read against the thresholds. In a message set in a policy `frame`, crisis words
        are held to the framed floor, and a frame's handoff words to the framed veto."""
        floor, veto, named = self.crisis_floor, self.veto, None
        if frame is not None and self.framed_floor > floor:
            floor, named = self.framed_floor, frame.id
        # A calibration that never overrules handoff words (no veto, or one above 1) is kept in frames too.
        never = veto is None or veto > 1.0
        if frame is not None and frame.handoff and not never and 0.0 < self.framed_veto < veto:
            veto, named = self.framed_veto, frame.id
        return Meaning(scores, self.thresholds, veto, self.sentence_thresholds, floor, named)


@dataclass(frozen=True)
class Meaning:
    """One message's intent scores read against the policy's thresholds."""

    scores: IntentScores
    thresholds: dict[str, float]
    veto: float | None = None
    # Crisis read on a sentence alone, when calibrated apart from the whole message (else the same).
    sentence_thresholds: dict[str, float] = field(default_factory=dict)
    # Crisis words are held back when crisis scores below this in every part of the message (0: never).
    crisis_floor: float = 0.0
    # The policy frame that raised the floor (a general question, long ago, ...), for the explanation.
    frame: str | None = None

    def contradicts(self, label: str) -> bool:
        """True when the examples overrule the words of a rule deciding `label`.

        A handoff: every part of the message reads as ordinary, at or above the veto level. A crisis:
        not whether the message reads as ordinary ("Jag tänker på självmord." reads as ordinary at
        0.93: its word sits in many questions about crisis lines) but whether the examples give crisis
        any chance at all: its highest probability over the message and each sentence stays under the
        floor, calibrated for recall (out of fold no crisis the words caught was lost).
        """
        if label.partition(":")[0] == CRISIS:
            return self.crisis_floor > 0.0 and self.crisis_chance < self.crisis_floor
        if self.veto is None:
            return False
        return self.scores.ordinary_floor >= self.veto

    @property
    def crisis_chance(self) -> float:
        """Crisis's highest probability over the whole message and each of its sentences."""
        return self.scores.highest.get(CRISIS, 0.0)

    def explain_overruled(self, label: str) -> str:
        """Why the examples overruled the words of a rule deciding `label`, for the explanation."""
        if label.partition(":")[0] == CRISIS:
            chance, floor = self.crisis_chance, self.crisis_floor
            framed = f", inramat: {self.frame}" if self.frame else ""
            return f"hölls tillbaka: exempel crisis {chance:.3f} (under golvet {floor:g}{framed})"
        framed = f" (inramat: {self.frame})" if self.frame else ""
        return f"överprövad: {self.scores.explain_ordinary()}{framed}"

    def no_crisis_anywhere(self) -> bool:
        """The examples read no crisis in the message nor in any one sentence, each held to the
        whole message's crisis threshold (stricter than a sentence's own): only then may the policy's
        masks take a help line's name or a death told out of what the crisis words read."""
        threshold = self.thresholds.get(CRISIS)
        return threshold is not None and self.scores.highest.get(CRISIS, 0.0) < threshold

    def fires(self, label: str) -> str | None:
        intent, _, kind = label.partition(":")
        threshold = self.thresholds.get(intent)
        if threshold is None:
            return None
        if intent == CRISIS:
            # Recall first: the whole message or any one sentence where crisis is likely enough,
            # whatever else scored higher. A sentence alone says less than the message, so it is read
            # against its own calibrated threshold: out of fold, half the false crises on ordinary
            # questions came from one sentence read alone ("Min huvudman gick bort i förrgår.").
            scores = self.scores
            whole = scores.whole.get(CRISIS, scores.highest.get(CRISIS, 0.0)) >= threshold
            sentence = scores.sentences.get(CRISIS, 0.0) >= self.sentence_thresholds.get(CRISIS, threshold)
            if not (whole or sentence):
                return None
            if kind and scores.crisis_kind not in (kind, None):
                return None
            return scores.explain(intent, whole_message=whole)
        if self.scores.grouped.get(intent, 0.0) < threshold:
            return None
        return self.scores.explain(intent)


@dataclass(frozen=True)
class Queue:
    name: str
    label: dict[str, str]
    prepare: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Policy:
    version: int
    name: str
    source: str
    default_language: str
    fallback_language: str
    rules: tuple[Rule, ...]
    queues: dict[str, Queue]
    routes: tuple[tuple[str, TermGroup], ...]
    messages: dict[str, dict[str, str]]  # office placeholders already filled
    lexicon: Lexicon
    semantic: Semantic | None = None
    masks: tuple[Mask, ...] = ()
    frames: tuple[Frame, ...] = ()

    def frame(self, view: MessageView) -> Frame | None:
        """The first frame that sets the message at a distance from a crisis of its own, or None."""
        return next((f for f in self.frames if f.matches(view)), None)

    def view(self, message: str) -> MessageView:
        return MessageView.of(message, self.lexicon)

    def masked(self, view: MessageView) -> tuple[MessageView, tuple[Mask, ...]]:
        """The message the word rules read (every mask's phrases left out) and the masks that applied."""
        found: list[tuple[int, int]] = []
        applied: list[Mask] = []
        for mask in self.masks:
            hits = mask.spans(view)
            if hits:
                found.extend(hits)
                applied.append(mask)
        if not found:
            return view, ()
        return view.without(found, self.lexicon), tuple(applied)

    def pick_language(self, available: dict[str, Any], language: str | None) -> str:
        for candidate in (language, self.fallback_language, self.default_language, "sv"):
            if candidate and candidate in available:
                return candidate
        return next(iter(available))

    def text(self, key: str, language: str | None) -> str:
        variants = self.messages[key]
        return variants[self.pick_language(variants, language)]

    def route(self, view: MessageView) -> str | None:
        for queue, terms in self.routes:
            if first_match(terms, view) is not None:
                return queue
        return None

    def internal_markers(self) -> tuple[str, ...]:
        """Strings that belong to the policy itself and must never appear in an answer."""
        return tuple(rule.id for rule in self.rules) + tuple(self.messages)


# ---- loading -------------------------------------------------------------------------------


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "(roten)"
        kind = error["type"]
        if kind == "missing":
            parts.append(f"{where}: saknas")
        elif kind == "extra_forbidden":
            parts.append(f"{where}: okänt fält")
        elif kind == "string_type":
            # YAML reads bare no/yes/on/off as booleans: the commonest surprise in term lists.
            parts.append(f'{where}: måste vara text (citera ord som "no", "yes", "on", "off")')
        else:
            parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def office_values(office: OfficeConfig) -> dict[str, str]:
    """Placeholder name -> value, e.g. "office.phone" -> "08-465 004 50"."""
    sections = {
        "office": office.office,
        "city": office.city_contact_centre,
        "crisis": office.crisis,
    }
    values: dict[str, str] = {}
    for prefix, model in sections.items():
        for name, value in model.model_dump().items():
            values[f"{prefix}.{name}"] = str(value)
    return values


def _office_fields() -> set[str]:
    names = set()
    for prefix, model in (
        ("office", OfficeConfig.model_fields["office"].annotation),
        ("city", OfficeConfig.model_fields["city_contact_centre"].annotation),
        ("crisis", OfficeConfig.model_fields["crisis"].annotation),
    ):
        names.update(f"{prefix}.{field}" for field in model.model_fields)  # type: ignore[union-attr]
    return names


def _fill(text: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _compile_terms(terms: list[str], where: str) -> TermGroup:
    compiled = []
    for source in terms:
        try:
            compiled.append(compile_term(source))
        except TermError as exc:
            raise PolicyError(f"{where}: {exc}") from None
    return TermGroup.of(compiled)


def parse_policy(data: object, source: str = "policy.yaml", office: OfficeConfig | None = None) -> Policy:
    """Validate already-parsed YAML and compile it; raise PolicyError on the first problem."""
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: förväntade en YAML-mappning överst i filen")
    try:
        spec = PolicySpec.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(f"{source}: ogiltig policy – {_describe(exc)}") from None
    office = office or load_office()
    known = _office_fields()
    values = office_values(office)

    messages: dict[str, dict[str, str]] = {}
    for key, variants in spec.messages.items():
        missing = [lang for lang in REQUIRED_LANGUAGES if not variants.get(lang, "").strip()]
        if missing:
            raise PolicyError(f"{source}: meddelande {key}: saknar text på {', '.join(missing)}")
        for lang, text in variants.items():
            for name in _PLACEHOLDER.findall(text):
                if name not in known and name not in RUNTIME_PLACEHOLDERS:
                    raise PolicyError(
                        f"{source}: meddelande {key} ({lang}): okänd platshållare {{{name}}}"
                        f" (kända: office.*, city.*, crisis.*, reference, queue, asked, stated)"
                    )
        messages[key] = {lang: _fill(text, values) for lang, text in variants.items()}

    missing_messages = [key for key in REQUIRED_MESSAGES if key not in messages]
    if missing_messages:
        raise PolicyError(f"{source}: meddelanden saknas: {', '.join(missing_messages)}")
    queues = {
        name: Queue(
            name=name,
            label=q.label,
            prepare={lang: tuple(_fill(item, values) for item in items) for lang, items in q.prepare.items()},
        )
        for name, q in spec.queues.items()
    }
    for name, q in spec.queues.items():
        if not all(q.label.get(lang) for lang in REQUIRED_LANGUAGES):
            raise PolicyError(f"{source}: kö {name}: label saknar sv eller en")

    routes = []
    for i, route in enumerate(spec.routes):
        where = f"{source}: route {i + 1} ({route.queue})"
        if route.queue not in queues:
            raise PolicyError(f"{where}: okänd kö {route.queue!r} (kända: {', '.join(queues)})")
        routes.append((route.queue, _compile_terms(route.any, where)))

    rules: list[Rule] = []
    seen: set[str] = set()
    for i, raw in enumerate(spec.rules):
        rule_id = str(raw.get("id") or f"#{i + 1}") if isinstance(raw, dict) else f"#{i + 1}"
        where = f"{source}: regel {rule_id}"
        try:
            rs = RuleSpec.model_validate(raw)
        except ValidationError as exc:
            raise PolicyError(f"{where}: {_describe(exc)}") from None
        rules.append(_compile_rule(rs, where, queues, spec.messages, seen))
    masks = [_compile_mask(m, source, spec.messages) for m in spec.masks]
    frames = [Frame(f.id, _compile_terms(f.terms, f"{source}: frame {f.id}"), f.handoff) for f in spec.frames]
    terms = [t for _, group in routes for t in group.terms]
    for frame in frames:
        terms.extend(frame.terms.terms)
    for mask in masks:
        terms.extend(mask.terms.terms)
        terms.extend(mask.when.terms if mask.when is not None else ())
    for rule in rules:
        terms.extend(rule.unless.terms)
        terms.extend(t for trigger in rule.triggers for group in trigger.groups for t in group.terms)
    return Policy(
        semantic=_load_semantic(spec.semantic, source),
        version=spec.version,
        name=spec.name,
        source=source,
        default_language=spec.default_language,
        fallback_language=spec.fallback_language,
        rules=tuple(rules),
        queues=queues,
        routes=tuple(routes),
        messages=messages,
        lexicon=Lexicon(w for t in terms for w in t.words),
        masks=tuple(masks),
        frames=tuple(frames),
    )


def _compile_mask(spec: MaskSpec, source: str, raw_messages: dict[str, dict[str, str]]) -> Mask:
    where = f"{source}: mask {spec.id}"
    if spec.notice is not None and spec.notice not in raw_messages:
        raise PolicyError(f"{where}: meddelandet {spec.notice!r} finns inte under messages")
    when = _compile_terms(spec.when_any, f"{where}: when_any") if spec.when_any is not None else None
    return Mask(
        id=spec.id, terms=_compile_terms(spec.terms, f"{where}: terms"), when=when, notice=spec.notice
    )


@dataclass(frozen=True)
class SemanticPaths:
    model: Path
    calibration: Path
    examples: Path


def semantic_paths(policy_file: Path) -> SemanticPaths | None:
    """Where a policy file keeps its intent model, calibration and examples (None: no semantic part).

    Read without loading the model, so `tillit policy train` can build a model that is missing.
    """
    try:
        data = yaml.safe_load(policy_file.read_text(encoding="utf-8")) or {}
        spec = SemanticSpec.model_validate(data["semantic"]) if data.get("semantic") else None
    except (OSError, yaml.YAMLError, ValidationError, AttributeError) as exc:
        raise PolicyError(f"{policy_file}: semantic: {exc}") from None
    if spec is None:
        return None
    base = policy_file.resolve().parent
    return SemanticPaths(base / spec.model, base / spec.calibration, base / spec.examples)


def _load_semantic(spec: SemanticSpec | None, source: str) -> Semantic | None:
    if spec is None:
        return None
    paths = semantic_paths(Path(source))
    assert paths is not None
    model_path, calibration_path = paths.model, paths.calibration
    try:
        model = IntentModel.load(model_path)
    except IntentModelError as exc:
        raise PolicyError(f"{source}: semantic: {exc}") from None
    try:
        calibration = yaml.safe_load(calibration_path.read_text(encoding="utf-8")) or {}
        thresholds, sentence = _thresholds(calibration["thresholds"])
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PolicyError(
            f"{source}: semantic: {calibration_path}: trösklar saknas eller är ogiltiga ({exc})"
        ) from None
    if set(sentence) - {CRISIS}:
        raise PolicyError(f"{source}: semantic: egen tröskel för en mening finns bara för kris")
    unknown = set(thresholds) - set(model.classes)
    if unknown:
        raise PolicyError(f"{source}: semantic: trösklar för okända intents: {', '.join(sorted(unknown))}")
    try:
        vetoes = {str(k): float(v) for k, v in (calibration.get("vetoes") or {}).items()}
    except (TypeError, ValueError, AttributeError) as exc:
        raise PolicyError(f"{source}: semantic: {calibration_path}: ogiltiga vetogränser ({exc})") from None
    if set(vetoes) - {"handoff"}:
        raise PolicyError(f"{source}: semantic: vetogränser finns bara för handoff (aldrig för kris)")
    floor = spec.crisis_word_floor
    if floor and floor >= thresholds.get(CRISIS, 1.0):
        raise PolicyError(
            f"{source}: semantic: crisis_word_floor {floor:g} måste ligga under krisens tröskel"
            f" {thresholds.get(CRISIS, 1.0):g} (golvet håller bara tillbaka ord som exemplen"
            " nästan utesluter)"
        )
    framed = spec.crisis_word_floor_framed
    if framed and not floor <= framed < thresholds.get(CRISIS, 1.0):
        raise PolicyError(
            f"{source}: semantic: crisis_word_floor_framed {framed:g} måste ligga mellan"
            f" crisis_word_floor {floor:g} och krisens tröskel {thresholds.get(CRISIS, 1.0):g}"
        )
    return Semantic(
        model=model,
        thresholds=thresholds,
        examples=paths.examples,
        veto=vetoes.get("handoff"),
        sentence_thresholds=sentence,
        crisis_floor=floor,
        framed_floor=framed,
        framed_veto=spec.handoff_veto_framed,
    )


def _thresholds(raw: dict[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    """calibration.yaml `thresholds`: `intent: t`, or `intent: {message: t, sentence: t}` for an
    intent read on one sentence alone against a threshold of its own (crisis)."""
    thresholds: dict[str, float] = {}
    sentence: dict[str, float] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            thresholds[str(key)] = float(value["message"])
            sentence[str(key)] = float(value.get("sentence", value["message"]))
        else:
            thresholds[str(key)] = float(value)
    return thresholds, sentence


def _compile_rule(
    rs: RuleSpec,
    where: str,
    queues: dict[str, Queue],
    raw_messages: dict[str, dict[str, str]],
    seen: set[str],
) -> Rule:
    if rs.id in seen:
        raise PolicyError(f"{where}: id används redan av en tidigare regel")
    seen.add(rs.id)
    if rs.action not in ACTIONS:
        raise PolicyError(f"{where}: okänd action {rs.action!r} (tillåtna: {', '.join(ACTIONS)})")
    if rs.reason not in REASONS:
        raise PolicyError(f"{where}: okänd reason {rs.reason!r} (tillåtna: {', '.join(REASONS)})")
    if rs.queue is not None and rs.queue not in queues:
        raise PolicyError(f"{where}: okänd kö {rs.queue!r} (kända: {', '.join(queues)})")
    if rs.action in ("handoff", "crisis") and rs.queue is None:
        raise PolicyError(f"{where}: action {rs.action} kräver en kö (queue)")
    if rs.message not in raw_messages:
        raise PolicyError(f"{where}: meddelandet {rs.message!r} finns inte under messages")
    for placeholder in REQUIRED_PLACEHOLDERS.get(rs.action, ()):
        for lang, text in raw_messages[rs.message].items():
            if "{" + placeholder + "}" not in text:
                raise PolicyError(
                    f"{where}: meddelandet {rs.message} ({lang}) saknar platshållaren {{{placeholder}}}"
                )
    triggers = []
    for j, spec in enumerate(rs.match):
        if (spec.any is None) == (spec.all is None):
            raise PolicyError(f"{where}: match {j + 1}: ange antingen any eller all")
        groups = [spec.any] if spec.any is not None else list(spec.all or [])
        if not groups or any(not g for g in groups):
            raise PolicyError(f"{where}: match {j + 1}: tom termlista")
        triggers.append(Trigger(tuple(_compile_terms(g, f"{where}: match {j + 1}") for g in groups)))
    when = rs.when or WhenSpec()
    conditions = Conditions(
        handed_off=when.handed_off,
        min_unanswered_streak=when.min_unanswered_streak,
        pii_types=frozenset(when.pii_types) if when.pii_types is not None else None,
        max_words=when.max_words,
        question=when.question,
    )
    if rs.semantic is not None:
        intent, _, kind = rs.semantic.partition(":")
        if intent not in SEMANTIC_INTENTS or (kind and intent != CRISIS):
            raise PolicyError(f"{where}: semantic: okänd intent {rs.semantic!r}")
    if not triggers and conditions.empty and rs.semantic is None:
        raise PolicyError(f"{where}: regeln har varken match eller when och skulle fånga allt")
    return Rule(
        id=rs.id,
        kind=rs.kind,
        reason=rs.reason,
        action=rs.action,
        queue=rs.queue,
        route=rs.route,
        urgency=rs.urgency,
        message=rs.message,
        also_answer=rs.also_answer,
        audit=rs.audit,
        when=conditions,
        triggers=tuple(triggers),
        unless=_compile_terms(rs.unless, f"{where}: unless"),
        semantic=rs.semantic,
    )


def read_policy(path: Path, office: OfficeConfig | None = None) -> Policy:
    """Read, validate and compile one policy file (uncached)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"{path}: kan inte läsas ({exc.strerror or exc})") from None
    try:
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()
        raise PolicyError(f"{path}: inte giltig YAML ({' '.join(first[:3])})") from None
    return parse_policy(data, str(path), office)


@lru_cache(maxsize=8)
def _cached(path: Path, mtime_ns: int) -> Policy:
    return read_policy(path)


def load_policy(path: Path | str | None = None, office: OfficeConfig | None = None) -> Policy:
    """The policy at `path` (default: guardrails/config/policy.yaml).

    With the default office config the compiled policy is cached per file and modification
    time; with an explicit `office` it is compiled afresh (tests, other municipalities).
    """
    target = (Path(path) if path is not None else DEFAULT_POLICY_FILE).resolve()
    if office is not None:
        return read_policy(target, office)
    try:
        mtime = target.stat().st_mtime_ns
    except OSError as exc:
        raise PolicyError(f"{target}: kan inte läsas ({exc.strerror or exc})") from None
    return _cached(target, mtime)
