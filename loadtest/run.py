"""Drive N real browser sessions through the whole wizard at once; none may see another's data.

Usage: python -m loadtest.run [-n 10] [--chromium /usr/bin/chromium]
Prints p50/p95 latency per step, PDF time and server memory; exits 1 on any leak or failure.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Page, async_playwright, expect

from loadtest.script_runs import WATCH, async_acting, async_idle, async_open_page
from loadtest.server import rss_mb, serve

# Ten browsers and the server share two cores here: give every wait two minutes, not 5 s. Each
# action waits for its whole script run (a person waits for the page), and with ten sessions
# an Analytics run or a PDF took over a minute on this machine while other work ran beside it.
WAIT_MS = 120_000
expect.set_options(timeout=WAIT_MS)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass
class SessionResult:
    """What one simulated person saw."""

    marker: str
    timings: dict[str, float] = field(default_factory=dict)
    pages: list[str] = field(default_factory=list)
    pdf_text: str = ""
    saved_json: str = ""
    error: str = ""
    retries: int = 0


def export_csv(marker: str) -> bytes:
    """A small X export whose post text carries the session's marker."""
    rows = ["Tweet id,Tweet text,time,impressions,engagements"]
    rows += [
        f"{i},Post {i} by {marker},2025-0{1 + i % 9}-1{i % 9} 09:00 +0000,{100 + i},{i % 7}"
        for i in range(30)
    ]
    return ("\r\n".join(rows) + "\r\n").encode()


Move = Callable[[], Awaitable[object]]


async def step(result: SessionResult, name: str, page: Page, *moves: Move) -> None:
    """Time one user step until the app is idle again, and keep the page text.

    Every move asks Streamlit for a script run (a changed widget, a button, a page link): each
    waits for its own run to end (loadtest.script_runs), so the next move never lands mid-run.
    """
    started = time.perf_counter()
    for move in moves:
        async with async_acting(page, rerun=True, timeout=WAIT_MS):
            await move()
    result.timings[name] = time.perf_counter() - started
    result.pages.append(await page.locator("body").inner_text())


async def download(result: SessionResult, page: Page, button: str) -> bytes:
    """Click a download button and return the file; a canceled download is clicked again.

    Streamlit's media files can race under heavy load (the browser's request arrives after a
    rerun dropped the file), which a person answers by clicking again once the page has settled:
    the retries are counted. The button asks for no run (`on_click="ignore"`).
    """
    for attempt in (1, 2, 3):
        await async_idle(page, WAIT_MS)  # the button carries the file of the last finished run
        async with page.expect_download() as info:
            await page.get_by_role("button", name=button).click()
        item = await info.value
        failure = await item.failure()
        if failure is None:
            return Path(await item.path()).read_bytes()
        if attempt == 3:
            raise RuntimeError(f"{button}: download failed three times ({failure})")
        result.retries += 1
    raise AssertionError("unreachable")


async def one_session(browser, url: str, workdir: Path, delay: float = 0) -> SessionResult:
    """Walk one person through every step with their own marker and upload."""
    from pypdf import PdfReader

    await asyncio.sleep(delay)  # people join a workshop over a minute, not in one instant
    result = SessionResult(marker=f"M{uuid.uuid4().hex[:10]}")
    context = await browser.new_context(
        accept_downloads=True, viewport={"width": 1300, "height": 900}
    )
    await context.add_init_script(WATCH)  # every page records its script runs
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)

    def link(name: str) -> Move:
        return lambda: page.get_by_role("link", name=name).click()

    try:
        started = time.perf_counter()
        await async_open_page(page, url, WAIT_MS)  # a new document: its first run, no rerun
        result.timings["open"] = time.perf_counter() - started
        result.pages.append(await page.locator("body").inner_text())
        await expect(page.get_by_label("Your name, or your organisation's")).to_be_visible()

        async def name():
            await page.get_by_label("Your name, or your organisation's").fill(result.marker)
            await page.keyboard.press("Tab")

        await step(result, "start", page, name)
        # The name is saved once the sidebar ticks the Start step.
        await expect(page.get_by_role("link", name="Start ✓")).to_be_visible()

        async def goal():
            await page.get_by_test_id("stMultiSelect").first.click()
            await page.get_by_role("option", name="Land a new job").click()
            await page.keyboard.press("Escape")

        await step(result, "why", page, link("Why"), goal)
        pick = page.get_by_text("Pick LinkedIn")
        await step(result, "channels", page, link("Channels"), pick.click)
        await step(result, "guidelines", page, link("Guidelines"))
        await step(result, "plan", page, link("Plan"))
        upload = workdir / f"{result.marker}.csv"
        upload.write_bytes(export_csv(result.marker))
        files = page.locator("input[type=file]").last
        await step(
            result, "analytics", page, link("Analytics"), lambda: files.set_input_files(upload)
        )
        await expect(page.get_by_text("Remove all uploaded data")).to_be_visible()
        await step(result, "export", page, link("Export"))
        await step(result, "pdf", page, page.get_by_role("button", name="Generate PDF").click)
        await expect(page.get_by_role("button", name="Download PDF")).to_be_visible()
        data = await download(result, page, "Download PDF")
        result.pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        result.saved_json = (await download(result, page, "Save progress")).decode("utf-8")
    except Exception as exc:  # a load test reports failures instead of stopping at the first
        last = next(iter(result.timings.keys().__reversed__()), "nothing")
        result.error = f"after {last}: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    finally:
        await context.close()
    return result


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of the values, by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def check(results: list[SessionResult]) -> list[str]:
    """Return every problem: failed sessions, and any marker seen by another session."""
    problems = [f"session {r.marker}: {r.error}" for r in results if r.error]
    markers = {r.marker for r in results}
    for r in results:
        others = markers - {r.marker}
        seen = "\n".join(r.pages) + r.pdf_text + r.saved_json
        leaked = sorted(m for m in others if m in seen)
        if leaked:
            problems.append(f"session {r.marker} saw other sessions' data: {leaked}")
        if not r.error:
            if r.marker not in r.pdf_text:
                problems.append(f"session {r.marker}: own marker missing from its PDF")
            saved_name = json.loads(r.saved_json)["profile"]["name"]
            if saved_name != r.marker:
                problems.append(f"session {r.marker}: its saved file has name {saved_name!r}")
    return problems


async def run(n: int, chromium: str, ramp: float = 0) -> tuple[list[SessionResult], dict]:
    """Start the app, run n sessions at once (starting over `ramp` seconds), collect results."""
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as (url, pid):
        before = rss_mb(pid)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            started = time.perf_counter()
            results = await asyncio.gather(
                *(one_session(browser, url, Path(tmp), ramp * i / n) for i in range(n))
            )
            wall = time.perf_counter() - started
            await browser.close()
        after = rss_mb(pid)
    return list(results), {"wall_s": wall, "rss_before_mb": before, "rss_after_mb": after}


def report(results: list[SessionResult], figures: dict) -> str:
    """Format the latency table and server figures."""
    lines = [
        f"{len(results)} sessions, {figures['wall_s']:.1f} s wall clock",
        f"server memory {figures['rss_before_mb']:.0f} MB before, "
        f"{figures['rss_after_mb']:.0f} MB after",
        "step         p50 s   p95 s",
    ]
    steps = [s for s in results[0].timings] if results else []
    for name in steps:
        values = [r.timings[name] for r in results if name in r.timings]
        if values:
            lines.append(
                f"{name:<12}{statistics.median(values):7.2f} {percentile(values, 95):7.2f}"
            )
    retries = sum(r.retries for r in results)
    lines.append(f"downloads clicked again (canceled before): {retries} of {2 * len(results)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the load test from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10, help="concurrent browser sessions")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--ramp", type=float, default=0, help="seconds over which sessions start")
    args = parser.parse_args(argv)
    results, figures = asyncio.run(run(args.n, args.chromium, args.ramp))
    print(report(results, figures))
    problems = check(results)
    for problem in problems:
        print("PROBLEM:", problem)
    print("no session saw another's data" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
