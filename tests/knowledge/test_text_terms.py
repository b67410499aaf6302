"""Plain-text office files: a short line over an indented paragraph names the case the paragraph is
about, and becomes a heading of its own instead of being glued to the paragraph's first sentence."""

from __future__ import annotations

from pathlib import Path

from knowledge.loaders.text import load_text

TEXT = """När huvudmannen dör

Uppdraget upphör när huvudmannen dör.

SKILJ PÅ DESSA SITUATIONER
--------------------------

Huvudmannen ärver någon
  Uppdraget fortsätter. Bevaka huvudmannens rätt i dödsboet.

Gode mannen dör
  Då upphör inte godmanskapet. Vi utser en ny god man.
"""


def test_a_term_over_an_indented_paragraph_is_a_heading() -> None:
    parsed = load_text(TEXT.encode(), Path("dor.txt"))
    paths = [s.heading_path for s in parsed.sections]
    assert ("När huvudmannen dör", "SKILJ PÅ DESSA SITUATIONER", "Gode mannen dör") in paths, paths
    assert ("När huvudmannen dör", "SKILJ PÅ DESSA SITUATIONER", "Huvudmannen ärver någon") in paths, paths
    assert "Gode mannen dör Då" not in parsed.text
    last = next(s for s in parsed.sections if s.heading_path[-1] == "Gode mannen dör")
    assert last.text.startswith("Då upphör inte godmanskapet."), last.text


def test_an_indented_first_line_of_a_paragraph_is_no_term() -> None:
    text = "Titel\n\n  Första raden är indragen\noch stycket fortsätter här.\n"
    parsed = load_text(text.encode(), Path("t.txt"))
    assert [s.heading_path for s in parsed.sections] == [("Titel",)]
    assert "Första raden är indragen och stycket fortsätter här." in parsed.text
