"""Years named in a question and in an answer (`assistant.pipeline.years`)."""

from __future__ import annotations

from assistant.pipeline.years import other_years, years_in


def test_years_are_read_from_dates_ranges_and_headings_but_not_from_amounts() -> None:
    assert years_in(["före den 1 mars 2025", "Gränsbelopp för 2023–2024", "2025-01-01"]) == {
        "2023",
        "2024",
        "2025",
    }
    assert years_in(["2000 kr per år", "2 000 kronor", "1950 kr", "12025 st", "20 %", "2030:-"]) == set()


def test_only_a_question_about_a_year_the_answer_does_not_name_is_a_mismatch() -> None:
    assert other_years("prisbasbelopp 2023??", ["Prisbasbeloppet för 2025 är 58 800 kronor."]) == (
        ["2023"],
        ["2025"],
    )
    assert other_years("Vad gäller 2024 och 2025?", ["Beloppet för 2025 är 58 800 kronor."]) is None
    assert other_years("När ska årsräkningen in?", ["Senast den 1 mars 2025."]) is None
    assert other_years("Vad gällde 2023?", ["Årsräkningen ska in före den 1 mars."]) is None
