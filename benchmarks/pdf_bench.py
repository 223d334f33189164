"""Benchmark: the PDF of a strategy at the model's limits, against an empty strategy's PDF.

Both are laid out in this process, interleaved, several times; the ratio of medians is what to
compare between runs and machines. Run: `python benchmarks/pdf_bench.py`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from strategy.core.library import load_library
from strategy.core.model import Account, ChannelChoice, Contact, PlanAction, RecurringItem, Strategy
from strategy.report import build_document, to_pdf
from strategy.steps.guidelines import sync_cards

LIB = load_library()


def at_every_maximum(emoji: bool) -> Strategy:
    """Every list at its longest and every field at its length limit."""
    words = (
        "Lorem ipsum dolor sit amet, consectetur 🇸🇪 adipiscing elit. "
        if emoji
        else ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ")
    )
    long = (words * 100)[:5000]
    medium, short = long[:1000], long[:200]
    s = Strategy()
    s.profile.name = short
    s.why.goals = [g.id for g in LIB.goals.goal][:30]
    s.why.statement = long
    s.audit.accounts = [Account(network=short, handle=short, owner=short) for _ in range(100)]
    s.audit.reflection = long
    s.channels.chosen = [ChannelChoice(channel=c.id) for c in LIB.channels.channel][:12]
    s.guidelines.cards = sync_cards(s, LIB)
    for card in s.guidelines.cards:
        for field in (
            "job",
            "audience",
            "share",
            "avoid",
            "tone",
            "call_to_action",
            "cadence",
            "engage",
        ):
            setattr(card, field, medium)
    due = dt.date(2027, 1, 1)
    s.plan.actions = [PlanAction(what=medium, channel=short, owner=short, due=due)] * 300
    s.plan.recurring = [RecurringItem(what=short, channel=short, rhythm="weekly")] * 100
    s.plan.roster = [Contact(who=short, channel=short, first_step=medium)] * 200
    s.analytics.notes = long
    return s


def main() -> None:
    """Print the median seconds of each PDF and the ratio to the empty one."""
    today = dt.date(2026, 12, 1)
    docs = {"empty": build_document(Strategy(), LIB, [], charts=False, today=today)}
    for emoji in (False, True):
        name = "maximum" + (" with emoji" if emoji else "")
        docs[name] = build_document(at_every_maximum(emoji), LIB, [], charts=False, today=today)
    times: dict[str, list[float]] = {name: [] for name in docs}
    for _ in range(3):
        for name, doc in docs.items():
            started = time.perf_counter()
            to_pdf(doc)
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["empty"])
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<22}{median:8.2f} s{median / base:9.1f}x the empty strategy's PDF")


if __name__ == "__main__":
    main()
