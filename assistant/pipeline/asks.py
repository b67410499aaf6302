"""The questions in a pasted e-mail or letter: what a staff draft has to answer, one by one.

Real messages are not questions: they open with a greeting, tell a story, ask two things in one
sentence, ask without a question mark ("Jag undrar om …", "Jag vet inte hur …", "Tacksam för besked
om …"), and end with a sign-off, a name, a phone number and an address. This module sets the
greeting and the signature aside (also a name and a phone number under the text without a
sign-off), finds every question (any script's question mark, an implicit question, a sentence that
opens with a question word, two questions joined by "och"/"samt"/"and"/a comma/"dels … dels" split
in two, in Swedish and English) and gives each the context it is searched with: the story told
before it, or the question a "den"/"det" in it points back to. The cue words live in
draft_cues.yaml.

It also says which parts only a case officer can answer (`needs_person`): the writer's own papers
and their status, something the office has done or should do in the writer's case, a decision on a
given amount or purchase. Everything works on redacted text ([NAMN_1]-style tags).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.pipeline.passed_on import own_lines
from guardrails.text.salutations import salutation_pattern
from guardrails.text.sentences import QUESTION_MARKS, is_list_item, split_sentences, without_bullet
from guardrails.text.tags import TAG_PATTERN

MAX_QUESTIONS = 8
QUESTION_MARKS_TUPLE = tuple(QUESTION_MARKS)  # for str.endswith
CUES_FILE = Path(__file__).with_name("draft_cues.yaml")


def _load_cues(path: Path = CUES_FILE) -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {key: tuple(" ".join(str(v).lower().split()) for v in raw.get(key) or ()) for key in raw}


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation of `phrases` (any run of spaces between words)."""
    alternatives = [r"\s+".join(re.escape(word) for word in p.split()) for p in phrases if p.split()]
    return re.compile(rf"\b(?:{'|'.join(alternatives) or '(?!)'})\b", re.IGNORECASE)


_CUES = _load_cues()
# Languages whose ways of asking this module knows (draft_cues.yaml); in others a paragraph
# without a recognised question may still ask something (see unasked_paragraphs).
ASKING_LANGUAGES = frozenset(_CUES.get("asking_languages", ()))
_WISH = _phrase_pattern(_CUES.get("wishes", ()))
_ASKING_PHRASE = _phrase_pattern(_CUES.get("asking_phrases", ()))


def _words(key: str) -> str:
    """The cue words or phrases under `key` as a regex alternation (any run of spaces between a
    phrase's words; '(?!)' when there are none)."""
    phrases = [r"\s+".join(re.escape(word) for word in p.split()) for p in _CUES.get(key, ()) if p.split()]
    return "|".join(phrases) or "(?!)"


_JOINING = _words("joining_words")
_PREPOSITIONS = _words("question_prepositions")
_ADDING = _words("adding_words")
_WHETHER = _words("whether_words")

_QUESTION_WORDS = (
    r"hur|när|vad|var|vart|vem|vems|vilka|vilken|vilket|varför|varifrån|"
    r"how|when|what|where|who|whom|whose|which|why"
)
# A question word opening a sentence (after "och"/"men"/"also"): a question even without its mark.
_OPENS_WITH_QUESTION_WORD = re.compile(
    rf"^(?:(?:och|men|samt|så|också|även|and|but|also|so)\s+)?(?:{_QUESTION_WORDS})\b",
    re.IGNORECASE,
)
# The Swedish verbs a question most often opens with ("Kan jag …", "Gäller samma …").
_SV_OPENING_VERBS = "kan|får|måste|behöver|ska|skall|bör|finns|gäller|är|har"
# A verb first, then its subject: "Kan jag …", "Måste pengarna …", "Is it …" (the fallback when a
# message has no other question).
_VERB_FIRST = re.compile(
    rf"^(?:(?:och|men|and|but)\s+)?(?:{_SV_OPENING_VERBS}|"
    r"could|can|do|does|should|must|is|are|may|will)\s+\S",
    re.IGNORECASE,
)
# Asking without a question: "Jag undrar om …", "Tacksam för besked om …", "I'm not sure whether …".
_IMPLICIT = re.compile(
    r"\b((jag|vi) undrar|undrar( jag| vi)? (\w+ )?(om|hur|när|vad|var|vem|vilka|vilken|vilket|varför)|"
    r"(vill|ville)( jag| vi)? (\w+ )?(veta|fråga|ha (information|besked|svar|hjälp))|"
    r"skulle( jag| vi)? (\w+ )?vilja (veta|fråga|ha (information|besked|svar|hjälp))|"
    r"behöver (veta|information|besked|svar|hjälp)|"
    r"kan (ni|du) (berätta|förklara|tala om|skicka|informera)|"
    r"(berätta|förklara|informera|tala om) gärna|hör gärna av|"
    # "Tacksam för besked om …" asks; a bare "Tacksam för svar!" closes the letter.
    r"(är|vore|blir) (mycket |väldigt |jätte)?(tacksam|glad|tacksamma|glada) (om|över)|"
    r"(tacksam|tacksamma|glad|glada) för (\w+ )?(svar|besked|information|hjälp) "
    r"(om|på|kring|angående|gällande|när|hur)|"
    r"(jag|vi|och|men) (vet|förstår) (inte|ej) (om|hur|vad|när|var|vem|vilka|vilken|vilket|varför|riktigt)|"
    # Wanting to know, said as a need, a wish or a difficulty ("Jag skulle behöva veta …", "Det vore
    # bra att få veta …", "Jag har svårt att förstå hur …", "Jag hittar ingen information om …").
    r"behöva (få )?(veta|information|besked|svar|hjälp)|behöver få (veta|besked|svar|hjälp)|"
    r"(vore|är|skulle vara) (\w+ )?(bra|skönt|värdefullt|intressant|tacksamt|hjälpsamt) (att (få )?"
    r"(veta|svar|besked|information|hjälp)|om (ni|du))|"
    r"oklart (för (mig|oss) )?(om|hur|vad|när|var|vem|vilka|vilken|vilket|varför|vart)|"
    r"svårt att (förstå|veta|hitta|se|begripa|reda ut) (om|hur|vad|när|var|vem|vilka|vilken|vilket|"
    r"varför|vart)|"
    r"(hittar|hitta|hittade|finner) (inte|ingen|inget|inga) (\w+ )?(information|uppgift|uppgifter|svar|"
    r"blankett|blanketten|besked)|"
    r"(uppskattar|uppskatta|uppskattas) (\w+ )?(information|svar|besked|hjälp|om (ni|du))|"
    r"funderar (över|kring)|"
    r"i was wondering|wondering (if|whether|how|what|when|where|who|which|why)|let (me|us) know|"
    # Someone else's question passed on ("Min fru frågar om vi får …", "my wife wonders if we could
    # …"), and an English yes/no question asked indirectly mid-sentence ("… if we could use …").
    r"(frågar|frågade|undrade) (\w+ )?(om|hur|när|vad|var|vem|vilka|vilken|vilket|varför)|"
    r"(asks|asked|wonders|wondered) (\w+ )?(if|whether|how|what|when|where|who|which|why)|"
    r"(?<=\S )(if|whether) (i|we|he|she|they) (could|can|may|might|should|must|need to|have to|"
    r"are allowed)|"
    r"appreciate (it )?if|appreciate (some |any |more )?(information|advice|help|an answer)|"
    r"(can't|cannot|can not|could not|couldn't) find (any )?(information|details|anything)|"
    r"not clear (to (me|us) )?(what|how|whether|if|when|where|who|which|why)|"
    r"(i'd|i would|we'd|we would) like (some |more |any )?(information|details|advice|help)|"
    r"(jag|vi) (är|blir) (osäker|osäkra|fundersam|fundersamma|förvirrad|förvirrade)|"
    r"(osäker|osäkra) (på )?(om|hur|vad|när|var|vem|vilka|vilken|vilket|varför|huruvida)|"
    r"oklart (om|hur|vad|när|vem|vilka|varför)|funderar på (om|hur|vad|när|vem|vilka|varför)|"
    r"i wonder|i would like to know|i'd like to know|i want to know|i need to know|"
    r"please (tell|explain|let me know|advise|inform)|could you (tell|explain|let me know)|"
    r"i (do not|don't) (know|understand) (if|whether|how|what|when|where|who|which|why)|"
    r"i am not sure|i'm not sure|i would be grateful|"
    # Asking the office to do something is a question to answer too.
    r"(jag|vi) (vill|önskar|skulle vilja) (\w+ )?att (ni|du)|"
    r"(jag|vi) (\w+ )?(ber|begär|ansöker)\b|ni (måste|borde|behöver|får gärna)|"
    r"i (want|would like|need) you to|you (must|should|need to))\b",
    re.IGNORECASE,
)
# The words that turn a question into an implicit one ("Jag skulle också vilja veta när …"): what
# follows them is the question itself.
_LEAD_IN = re.compile(
    r"^(?:(?:nu|så|och|men|också|även|dessutom)\s+)*(?:(?:jag|vi)\s+)?(?:undrar|funderar på|vill|ville|"
    r"skulle|behöver|vet inte|förstår inte|(?:min|vår) fråga är|det (?:jag|vi) (?:undrar|vill veta) är)"
    rf"(?:\s+(?:jag|vi))?(?:\s+(?:gärna|bara|nu|därför|så|{_ADDING}))*(?:\s+(?:vilja|behöva))?"
    r"(?:\s+(?:få\s+)?(?:veta|fråga))?\s+(?=(?:om|huruvida|"
    rf"{_QUESTION_WORDS})\b)",
    re.IGNORECASE,
)
# The same in English ("Could you tell me how much …", "I'd like to know whether …"; the phrases
# in draft_cues.yaml english_lead_ins).
_EN_LEAD_IN = re.compile(
    rf"^(?:(?:{_ADDING}|and|so)\s+)*(?:{_words('english_lead_ins')})\s+"
    rf"(?=(?:if|{_WHETHER}|{_QUESTION_WORDS})\b)",
    re.IGNORECASE,
)


def _lead_in(question: str) -> re.Match[str] | None:
    """The words that make a question indirect ("Jag undrar om …", "Could you tell me how …")."""
    return _LEAD_IN.match(question) or _EN_LEAD_IN.match(question)


# A piece that announces the question after it: "Sen har jag en fråga om arvodet, när får jag det?"
_NAMES_A_QUESTION = re.compile(
    r"\b(en|ett par|några|min|mina|a|one|some|my)\s+(\w+\s+)?(fråga|frågor|question|questions)\b",
    re.IGNORECASE,
)
# A sentence that names the writer's question ("Min fråga gäller arvodet.", "Jag har en fråga om
# arvodet och hur det betalas ut."): the ask itself, unless a question follows it (then it is the
# question's context). "i fråga om" (concerning) names no question.
_NAMES_ITS_QUESTION = re.compile(
    r"\b(?:(?:jag|vi|och|men) har (?:en|ett par|några|två|tre|fler|flera) (?:\w+ )?"
    r"(?:fråga|frågor|undran|funderingar)|"
    r"(?:min|vår|mina|våra) (?:\w+ )?(?:fråga|frågor|undran|funderingar)|"
    r"(?:i|we) have (?:a|one|two|some|a few) (?:\w+ )?questions?|(?:my|our) (?:\w+ )?questions?)\s+"
    r"(?:är|gäller|handlar om|om|gällande|angående|kring|rör|is|are|concerns?|about|regarding)\b",
    re.IGNORECASE,
)
_HEADER = re.compile(
    r"^(?:ämne|subject|från|from|till|to|skickat|sent|datum|date|kopia|cc|re|sv|fwd|vb)\s*:", re.IGNORECASE
)
# A short question that asks whether what was just told holds ("Stämmer det?", "Är det rätt?",
# "Is that right?").
_CHECKS_A_CLAIM = re.compile(
    r"^(?:(?:och|men|and|but)\s+)?(?:stämmer|gäller|är|blir|is|does)\s+(?:det|detta|den|that|this|it)\b"
    r"(?:\s+(?:verkligen|så|rätt|sant|korrekt|riktigt|really|right|true|correct|so))*\s*[?؟]?$",
    re.IGNORECASE,
)
# What someone said, without who said it: "Mäklaren säger att han skickar in ansökan." -> "han
# skickar in ansökan".
_SAID_THAT = re.compile(
    r"^.*?\b(?:sa|sade|säger|har sagt|menar|påstår|skriver|skrev|tycker|said|says|told (?:me|us))\s+"
    r"(?:\S+\s+){0,8}?(?:att|that)\s+",
    re.IGNORECASE,
)


def _with_claim(part: str, story: str) -> str:
    """ "Är det rätt?" after "Mäklaren säger att han skickar in ansökan." asked whole: "Är det rätt
    att han skickar in ansökan?"."""
    claim = _SAID_THAT.sub("", story, count=1).rstrip(".!") or story.rstrip(".!")
    joint = "that" if re.match(r"^(?:(?:and|but)\s+)?(?:is|does)\b", part, re.IGNORECASE) else "att"
    return f"{part.rstrip(' ?؟')} {joint} {claim[:1].lower()}{claim[1:]}?"


# A line that announces the questions listed under it.
_ANNOUNCES = re.compile(
    r"\b(frågor|fråga|undrar|följande|questions|question|wonder|following)\b", re.IGNORECASE
)
# An imperative first: "Skicka blanketten …", "Berätta hur …", "Please send …"; after a word of
# asking politely any verb is one ("snälla byt henne nu").
_REQUEST_START = re.compile(
    r"^(?:(?:och|men|also|and)\s+)?(?:(?:snälla|vänligen|please)\s+\w|(?:skicka|ring|kontakta|meddela|berätta|"
    r"förklara|hjälp|beskriv|återkom|informera|ge|svara|bekräfta|mejla|maila|posta|boka|ordna|byt|ändra|"
    r"ta|häv|avsluta|stoppa|flytta|utse|"
    r"send|call|contact|tell|explain|help|advise|confirm|let)\b)",
    re.IGNORECASE,
)
# A verb, then its subject: Swedish and English ask a yes/no question verb first ("…, betyder det
# att …", "behöver jag …", "is it …"). A Swedish present-tense or passive verb ends in -r or -s; the
# words that end so but are no verb are left out.
_NOT_VERBS = (
    r"efter|eller|under|över|för|utanför|innanför|när|där|här|mer|per|hos|oss|hans|hennes|deras|dess|"
    r"vars|annars|tills|längre|senare|tidigare|vidare|hur|var"
)
_SUBJECTS = r"jag|vi|ni|du|man|han|hon|hen|de|dom|det|den|detta|dessa|denna|i|we|you|he|she|they|it|there"
_FINITE_VERB = (
    rf"{_SV_OPENING_VERBS}|vet|"
    rf"(?!(?:{_NOT_VERBS})\b)[a-zåäö]{{2,}}[rs]|"
    rf"can|could|do|does|did|is|are|was|should|must|may|will|would|have|has"
)
_VERB_THEN_SUBJECT = rf"(?:{_FINITE_VERB})\s+(?:{_SUBJECTS})\b"
# English verb first, then a subject that opens with a determiner ("is the fee taxed").
_EN_VERB_THEN_NOUN = rf"(?:{_words('english_question_verbs')})\s+(?:{_words('english_determiners')})\s+\w"
# "om jag får …" asked directly is "får jag …".
_IF_SUBJECT_VERB = re.compile(
    rf"^(?:om|huruvida)\s+(jag|vi|man|han|hon|hen|de|dom|det|den|ni|du)\s+({_FINITE_VERB})\b", re.IGNORECASE
)
_OPENS_WITH_VERB_THEN_SUBJECT = re.compile(
    rf"^(?:(?:också|även|also)\s+)?{_VERB_THEN_SUBJECT}", re.IGNORECASE
)
# A modal or common verb first, then a subject that opens with a determiner: "Gäller samma regler
# för barn.", "Måste alla kvitton sparas." (a question in Swedish word order, mark or not).
_OPENS_WITH_VERB_THEN_DETERMINER = re.compile(
    rf"^(?:(?:och|men|också|även)\s+)?(?:{_SV_OPENING_VERBS})\s+"
    r"(?:samma|alla|allt|någon|något|några|min|mitt|mina|hans|hennes|vår|vårt|våra|deras|er|ert|era)\s+\S",
    re.IGNORECASE,
)
# An indirect yes/no question: "(Jag undrar …) om jag ska ta med hyran".
_INDIRECT_YES_NO = rf"(?:(?:om|if)\s+(?:{_SUBJECTS})\b|(?:{_WHETHER})\b)"
# Where one sentence asks a second question: "… får jag och när betalas det ut?", "Jag undrar
# när …, och om jag ska …"
_SECOND_QUESTION = re.compile(
    rf"(?:[,;]\s*|\s+[–—-]\s+|\s+(?:{_JOINING})\s+)(?=(?:(?:{_ADDING})\s+)?"
    rf"(?:(?:(?:{_PREPOSITIONS})\s+)?(?:{_QUESTION_WORDS})\b|{_VERB_THEN_SUBJECT}|{_EN_VERB_THEN_NOUN}|{_INDIRECT_YES_NO}))",
    re.IGNORECASE,
)
# A greeting of any language written to the office (guardrails/text/data/salutations.yaml), and
# "Hejj" however many j's.
_GREETING_WORD = rf"hej+|{salutation_pattern('greeting')}"
# "Hej!", "Hej Överförmyndaren,", "Dear Sir or Madam:" – the greeting and up to four words of
# address, to a punctuation mark or the end of the line.
_GREETING = re.compile(
    rf"^(?:{_GREETING_WORD})(?:\s+[^\s.!?,:;{QUESTION_MARKS}]+){{0,4}}\s*(?:[.!,:]+\s*|$)",
    re.IGNORECASE,
)
# A piece that opens with its subject tells something ("Jag skickade in den förra veckan – …").
_STATEMENT_START = re.compile(
    r"^(?:jag|vi|min|mitt|mina|vår|vårt|våra|han|hon|hen|de|dom|det|den|nu|i|we|my|our|he|she|they|it|"
    r"there|\[NAMN_\d+\])\b",
    re.IGNORECASE,
)
# A condition or a time clause first: "Om det blir god man, …", "När jag har skickat in den, …",
# "När sängen är köpt, …". A time word followed by its subject opens a clause; followed by a
# verb ("När ska …", "När betalas …") it asks.
_CONDITION = re.compile(
    rf"^(?:(?:och|men|and|but)\s+)?(?:(?:om|ifall|eftersom|if|since|because)\s+\S|"
    rf"(?:när|då|innan|efter|sedan|medan|when|before|after|once|while)\s+(?!(?:{_FINITE_VERB})\b)\S)",
    re.IGNORECASE,
)
# Where a sentence's clauses meet: a question may follow a statement after a comma, without its
# mark ("Jag skickade in den förra veckan, kan ni godkänna den så snart som möjligt.").
_CLAUSE_CUT = re.compile(r"[,;]\s+|\s+[–—-]\s+")
_ENDS_WITH_QUESTION_WORD = re.compile(rf"\b(?:{_QUESTION_WORDS})\s*$", re.IGNORECASE)
_BARE_GREETING = re.compile(rf"^(?:{_GREETING_WORD})\b[\s,!.:]*", re.IGNORECASE)
# A sign-off of any language written to the office (guardrails/text/data/salutations.yaml), or a
# "//Name" line.
_SIGN_OFF = re.compile(rf"^(?:{salutation_pattern('sign_off')}|/+\s*\S)\b", re.IGNORECASE)
# A signature is short: a sign-off counts as one only when at most this many short lines follow.
_SIGNATURE_LINES = 6
_SIGNATURE_LINE_WORDS = 8
# A sign-off line is itself short ("Tack på förhand för svar!"), not a sentence of the story.
_SIGN_OFF_WORDS = 8
# A message without a question may still ask for something ("Skicka blanketten för uttag.").
_REQUEST = re.compile(
    r"\b(skicka|mejla|ring|kontakta|hjälp|behöver|vill ha|vill att|önskar|begär|please|send|need|want|"
    r"would like)\b",
    re.IGNORECASE,
)
_POINTING_BACK = re.compile(
    r"\b(det|den|dem|dom|dessa|detta|denna|de|där|då|dit|it|they|them|this|that|these|those|there|then)\b",
    re.IGNORECASE,
)
_ADDING_FIRST = re.compile(rf"^(?:{_ADDING})\s+", re.IGNORECASE)
# A word that refers to something named before it, never an empty subject as "det" often is
# ("Dessutom undrar jag vad som händer om den kommer in för sent."): a question with one is about
# what the question before it named (draft_cues.yaml referring_words).
_REFERRING = _phrase_pattern(_CUES.get("referring_words", ()))
_MIN_PART_WORDS = 3
_NAME_TAG = re.compile(r"\[NAMN_\d+\]")
_ANY_TAG = re.compile(TAG_PATTERN)
# A line that signs a message without a sign-off has a tag and at most this many other words
# ("God man för [NAMN_2]", "Tel: [TELEFON_1]").
_SIGNED_LINE_WORDS = 4
# A sentence of personal data has a tag and at most this many other words ("Mitt personnummer:").
_DATA_LABEL_WORDS = 2
_FRAGMENT_WORDS = 4
_TAIL_WORDS = 3
_CONTEXT_WORDS = 40
_SHORT_QUESTION_WORDS = 6
# A part only a case officer can answer: the writer's own case, something the office has done or
# should do for them, a decision.
_NEEDS_PERSON = re.compile(
    # Something the office has done, or should do, in the writer's own case.
    r"\b(har ni (fått|tagit emot|granskat|registrerat|beslutat|godkänt|skickat|hittat|glömt|hunnit|"
    r"läst|sett|behandlat|handlagt|kollat|ändrat|noterat)|"
    r"hinner ni|när (ska|kommer|tänker|hinner|kan) ni|varför har (ni|jag inte|vi inte)|"
    r"stämmer det att ni|ni (har )?(skrev|skickade|beslutade|bestämde|glömde)|"
    r"i (ert|erat) (brev|beslut|mejl|föreläggande)|från er (i|förra|för)|"
    r"(fick|fått|har fått) (ett |en |något |ert )?(brev|beslut|föreläggande|vite|besked|mejl|mail|"
    r"faktura|påminnelse|kallelse)( \S+)? från er|"
    r"(kan|skulle|vill) ni (också |även |gärna |snälla |möjligen )?(godkänna|bevilja|byta|ändra|ta bort|"
    r"stryka|häva|kolla|kontrollera|titta på|skynda på|göra det|ringa|flytta|förlänga|ge (mig|oss)|"
    r"skicka|mejla|posta|kontakta|boka|hjälpa (mig|oss) med (det|detta|den))|"
    r"vill (också |gärna )?(att ni|ha att ni)|hur går det med|hur långt har ni|"
    # Telling the office to act ("Ni måste göra något åt hans gode man nu.").
    r"\bni (måste|borde|behöver|ska|får) (\w+ )?(göra|ta|byta|ändra|agera|ingripa|utreda|kontrollera|"
    r"granska|stoppa|flytta)\b|"
    # Asking the office to act, politely ("Skulle ni kunna ordna en ersättare?").
    r"(kan|kunde|skulle|vill) ni (\w+ )?kunna (godkänna|bevilja|byta|ändra|ordna|utse|ta bort|häva|kolla|"
    r"kontrollera|titta på|skynda på|påskynda|ringa|förlänga|skicka|mejla|boka|granska|ta upp)|"
    r"(kan|skulle|vill) ni (\w+ )?(ordna|utse|påskynda|prioritera|granska|ta upp|registrera|uppdatera)\b|"
    # The status of the writer's own paper ("Och när blir den granskad?", "Har min ansökan kommit
    # in?").
    r"när (blir|är|kommer) (den|det|de|dom|min|mitt|mina|hans|hennes|vår|vårt|våra)( \w+)? (att )?(bli )?"
    r"(granskad|granskat|granskade|klar|klart|klara|godkänd|godkänt|godkända|behandlad|behandlat|"
    r"beslutad|beslutat|färdig|färdigt)|"
    r"(his|her|my|our|their) (\w+ ){0,3}(has|have|had|did)? ?(actually |already )?(submitted|sent in|"
    r"handed in|been (checked|reviewed|approved|received|processed))|"
    r"när får (jag|vi) (besked|svar|beslut|pengarna|arvodet|ersättningen)|"
    r"(kan|får) (jag|vi) få (\w+ )?(mer|extra|längre|förlängd|ytterligare) tid|"
    r"(kom|har) (den|det|de|dom|brevet|pappren|papperen|handlingarna|kvittona) (\w+ )?(fram|in)\b|"
    # The writer's own papers and events.
    r"vad händer (nu )?med (min|mitt|mina|hans|hennes|vår|vårt|deras)|"
    r"(min|mitt|mina|hans|hennes|vår|vårt|våra|deras|mammas|pappas) (ansökan|ärende|årsräkning|redovisning|"
    r"begäran|förteckning|sluträkning|arvodesbeslut|beslut|handlingar|uttag|akt)|"
    r"(jag|vi) (har )?(skickade|skickat|lämnade|lämnat|ansökte|ansökt|fick|fått ett brev)|"
    # Asking the office to decide for the writer ("Jag ber härmed om anstånd till den 31 mars."),
    # or why something went as it did in their case ("Varför blev mitt arvode så lågt?").
    r"(jag|vi) (\w+ )?(ber|begär|ansöker) (\w+ )?om|"
    r"varför (blev|fick|har|är|var|kom|tog) (jag|vi|mitt|min|mina|vårt|vår|våra|hans|hennes)|"
    r"ärendenummer|diarienummer|"
    # A decision on a given amount or purchase ("ta ut 20 000 kr till en dator – går det?").
    r"(får|kan) (jag|vi|hon|han) (ta ut|sälja|köpa|låna) \d+|"
    # Asking the office to confirm, call, meet or tell the writer's own status.
    r"(kan|vill|skulle) ni (\w+ )?bekräfta|bekräfta att ni|(ring|ringa) (upp )?(mig|oss)|"
    r"(boka|få) (ett |en )?(möte|tid|samtal|besök)( med| hos)? (er|en handläggare|handläggaren)|"
    r"vem är (min|mitt|hans|hennes|vår|deras) handläggare|vilken handläggare|"
    r"(ert|det) beslut (ni|som ni)|avslag(et)? (på|om) (min|mitt|vår|hans|hennes)|"
    r"(skicka|mejla|posta) (mig|oss)\b|"
    r"have you (received|approved|reviewed|decided|processed|looked)|did you (receive|get)|"
    r"when will (you|i get)|(can|could|would) you (please )?(approve|change|replace|check|extend|give me|"
    r"send me|call me|confirm)|confirm (that|whether) you|"
    r"my (application|case|report|account|file|annual report|inventory|caseworker|case officer)|"
    r"i (sent|submitted|applied)|what is the status|status of)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Asked:
    """One question of a message: as the writer put it, and what is searched for it."""

    text: str  # quoted in the draft ("Du frågar: …")
    query: str  # the question with the context it needs (the story before it, the part it points to)
    own: str = ""  # the question's own words, without the story (what the composer answers)
    about: str = ""  # the question with only what it points back to (what the policy judges)
    sentence: str = ""  # the writer's sentence when it asks more than this (shown once over its parts)
    guessed: bool = False  # no question was recognised: a paragraph taken as what the writer asks

    @property
    def question(self) -> str:
        return self.own or self.text

    @property
    def judged(self) -> str:
        return self.about or self.question


def direct(question: str) -> str:
    """An implicit question asked directly: "Jag undrar om jag får ta ut arvode." becomes "får jag
    ta ut arvode?", "Jag skulle vilja veta när arvodet betalas ut." becomes "när arvodet betalas
    ut?". Anything else is returned as it is."""
    lead = _lead_in(question)
    if not lead:
        return question
    return _asked_directly(question[lead.end() :]) or question


def _asked_directly(rest: str) -> str | None:
    """An indirect question without its lead-in ("om jag får ta ut arvode.") asked directly
    ("får jag ta ut arvode?"); None when too little is left to ask."""
    rest = _IF_SUBJECT_VERB.sub(lambda m: f"{m.group(2)} {m.group(1)}", rest.strip(), count=1)
    rest = rest.rstrip(".!")
    if len(rest.split()) < _MIN_PART_WORDS:
        return None
    return rest if rest.endswith(QUESTION_MARKS_TUPLE) else f"{rest}?"


def is_sign_off(line: str) -> bool:
    """Whether a line closes the letter ("Vänliga hälsningar", "Tack på förhand!", "Regards,")."""
    return _is_sign_off(line.strip())


def _is_sign_off(line: str) -> bool:
    """A short closing line ("Tack på förhand!", "Mvh"); one that asks ("Vänligen skicka
    blanketten.", "Tack! Kan ni ringa mig?") is no sign-off, whatever word it opens with."""
    return bool(_SIGN_OFF.match(line)) and len(line.split()) <= _SIGN_OFF_WORDS and not _asks(line)


def _signature_start(lines: list[str]) -> int:
    """Index of the line where the signature begins (len(lines) when there is none): the last
    sign-off after which only a few short lines (a name, a phone number, an address) follow."""
    for i in range(len(lines) - 1, max(-1, len(lines) - _SIGNATURE_LINES - 2), -1):
        line = lines[i].strip()
        if not line or not _is_sign_off(line):
            continue
        tail = [t.strip() for t in lines[i + 1 :] if t.strip()]
        if len(tail) <= _SIGNATURE_LINES and all(
            len(t.split()) <= _SIGNATURE_LINE_WORDS and not _asks(t) for t in tail
        ):
            return i
    return len(lines)


def _unsigned_signature_start(lines: list[str]) -> int:
    """Index of the first of the message's last lines that only sign it without a sign-off: a
    name, a phone number, an address ("[NAMN_1]", "Tel [TELEFON_1]", "God man för [NAMN_2]"); a
    line that asks is never one. len(lines) when the message does not end so."""
    start = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        words = _words_besides_tags(line)
        if not _ANY_TAG.search(line) or len(words) > _SIGNED_LINE_WORDS or _asks(line):
            break
        start = i
    return start


def _only_data(sentence: str) -> bool:
    """A sentence that gives only personal data, a label and its tags ("Personnummer:
    [PERSONNUMMER_1].", "Jag heter [NAMN_1]."): it tells nothing a question is about."""
    return bool(_ANY_TAG.search(sentence)) and len(_words_besides_tags(sentence)) <= _DATA_LABEL_WORDS


def _words_besides_tags(line: str) -> list[str]:
    return re.findall(r"\w+", _ANY_TAG.sub(" ", line))


def _without_greeting(line: str) -> str:
    stripped = _GREETING.sub("", line, count=1).strip()
    if stripped == line.strip():
        stripped = _BARE_GREETING.sub("", line, count=1).strip()
    return stripped


def _lines_of(paragraph: list[str]) -> list[str]:
    """A paragraph's lines joined where the writer only wrapped them: a list item ("- När …",
    "2) Hur …"), a line of personal data ("Huvudman: [NAMN_1]") and a line after one that ended a
    sentence stay apart."""
    joined: list[str] = []
    for line in paragraph:
        wrapped = joined and not any(is_list_item(x) or _only_data(x) for x in (line, joined[-1]))
        if wrapped and not joined[-1].endswith((".", "!", ":", *QUESTION_MARKS_TUPLE)):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _body(text: str, passed_on: bool = False) -> list[list[str]]:
    """The message's paragraphs as sentences, without the greeting and the signature, and without
    a message the writer passes on (forwarded or quoted; kept only with `passed_on`). Items listed
    under a line that announces questions ("Mina frågor:", "Jag undrar:") are questions themselves,
    with or without a question mark."""
    lines = text.splitlines()
    own, passed = own_lines(lines)
    lines = [*passed, "", *own] if passed_on else own
    lines = lines[: _signature_start(lines)]
    lines = lines[: _unsigned_signature_start(lines)]
    # An e-mail's header lines pasted with it ("Ämne: Fråga om arvode", "Från: …") are no part of
    # what the writer asks; the body's greeting follows them.
    while lines and (not lines[0].strip() or _HEADER.match(lines[0].strip())):
        lines = lines[1:]
    paragraphs: list[list[str]] = []
    current: list[str] = []
    greeted = False
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith(">"):
            # A line quoted from an earlier message ("> När ska …") was asked before, not now.
            if current:
                paragraphs.append(current)
                current = []
            continue
        if not greeted:
            greeted = True
            stripped = _without_greeting(stripped)
            if not stripped:
                continue
        current.append(stripped)
    if current:
        paragraphs.append(current)
    out: list[list[str]] = []
    announced = False
    for paragraph in paragraphs:
        sentences: list[str] = []
        for line in _lines_of(paragraph):
            if is_list_item(line):
                item = without_bullet(line).strip()
                if announced and not _asks(item):
                    item = item.rstrip(".") + "?"
                sentences.append(item)
                continue
            lead, items = _inline_items(line)
            if items:
                # "Jag har två frågor. 1) arvode – när betalas det? 2) måste jag spara kvitton"
                sentences.extend(split_sentences(lead, cased=False) if lead else [])
                listed = bool(_ANNOUNCES.search(lead))
                sentences.extend(i if not listed or _asks(i) else i.rstrip(".") + "?" for i in items)
                announced = False
                continue
            announced = line.endswith(":") and bool(_ANNOUNCES.search(line))
            sentences.extend(split_sentences(line, cased=False))
        out.append(sentences)
    return out


# "1)" after a space, or "1." where a sentence may start (not "den 1. mars").
_INLINE_NUMBER = re.compile(r"(?:(?:^|(?<=\s))(\d{1,2})\)|(?:^|(?<=[.?!:]\s))(\d{1,2})\.)\s+")


def _inline_items(line: str) -> tuple[str, list[str]]:
    """A numbered list written on one line ("… 1) arvode? 2) måste jag spara kvitton"): the text
    before it and its items, when numbered 1, 2, … in order; else ("", [])."""
    marks = list(_INLINE_NUMBER.finditer(line))
    numbers = [int(m.group(1) or m.group(2)) for m in marks]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)):
        return "", []
    items = [
        line[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(line)].strip()
        for i, m in enumerate(marks)
    ]
    return line[: marks[0].start()].strip(), [i for i in items if i]


def _asks(sentence: str) -> bool:
    """Whether a sentence asks something: a question mark, an implicit question, or a question
    word first (people often leave the mark out)."""
    stripped = sentence.strip()
    if any(mark in stripped for mark in QUESTION_MARKS):
        return True
    if _IMPLICIT.search(stripped) or _REQUEST_START.match(stripped) or _WISH.search(stripped):
        return True
    if _ASKING_PHRASE.search(stripped):
        return True
    # Verb, then subject, first is a question in Swedish and English word order ("Behöver jag
    # spara kvittona." asks, even with a full stop).
    if _OPENS_WITH_VERB_THEN_SUBJECT.match(stripped) and len(stripped.split()) >= _MIN_PART_WORDS:
        return True
    if _OPENS_WITH_VERB_THEN_DETERMINER.match(stripped):
        return True
    # A later clause asked verb first, after a statement (a clause after a condition is its main
    # clause in inverted order: "Eftersom hon är sjuk, kan jag inte …").
    clauses = _CLAUSE_CUT.split(stripped)
    if not _CONDITION.match(clauses[0]) and any(
        _OPENS_WITH_VERB_THEN_SUBJECT.match(c) and len(c.split()) >= _MIN_PART_WORDS for c in clauses[1:]
    ):
        return True
    # "När ska …" asks; "När min pappa dog …" tells.
    opens = bool(_OPENS_WITH_QUESTION_WORD.match(stripped)) and not _CONDITION.match(stripped)
    return opens and len(stripped.split()) >= _MIN_PART_WORDS


def _opens_question(part: str, indirect: bool = False) -> bool:
    """A split-off piece that is a question of its own, not a clause ("…, vad det än kostar"); in
    a sentence that asks indirectly ("Jag undrar när …"), also "… och om jag ska …". A word that
    adds it to the first ("…, dels hur …", "… and also when …") is passed over."""
    part = _ADDING_FIRST.sub("", part, count=1)
    if re.match(rf"^(?:(?:{_PREPOSITIONS})\s+)?(?:{_QUESTION_WORDS})\b", part, re.IGNORECASE):
        return True
    if indirect and re.match(_INDIRECT_YES_NO, part, re.IGNORECASE):
        return True
    return bool(
        _OPENS_WITH_VERB_THEN_SUBJECT.match(part) or re.match(_EN_VERB_THEN_NOUN, part, re.IGNORECASE)
    )


def _leads_into(first: str, second: str) -> bool:
    """Whether the first piece of a sentence only leads into the question after it: a fragment
    ("ny god man, hur får jag …"), a statement ("Jag skickade in den förra veckan – har ni fått
    den?", "Jag är god man för min pappa, behöver jag …") or a condition ("Om det blir god man, hur
    ansöker man?")."""
    fragment = len(first.split()) < _FRAGMENT_WORDS and not _OPENS_WITH_QUESTION_WORD.match(first)
    if fragment or _CONDITION.match(first) or _NAMES_A_QUESTION.search(first):
        return True
    # "Jag undrar vad som gäller för anstånd och vad händer om …" asks twice: an implicit
    # question is no statement that leads in.
    if _STATEMENT_START.match(first) and not _IMPLICIT.search(first):
        return True
    # A statement with any subject ("Arvskiftet kommer att ta massor av tid – kan jag få extra
    # betalt för det?", "Förvaltaren har sagt att hon borde flytta, kan han bestämma det?"): a piece
    # that does not ask in any way is what the question after it is about.
    return not _asks(first)


def _confirms(piece: str) -> bool:
    """A short yes/no tail on the question before ("…, blir det böter?", "…, går det?"): the same
    question asked again, not a second one."""
    return (
        len(piece.split()) <= _TAIL_WORDS
        and not _OPENS_WITH_QUESTION_WORD.match(piece)
        and bool(_POINTING_BACK.search(piece))
    )


def _split(sentence: str) -> list[str]:
    """A sentence that asks two things, as two questions ("Hur mycket … och när …?"). A piece that
    is no question of its own stays with the one before it, with the words that joined them."""
    pieces: list[tuple[str, str]] = []  # (what joined it to the piece before, the piece)
    start, joint = 0, ""
    for cut in _SECOND_QUESTION.finditer(sentence):
        pieces.append((joint, sentence[start : cut.start()]))
        joint, start = cut.group(0), cut.end()
    pieces.append((joint, sentence[start:]))
    indirect = bool(_lead_in(sentence.strip()))
    parts: list[str] = []
    for number, (joint, piece) in enumerate(pieces):
        words = piece.split()
        if not words:
            continue
        joins = bool(parts) and (
            len(words) < _MIN_PART_WORDS
            or not _opens_question(piece.strip(), indirect)
            or len(parts[-1].split()) < _MIN_PART_WORDS
            or bool(_ENDS_WITH_QUESTION_WORD.search(parts[-1]))  # "när och var …" is one question
            or (number == 1 and _leads_into(parts[0].strip(), piece.strip()))
            or _confirms(piece.strip())
        )
        if joins:
            parts[-1] = f"{parts[-1]}{joint}{piece}"
        else:
            parts.append(piece)
    parts = [p.strip(" ,;–—-") for p in parts if p.strip(" ,;–—-")]
    if len(parts) > 1:
        ending = sentence[-1] if sentence[-1] in f"{QUESTION_MARKS}.!" else ""
        parts = [p if p[-1] in f"{QUESTION_MARKS}.!" else p + ending for p in parts]
    return parts or [sentence]


def _refers_back(part: str) -> bool:
    """Whether the clause a question opens with refers to something named before the question
    ("… vad som händer om den kommer in för sent?"); in a later clause the word refers to what the
    first one named ("Om vi gör en framtidsfullmakt, vad krävs för att den ska vara giltig?")."""
    return bool(_REFERRING.search(_CLAUSE_CUT.split(part, maxsplit=1)[0]))


def _searched(context: list[str], question: str) -> str:
    """What a question is searched with: the context it needs, then the question, its own words
    counted twice when there is context, so that a long story adds to the question's words without
    outweighing them (in the word index and in the query's vector alike)."""
    context = [c for c in context if c]
    return " ".join([*context, question, question] if context else [question]).strip()


def _situation(told: list[str]) -> str:
    """What the writer has told so far, as a question's context: the first thing told (who they
    are, what happened) and, nearest first, what they told last, within _CONTEXT_WORDS words."""
    if not told:
        return ""
    picked: list[str] = []
    used = 0
    for sentence in reversed(told[1:]):
        used += len(sentence.split())
        if used > _CONTEXT_WORDS:
            break
        picked.insert(0, sentence)
    return " ".join([told[0], *picked])


def find_asks(text: str) -> list[Asked]:
    """The questions in a (redacted) message, in order, each with the context it is searched with."""
    found: list[Asked] = []
    paragraphs = _body(text)
    if not any(_asks(s) or _NAMES_ITS_QUESTION.search(s) for p in paragraphs for s in p):
        # The writer asks nothing of their own ("Se mejlet nedan."): what they pass on is asked.
        paragraphs = _body(text, passed_on=True)
    flat = [s for p in paragraphs for s in p]
    # Whether a question follows each sentence (in any later paragraph): a sentence that names its
    # question ("Ämne: Fråga om arvode", "Min fråga gäller arvodet.") is then that question's context.
    followed = [any(_asks(later) for later in flat[i + 1 : i + 2]) for i in range(len(flat))]
    position = 0
    # What the writer tells ("Vår son har ärvt 100 000 kr.", "My father passed away last week.")
    # is what the questions after it are about, also in a later paragraph: each question is
    # searched with the situation told before it.
    told: list[str] = []
    for paragraph in paragraphs:
        story = ""  # the paragraph's last statement, shown with a short question pointing back to it
        asked_without_mark = False  # the sentence before asked without a question mark
        asked_last = False  # the sentence before asked
        for sentence in paragraph:
            named = bool(_NAMES_ITS_QUESTION.search(sentence)) and not followed[position]
            position += 1
            if not named and not _asks(sentence):
                # A thank-you ("Tack för svaret sist.") tells nothing about the question after it.
                telling = not _is_sign_off(sentence) and not _only_data(sentence)
                if len(sentence.split()) <= _CONTEXT_WORDS and telling:
                    story = sentence
                    told.append(sentence)
                asked_without_mark = asked_last = False
                continue
            parts = _split(sentence)
            situation = _situation(told)
            for number, part in enumerate(parts):
                points_back = bool(_POINTING_BACK.search(part))
                short = len(part.split()) <= _SHORT_QUESTION_WORDS
                asks_own = bool(_OPENS_WITH_QUESTION_WORD.match(part))  # "Vad kostar det?" is its own
                if asked_without_mark and not number and short and points_back and found and not asks_own:
                    # "Jag vill att ni byter hans förvaltare. Kan ni göra det?" is one ask.
                    before = found.pop()
                    text = f"{before.text} {part}"
                    merged = Asked(text, f"{before.query} {part}", before.own, text, before.sentence)
                    found.append(merged)
                    continue
                # The second half of "Jag undrar när …, och om jag ska …" is asked directly too.
                indirect = number and bool(_LEAD_IN.match(parts[0])) and bool(_IF_SUBJECT_VERB.match(part))
                asked = (_asked_directly(part) if indirect else None) or direct(part)
                context = [situation] if situation else []
                if number and (points_back or short):
                    # "… och när betalas det ut?", "… och vad ska bifogas?": what it is about.
                    context.append(direct(parts[0]))
                elif not number and ((short and points_back) or _refers_back(part)) and asked_last and found:
                    # "Och när ska den vara inne?" right after a question: "den" is its topic.
                    context.append(found[-1].question)
                shown = part
                if story and not number and short and points_back and not asked_last:
                    shown = f"{story} {part}"  # "… byter hans förvaltare. Kan ni göra det?"
                    if _CHECKS_A_CLAIM.match(part):
                        # "Mäklaren säger att han skickar in ansökan. Är det rätt?" asks whether
                        # what was said holds: the claim is the question's own words.
                        asked = _with_claim(part, story)
                # The policy judges what the writer asks (with the story a short "Kan ni göra det?"
                # needs), not the question before it.
                found.append(
                    Asked(
                        shown,
                        _searched(context, asked),
                        own=asked,
                        about=shown,
                        sentence=sentence if len(parts) > 1 else "",
                    )
                )
            asked_without_mark = not any(mark in sentence for mark in QUESTION_MARKS)
            asked_last = True
    if not found:
        found = [
            Asked(s, s, own=s) for s in flat if _VERB_FIRST.match(s) and len(s.split()) >= _MIN_PART_WORDS
        ]
    if not found and flat and any(_REQUEST.search(s) for s in flat):
        whole = " ".join(flat)
        found = [Asked(whole, whole, own=whole)]  # a plain request ("Skicka blanketten för …")
    if not found:
        # Nothing reads as a question in the languages whose ways of asking are known here: each
        # paragraph is answered as what the writer wants to know, for the staff member to check.
        told_only = [" ".join(s for s in p if not _is_sign_off(s)) for p in paragraphs]
        found = [Asked(p, p, own=p, guessed=True) for p in told_only if len(p.split()) >= _MIN_PART_WORDS]
    unique: dict[str, Asked] = {}
    for asked in found:
        unique.setdefault(asked.text, asked)
    return list(unique.values())[:MAX_QUESTIONS]


def unasked_paragraphs(text: str) -> list[str]:
    """The paragraphs of a (redacted) message in which no question was recognised, without the
    greeting, the signature and short closing lines: in a language whose ways of asking are not
    known here (ASKING_LANGUAGES) they may still ask, and the staff member reads them."""
    out = []
    paragraphs = _body(text)
    for number, paragraph in enumerate(paragraphs):
        if any(_asks(s) or _NAMES_ITS_QUESTION.search(s) for s in paragraph):
            continue
        told = " ".join(s for s in paragraph if not _is_sign_off(s))
        words = len(told.split())
        # A closing the sign-off list does not know, with the writer's name under it, is the
        # signature ("مع الشكر [NAMN_1] [TELEFON_1]"), not something the writer asks.
        signed = number == len(paragraphs) - 1 and words <= _SIGNATURE_LINE_WORDS and _NAME_TAG.search(told)
        if words >= _MIN_PART_WORDS and not signed:
            out.append(told)
    return out


def find_questions(text: str) -> list[str]:
    """The questions in a (redacted) message, in order (see find_asks)."""
    return [asked.text for asked in find_asks(text)]


# A question asking for a value opens so (after "och"/"men"/"also"): "När ska …", "Hur lång tid …".
_ASKS_VALUE = re.compile(
    rf"^(?:(?:{_JOINING}|{_ADDING})\s+)*(?:{_words('value_questions')})\b",
    re.IGNORECASE,
)
_STATES_VALUE = re.compile(rf"\d|\b(?:{_words('number_words')})\b", re.IGNORECASE)


def asks_for_value(question: str) -> bool:
    """Whether a question asks for a value: a time, a date, an amount or a number
    (draft_cues.yaml value_questions)."""
    return bool(_ASKS_VALUE.match(question.strip()))


def states_value(text: str) -> bool:
    """Whether a text states any value at all: a digit or a number word (draft_cues.yaml
    number_words). Source markers ("[1]") are no value."""
    return bool(_STATES_VALUE.search(re.sub(r"\[\d{1,2}\]", "", text)))


def needs_person(question: str) -> bool:
    """Whether a question asks about the writer's own case or for a decision (a case officer's part)."""
    return bool(_NEEDS_PERSON.search(question))
