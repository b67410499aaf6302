"""The office file: loaded once, validated with messages that name the bad field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guardrails import OfficeConfig, OfficeConfigError, load_office
from guardrails.office import DEFAULT_OFFICE_FILE


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "office.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _default() -> dict:
    return yaml.safe_load(DEFAULT_OFFICE_FILE.read_text(encoding="utf-8"))


def test_default_office_loads_and_is_cached() -> None:
    office = load_office()
    assert isinstance(office, OfficeConfig)
    assert office.office.phone and office.office.email
    assert "112" in office.public_values()
    assert load_office() is office
    assert load_office(DEFAULT_OFFICE_FILE) is office


def test_missing_field_is_named(tmp_path: Path) -> None:
    data = _default()
    del data["office"]["email"]
    with pytest.raises(OfficeConfigError, match=r"office\.email: saknas"):
        load_office(_write(tmp_path, data))


def test_misspelt_field_is_named(tmp_path: Path) -> None:
    data = _default()
    data["office"]["emial"] = data["office"].pop("email")
    with pytest.raises(OfficeConfigError) as err:
        load_office(_write(tmp_path, data))
    assert "office.emial: okänt fält" in str(err.value)
    assert "office.email: saknas" in str(err.value)


def test_unreadable_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(OfficeConfigError, match="kan inte läsas"):
        load_office(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("office: [unclosed", encoding="utf-8")
    with pytest.raises(OfficeConfigError, match="inte giltig YAML"):
        load_office(broken)
    listed = tmp_path / "list.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(OfficeConfigError, match="YAML-mappning"):
        load_office(listed)
