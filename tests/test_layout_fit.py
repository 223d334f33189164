"""Charts and editable tables fitted to a phone and a projector (ui/chart.py, ui/table_fit.py).

The browser tests (test_browser_layout.py) check the result on screen; these check the specs and
column configs the app sends, quickly.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from strategy.analytics import Options, analyze, charts
from strategy.analytics.tables import follower_lines, follower_points, rate_table
from strategy.demo.datasets import demo_datasets
from ui.chart import readable, spec
from ui.table_fit import fit_columns


def _texts(node) -> list[dict]:
    """Every text mark definition of a spec."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("mark"), dict) and node["mark"].get("type") == "text":
            found.append(node["mark"])
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                found += _texts(child)
    return found


def test_a_title_is_broken_into_lines_that_fit_the_chart_in_the_browser():
    points = pd.DataFrame(
        {
            "account": ["a"],
            "platform": ["x"],
            "followers": [1000],
            "source": ["typed"],
            "rate": [0.01],
            "rows": [10],
        }
    )
    lines = pd.DataFrame(columns=["x0", "x1", "value", "platform", "label", "cite"])
    built = spec(charts.engagement_vs_followers(points, lines, "interactions"))
    before = json.dumps(built)
    fitted = readable(built)
    assert json.dumps(built) == before, "the memoised spec is left as it was"
    title = fitted["title"]
    # The widest choice is one line; a phone's chart (358 px) gets lines of at most 40.
    assert title["text"]["expr"].startswith("containerSize()[0] >= ")
    assert '["Engagement against follower count"]' in title["text"]["expr"]
    assert "signal" in title["subtitle"] and title["limit"] == 0
    assert fitted["autosize"] == {"type": "fit-x", "contains": "padding"}
    # A label beside a point is kept inside the plot.
    assert all("width - scale('x'" in m["dx"]["expr"] for m in _texts(fitted))
    assert fitted["config"]["legend"]["orient"]["signal"].startswith("containerSize()[0] < ")


def test_workshop_mode_makes_every_chart_text_at_least_18_px():
    table = pd.DataFrame(
        {
            "account": ["linkedin · Northwind HR", "instagram · Northwind Careers"],
            "platform": ["linkedin", "instagram"],
            "panel": ["interactions per follower, per post"] * 2,
            "median": [0.01, 0.02],
            "q1": [0.005, 0.01],
            "q3": [0.02, 0.03],
            "n": [10, 20],
        }
    )
    built = spec(charts.rate_panels(table)[0])
    fitted = readable(built, workshop=True)
    config = fitted["config"]
    for part in ("axis", "legend"):
        assert config[part]["labelFontSize"] >= 18 and config[part]["titleFontSize"] >= 18
    assert config["title"]["fontSize"] >= 24 and config["title"]["subtitleFontSize"] >= 18
    assert all(m["fontSize"] >= 18 for m in _texts(fitted))
    y = fitted["layer"][0]["encoding"]["y"]["axis"]
    # Long account names break into lines, each centred on its row, none hidden.
    assert "split(trim(replace(datum.label" in y["labelExpr"]
    assert y["labelFontSize"] >= 18 and y["labelOverlap"] is False
    assert fitted["height"]["step"] >= 2 * y["labelLineHeight"]
    assert readable(built)["config"].get("axis", {}).get("labelFontSize") is None


def test_the_demo_charts_keep_their_words_at_every_width_and_size():
    analysis = analyze(demo_datasets(), Options())
    rates = rate_table(analysis)
    points = follower_points(analysis)
    for chart in [
        *charts.rate_panels(rates),
        charts.engagement_vs_followers(points, follower_lines(analysis, points), "interactions"),
    ]:
        for workshop in (False, True):
            fitted = json.dumps(readable(spec(chart), workshop=workshop))
            assert "per follower, per post" in fitted


def _audit_columns() -> dict:
    usage = {"often": "Use often", "want": "Rarely or never, but want to use this year"}
    return {
        "network": st.column_config.TextColumn("Network", required=True),
        "handle": st.column_config.TextColumn("Handle or URL"),
        "usage": st.column_config.SelectboxColumn(
            "How often used", options=list(usage), format_func=lambda v: usage[str(v)]
        ),
    } | {
        f"has_{n}": st.column_config.CheckboxColumn(title)
        for n, title in enumerate(
            [
                "A current picture",
                "An up-to-date bio or headline",
                "Links that still work",
                "Contact options for people who may reach out",
                "A pinned post that shows what you are about",
            ]
        )
    }


def test_a_wide_table_pins_its_naming_column_and_sizes_dropdowns_by_their_words():
    frame = pd.DataFrame([{"network": "LinkedIn", "handle": "@northwind", "usage": "often"}])
    columns = _audit_columns()
    fitted, extra = fit_columns(columns, frame, required="network")
    assert fitted["network"]["pinned"] is True  # nine columns: it scrolls in its box
    assert fitted["usage"]["width"] >= 250  # "Rarely or never, but want to use this year"
    assert extra == {}  # short texts: one line a row
    assert columns["network"]["pinned"] is None, "the page's configs are left as they were"


def test_long_text_wraps_in_rows_tall_enough_and_a_phone_narrows_the_naming_column():
    what = "Book a hands-on training session for staff, after the why has been presented."
    frame = pd.DataFrame([{"what": what * 2, "owner": "Kim"}])
    columns = {
        "what": st.column_config.TextColumn("What", required=True, width="large"),
        "owner": st.column_config.TextColumn("Owner"),
    }
    fitted, extra = fit_columns(columns, frame, required="what")
    # Above 4 rem (64 px) Streamlit wraps a cell's text: three lines of 14 px and padding.
    assert fitted["what"]["pinned"] is False and extra["row_height"] > 64
    projector, bigger = fit_columns(columns, frame, required="what", workshop=True)
    assert bigger["row_height"] > 4 * 22 and bigger["row_height"] > extra["row_height"]
    phone, taller = fit_columns(columns, frame, required="what", phone=True)
    assert phone["what"]["width"] < 200 and phone["what"]["pinned"] is True
    assert taller["row_height"] > extra["row_height"]


def test_the_rules_table_keeps_its_rule_in_view_and_wraps_the_reasons():
    from strategy.analytics.folk_rules import results_table

    account = analyze(demo_datasets(), Options()).accounts[0]
    table = results_table(account.rules)
    columns = {str(c): st.column_config.TextColumn(str(c)) for c in table.columns}
    fitted, extra = fit_columns(columns, table, required="Rule")
    # Ten columns scroll sideways in their box: the rule stays; long reasons wrap.
    assert fitted["Rule"]["pinned"] is True and extra["row_height"] > 64
