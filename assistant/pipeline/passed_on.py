"""Text the writer passes on in an e-mail: a forwarded message or the earlier message a reply
quotes ("---------- Vidarebefordrat meddelande ----------", "-----Original Message-----",
"Den 3 mars skrev Anna:", or a block of "Från:/Till:/Ämne:" lines under the writer's own text).

Someone else wrote it, often to someone else ("kan du fråga överförmyndaren hur vi gör?"): its
questions are not what the writer asks the office, unless the writer asks nothing of their own.
A block runs from its opening line to a line of only dashes, underscores or equals signs, or to the
end of the message. The opening words are classes of wording kept in draft_cues.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).with_name("draft_cues.yaml")


def _cue_pattern(key: str) -> str:
    """The phrases under `key` in draft_cues.yaml as a regex alternation (any spaces between words)."""
    raw = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8")) or {}
    words = [str(p).split() for p in raw.get(key) or ()]
    return "|".join(r"\s+".join(re.escape(w) for w in p) for p in words if p) or "(?!)"


# "---------- Vidarebefordrat meddelande ----------", "Begin forwarded message:", "-----Original
# Message-----": the words of a passed-on block's opening line, with or without rules around them.
_OPENING = re.compile(
    rf"^[\s\-_=*<>]*(?:begin\s+)?(?:{_cue_pattern('passed_on_openings')})\b[\s\-_=*<>:]*$", re.IGNORECASE
)
# "Den 3 mars 2026 kl. 10:12 skrev [NAMN_1]:", "On Mon, 2 Mar 2026, [NAMN_1] wrote:": the verb,
# then at most the writer's name and address, then the colon that ends the line.
_QUOTE_INTRO = re.compile(
    rf"\b(?:{_cue_pattern('quote_intro_endings')})\b(?:\s+\S+){{0,3}}\s*:\s*$", re.IGNORECASE
)
# A line of only rule characters closes a block opened above it.
_RULE = re.compile(r"^\s*[-_=*]{5,}\s*$")
# "Från: …", "Till: …": two such lines in a row under the writer's own text open a pasted message.
_HEADER = re.compile(
    r"^\s*(?:från|from|till|to|skickat|sent|datum|date|kopia|cc|ämne|subject)\s*:", re.IGNORECASE
)


def _opens_block(lines: list[str], i: int, own_seen: bool) -> bool:
    line = lines[i].strip()
    if _OPENING.match(line) or (own_seen and _QUOTE_INTRO.search(line)):
        return True
    # A header block pasted under the writer's own text (headers at the very top are the e-mail's
    # own and are set aside elsewhere).
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return own_seen and bool(_HEADER.match(line)) and bool(_HEADER.match(following))


def own_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the writer's own lines, the lines of passed-on blocks), each in message order. A blank line
    stands where a block was, so the paragraphs around it stay apart."""
    own: list[str] = []
    passed: list[str] = []
    inside = False
    own_seen = False
    for i, line in enumerate(lines):
        if inside:
            if _RULE.match(line):
                inside = False
                own.append("")
            else:
                passed.append(line)
            continue
        if _opens_block(lines, i, own_seen):
            inside = True
            continue
        own.append(line)
        own_seen = own_seen or (bool(line.strip()) and not _HEADER.match(line.strip()))
    return own, passed
