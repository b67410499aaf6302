"""The section-weight fitter on made-up section groups: it learns which feature tells the section
holding the facts, chooses by the weights it is given, and writes a weights file the composer reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.composers.extractive import SECTION_FEATURES, load_section_weights
from evals.section_fit import Group, choose, fit


def _groups() -> list[Group]:
    """Questions whose answering section has the heading match, though not the best sentence when
    another's heading matches less; between equal headings the best sentence tells."""
    groups = [
        Group(
            case=f"t{n}",
            features=[
                {"top": 0.55 + 0.03 * n, "heading": 0.5, "prior": 0.5 + 0.5 * (n % 2)},
                {"top": 0.3, "heading": 0.5, "prior": 1.0 - 0.5 * (n % 2)},
            ],
            labels=[1.0, 0.0],
            expected=[True, True],
            ranks=[1, 0],
        )
        for n in range(12)
    ]
    for n in range(12):
        near = 0.5 + 0.02 * n
        groups.append(
            Group(
                case=f"q{n}",
                features=[
                    {"top": near, "heading": 0.9, "prior": 0.5},
                    {"top": near + 0.05, "heading": 0.1, "prior": 1.0},
                ],
                labels=[1.0, 0.0],
                expected=[True, False],
                ranks=[1, 0],
            )
        )
    return groups


@pytest.mark.parametrize("method", ["listwise", "pairwise"])
def test_the_fit_weighs_the_feature_that_tells_the_answering_section(method: str) -> None:
    weights = fit(_groups(), ("top", "heading", "prior"), method)
    assert weights["top"] == 1.0  # the scale: the best sentence's relevance weighs 1
    assert weights["heading"] > 0
    assert choose(_groups(), weights)["chosen"] == 1.0


def test_choose_follows_the_weights_it_is_given() -> None:
    by_sentence = choose(_groups()[12:], {"top": 1.0})
    assert by_sentence["chosen"] == 0.0 and by_sentence["best"] == 1.0
    assert by_sentence["chosen_expected"] == 0.0
    assert choose(_groups()[12:], {"heading": 1.0})["chosen"] == 1.0


def test_written_weights_are_read_by_the_composer(tmp_path: Path) -> None:
    from evals.section_fit import _write

    path = tmp_path / "weights.yaml"
    weights = {name: 0.1 for name in SECTION_FEATURES} | {"top": 1.0}
    _write(path, weights, ["sample"], 12, {}, {})
    assert load_section_weights(path) == weights
    assert "section_fit" in path.read_text(encoding="utf-8").split("weights:")[0]


def test_a_fit_drawn_toward_the_weights_in_use_keeps_them_when_held_hard() -> None:
    in_use = {"top": 1.0, "heading": 0.01, "prior": 0.2}  # picks the neighbour by its rank
    held = fit(_groups(), ("top", "heading", "prior"), c=1e-6, toward=in_use)
    assert held == pytest.approx(in_use, abs=0.01)
    loose = fit(_groups(), ("top", "heading", "prior"), c=10.0, toward=in_use)
    assert choose(_groups(), loose)["chosen"] > choose(_groups(), in_use)["chosen"]
