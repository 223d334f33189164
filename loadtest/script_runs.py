"""Waiting on Streamlit's own record of its script runs in a browser, never on a pause.

Streamlit marks its root element (`data-testid="stApp"`) with the script-run state ("initial"
before the first run, then "running" and "notRunning") and the connection state. Those show
what React last drew, and React draws a burst of updates at once: a quick run's "running" can
be drawn never, so counting the attribute's changes misses runs (a wait for the next one then
waits until its time limit).

`WATCH` is an init script that counts runs where Streamlit learns of them, from the moment a
document is created: it reads the top-level fields of every message on the app's websocket
(protobuf `ForwardMsg`), after Streamlit's own listener has taken it.

- `finished`: runs the server reported finished (`script_finished`, except "finished early for
  a rerun": the rerun that follows reports its own end);
- `started`: full runs begun (`new_session`), and `running`: the server's last session status;
- `connections` and `disconnects`: websockets opened and closed.

An action that asks for a rerun (a changed widget, a button, a page link) waits until a run has
finished after it and the app is idle; an action that asks for none (an expander, a tab, a
download button with `on_click="ignore"`, the link of the page already shown) waits for no run,
only for the app to be idle, so nothing waits for a run that never comes. Idle is the server's
status and the root element's both: connected, and no script running. Every wait has a limit.

Navigation (`page.goto`) makes a new document with counts from zero: open a page with `open_page`,
never inside an action that expects a rerun.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator

from playwright.async_api import Page as AsyncPage
from playwright.async_api import TimeoutError as AsyncTimeout
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

WATCH = r"""(() => {
  if (window.__scriptRuns) return;
  const runs = {started: 0, finished: 0, running: false, connections: 0, disconnects: 0};
  window.__scriptRuns = runs;
  const SCRIPT_FINISHED = 6, NEW_SESSION = 4, SESSION_STATUS = 9, IS_RUNNING = 2;
  const FINISHED_EARLY_FOR_RERUN = 2;
  // The varint fields of one protobuf message, and which length-delimited fields it has.
  const fields = (bytes, start, end) => {
    const found = new Map();
    let i = start;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do {
        byte = bytes[i++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    };
    while (i < end) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) found.set(field, varint());
      else if (wire === 2) { const n = varint(); found.set(field, [i, i + n]); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return found;
  };
  const take = (data) => {
    if (!(data instanceof ArrayBuffer)) return;
    const bytes = new Uint8Array(data), msg = fields(bytes, 0, bytes.length);
    if (msg.has(NEW_SESSION)) runs.started += 1;
    if (msg.has(SESSION_STATUS)) {
      const [from, to] = msg.get(SESSION_STATUS);
      runs.running = fields(bytes, from, to).get(IS_RUNNING) === 1;
    }
    if (msg.has(SCRIPT_FINISHED) && msg.get(SCRIPT_FINISHED) !== FINISHED_EARLY_FOR_RERUN) {
      runs.finished += 1;
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      runs.connections += 1;
      super.addEventListener("close", () => { runs.disconnects += 1; });
    }
    addEventListener(type, listener, options) {
      super.addEventListener(type, listener, options);
      // Listeners run in the order they were added: ours after Streamlit's, on its messages.
      if (type === "message" && !this.counting) {
        this.counting = true;
        super.addEventListener("message", (event) => take(event.data));
      }
    }
  };
})()"""

# The app is idle: connected, and its last run has ended (not "initial": one has run).
_IDLE = """() => {
  if (!window.__scriptRuns) throw new Error("no loadtest.script_runs.WATCH in this page");
  const app = document.querySelector('[data-testid="stApp"]');
  return app !== null && !window.__scriptRuns.running
    && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && app.getAttribute("data-test-script-state") === "notRunning";
}"""
_COUNTS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    ...(window.__scriptRuns || { missing: true }),
    state: app && app.getAttribute("data-test-script-state"),
    connection: app && app.getAttribute("data-test-connection-state"),
    // When a count falls back, the document was replaced: how and how long ago.
    document: (performance.getEntriesByType("navigation")[0] || {}).type,
    document_age_s: Math.round(performance.now() / 100) / 10,
  };
}"""
# A run has ended after the action (the count passed its value before it) and none runs now.
_RAN = f"([key, before]) => (window.__scriptRuns[key] > before) && ({_IDLE})()"
POLL_MS = 50
TIMEOUT_MS = 30_000


class NotWatched(RuntimeError):
    """The page's context has no WATCH init script: add it before opening the page."""


def _checked(counts: dict) -> dict:
    if counts.get("missing"):
        raise NotWatched("add loadtest.script_runs.WATCH to the context before opening the page")
    return counts


# -- Playwright's sync API (the tests) ----------------------------------------------------------
def counts(page: Page) -> dict:
    """The run counts so far, with the current script-run and connection states."""
    return _checked(page.evaluate(_COUNTS))


def _wait(page: Page, expression: str, arg: object, what: str, timeout: float) -> None:
    try:
        page.wait_for_function(expression, arg=arg, polling=POLL_MS, timeout=timeout)
    except PlaywrightTimeout:
        raise AssertionError(f"no {what} within {timeout / 1000:.0f} s: {counts(page)}") from None


def idle(page: Page, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the app is connected and no script runs; wait for no new run."""
    _wait(page, _IDLE, None, "idle app (connected, no script running)", timeout)


def open_page(page: Page, url: str, timeout: float = TIMEOUT_MS) -> None:
    """Go to a URL and wait for the new session's first run to end."""
    page.goto(url)
    idle(page, timeout)


@contextlib.contextmanager
def acting(page: Page, *, rerun: bool, timeout: float = TIMEOUT_MS) -> Iterator[None]:
    """Do what the block does once the app is idle, then wait until it is idle again.

    Args:
        page: A page whose context has the WATCH init script.
        rerun: Whether the block asks Streamlit for a script run (a changed widget, a button, a
            page link). When it does, a run must end after it; when it does not, no run is
            waited for.
        timeout: Milliseconds for each wait.
    """
    idle(page, timeout)  # a run still going would absorb the rerun the block asks for
    before = counts(page)["finished"]
    yield
    if rerun:
        _wait(page, _RAN, ["finished", before], "script run after the action", timeout)
    else:
        idle(page, timeout)


def reconnected(page: Page, disconnects_before: int, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the connection has been lost since a count and is back, and the app idle."""
    _wait(page, _RAN, ["disconnects", disconnects_before], "reconnection", timeout)


# -- Playwright's async API (the load driver) ------------------------------------------------------
async def async_counts(page: AsyncPage) -> dict:
    """The run counts so far, with the current script-run and connection states."""
    return _checked(await page.evaluate(_COUNTS))


async def _async_wait(page: AsyncPage, expression: str, arg, what: str, timeout: float) -> None:
    try:
        await page.wait_for_function(expression, arg=arg, polling=POLL_MS, timeout=timeout)
    except AsyncTimeout:
        state = await async_counts(page)
        raise AssertionError(f"no {what} within {timeout / 1000:.0f} s: {state}") from None


async def async_idle(page: AsyncPage, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the app is connected and no script runs; wait for no new run."""
    await _async_wait(page, _IDLE, None, "idle app (connected, no script running)", timeout)


async def async_open_page(page: AsyncPage, url: str, timeout: float = TIMEOUT_MS) -> None:
    """Go to a URL and wait for the new session's first run to end."""
    await page.goto(url)
    await async_idle(page, timeout)


@contextlib.asynccontextmanager
async def async_acting(
    page: AsyncPage, *, rerun: bool, timeout: float = TIMEOUT_MS
) -> AsyncIterator[None]:
    """Do what the block does once the app is idle, then wait until it is idle again (`acting`)."""
    await async_idle(page, timeout)
    before = (await async_counts(page))["finished"]
    yield
    if rerun:
        await _async_wait(page, _RAN, ["finished", before], "script run after the action", timeout)
    else:
        await async_idle(page, timeout)
