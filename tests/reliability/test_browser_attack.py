"""While one participant uploads runaway files, another's session stays quick and the server well.

The attacker's files are read in import workers (`strategy.workers`): a workbook that keeps a
reader busy past the time limit, one whose dimension claims the whole grid, a 64 kB line that
made csv.Sniffer backtrack. The other session must change steps in under 2 s throughout, the
server's own memory must stay near its baseline, and /health must answer.
"""

from __future__ import annotations

import os
import time
import urllib.request

import pytest
from playwright.sync_api import Browser, expect

from loadtest.server import serve

pytestmark = pytest.mark.browser  # the browser fixture skips the test without Chromium
STEPS = [("Why", 1), ("Audit", 2), ("Channels", 3), ("Plan", 5), ("Why", 1), ("Audit", 2)]


def resident_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def test_runaway_uploads_cost_the_other_session_nothing(
    browser: Browser, tmp_path, wizard, exports
):
    titles = wizard.titles
    files = {
        "slow.xlsx": exports.many_rows_xlsx(300_000),  # over the 8 s limit on any machine
        "dimension.xlsx": exports.lying_dimension_xlsx("A1:XFD1048576"),
        "long_line.csv": ("Date,Impressions\n" + ', "' * 21000 + "\n").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with serve(tmp_path) as (url, pid):

        def new_page():
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            wizard.watch(context)
            return context.new_page()

        victim, attacker = new_page(), new_page()
        for page in (victim, attacker):
            wizard.open(page, url)
            expect(page.get_by_role("heading", name=titles[0])).to_be_visible()
        with wizard.acting(attacker, rerun=True):
            attacker.get_by_role("link", name="Analytics").click()
        expect(attacker.get_by_role("heading", name=titles[6])).to_be_visible()
        baseline = resident_mb(pid)

        attacker.locator("input[type=file]").last.set_input_files(
            [str(tmp_path / name) for name in files]
        )
        expect(attacker.get_by_test_id("stApp")).to_have_attribute(
            "data-test-script-state", "running", timeout=10_000
        )
        seconds = []
        for link, step in STEPS:  # the attacker's files are being read meanwhile
            started = time.monotonic()
            victim.get_by_role("link", name=link).click()
            expect(victim.get_by_role("heading", name=titles[step])).to_be_visible(timeout=30_000)
            seconds.append(time.monotonic() - started)
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as health:
            assert health.status == 200
        busy = attacker.get_by_test_id("stApp").get_attribute("data-test-script-state")
        assert busy == "running", "the attack ended before the victim's clicks: it proved nothing"
        assert max(seconds) < 2, seconds

        wizard.idle(attacker)
        for name in files:  # each file got its own message, naming it
            expect(attacker.get_by_text(name, exact=False).first).to_be_visible()
        expect(attacker.get_by_text("took longer than")).to_be_visible()
        grown = resident_mb(pid) - baseline

    assert grown < 150, f"the server grew by {grown:.0f} MB"
