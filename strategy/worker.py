"""A worker process: `python -m strategy.worker chart|pdf|import`.

It answers requests on its stdin/stdout pipe (see `protocol`) one at a time until stdin closes,
and holds nothing between them: after each request it forgets the caches its work filled.
An import worker caps its own address space before its first request, so a file that makes a
reader allocate without end fails there with MemoryError (a message for the user) instead of
growing until the machine swaps. A chart worker cannot take that cap (V8 reserves more address
space than it uses and will not start under it); its parent watches its memory instead.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from strategy.workers.protocol import (
    LENGTH,
    MEMORY_ENV,
    TEST_OPS_ENV,
    pack_answer,
    read_exactly,
)


def _png(spec: dict, scale: float = 2) -> bytes:
    from strategy.report import raster

    return raster.png(spec, scale)


def _svg(spec: dict) -> bytes:
    from strategy.report import raster

    return raster.svg(spec)


def _document(**arguments: Any) -> Any:
    from strategy.report import build_document

    return build_document(**arguments)


def _pdf(doc: Any) -> bytes:
    from strategy.report.pdf import to_pdf

    return to_pdf(doc)


def _import_file(language: str, **arguments: Any) -> Any:
    from strategy.core.i18n import using
    from strategy.importers import import_file

    with using(language):
        return import_file(**arguments)


def _import_with_mapping(language: str, **arguments: Any) -> Any:
    from strategy.core.i18n import using
    from strategy.importers import import_with_mapping

    with using(language):
        return import_with_mapping(**arguments)


def _abort() -> None:
    os.abort()


def _sleep(seconds: float = 30) -> None:
    time.sleep(seconds)


def _allocate(megabytes: int) -> int:
    """Hold `megabytes` of touched memory for a moment (the memory limits' own test)."""
    block = bytearray(megabytes * 1024 * 1024)
    for i in range(0, len(block), 4096):
        block[i] = 1
    time.sleep(1)
    return len(block)


OPS: dict[str, dict[str, Callable[..., Any]]] = {
    "chart": {"png": _png, "svg": _svg},
    "pdf": {"document": _document, "pdf": _pdf},
    "import": {"import_file": _import_file, "import_with_mapping": _import_with_mapping},
}
TEST_OPS = {"abort": _abort, "sleep": _sleep, "allocate": _allocate}


def _arm_test_charts() -> None:
    """Make a chart whose spec says `usermeta: {"test_abort": true}` abort this worker.

    A renderer aborting on one chart must cost that chart only; the tests need a chart that
    does it on demand.
    """
    from strategy.report import raster

    def aborting(draw: Callable[..., bytes]) -> Callable[..., bytes]:
        def drawing(spec: dict, *args: Any) -> bytes:
            if spec.get("usermeta", {}).get("test_abort"):
                _abort()
            return draw(spec, *args)

        return drawing

    raster.svg, raster.png = aborting(raster.svg), aborting(raster.png)


def _warm(kind: str) -> None:
    """Import what the work needs before the first request, so a request pays only its own."""
    if kind == "import":
        import strategy.importers  # noqa: F401
    elif kind == "chart":
        from strategy.report import raster

        raster.warm()  # starts V8 and loads Vega: about a second, before any request waits
    elif kind == "pdf":
        import strategy.analytics  # noqa: F401
        import strategy.report  # noqa: F401


def _forget() -> None:
    """Drop what a request left in caches (header spellings, file values) and collect it."""
    from strategy.importers.formats import fold

    fold.cache_clear()
    gc.collect()


def _cap_address_space(megabytes: int) -> None:
    """Allow this process `megabytes` more address space than it holds now."""
    with open("/proc/self/statm") as statm:
        held = int(statm.read().split()[0]) * resource.getpagesize()
    limit = held + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(kind: str) -> None:
    """Serve requests of one kind until stdin closes."""
    ops = dict(OPS[kind])
    if os.environ.get(TEST_OPS_ENV) == "1":
        # Only the tests' own workers can be told to crash, stall or allocate.
        ops |= TEST_OPS
        _arm_test_charts()
    # The pipe gets its own descriptor; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    _warm(kind)
    if kind == "import" and (megabytes := int(os.environ.get(MEMORY_ENV, "0"))):
        _cap_address_space(megabytes)
    import pickle

    while True:
        try:
            (size,) = LENGTH.unpack(read_exactly(inp, LENGTH.size))
            op, arguments = pickle.loads(read_exactly(inp, size))
        except EOFError:
            return
        try:
            answer = pack_answer(0, ops[op](**arguments))
        except MemoryError:
            answer = pack_answer(1, MemoryError())
        except Exception as exc:  # the answer says what failed; the worker lives on
            try:
                answer = pack_answer(1, exc)
            except Exception:  # an exception that does not pickle still gets its words across
                answer = pack_answer(1, RuntimeError(f"{type(exc).__name__}: {exc}"))
        out.write(answer)
        out.flush()
        del answer
        _forget()


if __name__ == "__main__":
    main(sys.argv[1])
