"""The one way a page puts an input on screen: bound to the strategy, or kept in the session.

Streamlit deletes a widget's key when the user leaves its page, so the strategy is the only
source of truth: a bound widget is seeded from it when its key is missing, and an on_change
callback writes the new value back at once. A value the strategy refuses is not written: the
old one is kept and a message under the widget says why.

One function per kind of input; each returns the widget's value:

    text(label, path)                     a line of text (area=True: several lines)
    choice(label, path, options)          one of the options (style "select" or "radio")
    many(label, path, options)            some of them (style "multiselect" or "pills")
    flag(label, path)                     yes or no (style "checkbox" or "toggle")
    day(label, path)                      a date
    number(label, path)                   a number
    table(path, model, columns, ...)      an editable table over a list of models (ui.table)
    local_table(frame, local(key))        an editable table the page computes (session only)

and for code around them:

    reseed(path, value, *shown)           set a strategy value and show it in its widget(s)
    forget(*targets) / forget_under(...)  let widgets be seeded again on the next run
    read(path) / write(path, value)       a strategy value; write keeps the old one if refused
    assign(path, value)                   the same write, raising ValidationError (for a put)
    current(key)                          a widget's value in a callback (STALE if forgotten)

`path` is a dotted strategy path such as "why.statement" (its widget's key is
`wkey("why.statement")`), or a `Target` made by one of:

    field(*parts, get=..., put=...)       a strategy value no plain path reaches (a card's
                                          field, a channel's tick); its key is wkey(*parts)
    local(key)                            a value that lives only in the session: a draft, a
                                          confirmation, a view choice. Not seeded, not
                                          written; the widget's own default (value=, index=)
                                          applies. Its key comes from wkey (forgotten when
                                          the strategy is replaced) or ui.state.mapping_key.
    setting(attr, key=...)                an attribute of the session's AppState that outlives
                                          the strategy (workshop mode)

A resume, a demo or "Clear my data" forgets every key made with wkey (ui.state.clear_widgets),
so bound widgets show the new strategy and session-only ones start again; settings stay.
Pages and ui modules call no Streamlit input directly and make no widget key by hand;
tests/test_widget_keys.py fails when one does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import streamlit as st
from pydantic import BaseModel, ValidationError

from strategy.core.i18n import _
from strategy.core.storage import validation_problems
from ui.state import ERROR_PREFIX, app_state, strategy, wkey
from ui.text import safe

if TYPE_CHECKING:
    import pandas as pd


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


def assign(path: str, value: Any) -> None:
    """Write a value into the strategy; raises ValidationError if the model refuses it."""
    obj, attr = resolve(path)
    setattr(obj, attr, value)


def write(path: str, value: Any) -> None:
    """Write a value into the strategy, keeping the old one (and saying why) if it is refused."""
    _store(path, lambda: assign(path, value))


def _store(name: str, put: Callable[[], None]) -> None:
    """Run a write; a refusal is kept under the name for its widget to show."""
    try:
        put()
    except ValidationError as exc:
        st.session_state[ERROR_PREFIX + name] = validation_problems(exc, limit=1)[0].reason
    else:
        st.session_state.pop(ERROR_PREFIX + name, None)


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


@dataclass(frozen=True)
class Target:
    """Where a widget's value comes from and goes to.

    Attributes:
        key: The widget's session key.
        name: What a refused value's message is kept under (ERROR_PREFIX + name).
        get: The value to seed the widget with; None for a session-only widget.
        put: Writes a new value (raising ValidationError to refuse it); None: nothing to write.
    """

    key: str
    name: str
    get: Callable[[], Any] | None = None
    put: Callable[[Any], None] | None = None


def field(*parts: str, get: Callable[[], Any], put: Callable[[Any], None]) -> Target:
    """A strategy value no dotted path reaches, shown under the key wkey(*parts).

    Both functions look the value up when called (the strategy may have been replaced since
    the page ran); `put` raises ValidationError to refuse a value.
    """
    return Target(wkey(*parts), ":".join(parts), get, put)


def local(key: str) -> Target:
    """A widget whose value lives only in the session (make the key with wkey or mapping_key)."""
    return Target(key, key)


def setting(attr: str, *, key: str) -> Target:
    """A widget bound to an attribute of the session's AppState (kept when the strategy goes)."""
    if key.startswith(wkey()):
        raise ValueError(f"{key}: a setting's key must outlive the strategy, not use wkey")
    return Target(
        key, attr, lambda: getattr(app_state(), attr), lambda v: setattr(app_state(), attr, v)
    )


def _target(path: str | Target) -> Target:
    if isinstance(path, Target):
        return path
    return Target(wkey(path), path, lambda: read(path), lambda value: assign(path, value))


def _changed(target: Target) -> None:
    value = current(target.key)
    put = target.put
    if value is not STALE and put is not None:
        _store(target.name, lambda: put(value))


def _render(
    factory: Callable[..., Any],
    label: str,
    path: str | Target,
    *args: Any,
    fits: Callable[[Any], bool] = lambda _v: True,
    fit: Callable[[Any], Any] = lambda v: v,
    **kwargs: Any,
) -> Any:
    """Render one widget for a target: seeded and written back when it is bound.

    Args:
        factory: The Streamlit widget function.
        label: The widget's label.
        path: A dotted strategy path, or a Target.
        *args: Passed to the widget after the label (the options).
        fits: Whether a value the widget holds can still be shown (an option that went away
            is seeded again from the strategy).
        fit: Adjusts the seed to what the widget can show.
        **kwargs: Passed to the widget.

    Returns:
        The widget's value.
    """
    target = _target(path)
    key = target.key
    if target.get is not None:
        given = {"value", "index", "default"} & set(kwargs)
        if given:
            raise TypeError(f"{key} is seeded from its target: do not pass {sorted(given)}")
        if key not in st.session_state or not fits(st.session_state[key]):
            st.session_state[key] = fit(target.get())
        if target.put is not None:
            kwargs["on_change"] = _changed
            kwargs["args"] = (target,)
    value = factory(label, *args, key=key, **kwargs)
    error = st.session_state.get(ERROR_PREFIX + target.name)
    if error:
        st.error(
            _("{label}: {error}. Your last valid entry is kept.").format(
                label=label, error=safe(error)
            )
        )
    return value


def text(label: str, path: str | Target, *, area: bool = False, **kwargs: Any) -> str:
    """A text input (a text area with area=True); kwargs go to the Streamlit widget."""
    return _render(st.text_area if area else st.text_input, label, path, **kwargs)


def choice(
    label: str,
    path: str | Target,
    options: Sequence[Any],
    *,
    format_func: Callable[[Any], Any] | None = None,
    style: Literal["select", "radio"] = "select",
    **kwargs: Any,
) -> Any:
    """One of the options, as a select box or radio buttons.

    A bound widget whose value is no longer among the options (a channel unpicked elsewhere on
    the page) is seeded again from the strategy.
    """
    options = list(options)
    if format_func is not None:
        kwargs["format_func"] = format_func
    factory = st.radio if style == "radio" else st.selectbox
    if style == "select":
        # Streamlit's own words are English ("Choose an option"): say it in the session's.
        kwargs.setdefault("placeholder", _("Choose an option"))
    return _render(factory, label, path, options, fits=lambda v: v in options, **kwargs)


def many(
    label: str,
    path: str | Target,
    options: Sequence[Any],
    *,
    format_func: Callable[[Any], Any] | None = None,
    style: Literal["multiselect", "pills"] = "multiselect",
    **kwargs: Any,
) -> list:
    """Some of the options, as a multiselect or pills; stored values not offered are not shown."""
    options = list(options)
    if format_func is not None:
        kwargs["format_func"] = format_func
    if style == "pills":
        factory: Callable[..., Any] = st.pills
        kwargs["selection_mode"] = "multi"
    else:
        factory = st.multiselect
        kwargs.setdefault("placeholder", _("Choose options"))
    value = _render(
        factory,
        label,
        path,
        options,
        fits=lambda v: all(o in options for o in v or []),
        fit=lambda v: [o for o in v if o in options],
        **kwargs,
    )
    return list(value or [])


def pick_many(label: str, path: str, items: Iterable) -> list:
    """Pills over library items (anything with `id` and `title`), bound to a list of ids."""
    titles = {i.id: i.title for i in items}
    return many(label, path, list(titles), format_func=titles.get, style="pills")


def flag(
    label: str,
    path: str | Target,
    *,
    style: Literal["checkbox", "toggle"] = "checkbox",
    **kwargs: Any,
) -> bool:
    """Yes or no, as a checkbox or a toggle."""
    return bool(_render(st.toggle if style == "toggle" else st.checkbox, label, path, **kwargs))


def day(label: str, path: str | Target, **kwargs: Any) -> Any:
    """A date input; kwargs (min_value, max_value, format, ...) go to st.date_input."""
    return _render(st.date_input, label, path, **kwargs)


def number(label: str, path: str | Target, **kwargs: Any) -> Any:
    """A number input; kwargs (min_value, max_value, step, ...) go to st.number_input."""
    return _render(st.number_input, label, path, **kwargs)


def table(path: str, model: type[BaseModel], columns: dict[str, Any], **kwargs: Any) -> list[str]:
    """An editable table over a list of models in the strategy: see ui.table.model_table."""
    from ui.table import model_table  # it reads and writes through this module

    return model_table(path, model, columns, **kwargs)


def local_table(frame: pd.DataFrame, target: Target, **kwargs: Any) -> pd.DataFrame:
    """An editor over a table the page computes (not a strategy list); returns the edited table.

    Nothing is written anywhere: the page reads the edited table and decides.
    """
    if target.get is not None:
        raise TypeError(f"{target.key}: a strategy list is edited with table()")
    return st.data_editor(frame, key=target.key, **kwargs)


def forget(*targets: str | Target) -> None:
    """Forget what widgets hold (and their messages), so the next run seeds them again."""
    for target in map(_target, targets):
        st.session_state.pop(target.key, None)
        st.session_state.pop(ERROR_PREFIX + target.name, None)


def forget_under(*parts: str) -> None:
    """Forget every widget whose key is made from these parts and more (a whole draft form)."""
    prefix = wkey(*parts, "")
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]


def reseed(path: str, value: Any, *shown: str | Target) -> None:
    """Set a strategy value from code and have its widget, and any others named, show it.

    Args:
        path: Dotted path of the strategy field.
        value: Its new value (refused like a typed one: the old one stays, with a message).
        *shown: Other widgets showing that value, seeded again too.
    """
    forget(path, *shown)
    write(path, value)
