"""Draw charts in worker processes, so an abort or a stall of the renderer costs one chart.

vl-convert runs V8 and Rust code that can abort its whole process (it did on a character XML
forbids) or hang; in the app that process is the server every participant shares. Charts are
therefore drawn by the render pool's workers (`strategy.workers`). A chart whose worker died,
overran its time or its memory comes back as None, and the report says it is missing.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from strategy.report.blocks import Document
from strategy.workers.pool import Pool, WorkerLost

# V8 reserves far more address space than it uses, so these workers are bounded by a watch on
# their resident memory, not by an address-space cap.
POOL = Pool("render", idle_max=2, slots=2, timeout_s=30.0, rss_mb=1024)
# PDFs have workers of their own, so a long layout never keeps a chart waiting.
PDF_SECONDS = 120.0  # a strategy at every maximum lays out ~400 pages in about 16 s here
PDF_POOL = Pool("render", idle_max=1, slots=2, timeout_s=PDF_SECONDS, rss_mb=1024)


def call(op: str, **arguments: Any) -> bytes | None:
    """Run one render op in a worker; None when it crashed, stalled, bloated or refused."""
    try:
        return POOL.call(op, **arguments)
    except Exception:  # WorkerLost, or the renderer refused the spec: a missing chart, said
        return None


def isolated_map(requests: list[dict[str, Any]]) -> list[bytes | None]:
    """Run requests (`{"op": ..., **arguments}`) side by side; None for each that failed."""
    if not requests:
        return []
    with ThreadPoolExecutor(max_workers=POOL.slots) as pool:
        return list(pool.map(lambda r: call(**r), requests))


def pngs(charts: list) -> list[bytes | None]:
    """Draw Altair charts as PNG (scale 2) in the workers; None for any that failed."""
    # Our builders produce known-good specs; skipping Altair's schema validation saves ~0.1 s each.
    return isolated_map([{"op": "png", "spec": c.to_dict(validate=False), "scale": 2}
                         for c in charts])  # fmt: skip


def pdf(doc: Document) -> bytes | None:
    """Lay out the report as PDF in a worker; None when the worker failed or overran.

    The layout is pure Python that holds the interpreter for seconds on a long strategy: in a
    worker it costs that one request, and the other sessions' pages stay quick.
    """
    try:
        return PDF_POOL.call("pdf", doc=doc)
    except WorkerLost:
        return None
