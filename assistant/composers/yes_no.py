"""Yes/no questions and the polarity of the sentence that answers them.

"Måste jag komma dit personligen?" is answered by "Du behöver inte komma hit personligen." The
answer then starts with "Nej." so the asker has the answer in its first word. The polarity is the
document's: a sentence that negates its statement (not only inside a condition, "om du inte …")
says no, one that does not says yes. Patterns work on folded text (lower case, no diacritics).
"""

from __future__ import annotations

import re

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
_NOT_A_NO = re.compile(
    r"\b(om|if|unless|utom|except|ifall|sa lange|as long as)\b[^.;:!?]*?"
    r"\b(inte|ej|not|aldrig|never|ingen|inget|inga|no)\b"
    r"|\b(inte bara|inte enbart|inte endast|not only|not just)\b"
)
_GREETING = re.compile(r"^(hej|hejsan|hallo|tjena|god dag|hello|hi|dear)\b[^.!?]*[.!?,]?\s*")


def asks_yes_no(question: str) -> bool:
    """Whether the question (its last question, its main clause) asks for a yes or a no."""
    text = _GREETING.sub("", fold(question).strip())
    sentences = split_sentences(text, cased=False)
    asked = [s for s in sentences if s.endswith("?")] or sentences[-1:]
    for sentence in asked:
        clauses = [c.strip(" ?!.") for c in _CLAUSE.split(sentence) if c and c.strip(" ?!.")]
        for clause in clauses:
            verb_first = _VERB_FIRST.match(clause) or _VERB_THEN_SUBJECT.match(clause)
            if verb_first and not _WH.search(_without_time_clause(clause)):
                return True
    return False


def _without_time_clause(clause: str) -> str:
    """The clause without a time clause it ends in ("får jag ringa | när jag inte hinner"), unless
    a verb of telling or knowing comes before it ("kan du säga när …" asks when)."""
    match = _TIME_CLAUSE.search(clause)
    if match is None or _TELLING.search(clause[: match.start()]):
        return clause
    return clause[: match.start()]


def negated_question(question: str) -> bool:
    """A question asked in the negative ("Behöver jag inte …?"): yes and no read the other way."""
    return bool(_NEGATION.search(fold(question)))


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


_WORDS = {
    "sv": {"yes": "Ja.", "no": "Nej."},
    "en": {"yes": "Yes.", "no": "No."},
}


def yes_no_word(answer_polarity: str, language: str) -> str:
    """The word that leads the answer ("Ja." / "Nej."), in the answer's language."""
    return _WORDS.get(language, _WORDS["sv"])[answer_polarity]
