"""Addresses without a street: a farm, a village, a named place where a person lives.

In the countryside an address is a place's name, not a street and a number: "Lilla Ekeby gård",
"Norrgården, Alby, 123 45 Ort", "Hof Lindenau", "Cortijo El Pinar", "Mäkelän tila", "с. Березівка".
Three general forms, in the languages spoken here:
- a head noun for a farm or a village with the place's capitalised name, after it (sv/no "gård",
  "torp", "by" + a number; fi "tila"; tr "köyü") or before it (de "Hof", "Gut"; es "Cortijo",
  "Finca", "Masía"; uk/ru "с.", "село");
- the capitalised name after a verb of living "on" a place (Swedish "bor på", "bott på", "flyttat
  till"? no: only "på", which Swedish uses for farms, islands, homes; "i" is a town), with one more
  capitalised part after a comma ("bor på Norrgården, Alby");
- one or two capitalised comma-separated parts right before a postcode and town ("Skogsbo,
  Hemgården 1, 123 45 Ort"): the lines of a rural address as they are written on an envelope. The
  postcode after such a place (also after "in", "i", "en") is taken with it; an authority's own
  postal lines are not a person's.
Cheap: one precompiled search for each form, the last only when the text holds a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import PUBLIC_BODY, Hit, public_owner

ADRESS = "ADRESS"
POSTNUMMER = "POSTNUMMER"

_UP = "A-ZÅÄÖÆØÜÉÇŞĞİÑÚÓÁÍ\u0400-\u042f\u0404\u0406\u0407\u0490"
_LO = "a-zåäöæøüéçşğıñúóáíèàß\u0430-\u045f\u0454\u0456\u0457\u0491'’-"
_CAP = rf"[{_UP}][{_LO}]+"
_NAME = rf"{_CAP}(?:[ \t]{_CAP}){{0,2}}"  # one to three capitalised words
_NUM = r"(?:[ \t]\d{1,4}[A-Za-z]?)?"
# a postcode and its town after the place: 3+2 digits (Swedish, Greek), 4 or 5 digits
_CODE = rf"(?:\d{{3}}[ \t]?\d{{2}}|\d{{4,5}})[ \t]{_CAP}(?:[ \t]{_CAP})?"

_HEAD_AFTER = re.compile(
    rf"(?<![\w])((?:(?:Lilla|Stora|Norra|Södra|Östra|Västra|Övre|Nedre|Nordre|Søndre)[ \t])?{_CAP}"
    rf"[ \t](?:gård|gard|gården|torp|torpet|säteri|tila|tilan|talo|köyü|çiftliği){_NUM}"
    rf"|{_CAP}s?[ \t]by[ \t]\d{{1,4}})(?![\w])"
)
_HEAD_BEFORE = re.compile(
    rf"(?<![\w])((?:Hof|Gut|Cortijo|Finca|Masía|Masia|Quinta|Caserío|с\.|село)[ \t]{_NAME})"
)
_LIVES_ON = re.compile(
    rf"(?<![\w])(?i:bor|bott|bodde|boende|bo)[ \t]på[ \t]((?:[A-ZÅÄÖ]{{2,4}}[ \t])?{_NAME}{_NUM}"
    rf"(?:,[ \t]{_NAME}{_NUM})?)(?![\w])"
)
# a street named without its number is no household ("vi bodde på Storgatan"; see addresses.py)
_BARE_STREET = re.compile(r"[^\W\d_]+(?:gatan|gata|vägen|väg|gränd|gränden|stigen|torget|street|road)(?:,|$)")
_WORDS = re.compile(r"[^\W\d_]+")
_STREET_PART = re.compile(
    r"(?:gatan|gata|vägen|väg|gränd|gränden|stigen|street|road|straße|strasse|gasse)\b"
    r"|(?<![\w])(?:Box|Postbox|Postfach|Pb|Apartado)[ \t]\d"
)
# after "bor på": a place whose name ends in a dwelling's word, or given with its number or a second
# part ("bor på Ekgården", "bor på Tallbo, Alby"); a bare district name is no household ("bor på
# Söder")
_DWELLING_END = ("gården", "gård", "holmen", "backen", "hagen", "torpet", "torp", "lunden", "ängen",
                 "udden", "viken", "näset", "stugan", "hemmet", "boendet", "byn")  # fmt: skip


def _dwelling(value: str) -> bool:
    if _BARE_STREET.match(value) is not None:
        return False
    first = value.split(",")[0].rstrip()
    return "," in value or any(c.isdigit() for c in value) or first.lower().endswith(_DWELLING_END)


_BEFORE_CODE = re.compile(rf"(?<![\w])((?:{_NAME}{_NUM},[ \t]){{1,2}})({_CODE})")
_CODE_AFTER = re.compile(rf",?[ \t](?:(?:i|in|en|w)[ \t])?({_CODE})")


# cheap first tests (substrings, no pattern): a head noun, a verb of living "on"; and a postcode
# after a comma for the envelope form
_HINTS = ("gård", "gard", "torp", "säteri", "tila", "talo", "köyü", "çiftliği", "Hof ", "Gut ", "Cortijo",
          "Finca", "Masía", "Masia", "Quinta", "Caserío", "с.", "село", " by ", "på")  # fmt: skip
_CODE_HINT = re.compile(r",[ \t]\d{3}")


def rural_addresses(text: str) -> Iterator[Hit]:
    """ADRESS hits for farm and village addresses, with the postcode line after them."""
    if not any(h in text for h in _HINTS):
        patterns: tuple[re.Pattern[str], ...] = ()
    else:
        patterns = (_HEAD_AFTER, _HEAD_BEFORE, _LIVES_ON)
    for pattern in patterns:
        for m in pattern.finditer(text):
            if pattern is _LIVES_ON and not _dwelling(m.group(1)):
                continue
            yield Hit(ADRESS, m.start(1), m.end(1), 0.6)
            code = _CODE_AFTER.match(text, m.end(1))
            if code is not None:
                yield Hit(POSTNUMMER, code.start(1), code.end(1), 0.6)
    if any(map(str.isdigit, text)) and _CODE_HINT.search(text) is not None:
        for m in _BEFORE_CODE.finditer(text):
            words = _WORDS.findall(m.group(1))
            if any(PUBLIC_BODY.match(w) for w in words) or public_owner(text, m.start(1)):
                continue  # an authority's own postal address ("Överförmyndaren, Box 1, ...")
            if _STREET_PART.search(m.group(1)) is not None:
                continue  # a street or Box line: the street rule's, with the name before it left out
            yield Hit(ADRESS, m.start(1), m.end(1) - 2, 0.6)
            yield Hit(POSTNUMMER, m.start(2), m.end(2), 0.6)
