"""The office's own facts (guardrails/config/office.yaml): contact details, sign-off, public numbers.

The same file feeds answers, handoff messages and the PII allow list, so another municipality
edits YAML, not code. `load_office()` validates it once per path and caches the result.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

DEFAULT_OFFICE_FILE = (Path(__file__).parent / "config" / "office.yaml").resolve()


class OfficeConfigError(ValueError):
    """The office file is missing, unreadable or does not match the expected shape."""


class _Strict(BaseModel):
    # Unknown keys are errors: a typo such as "emial" would otherwise silently drop an
    # address from the allow list and the office's own e-mail would be redacted in answers.
    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeDetails(_Strict):
    name: str
    short_name: str
    municipality: str
    website: str
    phone: str
    phone_hours: str
    email: str
    visiting_address: str
    postal_address: str
    organisationsnummer: str
    contact_page: str
    sign_off: str


class CityContactCentre(_Strict):
    name: str
    phone: str
    url: str


class CrisisNumbers(_Strict):
    emergency: str
    police_non_urgent: str
    healthcare: str
    suicide_line: str
    suicide_chat: str


class OfficeConfig(_Strict):
    version: int = 1
    office: OfficeDetails
    city_contact_centre: CityContactCentre
    public_numbers: tuple[str, ...] = ()
    crisis: CrisisNumbers
    # Hosts an answer may link to (the chat page makes links of these only). Empty: the hosts of
    # the office's own addresses above (website, contact page, city contact centre, crisis chat).
    allowed_link_hosts: tuple[str, ...] = ()

    def link_hosts(self) -> tuple[str, ...]:
        """The web hosts an answer may link to, lower case, without port or trailing dot."""
        o = self.office
        own = (o.website, o.contact_page, self.city_contact_centre.url, self.crisis.suicide_chat)
        sources = self.allowed_link_hosts or tuple(host_of(url) for url in own)
        hosts = (h.strip().lower().rstrip(".") for h in sources if h and h.strip())
        return tuple(dict.fromkeys(h for h in hosts if h))

    def public_values(self) -> tuple[str, ...]:
        """Every contact detail that is public and must never be redacted (the allow list)."""
        o, c, k = self.office, self.city_contact_centre, self.crisis
        values = [
            o.phone,
            o.email,
            o.visiting_address,
            o.postal_address,
            o.organisationsnummer,
            c.phone,
            k.emergency,
            k.police_non_urgent,
            k.healthcare,
            k.suicide_line,
            *self.public_numbers,
        ]
        return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def host_of(url: str) -> str:
    """The host of an http(s) URL, lower case ("" when `url` is not one)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https"):
        return ""
    return (parts.hostname or "").rstrip(".")


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "(roten)"
        kind = error["type"]
        if kind == "missing":
            parts.append(f"{where}: saknas")
        elif kind == "extra_forbidden":
            parts.append(f"{where}: okänt fält")
        else:
            parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def parse_office(data: object, source: str = "office.yaml") -> OfficeConfig:
    """Validate already-parsed YAML; raise OfficeConfigError naming every bad field."""
    if not isinstance(data, dict):
        raise OfficeConfigError(f"{source}: förväntade en YAML-mappning överst i filen")
    try:
        return OfficeConfig.model_validate(data)
    except ValidationError as exc:
        raise OfficeConfigError(f"{source}: ogiltig kontorskonfiguration – {_describe(exc)}") from None


@lru_cache(maxsize=8)
def _load(path: Path) -> OfficeConfig:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OfficeConfigError(f"{path}: kan inte läsas ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise OfficeConfigError(f"{path}: inte giltig YAML ({exc})") from None
    return parse_office(data, str(path))


def load_office(path: Path | str | None = None) -> OfficeConfig:
    """The office config from `path` (default: guardrails/config/office.yaml), cached per path."""
    if path is None:
        return _load(DEFAULT_OFFICE_FILE)
    return _load(Path(path).resolve())


load_office.cache_clear = _load.cache_clear  # type: ignore[attr-defined]
