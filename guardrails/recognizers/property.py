"""Fastighetsbeteckningar (property designations): "Björnbo 1:23", "Stockholm Sälgen 4:17",
"UPPSALA KÅBO 12:3", "fastigheten Tyresö Krusmyntan 7".

A designation is an optional municipality, a district or block name (one or two words) and a
block:unit number. It points at one household's property, so it is personal data. The
"word number:number" shape is also a page, a table, a Bible verse, a statute ("SFS 2017:725") or
a time ("Mötet 10:30"), so the evidence is weighed:

- after a property cue ("fastigheten", "fastighetsbeteckning", "tomten", "äger", ...) any such
  shape is taken, lower-case too, and also the colon-less city-block form ("Dragonen 3");
- without a cue, two or more capitalised words before the number (municipality + district) are
  enough, or an all-caps designation;
- a single capitalised word is taken mid-sentence only, when it is not an ordinary Swedish word
  ("Mötet", "Sidan") and not a document-reference word ("Kapitel", "Bilaga", "Taxa");
- a year as the first number ("2017:725") is a statute or a series, never a property.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, SwedishRecognizer
from guardrails.recognizers.clock_times import clock_time
from guardrails.recognizers.swedish_words import is_swedish_word

FASTIGHETSBETECKNING = "FASTIGHETSBETECKNING"

_L = "A-Za-zÅÄÖåäöÉéÜü"
_NAME = rf"[{_L}][{_L}-]*"
# up to three words, then block:unit ("3:14", also "3 : 15"; or, after a cue, a bare block number)
_SHAPE = re.compile(
    rf"(?<![\w:])((?:{_NAME}\s){{1,3}})(\d{{1,4}} ?: ?\d{{1,4}}|\d{{1,4}})(?![\d:])(?!\s?(?:kr|%|år|st)\b)"
)
_STRONG = (
    r"fastighet|fastigheten|fastigheter|fastigheterna|fastighetsbeteckning|fastighetsbeteckningen|"
    r"fastighetsbet\.|beteckning|beteckningen|tomt|tomten|tomträtt|tomträtten|lagfart|lagfarten|"
    r"jordbruksfastighet|skogsfastighet|property|real estate"
)
# Weak cues admit only the colon form ("äger Björnbo 1:23", not "äger Volvo 240").
_CUES = re.compile(r"(?<![\wåäö])(?:" + _STRONG + r"|äger|ägs|ägde|ärvt|ärvde)(?![\wåäö])", re.IGNORECASE)
_STRONG_CUES = re.compile(r"(?<![\wåäö])(?:" + _STRONG + r")(?![\wåäö])", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|(?:^|\n)[ \t]*[-*•])[ \t\"'(]*$")
_REFERENCE_WORDS = frozenset(
    [
        "sida",
        "sidan",
        "sidorna",
        "s",
        "kapitel",
        "kap",
        "bilaga",
        "bilagan",
        "avsnitt",
        "punkt",
        "tabell",
        "tabellen",
        "figur",
        "paragraf",
        "vers",
        "versen",
        "taxa",
        "taxan",
        "sfs",
        "sou",
        "prop",
        "ds",
        "nja",
        "mål",
        "version",
        "v",
        "klockan",
        "kl",
        "rum",
        "sal",
        "matteus",
        "markus",
        "lukas",
        "johannes",
        "psaltaren",
        "jesaja",
        "ordspråksboken",
        "predikaren",
        "romarbrevet",
        "page",
        "chapter",
        "section",
        "table",
        "figure",
        "verse",
        "psalm",
        "room",
        # Swedish statutes cited by chapter and section ("FB 11:2", "ÄB 18:1", "SoL 4:1")
        "fb",
        "äb",
        "brb",
        "jb",
        "rb",
        "äktb",
        "mb",
        "sfb",
        "ub",
        "hb",
        "pbl",
        "sol",
        "lss",
        "fl",
        "osl",
        "lvu",
        "lvm",
    ]
)
_STOP = frozenset(
    [
        "i",
        "på",
        "av",
        "för",
        "till",
        "från",
        "med",
        "om",
        "och",
        "eller",
        "vid",
        "under",
        "över",
        "hos",
        "mot",
        "som",
        "är",
        "var",
        "har",
        "den",
        "det",
        "en",
        "ett",
        "vi",
        "ni",
        "de",
        "han",
        "hon",
        "jag",
        "du",
        "nr",
        "nummer",
    ]
)


class FastighetRecognizer(SwedishRecognizer):
    ENTITIES = (FASTIGHETSBETECKNING,)

    def find(self, text: str) -> Iterator[Hit]:
        if not any(map(str.isdigit, text)):  # (map: no Python frame per character)
            return
        cues = [m.end() for m in _CUES.finditer(text)]
        strong = [m.end() for m in _STRONG_CUES.finditer(text)]
        if ":" not in text and not strong:
            return
        for m in _SHAPE.finditer(text):
            hit = self._judge(text, m, cues, strong)
            if hit is not None:
                yield hit

    def _judge(self, text: str, m: re.Match[str], cues: list[int], strong: list[int]) -> Hit | None:
        words = m.group(1).split()
        number = m.group(2)
        # keep only the words that can belong to the designation (drop "på", "i", cue words, ...)
        start_word = len(words)
        while start_word > 0:
            w = words[start_word - 1]
            if w.lower() in _STOP or _CUES.fullmatch(w) or w.lower() in _REFERENCE_WORDS:
                break
            start_word -= 1
        kept = words[start_word:]
        if not kept:
            return None
        offset = m.start(1) + len(" ".join(words[:start_word])) + (1 if start_word else 0)
        before = text[max(0, offset - 50) : offset]
        near = not re.search(r"[.!?\n]", before[-20:])
        cued = near and any(offset - 50 <= c <= offset for c in cues)
        block = number.split(":")[0]
        if len(block) == 4 and block.startswith(("19", "20")):
            return None  # "SFS 2017:725", "Taxa 2024:1"
        if any(len(part) > 1 and part.startswith("0") for part in number.replace(" ", "").split(":")):
            return None  # a designation's numbers have no leading zero: "Luleå 09:47" is a time
        if clock_time(text, number, offset):
            return None  # "07:15 Luleå C → ... till Tynnered 17:25": a timetable's time
        if ":" not in number and not (near and any(offset - 50 <= c <= offset for c in strong)):
            return None  # "Krusmyntan 7" needs a property cue: otherwise it is any word and a number
        if cued:
            return Hit(FASTIGHETSBETECKNING, offset, m.end(2), 0.85)
        while kept and not kept[0][0].isupper():  # "skriver att Uppsala Kåbo 5:12"
            offset += len(kept[0]) + 1
            kept = kept[1:]
        if not kept or not all(w[0].isupper() for w in kept):
            return None
        if len(kept) >= 2 or (all(w.isupper() for w in kept) and len(kept[0]) > 2):
            return Hit(FASTIGHETSBETECKNING, offset, m.end(2), 0.8)
        word = kept[0]
        if _SENTENCE_START.search(text[max(0, offset - 10) : offset]) or is_swedish_word(word):
            return None
        return Hit(FASTIGHETSBETECKNING, offset, m.end(2), 0.7)
