"""CSV that a spreadsheet opens as text: no cell can start a formula (CSV injection)."""

from __future__ import annotations

import unicodedata

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@")
# What a reader does not see before the "=": controls, format characters, separators,
# combining marks, and Unicode's other default-ignorable code points (Hangul fillers, variation
# selectors, the Mongolian and Khmer invisible signs, tags), and the blank braille cell.
SKIPPED_CATEGORIES = ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)


def safe_cell(value: object) -> str:
    """Make a value safe for a spreadsheet: text that starts like a formula gets a leading quote.

    Args:
        value: Any cell value.

    Returns:
        The cell text.
    """
    text = "" if value is None else str(value)
    return "'" + text if _formula_like(text) else text


def _formula_like(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula.

    Spreadsheets trim what precedes a formula and fold look-alike characters, so the test is
    made after the same: leading spaces, tabs, line breaks, NUL, zero-width and other
    invisible characters are skipped, and full-width or other compatibility forms (`＝`, `＋`)
    are folded to ASCII first.
    """
    if text.startswith(("\t", "\r")):  # OWASP's list: some spreadsheets act on these too
        return True
    for ch in text:
        if (
            ch.isspace()
            or unicodedata.category(ch) in SKIPPED_CATEGORIES
            or any(low <= ord(ch) <= high for low, high in IGNORABLE)
        ):
            continue
        return unicodedata.normalize("NFKC", ch).startswith(FORMULA_PREFIXES)
    return False


def frame_csv(frame: pd.DataFrame) -> bytes:
    """Write a table as UTF-8 CSV (with a BOM), every text cell made safe with `safe_cell`.

    Post texts and account names come from uploads, so they are as hostile as typed text.
    """
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [
                v if v is None or (isinstance(v, float) and v != v) else safe_cell(v)
                for v in out[column]
            ]
    out.columns = [safe_cell(c) for c in out.columns]
    return ("\ufeff" + out.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")
