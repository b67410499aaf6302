"""Person names without an NER model: gazetteer + capitalisation + context, with a common-word filter.

No Swedish NER model can be installed here, so names are found the way a careful reader would:

- a capitalised word that is a known first or last name (names common in Sweden and in the
  languages spoken in Stockholm, from names-dataset) is a name, and so are the capitalised words
  joined to it ("Anna-Karin Öberg", "Juan Carlos Rojas");
- a known name that is also an ordinary Swedish word ("Björn", "Rosa", "Per", "Bo", "Berg") needs
  support: another name next to it, a cue before it ("jag heter", "min mamma", "god man för",
  "Hej X,", a signature line) or, at the start of a sentence, a verb after it ("Björn såg en
  björn" -> the first Björn is a person, the bear is not; "Rosa tröjor", "Per månad" are not);
- an unknown capitalised word counts only after a strong cue ("jag heter Xyz", "Hej Xyz,") or
  in a signature after "Med vänliga hälsningar";
- lower-case names (SMS style: "jag heter anna svensson") count only after a strong cue.

The trade-off is recall over precision for known names (a capitalised known name mid-sentence is
taken even without context) and precision over recall for unknown names (without a cue they
pass). guardrails/README.md explains it and the measured effect.
"""

from __future__ import annotations

import gzip
import re
import threading
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

from guardrails.recognizers.analysis_context import MIXED_SCRIPT_WORDS, REQUESTED_LANGUAGE
from guardrails.recognizers.base import PUBLIC_BODY, Hit, SwedishRecognizer
from guardrails.recognizers.digit_chains import Taken
from guardrails.recognizers.email_names import names_from_emails
from guardrails.recognizers.firm_forms import before_firm_form
from guardrails.recognizers.form_fields import form_values
from guardrails.recognizers.function_words import (
    STOP_WORD_LANGUAGE,
    english_stop_words,
    function_words,
    swedish_stop_words,
)
from guardrails.recognizers.greek_names import greek_names, has_greek
from guardrails.recognizers.id_holders import names_before_ids, names_beside_personnummer
from guardrails.recognizers.initials import initials_alone
from guardrails.recognizers.name_cues import (
    CALLED_BEFORE,
    CONTACT_BEFORE,
    ENGLISH_CONTACT_BEFORE,
    GREETING_BEFORE,
    GREETING_CLAUSE,
    HERE_AFTER,
    KIN_BEFORE,
    KIN_IS_BEFORE,
    NAMING_BEFORE,
    RELATION_BEFORE,
    ROLE_AFTER,
    SAINT_BEFORE,
    SELF_BEFORE,
    SELF_INTRODUCTION,
    SENTENCE_END,
    SIGN_OFF,
    SIGN_OFF_BEFORE,
    SLASH_SIGN,
    STRONG_BEFORE,
    VERSE_AFTER,
    article_before,
    institution_after,
    institution_before,
    introduced_before,
    message_language,
    place_preposition,
)
from guardrails.recognizers.name_evidence import (
    birth_cue_after,
    calendar_word,
    date_word,
    english_finite_verb_after,
    language_word,
    owner_of_personal_thing,
    person_verb,
    thanked,
)
from guardrails.recognizers.name_particles import particle_names
from guardrails.recognizers.place_heads import after_place_head
from guardrails.recognizers.script_names import NAMING_CUE, find_script_names, has_script_letters
from guardrails.recognizers.signed_initials import signed_initials
from guardrails.recognizers.swedish_words import (
    bare_entry,
    is_headword,
    is_swedish_word,
    is_swedish_word_without_accents,
)
from guardrails.recognizers.word_surnames import word_surnames
from guardrails.text.diacritics import fold_diacritics, marked_words
from guardrails.text.english_words import is_english_word
from guardrails.text.salutations import salutation_endings, salutation_pattern

NAMN = "NAMN"
NAMES_FILE = Path(__file__).resolve().parent.parent / "names_data" / "names.tsv.gz"

# Every Latin letter (Latin-1, Latin Extended-A/B and Additional: "Zieliński", "Ţepeş", "Nguyễn")
_LATIN = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)) if chr(c).isalpha()]
_UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
_LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
_WORD = re.compile(
    rf"(?<![\w'’-])([{_UPPER}{_LOWER}][{_LOWER}{_UPPER}]*(?:['’-][{_UPPER}{_LOWER}][{_LOWER}{_UPPER}]*)*)(?![\w])"
)
_CAPITAL = re.compile(rf"[{_UPPER}]")
# One capital and a dot after a first name: the surname's initial ("Gunilla Å., 19480314-XXXX")
_SURNAME_INITIAL = re.compile(rf"[ \t][{_UPPER}]\.(?=[\s,;:)]|$)")

# (not an acronym: "SEK. Receipts" has no initials)
_INITIALS = re.compile(r"(?<![\w.])((?:[A-ZÅÄÖ](?![A-ZÅÄÖ])\.?[ \t]?-?){1,3})[ \t]*$")
_LOWER_INITIALS = re.compile(r"(?<![\w.])((?:[a-zåäö]\.[ \t]?){1,2})[ \t]*$")
_LOWER_WORD_AFTER = re.compile(rf" [{_LOWER}]")
# Words after a sentence-initial ambiguous name that show it is the subject of a sentence.
_VERBS = frozenset(
    [
        "är",
        "var",
        "har",
        "hade",
        "ska",
        "skulle",
        "vill",
        "ville",
        "kan",
        "kunde",
        "måste",
        "bor",
        "bodde",
        "ringde",
        "ringer",
        "skrev",
        "skriver",
        "sa",
        "sade",
        "säger",
        "såg",
        "ser",
        "fick",
        "får",
        "behöver",
        "vet",
        "tycker",
        "tror",
        "kommer",
        "kom",
        "gick",
        "går",
        "blev",
        "blir",
        "fyller",
        "fyllde",
        "heter",
        "mår",
        "dog",
        "avled",
        "flyttade",
        "flyttar",
        "jobbar",
        "arbetar",
        "undrar",
        "önskar",
        "och",
        "sitter",
        "satt",
        "hälsar",
        "tackar",
        "svarar",
        "svarade",
        "skickade",
        "skickar",
        "betalade",
        "betalar",
        "verkar",
        "ligger",
        "låg",
        "lever",
        "levde",
        "is",
        "was",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "called",
        "lives",
        "lived",
        "and",
        "wants",
        "wanted",
        "här",
        "here",
    ]
)
# A list goes on after the word: ", vit eller blå", ", gul och grön"
# A list goes on after the word: ", vit eller blå", ", gul och grön", or lower-case words to an end
# mark (", sax, påse!")
_LISTED_AFTER = re.compile(
    r",\s*[^\W\d_]+(?:,\s*[^\W\d_]+)*\s+(?:och|eller|and|or|samt)\s"
    r"|(?-i:,\s*[^\W\d_A-ZÅÄÖ]+(?:,\s*[^\W\d_A-ZÅÄÖ]+)+\s*[!.?…])",
    re.IGNORECASE,
)
# The word ends the greeting: a mark or the line's end follows it ("Hej Maj!", "Hej Rut,").
_VOCATIVE_END = re.compile(r"[ \t]*(?:[,!.?:]|$)", re.MULTILINE)

_SENTENCE_CLOSE = re.compile(r"[ \t]*(?:[.!?;)]|,[ \t]|\n|$)")
_PERSON_AFTER_AND = frozenset(
    ["jag", "vi", "hon", "han", "hen", "min", "mitt", "mina", "hans", "hennes", "i", "me"]
)
_SUBJECT_PRONOUNS = frozenset(
    ["jag", "du", "han", "hon", "hen", "vi", "ni", "de", "man", "i", "you", "we", "they"]
)
# (a street's own name stands before its street word: "Wallén", "Hallén" are surnames, not "W" + "allén")
_STREET_WORD = re.compile(
    r"(?<=[^\W\d_]{3})(?:gatan|vägen|gränd|stigen|backen|torget|stråket|gången|allén|leden|svängen|platsen)$"
)
# Lower-case particles inside a name: "Ebba von Rosen", "Ali bin Ahmed", "Sara van der Berg".
_PARTICLES = frozenset(
    [
        "af",
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "bint",
        "ben",
        "abu",
        "al",
        "el",
        "zu",
        "ter",
        "ten",
    ]
)
_ON_BEFORE = re.compile(r"(?<![\wåäö])på[ \t]$")


def place_on(prefix: str, word: str) -> bool:
    """ "på Söder", "på Kungsholmen": one capitalised ordinary Swedish word after "på" is a part of
    town or a place. A name that is no word ("hälsa på Anna") or one of Sweden's common first names
    ("väntar på Rut") is still a person."""
    if _ON_BEFORE.search(prefix) is None or not is_swedish_word(word.lower()):
        return False
    info = gazetteer().lookup(word)
    return not (info is not None and info.first and info.rank <= _COMMON_FIRST_NAME_RANK)


# Words that look like names to the gazetteer but are structure in this office's mail.
_NEVER = frozenset(
    [
        "Jag",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Miss",
        "Herr",
        "Fru",
        "Frau",
        # German writes every noun in capitals: the relation before a name is no part of it
        # ("meiner Mutter Ingeborg Wallén")
        "Mutter",
        "Vater",
        "Bruder",
        "Schwester",
        "Sohn",
        "Tochter",
        "Onkel",
        "Tante",
        "Oma",
        "Opa",
        "Großmutter",
        "Großvater",
        "Ehemann",
        "Ehefrau",
        "Betreuer",
        "Betreuerin",
        "Pani",
        "Pana",
        "Sra",
        "Advokat",
        "Du",
        "Vi",
        "Ni",
        "Han",
        "Hon",
        "Hen",
        "De",
        "Det",
        "Den",
        "Min",
        "Mitt",
        "Mina",
        "Din",
        "Hans",
        "Hennes",
        "Er",
        "Vår",
        "God",
        "Gode",
        "Man",
        "Hej",
        "Hejsan",
        "Tack",
        "Mvh",
        "Med",
        "Till",
        "Från",
        "Om",
        "Och",
        "Eller",
        "Men",
        "Box",
        "Lgh",
        "Tel",
        "Mobil",
        "Mail",
        "Ring",
        "Kap",
        "FB",
        "ÖF",
        "Överförmyndaren",
        "Överförmyndarförvaltningen",
        "Skatteverket",
        "Försäkringskassan",
        "Kronofogden",
        "Pensionsmyndigheten",
        "Socialtjänsten",
        "Tingsrätten",
        "Stockholm",
        "Stockholms",
        "Sverige",
        "Swedbank",
        "Nordea",
        "Handelsbanken",
        "SEB",
        "Danske",
        "ICA",
        "BankID",
        "Kivra",
        "PostNord",
        "Kontaktcenter",
        "Kontaktcentret",
        "Ämne",
        "Skickat",
        "Svar",
        "Dear",
        "Hi",
        "Hello",
        "Best",
        "Kind",
        "Regards",
        "Thanks",
        "Thank",
        "Please",
        "The",
        "My",
        "I",
        # the English "I" with its verb: a pronoun, as "I" is
        "I'm",
        "I’m",
        "I've",
        "I’ve",
        "I'll",
        "I’ll",
        "I'd",
        "I’d",
        "Your",
        "Our",
        "We",
        "You",
        "He",
        "She",
    ]
)


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.sv.stop_words import STOP_WORDS as SV

    # spaCy's Swedish list lacks some of the most frequent words ("är", "vet", "har"...)
    extra = [
        "är",
        "var",
        "vara",
        "varit",
        "har",
        "hade",
        "ha",
        "vet",
        "kan",
        "ska",
        "skall",
        "vill",
        "får",
        "fick",
        "kom",
        "går",
        "gick",
        "gör",
        "gjorde",
        "blir",
        "blev",
        "sa",
        "säger",
        "tack",
        "hej",
        "hejsan",
        "ok",
        "okej",
        "ja",
        "nej",
        "nu",
        "då",
        "sen",
        "också",
        "bara",
        "även",
        "inte",
        "aldrig",
        "alltid",
        "igen",
        "redan",
        "snart",
        "idag",
        "igår",
        "imorgon",
        "här",
        "där",
        "vad",
        "vem",
        "vilken",
        "hur",
        "varför",
        "när",
    ]
    return frozenset(w.lower() for w in SV | EN) | frozenset(extra)


@dataclass(frozen=True)
class NameInfo:
    first: bool
    last: bool
    common: bool  # also an ordinary Swedish word in lower case
    rank: int  # best rank (Swedish rank when the name is common in Sweden, else 10000 + rank)
    alone: bool = True  # False for a month or day ("Maj", "June"): a name only before a surname


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, NameInfo]
    proper: frozenset[str]  # capitalised non-names (places, authorities, brands)

    def lookup(self, word: str) -> NameInfo | None:
        info = self.names.get(word)
        if info is None and word.isupper() and len(word) > 2:
            info = self.names.get(word.capitalize())
            if info is not None and info.common and len(word) <= 4:
                return None  # an acronym ("SOU", "LAN"), not a name that is also a word
        if info is None and not word[:1].isupper():
            info = self.names.get(word.capitalize())
        if info is None and not word.isascii() and not any(ch in word for ch in "åäöÅÄÖ"):
            # Vietnamese and other marked spellings ("Nguyễn", "Thị") under the unmarked name; å, ä,
            # ö are letters of their own and never dropped ("Björk" is no "Bjork"; asked first, it
            # spares folding the Swedish words)
            plain = fold_diacritics(word)
            if plain != word and plain.isascii():
                return self.lookup(plain)
        return info


_gazetteer_lock = threading.Lock()


def gazetteer() -> Gazetteer:
    """The names list, loaded once (concurrent first callers wait for that one load)."""
    with _gazetteer_lock:
        return _load_gazetteer()


@cache
def _load_gazetteer() -> Gazetteer:
    names: dict[str, NameInfo] = {}
    proper: set[str] = set()
    with gzip.open(NAMES_FILE, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#proper\t"):
                proper.add(line[8:].strip())
                continue
            if line.startswith("#"):
                continue
            name, kinds, flags, rank = line.rstrip("\n").split("\t")
            names[name] = NameInfo("F" in kinds, "L" in kinds, "c" in flags, int(rank), "d" not in flags)
    return Gazetteer(names, frozenset(proper))


@dataclass
class _Token:
    text: str
    start: int
    end: int
    info: NameInfo | None
    capital: bool
    exact: bool  # the word itself is in the gazetteer (not only via a genitive s)


# "Ann-Sofie", and in capitals "KARL-ERIK"
_DOUBLE_NAME = re.compile(
    rf"^(?:[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)+|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})+)$"
)


def _possessive(first: _Token, follower: list[str], stops: frozenset[str]) -> bool:
    """ "Lenas nya adress": the genitive of a common Swedish first name before what it owns (not
    "Finns det": a pronoun or a verb after it makes it a verb); in Finnish "Ilonan uusi numero"."""
    info = first.info
    if info is None or first.exact or not info.first or not follower:
        return False
    nxt = follower[0].strip(",.!?")
    if message_language() == "fi" and first.text.endswith("n"):
        # the Finnish genitive ("Ilonan uusi numero": Ilona's new number)
        return nxt.islower()
    if info.rank > 300:
        return False
    return first.text.endswith("s") and nxt.islower() and nxt not in stops and nxt not in _VERBS


_COMMON_FIRST_NAME_RANK = 300  # Sweden's most common first names (names-dataset ranks)
_SWEDISH_FUNCTION_WORDS = frozenset(
    ["och", "jag", "det", "att", "är", "har", "som", "inte", "på", "om", "för", "med", "vi", "ni",
     "min", "mitt", "hon", "han", "hans", "hennes", "kan", "ska", "vill", "vet", "till", "av", "en", "ett"]
)  # fmt: skip
# Case endings of a name in the languages written here, longest first, each with the endings of the
# nominative it may replace: Polish "Piotra", "Róży" (Róża), BCS "Nadu" (Nada), Finnish "Lumille",
# "Onnin", "Ilonan", "Kaarinasta".
_CASE_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("iemu", ("i",)), ("owi", ("",)), ("ego", ("",)), ("iem", ("",)), ("iej", ("a",)), ("im", ("i",)),
    ("lle", ("",)), ("lla", ("",)), ("llä", ("",)),
    ("lta", ("",)), ("ltä", ("",)), ("sta", ("",)), ("stä", ("",)), ("ssa", ("",)), ("ssä", ("",)),
    ("em", ("",)), ("om", ("", "a", "o")), ("ą", ("", "a")), ("ę", ("a",)), ("y", ("a",)), ("i", ("a",)),
    ("u", ("", "a")), ("e", ("a",)), ("a", ("",)), ("ie", ("",)), ("n", ("",)),
)  # fmt: skip
_SLAVIC_ENDINGS = frozenset(["owi", "ego", "iem", "em", "om", "a", "u", "y", "i", "e"])
# (the endings of a Polish surname in -ski/-ska, "Kowalskiej", "Kowalskim", "Kowalskiemu", are
# adjective endings and keep their stem whole)
_FINNISH_ENDINGS = frozenset(["lle", "lla", "llä", "lta", "ltä", "sta", "stä", "ssa", "ssä", "n"])


def _foreign_message() -> bool:
    """A message named as written in a language other than Swedish and English: there a name that
    is also a Swedish word ("Lilja") says nothing of Swedish, and its case form is the name."""
    return REQUESTED_LANGUAGE.get() not in (None, "sv", "en")


# A suffix after an apostrophe: Turkish puts one after every proper noun ("Umut'u", "Barış'ın").
_APOSTROPHE_SUFFIX = re.compile(r"^([^\W\d_]{2,})['’]([^\W\d_]{1,4})$")


def base_name(word: str, gaz: Gazetteer) -> NameInfo | None:
    """What the gazetteer knows about a word, also through a genitive s ("Annas") or hyphen parts."""
    info = gaz.lookup(word)
    if info is not None:
        return info
    return _derived_name(word, gaz)


def _derived_name(word: str, gaz: Gazetteer) -> NameInfo | None:
    """`base_name` of a word the gazetteer lacks as written: a genitive, a case form, hyphen parts."""
    if word[-2:] in ("'s", "’s", "'S", "’S") and len(word) > 4:
        return gaz.lookup(word[:-2])  # "Ahmed's"
    if len(word) > 3 and word[-1] in "sS":
        info = gaz.lookup(word[:-1])
        # "Eriks" is Erik's; a lower-case "pers" or "bos" is not a genitive of a name
        if info is not None and (not info.common or word[0].isupper()):
            return info
    suffixed = _APOSTROPHE_SUFFIX.match(word) if word[:1].isupper() else None
    if suffixed is not None and suffixed.group(2).islower():
        info = gaz.lookup(suffixed.group(1))
        if info is not None:
            return info  # "Umut'u ara", "Mehmet'i": the name and its case suffix
    if word[:1].isupper() and len(word) > 3 and "-" not in word:
        # a case ending on a known name ("pana Piotra Nowaka", "z Anną", "Markowi", "do Róży",
        # "soita Lumille"): the name, needing context as a word would; never a Swedish word
        # ("Solen" is the sun, not a case of "Sole"; asked last, the dictionary costs most)
        for ending, nominatives in _CASE_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: -len(ending)]
                candidates = [stem + nominative for nominative in nominatives]
                if ending in _SLAVIC_ENDINGS and stem[-1] not in "aeiouyąę" and stem[-2] not in "aeiouyąę":
                    # Polish drops the e of a last syllable in every case but one: "Markiem",
                    # "Jacka", "Kacpra" (Kacper), "Pawła" (Paweł)
                    candidates.append(stem[:-1] + "e" + stem[-1])
                if ending in _FINNISH_ENDINGS and stem[-1] in "aeiouyäö" and stem[-2] in "kpt":
                    # Finnish consonant gradation: "Pekalta" of Pekka, "Matille" of Matti
                    candidates.append(stem[:-1] + stem[-2] + stem[-1])
                if ending in _FINNISH_ENDINGS and stem[-1] == "i" and stem[-2] not in "aeiouyäö":
                    # Finnish puts an -i- between a name ending in a consonant and its case ending:
                    # "Gunnelin" (Gunnel's), "Gunnelille"
                    candidates.append(stem[:-1])
                for candidate in candidates:
                    info = gaz.names.get(candidate)
                    if (
                        info is not None
                        and (not info.common or _foreign_message())
                        and not is_swedish_word(word)
                    ):
                        # a Finnish local case (-lle, -lta, -ssa, ...) of a name that is no word, in a
                        # message named Finnish: as clear as the name ("Pekalle pitäisi ...", Pekka);
                        # a shorter ending may be any word's and needs context
                        clear = (
                            not info.common and len(ending) == 3 and ending in _FINNISH_ENDINGS and _finnish()
                        )
                        return NameInfo(info.first, info.last, not clear, info.rank)
    if "-" in word:
        # in capitals each part is read as a capitalised name ("KARL-ERIK": a short part is no acronym
        # there), and all parts must be names ("BO-AVDRAG" is a thing)
        shouted = word.isupper()
        parts = [gaz.names.get(p.capitalize()) if shouted else gaz.lookup(p) for p in word.split("-")]
        known = [p for p in parts if p is not None]
        if shouted and len(known) < len(parts):
            return None
        # "Ann-Sofie", "Eva-Lena": capitalised parts with a known first name are a double first name
        double_first = _DOUBLE_NAME.match(word) is not None and any(k.first for k in known)
        if double_first:
            return NameInfo(True, any(k.last for k in known), False, min(k.rank for k in known))
        if known and (len(known) == len(parts) or not any(k.common for k in known)):
            return NameInfo(
                any(k.first for k in known),
                any(k.last for k in known),
                all(k.common for k in known) and len(known) == 1,
                min(k.rank for k in known),
            )
    return None


def _thing_named(word: str, gaz: Gazetteer) -> bool:
    """A Swedish compound of a proper name and a lower-case noun ("Rut-avdrag", "Boss-kavajen",
    "Nobel-priset"): the noun is the thing, the name only tells which one."""
    head, _, tail = word.rpartition("-")
    return (
        bool(head)
        and tail.islower()
        and len(tail) >= 4
        and gaz.lookup(tail) is None
        and is_swedish_word(tail, compounds=True)
    )


@cache
def _proper_nouns() -> frozenset[str]:
    """Capitalised entries of the Swedish dictionary (names, places, brands)."""
    from guardrails.recognizers.swedish_words import proper_nouns

    return proper_nouns()


# The words the cue regexes are made of (a superset of their last words), for a cheap pre-check.
_CUE_WORDS = (
    frozenset(
        w.strip(".:")
        for regex in (STRONG_BEFORE, RELATION_BEFORE, CONTACT_BEFORE, SLASH_SIGN, SELF_BEFORE)
        for w in re.findall(r"[a-zåäö'’/:.-]+", marked_words(regex.pattern))
    )
    # ... and the cue words typed without å, ä and ö (the cue regexes read those too)
    | frozenset(
        fold_diacritics(w.strip(".:"))
        for regex in (STRONG_BEFORE, RELATION_BEFORE)
        for w in re.findall(r"[a-zåäö'’/:.-]+", marked_words(regex.pattern))
    )
    | frozenset(["/", "//", "--", "c/o", "att.", "i'm", "я", "звати", "зовут", "це", "это"])
    | salutation_endings()
)
# No name is this long; longer "words" are not looked up at all (a 20 000-letter word must not
# cost seconds in the dictionary's suffix and compound checks).
_LONGEST_NAME = 40


# A name typed one letter at a time, words two spaces apart: "a n d e r s  l u n d g r e n".
_SPACED_HINT = re.compile(r"(?<!\S)(?:[^\W\d_] ){3}[^\W\d_](?!\S)")
_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,39}[^\W\d_](?:[ ]{2,3}(?:[^\W\d_] ){1,39}[^\W\d_]){0,3}(?!\S)")


def _spaced_names(text: str, gaz: Gazetteer) -> Iterator[Hit]:
    for m in _SPACED.finditer(text):
        words = [w.replace(" ", "") for w in re.split(r"[ ]{2,3}", m.group(0))]
        infos = [gaz.lookup(w.capitalize()) for w in words]
        # (or a known first name opening two or more spaced words: "K a r i n  L u n d", a surname the
        # list drops as a place; nobody spells out an ordinary phrase before another word that way)
        first = infos[0] is not None and infos[0].first and len(words) > 1
        if any(i is not None and not i.common for i in infos) or (len(words) > 1 and all(infos)) or first:
            yield Hit(NAMN, m.start(), m.end(), 0.7)


# A name typed with a dot between its letters: "A.n.n.i.k.a".
_DOTTED_HINT = re.compile(r"[^\W\d_]\.[^\W\d_]\.[^\W\d_]\.")
_DOTTED = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){3,39}[^\W\d_](?![\w])")
# A name with digits for letters: "P3rnilla Sv3nsson", "L4rs" (3 e, 4 a, 0 o, 1 i/l, 5 s, 7 t).
_LEET_HINT = re.compile(r"[^\W\d_]\d[^\W\d_]")
_LEET = re.compile(rf"(?<![\w])[{_UPPER}](?:[{_LOWER}]|[013457](?=[{_LOWER}]))+(?![\w])")
_LEET_LETTERS = [str.maketrans("013457", "oieast"), str.maketrans("013457", "olease")]


def _dotted_names(text: str, gaz: Gazetteer) -> Iterator[Hit]:
    for m in _DOTTED.finditer(text):
        word = m.group(0).replace(".", "")
        info = gaz.lookup(word.capitalize())
        if info is not None and not info.common:
            yield Hit(NAMN, m.start(), m.end(), 0.7)


def _leet_names(text: str, gaz: Gazetteer) -> Iterator[Hit]:
    found = []
    for m in _LEET.finditer(text):
        token = m.group(0)
        if not any(ch.isdigit() for ch in token) or sum(ch.isalpha() for ch in token) < 3:
            continue
        infos = [gaz.lookup(token.translate(table)) for table in _LEET_LETTERS]
        if any(i is not None for i in infos):
            found.append(m.span())
    # neighbours joined by one space are one name ("P3rnilla Sv3nsson")
    for k, (start, end) in enumerate(found):
        if k > 0 and text[found[k - 1][1] : start] == " ":
            continue
        stop = end
        for s2, e2 in found[k + 1 :]:
            if text[stop:s2] != " ":
                break
            stop = e2
        yield Hit(NAMN, start, stop, 0.7)


class NamnRecognizer(SwedishRecognizer):
    ENTITIES = (NAMN,)

    def find(self, text: str) -> Iterator[Hit]:
        if has_script_letters(text):
            for start, end, score in find_script_names(text):
                yield Hit(NAMN, start, end, score)
        if not text.isascii() and has_greek(text):
            yield from greek_names(text)  # "my uncle Νίκος Παπαδόπουλος"
        has_capital = _CAPITAL.search(text) is not None
        lowered = text.lower()
        if not has_capital and not _has_strong_cue(lowered) and self.supported_language != "sv":
            return
        gaz = gazetteer()
        if "  " in text or _SPACED_HINT.search(text):
            yield from _spaced_names(text, gaz)
        if _DOTTED_HINT.search(text):
            yield from _dotted_names(text, gaz)
        if _LEET_HINT.search(text):
            yield from _leet_names(text, gaz)
        yield from initials_alone(text)
        yield from names_beside_personnummer(text, _stop_words())
        yield from names_before_ids(text)
        yield from signed_initials(text)
        tokens = [self._token(m, gaz) for m in _WORD.finditer(text)]
        tokens = _resolve_calendar_names(text, _shouted_full_names(text, tokens, gaz))
        signature_lines = _signature_lines(text)
        line_starts = [0] + [n + 1 for n, ch in enumerate(text) if ch == "\n"] if "\n" in text else [0]
        hits: list[Hit] = []
        english_words: list[Hit] = []  # runs of English words set aside (see _english_words_only)
        i = 0
        while i < len(tokens):
            hit, used = self._run(text, tokens, i, gaz, signature_lines, line_starts, english_words)
            if hit is not None:
                hits.append(hit)
            i += max(used, 1)
        # "31 Dec", "6 Jan", "Mon 3 Nov": a month or weekday next to a day number is a date
        hits = [h for h in hits if not date_word(text, h.start, h.end)]
        hits = [h for h in hits if not after_place_head(text, h.start)]  # "i sal Berg", "Region Gotland"
        hits = [h for h in hits if not before_firm_form(text, h.start, h.end)]  # "Vattenfall AB"
        hits.extend(_coordinated_names(text, hits, gaz))
        hits.extend(_paired_given_names(text, hits, gaz))
        hits.extend(_disguised_names(text, hits, gaz))
        if _GLUED_HINT.search(text):
            hits.extend(_glued_names(text, hits, gaz))
        hits.extend(_nicknames(text, hits, gaz))
        hits.extend(_signed_given_names(text, hits))
        hits.extend(_signed_lower_surnames(text, hits))
        closed_off = word_surnames(text, hits, gaz, _stop_words(), _NEVER, _VERBS, _COMMON_FIRST_NAME_RANK)
        hits.extend(list(closed_off))  # (a list first: the generator reads `hits`, extend grows it)
        hits.extend(_closing_signer(text, hits, gaz))
        if "@" in text:
            hits.extend(_named_by_email(text, hits, gaz))
        hits.extend(list(form_values(text, hits, _stop_words())))  # "Sökande: Helena Ahl Grön"
        again = list(same_name_again(text, hits))
        # "Lucía de la Fuente", "Jürgen van der Meer" (after the recurring words: a particle recurs not)
        again.extend(list(particle_names(text, hits + again)))
        again.extend(_family_names(text, hits + again, gaz))
        if english_words:
            again.extend(_coordinated_with(text, english_words, hits + again))
        yield from hits
        yield from again
        yield from _listed_names(text, hits + again, gaz)

    @staticmethod
    def _token(m: re.Match[str], gaz: Gazetteer) -> _Token:
        word = m.group(1)
        if len(word) > _LONGEST_NAME:
            return _Token(word, m.start(1), m.end(1), None, word[0].isupper(), False)  # bounded work
        direct = gaz.lookup(word)
        info = direct if direct is not None else _derived_name(word, gaz)
        exact = info is not None and (
            direct is not None
            or ("-" in word and all(gaz.lookup(part) is not None for part in word.split("-")))
            or ("-" in word and _DOUBLE_NAME.match(word) is not None)
        )
        return _Token(word, m.start(1), m.end(1), info, word[0].isupper(), exact)

    def _run(
        self,
        text: str,
        tokens: list[_Token],
        i: int,
        gaz: Gazetteer,
        signature_lines: set[int],
        line_starts: list[int],
        english_words: list[Hit] | None = None,
    ) -> tuple[Hit | None, int]:
        first = tokens[i]
        if len(first.text) > _LONGEST_NAME:
            return None, 1
        prefix = text[max(0, first.start - 40) : first.start]
        prefix_l = prefix.lower()
        if ".." in prefix_l:
            # a form's label with dot leaders is the label ("Huvudman......: SANDBERG, ELOF")
            prefix_l = _DOT_LEADER.sub("", prefix_l)
        # a cue before initials counts for the name after them ("advokat C. Wennerholm")
        initials_before = _INITIALS.search(prefix) if first.capital else None
        core_l = prefix_l[: initials_before.start(1)] if initials_before is not None else prefix_l
        # "J. R. Whitfield": initials with dots before a capitalised word that is no ordinary word
        initialled = (
            initials_before is not None
            and "." in initials_before.group(1)
            and first.info is None
            and len(first.text) > 2
            and first.text.lower() not in _stop_words()
            and not is_swedish_word(first.text, compounds=True)
        )
        # every cue ends right before the word: look at the cue regexes only when the word before
        # is one of their words (most words are not: this halves the recogniser's time)
        tail = core_l.rstrip(" \t,!:")
        last_word = tail[max(tail.rfind(" "), tail.rfind("\n")) + 1 :]
        cue_like = last_word in _CUE_WORDS or last_word.strip(".") in _CUE_WORDS or not tail
        unknown_lower = not first.capital and first.info is None
        if unknown_lower and not cue_like and not _introduced_unknown(text, first, prefix, prefix_l):
            # a lower-case word no gazetteer knows, with no cue before it: a name only when the
            # message introduces it (below, `introduced`); most words of a message end here
            return None, 1
        strong = cue_like and STRONG_BEFORE.search(core_l) is not None
        if (
            strong
            and first.info is None
            and GREETING_CLAUSE.search(core_l) is not None
            and _LOWER_WORD_AFTER.match(text, first.end) is not None
        ):
            # "Buenos días, Necesito ayuda", "Merhaba, Annemin ...": after a greeting and a comma a
            # sentence may open, and an unknown word going on in lower case is its first word
            strong = False
        sentence_start = SENTENCE_END.search(prefix) is not None and _INITIALS.search(prefix) is None
        in_signature = bool(signature_lines) and bisect_right(line_starts, first.start) - 1 in signature_lines
        # "... i brevlådan? /Rut": a word after a slash that ends the message is its signer
        in_signature = in_signature or (
            first.capital and SLASH_SIGN.search(prefix) is not None and not text[first.end :].strip(" .!\n\t")
        )
        # "... utan samtycke? Iris", "Tack! Malin": a known first name alone after the message's
        # last sentence is its signer (a name, the gazetteer says; a word there would end no message)
        in_signature = in_signature or (
            first.capital
            and not first.text.isupper()
            and first.info is not None
            and first.info.first
            and first.exact
            and SENTENCE_END.search(prefix) is not None
            and _SIGNED_END.fullmatch(text, first.end) is not None
            and first.text not in _NEVER
            and first.text.lower() not in _stop_words()
        )
        relation = (
            cue_like
            and not first.capital
            and (RELATION_BEFORE.search(prefix_l) is not None or SLASH_SIGN.search(prefix_l) is not None)
        )
        # thanks addressed to a known first name: "tack iris för hjälpen", "thanks rose for" (a name
        # that is a word counts there, as after "det är"; "tack" is a sign-off too, which would not)
        thanks_to = (
            not first.capital
            and first.info is not None
            and first.info.first
            and first.exact
            and thanked(prefix_l, text, first.end)
        )
        relation = relation and not thanks_to
        # a sentence opened in lower case (the writer capitalises nothing) by a known first name
        # before a verb whose subject is a person: "björn ringde igår", "stig sa att" (a verb a
        # thing may do says nothing: "iris ligger i rabatten", "bo kvar" has no verb)
        follower_word = [w.strip(",.!?;:") for w in text[first.end : first.end + 20].split()[:1]]
        lower_subject = (
            not first.capital
            and first.info is not None
            and first.info.first
            and first.exact
            and SENTENCE_END.search(prefix) is not None
            and bool(follower_word)
            and person_verb(follower_word[0])
            and first.text.lower() not in _stop_words()
        )
        contact = cue_like and not first.capital and CONTACT_BEFORE.search(prefix_l) is not None
        introduced = not first.capital and (
            (cue_like and SELF_BEFORE.search(prefix_l) is not None)
            # the message's own language introducing someone ("to marek", "ja sam dino", "isä veikko")
            or introduced_before(prefix_l)
            or (
                (HERE_AFTER.match(text, first.end) or ROLE_AFTER.match(text, first.end)) is not None
                and SENTENCE_END.search(prefix) is not None
            )
            # a naming or kin cue in another script before a name in Latin letters ("ابني yousef")
            or (not prefix.isascii() and NAMING_CUE.search(prefix) is not None)
            or thanks_to
            or lower_subject
        )

        # an initial typed in lower case with its dot before a known surname in lower case ("min
        # handläggare a. berg"): the initial says a name follows, even one that is also a word
        lower_initial = (
            _LOWER_INITIALS.search(prefix)
            if not first.capital and prefix[-2:-1] == "." and first.info is not None and first.info.last
            else None
        )
        if (
            lower_initial is not None
            and len(lower_initial.group(1).strip()) == 2
            and first.text.lower() not in _stop_words()
        ):
            return Hit(NAMN, first.start - len(prefix) + lower_initial.start(1), first.end, 0.6), 1
        if not first.capital and not (strong or relation or contact or introduced):
            if not (
                self._bare_lower_case_name(first, tokens, i)
                or _lower_case_full_name(text, tokens, i)
                or _full_name_after_kin(text, tokens, i, prefix_l)
            ):
                return None, 1
            introduced = True  # "vet ni om ove har skickat ...": a common Swedish first name, no word
        # A capital at the start of a sentence, a list item or a label ("Postadress:") says nothing:
        # there a word is a name only with positive evidence: a known first name that is not an
        # ordinary word, a verb or a surname after it, or (for unknown words) a surname after it.
        initial = first.capital and (sentence_start or text[first.end : first.end + 1] == ":")
        if initial and first.info is not None and not first.info.common and is_swedish_word(first.text):
            # an inflected form of a word ("Karin", "Finns") is as ambiguous there as "Björn"
            first = replace(first, info=replace(first.info, common=True))
        if (
            first.capital
            and sentence_start
            and not (strong or in_signature)
            and first.text.lower() in _own_function_words()
        ):
            # "Yani yaklaşık ...", "Kada treba ...", "Im Ernst: ...": a function word of the message's
            # own language opens the sentence. A known name after it is judged on its own ("Ben
            # Yılmaz"); in German, which capitalises every noun, only a full name ("Mein Onkel
            # Heinrich Huber", not "Im Ernst")
            j = i + 1
            while j < len(tokens) and tokens[j].capital and text[tokens[j - 1].end : tokens[j].start] == " ":
                nxt = tokens[j]
                after = tokens[j + 1] if j + 1 < len(tokens) else None
                full = after is not None and after.info is not None and text[nxt.end : after.start] == " "
                if nxt.info is not None and (full or not _german()):
                    break
                j += 1
            return None, j - i
        if (
            initial
            and sentence_start
            and not (strong or in_signature)
            and _german()
            and _GERMAN_INVERSION.match(text, first.end) is not None
        ):
            # German puts the verb second: "Bitte schicken Sie ...", "Dann rufen wir ...". A word
            # opening the sentence before a verb and its subject pronoun is not that subject; a name
            # there would be a fronted object, which a message rarely opens with.
            return None, 1
        # a word that is never a name alone ("Hans": his) is a first name after a cue and before a
        # known surname ("gode mannen Hans Berg")
        nxt_token = tokens[i + 1] if i + 1 < len(tokens) else None
        named_never = (
            first.text in _NEVER
            and (strong or (cue_like and RELATION_BEFORE.search(core_l) is not None))
            and first.info is not None
            and first.info.first
            and nxt_token is not None
            and nxt_token.capital
            and text[first.end : nxt_token.start] == " "
            and nxt_token.info is not None
            and nxt_token.info.last
        )
        if (first.text in _NEVER and not named_never) or (
            first.capital and first.text.isupper() and len(first.text) > 1 and first.info is None
        ):
            return None, 1
        if (
            first.capital
            and first.info is None
            and sentence_start
            and CONTACT_BEFORE.search(first.text.lower()) is not None
        ):
            # "Kontakta Sven Gren ...", "Mejla Anna": a sentence opened by a verb of contact is the
            # cue for the name after it, no part of that name
            return None, 1
        saint = SAINT_BEFORE.search(prefix) is not None or SAINT_BEFORE.match(first.text.lower() + " ")
        if saint and first.capital:
            return None, _run_length(text, tokens, i)  # a saint or a place named for one
        # (not before one of Sweden's common first names: "Vi har en Iris på boendet" is a person)
        given = first.info is not None and first.info.first and first.exact and first.info.rank <= 300
        if article_before(prefix) and not strong and not given:
            # "a Gibson Les Paul", "en Volvo", "ett Ericsson-aktie": an indefinite article makes the
            # words after it a thing (a brand, a model), not the person they are named after
            return None, _run_length(text, tokens, i)
        shouted = first.capital and len(first.text) > 1 and first.text.isupper() and _in_capitals(text, first)
        stops = _stop_words()
        if first.text.lower() in stops and (
            first.info is None or first.info.common or not first.capital or sentence_start
        ):
            # "per", "bo", "man" are words; as names they need a cue or a surname after them. So
            # is a function word whose capital only opens a sentence ("This is ...", "Will you ...").
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            followed = (
                nxt is not None
                and first.capital
                and nxt.capital
                and text[first.end : nxt.start] == " "
                and nxt.info is not None
                and nxt.text.lower() not in stops
            )
            # "Inga Weber": a stop word that is also a capitalised dictionary entry, before a known name
            proper_name = first.capital and first.info is None and followed and first.text in _proper_nouns()
            # a first name that is a function word, capitalised in mid-sentence, where no function
            # word is ("she thinks Will paid", "fråga Inga"): the capital marks the name
            mid_name = (
                first.capital
                and not sentence_start
                and not first.text.isupper()
                and first.info is not None
                and first.info.first
                and first.exact
                and len(first.text) >= 3
                and first.text.lower() not in _PARTICLES
            )
            # a first name that is a function word opening a sentence before a verb it is the subject
            # of, one whose subject is a person ("Dag sa att", "Per ringde", "Will called"); an
            # auxiliary may follow the function word ("Inga kan", "Will you")
            subject = (
                first.capital
                and sentence_start
                and first.info is not None
                and first.info.first
                and first.exact
                and bool(follower_word)
                and (person_verb(follower_word[0]) or english_finite_verb_after(text, first.end))
            )
            name_like = first.info is not None or proper_name
            if not (name_like and (followed or strong)) and not (mid_name or subject):
                return None, 1
        if text[first.end : first.end + 1] == "." and text[first.end + 1 : first.end + 2].islower():
            return None, 1  # an abbreviation: "Pers.nr", "Bo.rätt"
        if _STREET_WORD.search(first.text.lower()):
            return None, 1
        if "-" in first.text and _thing_named(first.text, gaz):
            return None, 1  # "Rut-avdrag"

        # Collect the run: words joined by one space (or a hyphen inside a word), same case style.
        run = [first]
        j = i + 1
        while j < len(tokens) and len(run) < 6:
            prev, nxt = run[-1], tokens[j]
            gap = text[prev.end : nxt.start]
            if (
                first.capital
                and gap == " "
                and len(nxt.text) == 1
                and nxt.capital
                and j + 1 < len(tokens)
                and text[nxt.end : tokens[j + 1].start] == ". "
                and tokens[j + 1].capital
                and tokens[j + 1].info is not None
                and tokens[j + 1].info.last
                and prev.info is not None
            ):
                # a middle initial between two names: "Edward P. Strandberg"
                run.extend([nxt, tokens[j + 1]])
                j += 2
                continue
            # a word never a name alone ("Ring", "Box") is a surname after a clear first name when
            # it ends the sentence ("beneficiary Tove Ring.", "ägs av Ulla Ring")
            surname_never = (
                nxt.text in _NEVER
                and len(run) == 1
                and nxt.capital
                and prev.info is not None
                and prev.info.first
                and not prev.info.common
                and prev.exact
                and _SENTENCE_CLOSE.match(text, nxt.end) is not None
                and PUBLIC_BODY.match(nxt.text) is None
            )
            if gap not in (" ",) or (nxt.text in _NEVER and not surname_never):
                break
            if first.capital and nxt.capital and "-" in nxt.text and _thing_named(nxt.text, gaz):
                return None, j - i + 1  # "Hugo Boss-kavajen": a thing named after a person
            if first.capital and nxt.text in _PARTICLES and j + 1 < len(tokens):
                # "Ebba von Rosen", "Ali bin Ahmed": the particle belongs to the capitalised word after it
                after = tokens[j + 1]
                if text[nxt.end : after.start] == " " and after.capital and after.text not in _NEVER:
                    run.extend([nxt, after])
                    j += 2
                    continue
            if nxt.capital != first.capital:
                break
            numbered = text[nxt.end : nxt.end + 2].strip()[:1].isdigit()
            prev_clear = prev.info is not None and prev.info.first and not prev.info.common and prev.exact
            # a first name that is also a word ("Olle", "Alf") before a capitalised word in mid-sentence
            # or after a cue: Swedish capitalises no noun there, so the pair is a name ("Olle Sjö")
            # ... and after a strong cue any known first name does ("c/o Tina Hed": the cue says a
            # person follows, and the capital says the word after the first name is still the name)
            prev_named = prev_clear or (
                len(run) == 1
                and prev.info is not None
                and prev.info.first
                and prev.exact
                and ((prev.info.rank <= _COMMON_FIRST_NAME_RANK and not initial) or strong)
            )
            if _STREET_WORD.search(nxt.text.lower()) or (
                numbered and not (nxt.info and nxt.info.last) and not (prev_clear and len(run) == 1)
            ):
                break  # "Tesfay Gebremedhin Hagstråket 8": the street is not part of the name
            if shouted and not strong and nxt.text.isupper() and nxt.info is None:
                # in a shouted line an unknown word in capitals is no part of a name (after a cue it
                # is: "JAG HETER ANNA XYZZY")
                break
            if (
                nxt.text.lower() in stops
                and nxt.info is None
                and not (prev_clear and nxt.capital and _foreign_function_word(nxt.text))
            ):
                break  # (but "Anna Back", "Per Still": an English function word is a surname there)
            if not nxt.capital and nxt.info is None:
                break
            if nxt.capital and nxt.info is None:
                # After a known name a capitalised word is its surname ("Bertil Wennerholm", even when
                # hunspell lists it as a place). An ordinary word is one too after a clear first name
                # ("Sun-Hee Park", "Maria Skog": Swedish capitalises no noun mid-sentence), but not
                # after an unknown or ambiguous word ("Anna Skriv" at a sentence start, "Hej Skriv").
                if nxt.text in gaz.proper and first.info is None:
                    break
                # at a sentence start only a word the dictionary barely knows ("Yusuf Mahamed", not
                # "Anna Skriv under")
                opening = (
                    initial and not strong and not bare_entry(nxt.text) and nxt.text not in _proper_nouns()
                )
                plain_word = (nxt.text.lower() in stops or nxt.text.lower() in _VERBS) and not (
                    prev_clear and _foreign_function_word(nxt.text)
                )
                # after "jag heter", "mamma heter" the capitalised words that follow are the name
                called = CALLED_BEFORE.search(core_l) is not None and not plain_word
                word_after = is_swedish_word(nxt.text) and not (prev_named and not opening and not plain_word)
                if word_after and not called:
                    break
            run.append(nxt)
            j += 1
        if first.capital and len(run) == 1 and (strong or initial or in_signature):
            # "Namn: Lund, Marita", "Kontakt: Berg, Anna": a surname, a comma and a clear first name
            inverted = (_INVERTED_CAPITALS if first.text.isupper() else _INVERTED).match(text, first.end)
            if inverted is not None:
                given = gaz.lookup(inverted.group(1))
                # a given name that is also a word counts after a cue and a known surname ("Ang.
                # Lundqvist, Per:")
                known_surname = first.info is not None and first.info.last and not first.info.common
                if given is not None and given.first and (not given.common or (strong and known_surname)):
                    return Hit(NAMN, first.start, inverted.end(1), 0.8), 1
        # "Skattefri", "Skriv", "Självmordslinjen:" after a cue or on a signature line: an ordinary
        # word is a name only when a known surname follows it ("Hej, Skriv under" is not a name).
        # In mid-sentence after "från", "ring", "fråga" a capital is the only mark of a proper noun:
        # a base form of a word written so ("fick brev från Ester", "ring Iris") is a name, Swedish
        # capitalising no noun there; an inflected form ("från Banken") or a place is not.
        cued_proper = (
            first.capital
            and first.info is None
            and not initial
            and not first.text.isupper()
            and self.supported_language == "sv"
            and (strong or CONTACT_BEFORE.search(prefix_l) is not None)
            # after a greeting only when the word is all that is greeted ("Hej Maj!", not "Hej,
            # Skriv gärna ...")
            and (GREETING_BEFORE.search(core_l) is None or _VOCATIVE_END.match(text, first.end) is not None)
            and is_headword(first.text)
            and first.text not in gaz.proper  # a place or a brand (hunspell's given names are kept)
            and PUBLIC_BODY.match(first.text) is None
        )
        if (
            first.capital
            and first.info is None
            and (initial or NAMING_BEFORE.search(prefix_l) is None)
            and is_swedish_word(first.text, compounds=initial)
            and not any(t.info is not None and t.info.last and t.capital for t in run[1:])
            and not cued_proper
            # an initial after a cue says a surname follows, even one that is a word ("I'm J. Fisk")
            and not (initials_before is not None and strong)
        ):
            return None, 1
        last = run[-1]
        genitive = last.info is not None and not last.exact and last.text[-1:] in "sS"
        if (
            first.capital
            and len(run) == 1
            and not (strong or in_signature or genitive)
            and place_preposition(prefix)
        ):
            return None, 1  # "bor i Alby", "lives in Florence": one word after "i"/"in" is a place
        if (
            first.capital
            and len(run) == 1
            and not (strong or in_signature or genitive)
            and place_on(prefix, first.text)
        ):
            return None, 1  # "på Söder": a part of town
        if first.capital and len(run) == 1 and not (strong or in_signature) and language_word(first.text):
            return None, 1  # "I speak Arabic and some French": a language, not Mr French
        if first.capital and not (strong or in_signature) and _english_words_only(text, tokens, run):
            # "City Hall", "Read also", "Mon 09.00": English words, no person (unless joined to a
            # name found elsewhere: "Pratt & Mills", see _coordinated_with)
            if english_words is not None:
                english_words.append(Hit(NAMN, run[0].start, run[-1].end, _PROPAGATE_MIN_SCORE))
            return None, len(run)
        institution = institution_before()
        if (
            first.capital
            and not strong
            and (
                institution.search(prefix) is not None
                or (len(run) > 1 and institution.search(prefix + first.text + " ") is not None)
            )
        ):
            return None, len(run)  # "i BRF Björken": the association's name
        # (also its last word: "Victoria Station", the head noun capitalised into the run)
        head_last = len(run) > 1 and institution_after().fullmatch(text, run[-2].end, last.end) is not None
        if (
            first.capital
            and not genitive
            and (institution_after().match(text, last.end) is not None or head_last)
        ):
            # "at Sunny Hill care home": the place's name ("Henry Dahlbergs boende" is his home)
            return None, len(run)
        quoted = _QUOTES_BEFORE.search(prefix) is not None and text[run[-1].end : run[-1].end + 1] in _QUOTES
        full_name = all(t.info is not None for t in run) and any(t.info.first for t in run)  # type: ignore[union-attr]
        if quoted and not strong and not full_name:
            return None, len(run)  # a title in quotation marks ("Dancing Queen"), not a person
        if (
            sentence_start
            and len(run) == 1
            and not (strong or in_signature)
            and _WORD_AFTER.match(text, first.end) is not None
        ):
            return None, 1  # "Hope this is ...", "Trust you ...": a verb opening a sentence
        if shouted and not (strong or in_signature) and not _shouted_name(run):
            # a heading or a shouted line ("VAD SKA TAS MED?"): capitals say nothing there, so only
            # a clear first name or a run of known names is a name ("ANNA SVENSSON")
            return None, len(run)
        known = [t for t in run if t.info is not None]
        clear = [t for t in known if not t.info.common]  # type: ignore[union-attr]
        ambiguous = [t for t in known if t.info.common]  # type: ignore[union-attr]

        score = 0.0
        if not first.capital:
            swedish = self.supported_language == "sv" and not _reads_english(tokens)
            run, score = self._lower_case(text, run, prefix_l, relation, contact, strong, swedish, introduced)
            if not run:
                return None, 1
        elif clear:
            if len(run) == 1 and not (strong or in_signature) and not first.info.first and _german():  # type: ignore[union-attr]
                return None, 1  # German capitalises every noun: a lone surname-word ("Sommer") says nothing
            if len(run) == 1 and not (strong or in_signature) and VERSE_AFTER.match(text, first.end):
                return None, 1  # "Matteus 6:34": a book, chapter and verse
            if len(run) == 1 and sentence_start and not (strong or in_signature) and len(first.text) <= 2:
                return None, 1  # "Ma wici karaa ...": a two-letter word opening a sentence
            if len(run) == 1 and sentence_start and not (strong or in_signature):
                # A sentence rarely opens with a bare surname ("Tell us", "Car ...") or a
                # word-like genitive ("Finns det ...": Finn's?); a first name does ("Anna ringde"),
                # and so does its genitive when that is no word ("Annas god man", "Kims mamma").
                info = first.info
                genitive = not first.exact and not is_swedish_word(first.text)
                lone_surname = info is not None and (not info.first or (not first.exact and not genitive))
                if lone_surname and not _surname_as_subject(text, first):
                    return None, 1
            score = 0.85 if len(run) > 1 else (0.75 if min(t.info.rank for t in clear) < 2000 else 0.65)  # type: ignore[union-attr]
            # "Inga Weber"; "Mehret Kidane": a word that is no Swedish word, before a known name
            keep_first = (
                first.info is not None
                or first.text in _proper_nouns()
                or (first.text.lower() not in stops and not is_swedish_word(first.text, compounds=True))
            )
            if not (keep_first or strong or not sentence_start or in_signature or len(run) == 1):
                # "Tack Anna": an unknown capital word at sentence start is not part of the name
                run = run[1:]
        elif ambiguous:
            follower = text[run[-1].end : run[-1].end + 30].split()
            verb_after = bool(follower) and follower[0].strip(",.!?").lower() in _VERBS
            # "Grace wonders whether", "Rose wanted to": an English finite verb after the name
            verb_after = verb_after or english_finite_verb_after(text, run[-1].end)
            # "Lan sinh ngày ...", "Rosa, född 1950": only a person is born
            verb_after = verb_after or birth_cue_after(text, run[-1].end)
            if verb_after and len(follower) > 1:
                after_verb = follower[1].strip(",.!?")
                if follower[0].lower() == "och":
                    # "Anna och Erik" joins two names, "Henrik och jag" a person and a pronoun; "Rosa
                    # och grå kuvert" joins two adjectives
                    verb_after = after_verb[:1].isupper() or after_verb.lower() in _PERSON_AFTER_AND
                elif after_verb.lower() in _SUBJECT_PRONOUNS and after_verb != "i":
                    # (a lower-case "i" is the Swedish "in": "Björn bor i Bodafors")
                    # "Björn såg jag inte": the verb's subject is "jag", the word before it an object
                    verb_after = False
            # "Per, kan du ..." calls someone; "Rosa, vit eller blå blankett?" lists colours
            vocative = (
                text[run[-1].end : run[-1].end + 1] in (",", "!")
                and (sentence_start or strong)
                and _LISTED_AFTER.match(text, run[-1].end) is None
            )
            if len(run) > 1 and not (sentence_start and all(t.info is None for t in run[1:]) and not strong):
                score = 0.8
            elif strong or in_signature:
                score = 0.75
            elif not sentence_start:
                score = 0.6  # Swedish does not capitalise nouns and adjectives mid-sentence
            elif (
                verb_after
                or vocative
                or _possessive(first, follower, stops)
                or (first.text[-2:] in ("'s", "’s") and owner_of_personal_thing(text, first.end - 2))
            ):
                score = 0.55
            else:
                return None, len(run)
        elif (
            (strong and (first.capital or first.info is not None))
            or in_signature
            or initialled
            or cued_proper
        ):
            if (first.text in gaz.proper or PUBLIC_BODY.match(first.text)) and not in_signature:
                return None, len(run)  # "Hej Skatteverket", "Från: Migrationsverket"
            score = 0.6
        else:
            return None, len(run)
        if strong and score < 0.9:
            score = min(0.95, score + 0.1)
        start = run[0].start
        initials = _INITIALS.search(text, max(0, start - 12), start)
        if initials is not None and first.capital and (first.info is not None or strong or initialled):
            start = initials.start(1)  # "A. Andersson", "J.E. Svensson", "A.-K. Öberg"
        elif not first.capital and first.info is not None:
            # typed in lower case, initials too: "förvaltare k. johansson" (each with its dot)
            lower_initials = _LOWER_INITIALS.search(text, max(0, start - 8), start)
            if lower_initials is not None:
                start = lower_initials.start(1)
        end = run[-1].end
        last = run[-1].info
        trailing = _SURNAME_INITIAL.match(text, end)
        if trailing is not None and last is not None and last.first and run[-1].capital:
            end = trailing.end()  # "Gunilla Å.", "Anna L.": the surname's initial, whatever word it is
        return Hit(NAMN, start, end, score), len(run)

    def _bare_lower_case_name(self, first: _Token, tokens: list[_Token], i: int) -> bool:
        """A lower-case word without a cue that is one of the common Swedish first names and no
        word at all, in any inflection, compound or spelling without å/ä/ö ("ove", "lisbeth",
        "åke"), in a Swedish message (SMS style: people do not capitalise names either)."""
        info = first.info
        if self.supported_language != "sv" or info is None:
            return False
        if not first.exact:
            # the genitive before what it owns: "signes son", "vi ses på signes kalas"
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            owned = (
                first.text.endswith("s")
                and nxt is not None
                and not nxt.capital
                and nxt.text.lower() not in _stop_words()
                and nxt.text.lower() not in _VERBS
            )
            if not owned:
                return False
        if info.common or not info.first or info.rank > _COMMON_FIRST_NAME_RANK or len(first.text) < 3:
            return False
        if not _reads_swedish(tokens):  # after the cheap tests: it reads the whole message
            return False
        low = first.text.lower()
        if low in _stop_words() or low in _VERBS:
            return False
        return not is_swedish_word_without_accents(low) and not is_swedish_word(low, compounds=True)

    @staticmethod
    def _lower_case(
        text: str,
        run: list[_Token],
        prefix_l: str,
        relation: bool,
        contact: bool,
        strong: bool,
        swedish: bool,
        introduced: bool = False,
    ) -> tuple[list[_Token], float]:
        """Lower-case (SMS-style) names: only after a cue, and how much a cue admits differs.

        After "jag heter" any word that is no stop word or verb; after a relation, a role or a
        sign-off ("min moster", "god man för", "mvh", "/") a known name that is no ordinary word, or
        a word that is no Swedish word at all; after a greeting any known name; after "ring",
        "fråga", "kontakta" a known name that is no ordinary word. Known surnames follow a first
        name even when they are words too ("tomas ek")."""
        # a function word of the message's own language is none either ("hola, mi hermano")
        stops = _stop_words() | _own_function_words()
        first = run[0]
        # Whether a name that spells a Swedish word is vetoed as that word: only in Swedish text. In a
        # message named in another language ("ja sam goran", "adı hüseyin") the Swedish dictionary
        # says nothing of a known name, as in English text ("i am tran van duc").
        word_veto = swedish and not _foreign_message()

        def plain(t: _Token) -> bool:
            low = t.text.lower()
            return low in stops or low in _VERBS

        def clear(t: _Token) -> bool:
            return t.info is not None and not t.info.common and not plain(t)

        def foreign(t: _Token) -> bool:
            # no Swedish word, also not one typed without å/ä/ö ("huvudmannen dor" is "dör") nor a
            # compound ("framtidsfullmakt"); in English text the Swedish dictionary says nothing
            # ("the huvudman pays"), so there this rule is off
            return (
                swedish
                and t.info is None
                and len(t.text) >= 3
                and not plain(t)
                and not is_swedish_word_without_accents(t.text)
                and not is_swedish_word(t.text, compounds=True)
            )

        if CALLED_BEFORE.search(prefix_l):
            ok, score = not plain(first), 0.6 if first.info is not None else 0.5
        elif relation and KIN_BEFORE.search(prefix_l):
            ok, score = (first.info is not None and not plain(first)) or foreign(first), 0.6
        elif relation and SIGN_OFF_BEFORE.search(prefix_l) and not text[run[-1].end :].strip(" .!\n\t"):
            # the last word(s) of a message after "/", "mvh", "hälsningar": the signer ("/ sanna")
            ok, score = (first.info is not None and not plain(first)) or foreign(first), 0.6
        elif relation:
            # a role or a sign-off: a known name that is no word (also none typed without å/ä/ö:
            # "huvudmannen dor" is "dör"), any known name before a known surname, or a foreign word
            surname_next = len(run) > 1 and run[1].info is not None and run[1].info.last
            named = first.info is not None and not plain(first)
            word = word_veto and is_swedish_word_without_accents(first.text)
            ok = (named and (surname_next or not word)) or foreign(first)
            score = 0.6
        elif GREETING_BEFORE.search(prefix_l):
            ok, score = first.info is not None and not plain(first), 0.55
        elif introduced:
            # "de e jonna", "hi im jessica", "pappa rolf", "tommy här": a known name, no ordinary word
            # (in English text the Swedish dictionary says nothing: "i am tran van duc")
            word = word_veto and is_swedish_word_without_accents(first.text)
            info = first.info
            # one of Sweden's commonest first names counts even when some inflection of a word
            # spells it ("det är karin", "hej det är sanna")
            common_name = info is not None and info.first and info.rank <= _COMMON_FIRST_NAME_RANK
            ok = info is not None and not plain(first) and (not word or common_name)
            score = 0.55
        elif contact:
            # in English a name that is a Swedish word says nothing ("call rose"; but "to be frank")
            english_cue = not swedish and ENGLISH_CONTACT_BEFORE.search(prefix_l) is not None
            ok, score = clear(first) or (english_cue and first.info is not None and not plain(first)), 0.55
        elif strong:
            ok, score = clear(first), 0.6
        else:
            ok, score = False, 0.0
        if not ok:
            return [], 0.0
        keep = [first]
        for t in run[1:]:
            if plain(t) or t.info is None or not first.exact:
                break  # (a genitive ends the name: "signes kalas")
            # a Swedish word says nothing in another language's message ("i am tran van duc")
            word = t.info.common and word_veto
            if word and not (t.info.last and first.info is not None and first.info.first):
                break
            keep.append(t)
        return keep, score


_QUOTES = "\"“”«»„'‘’"
# the rest of a message after its signer's name: nothing but closing marks
_SIGNED_END = re.compile(r"[ \t]*[.!]?[ \t\n]*")
_INVERTED = re.compile(
    rf",[ \t]([{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?)(?![\w])(?![ \t][{_UPPER}])"
)
# the same in capitals, after a surname in capitals ("SANDBERG, ELOF")
_INVERTED_CAPITALS = re.compile(rf",[ \t]([{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})?)(?![\w])(?![ \t][{_UPPER}])")
_DOT_LEADER = re.compile(r"[ \t]*\.{2,}[ \t]*(?=:)")
_QUOTES_BEFORE = re.compile(r"[\"“”«»„'‘’]$")
# A word opening a sentence before "this", "that", "you" is a verb or an adverb, not a name.
_WORD_AFTER = re.compile(r" (?:this|that|these|those|you|it|the|everyone|everything)(?![\w])")


# Swedish verbs that show a word opening a sentence is its subject ("Helmer skrev att ...").
_SWEDISH_VERBS = _VERBS - frozenset(
    ["och", "här", "here", "is", "was", "has", "had", "will", "would", "can", "could", "said", "says",
     "called", "lives", "lived", "and", "wants", "wanted"]
)  # fmt: skip


def _foreign_function_word(word: str) -> bool:
    """A capitalised English function word in a message not written in English ("Back", "Still",
    "Down"): no function word of the message's own language, so after a clear first name a surname."""
    low = word.lower()
    return (
        REQUESTED_LANGUAGE.get() not in (None, "en")
        and low in english_stop_words()
        and low not in swedish_stop_words()
    )


def _own_function_words() -> frozenset[str]:
    """The function words of the language the message is written in (other than Swedish and English)."""
    code = STOP_WORD_LANGUAGE.get(REQUESTED_LANGUAGE.get() or "")
    return function_words(code) if code else frozenset()


# a verb in lower case and a subject pronoun after it (German verb-second order)
_GERMAN_INVERSION = re.compile(r" [a-zäöüß]{2,}(?:en|n|t|st) (?:Sie|du|ihr|wir|ich|er|sie)(?![\w])")


def _finnish() -> bool:
    return REQUESTED_LANGUAGE.get() == "fi"


def _german() -> bool:
    return REQUESTED_LANGUAGE.get() == "de"


def _reads_swedish(tokens: list[_Token]) -> bool:
    """A message named Swedish, or (no language named) one with Swedish function words: a rule for
    lower-case names without a cue holds only there ("ole" is Finnish for "(do not) be", "calle"
    Spanish for street, and in Vietnamese every syllable is some name: "báo cáo", "hoa lan")."""
    requested = REQUESTED_LANGUAGE.get()
    if requested not in (None, "sv"):
        return False
    return requested == "sv" or any(t.text.lower() in _SWEDISH_FUNCTION_WORDS for t in tokens)


def _reads_english(tokens: list[_Token]) -> bool:
    """More English function words than Swedish ones (an answer in English, which output redaction
    checks with no language named): the Swedish dictionary says nothing of a word there, so a word
    it lacks is no sign of a name ("The huvudman pays if ...")."""
    if REQUESTED_LANGUAGE.get() not in (None, "sv", "en"):
        return False
    # asked once per text, not once per lower-case word (a long e-mail has hundreds)
    cached = getattr(_ENGLISH_READING, "last", None)
    if cached is not None and cached[0] is tokens:
        return cached[1]
    english = english_stop_words()
    lows = [t.text.lower() for t in tokens]
    result = sum(w in english for w in lows) > sum(w in _SWEDISH_FUNCTION_WORDS for w in lows)
    _ENGLISH_READING.last = (tokens, result)
    return result


_ENGLISH_READING = threading.local()


def _english_text(tokens: list[_Token]) -> bool:
    """A text named English, or (no language named) one that reads English."""
    requested = REQUESTED_LANGUAGE.get()
    return requested == "en" or (requested is None and _reads_english(tokens))


def plain_english_word(word: str, info: NameInfo | None) -> bool:
    """An English common word that is no known given name ("Hall", "Read": surnames; "City"), a
    language or nationality, a weekday or a month ("Swedish", "Mon"); not "Grace", "Mark", "Hope",
    which mid-sentence in English are people. `info` is what the gazetteer knows of the word."""
    if language_word(word) or calendar_word(word):
        return True
    if "-" in word and not is_english_word(word):
        # "Mon–Fri" (dashes are folded to "-"): each part a plain English word by itself
        gaz = gazetteer()
        return all(p and plain_english_word(p, gaz.lookup(p)) for p in word.split("-"))
    return (info is None or not info.first) and is_english_word(word)


def reads_english(text: str, language: str | None) -> bool:
    """A text named English, or (no language named) one with more English function words than
    Swedish ones (an answer checked by output redaction)."""
    if language is not None:
        return language.lower().split("-")[0].split("_")[0] == "en"
    english = english_stop_words()
    lows = [m.group(1).lower() for m in _WORD.finditer(text)]
    return sum(w in english for w in lows) > sum(w in _SWEDISH_FUNCTION_WORDS for w in lows)


def _english_words_only(text: str, tokens: list[_Token], run: list[_Token]) -> bool:
    """In English text, a capitalised run made only of English common words (SCOWL's lower-case
    entries, `text/english_words.py`), languages and nationalities, weekdays and months ("City
    Hall", "Read", "Easy-to-read Swedish", "Social Services", "Mon") is a title, a heading, a link
    or a place: English capitalises those. It is a person only with a name signal beside it (the
    caller has already weighed cues, titles and signatures): a known first name before a known
    surname ("Grace Hall", "Will Smith"), or grammar only a person fits (a person's verb after it,
    thanks to it, a birth cue after it, its possessive before what only a person has)."""
    if not all(plain_english_word(t.text, t.info) for t in run):
        return False
    if not _english_text(tokens):
        return False
    head = run[0].info
    if head is not None and head.first and any(t.info is not None and t.info.last for t in run[1:]):
        return False  # a known first name and a known surname
    end = run[-1].end
    after = text[end : end + 30].split()
    return not (
        (bool(after) and person_verb(after[0].strip(",.!?;:")))
        or english_finite_verb_after(text, end)
        or birth_cue_after(text, end)
        or owner_of_personal_thing(text, end)
        or thanked(text[max(0, run[0].start - 40) : run[0].start].lower(), text, end)
    )


def _lower_case_full_name(text: str, tokens: list[_Token], i: int) -> bool:
    """ "anders pettersson har ...", "dotter till sigvard eklöf": a known first name and a known
    surname in lower case, neither of them a word (stop word, Swedish word, also without å/ä/ö), in a
    Swedish message."""
    if i + 1 >= len(tokens):
        return False
    first, nxt = tokens[i], tokens[i + 1]
    if nxt.capital or text[first.end : nxt.start] != " " or first.info is None or nxt.info is None:
        return False
    if not (first.info.first and nxt.info.last) or first.info.common or nxt.info.common:
        return False
    if not _reads_swedish(tokens):  # asked last: it reads the whole message, and this is asked per word
        return False
    stops = _stop_words()
    for t in (first, nxt):
        low = t.text.lower()
        if len(low) < 3 or low in stops or low in _VERBS or is_swedish_word_without_accents(low):
            return False
    return True


def _introduced_unknown(text: str, first: _Token, prefix: str, prefix_l: str) -> bool:
    """The parts of `NamnRecognizer._run`'s `introduced` that need neither a cue word before the
    word nor the gazetteer: an introduction of the message's language, "här"/a role after the word at
    a sentence's start, a naming or kin cue in another script."""
    return (
        introduced_before(prefix_l)
        or (
            (HERE_AFTER.match(text, first.end) or ROLE_AFTER.match(text, first.end)) is not None
            and SENTENCE_END.search(prefix) is not None
        )
        or (not prefix.isascii() and NAMING_CUE.search(prefix) is not None)
    )


_IS_ENDINGS = (" is ", " was ", " är ", " var ", " e ", " heter ")


def _full_name_after_kin(text: str, tokens: list[_Token], i: int, prefix_l: str) -> bool:
    """ "my dad is robert nilsson": a known first name and a known surname in lower case right after
    a relative or a role and "is" (in any language the message is in; neither a stop word or verb)."""
    if i + 1 >= len(tokens) or not prefix_l.endswith(_IS_ENDINGS):  # a string test before any regex
        return False
    first, nxt = tokens[i], tokens[i + 1]
    if nxt.capital or text[first.end : nxt.start] != " " or first.info is None or nxt.info is None:
        return False
    if KIN_IS_BEFORE.search(prefix_l) is None:
        return False
    stops = _stop_words()
    return (
        first.info.first
        and nxt.info.last
        and all(t.text not in stops and t.text not in _VERBS and len(t.text) >= 3 for t in (first, nxt))
    )


def _run_length(text: str, tokens: list[_Token], i: int) -> int:
    """How many tokens from i on are capitalised words joined by single spaces (one make or model)."""
    j = i + 1
    while j < len(tokens) and tokens[j].capital and text[tokens[j - 1].end : tokens[j].start] == " ":
        j += 1
    return j - i


def _shouted_full_names(text: str, tokens: list[_Token], gaz: Gazetteer) -> list[_Token]:
    """In capitals a short name that is also a word is read as an acronym ("SOU", "LAN"); before a
    known surname in capitals it is the first name ("JUNE LINDGREN", "BO EK")."""
    out = tokens
    for k, t in enumerate(tokens[:-1]):
        nxt = tokens[k + 1]
        if (
            t.info is None
            and t.text.isupper()
            and 2 <= len(t.text) <= 4
            and nxt.text.isupper()
            and nxt.info is not None
            and nxt.info.last
            and text[t.end : nxt.start] == " "
        ):
            info = gaz.names.get(t.text.capitalize())
            if info is not None and info.first:
                if out is tokens:
                    out = list(tokens)
                out[k] = replace(t, info=info, exact=True)
    return out


def _resolve_calendar_names(text: str, tokens: list[_Token]) -> list[_Token]:
    """A month or day that is also a given name ("Maj", "June") is one only as the first part of a
    name whose next word is a known surname ("Maj Persson", "June Andersson"); else it is a date."""
    out = tokens
    for k, t in enumerate(tokens):
        if t.info is None or t.info.alone:
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        named = (
            (
                t.capital
                and nxt is not None
                and nxt.capital
                and text[t.end : nxt.start] == " "
                and nxt.info is not None
                and nxt.info.last
                and nxt.info.alone
            )
            or (
                # "June's guardian": the possessive before what only a person has
                t.capital and t.text[-2:] in ("'s", "’s") and owner_of_personal_thing(text, t.end - 2)
            )
            or (
                # "Det är Maj.", "jag heter June": after a naming or self-introduction cue
                t.capital
                and (
                    CALLED_BEFORE.search(text[max(0, t.start - 30) : t.start].lower()) is not None
                    or SELF_INTRODUCTION.search(text[max(0, t.start - 30) : t.start].lower()) is not None
                )
            )
        )
        if out is tokens:
            out = list(tokens)
        out[k] = replace(t, info=replace(t.info, common=True, alone=True) if named else None, exact=named)
    return out


def _in_capitals(text: str, token: _Token) -> bool:
    """The word stands among other words in capitals on its line (a heading, a shouted line); each
    part of a heading path ("Förteckning › VAD SKA TAS MED?") is a line of its own."""
    line_start = max(text.rfind("\n", 0, token.start), text.rfind("›", 0, token.start)) + 1
    ends = [n for n in (text.find("\n", token.end), text.find("›", token.end)) if n >= 0]
    line = text[line_start : min(ends) if ends else len(text)]
    words = re.findall(r"[^\W\d_]{2,}", line)
    upper = sum(w.isupper() for w in words)
    return upper >= 2 and upper * 2 > len(words)


def _shouted_name(run: list[_Token]) -> bool:
    """Among capitals: a clear first name that is no word ("ANNA"), or two known names ("ANNA SVENSSON")."""
    if len(run) > 1:
        return all(t.info is not None for t in run) and any(t.info.first for t in run)  # type: ignore[union-attr]
    info = run[0].info
    return info is not None and info.first and not info.common and not is_swedish_word(run[0].text)


def _surname_as_subject(text: str, token: _Token) -> bool:
    """A known name opening a sentence before a Swedish verb is its subject ("Helmer skrev att"),
    when it is no ordinary word (a surname alone opening a sentence is otherwise not taken)."""
    follower = text[token.end : token.end + 20].split()
    if not follower or token.text.isupper() or len(token.text) < 3:
        return False
    verb = follower[0].strip(",.!?").lower()
    if verb not in _SWEDISH_VERBS or token.text.lower() in _stop_words():
        return False
    return not is_swedish_word(token.text)


_PROPAGATE_MIN_SCORE = 0.6
# endings a recurring name may carry: a genitive ("Linds", "Ahmed's"), a Finnish case ("Kaarinan",
# "Kaarinalle", "Kaarinasta")
_RECURRING_ENDING = r"(?:s|['’]s?|n|lle|lla|lta|sta|ssa|['’]n|['’]lle)?"
_MAX_PROPAGATED_TOKENS = 12


def same_name_again(text: str, hits: list[Hit]) -> Iterator[Hit]:
    """A name found once is personal data wherever it recurs in the same text: its surname alone
    later on ("Anna Lind ... Lind bor kvar"), its genitive, or a compound made from it."""
    confident = [h for h in hits if h.score >= _PROPAGATE_MIN_SCORE]
    if not confident:
        return
    stops = _stop_words()
    words: list[str] = []
    vocative_only: set[str] = set()
    for h in confident:
        # also a surname with an apostrophe ("O'Neill", "D'Souza")
        for w in re.findall(rf"[{_UPPER}](?:['’][{_UPPER}])?[{_LOWER}]{{2,}}", text[h.start : h.end]):
            if w in words or w in _NEVER:
                continue
            words.append(w)
            if w.lower() in stops:
                # "Per Holmgren ... Per, the invoice": a first name that is a word recurs only when
                # someone is addressed by it (capitalised, a comma or "!" after it)
                vocative_only.add(w)
        # a name found in lower case ("i'm liam's mom ... but liam still has") recurs the same way,
        # when it is no word (a word found as a name once, "rosa", stays a word elsewhere)
        for w in re.findall(rf"(?<![\w'’])[{_LOWER}]{{3,}}", text[h.start : h.end]):
            if (
                w not in words
                and w not in stops
                and not is_swedish_word_without_accents(w)
                and not is_swedish_word(w, compounds=True)
            ):
                words.append(w)
    taken = Taken()  # O(log n) overlap checks: a text may hold thousands of names
    for h in sorted(hits):
        if not taken.overlaps(h.start, h.end):
            taken.add(h.start, h.end)
    lowered = text.lower()
    for w in words[:_MAX_PROPAGATED_TOKENS]:
        if lowered.count(w.lower()) < 2:
            continue  # the name occurs once: nothing recurs (the common case, and no regex to build)
        # also in lower case when it is no word ("Hussein Al-Amiri ... arvode till hussein")
        flags = re.IGNORECASE if not is_swedish_word_without_accents(w) and w not in vocative_only else 0
        # also its genitive and the first part of a compound ("Linds", "Björk-bordet")
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(w)}{_RECURRING_ENDING}(?![\w])", text, flags):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            opening = SENTENCE_END.search(text[max(0, s - 40) : s]) is not None
            follower = text[e : e + 20].split()
            subject = bool(follower) and follower[0].strip(",.!?").lower() in _SWEDISH_VERBS
            # ... or as the subject of a verb, capitalised ("Per ska ha kopia. Per är en person")
            addressed = text[e : e + 1] in (",", "!") or (subject and w[0].isupper())
            if w in vocative_only and (m.group(0) != w or not addressed):
                continue
            genitive = m.group(0)[len(w) :] in ("s", "'s", "’s")
            # a name ending in s, x or z takes no genitive s in Swedish: "Alex ärende", "Lars bil"
            genitive = genitive or (
                m.group(0) == w
                and w[-1:] in "sxz"
                and bool(follower)
                and follower[0][:1].islower()
                and follower[0].strip(",.!?") not in stops
                and follower[0].strip(",.!?") not in _VERBS
            )
            if opening and not (subject or genitive or w in vocative_only) and is_swedish_word(w):
                continue  # "Berg och dal ..." opening a sentence is the word; "Lind bor kvar" the person
            # a capitalised word right before the recurring surname is its first name ("Signed by
            # administrator Aoife O'Neill"), unless a function word or a sentence's first word
            given = _GIVEN_BEFORE.search(text, max(0, s - 41), s)
            if (
                given is not None
                and given.group(1) not in _NEVER
                and given.group(1).lower() not in stops
                and not is_swedish_word(given.group(1))
                and SENTENCE_END.search(text[max(0, given.start(1) - 40) : given.start(1)]) is None
                and not taken.overlaps(given.start(1), s)
            ):
                s = given.start(1)
            taken.add(s, e)
            yield Hit(NAMN, s, e, _PROPAGATE_MIN_SCORE)


# The one or two capitalised words a message ends on, alone after a sentence end (not a day's
# number: "28. Februar"), a line break or a dash ("... efter fyra.\nChidinma", "Thanks – Tuan Pham"):
# where a writer signs.
_CLOSING_WORDS = re.compile(
    rf"(?:(?<!\d)[.!?)]|\n|[ \t][–—-])[ \t\n]*"
    rf"([{_UPPER}][{_LOWER}]+(?:[ \t-][{_UPPER}][{_LOWER}]+)?)[ \t]*[.!]?[ \t\n]*$"
)
_CLOSING_TAIL = 60  # only the end of a message is looked at (bounded work on long texts)


def _closing_signer(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """The words a message ends on, alone, are its signer's name when they are words of no
    dictionary the redactor has: no function word of the message's language, no Swedish or
    English word, no sign-off, no Swedish proper noun that is not a first name (places, brands).
    A known first name there is found by the other rules already."""
    at = max(0, len(text) - _CLOSING_TAIL)
    m = _CLOSING_WORDS.search(text, at)
    if m is None or any(h.start < m.end(1) and m.start(1) < h.end for h in hits):
        return []
    stops = _stop_words() | _own_function_words()
    endings = salutation_endings()
    words = re.split(r"[ \t-]", m.group(1))
    for word in words:
        low = word.lower()
        info = gaz.lookup(word)
        if (
            (len(words) == 1 and len(word) < 4 and info is None)  # "Lol", "Btw": no signer
            or date_word(text, m.start(1), m.end(1))
            or low in stops
            or low in endings
            or word in _NEVER
            or is_swedish_word(word, compounds=True)
            or is_swedish_word_without_accents(word)
            or is_english_word(word)
            or (word in _proper_nouns() and not (info is not None and info.first))
        ):
            return []
    return [Hit(NAMN, m.start(1), m.end(1), 0.6)]


def _named_by_email(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """A word built on a part of an e-mail address's local part (email_names.py)."""
    stops = _stop_words() | _own_function_words()

    def ordinary(word: str) -> bool:
        return (
            word in stops
            or is_swedish_word(word)
            or is_swedish_word_without_accents(word)
            or is_english_word(word)
            or word.capitalize() in _NEVER
        )

    def known(word: str) -> bool:
        return gaz.lookup(word.capitalize()) is not None

    def place(word: str) -> bool:
        # a place or brand the address is named after ("umea.kontoret@..." and "Umeå")
        info = gaz.lookup(word)
        return word in _proper_nouns() and not (info is not None and info.first)

    return [
        Hit(NAMN, s, e, 0.6)
        for s, e in names_from_emails(text, ordinary, known)
        if not any(h.start < e and s < h.end for h in hits) and not place(text[s:e])
    ]


_FAMILY_BEFORE = re.compile(rf"(?<![\w'’.-])([{_UPPER}{_LOWER}]{{2,}})[ \t]$")


def _family_names(text: str, hits: list[Hit], gaz: Gazetteer) -> Iterator[Hit]:
    """A family shares its surname: once a full name is found ("syster till maja ek"), a known
    first name right before the same surname elsewhere is another of its members ("det är stina
    ek"), in the case the surname was written in, even when both are words."""
    spans = [(h.start, h.end) for h in hits]  # (a few; found hits may overlap one another)
    stops = _stop_words()
    lowered = text.lower()
    seen: set[str] = set()
    for h in hits:
        if h.score < _PROPAGATE_MIN_SCORE:
            continue
        parts = text[h.start : h.end].split()
        surname = parts[-1] if len(parts) >= 2 else ""
        if len(surname) < 2 or not surname.isalpha() or surname in seen:
            continue
        seen.add(surname)
        if lowered.count(surname.lower()) < 2:
            continue  # (the common case: no regex built)
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text):
            given = _FAMILY_BEFORE.search(text, max(0, m.start() - 41), m.start())
            if given is None or given.group(1).lower() in stops:
                continue
            # (the surname itself may be found already, as a recurring name: its first name is not)
            if any(s < given.end(1) and given.start(1) < e for s, e in spans):
                continue
            word = given.group(1)
            info = gaz.lookup(word)
            if info is None or not info.first or (word.islower() != surname.islower()):
                continue
            spans.append((given.start(1), m.end()))
            yield Hit(NAMN, given.start(1), m.end(), _PROPAGATE_MIN_SCORE)


# A capitalised word joined to a found name by "och"/"and" (or ending a list of names): "Kan Rut och
# Lisa Berg ...", "Anna, Lisa och Maj kommer".
_AND = r"(?:och|o|and|&|eller|or|samt)"
_COORDINATED_BEFORE = re.compile(rf"(?<![\w'’-])([{_UPPER}][{_LOWER}]+) {_AND} $")
_COORDINATED_AFTER = re.compile(rf" {_AND} ([{_UPPER}][{_LOWER}]+)(?![\w'’-])")
# the same in lower case (SMS style: "hälsa bosse o ros-marie")
_COORDINATED_LOWER_AFTER = re.compile(rf" {_AND} ([{_LOWER}]{{3,}}(?:-[{_LOWER}]{{2,}})?)(?![\w'’-])")


def _coordinated_names(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """A capitalised word that is not a word in lower case either, a function word, a place or a
    public body, joined by a conjunction to a name found with confidence: a name too."""
    stops = _stop_words()
    confident = [h for h in hits if h.score >= _PROPAGATE_MIN_SCORE]
    spans = sorted((h.start, h.end) for h in hits)
    out: list[Hit] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in spans) and not any(h.start < e and s < h.end for h in out)

    for h in confident:
        candidates = []
        before = _COORDINATED_BEFORE.search(text, max(0, h.start - 45), h.start)
        if before is not None:
            candidates.append(before.span(1))
        after = _COORDINATED_AFTER.match(text, h.end)
        if after is not None:
            candidates.append(after.span(1))
        for s, e in candidates:
            word = text[s:e]
            if (
                word in _NEVER
                or word.lower() in stops
                or word in gaz.proper
                or PUBLIC_BODY.match(word) is not None
                # an ordinary word ("Anna och Banken") unless a known name or a month that is one
                or (is_swedish_word(word) and gaz.lookup(word) is None and not _calendar(gaz, word))
                or not free(s, e)
            ):
                continue
            out.append(Hit(NAMN, s, e, _PROPAGATE_MIN_SCORE))
    for h in hits:
        # a lower-case name joins a lower-case name (any score: lower-case names are scored low)
        # only when a known first name and no word ("hälsa bosse o ros-marie")
        lower_after = _COORDINATED_LOWER_AFTER.match(text, h.end) if text[h.start : h.end].islower() else None
        if lower_after is None:
            continue
        s, e = lower_after.span(1)
        word = lower_after.group(1)
        info = base_name(word, gaz)
        plain = word in _VERBS or word in stops
        if info is not None and info.first and not info.common and not plain and free(s, e):
            out.append(Hit(NAMN, s, e, _PROPAGATE_MIN_SCORE))
    return out


_LOWER_PAIR = re.compile(rf"(?<![\w'’-])([{_LOWER}]{{3,}}) {_AND} ([{_LOWER}]{{3,}})(?![\w'’-])")


_JOINED = re.compile(rf"[ \t]*{_AND}[ \t]*$")


def _coordinated_with(text: str, runs: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A run of English words set aside is a name after all when a conjunction joins it to a found
    name ("Pratt & Mills LLP" after "Oliver Pratt"): coordination is the name signal beside it."""
    out = []
    for run in runs:
        for h in hits:
            gap = text[h.end : run.start] if h.end <= run.start else text[run.end : h.start]
            if h.start != run.start and len(gap) <= 8 and _JOINED.fullmatch(gap.rstrip() + " ") is not None:
                out.append(run)
                break
    return out


def _paired_given_names(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """Two of Sweden's common first names joined by a conjunction in lower case are two people
    even when each is also a word ("stig och ester får ärva"): two words that are both common given
    names are rarely joined as words ("rosa och vit" is not such a pair; months are left out). Flowers
    are ("viola och iris"), so the pair must be a subject (a verb after it) or stand in a message
    whose writer already wrote a name in lower case."""
    if "och" not in text and " o " not in text and " and " not in text and "&" not in text:
        return []
    stops = _stop_words()
    spans = [(h.start, h.end) for h in hits]
    lower_named = any(text[h.start : h.end].islower() for h in hits)
    out: list[Hit] = []
    for m in _LOWER_PAIR.finditer(text):
        after = text[m.end() : m.end() + 20].split()[:1]
        if not (lower_named or (after and after[0].strip(",.!?") in _VERBS)):
            continue
        pair = (m.span(1), m.span(2))
        infos = [gaz.lookup(text[s:e]) for s, e in pair]
        if not all(
            info is not None
            and info.first
            and info.rank <= _COMMON_FIRST_NAME_RANK
            and text[s:e] not in stops
            and text[s:e] not in _VERBS
            and not _calendar(gaz, text[s:e].capitalize())
            for info, (s, e) in zip(infos, pair, strict=True)
        ):
            continue
        for s, e in pair:
            if not any(a < e and s < b for a, b in spans):
                out.append(Hit(NAMN, s, e, _PROPAGATE_MIN_SCORE))
    return out


_NICKNAME_BEFORE = re.compile(rf"(?<![\w'’-])([{_UPPER}][{_LOWER}]+)[ \t]*\($")


def _nicknames(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """A known first name right before a found name in brackets is the same person's other name
    ("Bob (Robert Lake)"), even when it is also a word."""
    out: list[Hit] = []
    for h in hits:
        if text[h.end : h.end + 1] != ")" or h.score < _PROPAGATE_MIN_SCORE:
            continue
        m = _NICKNAME_BEFORE.search(text, max(0, h.start - 30), h.start)
        if m is None or any(o.start < m.end(1) and m.start(1) < o.end for o in hits):
            continue
        info = gaz.lookup(m.group(1))
        if info is not None and info.first and m.group(1) not in _NEVER:
            out.append(Hit(NAMN, m.start(1), m.end(1), _PROPAGATE_MIN_SCORE))
    return out


# A sign-off and a comma or a line break, then a capitalised word right before a found name
# ("Mit freundlichen Grüßen, Ute Wagner"): the signer's given name, even one the gazetteer lacks.
_SIGNER_GIVEN_BEFORE = re.compile(
    r"(?<![\w])(?:" + salutation_pattern("sign_off") + r")[ \t]*(?:,[ \t]*|\n[ \t]*)"
    rf"([{_UPPER}][{_LOWER}]+) $",
    re.IGNORECASE,
)


def _signed_given_names(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        m = _SIGNER_GIVEN_BEFORE.search(text, max(0, h.start - 60), h.start)
        if m is None or any(o.start < m.end(1) and m.start(1) < o.end for o in hits):
            continue
        word = m.group(1)
        # a function word of the message's own language is none ("Mvh, Vi ..."); in a message in
        # another language a Swedish one may be a name ("Ute", out)
        function_words = _own_function_words() if _foreign_message() else _stop_words()
        if not word[0].isupper() or word.lower() in function_words or word in _NEVER:
            continue
        out.append(Hit(NAMN, m.start(1), h.end, max(h.score, _PROPAGATE_MIN_SCORE)))
    return out


# one of Sweden's common first names right before a found one-word name ("Bo Frid", "Lena Sommar
# här" once "Sommar" is found elsewhere in the message)
_GIVEN_RIGHT_BEFORE = re.compile(rf"(?<![\w'’.-])([{_UPPER}][{_LOWER}]+) $")


def _surname_only(gaz: Gazetteer, word: str) -> bool:
    """A found name the list does not know as a given name: a given name that is also a function
    word ("Hans", "Per") right before it is the given name ("Hans Lund"), not "his Lund"."""
    info = gaz.lookup(word)
    return info is None or not info.first


def given_names_before(text: str, spans: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """A common first name right before a found one-word name (found by any rule or the word model)
    is that person's given name, even when it is also a word ("Bo", "Lena") or opens a sentence: a
    word and then a name rarely stand so. Returns the widened spans."""
    gaz = gazetteer()
    out: list[tuple[int, int, float]] = []
    for start, end, score in spans:
        if not text[start : start + 1].isupper() or " " in text[start:end]:
            continue
        m = _GIVEN_RIGHT_BEFORE.search(text, max(0, start - 30), start)
        if m is None or any(s < m.end(1) and m.start(1) < e for s, e, _ in spans):
            continue
        word = m.group(1)
        info = gaz.lookup(word)
        if (
            info is None
            or not info.first
            or info.rank > _COMMON_FIRST_NAME_RANK
            or ((word in _NEVER or word.lower() in _stop_words()) and not _surname_only(gaz, text[start:end]))
            or _calendar(gaz, word)
        ):
            continue
        out.append((m.start(1), end, max(score, _PROPAGATE_MIN_SCORE)))
    return out


# a sign-off, a found given name in lower case, then one lower-case word ending the message or its
# line ("mvh ronny vinter"): the signer's surname, even when it is also a word
_SIGNED_LOWER_BEFORE = re.compile(
    r"(?<![\w])(?:" + salutation_pattern("sign_off") + r")[ \t]*[,\n]?[ \t]*$", re.IGNORECASE
)
_LOWER_SURNAME_END = re.compile(rf" ([{_LOWER}]{{2,}})[ \t]*[.!]?[ \t]*(?:\n|$)")


def _signed_lower_surnames(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        if not text[h.start : h.end].islower():
            continue
        m = _LOWER_SURNAME_END.match(text, h.end)
        if m is None or _SIGNED_LOWER_BEFORE.search(text, max(0, h.start - 40), h.start) is None:
            continue
        word = m.group(1)
        if word in _stop_words() or word.capitalize() in _NEVER or word in salutation_endings():
            continue
        out.append(Hit(NAMN, h.start, m.end(1), max(h.score, _PROPAGATE_MIN_SCORE)))
    return out


# a lower-case list: words apart by commas, the last joined by a conjunction ("faith, hope and charity")
_LOWER_LIST = re.compile(
    rf"(?<![\w'’-])[{_LOWER}]{{3,}}(?:, [{_LOWER}]{{3,}})*(?:,? {_AND} [{_LOWER}]{{3,}})(?![\w'’-])"
)


def _listed_names(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """In a lower-case list that holds a found name, every other known first name is one too, even
    a word ("faith, hope and charity are my aunts" once "hope" is a name): a writer lists like with
    like."""
    lower_hits = [h for h in hits if text[h.start : h.end].islower()]
    if not lower_hits:
        return []
    stops = _stop_words()
    spans = [(h.start, h.end) for h in hits]
    out: list[Hit] = []
    for m in _LOWER_LIST.finditer(text):
        if not any(m.start() <= h.start and h.end <= m.end() for h in lower_hits):
            continue
        for w in re.finditer(rf"[{_LOWER}]{{3,}}", m.group(0)):
            s, e = m.start() + w.start(), m.start() + w.end()
            word = w.group(0)
            info = gaz.lookup(word)
            if (
                info is None
                or not info.first
                or word in stops
                or word in _VERBS
                or re.fullmatch(_AND, word)
                or _calendar(gaz, word.capitalize())
                or any(a < e and s < b for a, b in spans)
            ):
                continue
            out.append(Hit(NAMN, s, e, _PROPAGATE_MIN_SCORE))
    return out


_CAPITALISED_AROUND = re.compile(r"[^\W\d_]+")


# Words typed without spaces ("hejjagheterMaritaLundoch", "namn:MärtaBomanadr:"): a capital after a
# lower-case letter inside one run of letters marks where a glued word begins.
_GLUED_HINT = re.compile(rf"[{_LOWER}][{_UPPER}]")
_GLUED_RUN = re.compile(rf"[{_UPPER}{_LOWER}]*[{_LOWER}][{_UPPER}][{_UPPER}{_LOWER}]*")
_GLUED_PART = re.compile(rf"[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]+(?![{_LOWER}])")


def _glued_names(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """A known first name glued between other words and followed by a capitalised part is a name
    with its surname: the name and the whole next part are taken (what is glued after the surname
    cannot be told from it). A first name that is also a word, or a brand's halves ("PayPal"), are
    not."""
    out: list[Hit] = []
    for m in _GLUED_RUN.finditer(text):
        if len(m.group(0)) > _LONGEST_NAME * 3:
            continue  # bounded work
        parts = [(m.start() + p.start(), m.start() + p.end()) for p in _GLUED_PART.finditer(m.group(0))]
        for (s, e), (s2, e2) in pairwise(parts):
            word, following = text[s:e], text[s2:e2]
            if e != s2 or not word[0].isupper() or not following[0].isupper() or len(word) < 3:
                continue
            info = gaz.lookup(word)
            if info is None or not info.first or not info.alone or is_swedish_word(word.lower()):
                continue
            if any(hs < e2 and s < he for _, hs, he, _ in hits):
                continue
            out.append(Hit(NAMN, s, e2, 0.7))
    return out


def _disguised_names(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """A capitalised word the writer typed in two scripts ("Okсаna", "Оleна": see folding.py) is a
    disguised name unless an ordinary word, a function word, a place or a public body; capitalised
    words joined to it by one space belong to it ("Okсаna Hrytsenko")."""
    spans = MIXED_SCRIPT_WORDS.get()
    if not spans:
        return []
    stops = _stop_words()
    out: list[Hit] = []
    taken = [(h.start, h.end) for h in hits]
    for s, e in spans:
        word = text[s:e]
        if (
            not word[:1].isupper()
            or word.isupper()
            or word in _NEVER
            or word.lower() in stops
            or word in gaz.proper
            or PUBLIC_BODY.match(word) is not None
            or (gaz.lookup(word) is None and is_swedish_word(word))
        ):
            continue

        def joinable(word: str) -> bool:
            return word[:1].isupper() and word not in _NEVER and word.lower() not in stops

        start, end = s, e
        while True:  # capitalised neighbours joined by one space (before it: at a sentence start
            # only a known name)
            m = re.search(r"([^\W\d_]+) $", text[max(0, start - 41) : start])
            if m is None or not joinable(m.group(1)):
                break
            word_start = start - len(m.group(0))
            opening = SENTENCE_END.search(text[max(0, word_start - 40) : word_start])
            if opening is not None and gaz.lookup(m.group(1)) is None:
                break
            start = word_start
        while True:
            m = re.match(r" ([^\W\d_]+)", text[end : end + 41])
            if m is None or not joinable(m.group(1)):
                break
            end += len(m.group(0))
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        out.append(Hit(NAMN, start, end, 0.7))
    return out


def _calendar(gaz: Gazetteer, word: str) -> bool:
    """A month or day that is also a given name ("Maj", "June")."""
    info = gaz.names.get(word)
    return info is not None and not info.alone


_GIVEN_BEFORE = re.compile(rf"([{_UPPER}][{_LOWER}]+) $")
_STRONG_WORDS = (
    "thank",
    "här",
    "det är",
    "de e",
    "im ",
    "i am",
    "i'm",
    "this is",
    "dad",
    "mum",
    "mom",
    "wife",
    "husband",
    "brother",
    "sister",
    "daughter",
    "bror",
    "syster",
    "dotter",
    "mormor",
    "morfar",
    "farmor",
    "farfar",
    "nazywam",
    "llamo",
    "magac",
    "nimeni",
    "heiße",
    "appelle",
    "adım",
    "зовут",
    "heter",
    "namn",
    "name",
    "mamma",
    "pappa",
    "huvudman",
    "god man",
    "förvaltare",
    "min ",
    "hans ",
    "hennes ",
    "ring",
    "fråga",
    "kontakta",
    "prata",
    "träffa",
    "mejla",
    "maila",
    "hälsa",
    "/",
    "c/o",
    "handläggare",
    "jag är",
    "my ",
    "his ",
    "her ",
    "our ",
    " till ",
    " of ",
)


def _has_strong_cue(lowered: str) -> bool:
    contains = lowered.__contains__  # (map: no Python frame per word)
    return any(map(contains, _STRONG_WORDS)) or any(map(contains, salutation_endings()))


def _signature_lines(text: str) -> set[int]:
    """Line numbers of the one or two lines right after a sign-off ("Med vänliga hälsningar")."""
    if "\n" not in text:
        return set()
    lines = text.split("\n")
    out: set[int] = set()
    for n, line in enumerate(lines):
        if SIGN_OFF.search(line.strip()) and len(line.strip()) < 40:
            k = n + 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k < len(lines):
                out.add(k)
    return out
