"""Run the chart renderer in worker processes, so an abort or a stall there costs one chart.

vl-convert runs V8 and Rust code that can abort its whole process (it did on a character XML
forbids) or hang; in the app that process is the server every participant shares. Charts are
therefore drawn by a few warm worker processes (`strategy.report.render_worker`, started with
this Python, so they never run the app's own script). A worker that dies or overruns its time
is killed and replaced; its chart comes back as None and the report says it is missing. The
workers hold no user data between requests.
"""

from __future__ import annotations

import json
import os
import selectors
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

WORKERS = 2
TIMEOUT_S = 60.0


class WorkerFailed(RuntimeError):
    """A worker crashed or stalled."""


class Refused(RuntimeError):
    """A worker could not do the request (and is fine)."""


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "strategy.report.render_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=os.environ.copy(),
        )

    def call(self, request: dict, timeout: float) -> bytes:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        body = json.dumps(request).encode()
        try:
            self.proc.stdin.write(struct.pack(">Q", len(body)) + body)
            self.proc.stdin.flush()
        except OSError as exc:
            raise WorkerFailed("the worker is gone") from exc
        deadline = time.monotonic() + timeout
        status, size = struct.unpack(">BQ", self._read(9, deadline))
        payload = self._read(size, deadline)
        if status != 0:
            raise Refused(payload.decode(errors="replace"))
        return payload

    def _read(self, n: int, deadline: float) -> bytes:
        """Read n bytes before the deadline, or fail (the worker died or stalled)."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        data = b""
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while len(data) < n:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    raise WorkerFailed("the worker took too long")
                chunk = os.read(fd, n - len(data))
                if not chunk:
                    raise WorkerFailed("the worker died")
                data += chunk
        return data

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


_lock = threading.Lock()
_idle: list[_Worker] = []


def _take() -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.proc.poll() is None:
                return worker
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _lock:
        if len(_idle) < WORKERS:
            _idle.append(worker)
            return
    worker.kill()


def call(request: dict, timeout: float = TIMEOUT_S) -> bytes | None:
    """Run one request in a worker; None when the worker crashed, stalled or failed."""
    worker = _take()
    try:
        result = worker.call(request, timeout)
    except WorkerFailed:
        worker.kill()  # a stalled or broken worker is never used again
        return None
    except Refused:
        _give_back(worker)
        return None
    _give_back(worker)
    return result


def isolated_map(requests: list[dict], timeout: float = TIMEOUT_S) -> list[bytes | None]:
    """Run requests side by side in the workers; None for each that failed."""
    if not requests:
        return []
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda r: call(r, timeout), requests))


def pngs(charts: list) -> list[bytes | None]:
    """Draw Altair charts as PNG (scale 2) in the workers; None for any that failed."""
    # Our builders produce known-good specs; skipping Altair's schema validation saves ~0.1 s each.
    return isolated_map([{"op": "png", "spec": c.to_dict(validate=False), "scale": 2}
                         for c in charts])  # fmt: skip
