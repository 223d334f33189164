"""The one Markdown escaper: any user text renders as exactly that text, with no structure.

The oracle is markdown-it-py with GFM's tables, strikethrough and bare-link autolinking (what
Streamlit's remark-gfm does): the escaped text must render as one paragraph holding only text
and line breaks, and that text must be the input, character for character, line by line.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from strategy.core.markup import escape

MD = MarkdownIt("gfm-like")
# GFM links a bare www. name, a scheme and an e-mail address; not "example.com" alone.
MD.linkify.set({"fuzzy_link": False})
ALLOWED_TAGS = re.compile(r"</?p>|<br\s*/?>")

CONSTRUCTS = [
    "Title\n===",
    "Title\n---",
    "    four spaces are code",
    "\tA tab is code",
    "a\rb\r\n=== c",
    "www.evil.com/x",
    "WWW.evil.com",
    "https://evil.com",
    "mail me: a@evil.com",
    "//evil.com/x",
    "<https://x.y>",
    "***",
    "- - -",
    "* item",
    "+ item",
    "1) first",
    "12. twelfth",
    "> quote",
    "# h",
    "###### h",
    "```\ncode\n```",
    "~~~\ncode",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[x]: https://evil.example",
    "[^1]",
    "- [ ] task",
    "<div>block</div>",
    "&amp; &#60; &copy;",
    "a  \nb",
    "a\\\nb",
    "![i](https://evil.example/p.png)",
    "[l](https://evil.example)",
    "*em* _em_ **b** ~~s~~",
    "`code`",
    "x<sup>2</sup>",
    "  - indented item",
    "1.5 million",
    "$x$",
    ":red[x]",
]


def rendered_text(text: str) -> str:
    """Escape and render; fail on any element but paragraphs and breaks; return the text."""
    markdown = escape(text)
    out = MD.render(markdown)
    tags = set(re.findall(r"<[^>]+>", out))
    assert all(ALLOWED_TAGS.fullmatch(t) for t in tags), (markdown, out)
    blank_line = re.search(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert out.count("<p>") <= 1 or blank_line, (markdown, out)  # paragraphs only where typed
    text = re.sub(r"<br\s*/?>\n?", "\n", out)
    return html.unescape(re.sub(r"</?p>", "", text))


def lines(text: str) -> list[str]:
    """The text's lines as a reader sees them (line ends unified, ends of lines trimmed)."""
    return [
        line.strip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if line.strip()
    ]


@pytest.mark.parametrize("text", CONSTRUCTS)
def test_each_construct_renders_as_its_own_text(text):
    shown = rendered_text(text)
    assert lines(shown.replace("\xa0", " ")) == lines(text)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab1 \t\n\r-=*_#>+.)[]()!`~|<&;:@$\\w/")), max_size=40)
)
def test_any_text_of_markdown_characters_renders_as_itself(text):
    shown = rendered_text(text)
    assert lines(shown.replace("\xa0", " ")) == lines(text)
