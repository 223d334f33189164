"""The projector's charts: how many participants chose each answer, counts written on the bars."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from strategy.core.i18n import _


def answer_bars(table: pd.DataFrame, title: str) -> alt.LayerChart:
    """Horizontal bars of participants per answer, most first, each bar's count beside it.

    Args:
        table: Columns `label` and `people` (see `aggregate.counts`), a few dozen rows at most.
        title: What was counted ("Chosen channels").
    """
    people = _("Participants")
    base = alt.Chart(table).encode(
        y=alt.Y("label:N", sort="-x", title=None),
        x=alt.X("people:Q", title=people, axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("label:N", title=title), alt.Tooltip("people:Q", title=people)],
    )
    # The count is written beside each bar: colour and length are never the only carriers.
    bars = base.mark_bar(color="#1f5f66")
    counts = base.mark_text(align="left", dx=4, fontWeight="bold").encode(text="people:Q")
    layered = cast(alt.LayerChart, alt.layer(bars, counts))  # no facet encodings
    return layered.properties(title=title, height=alt.Step(34))


def readiness_bars(table: pd.DataFrame, title: str) -> alt.LayerChart:
    """Bars of how many of the sharing participants have each readiness item in place.

    Args:
        table: Columns `item`, `in_place` and `of` (see `aggregate.readiness`).
        title: The chart's title.
    """
    rows = table.assign(
        label=[f"{n} / {of}" for n, of in zip(table["in_place"], table["of"], strict=True)]
    )
    base = alt.Chart(rows).encode(
        y=alt.Y("item:N", sort=None, title=None),
        x=alt.X(
            "in_place:Q",
            title=_("Participants with it in place"),
            scale=alt.Scale(domain=[0, max([1, *(int(n) for n in rows["of"])])]),
            axis=alt.Axis(tickMinStep=1, format="d"),
        ),
    )
    bars = base.mark_bar(color="#1f5f66")
    counts = base.mark_text(align="left", dx=4, fontWeight="bold").encode(text="label:N")
    layered = cast(alt.LayerChart, alt.layer(bars, counts))  # no facet encodings
    return layered.properties(title=title, height=alt.Step(34))
