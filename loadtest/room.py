"""A workshop room under load: N participants join within a time, share, and the projector.

Usage:
    python -m loadtest.room -n 60 [-n 100] [--join 30] [--think 5] [--json out.json]

For each N it starts a fresh server with the agent API on (loopback only), starts a room as a
facilitator would (the projector's session), runs Locust headless with N participants started
evenly over `--join` seconds (`loadtest/room_locustfile.py`), and prints one table row: when
the last participant had joined, the participants' steps, the projector's refresh and the
delay from a Share to the projector (p50 / p95 / max), errors, and whether the projector's
final count is every participant and every answer. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from loadtest.agent import INTERACT, shown_counts
from loadtest.capacity import AGENT_OPTIONS, Sampler
from loadtest.server import ROOT, rss_mb, serve

LOCUSTFILE = ROOT / "loadtest" / "room_locustfile.py"
Figures = tuple[int, float, float, float]  # requests, p50, p95, max (seconds)


@dataclass
class RoomRow:
    """The figures of one room run."""

    participants: int
    join_s: float
    think_s: float
    joined_by_s: float = 0.0
    join: Figures = (0, 0.0, 0.0, 0.0)
    steps: Figures = (0, 0.0, 0.0, 0.0)
    share: Figures = (0, 0.0, 0.0, 0.0)
    refresh: Figures = (0, 0.0, 0.0, 0.0)
    share_to_projector: Figures = (0, 0.0, 0.0, 0.0)
    failures: int = 0
    failure_kinds: list[str] = field(default_factory=list)
    shown_participants: int = 0
    shown_answers: int = 0
    server_mb_after: float = 0.0
    server_cpu_s: float = 0.0


def interact(url: str, body: dict) -> dict:
    """One agent API call from the runner itself (the facilitator's setup and last look)."""
    request = urllib.request.Request(
        f"{url}{INTERACT}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.load(answer)


def _figures(rows: list[dict[str, str]], name: str) -> Figures:
    row = next((r for r in rows if r["Name"] == name), None)
    if row is None or not int(row["Request Count"]):
        return 0, 0.0, 0.0, 0.0
    return (
        int(row["Request Count"]),
        float(row["50%"]) / 1000,
        float(row["95%"]) / 1000,
        float(row["Max Response Time"]) / 1000,
    )


def run_once(participants: int, join_s: float, think_s: float, time_limit: float) -> RoomRow:
    """Run one room of `participants` and return its figures."""
    row = RoomRow(participants, join_s, think_s)
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp), options=AGENT_OPTIONS) as served:
        url, pid = served
        projector = interact(url, {"page": "room"})
        session = projector["session_id"]
        started_room = interact(url, {"session_id": session, "trigger": {"key": "start_room"}})
        code = started_room["query_params"]["room"][0]
        prefix = Path(tmp) / "locust"
        env = {
            **os.environ,
            "SOCIAL_WHY_ROOM": code,
            "SOCIAL_WHY_PROJECTOR_SESSION": session,
            "SOCIAL_WHY_PARTICIPANTS": str(participants),
            "SOCIAL_WHY_THINK_S": str(think_s),
        }
        users = participants + 1
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(users),
            # Locust starts this many users a second: all of them within `join_s`.
            "-r",
            f"{users / max(join_s, 0.1):.3f}",
            "-t",
            f"{int(time_limit)}s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--csv-full-history",
            "--only-summary",
            "--stop-timeout",
            "30",
            "--loglevel",
            "WARNING",
        ]
        log = Path(tmp) / "locust.log"
        with Sampler([pid]) as sampler, log.open("wb") as sink:
            cpu_before = sampler.cpu()[0][0]
            subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                check=False,
                timeout=time_limit + 120,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
            row.server_cpu_s = sampler.cpu()[0][0] - cpu_before
        row.server_mb_after = rss_mb(pid)
        row.shown_participants, row.shown_answers = shown_counts(
            interact(url, {"session_id": session})
        )
        stats = list(csv.DictReader(Path(f"{prefix}_stats.csv").open()))
        row.join = _figures(stats, "join the room")
        row.steps = _figures(stats, "go to a step")
        row.share = _figures(stats, "share with the room")
        row.refresh = _figures(stats, "projector refresh")
        row.share_to_projector = _figures(stats, "share to projector")
        row.joined_by_s = _joined_by(Path(f"{prefix}_stats_history.csv"), participants)
        failures = list(csv.DictReader(Path(f"{prefix}_failures.csv").open()))
        row.failures = sum(int(f["Occurrences"]) for f in failures)
        row.failure_kinds = sorted({f"{f['Name']}: {f['Error'][:120]}" for f in failures})
        # An exception in a participant's task is no request failure: Locust lists it apart.
        for raised in csv.DictReader(Path(f"{prefix}_exceptions.csv").open()):
            row.failures += int(raised["Count"])
            row.failure_kinds.append(f"raised: {raised['Message'][:200]}")
        expected = (participants, 2 * participants)
        if (row.shown_participants, row.shown_answers) != expected:
            row.failures += 1
            row.failure_kinds.append(
                f"the projector counts {row.shown_participants} participants and "
                f"{row.shown_answers} answers, not {expected[0]} and {expected[1]}"
            )
        if row.share_to_projector[0] < row.share[0]:
            row.failures += 1
            row.failure_kinds.append(
                f"{row.share[0] - row.share_to_projector[0]} answers shared never reached "
                "the projector's count"
            )
        if row.failures:  # Locust's own account of the run, for the one who reads the failure
            told = log.read_text(errors="replace")
            row.failure_kinds += [
                line
                for line in told.splitlines()
                if "Traceback" in line or "projector" in line or "Error" in line
            ][:20]
        if row.join[0] < participants:
            row.failures += participants - row.join[0]
            row.failure_kinds.append(f"{participants - row.join[0]} participants did not join")
    return row


def _joined_by(history: Path, participants: int) -> float:
    """Seconds from the run's start until every participant's join had come back.

    Locust's history has a line a second with the requests so far per name.
    """
    if not history.exists():
        return 0.0
    rows = [r for r in csv.DictReader(history.open()) if r["Name"] == "join the room"]
    if not rows:
        return 0.0
    start = min(int(r["Timestamp"]) for r in csv.DictReader(history.open()))
    done = [int(r["Timestamp"]) for r in rows if int(r["Total Request Count"]) >= participants]
    return float(min(done) - start) if done else 0.0


HEADER = (
    "| participants | started over | all joined by | join p95 | share p95 | step p95 | "
    "projector refresh p50 / p95 / max | share to projector p50 / p95 / max | errors | "
    "projector's final count | server memory, CPU |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def markdown(row: RoomRow) -> str:
    """One table row for docs/performance.md."""
    r, d = row.refresh, row.share_to_projector
    return (
        f"| {row.participants} | {row.join_s:g} s | {row.joined_by_s:.0f} s | "
        f"{row.join[2]:.2f} s | {row.share[2]:.2f} s | {row.steps[2]:.2f} s | "
        f"{r[1]:.2f} / {r[2]:.2f} / {r[3]:.2f} s ({r[0]}) | "
        f"{d[1]:.2f} / {d[2]:.2f} / {d[3]:.2f} s ({d[0]}) | {row.failures} | "
        f"{row.shown_participants} people, {row.shown_answers} answers | "
        f"{row.server_mb_after:.0f} MB, {row.server_cpu_s:.0f} s |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run each room size in turn, print the table, exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("-n", type=int, action="append", help="participants (repeatable)")
    parser.add_argument("--join", type=float, default=30.0, help="all start within, seconds")
    parser.add_argument("--think", type=float, default=5.0, help="think time, seconds")
    parser.add_argument("--limit", type=float, default=600, help="seconds a run may take")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    rows = []
    print(HEADER, flush=True)
    for n in args.n or [60]:
        started = time.perf_counter()
        row = run_once(n, args.join, args.think, args.limit)
        rows.append(row)
        print(markdown(row), flush=True)
        print(f"  run took {time.perf_counter() - started:.0f} s", file=sys.stderr)
        for kind in row.failure_kinds:
            print(f"  failure: {kind}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 1 if any(r.failures for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
