"""Keep the translation catalogues in step with the code: `python tools/messages.py [--check]`.

Extracts every message marked with `_()`, `N_()` or `ngettext()` from the app, adds new ones
to each language's `messages.po` (empty, to be translated) and drops the ones no longer used.
With `--check` it changes nothing and exits 1 when a catalogue is out of step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pages", "ui", "strategy")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CONTENT = ROOT / "strategy" / "content"


def extract() -> Catalog:
    """Return every message the code marks for translation, with where it is used."""
    template = Catalog(project="Social Why", charset="utf-8")
    for folder in SOURCES:
        found = extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
        )
        for filename, lineno, message, comments, context in found:
            template.add(
                message,
                locations=[(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def languages() -> list[str]:
    """Return the languages that have a catalogue."""
    return sorted(p.parent.name for p in CONTENT.glob("*/messages.po"))


def read(lang: str) -> Catalog:
    """Read one language's catalogue."""
    with (CONTENT / lang / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def main(argv: list[str]) -> int:
    """Update (or with --check, verify) every catalogue; return the exit code."""
    check = "--check" in argv
    template = extract()
    status = 0
    for lang in languages():
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        # A plural entry's string is a tuple: ("", "") is truthy, so look at every form.
        missing = [
            m.id
            for m in catalog
            if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
        ]
        stale = list(catalog.obsolete)
        if check:
            if missing or stale:
                print(f"{lang}: {len(missing)} untranslated, {len(stale)} no longer used")
                status = 1
            continue
        catalog.obsolete.clear()
        with (CONTENT / lang / "messages.po").open("wb") as fh:
            write_po(fh, catalog, width=100, include_lineno=False)
        print(f"{lang}: {len(missing)} to translate, {len(stale)} dropped")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
