"""The text toolkit (guardrails/text): tags, diacritics, stop words, stems and sentences, through
the functions every package calls."""

from __future__ import annotations

import re
import tomllib
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatch
from pathlib import Path

import pytest

from guardrails.output_check import answer_sentences
from guardrails.text.diacritics import fold_diacritics
from guardrails.text.sentences import is_list_item, split_sentences, without_bullet
from guardrails.text.stems import stem, stem_words
from guardrails.text.stopwords import stop_words
from guardrails.text.tags import TAG_PATTERN, find_tags, parse_tag, strip_tags, tag_types

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "guardrails" / "text" / "data"

# -- tags ---------------------------------------------------------------------------------------


def test_tags_are_found_in_order_and_by_type() -> None:
    text = "Jag heter [NAMN_1], ring [TELEFON_2] eller [NAMN_12]."
    assert find_tags(text) == ["[NAMN_1]", "[TELEFON_2]", "[NAMN_12]"]
    assert tag_types(text) == frozenset({"NAMN", "TELEFON"})
    assert find_tags("inga taggar [1] [namn_1] [NAMN_]") == []


def test_stripping_tags_keeps_the_words_apart() -> None:
    assert strip_tags("Hej[NAMN_1]och [EPOST_2]!") == "Hej och  !"
    assert strip_tags("[ÅRENDE_1] kvar", "") == " kvar"
    assert "namn" not in strip_tags("[NAMN_1]").lower()


def test_the_pattern_text_builds_into_a_larger_pattern_without_groups() -> None:
    words = re.compile(rf"{TAG_PATTERN}|\w+")
    assert words.findall("ring [TELEFON_1] nu") == ["ring", "[TELEFON_1]", "nu"]


@pytest.mark.parametrize(
    ("tag", "parsed"),
    [
        ("[NAMN_3]", ("NAMN", 3)),
        ("[PERSONNUMMER_9999]", ("PERSONNUMMER", 9999)),
        ("[NAMN_0]", None),  # no leading zero
        ("[NAMN_03]", None),
        ("[NAMN_12345]", None),  # five digits can be part of a secret
        ("[P_195001011234]", None),  # not a type we issue
        ("NAMN_3", None),
    ],
)
def test_only_plausible_tags_parse(tag: str, parsed: tuple[str, int] | None) -> None:
    assert parse_tag(tag) == parsed


# -- diacritics ---------------------------------------------------------------------------------


def test_diacritics_are_dropped_and_case_is_kept() -> None:
    assert fold_diacritics("Årsräkningen för Örebro") == "Arsrakningen for Orebro"
    assert fold_diacritics("idé, Müller, crème") == "ide, Muller, creme"
    assert fold_diacritics("plain ascii 123") == "plain ascii 123"


def test_letters_of_their_own_stay_and_compatibility_forms_are_unified() -> None:
    assert fold_diacritics("ø æ ß") == "ø æ ß"
    assert fold_diacritics("1\u00a0176 kr") == "1 176 kr"  # a no-break space is a space


# -- stop words ---------------------------------------------------------------------------------


def test_each_purpose_has_its_own_list() -> None:
    retrieval = stop_words("retrieval", "sv", "en")
    assert {"och", "the"} <= retrieval
    assert "inte" not in retrieval  # "inte" can matter to a search
    assert "inte" in stop_words("grounding", "sv")
    follow_up = stop_words("follow_up", "sv", "en")
    assert {"lång", "tid", "dagar"} <= follow_up  # question padding, for a follow-up only
    assert not {"lång", "tid", "dagar"} & stop_words("sentence_choice", "sv", "en")


def test_languages_add_up_and_an_unlisted_language_reads_as_swedish() -> None:
    sv, en = stop_words("sentence_choice", "sv"), stop_words("sentence_choice", "en")
    assert "och" in sv and "och" not in en
    assert "the" in en and "the" not in sv
    assert stop_words("sentence_choice", "sv", "en") == sv | en
    assert stop_words("sentence_choice", "ar") == sv


def test_an_unknown_purpose_is_an_error() -> None:
    with pytest.raises(ValueError, match="no stop words"):
        stop_words("spelling", "sv")  # type: ignore[arg-type]


def test_the_word_lists_are_lower_case_words() -> None:
    files = sorted((DATA / "stopwords").glob("*.txt"))
    assert len(files) == 10
    for path in files:
        purpose, language = path.stem.split(".")
        words = stop_words(purpose, language)  # type: ignore[arg-type]
        assert words, path
        assert all(w == w.lower() and "#" not in w for w in words), path


def test_the_word_lists_are_installed_with_the_package() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["guardrails.text"]
    for path in DATA.rglob("*.txt"):
        relative = path.relative_to(REPO / "guardrails" / "text").as_posix()
        assert any(fnmatch(relative, p) for p in patterns), relative


# -- stems --------------------------------------------------------------------------------------


def test_stems_by_language() -> None:
    assert stem("årsräkningen") == "årsräkning"
    assert stem_words(["arvodet", "arvoden"], "sv") == ["arvod", "arvod"]
    assert stem("applications", "en") == "applic"
    assert stem("arvodet", "fi") == stem("arvodet", "sv")  # the office's language for the rest


def test_stems_are_the_same_from_many_threads() -> None:
    words = ["årsräkningen", "förvaltaren", "redovisningar", "huvudmannens", "ansökningar"] * 200
    expected = stem_words(words)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: stem_words(words), range(32)))
    assert all(r == expected for r in results)


# -- sentences ----------------------------------------------------------------------------------


def test_a_line_break_always_ends_a_sentence() -> None:
    assert split_sentences("Hej\nJag undrar en sak.\n\nTack") == ["Hej", "Jag undrar en sak.", "Tack"]


def test_written_text_keeps_abbreviations_and_lower_case_continuations() -> None:
    text = "Ring t.ex. Anna kl. 9. Det står i 14 kap. 15 §. Läs mer. sedan"
    assert split_sentences(text) == ["Ring t.ex. Anna kl. 9.", "Det står i 14 kap. 15 §.", "Läs mer. sedan"]


def test_a_message_typed_in_lower_case_still_splits() -> None:
    message = "hej. min pappa har god man. vad ska jag göra? jag har t.ex. fakturor"
    assert split_sentences(message) == [message]
    assert split_sentences(message, cased=False) == [
        "hej.",
        "min pappa har god man.",
        "vad ska jag göra?",
        "jag har t.ex. fakturor",
    ]


def test_other_scripts_end_marks_and_scripts_without_case() -> None:
    arabic = "عمري 17 سنة. ماذا سيحدث؟ ومن سيساعدني"
    assert split_sentences(arabic) == ["عمري 17 سنة.", "ماذا سيحدث؟", "ومن سيساعدني"]
    assert split_sentences("ሰላም። እንዴት ነህ") == ["ሰላም።", "እንዴት ነህ"]


def test_christmas_ends_a_sentence() -> None:
    assert split_sentences("Han fick inga pengar sedan jul. Gode mannen svarar inte.") == [
        "Han fick inga pengar sedan jul.",
        "Gode mannen svarar inte.",
    ]


def test_bullets_and_item_numbers() -> None:
    assert is_list_item("- Fyll i blanketten.") and is_list_item("2) Skicka in")
    assert not is_list_item("2024 var ett bra år.")
    assert without_bullet("• Spara kvitton.") == "Spara kvitton."
    assert without_bullet("12. Tolfte punkten") == "Tolfte punkten"


def test_the_output_check_reads_the_sentences_the_composer_quoted() -> None:
    quoted = ["Det står i föräldrabalken 14 kap. 15 §.", "Ring oss kl. 9.00–11.00.", "Du kan t.ex. mejla."]
    answer = " ".join(f"{s[:-1]} [1]." for s in quoted)
    assert [s.replace(" .", ".") for s in answer_sentences(answer)] == quoted
    assert split_sentences(" ".join(quoted)) == quoted
