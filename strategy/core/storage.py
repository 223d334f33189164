"""Save a strategy to JSON and read it back, with messages a person can act on."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from strategy.core.i18n import N_, _, language, number
from strategy.core.migrations import upgrade
from strategy.core.model import SCHEMA_VERSION, Strategy

MAX_FILE_BYTES = 1_000_000
TOO_DEEP = N_("{name} is nested too deeply to be a strategy.")
UNKNOWN_FIELD = N_("unknown field (not part of a strategy)")
# Pydantic's reasons are English; these say the same in the catalogue's words, by error type.
REASONS = {
    "string_too_long": N_("should have at most {max_length} characters"),
    "string_too_short": N_("should have at least {min_length} characters"),
    "too_long": N_("should have at most {max_length} items"),
    "missing": N_("is required"),
    "literal_error": N_("should be one of {expected}"),
    "date_parsing": N_("is not a valid date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("is not a valid date (YYYY-MM-DD)"),
    "date_type": N_("is not a valid date (YYYY-MM-DD)"),
    "int_parsing": N_("should be a whole number"),
    "int_type": N_("should be a whole number"),
    "greater_than_equal": N_("should be at least {ge}"),
    "less_than_equal": N_("should be at most {le}"),
    "list_type": N_("should be a list"),
    "string_type": N_("should be text"),
    "bool_parsing": N_("should be true or false"),
    "bool_type": N_("should be true or false"),
    "too_short": N_("should have at least {min_length} items"),
    "model_type": N_("should be a group of fields ({{...}})"),
    "model_attributes_type": N_("should be a group of fields ({{...}})"),
    "int_from_float": N_("should be a whole number"),
}


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
    raise ValueError(_("{name} is not a valid number in a strategy file").format(name=name))


def _bounded_int(digits: str) -> int | float:
    # Python refuses to convert over 4,300 digits, and the message would name no field: a
    # number this long becomes infinity, which the model refuses at its own field.
    return int(digits) if len(digits) <= 30 else float("inf")


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
            [
                Problem(
                    "",
                    _("{name} is {size} MB; a saved strategy is at most 1 MB.").format(
                        name=name, size=number(size_mb, 1)
                    ),
                )
            ]
        )
    if not raw.strip():
        raise StrategyFileError([Problem("", _("{name} is empty.").format(name=name))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StrategyFileError(
            [
                Problem(
                    "",
                    _("{name} is not UTF-8 text (byte {byte}); is it a strategy file?").format(
                        name=name, byte=exc.start
                    ),
                )
            ]
        ) from None
    try:
        doc = json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        body = text.rstrip()
        truncated = (
            exc.pos >= len(body) - 1 or exc.msg.startswith("Unterminated") or body[-1] not in "}]"
        )
        hint = (
            " " + _("The file looks cut short: was the download interrupted?") if truncated else ""
        )
        reason = _("{name} is not valid JSON (line {line}: {error}).").format(
            name=name, line=exc.lineno, error=exc.msg
        )
        raise StrategyFileError([Problem("", reason + hint)]) from None
    except ValueError as exc:
        raise StrategyFileError([Problem("", f"{name}: {exc}.")]) from None
    except RecursionError:
        raise StrategyFileError([Problem("", _(TOO_DEEP).format(name=name))]) from None
    if not isinstance(doc, dict):
        raise StrategyFileError(
            [Problem("", _("{name} is JSON but not a saved strategy.").format(name=name))]
        )
    version = doc.get("schema_version")
    if version is None:
        raise StrategyFileError(
            [Problem("schema_version", _("missing: this is not a strategy saved by Social Why."))]
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise StrategyFileError(
            [
                Problem(
                    "schema_version",
                    _(
                        "the file is version {version}, made by a newer Social Why; this one reads "
                        "version {ours}. Update the app to open it."
                    ).format(version=version, ours=SCHEMA_VERSION),
                )
            ]
        )
    try:
        return Strategy.model_validate(upgrade(doc))  # an older file is brought up to date
    except ValidationError as exc:
        raise StrategyFileError(validation_problems(exc)) from None
    except RecursionError:
        raise StrategyFileError([Problem("", _(TOO_DEEP).format(name=name))]) from None


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
        template = REASONS.get(err["type"])
        if err["type"] == "value_error":
            # A validator's own message, already in the language in force.
            reason = str(err.get("ctx", {}).get("error", reason)).removeprefix("Value error, ")
        elif err["type"] == "extra_forbidden":
            reason = _(UNKNOWN_FIELD)
        elif template and language() != "en":  # English keeps pydantic's exact words
            try:
                reason = _(template).format(**err.get("ctx", {}))
            except (KeyError, IndexError):
                pass
        problems.append(Problem(path, reason))
    extra = exc.error_count() - limit
    if extra > 0:
        problems.append(Problem("", _("and {n} more problems").format(n=extra)))
    return problems
