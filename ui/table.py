"""An editable table bound to a list of models in the strategy."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel, ValidationError

from strategy.core.i18n import _, quote
from strategy.core.storage import validation_problems
from ui.bind import read, write
from ui.state import app_state, wkey
from ui.table_fit import fit_columns, phone_browser


def _clean(value: Any) -> Any:
    """Turn the editor's empty cells (None, NaN, NaT) into None and timestamps into dates."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def keys(path: str) -> tuple[str, str]:
    """The editor's key (its edits) and the key of the base table the edits apply to."""
    return wkey(path), wkey("base", path)


def reset(path: str) -> None:
    """Forget the editor's edits and base so it re-reads the strategy after code changed it."""
    for key in keys(path):
        st.session_state.pop(key, None)


def model_table(
    path: str,
    model: type[BaseModel],
    columns: dict[str, Any],
    *,
    to_row: Callable[[BaseModel], dict] | None = None,
    from_row: Callable[[dict], dict] | None = None,
    required: str,
    hidden: tuple[str, ...] = (),
    **kwargs: Any,
) -> list[str]:
    """Render a dynamic data editor over a list field and write valid rows back.

    The editor's base table is taken from the strategy once per page visit; Streamlit keeps the
    edits as deltas against that base, so the base must not change while the page is shown.

    Args:
        path: Dotted path of the list field in the strategy.
        model: The model of one row.
        columns: Column name to `st.column_config` entry, in display order.
        to_row: Model to row dict (defaults to model_dump).
        from_row: Row dict to model fields (defaults to the row itself).
        required: The column a row must have filled to count (empty rows are ignored).
        hidden: Fields carried along in the table but not shown (e.g. an internal key).
        **kwargs: Passed to st.data_editor.

    Returns:
        One message per row that could not be kept, naming the row and the field.
    """
    key, base_key = keys(path)
    # Streamlit words a required cell in English ("Please fill out this cell."): the check is
    # ours instead, in the session's language, and a text cell never shows Python's "None".
    # A required column with a default falls back to the model's default when left empty.
    needed = {
        c: cfg.get("label") or c
        for c, cfg in columns.items()
        if cfg.get("required") and cfg.get("default") is None
    }
    columns = {c: {**cfg, "required": False} for c, cfg in columns.items()}
    texts = [c for c, cfg in columns.items() if cfg["type_config"]["type"] in ("text", "selectbox")]
    if key not in st.session_state or base_key not in st.session_state:
        rows = [(to_row or (lambda m: m.model_dump()))(m) for m in read(path)]
        frame = pd.DataFrame(rows, columns=[*columns, *hidden])
        for column in texts:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
        st.session_state[base_key] = frame
    # Sized by the rows the editor started with, so its arguments stay the same while it is shown.
    shown, sizing = fit_columns(
        columns,
        st.session_state[base_key],
        required=required,
        workshop=app_state().workshop,
        phone=phone_browser(),
    )
    edited = st.data_editor(
        st.session_state[base_key],
        key=key,
        column_config=shown,
        column_order=list(columns),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        **(sizing | kwargs),
    )
    items, problems = [], []
    for number, row in enumerate(edited.to_dict("records"), start=1):
        row = {k: _clean(v) for k, v in row.items()}
        empty = [c for c in needed if not str(row.get(c) or "").strip()]
        if not str(row.get(required) or "").strip() and not any(
            str(row.get(c) or "").strip() for c in columns if c != required
        ):
            continue  # a blank row, as the editor adds one
        if empty:
            problems.append(
                _("Row {number} is not saved yet: fill in {columns}.").format(
                    number=number, columns=", ".join(quote(needed[c]) for c in empty)
                )
            )
            continue
        fields = (from_row or (lambda r: r))(row)
        fields = {k: v for k, v in fields.items() if v is not None}
        try:
            items.append(model.model_validate(fields))
        except ValidationError as exc:
            detail = "; ".join(str(p) for p in validation_problems(exc, limit=3))
            problems.append(
                _("Row {number} is not saved yet: {detail}").format(number=number, detail=detail)
            )
    write(path, items)
    return problems
