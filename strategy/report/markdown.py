"""Render a report document to Markdown, with user text escaped so it stays literal."""

from __future__ import annotations

from strategy.core.i18n import _, using
from strategy.core.markup import escape
from strategy.report.blocks import Bullets, Document, Heading, Image, Para, Table


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
            out += [
                "| " + " | ".join(escape(h) for h in headers) + " |",
                "|" + "---|" * len(headers),
            ]
            out += ["| " + " | ".join(row) + " |" for row in cells] + [""]
        elif isinstance(block, Image):
            with using(doc.language):
                label = _("Chart: {name}.").format(name=escape(block.name or block.alt))
            out += [f"*{label}* {escape(block.caption)}", ""]
    return "\n".join(out).rstrip() + "\n"
