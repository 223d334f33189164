"""Demo personas: complete example strategies (data files) with matching demo analytics."""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from strategy.core.library import CONTENT_ENV, DEFAULT_ROOT, ContentError
from strategy.core.model import Strategy
from strategy.core.storage import StrategyFileError, loads


class Persona(BaseModel):
    """A demo persona: title, description, its strategy file and demo analytics accounts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_\-]+$")
    title: str
    description: str
    file: str
    accounts: list[str] = Field(default_factory=list)


class PersonasFile(BaseModel):
    """personas.toml."""

    model_config = ConfigDict(extra="forbid")
    persona: list[Persona] = Field(default_factory=list)


def _folder(language: str) -> Path:
    custom = os.environ.get(CONTENT_ENV)
    for root in ([Path(custom)] if custom else []) + [DEFAULT_ROOT]:
        folder = root / language if (root / language).is_dir() else root
        if (folder / "personas.toml").exists():
            return folder
    return DEFAULT_ROOT / "en"


@functools.cache
def personas(language: str = "en") -> tuple[Persona, ...]:
    """Return the demo personas for a language (content, not user data: read once)."""
    path = _folder(language) / "personas.toml"
    try:
        with path.open("rb") as fh:
            return tuple(PersonasFile.model_validate(tomllib.load(fh)).persona)
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise ContentError(f"Content file {path}: {exc}") from None


def find_persona(persona_id: str | None, language: str = "en") -> Persona | None:
    """Return the persona with this id, or None."""
    return next((p for p in personas(language) if p.id == persona_id), None)


def load_persona(persona_id: str, language: str = "en") -> Strategy:
    """Read a persona's strategy (a fresh copy each time, so sessions never share one).

    Raises:
        ContentError: When the persona is unknown or its file is not a valid strategy.
    """
    persona = find_persona(persona_id, language)
    if persona is None:
        raise ContentError(f"No demo persona called {persona_id!r}.")
    path = _folder(language) / persona.file
    try:
        return loads(path.read_bytes(), name=str(path))
    except (OSError, StrategyFileError) as exc:
        raise ContentError(f"Demo persona file {path}: {exc}") from None
