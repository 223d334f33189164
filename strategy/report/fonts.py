"""Fonts for the PDF: embedded DejaVu Sans, an emoji fallback where installed, and a placeholder."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
EMOJI_CANDIDATES = (
    Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoEmoji-Regular.ttf"),
)
PLACEHOLDER = "\u25a1"  # a white square: visible, and in DejaVu Sans
INVISIBLE_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


@functools.cache
def emoji_font() -> Path | None:
    """Return an installed emoji font fpdf2 can embed, if any."""
    return next((p for p in EMOJI_CANDIDATES if p.exists()), None)


@functools.cache
def _coverage(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or {})


@functools.cache
def covered() -> frozenset[int]:
    """Every code point the embedded fonts can draw."""
    points = set(_coverage(REGULAR)) & set(_coverage(BOLD)) | set(_coverage(REGULAR))
    emoji = emoji_font()
    if emoji:
        points |= _coverage(emoji)
    return frozenset(points)


def printable(text: object) -> str:
    """Make any text safe to draw: no control characters, and a visible box for what no font has.

    Args:
        text: User or library text (anything with a str()).

    Returns:
        The text, with unknown characters replaced by a placeholder square.
    """
    cover = covered()
    out = []
    for ch in str(text):
        if ch in "\n":
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") or ch in INVISIBLE_JOINERS:
            # Joiners and emoji selectors only matter to text shaping, which this PDF does
            # not do (each emoji of a sequence is drawn on its own either way); kept, they
            # switched fonts at every other character and made an emoji flood take minutes.
            continue
        elif ord(ch) in cover:
            out.append(ch)
        else:
            out.append(PLACEHOLDER)
    return "".join(out)
