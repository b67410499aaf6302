"""Classes of names that several independent PII authors' sets showed slipping past redaction
(not one author's case), each tested through the public face (`redact`) on made-up values, with
the negatives each rule must leave alone.

- a lower-case known first name after an introduction in the message's own language, dropped
  because it also spells a Swedish word ("ja sam goran", "adı hüseyin"): in a message named in
  another language the Swedish dictionary says nothing of it (sets wild10, wild11 and earlier);
- a name written right against a checksum-valid personnummer, in apposition or in brackets, or
  glued into a file name after it (wild9, wild10).

Every value here is invented; none is a message of a set.
"""

from __future__ import annotations

import pytest

from guardrails import redact, scan


def _out(text: str, language: str = "sv") -> str:
    return redact(text, language=language).text


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("dobar dan, ja sam emin, treba mi pomoć oko računa", "sh", "emin"),
        ("merhaba, kızım zeynep için yazıyorum", "tr", "zeynep"),
        ("annemin adı elif, doğum tarihi bende yok", "tr", "elif"),
        ("hej, isä mehmet ei vastaa puhelimeen", "fi", "mehmet"),
    ],
)
def test_lower_case_known_name_after_an_introduction_in_another_language(
    text: str, language: str, name: str
) -> None:
    out = _out(text, language)
    assert name not in out.split(" ") and name not in out


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("zdravo, ja sam dobro, hvala na pomoći", "sh"),
        ("dosyanın adı ne olmalı?", "tr"),
    ],
)
def test_an_introduction_before_an_ordinary_word_names_no_one(text: str, language: str) -> None:
    assert _out(text, language) == text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Vi har en pojke i jourhem, Vide, 20170914-1004, som ärver sin mormor.", "Vide"),
        ("Papperen gäller lilla Vide (20210315-1003) som flyttat till sin faster.", "Vide"),
        ("Skickar filen 6802111002-Ilkka-årsräkning.pdf i morgon.", "Ilkka"),
    ],
)
def test_a_name_beside_a_valid_personnummer_is_the_person_it_identifies(text: str, name: str) -> None:
    out = _out(text)
    assert name not in out
    assert "1002" not in out and "1003" not in out and "1004" not in out


@pytest.mark.parametrize(
    "text",
    [
        # a label or a noun opening the sentence before the number: no one's name
        "Personnummer 20170914-1004 står på kortet.",
        "Barnet, 20170914-1004, bor hos oss sedan mars.",
        # a number that fails its checksum says no person is meant
        "Vi har en pojke i jourhem, Nova, 20170914-1005, som ärver.",
    ],
)
def test_no_name_is_taken_beside_a_label_or_an_invalid_number(text: str) -> None:
    names = [e for e in scan(text, "sv") if e.type == "NAMN"]
    assert names == []
