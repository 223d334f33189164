"""Save a strategy to JSON and read it back, with messages a person can act on."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from strategy.model import SCHEMA_VERSION, Strategy

MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Problem:
    """One reason a strategy file was refused.

    Attributes:
        path: Where in the file, as dotted field names ("why.goals.0"), or "" for the whole file.
        reason: What is wrong, in plain words.
    """

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class StrategyFileError(ValueError):
    """A strategy file that cannot be resumed; `problems` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def dumps(strategy: Strategy) -> bytes:
    """Serialise a strategy to pretty, stable UTF-8 JSON.

    Args:
        strategy: The strategy to save.

    Returns:
        The JSON document as bytes.
    """
    return strategy.model_dump_json(indent=2).encode("utf-8")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a valid number in a strategy file")


def loads(data: bytes | str, *, name: str = "the file") -> Strategy:
    """Read a strategy saved by this app.

    Args:
        data: The file's content.
        name: The file name, used in messages.

    Returns:
        The validated strategy.

    Raises:
        StrategyFileError: With one problem per reason the file cannot be used.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_FILE_BYTES:
        size_mb = len(raw) / 1_000_000
        raise StrategyFileError(
            [Problem("", f"{name} is {size_mb:.1f} MB; a saved strategy is at most 1 MB.")]
        )
    if not raw.strip():
        raise StrategyFileError([Problem("", f"{name} is empty.")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StrategyFileError(
            [Problem("", f"{name} is not UTF-8 text (byte {exc.start}); is it a strategy file?")]
        ) from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        body = text.rstrip()
        truncated = (
            exc.pos >= len(body) - 1 or exc.msg.startswith("Unterminated") or body[-1] not in "}]"
        )
        hint = " The file looks cut short: was the download interrupted?" if truncated else ""
        raise StrategyFileError(
            [Problem("", f"{name} is not valid JSON (line {exc.lineno}: {exc.msg}).{hint}")]
        ) from None
    except ValueError as exc:
        raise StrategyFileError([Problem("", f"{name}: {exc}.")]) from None
    except RecursionError:
        raise StrategyFileError(
            [Problem("", f"{name} is nested too deeply to be a strategy.")]
        ) from None
    if not isinstance(doc, dict):
        raise StrategyFileError([Problem("", f"{name} is JSON but not a saved strategy.")])
    version = doc.get("schema_version")
    if version is None:
        raise StrategyFileError(
            [Problem("schema_version", "missing: this is not a strategy saved by Social Why.")]
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise StrategyFileError(
            [
                Problem(
                    "schema_version",
                    f"the file is version {version}, made by a newer Social Why; "
                    f"this one reads version {SCHEMA_VERSION}. Update the app to open it.",
                )
            ]
        )
    try:
        return Strategy.model_validate(doc)
    except ValidationError as exc:
        raise StrategyFileError(validation_problems(exc)) from None
    except RecursionError:
        raise StrategyFileError(
            [Problem("", f"{name} is nested too deeply to be a strategy.")]
        ) from None


def validation_problems(exc: ValidationError, limit: int = 20) -> list[Problem]:
    """Turn a pydantic error into short, field-named problems.

    Args:
        exc: The validation error.
        limit: How many problems to list at most.

    Returns:
        One problem per error, with the field path and pydantic's reason.
    """
    problems = []
    for err in exc.errors(include_url=False)[:limit]:
        path = ".".join(str(p) for p in err["loc"])
        reason = err["msg"]
        if err["type"] == "extra_forbidden":
            reason = "unknown field (not part of a strategy)"
        problems.append(Problem(path, reason))
    extra = exc.error_count() - limit
    if extra > 0:
        problems.append(Problem("", f"and {extra} more problems"))
    return problems
