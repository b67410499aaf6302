"""The Presidio analyzer with Swedish and English blank spaCy pipelines and only our recognisers.

No model is downloaded or loaded: `spacy.blank("sv")` / `spacy.blank("en")` give tokenisation,
which is all Presidio needs here, because names are found by a gazetteer, not by NER. The engine
is built once per process (it is thread-safe to call). Presidio's own logger is silenced below
WARNING and scrubbed of arguments, because at DEBUG/INFO it can echo parts of the analysed text.
"""

from __future__ import annotations

import logging
import os
import threading

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from guardrails.recognizers import ALL_RECOGNIZERS
from guardrails.recognizers.analysis_context import MIXED_SCRIPT_WORDS, REQUESTED_LANGUAGE

LANGUAGES = ("sv", "en")
SCORE_THRESHOLD = 0.4


class _NoTextInLogs(logging.Filter):
    """Drop the arguments of every record from Presidio: its messages may quote the text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return False
        record.msg = f"presidio: {record.levelname.lower()} (detaljer borttagna)"
        record.args = ()
        return True


def silence_presidio_logging() -> None:
    for name in ("presidio-analyzer", "presidio_analyzer"):
        log = logging.getLogger(name)
        log.setLevel(logging.WARNING)
        if not any(isinstance(f, _NoTextInLogs) for f in log.filters):
            log.addFilter(_NoTextInLogs())


silence_presidio_logging()


class BlankSpacyNlpEngine(SpacyNlpEngine):
    """SpacyNlpEngine over `spacy.blank(lang)`: tokens only, no model files, no NER."""

    def __init__(self, languages: tuple[str, ...] = LANGUAGES) -> None:
        super().__init__(models=[{"lang_code": lang, "model_name": f"blank:{lang}"} for lang in languages])
        self._languages = languages

    def load(self) -> None:
        self.nlp = {lang: spacy.blank(lang) for lang in self._languages}

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        doc = self.nlp[language](text)  # type: ignore[index]
        # A blank pipeline has no NER and no lemmatiser: skip the entity mapping entirely.
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.text.lower() for t in doc],
            nlp_engine=self,
            language=language,
            scores=[],
        )


def empty_artifacts(language: str) -> NlpArtifacts:
    """Artifacts without tokens, for our recognisers (none of them reads tokens).

    Tokenising would cost half of the analysis time, and spaCy interns every new token string
    in its vocabulary for the life of the process: personal data would pile up in memory.
    """
    return NlpArtifacts(
        entities=[],
        tokens=[],
        tokens_indices=[],
        lemmas=[],
        nlp_engine=nlp_engine(),
        language=language,
        scores=[],
    )


class NoContextEnhancer(ContextAwareEnhancer):
    """Our recognisers weigh Swedish cue words themselves (with negative cues, which Presidio's
    lemma enhancer cannot express), so the engine-level enhancer does nothing."""

    def __init__(self) -> None:
        super().__init__(0.0, 0.0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list,
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


_engine: AnalyzerEngine | None = None
_nlp_engine: BlankSpacyNlpEngine | None = None
_lock = threading.Lock()


def nlp_engine() -> BlankSpacyNlpEngine:
    global _nlp_engine
    with _lock:
        if _nlp_engine is None:
            engine = BlankSpacyNlpEngine()
            engine.load()
            _nlp_engine = engine
        return _nlp_engine


def analyzer() -> AnalyzerEngine:
    """The process-wide analyzer with the Swedish recognisers (built on first use)."""
    global _engine
    if _engine is not None:
        return _engine
    nlp = nlp_engine()
    with _lock:
        if _engine is None:
            registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
            for lang in LANGUAGES:
                for cls in ALL_RECOGNIZERS:
                    registry.add_recognizer(cls(supported_language=lang))
            _engine = AnalyzerEngine(
                registry=registry,
                nlp_engine=nlp,
                supported_languages=list(LANGUAGES),
                default_score_threshold=SCORE_THRESHOLD,
                context_aware_enhancer=NoContextEnhancer(),
            )
        return _engine


# The recognisers and entities of each language, looked up once. AnalyzerEngine.analyze asks the
# registry for both and runs the context enhancer on every call; our set is fixed when the engine is
# built and the enhancer does nothing, so that bookkeeping was a tenth of the analysis time.
_plans: dict[str, tuple[list[EntityRecognizer], list[str]]] = {}


def _plan(language: str) -> tuple[list[EntityRecognizer], list[str]]:
    plan = _plans.get(language)
    if plan is None:
        engine = analyzer()
        recognizers = engine.registry.get_recognizers(language=language, all_fields=True)
        plan = (recognizers, engine.get_supported_entities(language=language))
        _plans[language] = plan
    return plan


def engine_language(language: str | None) -> str:
    """Map any language code to one the engine has (recognisers are language-neutral)."""
    if language:
        code = language.lower().split("-")[0].split("_")[0]
        if code in LANGUAGES:
            return code
    return "sv"


def analyze(
    text: str, language: str | None = None, mixed: tuple[tuple[int, int], ...] = ()
) -> list[RecognizerResult]:
    lang = engine_language(language)
    token = REQUESTED_LANGUAGE.set(language.lower().split("-")[0].split("_")[0] if language else None)
    mixed_token = MIXED_SCRIPT_WORDS.set(mixed)
    try:
        # What AnalyzerEngine.analyze does with an explicit threshold and no allow list or context,
        # without its per-call lookups (see _plan); tests hold the two equal.
        recognizers, entities = _plan(lang)
        artifacts = empty_artifacts(lang)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            results.extend(recognizer.analyze(text=text, entities=entities, nlp_artifacts=artifacts))
        return EntityRecognizer.remove_duplicates([r for r in results if r.score >= SCORE_THRESHOLD])
    finally:
        MIXED_SCRIPT_WORDS.reset(mixed_token)
        REQUESTED_LANGUAGE.reset(token)
