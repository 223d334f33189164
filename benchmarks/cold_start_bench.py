"""Benchmark: `streamlit run` until /_stcore/health answers 200, vs an empty app's cold start."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loadtest import server  # noqa: E402

REPEAT = 3


def cold_start(app: Path) -> float:
    """Seconds from starting `streamlit run` to the first 200 from /_stcore/health."""
    with tempfile.TemporaryDirectory() as logs:
        t = time.perf_counter()
        with server.serve(Path(logs), app=app):
            return time.perf_counter() - t


FIRST_RUN = """
import time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=120)
t = time.perf_counter()
at.run()
print(time.perf_counter() - t)
"""


def first_render(app: Path) -> float:
    """Seconds of a new process's first script run (imports included), as a first visitor waits."""
    code = FIRST_RUN.format(app=str(app))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Print the app's cold start next to an empty app's (the floor), best and median."""
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty_app.py"
        empty.write_text("import streamlit as st\nst.write('')\n")
        floor = [cold_start(empty) for _ in range(REPEAT)]
        floor_first = min(first_render(empty) for _ in range(REPEAT))
    ours = [cold_start(server.APP) for _ in range(REPEAT)]
    ours_first = min(first_render(server.APP) for _ in range(REPEAT))
    for label, runs in (("Social Why", ours), ("floor: empty app", floor)):
        best, median = min(runs), statistics.median(runs)
        print(f"health 200, {label:<17} best {best:.2f} s  median {median:.2f} s")
    print(f"first page in a new process: Social Why {ours_first:.2f} s, empty {floor_first:.2f} s")
    print("target: < 3 s")


if __name__ == "__main__":
    main()
