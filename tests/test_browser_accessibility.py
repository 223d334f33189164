"""Accessibility in a real browser: axe-core finds nothing serious, and the page says its language.

With the HR demo loaded, each combination of language (English, Swedish), mode (normal,
workshop) and window (a 1400×900 desk, a 390×844 phone) walks the wizard's eight steps by Next,
then opens the strategy canvas from the sidebar, and runs axe-core (axe-playwright-python) on
every page view: its default rules (WCAG 2.0–2.2 A and AA and the best practices) with
`target-size` (WCAG 2.2 2.5.8: targets of at least 24×24 px) turned on. No violation may be
serious or critical; all of them, minor ones too, are written to test-results/axe-<combo>.json
(or $AXE_RESULTS) for a person to read. On the phone the sidebar is collapsed on the steps, so it
is checked once, open, before the canvas link is clicked.

The page's language: Streamlit writes `<html lang="en">` into every page, so ui/page_lang.py
sets `document.documentElement.lang` from the chosen language on every run; a Swedish page must
say "sv" and an English one "en", also right after the language is switched on the Start page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser
RESULTS = Path(
    os.environ.get("AXE_RESULTS") or Path(__file__).resolve().parent.parent / "test-results"
)
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
SIZES = {
    "desk": {"viewport": {"width": 1400, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "user_agent": PHONE_UA,
    },
}
MODES = {"normal": "", "workshop": "?mode=workshop"}
STEPS = ("start", "why", "audit", "channels", "guidelines", "plan", "analytics", "export")
START = {"en": "Who is this strategy for?", "sv": "Vem gäller strategin?"}
DEMO = ".st-key-demo_hr_team button"
# The impacts that fail the test; minor and moderate ones are only written down.
FAILING = ("serious", "critical")
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
CHARTS = 5  # the demo's Analytics step draws at least these many charts

CHARTS_DRAWN = r"""(count) => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  return charts.length >= count && charts.every((c) => c.querySelectorAll('svg text').length > 0);
}"""
# axe-core leaves chart text (SVG) out: the contrast of each visible axis label, axis,
# chart and legend title, with the page's background behind it (WCAG 1.4.3: 4.5:1, large
# text 3:1). Text drawn on marks (a heatmap's figures) has its own background and is left out.
CHART_TEXT = r"""() => {
  const channels = (c) => c.match(/[\d.]+/g).map(Number);
  const lum = (c) => channels(c).slice(0, 3).map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const back = lum(getComputedStyle(document.querySelector('[data-testid="stApp"]'))
    .backgroundColor);
  const roles = ['axis-label', 'axis-title', 'title-text', 'title-subtitle', 'legend-label',
    'legend-title'].map((r) => `.role-${r} text`).join(', ');
  const low = [];
  let seen = 0;
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')) {
    for (const text of chart.querySelectorAll(roles)) {
      const style = getComputedStyle(text);
      if (!text.textContent.trim() || style.opacity === '0' || style.visibility === 'hidden'
          || text.getAttribute('opacity') === '0') continue;
      seen += 1;
      const fore = lum(style.fill);
      const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        const words = text.textContent.slice(0, 40);
        low.push(`${ratio.toFixed(2)}:1 ${style.fill} ${size}px "${words}"`);
      }
    }
  }
  return { seen, low: [...new Set(low)] };
}"""
LANG = "() => document.documentElement.lang"
# The language each word of the language choice and of the file uploader is marked as.
WORDS = r"""() => {
  const langOf = (node) => (node.nodeType === 3 ? node.parentElement : node).closest('[lang]').lang;
  const words = {};
  const choice = [...document.querySelectorAll('[data-testid="stRadio"]')]
    .find((r) => r.textContent.includes('Svenska'));
  const walker = document.createTreeWalker(choice, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeValue.trim()) words[n.nodeValue.trim()] = langOf(n);
  }
  const uploader = document.querySelectorAll('[data-testid="stFileUploaderDropzone"] button p');
  for (const el of uploader) words[el.textContent.trim()] = langOf(el);
  return words;
}"""

_axe = Axe()


def _violations(page: Page, where: str) -> list[dict]:
    """Run axe-core on the page as it is now; one entry per violating element."""
    found = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        {
            "page": where,
            "rule": v["id"],
            "impact": node.get("impact") or v["impact"],
            "target": " ".join(str(t) for t in node["target"]),
            "summary": (node.get("failureSummary") or "").replace("\n", " ")[:300],
            "html": node.get("html", "")[:200],
        }
        for v in found
        for node in v["nodes"]
    ]


def _wrong_language(where: str, said: str) -> dict:
    """A page whose root element names another language than the chosen one (WCAG 3.1.1)."""
    summary = f'<html lang="{said}">'
    return {
        "page": where,
        "rule": "page-language",
        "impact": "serious",
        "target": "html",
        "summary": summary,
        "html": summary,
    }


def _drawn(page: Page, step: str) -> None:
    """Wait until a step is drawn to its end: its grids' cells and, on Analytics, the charts."""
    grids = page.get_by_test_id("stDataFrame")
    for n in range(grids.count()):
        if grids.nth(n).is_visible():  # one in a closed expander is drawn when it opens
            expect(grids.nth(n).locator('table[role="grid"]')).to_be_attached()
    if step == "analytics":
        page.wait_for_function(CHARTS_DRAWN, arg=CHARTS, timeout=60_000)


def _open_sidebar(page: Page) -> None:
    """Open the phone's collapsed sidebar (the desk's is always open)."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").locator('a[href$="canvas"]')).to_be_in_viewport()


COMBOS = [(language, mode, size) for language in ("en", "sv") for mode in MODES for size in SIZES]


@pytest.mark.parametrize(
    ("language", "mode", "size"), COMBOS, ids=["-".join(combo) for combo in COMBOS]
)
def test_axe_finds_no_serious_violation_on_any_page(
    browser: Browser, server_url: str, wizard, language: str, mode: str, size: str
):
    context = browser.new_context(**SIZES[size])
    wizard.watch(context)
    page = context.new_page()
    found: list[dict] = []
    try:
        wizard.open(page, f"{server_url}/{MODES[mode]}")
        expect(page.get_by_role("heading", name=START["en"])).to_be_visible()
        if language == "sv":
            with wizard.acting(page, rerun=True):
                page.get_by_text("Svenska", exact=True).click()
            expect(page.get_by_role("heading", name=START["sv"])).to_be_visible()
        with wizard.acting(page, rerun=True):
            page.locator(DEMO).click()
        for n, step in enumerate(STEPS):
            if n:
                with wizard.acting(page, rerun=True):
                    page.locator(f".st-key-next_{STEPS[n - 1]} button").click()
            # Each step ends in its Back button (Start, which has none, in Next): drawn to its end.
            end = "next_start" if step == "start" else f"back_{step}"
            # A step after Analytics can take long to come on two shared cores: up to a minute.
            expect(page.locator(f".st-key-{end} button")).to_be_visible(timeout=60_000)
            _drawn(page, step)
            wizard.idle(page)
            said = page.evaluate(LANG)
            if said != language:
                found.append(_wrong_language(step, said))
            found += _violations(page, step)
            if step == "analytics":
                charts = page.evaluate(CHART_TEXT)
                assert charts["seen"] > 0, "no chart text measured"
                found += [
                    {
                        "page": step,
                        "rule": "chart-text-contrast",
                        "impact": "serious",
                        "target": "svg text",
                        "summary": low,
                        "html": "",
                    }
                    for low in charts["low"]
                ]
        if size == "phone":
            _open_sidebar(page)
            found += _violations(page, "sidebar")
        with wizard.acting(page, rerun=True):
            page.get_by_test_id("stSidebar").locator('a[href$="canvas"]').click()
        expect(page.get_by_test_id("stMain").locator("h1")).to_be_visible()
        wizard.idle(page)
        found += _violations(page, "canvas")
    finally:
        context.close()
        # Written also when the walk stops halfway: what was found so far.
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"axe-{language}-{mode}-{size}.json").write_text(
            json.dumps(found, indent=1, ensure_ascii=False)
        )
    failing = [v for v in found if v["impact"] in FAILING]
    assert not failing, "\n".join(
        f"{v['page']}: {v['rule']} ({v['impact']}) at {v['target']}: {v['summary']}"
        for v in failing
    )


def _marked(page: Page) -> dict[str, str]:
    """The language of the choice's words and the uploader's button, once they are marked."""
    expect(page.get_by_test_id("stRadio").locator('span[lang="sv"]')).to_have_text("Språk")
    return page.evaluate(WORDS)


def test_the_page_says_its_language_and_follows_a_switch(page: Page, server_url: str, wizard):
    """`<html lang>` follows the chosen language, and mixed-language words are marked."""
    words = {"Language ·": "en", "Språk": "sv", "English": "en", "Svenska": "sv"}
    wizard.open(page, server_url)
    expect(page.get_by_role("heading", name=START["en"])).to_be_visible()
    page.wait_for_function(f"() => ({LANG})() === 'en'")
    assert _marked(page).items() >= {**words, "Upload": "en"}.items()
    with wizard.acting(page, rerun=True):
        page.get_by_text("Svenska", exact=True).click()
    expect(page.get_by_role("heading", name=START["sv"])).to_be_visible()
    page.wait_for_function(f"() => ({LANG})() === 'sv'")
    # Streamlit's own "Upload" stays English on a Swedish page, and says so.
    expect(
        page.locator('[data-testid="stFileUploaderDropzone"] button[lang="en"]')
    ).to_be_attached()
    assert _marked(page).items() >= {**words, "Upload": "en"}.items()
    # Another page of the same session, and back to English.
    with wizard.acting(page, rerun=True):
        page.get_by_test_id("stSidebar").locator('a[href$="why"]').click()
    expect(page.get_by_role("heading", name="Hitta ditt varför")).to_be_visible()
    assert page.evaluate(LANG) == "sv"
    with wizard.acting(page, rerun=True):
        page.get_by_test_id("stSidebar").locator('a[href=""]').click()
    with wizard.acting(page, rerun=True):
        page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name=START["en"])).to_be_visible()
    page.wait_for_function(f"() => ({LANG})() === 'en'")
