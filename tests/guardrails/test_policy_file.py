"""The policy file: validation errors name the file, the rule and the problem; office facts fill messages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guardrails.office import DEFAULT_OFFICE_FILE, load_office
from guardrails.policy import DEFAULT_POLICY_FILE, PolicyError, assess, load_policy
from guardrails.policy.rules import RUNTIME_PLACEHOLDERS

TILLIT = Path(sys.executable).with_name("tillit")


def _default() -> dict:
    return yaml.safe_load(DEFAULT_POLICY_FILE.read_text(encoding="utf-8"))


def _rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["rules"] if r["id"] == rule_id)


def _write(tmp_path: Path, data: dict | str, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def _break_action(d):
    _rule(d, "complaint")["action"] = "escalate"


def _break_queue(d):
    _rule(d, "case.arvode")["queue"] = "ekonomi"


def _break_regex(d):
    _rule(d, "crisis.suicide")["match"][0]["any"].append("re:(unclosed")


def _break_placeholder(d):
    d["messages"]["human_request"]["sv"] += " Faxa oss på {office.fax}."


def _break_required_placeholder(d):
    d["messages"]["crisis_violence"]["en"] = "Please call the police."


def _break_message_key(d):
    _rule(d, "human.request")["message"] = "human_reqest"


def _break_english(d):
    del d["messages"]["decision"]["en"]


def _break_duplicate(d):
    _rule(d, "complaint")["id"] = "crisis.suicide"


def _break_catch_all(d):
    rule = _rule(d, "out_of_scope")
    rule.pop("match")
    rule.pop("unless")


def _break_bare_no(d):
    _rule(d, "complaint")["match"][0]["any"].append(False)  # what YAML makes of a bare `no`


def _break_unknown_field(d):
    _rule(d, "complaint")["queues"] = "klagomal"


def _break_route(d):
    d["routes"][0]["queue"] = "asyl"


def _break_handoff_without_queue(d):
    del _rule(d, "complaint")["queue"]


def _break_any_and_all(d):
    _rule(d, "complaint")["match"][0]["all"] = [["x"]]


def _break_mask_notice(d):
    d["masks"][0]["notice"] = "crisis_line"


BROKEN = [
    (_break_action, "regel complaint", "okänd action 'escalate'"),
    (_break_queue, "regel case.arvode", "okänd kö 'ekonomi'"),
    (_break_regex, "regel crisis.suicide", "ogiltigt reguljärt uttryck"),
    (_break_placeholder, "meddelande human_request (sv)", "okänd platshållare {office.fax}"),
    (_break_required_placeholder, "regel crisis.violence", "saknar platshållaren {crisis.emergency}"),
    (_break_message_key, "regel human.request", "meddelandet 'human_reqest' finns inte"),
    (_break_english, "meddelande decision", "saknar text på en"),
    (_break_duplicate, "regel crisis.suicide", "id används redan"),
    (_break_catch_all, "regel out_of_scope", "skulle fånga allt"),
    (_break_bare_no, "regel complaint", "citera ord som"),
    (_break_unknown_field, "regel complaint", "queues: okänt fält"),
    (_break_route, "route 1 (asyl)", "okänd kö 'asyl'"),
    (_break_handoff_without_queue, "regel complaint", "kräver en kö"),
    (_break_any_and_all, "regel complaint", "antingen any eller all"),
    (_break_mask_notice, "mask help_line_asked", "meddelandet 'crisis_line' finns inte"),
]


@pytest.mark.parametrize(("breaker", "where", "what"), BROKEN, ids=[b[0].__name__[7:] for b in BROKEN])
def test_broken_policy_files_fail_with_file_rule_and_problem(tmp_path, breaker, where, what):
    data = _default()
    breaker(data)
    path = _write(tmp_path, data)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    message = str(caught.value)
    assert str(path) in message
    assert where in message
    assert what in message
    assert "\n" not in message


def test_yaml_syntax_errors_and_missing_files_are_policy_errors(tmp_path):
    path = _write(tmp_path, "version: 1\nrules:\n  - id: x\n    match: [unclosed\n")
    with pytest.raises(PolicyError, match="inte giltig YAML"):
        load_policy(path)
    with pytest.raises(PolicyError, match="kan inte läsas"):
        load_policy(tmp_path / "missing.yaml")
    with pytest.raises(PolicyError, match="YAML-mappning"):
        load_policy(_write(tmp_path, "- just\n- a list\n"))


def test_shipped_policy_has_no_unfilled_placeholders_in_any_language():
    policy = load_policy()
    for key, variants in policy.messages.items():
        for lang, text in variants.items():
            # only the placeholders whoever shows the text fills (a handoff's reference, the years)
            leftovers = set(re.findall(r"\{[^}]*\}", text)) - {f"{{{name}}}" for name in RUNTIME_PLACEHOLDERS}
            assert not leftovers, (key, lang, leftovers)


def test_another_office_changes_yaml_not_code(tmp_path):
    office_data = yaml.safe_load(DEFAULT_OFFICE_FILE.read_text(encoding="utf-8"))
    office_data["office"]["phone"] = "0480-45 00 00"
    office_data["office"]["phone_hours"] = "vardagar kl. 8–10"
    office_data["office"]["email"] = "overformyndaren@annanstad.example"
    office_data["city_contact_centre"]["name"] = "Annanstads kundtjänst"
    office_data["city_contact_centre"]["phone"] = "0480-45 00 01"
    office_data["crisis"]["emergency"] = "999"
    office_path = tmp_path / "office.yaml"
    office_path.write_text(yaml.safe_dump(office_data, allow_unicode=True), encoding="utf-8")
    policy = load_policy(office=load_office(office_path))

    human = assess("kan jag prata med en människa", policy=policy)
    assert "0480-45 00 00" in human.message
    assert "vardagar kl. 8–10" in human.message
    assert "overformyndaren@annanstad.example" in human.message
    assert "08-465 004 50" not in human.message
    outside = assess("Hur söker jag bygglov?", policy=policy)
    assert "Annanstads kundtjänst" in outside.message and "0480-45 00 01" in outside.message
    crisis = assess("jag vill ta livet av mig", policy=policy)
    assert "999" in crisis.message and "112" not in crisis.message
    # the packaged policy with the packaged office is untouched
    assert "08-465 004 50" in assess("kan jag prata med en människa").message


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TILLIT), *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(not TILLIT.exists(), reason="the tillit entry point is not installed")
def test_cli_policy_check_prints_the_decision_and_the_rule():
    plain = _cli("policy", "check", "Har ni fått min årsräkning?")
    assert plain.returncode == 0, plain.stderr
    assert "case.general" in plain.stdout and "redovisning" in plain.stdout
    as_json = _cli("policy", "check", "--json", "--handed-off", "Vad kostar en god man?")
    assert as_json.returncode == 0, as_json.stderr
    decision = json.loads(as_json.stdout)
    assert decision["reason"] == "after_handoff"
    assert decision["rule"] == "handoff.active"
    assert decision["policy_version"] == 1


@pytest.mark.skipif(not TILLIT.exists(), reason="the tillit entry point is not installed")
def test_cli_policy_validate_accepts_the_shipped_file_and_rejects_a_broken_one(tmp_path):
    good = _cli("policy", "validate")
    assert good.returncode == 0 and good.stdout.startswith("OK:")
    copy = tmp_path / "policy.yaml"
    shutil.copy(DEFAULT_POLICY_FILE, copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("action: refuse", "action: ignore"), "utf-8")
    bad = _cli("policy", "validate", str(copy))
    assert bad.returncode == 2
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "regel misuse.injection" in lines[0] and "okänd action 'ignore'" in lines[0]
