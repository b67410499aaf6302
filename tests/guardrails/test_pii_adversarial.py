"""The adversarial sets: look-alike digits, invisible characters, odd separators, reference words
next to valid numbers, fake tags, and the hard classes (giro groupings, masked numbers, dates of
birth, property designations, other offices' case numbers, lower-case / other-script / possessive /
initialled names, foreign addresses); and the wild set, messages as written in the wild.

`pii_adversarial.dev.jsonl` is the project's own set (tuned on): nothing may survive.
`pii_wild.dev.jsonl` was written by an independent author (citizens, relatives, gode män, bank
staff, carers in eight languages, a third adversarial, a quarter hard negatives) and then tuned on:
it is gated at what was measured; so are `pii_wild3` to `pii_wild8`, by a third to an eighth
author (`pii_wild7` and `pii_wild8` each measured as unseen material in the session it was written).
`pii_adversarial.blind.jsonl` was written by an independent author
before any tuning and is never edited, read or tuned on; it is measured and reported by class as
counts only (no case, id or value is ever printed, here or in an assertion message), and gated at
the figures measured when issue #14's work ended, so they can only get better. What "survives"
means is defined in pii_survival.py. Run with `pytest -s` to see the tables.
"""

from __future__ import annotations

import pytest

from guardrails import redact
from tests.guardrails import pii_survival as sv

# Measured on the blind set at the end of the second round of issue #14 (2026-12-06), a regression
# gate: 8 of 291 labelled spans survive (22 before this round, 129 before issue #14): identifiers
# 3 of 200 (1.5 %; the issue asks <= 1 %), names and addresses 5 of 91 (5.5 %; the issue asks
# <= 3 %), look-alike and fake-tag secrets 0 of 49, hard negatives changed 1 of 44. Only general
# mechanisms were added, for cases of the dev sets and classes thought through; which blind cases
# fail was never looked at. (The converter now reads a value spanning a line break: one blind
# line that was mis-parsed as a hard negative is a labelled case since, 290 -> 291 spans.)
# Third round (2026-12-06, afternoon): names and addresses 5 -> 4 of 91 after a house number glued
# to its street or written "nummer 12" was read (a class found by probing, not by looking at the
# blind set); identifiers 3 of 200, look-alike 0 of 49, hard negatives 1 of 44 unchanged.
# Fifth round (2026-12-06, evening; wild5 tuned on, general mechanisms only): names and addresses
# 4 -> 3 of 91, identifiers 3 of 200, look-alike 0 of 49, hard negatives 1 of 44; measured once at
# the end of the round, not used to choose between alternatives.
# Sixth round (2026-12-06, night; wild6 measured first seen, then tuned on, general mechanisms only):
# measured once at the end, unchanged: identifiers 3 of 200, names and addresses 3 of 91, look-alike
# 0 of 49, hard negatives 1 of 44.
BLIND_MAX_LEFT = 6
BLIND_MAX_IDENTIFIERS_LEFT = 3
BLIND_MAX_NAMES_AND_ADDRESSES_LEFT = 3
# The wild dev set, measured after tuning on it (before round 2: identifiers 13 of 268, names and
# addresses 33 of 330, look-alike 5 of 53, hard negatives 12 of 80; after round 2: 0, 6, 1, 1; after
# round 3's name context, calendar names, capitals and article rules: 0, 0, 0, 0).
WILD_MAX_IDENTIFIERS_LEFT = 0
WILD_MAX_NAMES_AND_ADDRESSES_LEFT = 0
WILD_MAX_DISGUISED_LEFT = 0
WILD_MAX_NEGATIVES_HIT = 0
# The third wild dev set (another independent author, 13 languages, names and addresses first),
# first measured before any tuning on it: at the round-2 redactor (e9f6094) identifiers 18 of 196,
# names and addresses 68 of 464, look-alike 10 of 51, hard negatives 12 of 80; with round 3's name
# rules (782c37d, not tuned on it) 18, 59, 10, 10. Gated at what was measured after tuning on it;
# the fourth set's round (numbers in words in 16 languages, Ge'ez names, cues) took it from 5 and 19
# to 4 and 17 without tuning on it; the fifth set's round (e-mail marks said in any language, names
# that are words, disguised and Ukrainian names) to 1 identifier, 12 names, 0 look-alike, 4 negatives;
# the sixth round's letter-spaced addresses (read with the spaces taken out) to 10 names, "Tove Ring" to 9.
# Eighth session: dates read out in words in the month's language (spelled_dates.py): 1 -> 0.
WILD3_MAX_IDENTIFIERS_LEFT = 0
WILD3_MAX_NAMES_AND_ADDRESSES_LEFT = 7  # 8 with the word model, 7 with glued names (seventh session)
WILD3_MAX_DISGUISED_LEFT = 0
WILD3_MAX_NEGATIVES_HIT = 3
# The fourth wild dev set (a fourth independent author, 14 languages, names that are words, numbers
# spelled out in every language, Ge'ez script), first measured before any tuning on it: at 09d4597
# identifiers 26 of 239, names and addresses 70 of 441 (73 with the author's three title-inside
# name spans, which its own header puts outside: the converter moves them), look-alike 10 of 43,
# hard negatives 8 of 80. Gated at what was measured after tuning on it (1, 31, 3, 5); the fifth
# set's round took it to 0, 15, 0, 3; the sixth round's grammar evidence (a name as the subject of a
# verb, thanks addressed to it, two common first names joined) to names 11, and a further known name
# in an Arabic-script message where a name was found by a cue to 9; a role held for one person
# ("kontaktperson för björn") to 8; a calendar name owning what only a person has ("June's inheritance")
# to 7; a never-alone word as a surname ending a sentence ("Ulla Ring") to 6.
WILD4_MAX_IDENTIFIERS_LEFT = 0
# Thirteenth session: a word built on a part of an e-mail address's local part (email_names.py): 5.
WILD4_MAX_NAMES_AND_ADDRESSES_LEFT = 5
WILD4_MAX_DISGUISED_LEFT = 0
WILD4_MAX_NEGATIVES_HIT = 3
# The fifth wild dev set (a fifth independent author, 14 languages), first measured before any tuning
# on it, at e0f1bad (the same at 74ed2b0, the redactor when it landed): identifiers 10 of 204 (4.9 %),
# names and addresses 36 of 270 (13.3 %), look-alike 2 of 29, hard negatives 8 of 70 (11.4 %).
# Gated at what was measured after tuning on it. (Names 13 -> 14 when a function word of the message's
# language stopped opening a name: "Asia" (Finnish "matter") had been taken as a name and its case
# form "asiasta" pulled the real name before it, "Pekalta", into a recurring-name hit by accident;
# back to 13 with Finnish consonant gradation.) Sixth round (grammar evidence for names that are
# words): names 10 -> 7; an Arabic-script signer after a closing thanks and a comma: 6; "June's guardian": 5.
WILD5_MAX_IDENTIFIERS_LEFT = 0
WILD5_MAX_NAMES_AND_ADDRESSES_LEFT = 5
WILD5_MAX_DISGUISED_LEFT = 0
WILD5_MAX_NEGATIVES_HIT = 0
# The sixth wild dev set (a sixth independent author, 14 languages, 70 hard negatives), first measured
# before any tuning on it, at d75c3b3 (the redactor when it landed, 3742ce2, gave names 48 of 441,
# the rest the same): identifiers 12 of 201 (6.0 %), names and addresses 46 of 441 (10.4 %),
# look-alike 9 of 61, hard negatives 11 of 70 (15.7 %). Gated at what is measured after tuning on it:
# a month or weekday next to a day number is a date (negatives 11 -> 9); naming cues "namnet e",
# Arabic/Persian "الاسم"/"اسم" (names 46 -> 44); a name before a birth cue, "Hans" after a cue before a
# surname, a function-word name recurring as a subject, Finnish -i- and Ukrainian case forms, defanged
# e-mail (names 44 -> 37, identifiers 12 -> 11, look-alike 9 -> 7); street lines: a place or ordinal
# before the street, a flat before it, a floor after a slash, a town glued to its code, register
# abbreviations in capitals, Ukrainian/Serbian Cyrillic streets and postcodes (names 37 -> 27, look-alike 4);
# one word after "i"/"in" is a place, a language is no name (negatives 9 -> 7); letters for digits after a
# word ending in such a letter, a letter-spaced e-mail before a comma (identifiers 11 -> 9); a form label
# with dot leaders, "SURNAME, GIVEN" in capitals, a lower-case list holding a found name (names 27 -> 24);
# a date with a year in brackets after a name (identifiers 9 -> 8), markup tags as separators (names 23),
# emphasis marks and a nickname before the full name in brackets (names 22), a greeted name before a
# comma in Arabic or Ge'ez script (names 21); an organisationsnummer right after a firm's name
# (identifiers 8 -> 7), English file-number cues in case_numbers.yaml (identifiers 6).
# Then names 21 -> 22, knowingly: after the Arabic "I" (أنا) only a known name counts, so that "أنا
# خائف" (I am afraid) reaches the policy as written; one name that a later rule found only because
# "أنا الوصي" (I am the guardian) had been taken for a name is lost with it.
# Seventh session: the word model's second opinion on names (recognizers/name_classifier.py, fitted on
# all dev sets, so in sample here) takes a name's second half after a hyphen and a line break and a
# Vietnamese given name after two found parts: wild6 names 22 -> 21, wild3 9 -> 8. Left out of its
# training set, it gives wild6 21 as well (see guardrails/README.md, leave-one-author-out).
# A full date a generation old is a date of birth in any language (dates_of_birth.old_full_dates):
# identifiers 6 -> 5 (the Somali "dhalatay 1/1/1970", whose cue is in no data file).
# A known first name glued between words before a capitalised part ("namn:MärtaBomanadr:"): names 20;
# the word model asked only after the rules' structural vetoes (neighbours seen whole): 19.
# Eighth session: dates read out in words with thousands and ordinals of any listed language
# ("trece de agosto de mil novecientos cuarenta y cuatro"; spelled_dates.py): identifiers 5 -> 4.
# ... and Ge'ez numerals read as numbers by folding ("፲፱፻፹፭" = 1985): identifiers 4 -> 3.
# ... and an "@" said in another script in brackets ("serhii.k(собака)ukr.net"): 3 -> 2.
WILD6_MAX_IDENTIFIERS_LEFT = 2
# Eighth session: names in Arabic and Cyrillic script without a naming cue (a kin word with a
# possessive beside a known name, "... ابن أخيه"; a Cyrillic name opening a sentence when it is no
# ordinary word, by the dictionaries at build time): names 19 -> 17, look-alike 4 -> 3.
# Ninth session: an Eircode and a town stopping at a sentence end ("Co. Clare V95 X2Y3"), a Finnish
# local case of a name opening a sentence ("Pekalle pitäisi"): names 17 -> 15.
# Twelfth session: a street glued to the next field of a flattened form: 15 -> 14.
# Thirteenth session: the district and town closing a street line with no postcode, a word built on
# an e-mail address's part: 14 -> 12.
WILD6_MAX_NAMES_AND_ADDRESSES_LEFT = 12
WILD6_MAX_DISGUISED_LEFT = 1  # 3 -> 2 with the Ge'ez numerals, 1 with the bracketed "@"
WILD6_MAX_NEGATIVES_HIT = 7
# The seventh wild set (seventh independent author, 14 languages), kept from the engineers in the
# session it was written and measured there as unseen material: at that session's start (4f9ab46)
# identifiers 5 of 240, names and addresses 6 of 319, look-alike 2 of 48, hard negatives 5 of 70;
# at its end (a024583: the word model, old full dates, glued names; none tuned on it) 4, 5, 1, 6.
# Gated at the end figures; a development set from the next session on.
# Eighth session (a dev set now): a date read out in words after "DOB:" (spelled_dates.py): 4 -> 3.
# Ninth session: a number abroad without its country code after a call word: 3 -> 2.
# Tenth session: an account after the German word for bank details, an English "Reference number":
# 2 -> 0.
WILD7_MAX_IDENTIFIERS_LEFT = 0
# ... and a kin word with a possessive before a known Arabic name, the Persian "نامش" (her name):
# names 5 -> 3, look-alike 1 -> 0.
# A street line's words on one line (a title above it no part of it), a double first name in
# capitals ("KARL-ERIK"), a surname's initial after a first name after a label: names 3 -> 0.
WILD7_MAX_NAMES_AND_ADDRESSES_LEFT = 0
WILD7_MAX_DISGUISED_LEFT = 0
# Eighth session: a month next to a day number in Arabic script is a date, not a name: 6 -> 5; a
# weekday said with a marker ("thứ Ba", name_evidence.yaml weekday_phrases): 5 -> 4.
# Tenth session: a capitalised run of English common words is no person in English text without a
# name signal (names.py _english_words_only): 4 -> 3.
WILD7_MAX_NEGATIVES_HIT = 3
# pii_wild8 (an eighth independent author, 300 messages) was kept from the engineers in the session
# it was written and measured there as unseen material: at that session's start (bd06bf8) and at its
# end (f3d8169) alike, identifiers 3 of 235, names and addresses 9 of 274, look-alike 2 of 47, hard
# negatives 6 of 70. A development set from then on: a known name in Arabic, Persian or Ge'ez script
# signing right after the closing contact number (script_names.py): names 9 -> 6, look-alike 2 -> 0.
# Ninth session (general classes its survivors named): "b." before a dated year, an account in
# dotted groups after its clearing number: identifiers 3 -> 0; a street or town word no longer
# running across a sentence end, a surname that is a word after c/o and a known first name,
# lower-case initials, Polish names with a dropped e, a signer's given name unknown to the
# gazetteer before a found surname: names 6 -> 1.
WILD8_MAX_IDENTIFIERS_LEFT = 0
WILD8_MAX_NAMES_AND_ADDRESSES_LEFT = 1
WILD8_MAX_DISGUISED_LEFT = 0
WILD8_MAX_NEGATIVES_HIT = 5  # 6 -> 5 in the wild9 round (a service centre's number)
# pii_wild9 (a ninth independent author, 300 messages) was kept from the engineers in the session it
# was written and measured there as unseen material: at 403768a and at 162f6e4 alike, identifiers 12
# of 293, names and addresses 26 of 409, look-alike 4 of 38, hard negatives 6 of 70. A development set
# from then on (general classes its survivors named): a year alone after a birth cue, an age before a
# date with a month name, a day and month before a named birthday, the Ukrainian "р.н."; a pictograph
# between digit groups, "nr" before a number typed digit by digit, a number in a chat link, a clearing
# number apart from its account, a letter-spaced case number: identifiers 12 -> 1 (the one left, a
# birthday's year written apart, "den 12/3 och året -45", is a class of its own). A known name after
# an introduction in the message's own language, a form's name label, a Spanish floor and door, the
# Arabic account holder: names and addresses 26 -> 16, look-alike 4 -> 1; a name found in lower case
# recurring in lower case, a Canadian postal code after its province: 16 -> 13; a known name opening
# a sentence before the role its bearer holds ("ahmed god man till ..."): 12. Statute abbreviations
# before chapter:section, a service centre's number: hard negatives 6 -> 4 (wild8 6 -> 5).
WILD9_MAX_IDENTIFIERS_LEFT = 1
# Tenth session: the town closing an Arabic-script street line in a country without postcodes: 11.
# Twelfth session: a name in apposition to a valid personnummer ("..., Nova, 2018...-...."): 10.
# Thirteenth session: the town closing a street line before its country: 9.
WILD9_MAX_NAMES_AND_ADDRESSES_LEFT = 9
WILD9_MAX_DISGUISED_LEFT = 1
WILD9_MAX_NEGATIVES_HIT = 4
# pii_wild10 (a tenth independent author, 300 messages, 13 languages) was measured first seen at
# 27fc72d: identifiers 13 of 271 (4.8 %), names and addresses 20 of 321 (6.2 %), look-alike 2 of 40,
# hard negatives 1 of 70. A development set from the tenth session on (general classes its
# identifier and look-alike survivors named): a Cyrillic O inside a number, a label's last letter
# before a look-alike number, a calendar date read as a phone number, numbers joined by a slash,
# an international number's slash, a mobile number read out without its 0, an IBAN in dotted or
# wrapped groups, an account with spaced dashes, Roman-numeral months, "I turn 18 on ...", a spelled
# date with its year first, an "@" said by one word of another script: identifiers 13 -> 0,
# look-alike 2 -> 0, hard negatives 1 -> 0; address cues without å/ä/ö, c/o and a named residence
# before a street, an ordinal street name, a box town's coded postcode, a Cyrillic town before its
# postcode, the Arabic house number, plural split-street words: names and addresses 20 -> 12 (the
# 11 names left are the name recognisers' to mend; one Somali street without a number is left).
WILD10_MAX_IDENTIFIERS_LEFT = 0
# Twelfth session: a known name after an introduction in a message named in another language is
# not vetoed as a Swedish word, a name glued after a valid personnummer in a file name: 12 -> 9.
WILD10_MAX_NAMES_AND_ADDRESSES_LEFT = 9
WILD10_MAX_DISGUISED_LEFT = 0
WILD10_MAX_NEGATIVES_HIT = 0
# pii_wild11 (an eleventh independent author, 300 messages, 13 languages) was measured first seen at
# 35b10df: identifiers 9 of 311 (2.9 %), names and addresses 19 of 416 (4.6 %), look-alike 1 of 42,
# hard negatives 2 of 70. A development set from the eleventh session on (general classes its
# survivors named): a Luhn-valid giro in its own grouping anywhere in a giro message, a spelled day
# and month before a year in digits and a full stop, the word for a case in the office's other
# languages, a whole mobile number typed digit by digit, an account wrapped at a line end that
# validates: identifiers 9 -> 3; initials alone after a person cue, "I'm" no name, a surname
# ending like a street word, German kin nouns, a common first name before any found surname, a
# signed lower-case surname, cues typed without å/ä/ö, "my dad is" and a full name, a verb of
# contact opening a sentence, a named care home in the street line, a model-found name recurring,
# "Alex ärende": names and addresses 19 -> 4, look-alike 1 -> 0; an ordinary word after "på" is a
# place: hard negatives 2 -> 1.
WILD11_MAX_IDENTIFIERS_LEFT = 3
# Twelfth session: a street, its number, postcode and town run together (one span each): 4 -> 2.
WILD11_MAX_NAMES_AND_ADDRESSES_LEFT = 2
WILD11_MAX_DISGUISED_LEFT = 0
WILD11_MAX_NEGATIVES_HIT = 1
# pii_wild12 (a twelfth independent author, 300 messages, 765 spans, 13 languages) was measured
# first seen at 1a1885e: identifiers 12 of 286 (4.2 %), names and addresses 31 of 479 (6.5 %),
# look-alike 1 of 37, hard negatives 5 of 70. A development set from the twelfth session on (general
# classes its survivors named): other countries' identity numbers by their check digits, a direct
# line under a person's title in a signature, no clearing number across a line, a birth year alone
# by its cue or spelled in one word, an Arabic birth cue with its clitic: identifiers 12 -> 3,
# look-alike 1 -> 0; a body named as the source of an address, the name right before a
# personnummer, undotted signing or handler initials, "Hans"/"Per" before a found surname: names
# and addresses 31 -> 22; a place's or room's name after its head noun, no leading zero in a
# designation, a statute's number after its name, a product's number: hard negatives 5 -> 0.
WILD12_MAX_IDENTIFIERS_LEFT = 3
# Thirteenth session: the district and town closing a street line with no postcode, a flat or door
# after the street or the postcode line, a district before the postcode line, a care home's ward
# before its street, "No." before a number-first street (22 -> 13); a family's shared surname after
# a known first name, the capitalised words a message ends on when no dictionary knows them (10).
WILD12_MAX_NAMES_AND_ADDRESSES_LEFT = 10
WILD12_MAX_DISGUISED_LEFT = 0
WILD12_MAX_NEGATIVES_HIT = 0
# pii_wild13 (a thirteenth independent author, 300 messages, 701 spans, 13 languages: dictation,
# pasted chats and bank rows, autocorrect, mixed languages) was measured first seen at 1094b7e:
# identifiers 14 of 270 (5.2 %), names and addresses 39 of 431 (9.0 %), look-alike 0 of 39, hard
# negatives 4 of 70. A development set from the thirteenth session on (general classes its survivors
# named): an account after the bank that owns its clearing range: identifiers 14 -> 13; a word
# surname closed off after common given names, an Arabic surname with its hyphenated article, a
# street line running on over an entrance, a Norwegian bolignummer or Vienna's staircase and door,
# a postcode with the old country letter: names and addresses 39 -> 29; a clock time after a place
# is no house number or property designation: hard negatives 4 -> 2.
# Fourteenth session: HTML character references, an identifier's digits written again: identifiers
# 13 -> 10; letter-spaced names, quoted record fields, names and addresses 29 -> 26. Fifteenth
# session: European identity numbers, glued number words: identifiers 10 -> 9; a time stamp of this
# year is no personnummer: hard negatives 2 -> 1.
WILD13_MAX_IDENTIFIERS_LEFT = 9
WILD13_MAX_NAMES_AND_ADDRESSES_LEFT = 26
WILD13_MAX_DISGUISED_LEFT = 0
WILD13_MAX_NEGATIVES_HIT = 1
# pii_wild14 (a fourteenth independent author, 300 messages, 658 spans: OCR text, form fields, e-mail
# headers and reply chains, HTML/Markdown remnants, lists of people with roles, sentence-opening names,
# non-Latin names without a cue) was measured first seen at 022a401 (the code of f86259d): identifiers
# 7 of 250 (2.8 %), names and addresses 28 of 408 (6.9 %), look-alike 4 of 29, hard negatives 10 of
# 70 (14.3 %). A development set from the fourteenth session on (general classes its survivors
# named): HTML character references decoded, a card's security code after its label, an
# identifier's digits written again: identifiers 7 -> 5; a word broken over a line end read
# joined, a family name after a particle, the whole value of a person field, Greek-script names in a
# Latin-script message: names and addresses 28 -> 21 (three of the 21 are covered but counted left:
# a particle, "de", "der", recurs as a word elsewhere in the message), look-alike 4 -> 1; a place's
# head noun capitalised into a name's run: hard negatives 10 -> 9. Fifteenth session: a scanner's
# letters between digits read as digits, spoken dates and glued number words: identifiers 5 -> 3;
# scanned words read back, the lines of a rural address: names and addresses 21 -> 18.
WILD14_MAX_IDENTIFIERS_LEFT = 3
WILD14_MAX_NAMES_AND_ADDRESSES_LEFT = 18
WILD14_MAX_DISGUISED_LEFT = 1
WILD14_MAX_NEGATIVES_HIT = 9
# pii_wild15 (a fifteenth independent author, 300 messages, 671 spans: voice and elderly writers,
# spreadsheet and bank-statement pastes, Nordic and European identity numbers, names that are also
# places, scanner swaps, farm and village addresses) was measured first seen at 31df71c (the code of
# 7613e97): identifiers 24 of 266 (9.0 %), names and addresses 73 of 405 (18.0 %), look-alike 6 of
# 30, hard negatives 12 of 70 (17.1 %). A development set from the fifteenth session on (general
# classes its survivors named): European identity numbers by their checks or after their names, a
# scanner's S/B/Z and letters between digits read as digits, dates of birth said aloud in the
# orders people say them, number words glued together, an account with a space after its dash, a
# twelve-digit time stamp of this year: identifiers 24 -> 8; farm and village
# addresses, scanned words read back: names and addresses 73 -> 54 (about 20 of those left are
# titles and kin words the author put inside a name's span, "dr", "kusin", "mvh", which the other
# sets put outside); a firm's name before its legal form and time stamps: hard negatives 12 -> 10.
WILD15_MAX_IDENTIFIERS_LEFT = 8
WILD15_MAX_NAMES_AND_ADDRESSES_LEFT = 54
WILD15_MAX_DISGUISED_LEFT = 4
WILD15_MAX_NEGATIVES_HIT = 10
HARD_NEGATIVE_LIMIT = 0.10


def _redact(text: str, language: str):
    return redact(text, language=language)


@pytest.fixture(scope="module")
def dev() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.DEV), _redact)


@pytest.fixture(scope="module")
def blind() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.BLIND), _redact)


@pytest.fixture(scope="module")
def wild() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD), _redact)


@pytest.fixture(scope="module")
def wild3() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD3), _redact)


@pytest.fixture(scope="module")
def wild4() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD4), _redact)


@pytest.fixture(scope="module")
def wild5() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD5), _redact)


@pytest.fixture(scope="module")
def wild6() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD6), _redact)


@pytest.fixture(scope="module")
def wild7() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD7), _redact)


@pytest.fixture(scope="module")
def wild8() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD8), _redact)


@pytest.fixture(scope="module")
def wild9() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD9), _redact)


@pytest.fixture(scope="module")
def wild10() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD10), _redact)


@pytest.fixture(scope="module")
def wild11() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD11), _redact)


@pytest.fixture(scope="module")
def wild12() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD12), _redact)


@pytest.fixture(scope="module")
def wild13() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD13), _redact)


@pytest.fixture(scope="module")
def wild14() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD14), _redact)


@pytest.fixture(scope="module")
def wild15() -> sv.Outcome:
    return sv.evaluate(sv.load(sv.WILD15), _redact)


@pytest.mark.parametrize(
    "path",
    [sv.DEV, sv.BLIND, sv.WILD, *(getattr(sv, f"WILD{n}") for n in range(3, 16))],
    ids=["dev", "blind", "wild", *(f"wild{n}" for n in range(3, 16))],
)
def test_sets_are_well_formed(path) -> None:
    rows = sv.load(path)
    assert len(rows) >= 120
    assert sum(1 for r in rows if not r["spans"]) >= 30
    for row in rows:
        for span in row["spans"]:
            # no id or value in the message: the blind set's cases are not to be read
            assert 0 <= span["start"] < span["end"] <= len(row["text"]), "a span outside its text"
            assert sv.secret_positions(row["text"], span), f"a {span['type']} span with nothing secret"


def test_dev_set_nothing_survives(dev: sv.Outcome) -> None:
    print("\n" + dev.table("DEV adversarial set (tuned on)"))
    for line in dev.survivors:
        print("  left:", line)
    for line in dev.hit_negatives:
        print("  hard negative changed:", line)
    assert dev.total_left == 0, dev.survivors
    assert dev.negatives_hit <= HARD_NEGATIVE_LIMIT * dev.negatives, dev.hit_negatives


def _holds(
    outcome: sv.Outcome, title: str, identifiers: int, names: int, disguised: int, negatives: int
) -> None:
    """A dev set keeps the figures measured on it: the survivors and changed negatives printed."""
    print("\n" + outcome.table(title))
    for line in outcome.survivors:
        print("  left:", line)
    for line in outcome.hit_negatives:
        print("  hard negative changed:", line)
    ident, _ = outcome.share(sv.IDENTIFIERS)
    named, _ = outcome.share(sv.NAMES_AND_ADDRESSES)
    assert ident <= identifiers, outcome.survivors
    assert named <= names, outcome.survivors
    assert outcome.disguised_left <= disguised, outcome.survivors
    assert outcome.negatives_hit <= negatives, outcome.hit_negatives


def test_wild_dev_set_holds_its_measured_figures(wild: sv.Outcome) -> None:
    _holds(
        wild,
        "WILD dev set (independent author, tuned on)",
        WILD_MAX_IDENTIFIERS_LEFT,
        WILD_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD_MAX_DISGUISED_LEFT,
        WILD_MAX_NEGATIVES_HIT,
    )


def test_wild3_dev_set_holds_its_measured_figures(wild3: sv.Outcome) -> None:
    _holds(
        wild3,
        "WILD3 dev set (third independent author, tuned on)",
        WILD3_MAX_IDENTIFIERS_LEFT,
        WILD3_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD3_MAX_DISGUISED_LEFT,
        WILD3_MAX_NEGATIVES_HIT,
    )


def test_wild4_dev_set_holds_its_measured_figures(wild4: sv.Outcome) -> None:
    _holds(
        wild4,
        "WILD4 dev set (fourth independent author, tuned on)",
        WILD4_MAX_IDENTIFIERS_LEFT,
        WILD4_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD4_MAX_DISGUISED_LEFT,
        WILD4_MAX_NEGATIVES_HIT,
    )


def test_wild5_dev_set_holds_its_measured_figures(wild5: sv.Outcome) -> None:
    _holds(
        wild5,
        "WILD5 dev set (fifth independent author, tuned on)",
        WILD5_MAX_IDENTIFIERS_LEFT,
        WILD5_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD5_MAX_DISGUISED_LEFT,
        WILD5_MAX_NEGATIVES_HIT,
    )


def test_wild6_dev_set_holds_its_measured_figures(wild6: sv.Outcome) -> None:
    _holds(
        wild6,
        "WILD6 dev set (sixth independent author, tuned on)",
        WILD6_MAX_IDENTIFIERS_LEFT,
        WILD6_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD6_MAX_DISGUISED_LEFT,
        WILD6_MAX_NEGATIVES_HIT,
    )


def test_wild7_dev_set_holds_its_measured_figures(wild7: sv.Outcome) -> None:
    _holds(
        wild7,
        "WILD7 dev set (seventh independent author, measured unseen, not tuned on)",
        WILD7_MAX_IDENTIFIERS_LEFT,
        WILD7_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD7_MAX_DISGUISED_LEFT,
        WILD7_MAX_NEGATIVES_HIT,
    )


def test_wild8_dev_set_holds_its_measured_figures(wild8: sv.Outcome) -> None:
    _holds(
        wild8,
        "WILD8 dev set (eighth independent author, measured unseen at both ends of its session)",
        WILD8_MAX_IDENTIFIERS_LEFT,
        WILD8_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD8_MAX_DISGUISED_LEFT,
        WILD8_MAX_NEGATIVES_HIT,
    )


def test_wild9_dev_set_holds_its_measured_figures(wild9: sv.Outcome) -> None:
    _holds(
        wild9,
        "WILD9 dev set (ninth independent author, measured unseen at both ends of its session)",
        WILD9_MAX_IDENTIFIERS_LEFT,
        WILD9_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD9_MAX_DISGUISED_LEFT,
        WILD9_MAX_NEGATIVES_HIT,
    )


def test_wild10_dev_set_holds_its_measured_figures(wild10: sv.Outcome) -> None:
    _holds(
        wild10,
        "WILD10 dev set (tenth independent author, measured first seen, then tuned on)",
        WILD10_MAX_IDENTIFIERS_LEFT,
        WILD10_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD10_MAX_DISGUISED_LEFT,
        WILD10_MAX_NEGATIVES_HIT,
    )


def test_wild11_dev_set_holds_its_measured_figures(wild11: sv.Outcome) -> None:
    _holds(
        wild11,
        "WILD11 dev set (eleventh independent author, measured first seen, then tuned on)",
        WILD11_MAX_IDENTIFIERS_LEFT,
        WILD11_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD11_MAX_DISGUISED_LEFT,
        WILD11_MAX_NEGATIVES_HIT,
    )


def test_wild12_dev_set_holds_its_measured_figures(wild12: sv.Outcome) -> None:
    _holds(
        wild12,
        "WILD12 dev set (twelfth independent author, measured first seen, then tuned on)",
        WILD12_MAX_IDENTIFIERS_LEFT,
        WILD12_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD12_MAX_DISGUISED_LEFT,
        WILD12_MAX_NEGATIVES_HIT,
    )


def test_wild13_dev_set_holds_its_measured_figures(wild13: sv.Outcome) -> None:
    _holds(
        wild13,
        "WILD13 dev set (thirteenth independent author, measured first seen, then tuned on)",
        WILD13_MAX_IDENTIFIERS_LEFT,
        WILD13_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD13_MAX_DISGUISED_LEFT,
        WILD13_MAX_NEGATIVES_HIT,
    )


def test_wild14_dev_set_holds_its_measured_figures(wild14: sv.Outcome) -> None:
    _holds(
        wild14,
        "WILD14 dev set (fourteenth independent author, measured first seen, then tuned on)",
        WILD14_MAX_IDENTIFIERS_LEFT,
        WILD14_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD14_MAX_DISGUISED_LEFT,
        WILD14_MAX_NEGATIVES_HIT,
    )


def test_wild15_dev_set_holds_its_measured_figures(wild15: sv.Outcome) -> None:
    _holds(
        wild15,
        "WILD15 dev set (fifteenth independent author, measured first seen, then tuned on)",
        WILD15_MAX_IDENTIFIERS_LEFT,
        WILD15_MAX_NAMES_AND_ADDRESSES_LEFT,
        WILD15_MAX_DISGUISED_LEFT,
        WILD15_MAX_NEGATIVES_HIT,
    )


def test_blind_set_holds_its_measured_figures(blind: sv.Outcome) -> None:
    # counts by class only: never which case survived
    print("\n" + blind.table("BLIND adversarial set (never tuned on)"))
    ident, _ = blind.share(sv.IDENTIFIERS)
    names, _ = blind.share(sv.NAMES_AND_ADDRESSES)
    counts = f"left {blind.total_left}, identifiers {ident}, names/addresses {names}"
    assert blind.total_left <= BLIND_MAX_LEFT, counts
    assert ident <= BLIND_MAX_IDENTIFIERS_LEFT, counts
    assert names <= BLIND_MAX_NAMES_AND_ADDRESSES_LEFT, counts
    assert blind.disguised_left == 0, f"look-alike or fake-tag secrets left: {blind.disguised_left}"
    assert blind.negatives_hit <= HARD_NEGATIVE_LIMIT * blind.negatives, (
        f"hard negatives changed: {blind.negatives_hit} of {blind.negatives}"
    )
