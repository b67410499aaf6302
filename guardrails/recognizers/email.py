"""E-mail addresses, including the common obfuscations ("anna(at)exempel.se", "karl . berg @ telia . se").

A plain regex with a letters-only top-level domain: no tldextract, so nothing ever fetches a
public-suffix list at run time. The text is folded first (`guardrails.folding`), so a full-width
"＠" or a zero-width space inside an address is already plain here.

Written-out forms ("peter.smith at gmail dot com") are only taken when the address ends in a
top-level domain people actually use: "me at peter.smith" is English, not an address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guardrails.recognizers.base import Hit, SwedishRecognizer
from guardrails.text.email_words import spoken_marks

EPOST = "EPOST"

# Any letters in the local part and the domain ("josé.garcía@correo.es", "åsa@företag.se").
_LOCAL = r"[\w.%+'-]*[\w%+-]"
_DOMAIN = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[A-Za-z]{2,24}"
_EMAIL = re.compile(r"(?<![\w.+-])" + _LOCAL + r"\s?@\s?" + _DOMAIN + r"(?![\w-])")
# "karl . berg @ telia . se": spaces around the dots as well as around the "@"
_WORD = r"[\w%+'-]+"
_SPACED = re.compile(
    r"(?<![\w.+-])" + _WORD + r"(?:\s?\.\s?" + _WORD + r")*\s?@\s?"
    r"[A-Za-z0-9ÅÄÖåäö-]+(?:\s?\.\s?[A-Za-z0-9ÅÄÖåäö-]+)*\s?\.\s?[A-Za-z]{2,24}(?![\w-])"
)
_TLDS = (
    "com|se|nu|net|org|info|biz|eu|fi|no|dk|is|ee|de|uk|co|io|me|ru|ua|fr|es|it|pl|nl|be|ch|at|tr|"
    "ir|iq|sy|so|er|et|ba|rs|hr|gr|us|ca|au|edu|gov|email|online|mail"
)
# "@" and "." said in the languages written here (guardrails/text/data/email_words.yaml)
_SPOKEN_AT = spoken_marks("at")
_SPOKEN_DOT = spoken_marks("dot")
_AT_WORDS = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in _SPOKEN_AT.latin)
_DOT_WORDS = "|".join(re.escape(w) for w in _SPOKEN_DOT.latin)
_AT_HINTS = tuple(w for w in _SPOKEN_AT.latin if w != "at")
_AT = (
    r"\s?(?:\(at\)|\[at\]|\{at\}|\(a\)|\[a\]|\(@\)|\[@\]|\(snabel-a\)|\[snabel-a\]|"
    r"[(\[{](?:" + _AT_WORDS + r")[)\]}]|\s(?:" + _AT_WORDS + r")\s|\s?@\s?)\s?"
)
# "." also "defanged" in brackets ("gmail[.]com", "o2(.)pl")
_DOT = r"\s?(?:\.|[(\[{]\.[)\]}]|[(\[{](?:" + _DOT_WORDS + r")[)\]}]|\s(?:" + _DOT_WORDS + r")\s)\s?"
_OBFUSCATED = re.compile(
    r"(?<![\w.+-])"
    + _LOCAL
    + r"(?:"
    + _DOT
    + _LOCAL
    + r"){0,3}"
    + _AT
    + r"(?:[A-Za-z0-9ÅÄÖåäö-]+"
    + _DOT
    + r")+(?:"
    + _TLDS
    + r")(?![\w-])",
    re.IGNORECASE,
)
# "a n n a @ g m a i l . c o m": one character at a time
# (a comma or full stop may follow it: "... c o m، اسم ...")
_LETTER_SPACED = re.compile(r"(?<!\S)(?:[\w.+-] ){2,64}@(?: [\w.-]){3,64}(?=[\s,;:!?،؛)\]]|[.](?!\S)|$)")


# "reza.tehrani ات یاهو دات کام", "yonas.t ኣት gmail ነጥቢ com": "@" said in another script than the
# local part's, then domain words joined by a spoken or written dot (any words: the writer switched
# script for the marks, which no sentence does by accident)
_SCRIPT_AT = "|".join(re.escape(w) for w in _SPOKEN_AT.other_script)
_ANY_DOT = "|".join(re.escape(w) for w in (*_SPOKEN_DOT.other_script, *_SPOKEN_DOT.latin))
_DOMAIN_WORD = r"[^\W_][\w-]{0,30}"
_SPOKEN_SEP = rf"(?:\s*\.\s*|\s+(?:{_ANY_DOT})\s+)"
_SCRIPT_SPOKEN = re.compile(
    rf"(?<![\w.+-]){_LOCAL}(?:\s+(?:{_SCRIPT_AT})\s+|\s?[(\[{{](?:{_SCRIPT_AT})[)\]}}]\s?)"  # also "(собака)"
    rf"{_DOMAIN_WORD}(?:{_SPOKEN_SEP}{_DOMAIN_WORD}){{1,3}}(?![\w-])",
    re.IGNORECASE,
)


# "ahmad.saleh في gmail.com": a local part in Latin letters, one word of another script in place of
# the "@" (any word: a writer switching script for one word between the two halves of an address is
# saying the mark), and a domain written with its dot and a top-level domain people use.
_NON_LATIN_WORD = r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]{1,12}"
_SWITCHED_AT = re.compile(
    # the local part joined by a dot, underscore or digits ("ahmad.saleh", "amra_b", "reza82"): a
    # single word ("Google في www.google.com", Google on its website) is no address; nor a "www." host
    rf"(?<![\w.+-])[A-Za-z][A-Za-z0-9]*(?:[._%+-][A-Za-z0-9]+|\d)[\w.%+'-]*\s+{_NON_LATIN_WORD}\s+"
    rf"(?!www\.)(?:[A-Za-z0-9-]+\.)+(?:{_TLDS})(?![\w-])",
    re.IGNORECASE,
)
_NON_LATIN_HINT = re.compile(r"[A-Za-z0-9]\s+[^\W\d_A-Za-z\u00c0-\u024f]")


class EpostRecognizer(SwedishRecognizer):
    ENTITIES = (EPOST,)

    def find(self, text: str) -> Iterator[Hit]:
        if "@" in text:
            for m in _EMAIL.finditer(text):
                yield Hit(EPOST, m.start(), m.end(), 0.95)
            if " @" in text or "@ " in text or " ." in text:
                for m in _SPACED.finditer(text):
                    yield Hit(EPOST, m.start(), m.end(), 0.8)
                for m in _LETTER_SPACED.finditer(text):
                    if "." in m.group(0).split("@", 1)[1]:
                        yield Hit(EPOST, m.start(), m.end(), 0.75)
        lowered = text.lower()
        if (
            "at" in lowered
            or "snabel" in lowered
            or "(a)" in lowered
            or "[a]" in lowered
            or "@" in text
            or any(map(lowered.__contains__, _AT_HINTS))
        ):
            for m in _OBFUSCATED.finditer(text):
                yield Hit(EPOST, m.start(), m.end(), 0.7)
        if "." in text and _NON_LATIN_HINT.search(text):
            for m in _SWITCHED_AT.finditer(text):
                yield Hit(EPOST, m.start(), m.end(), 0.65)
        if any(w in lowered for w in _SPOKEN_AT.other_script):
            for m in _SCRIPT_SPOKEN.finditer(text):
                yield Hit(EPOST, m.start(), m.end(), 0.7)
