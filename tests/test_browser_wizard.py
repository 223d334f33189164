"""Real-browser flow: walk every step, save progress, reload (a new session), resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"


def test_walk_all_steps_save_reload_and_resume(page: Page, server_url: str, tmp_path, wizard):
    titles = wizard.titles
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=titles[0])).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_label("Your name, or your organisation's").fill("Browser Marker")
        page.keyboard.press("Tab")
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name=titles[1])).to_be_visible()

    with wizard.acting(page, rerun=True):
        page.get_by_test_id("stMultiSelect").first.click()
        page.get_by_role("option", name="Land a new job").click()
        page.keyboard.press("Escape")
    expect(page.get_by_label("Why statement")).to_have_value(
        "I use social media to land a new job."
    )

    for title in titles[2:]:
        if title == titles[4]:
            # Guidelines needs a channel: pick the top one on the Channels step.
            expect(page.get_by_text("1. LinkedIn", exact=True)).to_be_visible()
            expect(page.get_by_text("Fits “Land a new job”").first).to_be_visible()
            with wizard.acting(page, rerun=True):
                page.get_by_text("Pick LinkedIn").click()
        with wizard.acting(page, rerun=True):
            page.get_by_role("button", name="Next").click()
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        # The sidebar (progress and Save progress) is there on every step.
        expect(page.get_by_role("button", name="Save progress")).to_be_visible()
    expect(page.get_by_text("steps complete")).to_be_visible()

    with page.expect_download() as info:
        page.get_by_role("button", name="Save progress").click()
    saved = tmp_path / "saved.json"
    info.value.save_as(saved)
    doc = json.loads(saved.read_text("utf-8"))
    assert doc["profile"]["name"] == "Browser Marker"
    assert doc["why"]["goals"] == ["new_job"]
    assert doc["channels"]["chosen"][0]["channel"] == "linkedin"

    # A reload is a new session: nothing is kept on the server. (The browser keeps a copy of the
    # work, tests/test_browser_restore.py; without it, a new session starts empty.)
    page.evaluate("() => window.localStorage.clear()")
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=titles[0])).to_be_visible()
    expect(page.get_by_label("Your name, or your organisation's")).to_have_value("")

    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").set_input_files(str(saved))
    expect(page.get_by_text("Resumed from saved.json")).to_be_visible()
    expect(page.get_by_label("Your name, or your organisation's")).to_have_value("Browser Marker")
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Why").click()
    expect(page.get_by_label("Why statement")).to_have_value(
        "I use social media to land a new job."
    )


def test_in_swedish_a_person_walks_to_the_pdf_and_downloads_it(
    page: Page, server_url: str, tmp_path, wizard
):
    """Pick Svenska, load the Swedish demo, go to Export by Nästa, download a Swedish PDF."""
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_text("Svenska", exact=True).click()
    expect(page.get_by_role("heading", name="Vem gäller strategin?")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Ladda demon: HR-teamet på ett medelstort företag").click()
    expect(
        page.get_by_text("Demon ”HR-teamet på ett medelstort företag” är laddad")
    ).to_be_visible()
    for title in [
        "Hitta ditt varför",
        "Gå igenom det du har",
        "Välj en handfull kanaler",
        "Skriv en riktlinje per kanal",
        "Planera, gör, följ upp",
        "Mät rätt sak",
        "Ta med dig strategin",
    ]:
        with wizard.acting(page, rerun=True):
            page.get_by_role("button", name="Nästa").click()
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "export_sv.png"), full_page=True)
    page.get_by_role("button", name="Skapa PDF").click()
    download_button = page.get_by_role("button", name="Ladda ner PDF")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        download_button.click()
    assert info.value.suggested_filename == "strategi-sociala-medier.pdf"
    target = tmp_path / "strategi.pdf"
    info.value.save_as(target)
    from pypdf import PdfReader

    text = PdfReader(target).pages[1].extract_text()
    assert "Innehåll" in text and "Contents" not in text
