"""Street lines in forms the address rules once missed (issue #14, sixth round).

Through the public `redact`: no letter or digit of the street or postcode line may be left. The
cases are made up for these tests (none is taken from a labelled set).
"""

from __future__ import annotations

import pytest

from guardrails import redact

CASES = [
    # (language, text, parts that must be gone)
    # a place or an ordinal before the street word's name
    ("sv", "Hon flyttar till Göteborg, Andra Långgatan 14, 413 03 Göteborg.", ["Andra", "14", "413"]),
    ("en", "The new address is Bromma Kyrkväg 7.", ["Bromma", "Kyrkväg", "7"]),
    # a flat number before the street
    ("sv", "Lägenhet: lgh 1203, Tallvägen 8.", ["1203", "Tallvägen"]),
    # the floor after a slash, the town glued to the postcode
    ("sv", "Ny adress Kungsg. 9 A/ 2tr,57132Nässjö.", ["2tr", "57132", "Nässjö"]),
    # a street typed without å/ä/ö as two words
    ("sv", "adressen är Granbackens vag 3, 123 45 Farsta", ["Granbackens", "vag 3"]),
    # a register's abbreviation in capitals before a postcode line
    ("sv", "Adress: KUNGSHOLMSG 12\n11227 STHLM", ["KUNGSHOLMSG", "11227"]),
    # Ukrainian and Serbian Cyrillic street lines with their postcode lines
    ("uk", "Адреса: вул. Шевченка, 10, кв. 4, 03150 Київ. Дякую.", ["Шевченка", "03150", "Київ"]),
    ("sh", "Адреса: Булевар краља 12, стан 3, 11000 Београд. Хвала.", ["краља", "11000", "Београд"]),
]


@pytest.mark.parametrize(("language", "text", "parts"), CASES, ids=[t[:30] for _, t, _ in CASES])
def test_the_whole_street_line_is_gone(language: str, text: str, parts: list[str]) -> None:
    out = redact(text, language=language).text
    for part in parts:
        assert part not in out, out


def test_a_word_before_a_street_at_a_sentence_start_stays() -> None:
    out = redact("Hej. Storgatan 12 har fått ny port.", language="sv").text
    assert out.startswith("Hej. [ADRESS_1]"), out


def test_a_letter_spaced_street_and_postcode_line() -> None:
    out = redact("han bor på K y r k v ä g e n 7 i 9 1 2 3 4 Vilhelmina nu", language="sv").text
    assert out == "han bor på [ADRESS_1] i [POSTNUMMER_1] nu", out


def test_a_street_line_in_a_signature_is_one_line() -> None:
    # the street's words stay on its line: the title and name above it are no part of it, so the
    # name and the street are both found
    text = "Med vänlig hälsning\nMaria Berg\nAdvokat\nLindenallee 8\n50667 Köln"
    out = redact(text, language="sv").text
    assert "Lindenallee 8" not in out and "Berg" not in out and "\nAdvokat\n" in out, out
