"""Escape user text for Markdown, so it prints exactly as typed (light: no heavy imports)."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]#|~$:])")
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])", re.MULTILINE)


def _escape_marker(m: re.Match) -> str:
    marker = m.group(2)
    if marker[0].isdigit():  # "1." starts an ordered list; "1\." does not
        return m.group(1) + marker[:-1] + "\\" + marker[-1]
    return m.group(1) + "\\" + marker


def escape(text: object) -> str:
    """Escape Markdown and HTML so user text prints exactly as typed.

    Inline markers are backslash-escaped; list and quote markers only where they would start a
    line; `<` and `&` become entities so no tag or image is ever rendered.
    """
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    value = _LINE_START.sub(_escape_marker, value)
    return value.replace("\n", "  \n")
