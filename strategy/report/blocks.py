"""The building blocks of a report, independent of the output format."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A section (level 1) or subsection (level 2) title; level 1 starts a new page in the PDF."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text (never markup). `style`: normal, muted, quote or label."""

    text: str
    style: str = "normal"


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of plain-text items."""

    items: list[str]


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells; `widths` are relative column widths."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Image:
    """A chart, with a plain-language reading under it.

    Attributes:
        drawn: The chart drawn, as SVG or PNG bytes; None while only its spec is known (the PDF
            draws it then).
        caption: The reading printed under the chart.
        alt: Its alternative text: the chart's name and its takeaway from the data.
        spec: The Vega-Lite spec it is (or will be) drawn from.
        name: The chart's name alone (Markdown's label); `alt` when not given.
    """

    drawn: bytes | None
    caption: str
    alt: str
    spec: dict | None = None
    name: str = ""


Block = Heading | Para | Bullets | Table | Image


@dataclass
class Document:
    """A titled list of blocks plus cover details."""

    title: str
    subtitle: str
    date: str
    blocks: list[Block] = field(default_factory=list)
    language: str = "en"
    # A one-page handout (a room's answers) has no cover or contents: its title heads page 1.
    cover: bool = True

    def add(self, *blocks: Block) -> None:
        """Append blocks."""
        self.blocks.extend(blocks)
