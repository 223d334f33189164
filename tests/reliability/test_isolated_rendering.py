"""Chart rendering runs in worker processes: a crash or a stall there costs one chart only."""

from __future__ import annotations

import os
import time

import altair as alt
import pandas as pd
import pytest

from strategy.report import isolated


@pytest.fixture
def test_ops(monkeypatch):
    """Workers started in this test accept the crash and stall operations."""
    monkeypatch.setenv("SOCIAL_WHY_WORKER_TEST_OPS", "1")
    isolated.POOL.close()
    yield
    isolated.POOL.close()


def chart() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_line().encode(x="x", y="y")


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
    (image,) = isolated.pngs([chart()])
    assert image is not None


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
