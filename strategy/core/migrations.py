"""Upgrades of saved strategy files: one function per schema version, applied before validation.

The saved JSON is the user's only copy of their work, so a file from any earlier version must
keep loading. When the model changes in a way an older file does not already satisfy, raise
`SCHEMA_VERSION` in `strategy.core.model` and add `MIGRATIONS[old] = function` that turns a
version-`old` document into version `old + 1` (plain dicts, before any validation).
"""

from __future__ import annotations

from collections.abc import Callable

from strategy.core.model import SCHEMA_VERSION

Document = dict
Upgrade = Callable[[Document], Document]


def _v1_to_v2(doc: Document) -> Document:
    """Version 2 added `analytics.own_rules` (rules of the user's own, empty by default).

    A version-1 file needs no change; the version number tells an older app that a newer
    file is newer ("update the app") instead of calling `own_rules` an unknown field.
    """
    return doc


def _v2_to_v3(doc: Document) -> Document:
    """Version 3 added `targets` (targets per goal with their baselines, empty by default).

    A version-2 file needs no change; as with version 2, the number is raised so an older app
    says "update the app" instead of calling `targets` an unknown field.
    """
    return doc


MIGRATIONS: dict[int, Upgrade] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(doc: Document) -> Document:
    """Bring a saved document from its version up to `SCHEMA_VERSION`, step by step.

    Args:
        doc: The parsed JSON, with an integer `schema_version` of at least 1 and at most the
            current one (anything else is left for validation to refuse with its field named).

    Returns:
        The document at the current version (a new dict; the given one is not changed).
    """
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version:
        return doc
    out = dict(doc)
    while version < SCHEMA_VERSION:
        out = MIGRATIONS[version](out)
        version += 1
        out["schema_version"] = version
    return out
