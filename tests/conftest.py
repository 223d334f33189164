"""Shared fixtures: AppTest sessions, a live server, Debian's Chromium driven on Streamlit's own
script-run state, the synthetic exports, and the datasets and strategies several modules build.

Test modules take these as fixtures and never import each other (or this file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import BrowserContext, Page, expect
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the load test's server and browser helpers live in loadtest/

from loadtest import script_runs  # noqa: E402
from loadtest.server import ServerError, free_port  # noqa: E402
from loadtest.server import serve as _serve  # noqa: E402
from strategy.core.library import load_library  # noqa: E402
from strategy.core.model import (  # noqa: E402
    Account,
    AuditSection,
    ChannelChoice,
    ChannelsSection,
    PlanSection,
    Profile,
    RecurringItem,
    Strategy,
    WhySection,
)
from strategy.importers.dataset import COLUMNS, Dataset  # noqa: E402
from strategy.steps.plan import suggested_actions, sync_actions  # noqa: E402

APP = str(ROOT / "streamlit_app.py")
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
TIMEOUT = 30


def new_app() -> AppTest:
    """Return a fresh AppTest of the whole app (a new session)."""
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


@pytest.fixture(scope="session")
def make_app() -> Callable[[], AppTest]:
    """Make a fresh AppTest of the whole app, not yet run (a new session per call)."""
    return new_app


@pytest.fixture
def app() -> AppTest:
    at = new_app()
    at.run()
    assert not at.exception
    return at


# Log folders of the servers running now: a failing browser test reports their tracebacks,
# because the page itself only shows a redacted error.
SERVER_LOG_DIRS: list[Path] = []


@contextlib.contextmanager
def serve(log_dir: Path):
    """Run the app on a free loopback port until the block ends; yield its URL."""
    SERVER_LOG_DIRS.append(log_dir)
    try:
        with _serve(log_dir) as (url, _pid):
            yield url
    except ServerError as exc:
        pytest.fail(str(exc))
    finally:
        SERVER_LOG_DIRS.remove(log_dir)


def server_tracebacks() -> str:
    """Return the tracebacks the running app servers have logged (empty when none)."""
    found = []
    for folder in SERVER_LOG_DIRS:
        for log in sorted(Path(folder).glob("streamlit-*.log")):
            text = log.read_text(errors="replace")
            start = text.find("Traceback")
            if start >= 0:
                found.append(f"{log.name}:\n{text[start:][-6000:]}")
    return "\n".join(found)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the app server's tracebacks to a failing test's report."""
    report = yield
    if report.failed and SERVER_LOG_DIRS:
        text = server_tracebacks()
        if text:
            report.sections.append(("app server tracebacks", text))
    return report


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """One app server for the browser tests of this run."""
    with serve(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture
def fresh_server_url(tmp_path):
    """A server no browser has visited yet (for first-request behaviour)."""
    with serve(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium (never a downloaded browser); the test is skipped without it."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium):
    """Use Debian's Chromium, with the network kept closed."""
    return {
        **browser_type_launch_args,
        "executable_path": str(chromium),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "accept_downloads": True,
        "viewport": {"width": 1400, "height": 1000},
    }


@pytest.fixture
def context(context: BrowserContext) -> BrowserContext:
    """pytest-playwright's context, recording Streamlit's script runs in every page it opens."""
    context.add_init_script(script_runs.WATCH)
    return context


# What the page shows after a run has ended can take a while to be drawn on two shared cores:
# React draws the run's last messages after they arrive, and vega draws each chart after that.
# Every expectation in a browser test waits up to 30 s (Playwright's default is 5 s).
expect.set_options(timeout=30_000)

STEP_TITLES = (
    "Who is this strategy for?",
    "Find your why",
    "Audit what you have",
    "Pick a handful of channels",
    "Write a guideline per channel",
    "Plan, act, review",
    "Measure the right thing",
    "Take it with you",
)


class Wizard:
    """A person's way through the app in a real browser, waiting on Streamlit's own run state.

    Pages of the `page` fixture record their script runs already; a context a test makes itself
    needs `watch` before its first page. Nothing here pauses: see loadtest/script_runs.py.
    """

    titles = STEP_TITLES  # each step's heading, in the wizard's order

    @staticmethod
    def watch(context: BrowserContext) -> None:
        """Record the script runs of every page this context opens from now on."""
        context.add_init_script(script_runs.WATCH)

    @staticmethod
    def idle(page: Page) -> None:
        """Wait until the app is connected and no script runs (never for a new run)."""
        script_runs.idle(page)

    @staticmethod
    def acting(page: Page, *, rerun: bool) -> contextlib.AbstractContextManager[None]:
        """Do the block's actions on an idle app; with `rerun`, wait for a run that ends after."""
        return script_runs.acting(page, rerun=rerun)

    @staticmethod
    def open(page: Page, url: str) -> None:
        """Go to a URL and wait for the new session's first run to end."""
        script_runs.open_page(page, url)

    @staticmethod
    def reconnected(page: Page, disconnects_before: int) -> None:
        """Wait until the connection was lost since a count, is back, and the app is idle."""
        script_runs.reconnected(page, disconnects_before)

    @staticmethod
    def disconnects(page: Page) -> int:
        """How often this page has lost its connection to the server so far."""
        return script_runs.counts(page)["disconnects"]

    def open_step(self, page: Page, url: str, link: str, heading: str) -> None:
        """Open the app at its root, then go to a step through the sidebar, as a person would."""
        self.open(page, url)
        expect(page.get_by_role("heading", name=self.titles[0])).to_be_visible()
        with self.acting(page, rerun=True):
            page.get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", name=heading)).to_be_visible()


@pytest.fixture(scope="session")
def wizard() -> Wizard:
    """Drive the app in a browser: step titles, opening a step, waiting on script runs."""
    return Wizard()


@pytest.fixture(scope="session")
def exports() -> ModuleType:
    """The synthetic platform exports and PDF helpers of tests/export_fixtures.py."""
    import export_fixtures

    return export_fixtures


def _dataset(
    frame: pd.DataFrame, grain="post", platform="x", account="acme", source="t", **fields
) -> Dataset:
    full = pd.DataFrame({c: frame[c] if c in frame else np.nan for c in COLUMNS})
    full["platform"], full["account"], full["grain"] = platform, account or "", grain
    return Dataset(
        source=source,
        format_id="t",
        label="t",
        platform=platform,
        grain=grain,
        frame=full,
        columns_used={c: c for c in frame.columns if c != "date"},
        account=account,
        **fields,
    )


@pytest.fixture(scope="session")
def make_dataset() -> Callable[..., Dataset]:
    """Make a Dataset from a frame of the analysis' columns, as an importer would have."""
    return _dataset


LIB = load_library()
PLAN_TODAY = dt.date(2026, 11, 22)


def _full_strategy() -> Strategy:
    def item(rhythm, start):
        return RecurringItem(what="Pictures", channel="Instagram", rhythm=rhythm, start=start)

    return Strategy(
        profile=Profile(kind="organisation", name="Northwind HR"),
        why=WhySection(
            goals=["employer_brand"],
            readiness_done=["case_made", "training", "joined_up", "policy"],
            staff_groups=["one_more_chore"],
        ),
        audit=AuditSection(
            accounts=[
                Account(network="MySpace", handle="@nw", usage="wont_use"),
                Account(
                    network="LinkedIn",
                    handle="northwind",
                    owner="Kim",
                    profile_done=["picture", "bio", "links", "contact"],
                ),
            ]
        ),
        channels=ChannelsSection(
            chosen=[
                ChannelChoice(channel="linkedin"),
                ChannelChoice(channel="tiktok", experiment=True, review_date=dt.date(2027, 3, 1)),
            ]
        ),
        plan=PlanSection(
            recurring=[
                item("monthly", dt.date(2026, 12, 1)),
                item("quarterly", dt.date(2027, 1, 31)),
                RecurringItem(
                    what='=HYPERLINK("http://x")',
                    channel="LinkedIn",
                    rhythm="weekly",
                    start=dt.date(2026, 12, 7),
                ),
            ],
            review_date=dt.date(2027, 5, 22),
        ),
    )


def _planned() -> Strategy:
    s = _full_strategy()
    s.plan.actions = sync_actions(s.plan, suggested_actions(s, LIB, PLAN_TODAY))
    s.plan.actions[0].status = "done"
    return s


@pytest.fixture(scope="session")
def full_strategy() -> Callable[[], Strategy]:
    """Make an organisation's strategy with every step filled in and no plan actions yet."""
    return _full_strategy


@pytest.fixture(scope="session")
def planned_strategy() -> Callable[[], Strategy]:
    """Make the full strategy with its suggested actions in the plan (on 22 November 2026), the
    first one done."""
    return _planned


RELIABILITY = Path(__file__).parent / "reliability"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the reliability tests slow: servers, worker pools and time limits.

    `make check` leaves them out (its tests run in parallel, which would skew their clocks);
    `make test`, which CI runs, runs them one after another.
    """
    for item in items:
        if RELIABILITY in Path(item.path).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """Debian's redis-server on a free port, for this test session only."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)  # the server's own start-up; nothing of ours to wait on
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)
