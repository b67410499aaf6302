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
    store = VaultStore(ttl_seconds=10, clock=clock)
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
