"""Plain-text office files: a short line that opens a block over its text ("Vem kan klaga?",
"Beslut om allmänna handlingar") is that text's heading, never glued to its first sentence; a
hard-wrapped paragraph's lines are not taken for headings."""

from __future__ import annotations

from pathlib import Path

from knowledge.loaders.text import load_text

TEXT = """KLAGOMÅL

Vem kan klaga?
Alla kan lämna klagomål, också en granne eller en bank.

Det här kan nämnden inte göra
- Nämnden är tillsynsmyndighet och inte arbetsgivare för gode män.
- Nämnden beslutar inte om vård, hemtjänst eller boende.

Beslut om allmänna handlingar
Ett avslag överklagas till kammarrätten inom tre veckor.
"""


def _sections(text: str) -> dict[tuple[str, ...], str]:
    parsed = load_text(text.encode(), Path("klagomal.txt"))
    return {s.heading_path: s.text for s in parsed.sections}


def test_a_short_line_over_its_text_is_a_heading() -> None:
    sections = _sections(TEXT)
    assert sections[("KLAGOMÅL", "Vem kan klaga?")].startswith("Alla kan lämna klagomål"), sections
    assert "Ett avslag överklagas" in sections[("KLAGOMÅL", "Beslut om allmänna handlingar")]
    assert "arbetsgivare" in sections[("KLAGOMÅL", "Det här kan nämnden inte göra")]
    assert not any("Vem kan klaga? Alla" in t or "handlingar Ett" in t for t in sections.values())


def test_hard_wrapped_prose_keeps_its_lines_together() -> None:
    text = (
        "Titel\n\n"
        "Årsräkningen ska lämnas senast den 1 mars varje år, och den ska\n"
        "Visa alla inkomster och utgifter under året som har gått sedan\n"
        "förra redovisningen lämnades in till nämnden för granskning.\n"
    )
    sections = _sections(text)
    assert list(sections) == [("Titel",)], sections
    assert "den ska Visa alla" in sections[("Titel",)]


def test_a_lead_in_with_a_colon_stays_with_its_list() -> None:
    text = "Titel\n\nSå gör du:\n- Skriv vilket beslut du överklagar.\n- Skriv under och skicka.\n"
    sections = _sections(text)
    assert list(sections) == [("Titel",)], sections
    assert "Så gör du" in sections[("Titel",)]
