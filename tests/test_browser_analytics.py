"""Real-browser flows: upload an export on the Analytics step; open a deep link first."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_fixtures import x_legacy_en
from playwright.sync_api import Page, expect
from test_browser_wizard import open_step, wait_idle

pytestmark = pytest.mark.browser


def test_upload_an_export_and_see_it_replace_the_demo(page: Page, server_url: str, tmp_path):
    export = tmp_path / "tweet_activity_metrics.csv"
    export.write_bytes(x_legacy_en())
    open_step(page, server_url, "Analytics", "Measure the right thing")
    expect(page.get_by_text("Showing made-up demo data")).to_be_visible(timeout=20_000)
    expect(page.locator("[data-testid=stVegaLiteChart]").first).to_be_visible(timeout=20_000)
    page.locator("input[type=file]").last.set_input_files(str(export))
    expect(page.get_by_text("Showing made-up demo data")).to_have_count(0, timeout=20_000)
    wait_idle(page)
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


def test_workshop_mode_with_a_demo_persona(page: Page, server_url: str):
    page.goto(f"{server_url}/?mode=workshop")
    expect(page.get_by_text("Ask the room:")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Load the demo: HR team of a mid-size company").click()
    sidebar = page.get_by_test_id("stSidebarUserContent")
    expect(sidebar.get_by_text("Demo: HR team of a mid-size company")).to_be_visible(timeout=20_000)
    page.get_by_role("link", name="Channels").click()
    expect(page.get_by_role("heading", name="Pick a handful of channels")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=10_000)
    wait_idle(page)
    out = Path(__file__).resolve().parent.parent / "test-results"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "workshop-mode.png"))
    assert (out / "workshop-mode.png").stat().st_size > 10_000
