"""Pools of warm worker processes, bounded in memory, time and number.

The caller's thread waits on a pipe (which holds no lock the server needs) while the worker
does the risky work. Every wait has a deadline and watches the worker's resident memory: a
worker that overruns either, or dies, is killed and never reused, and the call raises
`WorkerLost` saying which it was. A worker whose op raised is fine and is reused; the op's own
exception is raised in the caller. At most `slots` calls of a pool run at once (each may hold
up to its memory limit); the rest wait their turn, and give up as "busy" after `queue_s`.
"""

from __future__ import annotations

import os
import pickle
import resource
import selectors
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from strategy.workers.protocol import HEADER, MEMORY_ENV, pack_request

WARM_ENV = "SOCIAL_WHY_WARM_WORKERS"  # at most this many idle workers per pool
TICK_S = 0.1  # how often a wait looks at the worker's memory
PAGE = resource.getpagesize()
Reason = Literal["time", "memory", "died", "busy"]


class WorkerLost(RuntimeError):
    """A worker was killed (or none was free): the request was not done.

    Attributes:
        reason: "time" (over its time limit), "memory" (over its memory limit), "died" (it
            crashed) or "busy" (every slot stayed taken while the request waited).
    """

    def __init__(self, reason: Reason):
        super().__init__(reason)
        self.reason: Reason = reason


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, kind: str, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "strategy.worker", kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.requests = 0

    def alive(self) -> bool:
        return self.proc.poll() is None

    def resident(self) -> int:
        """Resident memory in bytes (0 once the process is gone)."""
        try:
            with open(f"/proc/{self.proc.pid}/statm") as statm:
                return int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            return 0

    def call(
        self, request: bytes, timeout: float, rss_limit: int, answer_limit: int = 0
    ) -> tuple[int, Any]:
        assert self.proc.stdin is not None
        self.requests += 1
        try:
            self.proc.stdin.write(request)
            self.proc.stdin.flush()
        except OSError:
            raise WorkerLost("died") from None
        deadline = time.monotonic() + timeout
        status, size = HEADER.unpack(self._read(HEADER.size, deadline, rss_limit))
        if answer_limit and size > answer_limit:
            # What crosses the pipe is rebuilt here, in the server: an answer this large
            # would cost the server what the worker's caps spared it.
            raise WorkerLost("memory")
        return status, pickle.loads(self._read(size, deadline, rss_limit))

    def _read(self, n: int, deadline: float, rss_limit: int) -> bytearray:
        """Read n bytes before the deadline and within the memory limit, or fail."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        buffer = bytearray(n)  # filled in place: no chunks to join, no second copy
        view, done = memoryview(buffer), 0
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while done < n:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WorkerLost("time")
                if not sel.select(min(TICK_S, remaining)):
                    if rss_limit and self.resident() > rss_limit:
                        raise WorkerLost("memory")
                    continue
                got = os.readv(fd, [view[done : done + (1 << 22)]])
                if not got:
                    raise WorkerLost("died")
                done += got
        return buffer

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


@dataclass
class Pool:
    """Warm workers of one kind.

    Attributes:
        kind: What the workers do ("chart", "pdf" or "import"; see `strategy.worker.OPS`).
        idle_max: How many idle workers to keep warm.
        slots: How many calls may run at once.
        timeout_s: A call's time limit, from the moment a worker has it.
        rss_mb: The resident memory a worker may reach before it is killed (0: no watch).
        address_mb: Address space an import worker may add to what it holds once warm.
        queue_s: How long a call waits for a free slot before it gives up as "busy".
        answer_mb: The largest answer taken back (0: any); a larger one counts as "memory".
        max_requests: A worker is retired after this many requests (bounds any slow leak).
    """

    kind: str
    idle_max: int = 2
    slots: int = 4
    timeout_s: float = 30.0
    rss_mb: int = 1024
    address_mb: int = 0
    queue_s: float = 60.0
    answer_mb: int = 0
    max_requests: int = 200
    _idle: list[_Worker] = field(default_factory=list, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _slots: threading.BoundedSemaphore = field(init=False, repr=False)
    _warming: int = field(default=0, init=False, repr=False)
    _busy: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.slots)
        # An operator (or the fast test loop, where every test process would otherwise start
        # seven interpreters it mostly never uses) may keep fewer workers warm.
        if cap := os.environ.get(WARM_ENV):
            self.idle_max = min(self.idle_max, max(0, int(cap)))

    def _env(self) -> dict[str, str]:
        env = os.environ.copy()
        if self.address_mb:
            env[MEMORY_ENV] = str(self.address_mb)
        return env

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
        return _Worker(self.kind, self._env())

    def _give_back(self, worker: _Worker, busy: bool = False) -> None:
        with self._lock:
            self._busy -= busy  # in the same lock: warm() never sees it neither busy nor idle
            if len(self._idle) < self.idle_max and worker.requests < self.max_requests:
                self._idle.append(worker)
                return
        worker.kill()

    def warm(self) -> None:
        """Start workers in the background until `idle_max` are idle or starting.

        Every rerun of the upload page asks; a room that uploads at once then finds warm
        workers instead of each paying a new process's start (a second or more on a busy
        machine).
        """
        with self._lock:
            # Workers busy with a call count too: they come back idle. Warming beside them
            # started new processes that the busy ones, coming back, were killed to make room
            # for (a room making its PDFs started two workers with every page run).
            wanted = self.idle_max - len(self._idle) - self._warming - self._busy
            if wanted <= 0:
                return
            self._warming += wanted

        def start() -> None:
            try:
                self._give_back(_Worker(self.kind, self._env()))
            finally:
                with self._lock:
                    self._warming -= 1

        for _ in range(wanted):
            threading.Thread(target=start, daemon=True).start()

    def call(self, op: str, *, timeout_s: float | None = None, **arguments: Any) -> Any:
        """Run one op in a worker and return its result.

        Raises:
            WorkerLost: The worker overran its time or memory, died, or no slot came free.
            Exception: Whatever the op itself raised (the worker is fine and reused).
        """
        request = pack_request(op, arguments)
        if not self._slots.acquire(timeout=self.queue_s):
            raise WorkerLost("busy")
        try:
            worker = self._take()
            with self._lock:
                self._busy += 1
            try:
                status, value = worker.call(
                    request,
                    timeout_s or self.timeout_s,
                    self.rss_mb * 1024 * 1024,
                    self.answer_mb * 1024 * 1024,
                )
            except BaseException:
                worker.kill()  # a stalled, bloated or broken worker is never used again
                with self._lock:
                    self._busy -= 1
                raise
            self._give_back(worker, busy=True)
        finally:
            self._slots.release()
        if status != 0:
            raise value
        return value

    def close(self) -> None:
        """Stop the idle workers (tests use this to start from fresh ones)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()
