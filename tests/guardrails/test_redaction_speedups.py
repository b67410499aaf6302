"""The cheap first looks of the redaction recognisers answer exactly as the patterns they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.recognizers.spelled_numbers import _CASE_EXTRAS
from guardrails.recognizers.spelled_numbers import _HINT as SPELLED_HINT
from guardrails.text.hints import any_word

WORDS = ["noll", "nitton", "nitti", "ninety", "född", "födde", "f", "fö", "hundra", "hundred"]
PLAIN = re.compile("|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True)))
# the number-word hints as they were written before: one alternation, case-insensitive
SPELLED_PLAIN = re.compile(
    r"noll|nitton|tjug|tretti|fyrti|förti|femti|sexti|sjutti|åtti|nitti|hundra|zero|teen|twenty|thirty|"
    r"forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|(?<![^\W\d_])oh(?![^\W\d_])",
    re.IGNORECASE,
)
LETTERS = "nolitfödrhuaeyNOLITFÖDRHUAEYZWXSK 1-\u0130\u0131\u017f\u212a\u0307ß"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=LETTERS, max_size=14))
def test_any_word_finds_a_word_exactly_when_the_alternation_does(text: str) -> None:
    assert (any_word(WORDS).search(text) is None) == (PLAIN.search(text) is None)


def test_any_word_of_nothing_matches_nothing() -> None:
    assert any_word([]).search("anything") is None


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=LETTERS, max_size=14))
def test_spelled_hint_in_lower_case_matches_the_case_insensitive_one(text: str) -> None:
    folded = text.lower() if text.isascii() else text.translate(_CASE_EXTRAS).lower()
    assert (SPELLED_HINT.search(folded) is None) == (SPELLED_PLAIN.search(text) is None)
