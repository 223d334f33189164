"""Demo personas: complete example strategies (data files) with matching demo analytics."""

from __future__ import annotations

import datetime as dt
import functools
import os
import tomllib
from pathlib import Path
from typing import Any, TypeVar

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


Model = TypeVar("Model", bound=BaseModel)


def _shifted(value: Any, by: dt.timedelta) -> Any:
    if isinstance(value, BaseModel):
        return shift_dates(value, by)
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    # A datetime is a date too, but the model holds none: only calendar days move.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value + by
    return value


def shift_dates(model: Model, by: dt.timedelta) -> Model:
    """Return a copy of a model with every calendar date in it moved by the same amount."""
    update = {name: _shifted(getattr(model, name), by) for name in type(model).model_fields}
    return model.model_copy(update=update)


def load_persona(persona_id: str, language: str = "en", today: dt.date | None = None) -> Strategy:
    """Read a persona's strategy (a fresh copy each time, so sessions never share one).

    The files were written on their `created` day; every date in them moves with it to today,
    so a demo on the day of a workshop has this week's tasks, not overdue ones, and the same
    due dates in Audit, Plan, the CSV and the `.ics`.

    Args:
        persona_id: The persona's id in personas.toml.
        language: The content language.
        today: The day the demo is opened (default: today).

    Raises:
        ContentError: When the persona is unknown or its file is not a valid strategy.
    """
    persona = find_persona(persona_id, language)
    if persona is None:
        raise ContentError(f"No demo persona called {persona_id!r}.")
    path = _folder(language) / persona.file
    try:
        strategy = loads(path.read_bytes(), name=str(path))
    except (OSError, StrategyFileError) as exc:
        raise ContentError(f"Demo persona file {path}: {exc}") from None
    if strategy.created is None:
        return strategy
    return shift_dates(strategy, (today or dt.date.today()) - strategy.created)
