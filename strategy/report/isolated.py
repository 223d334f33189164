"""Draw charts and lay out PDFs in worker processes, away from the server every session shares.

A PDF's charts are drawn as SVG by chart workers, one chart a call and two at a time, then the
PDF worker lays out the text and the drawings. vl-convert runs V8 and Rust code that can abort
its whole process (it did on a character XML forbids) or hang, and it holds the interpreter
lock while it works: in its own worker an abort costs one chart, and the server's other
sessions keep their interpreter. A chart whose worker died, overran its time or its memory is
missing from the PDF, which says so in its place.
"""

from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from strategy.core.library import Library
from strategy.core.model import Strategy
from strategy.core.storage import dumps
from strategy.demo.datasets import demo_only
from strategy.importers.dataset import Dataset
from strategy.report.blocks import Document, Image
from strategy.workers.pool import Pool, WorkerLost

# V8 reserves far more address space than it uses, so chart workers are bounded by a watch on
# their resident memory, not by an address-space cap. Two at a time: one per core.
POOL = Pool("chart", idle_max=2, slots=2, timeout_s=30.0, rss_mb=1024)
PDF_SECONDS = 120.0  # a strategy at every maximum lays out ~400 pages in about 6 s here
# One PDF at a time per core: a room's PDFs queue here instead of slowing each other (and
# everyone's pages) down.
PDF_POOL = Pool("pdf", idle_max=2, slots=2, timeout_s=PDF_SECONDS, rss_mb=1024)


def call(op: str, **arguments: Any) -> bytes | None:
    """Run one chart op in a worker; None when it crashed, stalled, bloated or refused."""
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


def pngs(specs: list[dict]) -> list[bytes | None]:
    """Draw Vega-Lite specs as PNG, each in a worker call of its own; None for any that failed."""
    return isolated_map([{"op": "png", "spec": spec} for spec in specs])


def warm() -> None:
    """Start chart and PDF workers in the background, so the first PDF finds them ready."""
    POOL.warm()
    PDF_POOL.warm()


def spec_key(spec: dict) -> str:
    """A chart's identity: the same spec (data included) always draws the same chart."""
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def draw_charts(
    doc: Document, drawings: dict[str, bytes] | None = None, *, keep_others: bool = False
) -> Document:
    """The document with each chart drawn as SVG by the chart workers.

    Args:
        doc: The report, its charts as specs.
        drawings: Drawings from an earlier PDF, by `spec_key`. A chart found there is not
            drawn again; afterwards it holds this document's drawings only.
        keep_others: Keep the other drawings too (the demo's, shared by every session).

    Returns:
        The document with every chart drawn, or marked missing (no drawing and no spec).
    """
    cache = drawings if drawings is not None else {}
    charts = {
        i: spec_key(b.spec)
        for i, b in enumerate(doc.blocks)
        if isinstance(b, Image) and b.drawn is None and b.spec is not None
    }
    wanted = sorted({key for key in charts.values() if key not in cache})
    specs = {charts_key: doc.blocks[i].spec for i, charts_key in charts.items()}  # type: ignore[union-attr]
    fresh = dict(
        zip(wanted, isolated_map([{"op": "svg", "spec": specs[k]} for k in wanted]), strict=True)
    )
    known = {key: cache.get(key) or fresh.get(key) for key in set(charts.values())}
    if not keep_others:
        cache.clear()
    elif len(cache) > MAX_SHARED:
        cache.clear()  # a bound, not an eviction policy: the demo has a few dozen charts
    cache.update({key: svg for key, svg in known.items() if svg is not None})
    blocks = list(doc.blocks)
    for i, key in charts.items():
        block = blocks[i]
        assert isinstance(block, Image)
        svg = known[key]
        # A chart no worker could draw keeps no spec: the PDF worker must not try it again.
        blocks[i] = replace(block, drawn=svg, spec=block.spec if svg is not None else None)
    return replace(doc, blocks=blocks)


# The demo's charts, drawn once for every session: they hold only the built-in demo data and
# the app's own words, nothing a user entered or uploaded (see `_shareable`).
_DEMO_DRAWINGS: dict[str, bytes] = {}
MAX_SHARED = 200
# One session draws them while the others wait: a room pressing "Generate PDF" together would
# otherwise draw the same charts once each (30 sessions: 180 drawings, 20 s of the cores).
_DEMO_LOCK = threading.Lock()


def _shareable(strategy: Strategy, datasets: list[Dataset]) -> bool:
    """Whether the charts are the demo's alone: its data, and no follower count typed in."""
    typed = strategy.analytics.followers or strategy.analytics.follower_totals
    return demo_only((datasets,)) and not typed


# Threads that only wait on the workers; they hold no state of their own between calls.
_AHEAD = ThreadPoolExecutor(max_workers=2, thread_name_prefix="charts-ahead")


def drawing_key(
    strategy: Strategy,
    datasets: list[Dataset],
    zone: str | None = None,
    names: dict[str, str] | None = None,
) -> tuple:
    """What a PDF's charts depend on: the datasets (by identity), language and analysis choices.

    The zone the page reads hours in and the account names given this session count too. The
    notes are left out: they are printed, not charted. A text edit elsewhere changes no chart
    either, so charts drawn ahead for this key serve every PDF made with it.
    """
    return (
        tuple(map(id, datasets)),
        strategy.profile.language,
        strategy.analytics.model_dump_json(exclude={"notes"}),
        zone,
        tuple(sorted((names or {}).items())),
    )


def pdf_key(
    strategy: Strategy,
    datasets: list[Dataset],
    zone: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """What a PDF depends on: the whole strategy, which tables it charts, zone and names.

    A table is named by its upload, file, sheet and format and its row count, so a PDF made
    before the uploads changed is never offered as current (the number of tables alone said
    nothing when one file replaced another).
    """
    parts = [
        dumps(strategy),
        *(f"{ds.key}|{len(ds.frame)}".encode() for ds in datasets),
        repr((zone, sorted((names or {}).items()))).encode(),
    ]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def draw_ahead(
    strategy: Strategy,
    lib: Library,
    datasets: list[Dataset],
    drawings: dict[str, bytes],
    *,
    zone: str | None = None,
    names: dict[str, str] | None = None,
) -> Future[None] | None:
    """Start drawing the PDF's charts into the session's `drawings`, before it is asked for.

    The Export page calls this as it opens: a person reads the page before pressing "Generate
    PDF", and by then the charts (half of the PDF's time) are drawn. The charts depend on the
    data and the analysis options only, so a text edit in between does not waste them. The
    demo's charts are shared (`report`) and are not drawn ahead.

    Returns:
        The drawing's future (wait on it before `report` uses the same `drawings`), or None
        when there is nothing to draw ahead.
    """
    if not datasets or _shareable(strategy, datasets):
        return None
    copy = strategy.model_copy(deep=True)  # the session may edit its own while this runs

    def draw() -> None:
        try:
            doc = PDF_POOL.call(
                "document",
                strategy=copy,
                lib=lib,
                datasets=list(datasets),
                zone=zone,
                names=dict(names or {}),
            )
        except WorkerLost:
            return
        draw_charts(doc, drawings)

    return _AHEAD.submit(draw)


def report(
    strategy: Strategy,
    lib: Library,
    datasets: list[Dataset],
    drawings: dict[str, bytes] | None = None,
    *,
    zone: str | None = None,
    names: dict[str, str] | None = None,
) -> bytes | None:
    """The strategy's PDF, every step of it in workers; None when a worker failed.

    The document is built (the analysis, the chart specs) in a PDF worker too: in the server
    it held the interpreter for a quarter of a second a PDF, which a room making thirty PDFs
    at once took from everyone's pages.

    Args:
        strategy: The strategy.
        lib: The content library.
        datasets: The exports (or the demo's) whose charts go in.
        drawings: The session's own chart drawings, reused and refreshed (see `draw_charts`).
        zone: The zone the Analytics page reads hours in (the browser's) when the strategy
            names none, so the PDF's hours are the page's.
        names: The account names the user gave this session (by dataset key).
    """
    try:
        doc = PDF_POOL.call(
            "document",
            strategy=strategy,
            lib=lib,
            datasets=datasets,
            zone=zone,
            names=dict(names or {}),
        )
    except WorkerLost:
        return None
    if _shareable(strategy, datasets):
        # A room on the demo draws its charts once, not once a participant.
        with _DEMO_LOCK:
            doc = draw_charts(doc, _DEMO_DRAWINGS, keep_others=True)
        return pdf(doc)
    return pdf(doc, drawings)


def pdf(doc: Document, drawings: dict[str, bytes] | None = None) -> bytes | None:
    """Draw the charts, then lay out the report as PDF; None when the PDF worker failed.

    Args:
        doc: The report.
        drawings: The session's own chart drawings, reused and refreshed (see `draw_charts`).
    """
    drawn = draw_charts(doc, drawings)
    try:
        return PDF_POOL.call("pdf", doc=drawn)
    except WorkerLost:
        return None
