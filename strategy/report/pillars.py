"""Content pillars in the strategy report: the planned mix, and the mix measured on the posts.

Nothing is added for a strategy without pillars, so older strategies print as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from strategy.analytics.analyze import Analysis
from strategy.analytics.folk_rules import power_words
from strategy.core.i18n import _, percent
from strategy.core.library import Library
from strategy.core.model import ContentPillar, Strategy
from strategy.report.blocks import Document, Heading, Para, Table
from strategy.steps.audiences import AudienceInFull, audiences_in_full


def mix_line(pillars: Sequence[ContentPillar]) -> str:
    """The planned mix in one line for a channel's guideline: "Mix: 40% Careers · 30% …"."""
    if not pillars:
        return ""
    parts = " · ".join(f"{percent(p.share / 100, 0)} {p.name}" for p in pillars)
    return _("Mix of posts: {parts}").format(parts=parts)


def audience_line(a: AudienceInFull) -> str:
    """An audience in one line for a guideline card: whom, what they need, what you want."""
    return _("{audience}. What they need: {needs} What you want them to do: {action}").format(
        audience=a.title, needs=_sentence(a.needs), action=_sentence(a.action)
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def add_audiences(doc: Document, s: Strategy, lib: Library) -> None:
    """The picked audiences said in full (nothing when none is picked)."""
    picked = audiences_in_full(s, lib)
    if not picked:
        return
    doc.add(Heading(_("Audiences"), 2))
    rows = [[a.title, a.needs, a.action] for a in picked]
    headers = [_("Audience"), _("What they need from you"), _("What you want them to do")]
    doc.add(Table(headers, rows, [2, 4, 4]))


def add_planned(doc: Document, s: Strategy) -> None:
    """The pillars as planned: name, share of the posts, the words that find them, examples."""
    pillars = s.channels.pillars
    if not pillars:
        return
    doc.add(Heading(_("Content pillars"), 2))
    rows = [[p.name, percent(p.share / 100, 0), p.words, p.examples] for p in pillars]
    headers = [_("Pillar"), _("Planned share"), _("Words that tag a post"), _("Examples")]
    doc.add(Table(headers, rows, [2, 1.2, 2.5, 3.5]))


def add_measured(doc: Document, s: Strategy, analysis: Analysis | None) -> None:
    """Each account's posts by pillar: actual share against planned, median rate, the verdict."""
    from strategy.analytics.pillars import pillar_mix  # pandas: only where figures are computed

    pillars = s.channels.pillars
    if not pillars or analysis is None:
        return
    accounts = [a for a in analysis.accounts if len(a.posts)]
    if not accounts:
        return
    doc.add(Heading(_("Content pillars on your posts"), 2))
    doc.add(
        Para(
            _(
                "A post in two pillars counts half in each, so the shares add up to 100%. "
                "Posts without a text are left out."
            ),
            "muted",
        )
    )
    headers = [
        _("Pillar"),
        _("Posts"),
        _("Share of posts"),
        _("Planned"),
        _("Median rate"),
        _("What it showed"),
    ]
    for a in accounts:
        doc.add(Para(a.account.label, "label"))
        rows = []
        for r in pillar_mix(a.posts, pillars):
            shown = ""
            if r.result is not None:
                shown = " ".join(filter(None, [r.result.verdict, power_words(r.result)]))
            rows.append(
                [
                    r.name,
                    str(r.posts),
                    percent(r.share, 0),
                    "" if r.planned_share is None else percent(r.planned_share, 0),
                    "" if r.rate is None else percent(r.rate, 2),
                    shown,
                ]
            )
        # Wide enough for each heading's longest word in Swedish too ("Mediangrad"; seen as PNG).
        doc.add(Table(headers, rows, [1.8, 1.0, 1.1, 1.1, 1.5, 3.5]))
