"""Keyboard only: a new user goes from Start to the downloaded PDF with keys alone (WCAG 2.1.1),
and every place focus stops is visible (2.4.7) and not hidden by the header or the sidebar
(2.4.11).

Nothing here clicks, fills or focuses an element: focus moves with Tab and Shift+Tab, and the
test types, presses Enter, Space, the arrows and Escape as a person would. After every Tab the
focused element is checked: a ring (an outline of 2 px or more, 3:1 against what is behind it)
on it or on the box that stands for it (a text field's frame, a checkbox's label, the data
grid's frame), shown (not transparent), inside the window, clear of the sticky header and the
sidebar, and on top where it is drawn (`document.elementFromPoint` at its centre is inside it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from ui.focus_css import RING

pytestmark = pytest.mark.browser

# The accessible name and role of an element (enough of the accname rules for this app), and
# whether focus on it can be seen. `state()` describes document.activeElement.
FOCUS_JS = r"""
(() => {
  const words = (text) => (text || "").replace(/\s+/g, " ").trim();
  const textOf = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"], [aria-hidden="true"]')
      .forEach((n) => n.remove());
    return words(copy.textContent);
  };
  const nameOf = (el) => {
    if (el.getAttribute("aria-label")) return words(el.getAttribute("aria-label"));
    if (el.getAttribute("aria-labelledby")) {
      return words(el.getAttribute("aria-labelledby").split(/\s+/)
        .map((id) => (document.getElementById(id) || {}).textContent || "").join(" "));
    }
    if (el.labels && el.labels.length) return textOf(el.labels[0]);
    if (["INPUT", "TEXTAREA"].includes(el.tagName)) return words(el.placeholder);
    return textOf(el);
  };
  const roleOf = (el) => {
    if (el.getAttribute("role")) return el.getAttribute("role");
    if (el.tagName === "INPUT") {
      return {checkbox: "checkbox", radio: "radio", button: "button", submit: "button"}[el.type]
        || "textbox";
    }
    return {A: el.href ? "link" : "", BUTTON: "button", TEXTAREA: "textbox", CANVAS: "grid",
      SUMMARY: "button", MAIN: "main"}[el.tagName] || el.tagName.toLowerCase();
  };
  const rgba = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const luminance = ({r, g, b}) => {
    const lin = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const ringOf = (el) => {
    // The element, or the box that stands for it, up to its widget's container.
    for (let e = el, i = 0; e && i < 8; e = e.parentElement, i++) {
      const s = getComputedStyle(e), r = e.getBoundingClientRect();
      // A ring on a visually hidden input (1 px, clipped) is not one anybody sees.
      const sized = r.width >= 6 && r.height >= 6;
      if (sized && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) return e;
      const id = e.dataset && e.dataset.testid;
      if (e !== el && ["stElementContainer", "stMain", "stSidebar"].includes(id)) break;
    }
    return null;
  };
  const state = () => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
      // Tab from the last element leaves the page for the browser's own controls.
      return {name: "(the browser, past the page's last element)", role: "", problems: []};
    }
    const problems = [];
    // The data grid's cells are hidden table cells for screen readers (no box): the grid's
    // frame, and the selection it draws on its canvas, show where focus is.
    const size = el.getBoundingClientRect();
    const grid = el.closest('[data-testid="stDataFrame"]');
    const shown = grid && (size.width < 1 || size.height < 1) ? grid : el;
    const ring = ringOf(shown);
    if (!ring) problems.push("no focus ring (outline of 2 px or more)");
    else {
      const s = getComputedStyle(ring), color = rgba(s.outlineColor);
      const back = behind(ring === el && el.dataset.testid === "stMain" ? el : ring.parentElement);
      const [l1, l2] = [luminance(color), luminance(back)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (!color || color.a < 1 || ratio < 3) {
        const on = JSON.stringify(back);
        problems.push(`ring contrast ${ratio.toFixed(2)}:1 (${s.outlineColor} on ${on})`);
      }
    }
    for (let e = shown; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (parseFloat(s.opacity) < 0.5 || s.visibility !== "visible" || s.display === "none") {
        const how = `opacity ${s.opacity}, visibility ${s.visibility}`;
        problems.push(`not shown (${how} on ${e.tagName})`);
        break;
      }
    }
    const box = (ring || shown).getBoundingClientRect();
    const main = document.querySelector('[data-testid="stMain"]');
    const header = document.querySelector('[data-testid="stHeader"]');
    const sidebar = document.querySelector('[data-testid="stSidebar"]');
    const inMain = main && main.contains(el) && el !== main;
    const top = inMain && header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    // A grid standing in for its cell need only show in part: the grid keeps its selected
    // cell in view inside it.
    const fits = shown === el && box.height <= innerHeight - top;
    if (el !== main) {
      const outside = fits
        ? box.top < top - 0.5 || box.bottom > innerHeight + 0.5
        : box.bottom <= top || box.top >= innerHeight;
      if (box.left < -0.5 || box.right > innerWidth + 0.5 || outside) {
        const where = [box.left, box.top, box.right, box.bottom].map(Math.round);
        problems.push(`outside the window or under the header (${where}; header ends at ${top})`);
      }
      // Over the header or the sidebar only counts where that one is drawn on top of it.
      const covers = (other) => {
        if (!other || other.contains(el)) return false;
        const r = other.getBoundingClientRect();
        const [l, t] = [Math.max(box.left, r.left), Math.max(box.top, r.top)];
        const [rt, b] = [Math.min(box.right, r.right), Math.min(box.bottom, r.bottom)];
        if (l >= rt || t >= b) return false;
        const hit = document.elementFromPoint((l + rt) / 2, (t + b) / 2);
        return !!hit && other.contains(hit);
      };
      if (covers(header)) problems.push("under the sticky header");
      if (covers(sidebar)) problems.push("behind the sidebar");
      const x = (Math.max(box.left, 0) + Math.min(box.right, innerWidth)) / 2;
      const y = (Math.max(box.top, top) + Math.min(box.bottom, innerHeight)) / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !((ring || shown).contains(hit) || shown.contains(hit))) {
        const widget = hit && hit.closest("[data-testid]");
        const what = hit ? `${hit.tagName} ${widget ? widget.dataset.testid : ""}` : "nothing";
        problems.push(`covered at its centre by ${what}`);
      }
    }
    return {name: nameOf(el), role: roleOf(el), problems};
  };
  return {state, nameOf, roleOf};
})()
"""
STATE = f"() => ({FOCUS_JS}).state()"
SEEN = f"() => ({FOCUS_JS}).state().problems.length === 0"
# Rings fade in (the grid's toolbar) and :has() styles apply on the next frame: wait that long.
SEEN_MS = 3_000
WHY = "We use social media so that good people want to work with us."


@dataclass(frozen=True)
class Want:
    """What the focused element should be: a role, and a name (exact, or a pattern)."""

    role: str
    name: str | re.Pattern[str] | None = None

    def __call__(self, stop: dict) -> bool:
        if stop["role"] != self.role:
            return False
        if self.name is None:
            return True
        if isinstance(self.name, re.Pattern):
            return bool(self.name.fullmatch(stop["name"]))
        return stop["name"] == self.name

    def __str__(self) -> str:
        return f"{self.role} {self.name!r}" if self.name else self.role


@dataclass
class Keys:
    """A person with a keyboard: moves focus with Tab, checks every stop is seen."""

    page: Page
    wizard: object
    stops: int = 0
    problems: list[str] = field(default_factory=list)

    def check(self, where: str) -> dict:
        """Record whether the focused element can be seen; return its name and role."""
        self.stops += 1
        try:
            self.page.wait_for_function(SEEN, polling="raf", timeout=SEEN_MS)
        except Exception:  # noqa: BLE001 (Playwright's timeout): the state says what is wrong
            pass
        stop = self.page.evaluate(STATE)
        if stop["problems"]:
            self.problems.append(
                f"{where}, stop {self.stops}: {stop['role']} {stop['name']!r}: {stop['problems']}"
            )
        return stop

    def tab_to(self, want: Want, where: str, *, most: int = 80, back: bool = False) -> dict:
        """Press Tab (Shift+Tab with `back`) until the focused element is the one wanted.

        Args:
            want: The role and name to stop at.
            where: The step, for messages.
            most: The most presses before giving up.
            back: Go backwards.

        Returns:
            The focused element's name and role.
        """
        passed = []
        for _ in range(most):
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
            stop = self.check(where)
            if want(stop):
                return stop
            passed.append(f"{stop['role']} {stop['name'][:40]!r}")
        raise AssertionError(
            f"{where}: no {want} within {most} presses of {'Shift+Tab' if back else 'Tab'}; "
            "passed:\n  " + "\n  ".join(passed)
        )

    def press(self, key: str, *, rerun: bool) -> None:
        """Press a key on the focused element; with `rerun`, wait for the script run it asks."""
        on = self.page.evaluate(STATE)
        try:
            with self.wizard.acting(self.page, rerun=rerun):  # type: ignore[attr-defined]
                self.page.keyboard.press(key)
        except AssertionError as exc:
            raise AssertionError(f"{key} on {on['role']} {on['name']!r}: {exc}") from None

    def type(self, text: str) -> None:
        """Type into the focused element, key by key."""
        self.page.keyboard.type(text)

    def next_step(self, heading: str, where: str) -> None:
        """Tab to Next, press Enter, and wait for the next step's heading."""
        self.tab_to(Want("button", "Next"), where)
        self.press("Enter", rerun=True)
        title = self.page.get_by_role("heading", name=heading, level=1)
        expect(title).to_be_visible()
        # Focus starts at the new step's title (ui.page_focus), not where Next was.
        expect(title).to_be_focused()
        self.check(heading)

    def assert_seen(self) -> None:
        """Fail, listing them, if any focus stop so far could not be seen."""
        assert not self.problems, f"{len(self.problems)} of {self.stops} focus stops hidden:\n" + (
            "\n".join(self.problems)
        )


def open_app(page: Page, url: str, wizard) -> None:
    """Open the app, wait for its first run, and for the focus rules (ui.focus_css) to apply."""
    wizard.open(page, url)
    expect(page.get_by_role("heading", name=wizard.titles[0])).to_be_visible()
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some((s) => s.textContent.includes("
        f"{RING!r}))"
    )


def start(keys: Keys, page: Page) -> None:
    """Who it is for (a radio group is one tab stop; the arrows choose), and a name."""
    keys.tab_to(Want("radio", "Me, personally"), "Start")
    keys.press("ArrowRight", rerun=True)
    keys.check("Start")
    expect(page.get_by_role("radio", name="An organisation or team")).to_be_checked()
    keys.tab_to(Want("textbox", "Your name, or your organisation's"), "Start")
    keys.type("Keyboard Marker HR")
    keys.press("Tab", rerun=True)  # a text field sends its value when it loses focus
    keys.check("Start")


def why(keys: Keys, page: Page) -> None:
    """A goal from the multiselect (type to filter, Enter picks, Escape closes), a readiness
    pill, and a why sentence of the user's own."""
    keys.tab_to(Want("combobox", "Your goals: pick one or a few"), "Why")
    keys.type("Employer")
    keys.press("Enter", rerun=True)
    keys.press("Escape", rerun=False)
    expect(page.get_by_role("radiogroup", name="The goal that leads")).to_be_visible()
    keys.tab_to(Want("button", "The case is made"), "Why")
    keys.press("Enter", rerun=True)
    expect(page.get_by_text("To do: Write down, in one page")).to_have_count(0)
    keys.tab_to(Want("textbox", "Why statement"), "Why", back=True)
    keys.press("Control+A", rerun=False)
    keys.type(WHY)
    keys.press("Tab", rerun=True)
    keys.check("Why")
    expect(page.get_by_label("Why statement")).to_have_value(WHY)


def type_in_cell(keys: Keys, page: Page, text: str, *, opened: bool) -> None:
    """Type into the grid's selected cell and save it with Enter.

    Args:
        keys: The keyboard.
        page: The page.
        text: What to type.
        opened: Whether the last key pressed should have opened the cell's editor (Enter on
            the empty last row adds a row and opens its first cell, unless the run that adds
            the row redraws the grid first: then Enter opens it).
    """
    editor = page.get_by_test_id("portal").locator("textarea")  # the grid's cell editor
    if opened:
        try:
            expect(editor).to_be_focused(timeout=5_000)
        except AssertionError:
            opened = False
    if not opened:
        page.keyboard.press("Enter")
        expect(editor).to_be_focused()
    keys.type(text)
    expect(editor).to_have_value(text)
    keys.press("Enter", rerun=True)


def audit(keys: Keys, page: Page) -> None:
    """An account in the data editor: Enter on the grid's empty last row adds a row and opens
    its first cell; typing fills it and Enter saves; the arrows move between cells, and Enter
    opens one."""
    keys.tab_to(Want("grid"), "Audit")
    keys.press("Enter", rerun=True)
    type_in_cell(keys, page, "LinkedIn", opened=True)
    expect(page.get_by_text(re.compile(r"\d+ tasks? from this audit"))).to_be_visible()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowRight")
    type_in_cell(keys, page, "@keyboardmarker", opened=False)
    expect(page.get_by_text("is not saved yet")).to_have_count(0)


def channels(keys: Keys, page: Page) -> None:
    """Tick LinkedIn with Space."""
    keys.tab_to(Want("checkbox", "Pick LinkedIn"), "Channels", most=120)
    keys.press("Space", rerun=True)
    keys.check("Channels")
    expect(page.get_by_role("checkbox", name="Pick LinkedIn")).to_be_checked()


def guidelines(keys: Keys, page: Page) -> None:
    """The card is suggested; check a draft post against it."""
    keys.tab_to(Want("tab", "LinkedIn"), "Guidelines")
    keys.tab_to(Want("textbox", "Draft"), "Guidelines")
    keys.type("We are hiring nurses in Lund. What would you ask us? Apply by Friday.")
    keys.press("Control+Enter", rerun=True)  # a text area's own key to send its value
    keys.check("Guidelines")
    expect(page.get_by_test_id("stMetric").filter(has_text="Hashtags")).to_be_visible()


def plan(keys: Keys, page: Page) -> None:
    """The actions come from the earlier steps; type the review day into the date field (year,
    month and day, each a spin button). It is sent when focus leaves the field."""
    review = dt.date.today() + dt.timedelta(days=200)
    keys.tab_to(Want("spinbutton", "year, Review this strategy on"), "Plan", most=120)
    keys.type(f"{review:%Y%m%d}")
    keys.tab_to(Want("button", "Choose date"), "Plan", most=3)
    keys.press("Tab", rerun=True)
    keys.check("Plan")
    expect(page.get_by_text("No day picked yet")).to_have_count(0)


def analytics(keys: Keys, page: Page) -> None:
    """The demo data is shown; write what works for the audience."""
    expect(page.get_by_text("Showing made-up demo data")).to_be_visible()
    keys.tab_to(
        Want("textbox", "Your notes on what works for your audience"), "Analytics", most=250
    )
    keys.type("Pictures of the team get the most comments.")
    keys.press("Control+Enter", rerun=True)
    keys.check("Analytics")


def export(keys: Keys, page: Page, folder: Path) -> Path:
    """Every step is complete; build the PDF and download it with Enter on its link."""
    expect(page.get_by_text("Every step is complete.")).to_be_visible()
    expect(page.get_by_text("8 of 8 steps complete")).to_be_visible()
    keys.tab_to(Want("button", "Generate PDF"), "Export")
    # Building the PDF can take longer than a run is waited for on a loaded machine: wait for
    # its link instead, as tests/test_browser_wizard.py does.
    keys.wizard.idle(page)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Download PDF")).to_be_visible(timeout=120_000)
    keys.wizard.idle(page)  # type: ignore[attr-defined]
    keys.tab_to(Want("button", "Download PDF"), "Export")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    target = folder / "strategy.pdf"
    info.value.save_as(target)
    return target


def test_a_new_user_finishes_the_wizard_with_the_keyboard_alone(
    page: Page, server_url: str, wizard, tmp_path
):
    page.set_viewport_size({"width": 1400, "height": 900})
    keys = Keys(page, wizard)
    open_app(page, server_url, wizard)
    steps = [start, why, audit, channels, guidelines, plan, analytics]
    for step, (here, after) in zip(steps, pairwise(wizard.titles), strict=False):
        step(keys, page)
        keys.assert_seen()
        keys.next_step(after, here)
    pdf = export(keys, page, tmp_path)
    keys.assert_seen()

    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(pdf).pages)
    for typed in ("Keyboard Marker HR", WHY, "@keyboardmarker"):
        assert typed in text.replace("\n", " "), typed


def test_every_focus_stop_of_every_step_is_seen_in_workshop_mode_on_a_small_screen(
    page: Page, server_url: str, wizard
):
    """With the demo loaded (by keyboard), Tab once round every step: each stop is seen.

    Workshop mode's larger type at 1280×720 makes the pages long, so most stops need a
    scroll, and the facilitator's panel and timer add stops of their own.
    """
    page.set_viewport_size({"width": 1280, "height": 720})
    keys = Keys(page, wizard)
    open_app(page, server_url, wizard)
    keys.tab_to(Want("switch", "Workshop mode"), "Start")
    keys.press("Space", rerun=True)
    keys.tab_to(Want("button", "Load the demo: HR team of a mid-size company"), "Start")
    keys.press("Enter", rerun=True)
    expect(page.get_by_text("Loaded the demo")).to_be_visible()
    links = ["Start", "Why", "Audit", "Channels", "Guidelines", "Plan", "Analytics", "Export"]
    for link, title in zip(links, wizard.titles, strict=True):
        # The link is marked ✓ once its step is complete.
        keys.tab_to(Want("link", re.compile(rf"{link}( ✓)?")), link, most=400)
        keys.press("Enter", rerun=link != "Start")
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        keys.tab_to(Want("link", "Skip to main content"), link, most=400)
    links_and_canvas = Want("link", "Strategy canvas")
    keys.tab_to(links_and_canvas, "Canvas", most=400)
    keys.press("Enter", rerun=True)
    keys.tab_to(Want("link", "Skip to main content"), "Canvas", most=400)
    keys.assert_seen()
