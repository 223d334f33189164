"""Layout facts in a real browser: nothing cut on a desk, a projector or a phone; projector type.

With the HR demo loaded, each size walks Why, Audit, Channels, Guidelines, Plan and Analytics by
Next and checks, with the page's own measurements (never the pixels of a screenshot):

- no visible text is cut: no element shows less than its text (scrollWidth > clientWidth with
  its overflow hidden, or an ellipsis), no text runs past an ancestor that clips it or past the
  window, and no chart text is shortened by Vega ("…"). Meant to scroll, and so left out: a
  data grid's box (`.dvn-scroller`, its text on a canvas: it scrolls sideways inside its own
  box) and the page and sidebar, which scroll up and down;
- a data grid (editable or not) wider than its box keeps its naming column in view when
  scrolled to its end (read in the table of drawn cells the grid keeps for screen readers);
- in workshop mode at 1280×720 no visible text (body, sidebar links, chips, the countdown,
  chart axis labels and titles in the Vega SVG) is under 18 px, and the grids' canvas text,
  which the DOM does not hold, is drawn in a font of at least 18 px (glide-data-grid's
  `--gdg-base-font-style`, which Streamlit sets from the root font size).

The phone is a 390×844 mobile browser (its user agent says "Mobile": tables narrow a wide
naming column for it, see ui/table_fit.py). The measured sizes are written to
test-results/layout-<size>.json, and screenshots of Audit and Analytics to test-results/ (or
$LAYOUT_RESULTS).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser
# Where the measurements and screenshots go (pytest-playwright empties test-results/ per run).
RESULTS = Path(
    os.environ.get("LAYOUT_RESULTS") or Path(__file__).resolve().parent.parent / "test-results"
)
DEMO = "Load the demo: HR team of a mid-size company"
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SIZES = {
    "desk": {"viewport": {"width": 1400, "height": 900}},
    "projector": {"viewport": {"width": 1280, "height": 720}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "user_agent": PHONE_UA,
    },
}
QUERY = {"projector": "?mode=workshop"}
STEPS = (
    "Find your why",
    "Audit what you have",
    "Pick a handful of channels",
    "Write a guideline per channel",
    "Plan, act, review",
    "Measure the right thing",
)
SHOTS = {"Audit what you have": "audit", "Measure the right thing": "analytics"}
GRIDS = {"Audit what you have": 1, "Plan, act, review": 2}
CHARTS = 5  # the demo's Analytics step: rates, followers, weekly, best time, rules (at least)
MIN_PX = 18
# Elements meant to scroll: text inside them may lie outside their box.
SCROLLERS = [".dvn-scroller"]

# Every visible text node of the app: is it cut, or does it run past what holds it?
CUT = r"""(scrollers) => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const name = (el) => {
    const id = el.getAttribute('data-testid') || el.id || el.getAttribute('class') || '';
    return `${el.tagName.toLowerCase()}${id ? '[' + id.slice(0, 40) + ']' : ''}`;
  };
  const scrolls = (el) => scrollers.some((s) => el.matches(s));
  const box = (node) => {
    if (node.parentElement instanceof SVGElement) return node.parentElement.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) return null;
    return {
      left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)),
      top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)),
    };
  };
  const walker = document.createTreeWalker(
    document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script,style,noscript')) continue;
    if (!el.checkVisibility({checkOpacity: true, visibilityProperty: true})) continue;
    const drawer = el.closest('[data-testid="stSidebar"]');
    if (drawer && drawer.getBoundingClientRect().width <= 1) continue;  // a phone's closed sidebar
    const own = el.getBoundingClientRect();
    if (own.width <= 1 || own.height <= 1) continue;  // visually hidden ("Skip to main content")
    const b = box(node);
    if (!b || b.right - b.left < 1) continue;
    const where = `${name(el)} "${text.slice(0, 60)}"`;
    const svg = el instanceof SVGElement;
    if (svg && text.endsWith('…')) { problems.push(`shortened by Vega: ${where}`); continue; }
    const style = getComputedStyle(el);
    if (!svg && style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1
        && !scrolls(el)) {
      problems.push(`cut (${el.scrollWidth} > ${el.clientWidth} px): ${where}`);
      continue;
    }
    const slack = svg ? 3 : 1;  // an SVG text's box holds its glyphs' full ascent
    // A line's box holds the font's ascent and descent, more than a tight line-height.
    const vslack = Math.max(slack, 0.2 * (b.bottom - b.top));
    let scrolled = false, below = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      if (scrolls(a)) { scrolled = true; break; }
      const r = a.getBoundingClientRect();
      const left = r.left + a.clientLeft, right = left + a.clientWidth;
      const top = r.top + a.clientTop, bottom = top + a.clientHeight;
      const outX = s.overflowX !== 'visible' && (b.right > right + slack || b.left < left - slack);
      // Text below the fold of a box that scrolls up and down (the page, the sidebar) is
      // reached by scrolling: nothing above that box cuts it up or down.
      const outY = !below && !['visible', 'auto', 'scroll'].includes(s.overflowY)
        && (b.bottom > bottom + vslack || b.top < top - vslack);
      below = below || ['auto', 'scroll'].includes(s.overflowY);
      if (outX || outY) {
        problems.push(`runs past ${name(a)} (${outX ? 'sideways' : 'up or down'}): ${where}`);
        break;
      }
    }
    if (!scrolled && (b.right > vw + 1 || b.left < -1)) {
      const span = `${Math.round(b.left)}..${Math.round(b.right)} of ${vw} px`;
      problems.push(`runs past the window (${span}): ${where}`);
    }
  }
  return [...new Set(problems)];
}"""

# Font sizes of visible text: the smallest of each kind, and every text under the minimum.
FONTS = r"""(minimum) => {
  const px = (el) => el instanceof SVGElement
    ? parseFloat(el.getAttribute('font-size') || getComputedStyle(el).fontSize)
    : parseFloat(getComputedStyle(el).fontSize);
  const shown = (el) => el.checkVisibility({checkOpacity: true, visibilityProperty: true})
    && el.textContent.trim() && el.getBoundingClientRect().width > 1;
  const smallest = (selector) => {
    const sizes = [...document.querySelectorAll(selector)].filter(shown).map(px);
    return sizes.length ? Math.min(...sizes) : null;
  };
  const small = [];
  const walker = document.createTreeWalker(
    document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.nodeValue.trim() || !el || el.closest('script,style,noscript')) continue;
    if (!el.checkVisibility({checkOpacity: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    const text = node.nodeValue.trim().slice(0, 40);
    if (px(el) < minimum) small.push(`${px(el)} px: ${el.tagName.toLowerCase()} "${text}"`);
  }
  // The grid's canvas font, e.g. "400 19.25px": glide-data-grid's CSS variables.
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
    .filter((g) => g.checkVisibility());
  const grid = (property) => grids.map((g) =>
    parseFloat(getComputedStyle(g).getPropertyValue(property).match(/([\d.]+)px/)?.[1]));
  return {
    small: [...new Set(small)],
    body: smallest('[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'),
    sidebar_links: smallest('[data-testid="stSidebar"] [data-testid="stPageLink"] span'),
    chips: smallest('[data-tag] > span, [data-testid="stButtonGroup"] p'),
    countdown: smallest('.st-key-workshop_countdown [data-testid="stMetricValue"] p'),
    chart_text: smallest('[data-testid="stVegaLiteChart"] svg text'),
    chart_titles: smallest('[data-testid="stVegaLiteChart"] svg .role-title-text text'),
    grid_cells: grid('--gdg-base-font-style'),
    grid_headers: grid('--gdg-header-font-style'),
  };
}"""

# The data grids: how many columns, whether they scroll sideways in their box, whether they are
# editable; each one that scrolls is scrolled to its end. Glide-data-grid keeps a table
# of the cells it draws for screen readers, with each column's index.
GRIDS_SCROLLED = r"""() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter((g) => g.checkVisibility())
  .map((g) => {
    const scroller = g.querySelector('.dvn-scroller');
    const table = g.querySelector('table[role="grid"]');
    const wide = scroller.scrollWidth > scroller.clientWidth + 1;
    const editable = !!g.querySelector('td[aria-readonly="false"]');
    if (wide) scroller.scrollLeft = scroller.scrollWidth;
    return {
      wide, editable, columns: table ? Number(table.getAttribute('aria-colcount')) : null,
      shown: table ? table.querySelectorAll('th').length : null,
      box: scroller.clientWidth, content: scroller.scrollWidth,
    };
  })"""
# Scrolled to its end (its last column drawn), does each such grid still show its first column?
FIRST_SHOWN = r"""(grids) => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter((g) => g.checkVisibility())
  .every((g, i) => {
    if (!grids[i].wide || !grids[i].columns) return true;
    const at = (n) => g.querySelector(`table[role="grid"] th[aria-colindex="${n}"]`);
    return at(grids[i].columns) !== null && at(1) !== null;
  })"""

GRIDS_BACK = """() => document.querySelectorAll('.dvn-scroller')
  .forEach((s) => { s.scrollLeft = 0; })"""

CHARTS_DRAWN = r"""(count) => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  return charts.length >= count && charts.every((c) => c.querySelectorAll('svg text').length > 0);
}"""


def _drawn(page: Page, step: str) -> None:
    """Wait until the step's page is drawn to its end, with its grids and charts."""
    expect(page.get_by_role("button", name="Back")).to_be_visible(timeout=30_000)
    for n in range(GRIDS.get(step, 0)):
        grid = page.get_by_test_id("stDataFrame").nth(n)
        expect(grid.locator("canvas").first).to_be_visible(timeout=30_000)
        # The screen reader's table of the drawn cells comes a moment after the canvas.
        expect(grid.locator('table[role="grid"]')).to_be_attached(timeout=30_000)
    if step == "Measure the right thing":
        page.wait_for_function(CHARTS_DRAWN, arg=CHARTS, timeout=60_000)


def _shoot(page: Page, path: Path) -> None:
    """A picture of the whole page: the window made as tall as the page's content."""
    viewport = page.viewport_size or {"width": 1280, "height": 720}
    tall = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight"
    )
    page.set_viewport_size({"width": viewport["width"], "height": min(max(tall, 200), 16000)})
    page.screenshot(path=str(path))
    page.set_viewport_size(viewport)


@pytest.mark.parametrize("size", list(SIZES))
def test_nothing_is_cut_and_a_projector_shows_large_type(
    browser: Browser, server_url: str, wizard, size: str
):
    context = browser.new_context(**SIZES[size])
    wizard.watch(context)
    page = context.new_page()
    measured: dict[str, dict] = {}
    problems: dict[str, list[str]] = {}
    try:
        wizard.open(page, f"{server_url}/{QUERY.get(size, '')}")
        expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
        with wizard.acting(page, rerun=True):
            page.get_by_role("button", name=DEMO).click()
        for step in STEPS:
            with wizard.acting(page, rerun=True):
                page.get_by_role("button", name="Next").click()
            expect(page.get_by_role("heading", name=step)).to_be_visible(timeout=30_000)
            _drawn(page, step)
            wizard.idle(page)
            cut = page.evaluate(CUT, SCROLLERS)
            if cut:
                problems[step] = cut
            grids = page.evaluate(GRIDS_SCROLLED)
            if any(g["wide"] and g["columns"] for g in grids):
                # Scrolled to its end, a wide grid still shows its naming column (pinned).
                try:
                    page.wait_for_function(FIRST_SHOWN, arg=grids, timeout=10_000)
                except PlaywrightTimeout:
                    problems.setdefault(step, []).append(f"a grid hides its first column: {grids}")
                page.evaluate(GRIDS_BACK)
            if size == "projector":
                measured[step] = page.evaluate(FONTS, MIN_PX)
            else:
                measured[step] = {"grids": grids}
            if step in SHOTS:
                RESULTS.mkdir(exist_ok=True)
                _shoot(page, RESULTS / f"layout-{size}-{SHOTS[step]}.png")
    finally:
        context.close()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"layout-{size}.json").write_text(json.dumps(measured, indent=1))
    assert not problems, json.dumps(problems, indent=1)
    if size == "projector":
        small = {step: m["small"] for step, m in measured.items() if m["small"]}
        assert not small, json.dumps(small, indent=1)
        seen: dict[str, list[float]] = {}
        for m in measured.values():
            for kind, value in m.items():
                values = value if isinstance(value, list) else [value]
                if kind != "small":
                    seen.setdefault(kind, []).extend(v for v in values if v is not None)
        for kind in ("body", "sidebar_links", "chips", "countdown", "chart_text", "grid_cells"):
            assert seen.get(kind), f"no {kind} measured"
            assert min(seen[kind]) >= MIN_PX, (kind, min(seen[kind]))
        assert min(seen["countdown"]) >= 2 * MIN_PX  # the timer reads across a room
