"""Escape user text for Markdown, so it prints exactly as typed (light: no heavy imports)."""

from __future__ import annotations

import re

# Inline markers, and the characters that start Streamlit's own extensions: `$` maths,
# `:` emoji shortcodes and colour directives (and URL schemes); `=` setext headings.
_SPECIAL = re.compile(r"([\\`*_\[\]#|~$:=])")
_EMAIL = re.compile(r"(?<=[\w.+-])@")  # GFM links a bare a@b.org; a handle (@name) stays as is
_LINE_START = re.compile(r"^([-+>]|\d+[.)])", re.MULTILINE)
_WWW = re.compile(r"(?i)\b(www)\.")  # GFM links a bare www.example.org
_SLASHES = re.compile(r"/(?=/)")  # and some renderers a scheme-less //example.org
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def _escape_marker(m: re.Match) -> str:
    marker = m.group(1)
    if marker[0].isdigit():  # "1." starts an ordered list; "1\." does not
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def _keep_indent(m: re.Match) -> str:
    # Four spaces would start a code block and any indent can continue a list: the indent is
    # kept visible as non-breaking spaces, which Markdown never reads as structure.
    return "&#160;" * len(m.group(0).expandtabs(4))


def escape(text: object) -> str:
    """Escape Markdown and HTML so user text prints exactly as typed.

    Inline markers are backslash-escaped; list and quote markers only where they would start a
    line; indents become non-breaking spaces; bare links lose what makes them links; `<` and
    `&` become entities so no tag or image is ever rendered. Every line break (CR, LF or both)
    is kept as a hard break, and no line can become a heading, rule, list or code block.
    """
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    value = _WWW.sub(r"\1\\.", value)
    value = _EMAIL.sub(r"\\@", value)
    value = _SLASHES.sub(r"/\\", value)
    value = _INDENT.sub(_keep_indent, value)
    value = _LINE_START.sub(_escape_marker, value)
    return value.replace("\n", "  \n")
