"""The words around a word that say whether it is a person's name: cues before a name ("jag heter",
"min mamma", "god man för", greetings, sign-offs, titles, roles) and what makes a capitalised word
a thing or a place instead (an indefinite article, an institution word, "i"/"in", a saint, a verse
number). Shared by the name rules (`names.py`) and the word model (`name_classifier.py`); the
greetings and sign-offs come from guardrails/text/data/salutations.yaml, the institution words from
institutions.yaml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from guardrails.recognizers.analysis_context import REQUESTED_LANGUAGE
from guardrails.text.diacritics import typed_without_marks
from guardrails.text.end_anchored import end_anchored
from guardrails.text.salutations import salutation_pattern


def message_language() -> str | None:
    """The language the caller named for the message being redacted (None: not named)."""
    return REQUESTED_LANGUAGE.get()


# Greetings and sign-offs of every language written here (guardrails/text/data/salutations.yaml):
# a name follows them ("Hej Anna", "Mvh Anna", "Pozdrawiam\nJan Kowalski").
_GREETINGS = salutation_pattern("greeting")
_SIGN_OFFS = salutation_pattern("sign_off")
# Cue words before a name. Strong cues also admit unknown and lower-case words.
# Naming phrases of the languages written to the office ("nazywam się", "me llamo", "magacaygu waa").
_FOREIGN_NAMING = (
    r"nazywam się|mam na imię|me llamo|mi nombre es|je m'appelle|je m’appelle|ich heiße|ich heisse|"
    r"mein name ist|minun nimeni on|nimeni on|benim adım|adım|magacaygu waa|magacayguna waa|"
    r"magacayga waa|magacaygu|меня зовут"
)
# Titles before a name: "Mrs Eleanor Whitfield", "Mr. Lindahl", "advokat C. Wennerholm", "pana Piotra".
_TITLES = (
    r"mrs\.?|mr\.?|ms\.?|miss|dr\.?|fru|herr|advokat|advokaten|doktor|pan|pani|pana|panią|panu|"
    r"señor|señora|sr\.|sra\.|frau|monsieur|madame|mme\.?"
)
STRONG_BEFORE = re.compile(
    r"(?<![\wåäö])(?:jag heter|heter jag|heter|mitt namn är|namnet är|namnet e|namn:|my name is|i am called|"
    # a form's name label in the languages written here ("Name: K. Becker", "Nombre: ...")
    r"name:|nombre:|nom:|nome:|nimi:|imię:|imie:|ime:|naam:|navn:|"
    r"i'm|jag är|" + _FOREIGN_NAMING + r"|" + _TITLES + r"|ang\.|angående|beträffande|regarding|"
    # asking for someone on the phone ("ask for Marguerite", "be att få prata med Iris")
    r"ask for|asked for|speak to|speak with|talk to|fråga efter|prata med|tala med|"
    r"min (?:mamma|mor|pappa|far|bror|syster|son|dotter|man|fru|sambo|moster|faster|morbror|"
    r"farbror|mormor|morfar|farmor|farfar|svärmor|svärfar|granne|kusin|vän|huvudman|"
    r"huvudmans?|klient|handläggare|advokat)|mitt barn|vår (?:bror|syster|mamma|pappa|son|dotter)|"
    r"my (?:mother|father|mum|mom|dad|brother|sister|son|daughter|husband|wife|neighbour|neighbor)|"
    r"hans (?:mamma|pappa|bror|syster|son|dotter|fru)|hennes (?:mamma|pappa|bror|syster|son|dotter|man)|"
    r"huvudmannen|huvudman:?|god man för|god man åt|god man till|god man:|gode mannen för|"
    r"förvaltare för|förvaltare åt|förvaltaren|förvaltare:|ställföreträdare för|"
    r"handläggaren|handläggare|socialsekreterare|" + _GREETINGS + r"|"
    r"c/o|att\.|till:|från:|från|mottagare:|kontoinnehavare:|avsändare:|" + _SIGN_OFFS + r"|"
    # e-mail headers and form labels that introduce a person ("To: Per Holmgren <...>")
    r"from:|to:|cc:|kopia:|kontaktperson:|kontakt:|contact:|contact person:|ombud:|sökande:|"
    r"kontohavare:?|account holder:?|owner:|ägare:|"
    r"(?:^|\n)[ \t]*(?:/|//|--))[,:]?[ \t]*$"
)
# Cues after which even a lower-case or unknown word is taken as a name ("jag heter dawit").
NAMING_BEFORE = re.compile(
    r"(?<![\wåäö])(?:jag heter|heter|mitt namn är|namnet är|namnet e|my name is|" + _FOREIGN_NAMING + r"|"
    r"min (?:mamma|mor|pappa|far|bror|syster|son|dotter|man|fru|sambo)|"
    r"hans (?:dotter|son|fru|bror|syster)|hennes (?:dotter|son|man|bror|syster)"
    r")[,!:]?[ \t]*$"
)
# "jag heter X": X is a name whatever word it is (unless a stop word or a verb: "min mamma heter").
CALLED_BEFORE = re.compile(
    r"(?<![\wåäö])(?:jag heter|heter|mitt namn är|namnet är|namnet e|my name is|"
    + _FOREIGN_NAMING
    + r")[,!:]?[ \t]*$"
)
# Introducing oneself or someone: a lower-case known name that is no ordinary word ("de e jonna",
# "hi im jessica", "this is ahmed"); a kinship word without a possessive ("ang pappa rolf").
SELF_BEFORE = re.compile(
    r"(?<![\wåäö])(?:det är|det e|de e|detta är|här är|im|i am|i'm|this is|it's|its|soy|olen|"
    r"pappa|mamma|mormor|morfar|farmor|farfar|morbror|farbror|moster|faster|bror|syster|dotter|"
    r"sonen|dottern|brodern|systern|dad|mum|mom|wife|husband|brother|sister|daughter|"
    # Ukrainian and Russian "I", "I am" before a name in Latin letters ("я yurii savchuk")
    r"я|мене звати|меня зовут|це|это)[,!:]?[ \t]*$"
)
# Introducing oneself: "det är Maj", "this is June" (a month that is a given name is one here).
SELF_INTRODUCTION = re.compile(r"(?<![\wåäö])(?:det är|det e|de e|här är|this is|it's|i'm|i am)[ \t]*$")
# "tommy här", "Anna här!": a known name introducing itself at the start of a sentence.
HERE_AFTER = re.compile(r"[ \t]+(?:här|here)(?![\wåäö])", re.IGNORECASE)
# "ahmed god man till ulla", "lisa, förvaltare för": a known name opening a sentence before the role
# its bearer holds (read like "tommy här").
ROLE_AFTER = re.compile(
    r",?[ \t]+(?:god man|gode man|förvaltare|ställföreträdare|guardian|trustee)(?![\wåäö])", re.IGNORECASE
)
# Roles held for one person, as "god man för" is: the word after them names that person.
_ROLE_FOR_ONE = r"(?:kontaktperson|stödperson|ombud|förmyndare) (?:för|åt)|contact person (?:for|of)"
# After a relation or a role, a lower-case word is a name when it is a known name that is no
# ordinary word, or no Swedish word at all ("god man för kerstin", "min moster birgitta").
RELATION_BEFORE = re.compile(
    r"(?<![\wåäö])(?:(?:min|mitt|mina|hans|hennes|vår|our|my|his|her) (?:mamma|mor|pappa|far|bror|syster|son|"
    r"dotter|man|fru|sambo|moster|faster|morbror|farbror|mormor|morfar|farmor|farfar|svärmor|svärfar|"
    r"granne|kusin|vän|huvudman|klient|handläggare|advokat|barn|barnbarn|brorson|systerson|brorsdotter|"
    r"systerdotter|kompis|väninna|pojkvän|flickvän|styvmor|styvfar|styvson|styvdotter|svåger|svägerska|"
    r"mother|father|mum|mom|dad|brother|sister|son|daughter|husband|wife|grandmother|grandfather|grandma|"
    r"grandpa|granny|grandson|granddaughter|aunt|uncle|cousin|niece|nephew|partner|friend|client|"
    r"stepmother|stepfather)|(?:mamma|mor|pappa|far|dotter|son|syster|bror|farmor|farfar|mormor|morfar|"
    r"förälder|vårdnadshavare|mother|father|daughter) (?:till|åt|of|to)|"
    r"huvudmannen|huvudman:?|god man (?:för|åt|till)|god man:|"
    r"gode mannen(?: för)?|förvaltare (?:för|åt)|förvaltaren|förvaltare:|ställföreträdare för|"
    r"handläggaren|handläggare|c/o|till:|från:|mottagare:|avsändare:|kontoinnehavare:|namn:|"
    r"from:|to:|cc:|kopia:|kontaktperson:|kontohavare:?|" + _ROLE_FOR_ONE + r"|"
    # roles in English ("my grandmas guardian lisa", "the trustee anna")
    r"(?:guardian|trustee)(?: of| for)?|caseworker|case worker|social worker|administrator|"
    r"jag är|" + _SIGN_OFFS + r")[,!:]?[ \t]*$"
)
# A relative: after "min dotter", "hans bror" any known name (even "lisa", "rosa") is the person.
KIN_BEFORE = re.compile(
    r"(?<![\wåäö])(?:(?:min|mitt|mina|hans|hennes|vår|our|my|his|her) (?:mamma|mor|pappa|far|bror|syster|son|"
    r"dotter|man|fru|sambo|moster|faster|morbror|farbror|mormor|morfar|farmor|farfar|svärmor|svärfar|"
    r"kusin|barn|barnbarn|brorson|systerson|brorsdotter|systerdotter|styvmor|styvfar|styvson|styvdotter|"
    r"mother|father|mum|mom|dad|brother|sister|son|daughter|husband|wife|grandmother|grandfather|grandma|"
    r"grandpa|granny|grandson|granddaughter|aunt|uncle|cousin|niece|nephew|stepmother|stepfather)"
    # "mamma till noah", "dotter till sigvard": the relative of a person named next
    r"|(?:mamma|mor|pappa|far|dotter|son|syster|bror|farmor|farfar|mormor|morfar|förälder|"
    r"vårdnadshavare|mother|father|daughter|son) (?:till|åt|of|to)"
    # "god man åt vera", "förvaltare för rut": a guardianship is for a person, whatever the word
    r"|gode? man (?:för|åt|till)|förvaltare (?:för|åt)|ställföreträdare för|guardian (?:of|for)|"
    # ... and so are the other roles held for one person ("kontaktperson för björn")
    + _ROLE_FOR_ONE
    + r"|"
    r"trustee (?:of|for))[,!:]?[ \t]*$"
)
# A relative or a role and then "is" ("my dad is robert nilsson", "min pappa är ..."): a full name
# (a known first name and a known surname) after it is the person, in lower case too.
KIN_IS_BEFORE = re.compile(
    r"(?<![\wåäö])(?:my|his|her|our|their|min|mitt|hans|hennes|vår|deras) (?:mother|father|mum|mom|dad|"
    r"brother|sister|son|daughter|husband|wife|grandmother|grandfather|grandma|grandpa|aunt|uncle|"
    r"client|mamma|mor|pappa|far|bror|syster|dotter|man|fru|sambo|huvudman|klient|farmor|farfar|"
    r"mormor|morfar|moster|faster|morbror|farbror)(?:'s name)? (?:is|was|är|var|e|heter)[ \t]+$"
)
# The role, relation and kin cues also typed without å, ä and ö ("god man for gosta", "forvaltare
# for"), as on a phone or a foreign keyboard.
STRONG_BEFORE = re.compile(typed_without_marks(STRONG_BEFORE.pattern), STRONG_BEFORE.flags)
RELATION_BEFORE = re.compile(typed_without_marks(RELATION_BEFORE.pattern), RELATION_BEFORE.flags)
KIN_BEFORE = re.compile(typed_without_marks(KIN_BEFORE.pattern), KIN_BEFORE.flags)
# A signature after a slash: "tack för hjälpen / sanna", "// ahmed".
SLASH_SIGN = re.compile(r"(?:^|\s)(?:/|//|--)[ \t]*$")
SIGN_OFF_BEFORE = re.compile(r"(?:(?:^|\s)(?:/|//|--)|(?<![\wåäö])(?:" + _SIGN_OFFS + r"))[,!.:]?[ \t\n]*$")
# Calling, asking or writing to someone: a lower-case known name that is no ordinary word.
CONTACT_BEFORE = re.compile(
    r"(?<![\wåäö])(?:ring|ringa|ringde|ringer|kontakta|kontaktade|fråga|frågade|prata med|pratade med|be|bad|"
    r"träffa|träffade|mejla|maila|sms:a|skriv till|hälsa till|hälsningar till|ask|call|tell|contact)[ \t]*$"
)
ENGLISH_CONTACT_BEFORE = re.compile(r"(?<![\w])(?:ask|call|tell|contact|phone|text|email)[ \t]*$")
GREETING_BEFORE = re.compile(r"(?<![\wåäö])(?:" + _GREETINGS + r")[,:]?[ \t]*$")
GREETING_CLAUSE = re.compile(r"(?<![\wåäö])(?:" + _GREETINGS + r")[,:][ \t]*$")
# A line that ends with a sign-off: the line after it is the signature.
SIGN_OFF = re.compile(r"(?<![\w])(?:" + _SIGN_OFFS + r")[,!.]?\s*$", re.IGNORECASE)
# A saint or a place named for one ("Sankt Göran och draken", "S:t Eriks gata"), not a person.
SAINT_BEFORE = re.compile(r"(?<![\w])(?:sankt|s:t|st\.|saint|san|santa|são|sveti|sveta)[ \t]$", re.IGNORECASE)
# The cues of bounded width are read before most words of a message: searched only over the tail
# where a match can start (guardrails/text/end_anchored.py; the same matches).
NAMING_BEFORE, CALLED_BEFORE, SELF_BEFORE, KIN_BEFORE, CONTACT_BEFORE, SAINT_BEFORE = map(  # type: ignore[assignment]
    end_anchored, (NAMING_BEFORE, CALLED_BEFORE, SELF_BEFORE, KIN_BEFORE, CONTACT_BEFORE, SAINT_BEFORE)
)


@cache
def institution_after() -> re.Pattern[str]:
    """A place or an institution right after a name ("Sunny Hill care home", "Solbacka äldreboende"):
    guardrails/text/data/institutions.yaml."""
    data = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "text" / "data" / "institutions.yaml").read_text(
            encoding="utf-8"
        )
    )
    phrases = sorted(
        {" ".join(str(p).lower().split()) for key, words in data.items() if key != "before" for p in words},
        key=len,
        reverse=True,
    )
    alternation = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(r"[ \t]+(?:" + alternation + r")(?![^\W\d_])", re.IGNORECASE)


@cache
def institution_before() -> re.Pattern[str]:
    """An association, a firm or a place named right before a proper name ("BRF Björken")."""
    data = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "text" / "data" / "institutions.yaml").read_text(
            encoding="utf-8"
        )
    )
    phrases = sorted(
        {" ".join(str(p).lower().split()) for p in data.get("before", ())}, key=len, reverse=True
    )
    alternation = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(r"(?<![^\W\d_])(?:" + alternation + r")[ \t]+$", re.IGNORECASE)


# "i"/"in" before one capitalised word: a place ("bor i Alby", "in Jordan"); a person is "hos"/"with"
_PLACE_PREPOSITION = re.compile(r"(?<![\wåäö])(i|in|bei)[ \t]$")
# the languages in which that word is "in" (Polish and BCS "i" is "and": "Marek i Bożena")
_PLACE_PREPOSITION_LANGUAGES = {
    "i": (None, "sv", "no", "nb", "da"),
    "in": (None, "en", "de", "nl"),
    "bei": ("de",),
}


def place_preposition(prefix: str) -> bool:
    m = _PLACE_PREPOSITION.search(prefix)
    return m is not None and message_language() in _PLACE_PREPOSITION_LANGUAGES[m.group(1)]


VERSE_AFTER = re.compile(r"\s\d{1,3}:\d{1,3}(?!\d)")
# Start of a sentence, a line, a list item, a heading or a table cell.
SENTENCE_END = re.compile(
    r"(?:^|[.!?:;\n|›¿¡]|(?:^|\n)[ \t]*(?:[-*•+>]|#{1,6}|\d{1,2}[.)]))[ \t]*[\"'«(*_¿¡]*[ \t]*$"
)
# An indefinite article right before a capitalised word: a thing of that make, not a person.
_ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:a|an|en|ett)[ \t]$")


def article_before(prefix: str) -> bool:
    """An English or Swedish indefinite article ends `prefix`, in a message of that language (or of
    none named): Spanish "llama a Luz" and Italian "a Maria" put a preposition there, not an article."""
    m = _ARTICLE_BEFORE.search(prefix)
    if m is None:
        return False
    requested = message_language()
    english = m.group(0).strip() in ("a", "an")
    return requested is None or requested == ("en" if english else "sv")


_INTRODUCTIONS = Path(__file__).resolve().parent.parent / "names_data" / "introductions.yaml"


@cache
def _introduction_pattern(language: str) -> tuple[frozenset[str], re.Pattern[str]] | None:
    """The last words of the language's introductions (a cheap first look) and the pattern."""
    data = yaml.safe_load(_INTRODUCTIONS.read_text(encoding="utf-8")) or {}
    phrases = sorted({str(p).lower() for p in data.get(language) or ()}, key=lambda p: (-len(p), p))
    if not phrases:
        return None
    alternation = "|".join(r"[ \t]+".join(re.escape(w) for w in p.split()) for p in phrases)
    last_words = frozenset(p.split()[-1] for p in phrases)
    return last_words, re.compile(r"(?<![\w])(?:" + alternation + r")[,!:]?[ \t]*$")


def introduced_before(prefix_l: str) -> bool:
    """The lower-cased text before a word ends in a word of the message's own language that
    introduces a person (names_data/introductions.yaml): "to marek", "ja sam dino", "isä veikko"."""
    language = message_language()
    found = _introduction_pattern(language) if language else None
    if found is None:
        return False
    last_words, pattern = found
    words = prefix_l.rstrip(" \t,!:").split()
    if not words or words[-1] not in last_words:
        return False
    return pattern.search(prefix_l) is not None
