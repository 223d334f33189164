"""Translate the interface and the report: a gettext catalogue per language, chosen per session.

English is written in the code, wrapped in `_()`; `content/<language>/messages.po` holds the
translations. The language in force comes, in order, from `using()` (the report follows the
strategy's own language), from a resolver the app registers (the session's choice), or English.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LANGUAGES = {"en": "English", "sv": "Svenska"}
DEFAULT = "en"
CATALOGUE_ROOT = Path(__file__).parent.parent / "content"

_forced: ContextVar[str | None] = ContextVar("social_why_language", default=None)
# The app's way to find the session's language; a function, never a user's data.
_resolver: Callable[[], str | None] | None = None


def set_resolver(resolver: Callable[[], str | None] | None) -> None:
    """Register how to find the current session's language (the app does this once)."""
    global _resolver
    _resolver = resolver


def language() -> str:
    """Return the language in force: `using()`, else the registered resolver, else English."""
    lang = _forced.get()
    if lang is None and _resolver is not None:
        lang = _resolver()
    return lang if lang in LANGUAGES else DEFAULT


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Translate everything inside the block into `lang` (a report, in its strategy's language)."""
    token = _forced.set(lang)
    try:
        yield
    finally:
        _forced.reset(token)


def catalogue_path(lang: str) -> Path:
    """Return where a language's catalogue lives."""
    return CATALOGUE_ROOT / lang / "messages.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """Return a language's translations, read once per process (content, not user data).

    The .po file is compiled in memory, so there is no build step and no compiled file to forget.
    """
    path = catalogue_path(lang)
    if lang == DEFAULT or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


# Each language's quotation marks: English “…”, Swedish ”…” (the same mark on both sides).
QUOTES = {"en": ("\u201c", "\u201d"), "sv": ("\u201d", "\u201d")}
# A quoted placeholder in a message, whichever marks its writer typed: '{sheet}', “{sheet}”.
_QUOTED_FIELD = re.compile(r"['\u2018\u2019\u201c\u201d]\{(\w+)\}['\u2018\u2019\u201c\u201d]")


def quote(text: str) -> str:
    """Put text in the quotation marks of the language in force: “name” or ”namn”."""
    opening, closing = QUOTES.get(language(), QUOTES[DEFAULT])
    return f"{opening}{text}{closing}"


def quoted_list(items: list[str]) -> str:
    """Quote each item and join them as the language lists: “a”, “b” and “c” / ”a”, ”b” och ”c”.

    The marks keep items that contain "and" themselves apart ("job openings and job hunting").
    """
    return format_list([quote(item) for item in items], locale=_locale())


def typography(text: str) -> str:
    """Apply the language's typography to a translated message (its quotation marks).

    The one place these rules live: messages and their translations may quote a placeholder
    with straight or curly marks, and every one comes out in the marks of the language.
    """
    if "{" not in text:
        return text
    return _QUOTED_FIELD.sub(lambda m: quote("{" + m.group(1) + "}"), text)


def _(message: str) -> str:
    """Translate a message into the language in force."""
    return typography(translations(language()).gettext(message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a singular and a plural form, chosen by `n`."""
    return typography(translations(language()).ngettext(singular, plural, n))


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for "mark, translate later")
    """Mark a message for the catalogue without translating it yet (module constants)."""
    return message


DATE_FORMATS = {"long": "d MMMM y", "medium": "d MMM y", "short": "d MMM", "month": "MMMM y"}


def date(day: dt.date, style: str = "long") -> str:
    """Format a date in the language in force, e.g. "5 March 2027" or "5 mars 2027".

    Args:
        day: The date.
        style: long (5 March 2027), medium (5 Mar 2027), short (5 Mar) or month (March 2027).
    """
    text = _babel_date(day, DATE_FORMATS[style], locale=_locale())
    if style == "short":
        return text.rstrip(".")  # "8 nov." reads badly before a colon
    # Swedish month names are lower case; a month heading starts with a capital.
    return text[:1].upper() + text[1:] if style == "month" else text


def number(value: float, digits: int = 0) -> str:
    """Format a number with the language's separators, e.g. 12,345 or 12 345."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_locale())


def percent(value: float, digits: int = 1, *, signed: bool = False) -> str:
    """Format a share as a percentage, e.g. 4.2% or 4,2 %; `signed` adds a plus sign."""
    # The language's own pattern keeps its spacing (Swedish writes "4,2 %").
    base = _locale().percent_formats[None].pattern.split(";")[0]
    pattern = base.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1)
    if signed:
        pattern = "+" + pattern + ";-" + pattern
    return format_percent(value, format=pattern, locale=_locale())


def weekday_name(index: int) -> str:
    """A weekday's full name (0 = Monday) as it reads mid-sentence: "Monday", "måndag"."""
    return str(_locale().days["format"]["wide"][index])


def weekday_names() -> list[str]:
    """Monday to Sunday, abbreviated, in the language in force."""
    names = _locale().days["format"]["abbreviated"]
    return [str(names[i]).rstrip(".").capitalize() for i in range(7)]


def _locale() -> Locale:
    return _babel_locale(language())


@functools.cache
def _babel_locale(lang: str) -> Locale:
    return Locale.parse({"en": "en_GB", "sv": "sv_SE"}.get(lang, lang))
