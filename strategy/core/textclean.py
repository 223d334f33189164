"""Text from uploads and typing, cleaned at the boundary of characters nothing downstream can hold.

Control characters (ESC, VT, NUL...), lone surrogates and Unicode non-characters (U+FFFE,
U+FFFF, ...) are forbidden in XML, which the chart renderer writes: one of them in a page name
aborted the whole server. They carry no meaning in an export or a strategy, so they are removed
where text enters, and every later step can trust its strings. Tabs and line breaks stay where
the text may have lines.
"""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; surrogates; the
# non-characters (U+FDD0-U+FDEF and the last two code points of every plane).
_NON_CHARACTERS = "".join(
    f"\\U{(plane << 16) | 0xFFFE:08x}\\U{(plane << 16) | 0xFFFF:08x}" for plane in range(17)
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef" + _NON_CHARACTERS + "]"
)
# The same set for Arrow's RE2, which reads UTF-8 and so never sees a surrogate.
ARROW_FORBIDDEN = (
    "[\\x{00}-\\x{08}\\x{0b}\\x{0c}\\x{0e}-\\x{1f}\\x{7f}-\\x{9f}\\x{fdd0}-\\x{fdef}"
    + "".join(f"\\x{{{(p << 16) | 0xFFFE:x}}}\\x{{{(p << 16) | 0xFFFF:x}}}" for p in range(17))
    + "]"
)


# Combining marks stacked on one letter: no writing system stacks more than a few, and a
# "Zalgo" flood of them made a PDF take minutes to lay out.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
MAX_MARKS = 4
_STACKED = re.compile(f"([{_MARKS}]{{{MAX_MARKS}}})[{_MARKS}]+")


def clean(text: str, *, lines: bool = True) -> str:
    """Remove the characters no output can hold; with `lines=False`, line breaks and tabs too.

    Stacks of combining marks are cut to `MAX_MARKS` on each letter.
    """
    text = FORBIDDEN.sub("", text)
    text = _STACKED.sub(r"\1", text)
    if not lines:
        text = " ".join(text.split()) if any(c in text for c in "\t\r\n") else text
    return text
