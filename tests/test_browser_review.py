"""A saved file with a target resumes in a real browser and reviews newly uploaded exports."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from test_app_targets import saved_with_target, x_export
from test_browser_room import serious_violations

from strategy.core.library import library
from strategy.importers import import_file
from strategy.targets.review import review

pytestmark = pytest.mark.browser


def test_a_saved_file_with_a_target_resumes_and_reviews_new_exports(
    page: Page, server_url: str, tmp_path, wizard
):
    data = x_export()
    saved, strategy = saved_with_target(data)
    (tmp_path / "mine.json").write_bytes(saved)
    (tmp_path / "tweets.csv").write_bytes(data)
    expected = review(strategy, import_file("tweets.csv", data), library("en")).targets[0]

    wizard.open(page, server_url)
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").set_input_files(str(tmp_path / "mine.json"))
    expect(page.get_by_text("Resumed from mine.json")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", name="Review your strategy")).to_be_visible()
    expect(page.get_by_text("too little data to tell").first).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.locator("input[type=file]").last.set_input_files(str(tmp_path / "tweets.csv"))
    expect(page.get_by_text(expected.status_words, exact=True)).to_be_visible()
    expect(page.get_by_text("30 posts", exact=False).first).to_be_visible()
    expect(page.get_by_text("Nothing changed in channels or guidelines since")).to_be_visible()
    assert serious_violations(page) == []  # the same axe checks as the wizard's pages
    # The one-page review to take away says the same.
    with page.expect_download() as info:
        page.get_by_role("button", name="Review (PDF, one page)").click()
    pdf = tmp_path / "review.pdf"
    info.value.save_as(pdf)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert expected.status_words in text and "30 posts" in text
