"""Real browser: typed markup never runs, loads anything from outside, or opens a dialog."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAYLOAD = (
    "<img src=https://evil.example/a.png onerror=alert(1)> ![x](https://evil.example/b.png) "
    "<script>alert(2)</script> [go](javascript:alert(3)) $x^2$ :material/home:"
)
PAGES = [
    "Why",
    "Audit",
    "Channels",
    "Guidelines",
    "Plan",
    "Analytics",
    "Export",
    "Strategy canvas",
    "Start",
]


def test_payloads_show_literally_with_no_dialog_and_no_outside_request(
    page: Page, server_url, wizard
):
    dialogs, outside = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    local = urlparse(server_url).hostname

    def on_request(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != local:
            outside.append(request.url)

    page.on("request", on_request)
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_label("Your name, or your organisation's").fill(PAYLOAD[:200])
        page.keyboard.press("Tab")
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Why").click()
    expect(page.get_by_label("Why statement")).to_be_visible()
    with wizard.acting(page, rerun=True):
        page.get_by_label("Why statement").fill(PAYLOAD)
        page.keyboard.press("Tab")
    for name in PAGES[1:]:  # the page is on Why already: its own link starts no run
        with wizard.acting(page, rerun=True):
            page.get_by_role("link", name=name).click()
    with wizard.acting(page, rerun=True):
        page.get_by_role("link", name="Strategy canvas").click()
    # The canvas shows the statement as typed: the text is there, and no image or script.
    expect(page.get_by_text("evil.example/b.png", exact=False).first).to_be_visible()
    assert page.locator("img[src*='evil.example']").count() == 0
    assert dialogs == [], dialogs
    assert outside == [], outside
