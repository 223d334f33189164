"""Capacity at the protocol level: N simulated participants on one instance (or behind nginx).

Usage:
    python -m loadtest.capacity -n 10 -n 30 -n 60 -n 100 [--think 5] [--storm 10]
        [--bystanders 2] [--replicas 1] [--json out.json]

For each N it starts a fresh server with the agent API on (loopback only), runs Locust headless
with N participants (`loadtest/locustfile.py`) plus bystanders, samples the server's CPU and
memory (its worker processes apart) every half second, and prints one table row: page step
p50/p95/max, PDF p50/p95, steps during the PDF storm, errors, memory per session, CPU. With
`--replicas 2` the participants reach two servers through nginx with sticky sessions
(`deploy/nginx.conf`). Exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from loadtest.server import ROOT, cpu_seconds, family, free_port, rss_mb, serve

LOCUSTFILE = ROOT / "loadtest" / "locustfile.py"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
AGENT_OPTIONS = {
    "server.enableAgentApi": "true",
    "server.agentMaxSessions": "1000",
    "server.agentWaitTimeout": "120",
}
STEP_NAMES = ("open the app", "load the demo", "go to a step", "type an answer")


@dataclass
class Sampler:
    """Samples CPU and resident memory of server processes and their workers."""

    pids: list[int]
    peak_server_mb: float = 0.0
    peak_workers_mb: float = 0.0
    _cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        """Read every process once, keeping peaks and each process's latest CPU time."""
        workers = 0.0
        server = sum(rss_mb(p) for p in self.pids)
        for pid in self.pids:
            for member in family(pid):
                self._cpu[member] = max(self._cpu.get(member, 0.0), cpu_seconds(member))
                if member != pid:
                    workers += rss_mb(member)
        self.peak_server_mb = max(self.peak_server_mb, server)
        self.peak_workers_mb = max(self.peak_workers_mb, workers)

    def cpu(self) -> tuple[list[float], float]:
        """CPU seconds used so far by each server, and by all their workers together."""
        self.sample()
        servers = [self._cpu.get(p, 0.0) for p in self.pids]
        return servers, sum(self._cpu.values()) - sum(servers)

    def run(self) -> None:
        """Sample until stopped."""
        while not self._stop.wait(0.5):
            self.sample()

    def __enter__(self) -> Sampler:
        threading.Thread(target=self.run, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()


@dataclass
class Row:
    """The figures of one run."""

    participants: int
    replicas: int
    think_s: float
    step_requests: int = 0
    step_p50: float = 0.0
    step_p95: float = 0.0
    step_max: float = 0.0
    storm_step_p95: float = 0.0
    storm_step_max: float = 0.0
    pdfs: int = 0
    pdf_p50: float = 0.0
    pdf_p95: float = 0.0
    pdf_max: float = 0.0
    failures: int = 0
    failure_kinds: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    server_mb_before: float = 0.0
    server_mb_after: float = 0.0
    mb_per_session: float = 0.0
    workers_mb_peak: float = 0.0
    server_cpu_s: float = 0.0
    server_cpu_each: list[float] = field(default_factory=list)
    workers_cpu_s: float = 0.0
    first_page_after_s: float = 0.0
    detail: dict[str, tuple[int, float, float, float]] = field(default_factory=dict)


def _percentiles(rows: list[dict[str, str]], names: tuple[str, ...]) -> tuple[int, float, ...]:
    """Request count, p50, p95 and max (seconds) over Locust's rows of the given names.

    Locust reports each name's percentiles; over several names the figure is the largest of
    theirs (a bound, since pooling percentiles exactly needs the raw times).
    """
    chosen = [r for r in rows if r["Name"] in names and int(r["Request Count"])]
    if not chosen:
        return 0, 0.0, 0.0, 0.0
    count = sum(int(r["Request Count"]) for r in chosen)

    def most(column: str) -> float:
        return max(float(r[column]) for r in chosen) / 1000

    return count, most("50%"), most("95%"), most("Max Response Time")


def _first_page(url: str) -> float:
    """Seconds a newcomer waits for the first page right after the run."""
    started = time.perf_counter()
    request = urllib.request.Request(
        f"{url}/_stcore/agent/interact", data=b"{}", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        answer.read()
    return time.perf_counter() - started


@contextlib.contextmanager
def _replicas(count: int, log_dir: Path) -> Iterator[tuple[str, list[int]]]:
    """Serve the app `count` times; yield the URL to use (nginx in front of several) and pids."""
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(serve(log_dir, options=AGENT_OPTIONS)) for _ in range(count)]
        pids = [pid for _, pid in servers]
        if count == 1:
            yield servers[0][0], pids
            return
        url = stack.enter_context(nginx([u for u, _ in servers], log_dir))
        yield url, pids


@contextlib.contextmanager
def nginx(upstreams: list[str], log_dir: Path) -> Iterator[str]:
    """Run nginx with the project's sticky-session config in front of `upstreams`."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    servers = "\n".join(f"    server {u.removeprefix('http://')};" for u in upstreams)
    config = (
        NGINX_TEMPLATE.read_text()
        .replace("    server app1:8501;\n    server app2:8501;", servers)
        .replace("listen 80;", f"listen {port};")
    )
    prefix = Path(tempfile.mkdtemp(dir=log_dir))
    (prefix / "logs").mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        f"events {{ worker_connections 4096; }}\nhttp {{\naccess_log off;\n"
        f"client_body_temp_path {prefix}/body;\nproxy_temp_path {prefix}/proxy;\n{config}\n}}\n"
    )
    proc = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"])
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError((prefix / "error.log").read_text()[-2000:]) from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run_once(
    participants: int, think: float, storm: float, bystanders: int, replicas: int, time_limit: float
) -> Row:
    """Run one room of `participants` and return its figures."""
    row = Row(participants, replicas, think)
    with tempfile.TemporaryDirectory() as tmp, _replicas(replicas, Path(tmp)) as (url, pids):
        _first_page(url)  # the first session pays the imports and the workers' start
        time.sleep(3)
        row.server_mb_before = sum(rss_mb(p) for p in pids)
        env = {
            **os.environ,
            "SOCIAL_WHY_THINK_S": str(think),
            "SOCIAL_WHY_STORM_S": str(storm),
            "SOCIAL_WHY_PARTICIPANTS": str(participants),
            "SOCIAL_WHY_BYSTANDERS": str(bystanders),
        }
        users = participants + bystanders
        prefix = Path(tmp) / "locust"
        command = [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1.0, users / 10)),
            "-t",
            f"{int(time_limit)}s",
            "--host",
            url,
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "60",
            "--loglevel",
            "WARNING",
        ]
        with Sampler(pids) as sampler:
            cpu_before = sampler.cpu()
            started = time.perf_counter()
            subprocess.run(
                command,
                cwd=ROOT,
                env=env,
                check=False,
                timeout=time_limit + 180,
                stdout=subprocess.DEVNULL,
            )
            row.wall_s = time.perf_counter() - started
            cpu_after = sampler.cpu()
            row.first_page_after_s = _first_page(url)
        row.server_cpu_each = [a - b for a, b in zip(cpu_after[0], cpu_before[0], strict=True)]
        row.server_cpu_s = sum(row.server_cpu_each)
        row.workers_cpu_s = cpu_after[1] - cpu_before[1]
        row.server_mb_after = sum(rss_mb(p) for p in pids)
        row.workers_mb_peak = sampler.peak_workers_mb
        row.mb_per_session = (row.server_mb_after - row.server_mb_before) / max(1, users)
        stats = list(csv.DictReader((Path(f"{prefix}_stats.csv")).open()))
        row.step_requests, row.step_p50, row.step_p95, row.step_max = _percentiles(
            stats, STEP_NAMES
        )
        _, _, row.storm_step_p95, row.storm_step_max = _percentiles(
            stats, ("step during PDF storm",)
        )
        row.pdfs, row.pdf_p50, row.pdf_p95, row.pdf_max = _percentiles(stats, ("generate the PDF",))
        row.detail = {
            r["Name"]: (
                int(r["Request Count"]),
                float(r["50%"]) / 1000,
                float(r["95%"]) / 1000,
                float(r["Max Response Time"]) / 1000,
            )
            for r in stats
            if r["Name"] != "Aggregated"
        }
        failures = list(csv.DictReader((Path(f"{prefix}_failures.csv")).open()))
        row.failures = sum(int(f["Occurrences"]) for f in failures)
        row.failure_kinds = sorted({f"{f['Name']}: {f['Error'][:120]}" for f in failures})
        if row.pdfs < participants:
            row.failures += participants - row.pdfs
            row.failure_kinds.append(f"{participants - row.pdfs} participants made no PDF")
    return row


HEADER = (
    "| participants | replicas | think | page step p50 / p95 / max | step during PDF storm "
    "p95 / max | PDF p50 / p95 / max | errors | server memory before → after (per "
    "session) | workers' peak memory | CPU server + workers | first page after |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def markdown(row: Row) -> str:
    """One table row for docs/performance.md."""
    return (
        f"| {row.participants} | {row.replicas} | {row.think_s:g} s | "
        f"{row.step_p50:.2f} / {row.step_p95:.2f} / {row.step_max:.2f} s | "
        f"{row.storm_step_p95:.2f} / {row.storm_step_max:.2f} s | "
        f"{row.pdf_p50:.1f} / {row.pdf_p95:.1f} / {row.pdf_max:.1f} s | {row.failures} | "
        f"{row.server_mb_before:.0f} → {row.server_mb_after:.0f} MB "
        f"({row.mb_per_session:.1f} MB) | {row.workers_mb_peak:.0f} MB | "
        f"{row.server_cpu_s:.0f} + {row.workers_cpu_s:.0f} s | "
        f"{row.first_page_after_s:.2f} s |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run each room size in turn, print the table, exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, action="append", help="participants (repeatable)")
    parser.add_argument("--think", type=float, default=5.0, help="think time, seconds")
    parser.add_argument("--storm", type=float, default=10.0, help="PDF clicks spread, seconds")
    parser.add_argument("--bystanders", type=int, default=2)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--limit", type=float, default=900, help="seconds a run may take")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    rows = []
    print(HEADER, flush=True)
    for n in args.n or [10]:
        row = run_once(n, args.think, args.storm, args.bystanders, args.replicas, args.limit)
        rows.append(row)
        print(markdown(row), flush=True)
        for name, (count, p50, p95, most) in sorted(row.detail.items()):
            print(
                f"  {name:<28} {count:5d} requests  p50 {p50:5.2f}  p95 {p95:5.2f}  "
                f"max {most:5.2f} s",
                file=sys.stderr,
            )
        for kind in row.failure_kinds:
            print(f"  failure: {kind}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 1 if any(r.failures for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
