"""Which way an answer to a yes/no question goes: `answer_polarity(text, language)`.

A case with `expect_answer: "yes"|"no"` passes only when the answer states that polarity, so an
answer that has the right words but says the opposite ("Du behöver inte samtycke") fails.

The answer's lead decides:

1. An explicit yes or no word opening the answer ("Ja, …", "Nej.", "Yes –", "Kyllä", "نعم",
   "Evet", …) in Swedish, English or a common other language.
2. Otherwise its first sentence: a negation there ("inte", "ej", "aldrig", "not", "never", "n't",
   "ei", "nicht", "لا", …) reads as no — except a negation that only qualifies ("inte bara",
   "not only") or sits in an "unless" clause ("om du inte", "if you do not", "såvida inte"); a first
   sentence without negation reads as yes.
3. An empty answer has no polarity (None).

This reads the answer the way a person skimming it would; it is a heuristic, documented in
evals/README.md, and the cases that use it are short factual yes/no questions.
"""

from __future__ import annotations

import re
import unicodedata

from guardrails.text.sentences import split_sentences

_MARKER = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# Lead words per language; Swedish and English always apply, the others for their language.
_YES = {
    "sv": {"ja", "jo", "javisst", "visst", "absolut", "japp"},
    "en": {"yes", "yeah", "yep", "certainly", "absolutely"},
    "fi": {"kyllä", "joo", "juu"},
    "de": {"ja", "jawohl", "doch"},
    "no": {"ja", "jo"},
    "da": {"ja", "jo"},
    "fr": {"oui"},
    "es": {"sí", "si"},
    "it": {"sì", "si"},
    "pl": {"tak"},
    "ru": {"да"},
    "uk": {"так"},
    "tr": {"evet"},
    "ar": {"نعم", "أجل", "بلى"},
    "fa": {"بله", "آره", "بلی"},
    "so": {"haa", "haah"},
    "ti": {"እወ"},
    "bs": {"da"},
    "hr": {"da"},
    "sr": {"da"},
}
_NO = {
    "sv": {"nej", "nä", "nix"},
    "en": {"no", "nope"},
    "fi": {"ei", "eikä"},
    "de": {"nein"},
    "no": {"nei"},
    "da": {"nej"},
    "fr": {"non"},
    "es": {"no"},
    "it": {"no"},
    "pl": {"nie"},
    "ru": {"нет"},
    "uk": {"ні"},
    "tr": {"hayır"},
    "ar": {"لا", "كلا"},
    "fa": {"نه", "خیر"},
    "so": {"maya"},
    "ti": {"ኣይ"},
    "bs": {"ne"},
    "hr": {"ne"},
    "sr": {"ne"},
}
_NEGATIONS = {
    "sv": {"inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "ingenting", "varken", "nej"},
    "en": {"not", "never", "no", "none", "neither", "cannot", "nobody", "nothing"},
    "fi": {"ei", "eivät", "en", "et", "emme", "ette", "eikä"},
    "de": {"nicht", "kein", "keine", "keinen", "nie", "niemals"},
    "no": {"ikke", "aldri", "ingen"},
    "da": {"ikke", "aldrig", "ingen"},
    "fr": {"pas", "jamais", "aucun", "aucune"},
    "es": {"no", "nunca", "ningún", "ninguna"},
    "it": {"non", "mai"},
    "pl": {"nie", "nigdy"},
    "ru": {"не", "нет", "никогда"},
    "uk": {"не", "ні", "ніколи"},
    "tr": {"değil", "hayır", "yok"},
    "ar": {"لا", "ليس", "ليست", "لن", "لم"},
    "fa": {"نه", "نمی", "نیست", "نباید", "ندارد", "نمیتوانید"},
    "so": {"ma", "maya"},
    "bs": {"ne", "nije"},
    "hr": {"ne", "nije"},
    "sr": {"ne", "nije"},
}
# A negation right after one of these only qualifies ("inte bara" = "not only").
_QUALIFIED = {"bara", "endast", "enbart", "only", "just", "nur"}
# A negation within a few words after one of these is a condition, not the answer ("om du inte").
_CONDITIONS = {"om", "såvida", "ifall", "if", "unless", "wenn", "jos", "si"}
_CONDITION_REACH = 3


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _words_for(table: dict[str, set[str]], language: str) -> set[str]:
    return table["sv"] | table["en"] | table.get(language, set())


def _words(text: str) -> list[str]:
    out: list[str] = []
    for word in _WORD.findall(_fold(text)):
        word = word.replace("’", "'")
        if word.endswith("n't"):
            out.extend((word[:-3], "not"))
        else:
            out.append(word)
    return out


def _first_sentence(text: str) -> str:
    cleaned = _MARKER.sub("", text).strip()
    for part in split_sentences(cleaned):
        if _WORD.search(part):
            return part
    return ""


def _negated(words: list[str], negations: set[str]) -> bool:
    for i, word in enumerate(words):
        if word not in negations:
            continue
        if i + 1 < len(words) and words[i + 1] in _QUALIFIED:
            continue
        if any(w in _CONDITIONS for w in words[max(0, i - _CONDITION_REACH) : i]):
            continue
        return True
    return False


def answer_polarity(text: str, language: str = "sv") -> str | None:
    """"yes", "no" or None (no answer, or no clear polarity) for an answer to a yes/no question."""
    sentence = _first_sentence(text)
    words = _words(sentence)
    if not words:
        return None
    yes, no = _words_for(_YES, language), _words_for(_NO, language)
    lead = words[0]
    if lead in yes and lead not in no:
        return "yes"
    if lead in no and lead not in yes:
        return "no"
    return "no" if _negated(words, _words_for(_NEGATIONS, language)) else "yes"
