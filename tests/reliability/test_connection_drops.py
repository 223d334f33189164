"""Real browser: the connection drops on every step, and the session's work survives."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from tcp_proxy import DroppingProxy

from strategy.steps.progress import STEPS as ALL_STEPS

pytestmark = pytest.mark.browser

STEPS = [
    ("Why", "Find your why"),
    ("Audit", "Audit what you have"),
    ("Channels", "Pick a handful of channels"),
    ("Guidelines", "Write a guideline per channel"),
    ("Plan", "Plan, act, review"),
    ("Analytics", "Measure the right thing"),
    ("Export", "Take it with you"),
    ("Start", "Who is this strategy for?"),
]


def test_state_survives_a_dropped_connection_on_every_step(page: Page, server_url: str, wizard):
    port = int(server_url.rsplit(":", 1)[1])
    with DroppingProxy(port) as proxy:
        url = f"http://127.0.0.1:{proxy.port}"
        wizard.open(page, url)
        name = page.get_by_label("Your name, or your organisation's")
        expect(name).to_be_visible()
        with wizard.acting(page, rerun=True):
            name.fill("Survives Drops")
            page.keyboard.press("Tab")
        expect(page.get_by_text(f"1 of {len(ALL_STEPS)} steps complete")).to_be_visible()
        opened = proxy.connections
        for link, heading in STEPS:
            with wizard.acting(page, rerun=True):
                page.get_by_role("link", name=link).click()
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
            lost = wizard.disconnects(page)
            proxy.drop()
            # The page saw the connection go and come back (Streamlit's own connection state).
            wizard.reconnected(page, lost)
            # The client reconnects to the same server-side session: the name is still there.
            expect(page.get_by_role("link", name="Start ✓")).to_be_visible()
        expect(name).to_have_value("Survives Drops", timeout=30_000)
        assert proxy.drops == len(STEPS)
        # Each drop really cut the websocket: the browser had to connect again every time.
        assert proxy.connections - opened >= len(STEPS)
