"""Show user text as text: escape it before it reaches anything that renders Markdown."""

from __future__ import annotations

from strategy.core.markup import escape


def safe(text: object) -> str:
    """Escape Markdown, HTML and LaTeX markers so user text (names, posts, files) prints as typed.

    Streamlit renders Markdown in st.markdown, captions, alerts and titles: without this, a
    handle like `![x](https://…)` would load a remote image and `$x$` would render as maths.
    """
    return escape(text)
