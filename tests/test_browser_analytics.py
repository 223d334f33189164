"""Real-browser flows: upload an export on the Analytics step; open a deep link first."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser


def test_upload_an_export_and_see_it_replace_the_demo(
    page: Page, server_url: str, tmp_path, wizard, exports
):
    export = tmp_path / "tweet_activity_metrics.csv"
    export.write_bytes(exports.x_legacy_en())
    wizard.open_step(page, server_url, "Analytics", "Measure the right thing")
    expect(page.get_by_text("Showing made-up demo data")).to_be_visible()
    expect(page.locator("[data-testid=stVegaLiteChart]").first).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").last.set_input_files(str(export))
    expect(page.get_by_text("Showing made-up demo data")).to_have_count(0)
    expect(page.get_by_text("Remove all uploaded data")).to_be_visible()
    page.screenshot(path=str(tmp_path / "analytics.png"), full_page=True)


def test_a_deep_link_on_a_fresh_server_gets_the_router_and_sidebar(page: Page, fresh_server_url):
    page.goto(f"{fresh_server_url}/plan")
    expect(page.get_by_role("heading", name="Plan, act, review")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Save progress")).to_be_visible(timeout=20_000)
    expect(page.get_by_text("steps complete")).to_be_visible()
    # Streamlit's legacy-mode notice may show once per server start; it closes and work goes on.
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Why").click()
    expect(page.get_by_role("heading", name="Find your why")).to_be_visible(timeout=20_000)


def test_workshop_mode_with_a_demo_persona(page: Page, server_url: str, wizard):
    # The workshop timer is a fragment that reruns every second: each wait below is for a run
    # to end after the click and for a moment between two ticks, never for the ticks to stop.
    wizard.open(page, f"{server_url}/?mode=workshop")
    expect(page.get_by_text("Ask the room:")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Load the demo: HR team of a mid-size company").click()
    sidebar = page.get_by_test_id("stSidebarUserContent")
    expect(sidebar.get_by_text("Demo: HR team of a mid-size company")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Channels").click()
    expect(page.get_by_role("heading", name="Pick a handful of channels")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    out = Path(__file__).resolve().parent.parent / "test-results"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "workshop-mode.png"))
    assert (out / "workshop-mode.png").stat().st_size > 10_000


REAL = os.environ.get("REAL_EXPORTS_DIR")
FOUR = (
    "X__FG-SC",
    "FACEBOOK__LeonMpofu",
    "TIKTOK__htupycollabs-spec__Analytics__Overview",
    "YOUTUBE__",
)


@pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
def test_four_real_exports_fill_every_chart_and_agree_with_the_cli(
    browser, server_url: str, tmp_path, wizard
):
    files = [next(p for p in sorted(Path(REAL).iterdir()) if p.name.startswith(x)) for x in FOUR]
    # The browser is in Stockholm: its zone is the page's default, and the CLI is told the same.
    context = browser.new_context(
        timezone_id="Europe/Stockholm", viewport={"width": 1400, "height": 900}
    )
    wizard.watch(context)
    page = context.new_page()
    wizard.open_step(page, server_url, "Analytics", "Measure the right thing")
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").last.set_input_files([str(f) for f in files])
    expect(page.get_by_text("Remove all uploaded data")).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts.first).to_be_visible(timeout=30_000)
    # TikTok leaves out the year: the page dates it by today, the CLI by the same day.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "strategy",
            "analyze",
            *map(str, files),
            "--json",
            "--tz",
            "Europe/Stockholm",
            "--downloaded",
            dt.date.today().isoformat(),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    accounts = json.loads(result.stdout)["accounts"]
    assert len(accounts) == 4
    main = page.get_by_test_id("stMain")
    for account in accounts:
        # Every account's reading on the page is the CLI's, word for word and figure for figure.
        expect(main.get_by_text(account["reading"], exact=False).first).to_be_attached()
    x = next(a for a in accounts if a["platform"] == "x")
    assert x["time_zone"] == "Europe/Stockholm" and x["best_slot"] is not None
    expect(main.get_by_text("times in Europe/Stockholm").first).to_be_attached()
    # Rates per account (one chart per kind: per reach, per impression by post and by day), the
    # weekly chart, the heatmap and the rule chart are all drawn.
    expect(charts).to_have_count(6, timeout=30_000)
    expect(main.get_by_text("Keep posts under 100 characters").first).to_be_attached()
    out = Path(__file__).resolve().parent.parent / "test-results"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "analytics-four-real.png"), full_page=True)
    context.close()


def test_two_tables_are_merged_by_typing_one_account_name(
    page: Page, server_url: str, tmp_path, wizard, exports
):
    legacy = tmp_path / "tweet_activity_metrics_ADHOrg_20210401_20210501_en.csv"
    legacy.write_bytes(exports.x_legacy_en())
    content = tmp_path / "account_analytics_content.csv"
    content.write_bytes(exports.x_content())
    wizard.open_step(page, server_url, "Analytics", "Measure the right thing")
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").last.set_input_files([str(legacy), str(content)])
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("x · X account").first).to_be_attached()
    # The accounts editor: the second row's account cell, typed over as a person would.
    editor = page.get_by_test_id("stDataFrame").nth(1)
    overlay = page.locator("#portal textarea, #portal input").first
    # The grid draws on a canvas and may still be laying out under load: measure it again and
    # double-click until its cell editor opens.
    for _attempt in range(5):
        editor.scroll_into_view_if_needed()
        box = editor.bounding_box()
        assert box is not None
        page.mouse.dblclick(box["x"] + box["width"] - 60, box["y"] + 35 * 2 + 17)
        try:
            overlay.wait_for(state="visible", timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    expect(overlay).to_be_visible()
    with wizard.acting(page, rerun=True):
        overlay.fill("ADHOrg")
        page.keyboard.press("Enter")
    expect(main.get_by_text("x · X account")).to_have_count(0)
    expect(main.get_by_text("x · ADHOrg").first).to_be_attached()


def test_an_own_rule_written_in_the_browser_is_tested_saved_and_resumed(
    page: Page, server_url: str, tmp_path, wizard
):
    wizard.open_step(page, server_url, "Analytics", "Measure the right thing")
    expect(page.get_by_text("Test a rule of your own")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_label("Your rule, in your own words").fill("Webinar mornings")
        page.keyboard.press("Tab")
    with wizard.acting(page, rerun=True):
        page.get_by_label("Look for (separate alternatives with commas)").fill("#hr")
        page.keyboard.press("Tab")
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Test this rule").click()
    # Listed with its words, and in the rule table beside the folk rules.
    expect(page.get_by_text("posts containing “#hr”").first).to_be_visible()
    expect(page.get_by_role("button", name="Remove")).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Save progress").click()
    saved = tmp_path / "saved.json"
    info.value.save_as(saved)
    doc = json.loads(saved.read_text("utf-8"))
    (rule,) = doc["analytics"]["own_rules"]
    assert rule["name"] == "Webinar mornings"
    assert rule["conditions"][0] == {**rule["conditions"][0], "kind": "contains", "words": "#hr"}
    # A new session resumes the file: the rule is back and tested again.
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").set_input_files(str(saved))
    expect(page.get_by_text("Resumed from saved.json")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Analytics").click()
    expect(page.get_by_text("Webinar mornings").first).to_be_visible()
    expect(page.get_by_text("(1 of your own)").first).to_be_visible()
