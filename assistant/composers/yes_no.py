"""Yes/no questions and the polarity of the sentence that answers them.

"Måste jag komma dit personligen?" is answered by "Du behöver inte komma hit personligen." The
answer then starts with "Nej." so the asker has the answer in its first word. The polarity is the
document's: a sentence that negates its statement (not only inside a condition, "om du inte …")
says no, one that does not says yes. Patterns work on folded text (lower case, no diacritics).

A lead is given only when the sentence states the rule asked about: a question opening with a
modal ("Får jag …", "Måste man …", "Kostar det …") is answered by a sentence with a modal of the
same kind, read in the clause that names the question's words ("…, men …"), and not by one that
allows or requires only under a condition ("Först när beslutet har kommit får du …"). The words
are in yes_no_words.yaml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from assistant.composers.answer_types import fold
from guardrails.text.sentences import split_sentences

# A clause that opens with a verb asks for yes or no ("Kan jag …", "Behövs …", "Is it …").
_VERB_FIRST = re.compile(
    r"^(kan|kunde|far|fick|maste|behover|behovs|ska|skall|skulle|ar|finns|galler|har|hade|blir|kravs|gar|"
    r"brukar|bor|ingar|racker|stammer|hinner|betalar|tar|kostar|slutar|upphor|kommer|vill|raknas|"
    r"galls|tillats|far man|can|could|may|might|must|is|are|was|were|do|does|did|should|will|would|"
    r"have|has|am|shall)\b"
)
# Or any present-tense verb ("Svarar ni …", "Räknas det …") followed by its pronoun subject: the
# Swedish word order of a yes/no question, whatever the verb.
_VERB_THEN_SUBJECT = re.compile(
    r"^(?!(?:efter|under|over|eller|mer|innan|for|genom|enligt|hos|utanfor|darfor|annars|alltsa|tills|"
    r"sedan|pa grund av|trots)\b)[a-z]{2,}(?:ar|er|ir|or|ur|yr|as|es|s)\s+"
    r"(jag|du|ni|vi|man|han|hon|hen|den|det|de|dom|min|mitt|mina|din|ditt|dina|er|ert|era|hans|hennes|deras|sin|sitt|sina)\b"
)
# ... unless it asks for something else inside ("Kan du berätta hur …").
_WH = re.compile(
    r"\b(hur|vad|var|vart|nar|vilka|vilken|vilket|vem|vems|varfor|hur manga|hur mycket|how|what|when|"
    r"where|who|whom|which|why)\b"
)
# "När" and "when" after the verb that opens a yes/no question start a time clause ("Får jag ringa
# när ni har stängt?"), not a question of when; after a verb of telling or knowing they ask when
# ("Kan du säga när …").
_TIME_CLAUSE = re.compile(r"\b(nar|when)\b")
_TELLING = re.compile(r"\b(beratta|saga|saja|forklara|veta|vet|tell|explain|know|say)\b")
_CLAUSE = re.compile(r"[,;:]\s+|\s+(?:och|men|and|but)\s+")
_NEGATION = re.compile(
    r"\b(inte|ej|aldrig|ingen|inget|inga|icke|not|never|no|cannot|can't|don't|doesn't|isn't|aren't|"
    r"won't|shouldn't|mustn't|needn't)\b"
)
# Negations that do not negate the statement: a condition, or "inte bara" (not only).
# A condition ends at its clause: "beslutar om arvodet – du får aldrig …" has a prepositional "om"
# and then a plain no, so the reach stops at a dash as at a colon.
_NOT_A_NO = re.compile(
    r"\b(om|if|unless|utom|except|ifall|sa lange|as long as)\b[^.;:!?\u2013\u2014]*?"
    r"\b(inte|ej|not|aldrig|never|ingen|inget|inga|no)\b"
    r"|\b(inte bara|inte enbart|inte endast|not only|not just)\b"
)
_GREETING = re.compile(r"^(hej|hejsan|hallo|tjena|god dag|hello|hi|dear)\b[^.!?]*[.!?,]?\s*")


WORDS_FILE = Path(__file__).with_name("yes_no_words.yaml")
_LISTS = (
    "subordinators",
    "restrictive",
    "contrast",
    "subjects",
    "fillers",
    "light_verbs",
    "only_after",
    "ahead",
)
# Words compared by this many first letters; shorter words (pronouns, small words) are not compared.
_PREFIX = 5
_MIN_WORD = 4
_WORD = re.compile(r"[a-z0-9]+")


@cache
def _words_file() -> dict:
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}


@cache
def _word_set(key: str) -> frozenset[str]:
    """One word list of yes_no_words.yaml (`_LISTS`), folded."""
    if key not in _LISTS:
        raise KeyError(key)
    return frozenset(fold(w) for w in _words_file().get(key) or [])


@cache
def _modals() -> dict[str, frozenset[str]]:
    """The modals by the kind of rule they state ("permission", "obligation", "cost"), folded."""
    modals = _words_file().get("modals") or {}
    return {kind: frozenset(fold(w) for w in words) for kind, words in modals.items()}


def _asked_clause(question: str) -> str | None:
    """The clause that asks for a yes or a no (folded, opening with its verb), if there is one."""
    text = _GREETING.sub("", fold(question).strip())
    sentences = split_sentences(text, cased=False)
    asked = [s for s in sentences if s.endswith("?")] or sentences[-1:]
    for sentence in asked:
        clauses = [c.strip(" ?!.") for c in _CLAUSE.split(sentence) if c and c.strip(" ?!.")]
        for clause in clauses:
            verb_first = _VERB_FIRST.match(clause) or _VERB_THEN_SUBJECT.match(clause)
            if verb_first and not _WH.search(_without_time_clause(clause)):
                return clause
    return None


def asks_yes_no(question: str) -> bool:
    """Whether the question (its last question, its main clause) asks for a yes or a no."""
    return _asked_clause(question) is not None


def asked_rule(question: str) -> str | None:
    """The kind of rule a yes/no question asks about ("permission", "obligation", "cost"), by the
    modal it opens with; None when it opens with another verb ("Är det …", "Räknas den …")."""
    clause = _asked_clause(question)
    if clause is None:
        return None
    words = _WORD.findall(clause)
    for kind, modals in _modals().items():
        if words and words[0] in modals:
            return kind
    return None


def asked_verb(question: str) -> str | None:
    """The verb a yes/no question asks about, folded: the one after its modal and pronoun ("Får man
    köpa fonder?": "kopa") or the one it opens with ("Räknas den …"); None when its subject is not
    a pronoun, no verb follows, or the opening verb is too short to tell ("Är det …")."""
    clause = _asked_clause(question)
    words = _WORD.findall(clause or "")
    if words and not any(words[0] in modals for modals in _modals().values()):
        # Opened by the verb itself ("Räknas den …", "Ingår det …"); a short one says little ("Är …").
        return words[0] if len(words[0]) > _PREFIX else None
    if len(words) < 3 or words[1] not in _word_set("subjects"):
        return None
    rest = [w for w in words[2:] if w not in _word_set("fillers")]
    if len(rest) > 1 and rest[0] in _word_set("light_verbs"):
        return rest[1]
    return rest[0] if rest else None


# A statement that opens with a verb and its subject pronoun opens with a condition ("Kan du inte
# lämna i tid ska du begära anstånd"), as one opening with "om"; the next such pair (not after a
# subordinator: "… att du …") opens the main clause. Not "det", "den": they are an imperative's
# objects too ("Skicka den inte …"). Where no pair follows ("Om det är bråttom kan tingsrätten
# …"), the end of the condition cannot be told: the whole sentence counts.
_INVERTED = re.compile(
    r"\b(?!(?:att|som|om|nar|eftersom|innan|medan|och|men|eller|if|that|when)\b)[a-z]+ "
    r"(?:du|ni|man|jag|vi|han|hon)\b"
)
_CONDITION_OPENING = re.compile(r"^(?:om|if|ifall|nar|when)\b")


def main_clause(sentence: str) -> str:
    """The sentence (folded) without a condition it opens with: in "Om du …, kan du X" and "Kan du
    inte … ska du X" the rule is X. The whole sentence when the condition's end cannot be told."""
    text = fold(sentence).strip()
    opening = _INVERTED.match(text) or _CONDITION_OPENING.match(text)
    if opening is None:
        return text
    following = _INVERTED.search(text, opening.end())
    return text[following.start() :] if following is not None else text


def asks_by_object(question: str) -> bool:
    """Whether the "verb" `asked_verb` gives is the object of a light verb ("Måste jag ha god man?":
    "god"): a sentence naming that thing with a modal may state another's duty ("En god man ska
    …"), not the asker's."""
    clause = _asked_clause(question)
    words = _WORD.findall(clause or "")
    if len(words) < 3 or words[1] not in _word_set("subjects"):
        return False
    rest = [w for w in words[2:] if w not in _word_set("fillers")]
    return len(rest) > 1 and rest[0] in _word_set("light_verbs")


def names_verb(verb: str, sentence: str) -> bool:
    """Whether the sentence has the verb (by its first letters: "take" in "taking", "köpa" in "köper")."""
    stem = verb[:_PREFIX] if len(verb) > _PREFIX else verb[: max(2, len(verb) - 1)]
    return any(w.startswith(stem) for w in _WORD.findall(fold(sentence)))


def states_rule(kind: str, sentence: str) -> bool:
    """Whether the sentence has a modal of the kind the question asks about."""
    return bool(set(_WORD.findall(fold(sentence))) & _modals().get(kind, frozenset()))


def _without_time_clause(clause: str) -> str:
    """The clause without a time clause it ends in ("får jag ringa | när jag inte hinner"), unless
    a verb of telling or knowing comes before it ("kan du säga när …" asks when)."""
    match = _TIME_CLAUSE.search(clause)
    if match is None or _TELLING.search(clause[: match.start()]):
        return clause
    return clause[: match.start()]


def negated_question(question: str) -> bool:
    """A question asked in the negative ("Behöver jag inte …?"): yes and no read the other way.
    A negation in a clause under the asked one ("Får jag ringa när jag inte hinner?") does not count."""
    clause = _asked_clause(question)
    if clause is None:
        return bool(_NEGATION.search(fold(question)))
    words = clause.split()
    subordinators = _word_set("subordinators")
    main = next((i for i, word in enumerate(words) if i > 0 and word in subordinators), len(words))
    return bool(_NEGATION.search(" ".join(words[:main])))


# A table row answers in its cell: "Sälja aktier – Samtycke krävs?: Nej; …" (see knowledge/loaders).
_CELL_ANSWER = re.compile(r"\?:\s*(ja|yes|nej|no)\b")


def cell_answer(sentence: str) -> str | None:
    """ "yes"/"no" when the sentence is a table row whose cell answers a yes/no column, else None."""
    cell = _CELL_ANSWER.search(fold(sentence))
    if cell is None:
        return None
    return "no" if cell.group(1) in ("nej", "no") else "yes"


def polarity(sentence: str) -> str:
    """ "no" when the sentence negates its statement, else "yes"."""
    text = fold(sentence)
    cell = cell_answer(sentence)
    if cell is not None:
        return cell
    cleaned = _NOT_A_NO.sub(" ", text)
    return "no" if _NEGATION.search(cleaned) else "yes"


def rule_polarity(sentence: str, question: str) -> str | None:
    """ "yes" or "no" as the sentence answers the question, None when it is unclear: the clause
    that names most of the question's words decides ("Det finns ingen skyldighet att X, men vi
    gör X"), and a rule that holds only under a condition ("Först när …", "bara om …") is neither.
    A table row answers in its cell, unless another of its cells states the exception the question
    is about (see `_row_exception`)."""
    cell = cell_answer(sentence)
    if cell is not None:
        return _row_exception(sentence, question, cell) or cell
    text = fold(sentence).strip()
    if _INVERTED.match(text):
        text = main_clause(sentence)  # "Kan du inte …, ska du …": the "inte" is the condition's
    clause = _answering_clause(text, question)
    said = polarity(clause)
    # "Enbart X räcker inte" is a plain no; "Först när … får du" neither yes nor no, except to a
    # question about doing it ahead of that time ("… innan ni har beslutat?"): that is a plain no.
    words = set(_WORD.findall(_NOT_A_NO.sub(" ", clause)))
    if said == "yes" and words & _word_set("restrictive"):
        ahead = set(_WORD.findall(fold(question))) & _word_set("ahead")
        return "no" if ahead and words & _word_set("only_after") else None
    return said


# A table row's cells as the loaders join them: "Label – Column?: Ja; Comment: …".
_CELLS = re.compile(r";\s+")
_ROW_LABEL = re.compile(r"\s+[\u2013\u2014-]\s+")
# Question words this short still name a thing when they are not small words ("CSN", "SFI").
_SHORT_WORD = 3


def _row_exception(sentence: str, question: str, cell: str) -> str | None:
    """The polarity of a cell of a table row that states a rule of the asked kind the other way than
    the row's answer cell and names something of the question that the row's label and answer cell
    do not ("Ta lån – Samtycke?: Ja; Att tänka på: CSN-lån kräver inget samtycke" asked "Behövs
    samtycke för studielån från CSN?"): the row's answer is the general case, that cell the
    question's. None when no cell does."""
    cells = _CELLS.split(fold(sentence))
    answering = next((i for i, c in enumerate(cells) if _CELL_ANSWER.search(c)), None)
    if answering is None:
        return None
    row = " ".join(cells[: answering + 1])
    kinds = _modals()
    asked = asked_rule(question)
    modals = kinds.get(asked, frozenset()) if asked else frozenset().union(*kinds.values())
    asked_words = _named_words(question)
    for other in cells[answering + 1 :]:
        said = polarity(other)
        if said == cell or not set(_WORD.findall(other)) & modals:
            continue
        if (asked_words & _named_words(other)) - _named_words(row):
            return said
    return None


def _named_words(text: str) -> set[str]:
    """The words that name something, by their first letters (pronouns and small words left out)."""
    small = _word_set("subjects") | _word_set("fillers") | _word_set("subordinators")
    return {w[:_PREFIX] for w in _WORD.findall(fold(text)) if len(w) >= _SHORT_WORD and w not in small}


def names(question: str, sentence: str) -> float:
    """The share of the question's words (by their first letters, so "polisanmäla" is named by
    "polisanmälan") that the sentence holds."""
    asked = _prefixes(question)
    return len(asked & _prefixes(sentence)) / len(asked) if asked else 0.0


def _prefixes(text: str) -> set[str]:
    return {w[:_PREFIX] for w in _WORD.findall(fold(text)) if len(w) >= _MIN_WORD}


def _answering_clause(text: str, question: str) -> str:
    contrast = _word_set("contrast")
    pattern = r"[,;]?\s+(?:" + "|".join(sorted(map(re.escape, contrast))) + r")\s+" if contrast else None
    clauses = [c for c in re.split(pattern, text) if c.strip()] if pattern else [text]
    if len(clauses) < 2:
        return text
    modals = _modals().get(asked_rule(question) or "", frozenset())

    def named(clause: str) -> tuple[float, int]:
        return (names(question, clause), len(modals & set(_WORD.findall(clause))))

    return max(clauses, key=named)


_WORDS = {
    "sv": {"yes": "Ja.", "no": "Nej."},
    "en": {"yes": "Yes.", "no": "No."},
}


def yes_no_word(answer_polarity: str, language: str) -> str:
    """The word that leads the answer ("Ja." / "Nej."), in the answer's language."""
    return _WORDS.get(language, _WORDS["sv"])[answer_polarity]
