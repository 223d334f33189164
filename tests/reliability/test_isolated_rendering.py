"""PDFs and charts are drawn in worker processes: a crash or a stall there costs one chart only."""

from __future__ import annotations

import copy
import io
import os
import time

import altair as alt
import pandas as pd
import pytest
from pypdf import PdfReader

from strategy.report import isolated
from strategy.report.blocks import Document, Heading, Image


@pytest.fixture
def test_ops(monkeypatch):
    """Workers started in this test accept the crash and stall operations."""
    monkeypatch.setenv("SOCIAL_WHY_WORKER_TEST_OPS", "1")
    isolated.POOL.close()
    yield
    isolated.POOL.close()


def chart() -> dict:
    return (
        alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]}))
        .mark_line()
        .encode(x="x", y="y")
        .to_dict()
    )


def test_an_aborting_renderer_costs_its_chart_and_the_next_chart_is_drawn(test_ops):
    parent = os.getpid()
    assert isolated.isolated_map([{"op": "abort"}]) == [None]
    assert os.getpid() == parent  # this process lives on
    (image,) = isolated.pngs([chart()])
    assert image is not None and image.startswith(b"\x89PNG")


def test_a_stalled_renderer_is_stopped_at_its_time_limit(test_ops, monkeypatch):
    monkeypatch.setattr(isolated.POOL, "timeout_s", 2.0)
    started = time.monotonic()
    assert isolated.isolated_map([{"op": "sleep", "seconds": 30}]) == [None]
    assert time.monotonic() - started < 15
    # The next chart needs a fresh worker (start-up plus vl-convert's first chart): it gets the
    # usual limit, since the short one was only there to stop the stall quickly.
    monkeypatch.setattr(isolated.POOL, "timeout_s", 30.0)
    (image,) = isolated.pngs([chart()])
    assert image is not None and image.startswith(b"\x89PNG")


def test_a_spec_the_renderer_refuses_is_a_missing_chart_not_an_error():
    assert isolated.isolated_map([{"op": "png", "spec": {"mark": "nonsense"}}]) == [None]
    assert isolated.isolated_map([{"op": "unknown"}]) == [None]


def test_a_renderer_past_its_memory_limit_is_killed_and_the_next_chart_is_drawn(
    test_ops, monkeypatch
):
    monkeypatch.setattr(isolated.POOL, "rss_mb", 400)
    assert isolated.isolated_map([{"op": "allocate", "megabytes": 700}]) == [None]
    monkeypatch.setattr(isolated.POOL, "rss_mb", 1024)
    (image,) = isolated.pngs([chart()])
    assert image is not None and image.startswith(b"\x89PNG")


def test_a_renderer_that_aborts_on_one_chart_costs_that_chart_and_the_pdf_is_made(
    test_ops, exports
):
    isolated.PDF_POOL.close()
    aborting = {**chart(), "usermeta": {"test_abort": True}}
    doc = Document(
        "Title",
        "Sub",
        "1 Dec 2026",
        [
            Heading("Charts"),
            Image(None, "The first reading.", "First chart", spec=chart()),
            Image(None, "The second reading.", "Second chart", spec=aborting),
        ],
    )
    made = isolated.pdf(doc)
    isolated.PDF_POOL.close()
    assert made is not None and made.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(made))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "The first reading." in text
    assert "This chart could not be drawn. The second reading." in text
    assert exports.pdf_figures(reader) == ["First chart"]


def test_the_pdf_worker_draws_every_chart_of_the_document(exports):
    doc = Document(
        "Title",
        "Sub",
        "1 Dec 2026",
        [Heading("Charts")]
        + [Image(None, f"Reading {i}.", f"Chart {i}", spec=chart()) for i in range(3)],
    )
    made = isolated.pdf(doc)
    assert made is not None
    reader = PdfReader(io.BytesIO(made))
    assert exports.pdf_figures(reader) == ["Chart 0", "Chart 1", "Chart 2"]
    assert "could not be drawn" not in " ".join(p.extract_text() for p in reader.pages)


def test_a_pdf_made_again_reuses_the_sessions_drawings_and_keeps_only_its_own(monkeypatch):
    drawn_specs: list[dict] = []
    real = isolated.isolated_map

    def counting(requests):
        drawn_specs.extend(r["spec"] for r in requests)
        return real(requests)

    monkeypatch.setattr(isolated, "isolated_map", counting)
    first, second = chart(), {**chart(), "title": "Another"}
    doc = Document(
        "T",
        "S",
        "1 Dec 2026",
        [Image(None, "r", "a", spec=first), Image(None, "r", "b", spec=second)],
    )
    drawings: dict[str, bytes] = {}
    assert isolated.pdf(doc, drawings) is not None
    assert len(drawn_specs) == 2 and len(drawings) == 2
    assert isolated.pdf(doc, drawings) is not None
    assert len(drawn_specs) == 2  # nothing drawn the second time
    changed = Document("T", "S", "1 Dec 2026", [Image(None, "r", "a", spec=first)])
    assert isolated.pdf(changed, drawings) is not None
    assert list(drawings) == [isolated.spec_key(first)]  # the dropped chart is forgotten


def test_the_demos_charts_are_drawn_once_for_every_session_and_uploads_never_shared(
    monkeypatch,
):
    from strategy.core.library import load_library
    from strategy.core.model import Strategy
    from strategy.demo.datasets import demo_datasets

    drawn: list[dict] = []
    real = isolated.isolated_map
    monkeypatch.setattr(isolated, "isolated_map", lambda r: drawn.extend(r) or real(r))
    monkeypatch.setattr(isolated, "_DEMO_DRAWINGS", {})
    lib, demo = load_library(), demo_datasets()
    for _session in range(2):
        assert isolated.report(Strategy(), lib, demo, {}) is not None
    first = len(drawn)
    assert first > 0 and len(isolated._DEMO_DRAWINGS) == first  # drawn by the first only
    # A copy of the demo is not the demo (an upload could look the same): drawn, not shared.
    copies = [copy.copy(d) for d in demo]
    assert isolated.report(Strategy(), lib, copies, {}) is not None
    assert len(drawn) == 2 * first and len(isolated._DEMO_DRAWINGS) == first
    # A follower count typed in makes the charts the user's own.
    typed = Strategy()
    typed.analytics.followers = {"linkedin": 1234}
    session: dict[str, bytes] = {}
    assert isolated.report(typed, lib, demo, session) is not None
    assert len(isolated._DEMO_DRAWINGS) == first and session


def test_a_room_pressing_generate_together_draws_the_demos_charts_once(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from strategy.core.library import load_library
    from strategy.core.model import Strategy
    from strategy.demo.datasets import demo_datasets

    drawn: list[dict] = []
    real = isolated.isolated_map
    monkeypatch.setattr(isolated, "isolated_map", lambda r: drawn.extend(r) or real(r))
    monkeypatch.setattr(isolated, "_DEMO_DRAWINGS", {})
    lib, demo = load_library(), demo_datasets()
    with ThreadPoolExecutor(4) as room:
        made = list(room.map(lambda _: isolated.report(Strategy(), lib, demo, {}), range(4)))
    assert all(m is not None and m.startswith(b"%PDF") for m in made)
    assert len(drawn) == len(isolated._DEMO_DRAWINGS)  # each chart drawn by one session only


def test_charts_drawn_ahead_leave_the_pdf_only_its_layout(monkeypatch):
    from strategy.core.library import load_library
    from strategy.core.model import Strategy
    from strategy.demo.datasets import demo_datasets

    lib = load_library()
    uploads = [copy.copy(d) for d in demo_datasets()]  # like an upload: not the demo itself
    drawings: dict[str, bytes] = {}
    ahead = isolated.draw_ahead(Strategy(), lib, uploads, drawings)
    assert ahead is not None
    ahead.result(timeout=120)
    assert drawings and all(svg.lstrip().startswith(b"<svg") for svg in drawings.values())
    drawn: list[dict] = []
    real = isolated.isolated_map
    monkeypatch.setattr(isolated, "isolated_map", lambda r: drawn.extend(r) or real(r))
    edited = Strategy()
    edited.why.statement = "A text edit after the page opened."
    made = isolated.report(edited, lib, uploads, drawings)
    assert made is not None and drawn == []  # every chart was drawn ahead
    assert isolated.draw_ahead(Strategy(), lib, demo_datasets(), {}) is None  # shared anyway


def test_the_export_page_draws_an_uploads_charts_as_it_opens(make_app):
    from strategy.demo.datasets import demo_datasets
    from ui.state import SESSION_KEY

    at = make_app()
    at.run()
    state = at.session_state[SESSION_KEY]
    state.datasets = [copy.copy(d) for d in demo_datasets()]
    at.switch_page("pages/wizard/export.py").run()
    assert not at.exception
    assert state.drawing_ahead is not None
    state.drawing_ahead.result(timeout=120)
    assert state.chart_drawings
    ahead = state.drawing_ahead
    at.run()
    assert state.drawing_ahead is ahead  # the same data: not drawn again on a rerun
    at.button(key="make_pdf").click().run()
    assert not at.exception
    assert state.report_pdf and state.report_pdf.startswith(b"%PDF")
