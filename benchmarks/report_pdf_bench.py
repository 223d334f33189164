"""Benchmark: the strategy PDF with its charts, as the Export page makes it, warm.

The HR-team demo (six charts) is built and laid out through the chart and PDF workers, the
same calls the page makes; the baseline is the same strategy's PDF without charts through the
same workers, interleaved with it. Also shown: the same PDF made again in a session that kept
its drawings (after a text edit), and the wait after the click when the Export page drew the
charts ahead as it opened (uploads' charts; the demo's are shared).
Run: `python benchmarks/report_pdf_bench.py [runs]`.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time

from strategy.core.library import load_library
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import load_persona, personas
from strategy.report import build_document, isolated


def main(runs: int = 9) -> None:
    """Print each figure's median, min and max, and the ratio of medians to the baseline."""
    lib = load_library()
    persona = personas("en")[0]
    strategy = load_persona(persona.id, "en")
    datasets = demo_datasets(persona.accounts)
    isolated.warm()
    kept: dict[str, bytes] = {}
    uploads = [copy.copy(d) for d in datasets]  # like a user's uploads: nothing shared
    # One account's posts without a follower history: rates, weekly, best time, rules.
    four = [d for d in uploads if d.grain == "post"][:1]

    def after_drawing_ahead() -> float:
        """Seconds from the click, the charts drawn ahead while the page was read."""
        drawings: dict[str, bytes] = {}
        ahead = isolated.draw_ahead(strategy, lib, uploads, drawings)
        assert ahead is not None
        ahead.result()
        started = time.perf_counter()
        assert isolated.report(strategy, lib, uploads, drawings) is not None
        return time.perf_counter() - started

    cases = {
        "baseline: no charts": lambda: isolated.pdf(build_document(strategy, lib, [])),
        "with six charts": lambda: isolated.pdf(build_document(strategy, lib, datasets), {}),
        "four charts (one upload)": lambda: isolated.report(strategy, lib, four, {}),
        "again, drawings kept": lambda: isolated.pdf(build_document(strategy, lib, datasets), kept),
    }
    for case in cases.values():  # warm-up: workers started, V8 up, the kept drawings filled
        assert case() is not None
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, case in cases.items():
            started = time.perf_counter()
            case()
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["baseline: no charts"])
    times["click after drawing ahead"] = [after_drawing_ahead() for _ in range(runs)]
    for name, runs_ in times.items():
        median = statistics.median(runs_)
        print(
            f"{name:<26} median {median:5.2f} s  (min {min(runs_):.2f}, max {max(runs_):.2f})"
            f"  {median / base:4.2f}x the baseline"
        )
    print("target: the PDF with charts under 1 s (median)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
