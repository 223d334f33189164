"""Show an Altair chart without Streamlit's Altair path, which serialises every session."""

from __future__ import annotations

import altair as alt
import streamlit as st


def spec(chart: alt.TopLevelMixin) -> dict:
    """Return a chart's Vega-Lite spec, unvalidated (see `show`).

    Args:
        chart: A chart from `strategy.analytics.charts` (data already capped at 5,000 rows).

    Returns:
        The spec, with its data inline.
    """
    built = chart.to_dict(validate=False)
    # Altair's default theme fixes a 300 px view; Streamlit sizes charts to their container.
    view = built.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    return built


def show(chart: alt.TopLevelMixin | dict) -> None:
    """Render a chart (or a spec from `spec`) without Streamlit's Altair path.

    `st.altair_chart` converts charts under one process-wide lock, with Altair's schema
    validation inside it: with a room of people on the Analytics step, each chart waits for
    everyone else's. The builders in `strategy.analytics.charts` are validated by their unit
    tests, so here the spec is built without validation, outside any lock.
    """
    st.vega_lite_chart(chart if isinstance(chart, dict) else spec(chart))
