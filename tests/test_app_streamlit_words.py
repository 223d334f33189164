"""Streamlit's own English never reaches a Swedish page: placeholders, required and empty cells."""

from __future__ import annotations

import json

import pytest

from strategy.core.i18n import using
from ui.state import SESSION_KEY


def to_swedish(app):
    app.session_state[SESSION_KEY].strategy.profile.language = "sv"
    app.run()


def test_select_and_multiselect_placeholders_speak_the_sessions_language(app):
    app.switch_page("pages/wizard/why.py").run()
    assert [m.proto.placeholder for m in app.multiselect] == ["Choose options"]
    with using("sv"):
        to_swedish(app)
        assert [m.proto.placeholder for m in app.multiselect] == ["Välj alternativ"]


@pytest.mark.parametrize("page", ["audit", "plan"])
def test_no_table_column_asks_streamlit_to_require_a_cell(app, page):
    app.switch_page(f"pages/wizard/{page}.py").run()
    for table in app.get("dataframe"):
        columns = json.loads(table.proto.columns)
        assert columns and not any(c.get("required") for c in columns.values()), columns


def test_a_row_missing_its_required_cell_is_explained_in_swedish_and_kept_out(app):
    with using("sv"):
        to_swedish(app)
        app.switch_page("pages/wizard/plan.py").run()
        app.session_state["w:plan.recurring"] = {
            "edited_rows": {},
            "added_rows": [{"channel": "", "rhythm": "weekly", "what": None}],
            "deleted_rows": [],
        }
        app.run()
        assert not app.exception
        warnings = " ".join(w.value for w in app.warning)
        assert "Rad 1 är inte sparad än: fyll i ”Det du delar”." in warnings
        assert app.session_state[SESSION_KEY].strategy.plan.recurring == []


def test_empty_text_cells_are_empty_not_none(app):
    app.switch_page("pages/wizard/audit.py").run()
    app.session_state["w:audit.accounts"] = {
        "edited_rows": {},
        "added_rows": [{"network": "Mastodon"}],
        "deleted_rows": [],
    }
    app.run()
    app.switch_page("pages/wizard/plan.py").run()
    app.switch_page("pages/wizard/audit.py").run()  # a new visit builds the table again
    (table,) = app.get("dataframe")
    frame = table.value
    row = frame[frame["network"] == "Mastodon"].iloc[0]
    assert row["handle"] == "" and row["owner"] == ""
