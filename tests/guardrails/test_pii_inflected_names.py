"""Names in the case forms of Polish and Finnish: a Polish name whose last e drops in its cases
("Kacpra" of Kacper, "Pawła" of Paweł), a Polish surname in -ski/-ska in its adjective cases
("Kowalskiej", "Kowalskim", "Kowalskiemu"), and a Finnish local case of a name that is no word
opening a sentence ("Pekalle pitäisi ...", Pekka) in a message named Finnish."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("To konto mojego syna Kacpra.", "Kacpra"),
        ("Byłam u Pawła wczoraj.", "Pawła"),
        ("Dzwoniłam do pani Kowalskiej wczoraj.", "Kowalskiej"),
        ("Rozmawiałam z panem Kowalskim o koncie.", "Kowalskim"),
        ("Przekazałam list panu Kowalskiemu.", "Kowalskiemu"),
    ],
)
def test_polish_case_forms(text: str, name: str) -> None:
    assert name not in redact(text, language="pl").text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Moi! Pekalle pitäisi maksaa vuokra, mutta tili on lukittu.", "Pekalle"),
        ("Annalle ei ole tullut rahaa.", "Annalle"),
    ],
)
def test_finnish_local_case_of_a_name_opening_a_sentence(text: str, name: str) -> None:
    assert name not in redact(text, language="fi").text


@pytest.mark.parametrize(
    "text", ["Aamulla satoi lunta. Illalla kävin kaupassa.", "Kaikille tiedoksi: toimisto on kiinni."]
)
def test_finnish_words_in_a_local_case_are_kept(text: str) -> None:
    assert redact(text, language="fi").text == text
