"""Numbers read out in words in the languages written to the office (number words as data in
guardrails/text/data/number_words.yaml): a phone number or a personnummer dictated digit by digit,
with tens ("forty one", "cuarenta y uno", "achtundachtzig")."""

from __future__ import annotations

import pytest

from guardrails import redact


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Numer: zero siedem zero, jeden siedem cztery, zero sześć, pięć pięć", "pl"),
        ("Numaram sıfır yedi sıfır bir yedi dört sıfır altı kırk bir", "tr"),
        ("Nambarkaygu waa eber toddoba eber kow toddoba afar eber lix shan shan", "so"),
        ("Mi teléfono: cero siete cero uno siete cuatro cero seis cuarenta y dos", "es"),
        ("Ruf an: null sieben null eins sieben vier null sechs zweiundvierzig", "de"),
        ("Мой номер ноль семь ноль один семь четыре ноль шесть пять пять", "ru"),
        ("Мій номер нуль сім нуль один сім чотири нуль шість п'ять п'ять", "uk"),
        ("Broj: nula sedam nula jedan sedam četiri nula šest pet pet", "bs"),
        ("Số: không bảy không một bảy bốn không sáu năm năm", "vi"),
        ("شماره من صفر هفت صفر یک هفت چهار صفر شش پنج پنج", "fa"),
        ("Puhelin: nolla seitsemän nolla yksi seitsemän neljä nolla kuusi viisi viisi", "fi"),
    ],
)
def test_a_phone_number_read_out_in_words_is_redacted(text: str, language: str) -> None:
    redacted = redact(text, language=language).text
    assert "[TELEFON_1]" in redacted, redacted


def test_a_personnummer_read_out_in_words_is_redacted() -> None:
    # 19121212-1212 (Skatteverket's test number) read out in Finnish
    text = "Henkilötunnus: yksi yhdeksän yksi kaksi yksi kaksi yksi kaksi yksi kaksi yksi kaksi"
    assert "[PERSONNUMMER_1]" in redact(text, language="fi").text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Jag har tre barn, två hundar och fem katter.", "sv"),
        ("tengo dos hijos y tres nietos, cuarenta y dos años de casada.", "es"),
        ("من دو سه بار زنگ زدم ولی کسی جواب نداد", "fa"),
        ("Ba năm nay tôi sống ở Stockholm.", "vi"),
    ],
)
def test_counts_in_words_are_no_number(text: str, language: str) -> None:
    assert redact(text, language=language).text == text
