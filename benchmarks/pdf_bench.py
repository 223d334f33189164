"""Benchmark: a full strategy PDF with four charts, cold (first in process) and warm."""

from __future__ import annotations

import datetime as dt
import time

from strategy.demo import demo_datasets
from strategy.guidelines import sync_cards
from strategy.library import load_library
from strategy.model import ChannelChoice, Strategy, WhySection
from strategy.plan import suggested_actions, sync_actions
from strategy.report import build_document, to_pdf


def full_strategy() -> Strategy:
    """A strategy with every section filled."""
    lib = load_library()
    s = Strategy(why=WhySection(goals=["new_job", "learn"], statement="I use social media to..."))
    s.channels.chosen = [ChannelChoice(channel=c) for c in ("linkedin", "x", "youtube")]
    s.guidelines.cards = sync_cards(s, lib)
    s.plan.actions = sync_actions(s.plan, suggested_actions(s, lib, dt.date(2026, 11, 22)))
    return s


def main() -> None:
    """Print cold and warm times, with a baseline of the same PDF without charts."""
    lib, data, strategy = load_library(), demo_datasets(), full_strategy()
    timings = {}
    for label in ("cold", "warm", "warm again"):
        t = time.perf_counter()
        pdf = to_pdf(build_document(strategy, lib, data))
        timings[label] = time.perf_counter() - t
    t = time.perf_counter()
    to_pdf(build_document(strategy, lib, data, charts=False))
    baseline = time.perf_counter() - t
    for label, seconds in timings.items():
        print(f"pdf with 4 charts, {label:<10} {seconds:6.2f} s")
    print(f"baseline: same pdf without charts {baseline:6.2f} s   size {len(pdf) / 1e3:.0f} kB")
    print("target: < 2 s warm")


if __name__ == "__main__":
    main()
