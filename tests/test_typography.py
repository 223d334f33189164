"""Quotation marks follow the language, in one place: English “…”, Swedish ”…”."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from strategy.analytics.own_rules import KINDS  # noqa: F401  (the module formats quoted words)
from strategy.core.i18n import CATALOGUE_ROOT, _, quote, typography, using

QUOTED = re.compile(r"['‘’“”]\{\w+\}['‘’“”]")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Sheet '{sheet}' is empty", "Sheet “{sheet}” is empty"),
        ("en", "Sheet “{sheet}” is empty", "Sheet “{sheet}” is empty"),
        ("sv", "Bladet '{sheet}' är tomt", "Bladet ”{sheet}” är tomt"),
        ("sv", "Bladet “{sheet}” är tomt", "Bladet ”{sheet}” är tomt"),
        ("en", "Don't share it; it's not '{x} yet", "Don't share it; it's not '{x} yet"),
        ("sv", "no placeholder 'here'", "no placeholder 'here'"),
    ],
)
def test_quoted_placeholders_take_the_languages_marks(lang, text, expected):
    with using(lang):
        assert typography(text) == expected


def test_quote_uses_the_language_in_force():
    with using("en"):
        assert quote("webinar") == "“webinar”"
    with using("sv"):
        assert quote("webinar") == "”webinar”"


def test_every_translated_message_with_a_quoted_placeholder_comes_out_in_swedish_marks():
    catalog = read_po((CATALOGUE_ROOT / "sv" / "messages.po").open("rb"))
    checked = 0
    with using("sv"):
        for m in catalog:
            if isinstance(m.id, str) and m.id and QUOTED.search(m.string or ""):
                out = _(m.id)
                assert "'{" not in out and "“{" not in out, out
                checked += 1
    assert checked >= 5
