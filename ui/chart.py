"""Show an Altair chart without Streamlit's Altair path, which serialises every session.

Before a chart is drawn its spec is fitted to where it is seen (`readable`): titles, subtitles,
axis titles and long axis labels are broken into lines that fit the chart's width, so nothing
is cut on a 390 px phone, and in workshop mode every text is projector-sized (at least 18 px).
The server does not know how wide the browser is: the line breaks that depend on the width
are Vega expressions on `containerSize()`, picked in the browser.
"""

from __future__ import annotations

import copy
import json
import math
import textwrap
from collections.abc import Iterator
from typing import Any

import altair as alt
import streamlit as st

from ui.state import app_state

# Source Sans, Streamlit's font: an average character is about this share of the font size.
CHAR_EM = 0.48
BOLD_CHAR_EM = 0.53
# Streamlit's theme at its 16 px root: title 16 px bold, axis titles 14 px, labels 12 px.
NORMAL = {"title": 16.0, "subtitle": 12.0, "axis_title": 14.0, "label": 12.0}
# Workshop mode, read from the back of a room on a 1280×720 projector.
WORKSHOP = {"title": 30.0, "subtitle": 20.0, "axis_title": 20.0, "label": 18.0}
MARK_TEXT_MIN = 18.0  # workshop mode: a text mark (a sample size, an account's name) at least
# A title or label is wrapped for these numbers of characters per line, the widest that fits.
LINE_LENGTHS = (16, 20, 26, 32, 40, 50, 64, 80, 100, 130, 170, 220)
LABEL_SHARE = 0.5  # at most this share of the chart's width for the y axis's labels
MAX_LABEL_LINES = 4  # a y label is centred on its tick for up to this many lines
X_TITLE_CHARS = 45  # an x axis title fits a phone's chart on lines of at most this length
WIDTH = "containerSize()[0]"
NARROW_PX = 560  # a chart narrower than this (a phone's) has its legend below


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


def _lines_expr(text: str, char_px: float, width: str = WIDTH) -> dict | list[str]:
    """Lines of `text` as a Vega expression: the fewest lines that fit `width` (the chart's)."""
    if not text:
        return [text]
    lengths = [n for n in LINE_LENGTHS if n < len(text)] + [len(text)]
    expr = json.dumps(textwrap.wrap(text, lengths[0]) or [text], ensure_ascii=False)
    for n in lengths[1:]:
        lines = json.dumps(textwrap.wrap(text, n), ensure_ascii=False)
        expr = f"{width} >= {math.ceil(n * char_px) + 10} ? {lines} : ({expr})"
    return {"expr": expr}


def _text(value: Any) -> str:
    return " ".join(value) if isinstance(value, list) else str(value)


def _fit_title(title: Any, sizes: dict[str, float]) -> dict:
    """A chart title (and subtitle) broken into lines that fit the chart's width."""
    params = dict(title) if isinstance(title, dict) else {"text": title}
    if isinstance(params.get("text"), (str, list)):
        params["text"] = _lines_expr(_text(params["text"]), sizes["title"] * BOLD_CHAR_EM)
    if isinstance(params.get("subtitle"), (str, list)):
        # Vega-Lite hands a subtitle expression on to Vega unchanged: Vega takes a signal.
        lines = _lines_expr(_text(params["subtitle"]), sizes["subtitle"] * CHAR_EM)
        params["subtitle"] = {"signal": lines["expr"]} if isinstance(lines, dict) else lines
    params.setdefault("fontSize", sizes["title"])
    params.setdefault("subtitleFontSize", sizes["subtitle"])
    params.setdefault("limit", 0)  # never shortened with an ellipsis: the lines fit
    return params


def _units(node: Any, sized: dict | None = None) -> Iterator[tuple[dict, dict]]:
    """Every view of a spec that has an encoding, with the view that sets its height."""
    if isinstance(node, dict):
        sized = node if "height" in node or sized is None else sized
        if "encoding" in node:
            yield node, sized
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from _units(child, sized)


def _height_px(height: Any) -> float | None:
    return float(height) if isinstance(height, (int, float)) else None


def _wrap_label_expr(limit_px: float, char_px: float) -> str:
    """A labelExpr breaking a long label into lines of what fits `limit_px` (or LABEL_SHARE)."""
    chars = f"max(8, floor(min({limit_px:.0f}, {WIDTH} * {LABEL_SHARE}) / {char_px:.2f}))"
    pattern = f"regexp('(.{{1,' + {chars} + '}})(\\\\s+|$)', 'g')"
    return f"split(trim(replace(datum.label, {pattern}, '$1\\n')), '\\n')"


def _centre_lines(wrap: str, line_px: float) -> dict:
    """A labelOffset centring a label of several lines on its tick (Vega puts its first there)."""
    return {
        "condition": [
            {"test": f"length({wrap}) == {n}", "value": -round((n - 1) * line_px / 2)}
            for n in range(2, MAX_LABEL_LINES + 1)
        ],
        "value": 0,
    }


def _fit_axes(
    unit: dict, sized: dict, sizes: dict[str, float], *, concat: bool, workshop: bool
) -> None:
    """Wrap a view's axis titles; let long y labels break into lines instead of an ellipsis."""
    title_px = sizes["axis_title"] * CHAR_EM
    label_px = sizes["label"] * CHAR_EM
    for channel in ("x", "y"):
        enc = unit["encoding"].get(channel)
        if not isinstance(enc, dict):
            continue
        title = enc.get("title")
        if isinstance(title, str) and title and channel == "x" and not concat:
            # Under the plot, which a phone's y labels make narrower than the chart: Vega
            # takes a signal for an axis title, and `width` is the plot's width.
            lines = _lines_expr(title, title_px, "width")
            if isinstance(lines, dict):
                axis = enc.get("axis")
                axis = dict(axis) if isinstance(axis, dict) else {}
                axis["title"] = {"signal": lines["expr"]}
                enc["axis"] = axis
                enc.pop("title")
        elif isinstance(title, str) and title:
            tall = _height_px(sized.get("height"))
            chars = max(12, int(tall / title_px)) if tall else X_TITLE_CHARS
            enc["title"] = textwrap.wrap(title, chars) or [title]
        axis = enc.get("axis")
        if channel == "y" and isinstance(axis, dict) and "labelLimit" in axis:
            limit = float(axis["labelLimit"]) * sizes["label"] / NORMAL["label"]
            line_px = round(sizes["label"] * 1.2)
            wrap = _wrap_label_expr(limit, label_px)
            axis.update(
                labelLimit={"expr": f"min({limit:.0f}, {WIDTH} * {LABEL_SHARE})"},
                labelExpr=wrap,
                labelFontSize=sizes["label"],
                labelLineHeight=line_px,
                labelOffset=_centre_lines(wrap, line_px),
                labelOverlap=False,  # every row keeps its label
            )
            rows = sized.get("height")
            if isinstance(rows, dict) and "step" in rows:
                # Room for a label of three lines on a phone (two on a projector, wider).
                lines = 2 if workshop else 3
                sized["height"] = {**rows, "step": max(rows["step"], lines * line_px + 4)}


def _marks(node: Any) -> Iterator[tuple[dict, dict]]:
    """Every mark definition (as a dict) in a spec, with its view."""
    if isinstance(node, dict):
        if isinstance(node.get("mark"), dict):
            yield node["mark"], node
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from _marks(child)


def _field(channel: Any) -> str | None:
    """The field a channel of an encoding shows ("account" of "account:N")."""
    if isinstance(channel, str):
        return channel.split(":")[0]
    if isinstance(channel, dict) and isinstance(channel.get("field"), str):
        return channel["field"]
    return None


def _keep_inside(mark: dict, view: dict, size: float) -> None:
    """Shift a left-aligned text mark left as far as it would run past the plot's right edge.

    A label beside a point (an account's name, a published figure's source) is drawn from the
    point rightwards: on a phone's narrow plot it would run off the chart. Its width is
    estimated from its length.
    """
    encoding = view.get("encoding", {})
    x, text = _field(encoding.get("x")), _field(encoding.get("text"))
    if mark.get("align", "left") != "left" or not x or not text:
        return
    at = f"scale('x', datum[{json.dumps(x)}])"
    wide = f"length(toString(datum[{json.dumps(text)}])) * {size * CHAR_EM:.2f}"
    dx = mark.get("dx", 0)
    mark["dx"] = {"expr": f"max(-{at}, min({dx}, width - {at} - {wide}))"}


def _scale_heights(node: Any, scale: float) -> None:
    """Make each view's rows (or fixed height) taller for projector-sized text."""
    if not isinstance(node, dict):
        return
    height = node.get("height")
    if isinstance(height, dict) and "step" in height:
        node["height"] = {**height, "step": round(height["step"] * scale)}
    elif isinstance(height, (int, float)):
        node["height"] = round(height * min(scale, 1.3))
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []):
            _scale_heights(child, scale)


def readable(built: dict, *, workshop: bool = False) -> dict:
    """Fit a chart's spec to its width and, in workshop mode, to a projector.

    Args:
        built: A spec from `spec` (left unchanged: a copy is returned).
        workshop: Whether to make every text at least 18 px (titles larger).

    Returns:
        The spec with titles and long labels in lines and, in workshop mode, larger type.
    """
    out = copy.deepcopy(built)
    sizes = WORKSHOP if workshop else NORMAL
    scale = sizes["label"] / NORMAL["label"]
    concat = any(key in out for key in ("vconcat", "hconcat", "concat"))
    if not concat:
        # Fit the width only: a fixed total height squeezes the plot under larger titles.
        out.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    if workshop:
        _scale_heights(out, scale)
    # A legend beside a phone's chart leaves the plot a third of the width: put it below.
    legend = out.setdefault("config", {}).setdefault("legend", {})
    legend.setdefault("orient", {"signal": f"{WIDTH} < {NARROW_PX} ? 'bottom' : 'right'"})
    if "title" in out:
        out["title"] = _fit_title(out["title"], sizes)
    for unit, sized in list(_units(out)):
        _fit_axes(unit, sized, sizes, concat=concat, workshop=workshop)
    for mark, view in list(_marks(out)):
        if mark.get("type") != "text":
            continue
        size = float(mark.get("fontSize", 11))
        if workshop:
            mark["fontSize"] = max(size, MARK_TEXT_MIN)
            for key in ("dx", "dy"):
                if key in mark:
                    mark[key] = round(mark[key] * mark["fontSize"] / size)
        if not concat:
            _keep_inside(mark, view, float(mark.get("fontSize", size)))
    if workshop:
        config = out.setdefault("config", {})
        fonts = {
            "labelFontSize": sizes["label"],
            "titleFontSize": sizes["axis_title"],
        }
        for part in ("axis", "legend", "header"):
            config[part] = {**config.get(part, {}), **fonts}
        config["legend"].update(symbolSize=200, labelLimit=400)
        config["title"] = {
            **config.get("title", {}),
            "fontSize": sizes["title"],
            "subtitleFontSize": sizes["subtitle"],
        }
    return out


def show(chart: alt.TopLevelMixin | dict) -> None:
    """Render a chart (or a spec from `spec`) without Streamlit's Altair path.

    `st.altair_chart` converts charts under one process-wide lock, with Altair's schema
    validation inside it: with a room of people on the Analytics step, each chart waits for
    everyone else's. The builders in `strategy.analytics.charts` are validated by their unit
    tests, so here the spec is built without validation, outside any lock.
    """
    built = chart if isinstance(chart, dict) else spec(chart)
    st.vega_lite_chart(readable(built, workshop=app_state().workshop))
