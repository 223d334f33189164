"""Real browser: the work is kept in the browser's own storage and comes back after a reload.

A reload, a dropped connection or opening `?mode=workshop` is a new server session; the copy in
`localStorage` brings the strategy back with a "Restored from this browser · Start fresh" line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import server_tracebacks
from playwright.sync_api import Page, expect

from ui.browser_copy import STORAGE_KEY

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"
NAME = "Your name, or your organisation's"
WHY = "I use social media to keep the room talking."
RESTORED = "Restored from this browser"


def stored_holds(page: Page, text: str) -> None:
    """Wait until the browser's copy holds a text (the script writes after a run)."""
    page.wait_for_function(
        "([key, text]) => (window.localStorage.getItem(key) || '').includes(text)",
        arg=[STORAGE_KEY, text],
        timeout=15_000,
    )


def stored_gone(page: Page) -> None:
    """Wait until the browser holds no copy."""
    page.wait_for_function(
        "(key) => window.localStorage.getItem(key) === null", arg=STORAGE_KEY, timeout=15_000
    )


def type_name(page: Page, wizard, name: str) -> None:
    with wizard.acting(page, rerun=True):
        page.get_by_label(NAME).fill(name)
        page.keyboard.press("Tab")


def reopen(page: Page, wizard, url: str) -> None:
    """Open a URL (a new session) and wait until the restore it brings has shown."""
    wizard.open(page, url)
    expect(page.get_by_text(RESTORED)).to_be_visible(timeout=15_000)
    wizard.idle(page)


def test_the_work_is_restored_after_a_reload_and_after_a_mode_switch(
    page: Page, server_url: str, wizard
):
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
    # The component takes no room and shows nothing.
    expect(page.locator(".st-key-browser_copy")).to_be_hidden()
    expect(page.get_by_text(RESTORED)).to_have_count(0)
    type_name(page, wizard, "Reload Marker")
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Why").click()
    expect(page.get_by_role("heading", name=wizard.titles[1])).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_label("Why statement").fill(WHY)
        page.keyboard.press("Tab")
    stored_holds(page, WHY)

    # F5 on the Why step: a new session, the same work.
    page.set_viewport_size({"width": 1400, "height": 900})
    reopen(page, wizard, page.url)
    expect(page.get_by_role("heading", name=wizard.titles[1])).to_be_visible()
    expect(page.get_by_label("Why statement")).to_have_value(WHY)
    expect(page.get_by_role("button", name="Start fresh")).to_be_visible()
    expect(page.get_by_role("link", name="Start ✓")).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "restored_1400.png"))
    # On a phone: the line fits above the step.
    page.set_viewport_size({"width": 390, "height": 844})
    reopen(page, wizard, server_url)
    expect(page.get_by_label(NAME)).to_have_value("Reload Marker")
    page.screenshot(path=str(SCREENSHOTS / "restored_390.png"))

    # Opening the workshop link is a new session too: still there, in workshop mode.
    reopen(page, wizard, f"{server_url}/?mode=workshop")
    expect(page.get_by_text("Ask the room:")).to_be_visible()
    expect(page.get_by_label(NAME)).to_have_value("Reload Marker")
    page.set_viewport_size({"width": 1400, "height": 900})
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Why").click()
    expect(page.get_by_label("Why statement")).to_have_value(WHY)


def test_start_fresh_empties_the_session_and_the_browser_copy(page: Page, server_url: str, wizard):
    wizard.open(page, server_url)
    type_name(page, wizard, "Fresh Marker")
    stored_holds(page, "Fresh Marker")
    reopen(page, wizard, server_url)
    expect(page.get_by_label(NAME)).to_have_value("Fresh Marker")
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Start fresh").click()
    expect(page.get_by_label(NAME)).to_have_value("")
    expect(page.get_by_text(RESTORED)).to_have_count(0)
    stored_gone(page)
    # Another reload finds nothing to restore.
    wizard.open(page, server_url)
    stored_gone(page)
    expect(page.get_by_label(NAME)).to_have_value("")
    expect(page.get_by_text(RESTORED)).to_have_count(0)


def test_clear_my_data_clears_the_browser_copy(page: Page, server_url: str, wizard):
    wizard.open(page, server_url)
    type_name(page, wizard, "Clear Marker")
    stored_holds(page, "Clear Marker")
    page.get_by_role("button", name="Clear my data").click()
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Yes, clear everything").click()
    expect(page.get_by_label(NAME)).to_have_value("")
    stored_gone(page)
    wizard.open(page, server_url)
    stored_gone(page)
    expect(page.get_by_label(NAME)).to_have_value("")
    expect(page.get_by_text(RESTORED)).to_have_count(0)


def test_a_corrupted_copy_starts_empty_without_a_traceback(
    page: Page, fresh_server_url: str, wizard
):
    wizard.open(page, fresh_server_url)
    page.evaluate(
        '(key) => window.localStorage.setItem(key, \'{"app": "social-why", "format": 1, \')',
        STORAGE_KEY,
    )
    wizard.open(page, fresh_server_url)
    expect(page.get_by_text("could not be read")).to_be_visible(timeout=15_000)
    wizard.idle(page)
    expect(page.get_by_label(NAME)).to_have_value("")
    expect(page.get_by_text(RESTORED)).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # The app goes on, and new work replaces the bad copy.
    type_name(page, wizard, "After Corruption")
    stored_holds(page, "After Corruption")
    assert server_tracebacks() == ""
