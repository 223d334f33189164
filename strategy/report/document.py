"""Build the report's content from a strategy: every section, saying so where a step is empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from strategy.guidelines import CARD_FIELDS, FIELD_LABELS
from strategy.importers.dataset import Dataset
from strategy.library import Library
from strategy.model import Strategy
from strategy.plan import calendar_items, default_review_date
from strategy.recommend import rank_channels
from strategy.report.blocks import Bullets, Document, Heading, Image, Para, Table
from strategy.why import readiness_gaps, staff_next_steps

MISSING = "Not filled in yet."
USAGE_TITLES = {"often": "Use often", "this_year": "Want to use this year", "wont_use": "Won't use"}


def _or_missing(items: list, render) -> list:
    return render(items) if items else [Para(MISSING, "muted")]


def build_document(
    strategy: Strategy,
    lib: Library,
    datasets: Iterable[Dataset] = (),
    *,
    today: dt.date | None = None,
    charts: bool = True,
) -> Document:
    """Describe the whole strategy as report blocks.

    Args:
        strategy: The strategy.
        lib: The content library (titles and house rules).
        datasets: Uploaded analytics; their charts are included when there are any.
        today: The report date (defaults to today).
        charts: Render chart images (off for a quick Markdown export).

    Returns:
        The document.
    """
    today = today or dt.date.today()
    s = strategy
    who = s.profile.name.strip() or ("Our organisation" if s.profile.kind == "organisation" else "")
    kind = "Organisation" if s.profile.kind == "organisation" else "Personal"
    subtitle = f"{who} · {kind} strategy" if who else f"{kind} strategy"
    doc = Document("Social media strategy", subtitle, today.strftime("%d %B %Y"))
    _why(doc, s, lib)
    _audit(doc, s, lib)
    _channels(doc, s, lib)
    _guidelines(doc, s, lib)
    _plan(doc, s, lib, today)
    _analytics(doc, s, lib, list(datasets), charts)
    return doc


def _why(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading("1. Why"))
    statement = s.why.statement.strip()
    doc.add(Para(statement or MISSING, "quote" if statement else "muted"))
    goals = [g for g in (lib.goal(i) for i in s.why.goals) if g]
    doc.add(Heading("Goals", 2))
    doc.add(*_or_missing(goals, lambda gs: [Bullets([
        f"{g.title}{' (leading goal)' if g.id == s.why.top_goal else ''}: {g.explain} "
        f"Measure it by: {'; '.join(g.measures)}." for g in gs])]))  # fmt: skip
    if s.profile.kind == "organisation":
        doc.add(Heading("Readiness", 2))
        done = {r.id for r in lib.organisation.readiness if r.id in s.why.readiness_done}
        doc.add(Bullets([f"{'In place' if r.id in done else 'To do'}: {r.title}"
                         for r in lib.organisation.readiness]))  # fmt: skip
        gaps = readiness_gaps(s, lib)
        if gaps:
            doc.add(Para("Next steps: " + " ".join(a for _, a in gaps)))
        steps = staff_next_steps(s, lib)
        doc.add(Heading("Meeting staff where they are", 2))
        doc.add(*_or_missing(steps, lambda st: [Bullets([f"{t}: {n}" for t, n in st])]))


def _audit(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading("2. Audit"))
    titles = lib.titles(lib.audit.activity)
    doc.add(Heading("What was worth it last year", 2))
    doc.add(*_or_missing(s.audit.worth_it, lambda w: [Bullets([titles.get(i, i) for i in w])]))
    if s.audit.reflection.strip():
        doc.add(Para(s.audit.reflection.strip()))
    doc.add(Heading("Accounts", 2))
    items = lib.audit.profile_item
    doc.add(*_or_missing(s.audit.accounts, lambda accs: [Table(
        ["Network", "Handle", "Owner", "Use", "Profile to fix"],
        [[a.network, a.handle, a.owner, USAGE_TITLES[a.usage],
          "Close it" if a.usage == "wont_use" else ", ".join(
              i.title.split(" (")[0].lower() for i in items if i.id not in a.profile_done) or "—"]
         for a in accs], [2, 2, 1.5, 2, 4])]))  # fmt: skip
    follow = lib.audit.follow
    doc.add(Heading("Who to follow: the baseline", 2))
    doc.add(Para(follow.intro))
    doc.add(Para("Keep following", "label"), Bullets(follow.keep))
    doc.add(Para("Unfollow", "label"), Bullets(follow.unfollow))
    doc.add(Para(f"{follow.why} {follow.add_back}", "muted"))
    doc.add(Para("Baseline done." if s.audit.baseline_done else "Baseline not done yet: it is in "
                 "the plan.", "muted"))  # fmt: skip


def _channels(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading("3. Channels"))
    reasons = {r.channel: r for r in rank_channels(s, lib)}
    rows = []
    for c in s.channels.chosen:
        rec = reasons.get(c.channel)
        note = "Experiment" + (f", review {c.review_date:%d %b %Y}" if c.review_date else "")
        rows.append([lib.channel_name(c.channel), rec.sentence().split(": ", 1)[-1] if rec else "",
                     note if c.experiment else ""])  # fmt: skip
    doc.add(*_or_missing(rows, lambda r: [Table(["Channel", "Why it was chosen", "Note"], r,
                                                [1.5, 5, 1.8])]))  # fmt: skip
    dropped = [
        r for r in reasons.values() if r.channel not in {c.channel for c in s.channels.chosen}
    ]
    if rows and dropped:
        doc.add(Para("Not chosen this time: " + ", ".join(r.name for r in dropped) + ". Nobody "
                     "has time for every network.", "muted"))  # fmt: skip


def _guidelines(doc: Document, s: Strategy, lib: Library) -> None:
    doc.add(Heading("4. Guidelines per channel"))
    if not s.guidelines.cards:
        doc.add(Para(MISSING, "muted"))
    for card in s.guidelines.cards:
        doc.add(Heading(lib.channel_name(card.channel), 2))
        doc.add(Table(["", ""], [[FIELD_LABELS[f], getattr(card, f) or "—"] for f in CARD_FIELDS],
                      [1.6, 5]))  # fmt: skip
    doc.add(Heading("House rules for every channel", 2))
    doc.add(Bullets(lib.rules.house_rules))
    doc.add(Heading("The value check before posting", 2))
    doc.add(Para(lib.rules.value_check_intro))
    doc.add(Bullets([q.question for q in lib.rules.value_question]))


def _plan(doc: Document, s: Strategy, lib: Library, today: dt.date) -> None:
    doc.add(Heading("5. Plan"))
    doc.add(Heading("Actions", 2))
    doc.add(*_or_missing(s.plan.actions, lambda acts: [Table(
        ["What", "Channel", "Owner", "Due", "Status"],
        [[a.what, a.channel, a.owner, a.due.isoformat() if a.due else "", a.status] for a in acts],
        [5, 1.5, 1.3, 1.5, 1])]))  # fmt: skip
    doc.add(Heading("Recurring content, the next 12 months", 2))
    items = calendar_items(s.plan, today)
    months: dict[str, list[str]] = {}
    for i in items:
        months.setdefault(i.day.strftime("%B %Y"), []).append(
            f"{i.day.day} {i.what}" + (f" ({i.channel})" if i.channel else "")
        )
    doc.add(*_or_missing(list(months.items()), lambda ms: [Table(
        ["Month", "Dates"], [[m, "; ".join(v[:12]) + (f"; and {len(v) - 12} more"
                                                       if len(v) > 12 else "")] for m, v in ms],
        [1.4, 6])]))  # fmt: skip
    doc.add(Heading("People to connect with", 2))
    doc.add(*_or_missing(s.plan.roster, lambda r: [Table(
        ["Who", "Channel", "First step"], [[c.who, c.channel, c.first_step] for c in r],
        [2, 1.5, 4])]))  # fmt: skip
    doc.add(Heading("Review", 2))
    review = s.plan.review_date or default_review_date(today, lib)
    topics = lib.titles(lib.rules.review_topic)
    doc.add(Para(f"Review this strategy on {review:%d %B %Y}."))
    chosen = [topics[t] for t in s.plan.review_topics if t in topics] or list(topics.values())
    doc.add(Bullets(chosen))


def _analytics(doc: Document, s: Strategy, lib: Library, datasets: list[Dataset],
               charts: bool) -> None:  # fmt: skip
    from strategy.report.figures import figures

    m = lib.steps.measure
    doc.add(Heading("6. Measuring what matters"))
    doc.add(Para(m.not_followers), Para(m.not_competition), Para(m.not_vacuum))
    if not datasets:
        doc.add(Para("No analytics exports were included in this report.", "muted"))
    elif charts:
        for png, reading, alt in figures(datasets, s.analytics.followers, s.analytics.denominator):
            doc.add(Image(png, reading, alt))
    doc.add(Heading("What works for this audience", 2))
    doc.add(Para(m.learn_by_doing))
    if s.analytics.notes.strip():
        doc.add(Para(s.analytics.notes.strip(), "quote"))
