"""Benchmark: AppTest time to render each page with a full demo strategy, vs an empty page."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
PAGES = ("start", "why", "audit", "channels", "guidelines", "plan", "analytics", "export", "canvas")
REPEAT = 5


def timed(at: AppTest, page: str | None = None) -> tuple[float, float]:
    """Seconds of the first visit, and the median of REPEAT reruns after it."""
    if page:
        at.switch_page(f"pages/wizard/{page}.py")
    t = time.perf_counter()
    at.run()
    first = time.perf_counter() - t
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    assert not at.exception, at.exception
    return first, statistics.median(times)


def main() -> None:
    """Print one line per page: its render time and the empty-page floor measured alongside."""
    empty = AppTest.from_string("import streamlit as st\nst.write('')", default_timeout=60)
    floor = timed(empty)[1]
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.button(key="demo_hr_team").click().run()  # the full demo strategy, with its analytics
    print(f"{'page':<12}{'first s':>10}{'rerun s':>10}{'x floor':>10}")
    for page in PAGES:
        first, seconds = timed(at, page)
        print(f"{page:<12}{first:>10.3f}{seconds:>10.3f}{seconds / floor:>10.1f}")
    print(f"floor: an empty Streamlit page renders in {floor:.4f} s (median of {REPEAT})")


if __name__ == "__main__":
    main()
