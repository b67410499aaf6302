"""Trigger matching: phrases, prefix words, gaps and regexes against one folded message.

A *term* in the policy file is one of
- a phrase: words that must appear in order and next to each other ("ta livet av mig");
  a word ending in `*` matches any word that starts with it ("självmord*"), `...` allows a gap of
  up to four words ("vill ... inte leva"); words of six letters or more also match one typo
  away ("årsräkninng", "sjalvmord") unless written `=word`;
- a regex, written `re:<pattern>`, searched in the folded text (see normalise.py).

A *trigger* is either `any: [terms]` (one term is enough) or `all: [[terms], [terms], ...]`
(every group must have a matching term somewhere in the message).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from guardrails.policy.normalise import deletions, fold_pattern, fold_phrase, fold_tokens, within_one
from guardrails.text.tags import strip_tags, tag_types

GAP = 4  # words allowed in a "..." gap
FUZZY_MIN = 6  # shorter words must match exactly: too many short words are one edit apart
# ("hotar"/"hittar", "maten"/"mannen" once doubled letters collapse)
FUZZY_PREFIX_MIN = 7  # "klaga*" must not match "klarar"
MEMO_SIZE = 50_000  # tokens whose matches are remembered between messages


class Lexicon:
    """Every word the policy's phrases use, indexed so a message is matched token by token.

    Matching once per message token (exact, typo and prefix look-ups) instead of once per policy
    word keeps assess() well under a millisecond for typical messages: most phrases are then
    rejected by one dictionary look-up of their first word.
    """

    def __init__(self, words: Iterable[Word]) -> None:
        self.exact: dict[str, list[Word]] = {}
        self.variants: dict[str, list[Word]] = {}
        self.prefixes: dict[str, list[Word]] = {}
        self.fuzzy_prefixes: dict[str, list[Word]] = {}
        seen: set[str] = set()
        for word in words:
            if word.key in seen:
                continue
            seen.add(word.key)
            if word.prefix:
                self.prefixes.setdefault(word.text, []).append(word)
                if word.fuzzy and len(word.text) >= FUZZY_PREFIX_MIN:
                    self.fuzzy_prefixes.setdefault(word.text[:1], []).append(word)
            else:
                self.exact.setdefault(word.text, []).append(word)
                for variant in word.variants:
                    self.variants.setdefault(variant, []).append(word)
        self.max_prefix = max((len(p) for p in self.prefixes), default=0)
        self._memo: dict[str, tuple[str, ...]] = {}

    def hits(self, tokens: list[str]) -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        for i, token in enumerate(tokens):
            keys = self._memo.get(token)
            if keys is None:
                keys = self._keys(token)
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()  # chat vocabulary is small; a full reset is simpler than LRU
                self._memo[token] = keys
            for key in keys:
                found.setdefault(key, set()).add(i)
        return found

    def _keys(self, token: str) -> tuple[str, ...]:
        """Keys of every policy word this token matches (exactly, as a typo, or by prefix)."""
        keys: dict[str, None] = {}
        for word in self.exact.get(token, ()):
            keys[word.key] = None
        if len(token) >= FUZZY_MIN - 1 and not any(c.isdigit() for c in token):
            for variant in {token, *deletions(token)}:
                for word in self.variants.get(variant, ()):
                    if typo_of(word.text, token):
                        keys[word.key] = None
        for k in range(1, min(len(token), self.max_prefix) + 1):
            for word in self.prefixes.get(token[:k], ()):
                keys[word.key] = None
        for word in self.fuzzy_prefixes.get(token[:1], ()):
            if _fuzzy_prefix(word.text, token):
                keys[word.key] = None
        return tuple(keys)


@dataclass
class MessageView:
    """One message prepared for matching: its folded tokens and which policy words occur where."""

    raw: str
    tokens: list[str]
    text: str
    tags: frozenset[str]
    hits: dict[str, set[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, message: str, lexicon: Lexicon) -> MessageView:
        # Redaction tags such as [PERSONNUMMER_1]: the type is kept for the policy, the tag is removed
        # from the text so "[NAMN_1]" never matches a trigger word like "namn".
        tags = tag_types(message)
        tokens = fold_tokens(strip_tags(message))
        return cls(raw=message, tokens=tokens, text=" ".join(tokens), tags=tags, hits=lexicon.hits(tokens))

    @property
    def word_count(self) -> int:
        return len(self.tokens)

    def positions(self, word: Word) -> set[int]:
        return self.hits.get(word.key, _NONE)

    def without(self, spans: Iterable[tuple[int, int]], lexicon: Lexicon) -> MessageView:
        """The same message with the tokens of `spans` (inclusive token ranges) left out, for the
        word rules only: a help line's name or a death long past is no crisis sign (policy `masks`)."""
        gone = {i for start, end in spans for i in range(start, end + 1)}
        tokens = [t for i, t in enumerate(self.tokens) if i not in gone]
        return MessageView(
            raw=self.raw, tokens=tokens, text=" ".join(tokens), tags=self.tags, hits=lexicon.hits(tokens)
        )


_NONE: set[int] = set()


def _fuzzy_prefix(prefix: str, token: str) -> bool:
    # Only for long prefixes (FUZZY_PREFIX_MIN): "sjlvmord" is a typo of "självmord*", but a short
    # prefix one edit from a token is usually another word ("klaga*" / "klarar").
    n = len(prefix)
    return any(typo_of(prefix, token[:k]) for k in (n - 1, n, n + 1) if k <= len(token))


def typo_of(word: str, token: str) -> bool:
    """One edit apart, and the first letter right: typos rarely hit the first letter, while
    real words often differ from each other only there ("lagen" / "slagen")."""
    return token[:1] == word[:1] and within_one(word, token)


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool
    fuzzy: bool
    variants: frozenset[str]
    key: str

    @classmethod
    def parse(cls, token: str) -> Word:
        exact = token.startswith("=")
        prefix = token.endswith("*")
        text = token.strip("=*")
        fuzzy = not exact and len(text) >= FUZZY_MIN and not any(c.isdigit() for c in text)
        variants = frozenset({text, *deletions(text)}) if fuzzy and not prefix else frozenset()
        kind = ("p" if prefix else "w") + ("~" if fuzzy else "=")
        return cls(text, prefix, fuzzy, variants, f"{kind}:{text}")


class TermError(ValueError):
    """A term cannot be compiled (empty phrase, bad regex)."""


@dataclass(frozen=True)
class Phrase:
    source: str
    segments: tuple[tuple[Word, ...], ...]

    @classmethod
    def parse(cls, source: str) -> Phrase:
        parts = [p for p in re.split(r"\.\.\.|…", source)]
        segments = []
        for part in parts:
            words = tuple(Word.parse(t) for t in fold_phrase(part.strip()))
            if not words:
                raise TermError(f"tom fras i {source!r}")
            segments.append(words)
        return cls(source, tuple(segments))

    def matches(self, view: MessageView) -> bool:
        return self._from(view, 0, 0, len(view.tokens))

    def spans(self, view: MessageView) -> list[tuple[int, int]]:
        """Token ranges (first, last) where the phrase matches, gaps included."""
        found = []
        for start in sorted(view.positions(self.segments[0][0])):
            end = self._end(view, 0, start)
            if end is not None:
                found.append((start, end))
        return found

    def _end(self, view: MessageView, seg: int, start: int) -> int | None:
        """The last token of a match whose segment `seg` starts at `start`, or None."""
        words = self.segments[seg]
        if any(start + offset not in view.positions(word) for offset, word in enumerate(words)):
            return None
        end = start + len(words) - 1
        if seg + 1 == len(self.segments):
            return end
        first = self.segments[seg + 1][0]
        for nxt in sorted(p for p in view.positions(first) if end < p <= end + 1 + GAP):
            last = self._end(view, seg + 1, nxt)
            if last is not None:
                return last
        return None

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for segment in self.segments for w in segment)

    def _from(self, view: MessageView, seg: int, lo: int, hi: int) -> bool:
        words = self.segments[seg]
        for start in sorted(view.positions(words[0])):
            if start < lo or start > hi:
                continue
            end = start
            for offset, word in enumerate(words[1:], start=1):
                if start + offset not in view.positions(word):
                    break
                end = start + offset
            else:
                if seg + 1 == len(self.segments):
                    return True
                if self._from(view, seg + 1, end + 1, end + 1 + GAP):
                    return True
        return False


@dataclass(frozen=True)
class Regex:
    source: str
    pattern: re.Pattern[str]

    @classmethod
    def parse(cls, source: str) -> Regex:
        body = source[3:].strip()
        if not body:
            raise TermError("tomt reguljärt uttryck")
        try:
            return cls(source, re.compile(fold_pattern(body)))
        except re.error as exc:
            raise TermError(f"ogiltigt reguljärt uttryck {body!r}: {exc}") from None

    @property
    def words(self) -> tuple[Word, ...]:
        return ()

    def matches(self, view: MessageView) -> bool:
        return self.pattern.search(view.text) is not None

    def spans(self, view: MessageView) -> list[tuple[int, int]]:
        """Token ranges the matches touch (view.text is the tokens joined by single spaces)."""
        starts = []
        offset = 0
        for token in view.tokens:
            starts.append(offset)
            offset += len(token) + 1
        found = []
        for match in self.pattern.finditer(view.text):
            if match.end() <= match.start():
                continue
            first = max(i for i, at in enumerate(starts) if at <= match.start())
            last = max(i for i, at in enumerate(starts) if at < match.end())
            found.append((first, last))
        return found


Term = Phrase | Regex


def compile_term(source: str) -> Term:
    if not isinstance(source, str) or not source.strip():
        raise TermError("tom term")
    if source.startswith("re:"):
        return Regex.parse(source)
    return Phrase.parse(source)


@dataclass(frozen=True)
class TermGroup:
    """Alternative terms; `anchors` (the first words of its phrases) let a message that contains
    none of them skip the group with one set operation, when the group has no regex."""

    terms: tuple[Term, ...]
    anchors: frozenset[str] | None = None

    @classmethod
    def of(cls, terms: Iterable[Term]) -> TermGroup:
        terms = tuple(terms)
        if any(isinstance(t, Regex) for t in terms):
            return cls(terms, None)
        return cls(terms, frozenset(t.segments[0][0].key for t in terms if isinstance(t, Phrase)))

    def __bool__(self) -> bool:
        return bool(self.terms)


def spans(group: TermGroup, view: MessageView) -> list[tuple[int, int]]:
    """Every token range where a term of the group matches."""
    if group.anchors is not None and group.anchors.isdisjoint(view.hits):
        return []
    return [span for term in group.terms for span in term.spans(view)]


def first_match(group: TermGroup, view: MessageView) -> str | None:
    if group.anchors is not None and group.anchors.isdisjoint(view.hits):
        return None
    for term in group.terms:
        if term.matches(view):
            return term.source
    return None


@dataclass(frozen=True)
class Trigger:
    """`any` (one group) or `all` (several groups): every group needs one matching term."""

    groups: tuple[TermGroup, ...]

    def match(self, view: MessageView) -> str | None:
        hits = []
        for group in self.groups:
            hit = first_match(group, view)
            if hit is None:
                return None
            hits.append(hit)
        return " + ".join(hits)
