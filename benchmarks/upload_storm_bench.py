"""Benchmark: a room uploading at once, through the import workers the Analytics page uses.

N uploads of an X export (the size of a year of posts from a busy account, and a 10 MB one)
arrive within `spread` seconds of each other and are read by `strategy.importers.guarded`
(three workers, as in the app). The baseline is the same upload alone, in the same run.
The agent API cannot upload, so the capacity runs (`loadtest/capacity.py`) leave this out.
Run: `python benchmarks/upload_storm_bench.py [participants] [spread_s]`.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from import_bench import x_tweets

from strategy.importers import guarded

NAME = "tweet_activity_metrics_room_20250101_20251231_en.csv"


def one(data: bytes, delay: float = 0.0) -> float:
    """Seconds from the upload's arrival to its tables, after waiting `delay`."""
    time.sleep(delay)
    started = time.perf_counter()
    guarded.read_upload(NAME, data)
    return time.perf_counter() - started


def main(participants: int = 30, spread: float = 10.0) -> None:
    """Print the storm's p50/p95/max per file size, against the same upload alone."""
    guarded.warm()
    time.sleep(3)
    rng = random.Random(0)
    for rows in (2_000, 80_000):
        data = x_tweets(rows)
        alone = statistics.median(one(data) for _ in range(5))
        delays = [rng.uniform(0, spread) for _ in range(participants)]
        with ThreadPoolExecutor(participants) as room:
            times = sorted(room.map(one, [data] * participants, delays))
        p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
        print(
            f"{rows:>7,} rows ({len(data) / 1e6:4.1f} MB): alone {alone:5.2f} s; "
            f"{participants} within {spread:g} s: p50 {statistics.median(times):5.2f} s, "
            f"p95 {p95:5.2f} s, max {times[-1]:5.2f} s "
            f"({statistics.median(times) / alone:4.1f}x alone)"
        )


if __name__ == "__main__":
    args = [float(a) for a in sys.argv[1:]]
    main(int(args[0]) if args else 30, args[1] if len(args) > 1 else 10.0)
