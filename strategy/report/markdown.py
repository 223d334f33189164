"""Render a report document to Markdown, with user text escaped so it stays literal."""

from __future__ import annotations

import re

from strategy.report.blocks import Bullets, Document, Heading, Image, Para, Table

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


def to_markdown(doc: Document) -> str:
    """Render the document as Markdown (charts are described by their reading, not embedded)."""
    out = [f"# {escape(doc.title)}", "", f"*{escape(doc.subtitle)}* · {escape(doc.date)}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {escape(block.text)}", ""]
        elif isinstance(block, Para):
            text = escape(block.text)
            text = {"quote": f"> **{text}**", "muted": f"*{text}*", "label": f"**{text}**"}.get(
                block.style, text
            )
            out += [text, ""]
        elif isinstance(block, Bullets):
            out += [f"- {escape(item)}" for item in block.items] + [""]
        elif isinstance(block, Table):
            headers = block.headers if any(h.strip() for h in block.headers) else ["", ""]
            cells = [[escape(c).replace("  \n", "<br>") for c in row] for row in block.rows]
            out += ["| " + " | ".join(escape(h) for h in headers) + " |",
                    "|" + "---|" * len(headers)]  # fmt: skip
            out += ["| " + " | ".join(row) + " |" for row in cells] + [""]
        elif isinstance(block, Image):
            out += [f"*Chart: {escape(block.alt)}.* {escape(block.caption)}", ""]
    return "\n".join(out).rstrip() + "\n"
