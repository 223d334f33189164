"""Fit an editable table's columns so their text shows whole (see ui.table.model_table).

Streamlit's data grid draws its cells on a canvas: CSS cannot wrap them, and a cell's text that
is wider than its column is cut at the column's edge. So, from the rows the editor starts with:

- when a text column holds a value longer than the column shows, rows are as many lines high as
  the longest needs (at least three: Streamlit lets cell text wrap above a row height of 4 rem);
- a dropdown column is as wide as its longest option ("Rarely or never, but want to use this
  year"); Streamlit would size it by the stored values;
- the column that names a row is pinned: where the table is wider than its box it scrolls
  sideways inside that box with the row's name in view. On a phone a wide naming column (the
  plan's "What") is made narrower first, so the others have room to scroll into.

In workshop mode the grid's type follows the root font size (ui.layout_css): 19.25 px, and the
row heights and widths here grow with it. A phone is told by its browser's user agent: the
server does not know the width of the screen.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from ui.layout_css import ROOT_PX
from ui.state import app_state

BASE_PX = 16  # Streamlit's root font size outside workshop mode
CELL_EM = 0.875  # the grid's type is Streamlit's small size, 0.875 rem
CHAR_EM = 0.46  # an average character of the grid's font (Source Sans), as a share of its size
PADDING_PX = 8  # on each side of a cell's text
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}
AUTO_WIDTH_PX = 500  # Streamlit's widest column when it sizes a column to its content
DROPDOWN_PX = 28  # a dropdown cell's arrow
HEADER_ICON_PX = 24  # an editable column's header icon
WIDE_TABLE_PX = 900  # a table wider than this scrolls sideways at 1280 px and below
PIN_MAX_PX = 300  # a naming column up to this wide is pinned (a phone's is narrowed first)
PHONE_NAME_PX = 190  # a phone's naming column: room left for the others in a 358 px box
MIN_LINES, MAX_LINES = 3, 6  # a wrapping row's height, in lines of text
LINE_HEIGHT = 1.4  # the grid's line height
WORD_WRAP = 0.85  # the share of a line that wrapped words fill, on average


def phone_browser() -> bool:
    """Whether this session's browser says it is a phone ("Mobile" in its user agent)."""
    try:
        headers = st.context.headers
    except Exception:  # no browser behind this session (AppTest)
        return False
    agent = headers.get("User-Agent") or ""
    return "Mobile" in agent or headers.get("Sec-CH-UA-Mobile") == "?1"


def _width_px(width: Any, root: float) -> float:
    if isinstance(width, int | float):
        return float(width)
    if isinstance(width, str) and width in NAMED_WIDTHS:
        return NAMED_WIDTHS[width] * root / BASE_PX
    return AUTO_WIDTH_PX * root / BASE_PX


def fit_columns(
    columns: dict[str, Any],
    frame: pd.DataFrame,
    *,
    required: str,
    workshop: bool = False,
    phone: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Column configs and data editor arguments under which the table's text shows whole.

    Args:
        columns: Column name to `st.column_config` entry (a dict), in display order.
        frame: The rows the editor starts with.
        required: The column that names a row (pinned).
        workshop: Whether the grid is in projector type.
        phone: Whether the browser is a phone's (a narrow naming column).

    Returns:
        The column configs (copies, with widths and the pin added where none was given) and
        extra keyword arguments for `st.data_editor` (`row_height` when text must wrap).
    """
    root = ROOT_PX if workshop else BASE_PX
    font = CELL_EM * root
    char = CHAR_EM * font
    fitted: dict[str, Any] = {
        name: dict(config) if isinstance(config, dict) else config
        for name, config in columns.items()
    }
    natural: dict[str, float] = {}  # each column's width, as given or as Streamlit would size it
    for name, config in fitted.items():
        if not isinstance(config, dict):
            natural[name] = _width_px(None, root) / 4
            continue
        kind = (config.get("type_config") or {}).get("type")
        header = len(str(config.get("label") or name)) * char + 2 * PADDING_PX + HEADER_ICON_PX
        if kind == "selectbox" and config.get("width") is None:
            options = (config.get("type_config") or {}).get("options") or []
            # Options are values, or {"value", "label"} when the column has a format_func.
            labels = [str(o.get("label", "")) if isinstance(o, dict) else str(o) for o in options]
            longest = max((len(t) for t in labels), default=0)
            config["width"] = round(max(header, longest * char + 2 * PADDING_PX + DROPDOWN_PX))
        if config.get("width") is not None:
            natural[name] = _width_px(config["width"], root)
        elif kind == "text" and name in frame:
            values = frame[name].dropna().astype(str)
            longest = int(values.str.len().max()) if len(values) else 0
            natural[name] = min(_width_px(None, root), max(header, longest * char + 2 * PADDING_PX))
        else:
            natural[name] = header
    naming = fitted.get(required)
    if isinstance(naming, dict):
        if phone and natural[required] > PHONE_NAME_PX:
            naming["width"] = PHONE_NAME_PX
            natural[required] = PHONE_NAME_PX
        if naming.get("pinned") is None:
            # Where the table scrolls sideways in its box, the row's name stays in view (Streamlit
            # greys a pinned column's text); a wide one would leave no room to scroll into.
            wide = sum(natural.values()) > WIDE_TABLE_PX or phone
            naming["pinned"] = wide and natural[required] <= PIN_MAX_PX * root / BASE_PX
    lines = 1
    for name, config in fitted.items():
        kind = (config.get("type_config") or {}).get("type") if isinstance(config, dict) else None
        if kind == "text" and name in frame:
            shows = max(1.0, (natural[name] - 2 * PADDING_PX) / char)
            values = frame[name].dropna().astype(str)
            longest = int(values.str.len().max()) if len(values) else 0
            if longest > shows:
                # Words wrap whole: a line holds less than the column's width in characters.
                lines = max(lines, math.ceil(longest / (shows * WORD_WRAP)))
    extra: dict[str, Any] = {}
    if lines > 1:
        # Above 4 rem Streamlit lets a text cell wrap: lines of text and the cell's padding.
        lines = min(max(lines, MIN_LINES), MAX_LINES)
        extra["row_height"] = max(
            round(4 * root) + 2, round(lines * LINE_HEIGHT * font + 2 * PADDING_PX)
        )
    return fitted, extra


def frame_table(frame: pd.DataFrame, *, column_config: dict[str, Any] | None = None) -> None:
    """Show a read-only table (no index) fitted as an editable one is: see `fit_columns`.

    Its first column names a row: pinned where the table scrolls sideways. Text columns with
    long values ("Keep posts under 100 characters", a post's text) wrap in taller rows.

    Args:
        frame: The table.
        column_config: Column configs of the page's own (a link column), kept as given.
    """
    texts = {
        name
        for name in frame.columns
        if isinstance(frame[name].dtype, pd.StringDtype)
        or (
            frame[name].dtype == object
            and all(isinstance(v, str) for v in frame[name].dropna().tolist())
        )
    }
    configs: dict[str, Any] = {
        str(name): st.column_config.TextColumn(str(name))
        if name in texts
        else st.column_config.Column(str(name))
        for name in frame.columns
    } | (column_config or {})
    fitted, extra = fit_columns(
        configs,
        frame,
        required=str(frame.columns[0]) if len(frame.columns) else "",
        workshop=app_state().workshop,
        phone=phone_browser(),
    )
    st.dataframe(frame, hide_index=True, column_config=fitted, **extra)
