"""Every input is made through ui.bind, and every widget key by a helper of ui.state.

A resume, a demo or "Clear my data" forgets the widgets showing the old strategy by their keys'
prefix, and a bound widget writes back in its on_change callback: an input made another way
(a Streamlit widget called directly, a key written by hand) would show the old strategy, or
write on render. These tests read the source of the pages and ui modules (except the binding
API itself, ui/bind.py and ui/table.py) and fail on:

- a Streamlit input widget called or referred to (`st.text_input(...)`, `col.checkbox(...)`,
  `bind.something(st.radio, ...)`), but for `st.file_uploader` with an `upload_key(...)` key:
  an uploader's value is files the page reads once each, nothing can seed it from the
  strategy, and its key must change after "Clear my data" so the old files are not read again;
- a key helper (wkey, mapping_key, upload_key) used anywhere but directly in `bind.local(...)`
  or an uploader's key=: a page that forgets, seeds or reads a widget key itself is binding
  another way (bind.reseed, bind.forget and bind.current are the way);
- a key= given to a bind function (only bind.setting takes one: a fixed key that must outlive
  the strategy);
- a widget prefix written out, or a prefix constant used to build keys outside ui.state and
  ui.bind.

Buttons, download buttons and forms keep their literal keys: they hold no value to seed.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

from conftest import new_app

from ui.state import SESSION_KEY, WIDGET_PREFIX, wkey

ROOT = Path(__file__).resolve().parent.parent
# The binding API: the only modules that call Streamlit's input widgets.
API = {"ui/bind.py", "ui/table.py"}
# Where the key helpers and prefixes are defined.
KEYS_HOME = "ui/state.py"
INPUTS = {
    "text_input",
    "text_area",
    "selectbox",
    "multiselect",
    "radio",
    "checkbox",
    "toggle",
    "date_input",
    "time_input",
    "number_input",
    "data_editor",
    "pills",
    "segmented_control",
    "slider",
    "select_slider",
    "color_picker",
    "feedback",
    "chat_input",
    "file_uploader",
}
KEY_HELPERS = {"wkey", "mapping_key", "upload_key"}
PREFIXES = {"WIDGET_PREFIX", "ERROR_PREFIX", "MAPPING_PREFIX"}
# The prefix written out as a literal ("w:..." or f"w:...") anywhere but where it is defined.
LITERAL = re.compile(r"""\bf?["']w:""")


def sources() -> dict[str, str]:
    paths = [*ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/*.py"), ROOT / "streamlit_app.py"]
    return {str(p.relative_to(ROOT)): p.read_text("utf-8") for p in sorted(paths)}


def _name(node: ast.AST) -> str:
    """The dotted name of a called thing: "st.text_input", "bind.local", "wkey", "col.radio"."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _name(node.func) + "()"
    if isinstance(node, ast.Subscript):
        return _name(node.value) + "[]"
    return "?"


class Scan(ast.NodeVisitor):
    """Collect the ways a module makes an input or a key other than through the API."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.keys_home = where == KEYS_HOME  # the helpers and prefixes are defined there
        self.problems: list[str] = []
        self.bind_names = {"bind": "bind"}  # local name -> "bind" or "bind.<function>"
        self.allowed: set[int] = set()  # ids of helper calls in an allowed place

    def problem(self, node: ast.AST, text: str) -> None:
        self.problems.append(f"{self.where}:{getattr(node, 'lineno', '?')}: {text}")

    def bind_function(self, call: ast.Call) -> str | None:
        """ "local" for bind.local(...) (however imported), None when not a bind call."""
        name = _name(call.func)
        head, _, tail = name.partition(".")
        if head in self.bind_names:
            full = self.bind_names[head] + ("." + tail if tail else "")
            return full.removeprefix("bind.") if full != "bind" else None
        return None

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module == "streamlit":
            for alias in node.names:
                if alias.name in INPUTS:
                    self.problem(node, f"imports streamlit.{alias.name}: use ui.bind")
        if node.module == "ui.bind":
            for alias in node.names:
                self.bind_names[alias.asname or alias.name] = f"bind.{alias.name}"
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        called = self.bind_function(node)
        if called == "local":
            for arg in node.args:
                if isinstance(arg, ast.Call) and _name(arg.func) in KEY_HELPERS:
                    self.allowed.add(id(arg))
        if called is not None:
            for kw in node.keywords:
                if kw.arg != "key":
                    continue
                if called != "setting":
                    self.problem(node, f"bind.{called}(key=...): the API makes the key")
                elif not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)):
                    self.problem(node, "bind.setting's key is a fixed string")
        if isinstance(node.func, ast.Attribute) and node.func.attr == "file_uploader":
            for kw in node.keywords:
                if kw.arg == "key" and isinstance(kw.value, ast.Call):
                    if _name(kw.value.func) == "upload_key":
                        self.allowed.add(id(node.func))  # the uploader itself
                        self.allowed.add(id(kw.value))
        if isinstance(node.func, ast.Name) and node.func.id in KEY_HELPERS:
            if id(node) not in self.allowed and not self.keys_home:
                self.problem(node, f"{node.func.id}(...) outside bind.local(...): use the API")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in INPUTS and id(node) not in self.allowed:
            self.problem(node, f"{_name(node)}: make inputs with ui.bind")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in PREFIXES and not self.keys_home:
            self.problem(node, f"{node.id}: make keys with the helpers of ui.state")

    def visit_Constant(self, node: ast.Constant) -> None:
        if (
            isinstance(node.value, str)
            and node.value.startswith(WIDGET_PREFIX)
            and not self.keys_home
        ):
            self.problem(node, f"{node.value!r}: make keys with wkey")


def scan(where: str, source: str) -> list[str]:
    tree = ast.parse(source)
    found = Scan(where)
    # A call is visited before its func and arguments, so an allowed place is known first.
    found.visit(tree)
    return found.problems


def test_pages_and_ui_modules_make_inputs_and_keys_only_through_the_binding_api():
    problems = []
    for where, source in sources().items():
        if where in API:
            continue
        problems += scan(where, source)
    assert problems == [], "make inputs with ui.bind (its docstring lists them)"


def test_the_scan_finds_each_other_way_of_making_an_input_or_a_key():
    source = textwrap.dedent(
        """
        import streamlit as st
        from streamlit import radio
        from ui import bind
        from ui.bind import local as here
        from ui.state import WIDGET_PREFIX, upload_key, wkey

        st.text_input("a", key=wkey("a"))
        left, right = st.columns(2)
        left.checkbox("b")
        bind.text("c", "profile.name", key="c")
        bind.widget(st.selectbox, "d", "profile.kind")
        st.session_state.pop(wkey("why.statement"))
        st.session_state[WIDGET_PREFIX + "x"] = 1
        st.session_state["w:y"] = 2
        st.file_uploader("e", key="resume")
        bind.setting("workshop", key=wkey("workshop"))
        # The ways the API is meant to be used:
        bind.text("f", bind.local(wkey("f")))
        bind.flag("g", here(wkey("g")))
        st.file_uploader("h", key=upload_key("h"))
        bind.flag("i", bind.setting("workshop", key="workshop_toggle"), style="toggle")
        st.button("j", key="j")
        """
    )
    problems = [p.split(": ", 1)[1] for p in scan("example.py", source)]
    assert problems == [
        "imports streamlit.radio: use ui.bind",
        "st.text_input: make inputs with ui.bind",
        "wkey(...) outside bind.local(...): use the API",
        "left.checkbox: make inputs with ui.bind",
        "bind.text(key=...): the API makes the key",
        "st.selectbox: make inputs with ui.bind",
        "wkey(...) outside bind.local(...): use the API",
        "WIDGET_PREFIX: make keys with the helpers of ui.state",
        "'w:y': make keys with wkey",
        "st.file_uploader: make inputs with ui.bind",
        "bind.setting's key is a fixed string",
        "wkey(...) outside bind.local(...): use the API",
    ]


def test_no_page_or_helper_writes_the_widget_prefix_by_hand():
    offenders = []
    for where, source in sources().items():
        for n, line in enumerate(source.splitlines(), 1):
            if LITERAL.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{where}:{n}: {line.strip()}")
    defined = [o for o in offenders if o.startswith(KEYS_HOME) and "WIDGET_PREFIX =" in o]
    assert sorted(set(offenders) - set(defined)) == [], "use ui.state.wkey(...)"


def test_wkey_joins_its_parts_after_the_prefix():
    assert wkey("why.statement") == WIDGET_PREFIX + "why.statement"
    assert wkey("card", "linkedin", "tone") == "w:card:linkedin:tone"


def test_a_refused_entry_message_is_forgotten_when_a_demo_replaces_the_work():
    at = new_app()
    at.run()
    # What ui.bind.write leaves when a value is refused: a message about the old strategy.
    at.session_state["error:why.statement"] = "should have at most 5000 characters"
    at.button(key="demo_hr_team").click().run()
    assert at.session_state[SESSION_KEY].strategy.profile.name.startswith("Northwind")
    assert "error:why.statement" not in at.session_state
