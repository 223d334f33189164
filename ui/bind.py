"""Widgets seeded from the strategy that write back on change.

Streamlit deletes a widget's key when the user leaves its page, so the strategy is the only
source of truth: each widget is seeded from it when its key is missing, and an on_change
callback writes the new value back at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from strategy.core.i18n import _
from strategy.core.storage import validation_problems
from ui.state import ERROR_PREFIX, WIDGET_PREFIX, strategy
from ui.text import safe


def resolve(path: str) -> tuple[Any, str]:
    """Return (object, attribute) for a dotted path into the strategy, e.g. "why.statement"."""
    obj: Any = strategy()
    *parents, last = path.split(".")
    for part in parents:
        obj = getattr(obj, part)
    return obj, last


def read(path: str) -> Any:
    """Read a value from the strategy by dotted path."""
    obj, attr = resolve(path)
    return getattr(obj, attr)


def write(path: str, value: Any) -> None:
    """Write a value into the strategy, keeping the old one (and saying why) if it is refused."""
    obj, attr = resolve(path)
    try:
        setattr(obj, attr, value)
    except ValidationError as exc:
        st.session_state[ERROR_PREFIX + path] = validation_problems(exc, limit=1)[0].reason
    else:
        st.session_state.pop(ERROR_PREFIX + path, None)


STALE = object()


def current(key: str) -> Any:
    """Return a widget's value in its on_change callback, or STALE when it has been forgotten.

    A browser can send a widget's value after the strategy was replaced (a demo, a resumed
    file, "Clear my data") deleted that widget's key; Streamlit still calls the callback, and
    the value belongs to the strategy that is gone, so it must not be written into the new one.
    """
    try:
        return st.session_state[key]
    except KeyError:
        return STALE


def widget(
    factory: Callable[..., Any],
    label: str,
    path: str,
    *,
    to_widget: Callable[[Any], Any] = lambda v: v,
    from_widget: Callable[[Any], Any] = lambda v: v,
    **kwargs: Any,
) -> Any:
    """Render a Streamlit input bound to a strategy field.

    Args:
        factory: The Streamlit widget function (st.text_input, st.multiselect, ...).
        label: The widget's label.
        path: Dotted path of the strategy field.
        to_widget: Converts the stored value to the widget's value.
        from_widget: Converts the widget's value to the stored value.
        **kwargs: Passed to the widget.

    Returns:
        The widget's current value.
    """
    key = WIDGET_PREFIX + path
    if key not in st.session_state:
        st.session_state[key] = to_widget(read(path))

    def _changed() -> None:
        value = current(key)
        if value is not STALE:
            write(path, from_widget(value))

    value = factory(label, key=key, on_change=_changed, **kwargs)
    error = st.session_state.get(ERROR_PREFIX + path)
    if error:
        st.error(
            _("{label}: {error}. Your last valid entry is kept.").format(
                label=label, error=safe(error)
            )
        )
    return value


def pick_many(label: str, path: str, items: list) -> Any:
    """Multi-select pills over library items (anything with `id` and `title`), bound to a list."""
    titles = {i.id: i.title for i in items}
    return widget(
        st.pills, label, path, options=list(titles), format_func=titles.get, selection_mode="multi"
    )
