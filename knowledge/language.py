"""Language detection for documents and chat messages (lingua, restricted to Stockholm's common languages)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from guardrails.text.diacritics import fold_diacritics

DEFAULT_LANGUAGE = "sv"

# Languages people in Stockholm commonly write to a municipal office in, as far as lingua knows them.
# Danish and Norwegian are left out on purpose: on short messages they steal Swedish text, and a
# Scandinavian reader is answered in Swedish anyway. Tigrinya and Kurdish are not in lingua (text in
# Ge'ez script is taken for Tigrinya, see below); Dari is recognised as Persian.
_LANGUAGES = (
    Language.SWEDISH,
    Language.ENGLISH,
    Language.FINNISH,
    Language.ARABIC,
    Language.SOMALI,
    Language.PERSIAN,
    Language.SPANISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.POLISH,
    Language.TURKISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.BOSNIAN,
    Language.CROATIAN,
    Language.SERBIAN,
    Language.GREEK,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.ROMANIAN,
    Language.THAI,
    Language.CHINESE,
)

SUPPORTED_LANGUAGES: frozenset[str] = frozenset(lang.iso_code_639_1.name.lower() for lang in _LANGUAGES)

# Documents are long; the first few thousand characters tell the language as well as the whole text.
_MAX_CHARS = 2000
# Up to this many words a message counts as short: n-gram statistics are weak there, so Swedish
# (the office's language) wins unless another language is clearly ahead.
_SHORT_WORDS = 4
_SHORT_MIN_CONFIDENCE = 0.5
_SHORT_SWEDISH_SHARE = 0.1
# Letters that must remain once glosses in parentheses are set aside, or the whole text is judged.
_GLOSS_MIN_LETTERS = 12
# Greetings and the office's own terms that lingua, on two or three words, takes for Polish or Finnish.
# fmt: off
_SWEDISH_SHORT_WORDS = frozenset({
    "hej", "hejsan", "hallå", "tack", "nej", "ja", "jo", "okej", "ok", "mvh", "god", "man", "gode",
    "män", "arvode", "arvodet", "förvaltare", "förvaltaren", "årsräkning", "årsräkningen",
    "förteckning", "sluträkning", "huvudman", "huvudmannen", "ställföreträdare", "överförmyndare",
    "överförmyndaren", "förmyndare",
})
# fmt: on
# People often type without å, ä and ö ("forteckning"): those words count as Swedish too.
_SWEDISH_SHORT_FOLDED = frozenset(fold_diacritics(w) for w in _SWEDISH_SHORT_WORDS)
# A gloss in parentheses ("the annual report (årsräkning)") is the office's term, not the asker's language.
_GLOSS = re.compile(r"\([^()]*\)")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Ge'ez script, which lingua does not know: in Sweden it is most often Tigrinya (Eritrea), then Amharic.
_ETHIOPIC = re.compile(r"[\u1200-\u137f\u1380-\u139f\u2d80-\u2ddf]")
ETHIOPIC_LANGUAGE = "ti"


_detector_lock = threading.Lock()


def _detector() -> LanguageDetector:
    # Concurrent first callers wait for one build instead of each building a detector.
    with _detector_lock:
        return _build_detector()


@lru_cache(maxsize=1)
def _build_detector() -> LanguageDetector:
    # Low-accuracy (trigram) mode: ~0.3 s and ~35 MB to build with preloaded models, against ~4 s and
    # ~550 MB for the high-accuracy models, at a fraction of a millisecond per message.
    return (
        LanguageDetectorBuilder.from_languages(*_LANGUAGES)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def detect_language(text: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The ISO 639-1 code of `text` ("sv", "en", "fi", "ar", ...); `default` when it cannot tell."""
    sample = text[:_MAX_CHARS]
    unglossed = _GLOSS.sub(" ", sample)
    if len(_LETTER.findall(unglossed[:200])) >= _GLOSS_MIN_LETTERS:
        sample = unglossed
    letters = _LETTER.findall(sample[:200])
    if len(letters) < 2:
        return default
    if sum(1 for ch in letters if _ETHIOPIC.match(ch)) * 2 > len(letters):
        return ETHIOPIC_LANGUAGE
    words = _WORD.findall(sample.lower()) if len(sample) < 200 else []
    short = 0 < len(words) <= _SHORT_WORDS
    if short and sum(fold_diacritics(w) in _SWEDISH_SHORT_FOLDED for w in words) * 2 >= len(words):
        return "sv"
    confidences = _detector().compute_language_confidence_values(sample)
    if not confidences or confidences[0].value <= 0.0:
        return default
    top = confidences[0]
    if short:
        swedish = next((c.value for c in confidences if c.language is Language.SWEDISH), 0.0)
        if swedish >= _SHORT_SWEDISH_SHARE:
            return "sv"
        if top.value < _SHORT_MIN_CONFIDENCE:
            return default
    return top.language.iso_code_639_1.name.lower()
