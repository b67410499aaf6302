"""The vault keeps values in memory only: no clear text through repr, pickle, copy or JSON, and
nothing left after its time-to-live."""

from __future__ import annotations

import copy
import json
import pickle

import pytest

from guardrails import Vault, VaultSerialisationError, VaultStore, redact, restore

SECRET = "Gunnar Holmqvist"
PNR = "19301229-9263"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def filled() -> Vault:
    vault = Vault()
    redact(f"Jag är god man för {SECRET}, pnr {PNR}", vault=vault)
    return vault


def test_repr_and_str_show_no_values(filled: Vault) -> None:
    for shown in (repr(filled), str(filled), f"{filled}", f"{filled!r}"):
        assert "Gunnar" not in shown and "9263" not in shown
        assert "entries=2" in shown


def test_vault_cannot_be_pickled_copied_or_serialised(filled: Vault) -> None:
    with pytest.raises(VaultSerialisationError):
        pickle.dumps(filled)
    with pytest.raises(VaultSerialisationError):
        copy.copy(filled)
    with pytest.raises(VaultSerialisationError):
        copy.deepcopy(filled)
    with pytest.raises(TypeError):
        json.dumps(filled)
    with pytest.raises(TypeError):
        vars(filled)  # no __dict__ to dump either


def test_redacted_result_carries_the_vault_but_does_not_leak_it(filled: Vault) -> None:
    result = redact(f"{SECRET} igen", vault=filled)
    assert result.vault is filled
    assert "Gunnar" not in repr(result.vault)
    assert "Gunnar" not in result.text
    with pytest.raises(VaultSerialisationError):
        pickle.dumps(result)


def test_values_expire_after_ttl_and_tags_are_not_reused() -> None:
    clock = Clock()
    vault = Vault(ttl_seconds=60, clock=clock)
    first = redact(f"god man för {SECRET}", vault=vault)
    assert restore(first.text, vault) == f"god man för {SECRET}"
    clock.now += 30
    assert vault.value("[NAMN_1]") == SECRET  # use extends the time-to-live
    clock.now += 61
    assert vault.expired
    assert restore(first.text, vault) == first.text  # values are gone, tags stay
    assert len(vault) == 0
    second = redact("god man för Kerstin Lundgren", vault=vault)
    assert "[NAMN_2]" in second.text  # [NAMN_1] meant someone else in stored text


def test_clear_forgets_everything(filled: Vault) -> None:
    filled.clear()
    assert len(filled) == 0
    assert filled.value("[NAMN_1]") is None


def test_store_keeps_one_vault_per_conversation_and_purges() -> None:
    clock = Clock()
    store = VaultStore(ttl_seconds=10, clock=clock, keep_values=True)
    a = store.get("a")
    assert store.get("a") is a
    b = store.get("b")
    redact(f"{SECRET}", vault=a)
    redact("Kerstin Lundgren", vault=b)
    assert a.value("[NAMN_1]") == SECRET and b.value("[NAMN_1]") == "Kerstin Lundgren"
    store.drop("a")
    assert a.value("[NAMN_1]") is None
    clock.now += 11
    assert store.purge_expired() == 1
    assert len(store) == 0
    assert "Kerstin" not in repr(store)
    with pytest.raises(VaultSerialisationError):
        pickle.dumps(store)


def test_store_keeps_a_vault_made_before_its_key_and_finds_without_creating() -> None:
    """Staff drafts: the vault is filled before the draft has an id, then kept under that id."""
    clock = Clock()
    store = VaultStore(ttl_seconds=10, clock=clock, keep_values=True)
    assert store.find("draft-1") is None and len(store) == 0  # nothing created by looking
    vault = Vault(10, clock)
    redact(SECRET, vault=vault)
    store.put("draft-1", vault)
    assert store.find("draft-1") is vault and vault.value("[NAMN_1]") == SECRET
    clock.now += 11
    assert store.find("draft-1") is None  # expired: dropped and wiped
    assert vault.value("[NAMN_1]") is None and len(store) == 0


def test_chat_vaults_keep_numbering_but_no_values() -> None:
    """Chat never restores: the store's vaults hold salted hashes of values, never the values."""
    store = VaultStore()
    vault = store.get("chat")
    first = redact(f"Jag är god man för {SECRET}, pnr {PNR}", vault=vault)
    again = redact(f"{SECRET} igen, pnr {PNR.replace('-', '')}", vault=vault)
    assert first.text == "Jag är god man för [NAMN_1], pnr [PERSONNUMMER_1]"
    assert again.text == "[NAMN_1] igen, pnr [PERSONNUMMER_1]"  # same value, same tag
    assert redact("Kerstin Lundgren", vault=vault).text == "[NAMN_2]"
    assert vault.value("[NAMN_1]") is None and restore(first.text, vault) == first.text
    assert "numbering-only" in repr(vault)
    held = repr([getattr(vault, slot, None) for slot in type(vault).__slots__])
    for secret in ("Gunnar", "Holmqvist", "9263", "301229", "gunnar holmqvist"):
        assert secret not in held


def test_store_is_bounded_least_recently_used_goes_first() -> None:
    store = VaultStore(max_conversations=3)
    vaults = {cid: store.get(cid) for cid in ("a", "b", "c")}
    store.get("a")  # a is used again: b is now the oldest
    store.get("d")
    assert len(store) == 3
    assert store.get("a") is vaults["a"] and store.get("c") is vaults["c"]
    assert store.get("b") is not vaults["b"]  # evicted, starts afresh


def test_a_vault_has_a_bounded_number_of_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    import guardrails.vault as vault_module

    monkeypatch.setattr(vault_module, "MAX_ENTRIES", 3)
    vault = Vault()
    tags = [vault.tag_for("NAMN", f"n{i}", f"N{i}") for i in range(6)]
    assert tags == [f"[NAMN_{i}]" for i in range(1, 7)]  # numbering goes on: never a reused tag
    assert len(vault) == 3


def test_tags_the_vault_did_not_issue_are_text() -> None:
    vault = Vault()
    mine = redact(f"pnr {PNR}", vault=vault)
    assert mine.text == "pnr [PERSONNUMMER_1]"
    assert redact(mine.text, vault=vault).text == mine.text  # issued: left alone
    for fake in ("[P_195001011237]", "[NAMN_5001011237]", "[PERSONNUMMER_195001011237]"):
        result = redact(f"Mitt id är {fake}", vault=vault)
        assert "5001011237" not in result.text, result.text
        assert any(e.type == "PERSONNUMMER" for e in result.entities)


def test_huge_tag_numbers_neither_crash_nor_reserve() -> None:
    vault = Vault()
    text = "[NAMN_" + "9" * 4300 + "] och Kerstin Lundgren"
    result = redact(text, vault=vault)  # int() of 4 300 digits would raise ValueError
    assert "[NAMN_1]" in result.text and "Kerstin" not in result.text
    vault.reserve("[NAMN_99999]")  # implausible: not reserved
    vault.reserve("[NAMN_7]")
    assert redact("Maria Ek", vault=vault).text == "[NAMN_8]"
