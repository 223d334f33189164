"""Start the app with `streamlit run` on a free loopback port (for tests and the load test)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "streamlit_app.py"


def free_port() -> int:
    """Ask the OS for a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerError(RuntimeError):
    """The app did not come up."""


@contextlib.contextmanager
def serve(
    log_dir: Path,
    timeout: float = 60,
    app: Path = APP,
    options: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[tuple[str, int]]:
    """Run the app until the block ends.

    Args:
        log_dir: Where to write the server's log.
        timeout: Seconds to wait for /_stcore/health.
        app: The script to run (the benchmark compares an empty app).
        options: More `streamlit run` options, e.g. {"server.enableAgentApi": "true"}.
        port: The port to serve on (default: a free one).

    Yields:
        (base URL, server process id).
    """
    port = port or free_port()
    extra = [arg for name, value in (options or {}).items() for arg in (f"--{name}", value)]
    log_path = Path(log_dir) / f"streamlit-{port}.log"
    # Unbuffered, so a traceback reaches the log even when the server has to be killed.
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                *extra,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        tail = log_path.read_text(errors="replace")[-2000:]
                        raise ServerError(f"streamlit did not start:\n{tail}") from None
                    time.sleep(0.05)
            yield url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def family(pid: int) -> list[int]:
    """The process and all its descendants (the server and its worker processes)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a process has used (Linux), or 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux), or 0 when unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
