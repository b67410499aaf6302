"""Tolerant matching: the same fact written differently matches, a different fact does not."""

from __future__ import annotations

import pytest

from evals import answer_polarity, contains, contains_fact, found_facts


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        ("Prisbasbeloppet är 57300 kronor.", "57 300"),
        ("Prisbasbeloppet är 57\u00a0300 kr.", "57 300"),  # no-break space
        ("Prisbasbeloppet är 57\u202f300 kr.", "57300"),  # narrow no-break space
        ("Prisbasbeloppet är 57\u2009300 kr.", "57 300"),  # thin space
        ("Garantin gäller 1 050 000 kr per person.", "1050000"),
        ("Förteckningen ska in inom 2 månader.", "två månader"),
        ("Förteckningen ska in inom två månader.", "2 månader"),
        ("Sluträkningen lämnas senast en månad efter.", "1 månad"),
        ("Årsräkningen ska ha kommit in före den 1 mars.", "1 mars"),
        ("ÅRSRÄKNINGEN SKA IN", "årsräkning"),
        ("Årsräkningarna granskas i turordning.", "årsräkning"),
        ("arsrakningen ska in i tid", "årsräkning"),  # typed without diacritics
        ("Huvudmannen behåller sin rättshandlingsförmåga.", "rättshandlingsförmågan"),
        ("Bilersättningen är 25 kronor per mil.", "25 kr"),
        ("Ring 08 465 004 50 på telefontid.", "08-465 004 50"),
        ("It must be in before 1 March.", "1 March"),
        ("within two months of the appointment", "2 months"),
        ("Överklaga inom tre veckor – till tingsrätten.", "tre veckor"),
    ],
)
def test_same_fact_written_differently_matches(haystack: str, needle: str) -> None:
    assert contains(haystack, needle)


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        ("Prisbasbeloppet är 157 300 kronor.", "57 300"),
        ("Prisbasbeloppet är 57 3000 kronor.", "57 300"),
        ("Årsräkningen ska in före den 1 april.", "1 mars"),
        ("Förteckningen ska in inom tre månader.", "två månader"),
        ("Sluträkningen lämnas senast en vecka efter.", "en månad"),
        ("Ring 08-465 004 51 på telefontid.", "08-465 004 50"),
        ("", "1 mars"),
        ("Något helt annat.", "   "),
    ],
)
def test_different_fact_does_not_match(haystack: str, needle: str) -> None:
    assert not contains(haystack, needle)


def test_a_fact_with_alternatives_needs_one_of_them() -> None:
    assert contains_fact("Det kostar ingenting att ansöka.", ["kostar inget", "ingenting"])
    assert not contains_fact("Ansökan kostar 500 kronor.", ["kostar inget", "gratis"])


def test_found_facts_splits_found_and_missing() -> None:
    found, missing = found_facts("Före den 1 mars, inom 2 månader.", ["1 mars", "två månader", "58 800"])
    assert found == ["1 mars", "två månader"]
    assert missing == ["58 800"]


# -- values match as values, whatever their spelling ---------------------------------------------------
@pytest.mark.parametrize(
    ("needle", "spellings"),
    [
        ("57 300 kr", ["Beloppet är 57300 kronor.", "Beloppet är 57 300:-.", "Beloppet är 57.300 SEK."]),
        ("1 mars", ["Senast 1/3 varje år.", "Senast den första mars.", "Senast 2025-03-01."]),
        ("08-508 000 00", ["Ring 08 508 000 00.", "Ring +46 8 508 000 00.", "Ring 0850800000."]),
        ("8.00–16.00", ["Öppet 08:00-16:00.", "Öppet kl. 8–16.", "Open 8 am - 4 pm."]),
        ("1 March", ["before 1st of March", "before March 1", "before den 1 mars"]),
        ("2025-03-01", ["den 1 mars 2025", "1/3/2025", "March 1, 2025"]),
        ("114 14", ["Ring 11414.", "Ring 114-14.", "Ring 114 14."]),
    ],
)
def test_a_value_matches_in_three_spellings(needle: str, spellings: list[str]) -> None:
    for haystack in spellings:
        assert contains(haystack, needle), (needle, haystack)


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        ("Beloppet är 58 300 kr.", "57 300 kr"),
        ("Senast 1/4 varje år.", "1 mars"),
        ("Senast den andra mars.", "1 mars"),
        ("Senast 1 mars.", "2025-03-01"),  # the year was asked for and is not given
        ("Senast 2024-03-01.", "2025-03-01"),
        ("Ring +46 8 508 000 01.", "08-508 000 00"),
        ("Öppet 08:00-15:00.", "8.00–16.00"),
        ("Vad är en årsräkning?", "år"),  # "år" is not "är" folded
    ],
)
def test_a_different_value_does_not_match(haystack: str, needle: str) -> None:
    assert not contains(haystack, needle)


# -- yes or no --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "language", "polarity"),
    [
        ("Ja, du behöver vårt samtycke [1].", "sv", "yes"),
        ("Du behöver vårt samtycke för att sälja bostadsrätten [1].", "sv", "yes"),
        ("Nej. Det behövs inget samtycke [1].", "sv", "no"),
        ("Du behöver inte samtycke för uttag av förra årets ränta [1].", "sv", "no"),
        ("Uttag av ränta kräver inget samtycke.", "sv", "no"),
        # "om … inte" is a condition, "inte bara" a qualifier: neither is the answer's "no"
        ("Du måste lämna årsräkning om du inte har fått befrielse.", "sv", "yes"),
        ("Det gäller inte bara dig: alla ska redovisa.", "sv", "yes"),
        ("You don't need consent for that.", "en", "no"),
        ("Yes – the fee is taxable income.", "en", "yes"),
        ("Kyllä, tarvitset luvan.", "fi", "yes"),
        ("Ei, lupaa ei tarvita.", "fi", "no"),
        ("نعم، تحتاج إلى موافقة.", "ar", "yes"),
        ("لا، لا تحتاج إلى موافقة.", "ar", "no"),
        ("Evet, gerekiyor.", "tr", "yes"),
        ("", "sv", None),
    ],
)
def test_answer_polarity(answer: str, language: str, polarity: str | None) -> None:
    assert answer_polarity(answer, language) == polarity


# -- ranges: the same two values however they are joined -------------------------------------------
@pytest.mark.parametrize(
    ("needle", "spellings"),
    [
        ("2–4 månader", ["2 till 4 månader", "mellan två och fyra månader", "två-fyra månader"]),
        ("2 till 4 månader", ["2–4 månader", "2 - 4 månader", "mellan 2 och 4 månader"]),
        ("09.00–11.30", ["9 till 11.30", "9-11.30", "9.00 till 11.30"]),
        ("1–2 arbetsdagar", ["en till två arbetsdagar", "1 till 2 arbetsdagar"]),
        ("4–8 hours", ["four to eight hours", "between 4 and 8 hours"]),
        ("kl. 13.00–15.00", ["klockan 13 till 15", "kl 13-15", "kl. 13.00 till 15.00"]),
    ],
)
def test_a_range_matches_however_it_is_joined(needle: str, spellings: list[str]) -> None:
    for spelling in spellings:
        assert contains(f"Det tar {spelling}.", needle), (needle, spelling)
        assert contains(needle, spelling), (spelling, needle)  # either side may be the fact


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        ("Det tar 2 till 5 månader.", "2–4 månader"),  # another range
        ("Det tar upp till 4 månader.", "2–4 månader"),  # one end only
        ("Ring 10 till 11.30.", "09.00–11.30"),  # another opening hour
        ("Vi svarar klockan 13 till 14.", "15.00"),  # the end of another range of hours
        ("Vi flyttar till 4 nya lokaler.", "2 till 4"),  # "till" that joins no range
        ("Det tar en vecka till.", "1 till 2 veckor"),
    ],
)
def test_a_different_range_does_not_match(haystack: str, needle: str) -> None:
    assert not contains(haystack, needle)
