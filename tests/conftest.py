"""Shared fixtures: the app's absolute path, AppTest, a live server and Debian's Chromium."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the load test's server helper lives in loadtest/

from loadtest.server import ServerError  # noqa: E402
from loadtest.server import serve as _serve  # noqa: E402

APP = str(ROOT / "streamlit_app.py")
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
TIMEOUT = 30


def new_app() -> AppTest:
    """Return a fresh AppTest of the whole app (a new session)."""
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


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
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium (never a downloaded browser), with the network kept closed."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
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


RELIABILITY = Path(__file__).parent / "reliability"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the reliability tests slow: servers, worker pools and time limits.

    `make check` leaves them out (its tests run in parallel, which would skew their clocks);
    `make test`, which CI runs, runs them one after another.
    """
    for item in items:
        if RELIABILITY in Path(item.path).parents:
            item.add_marker(pytest.mark.slow)
