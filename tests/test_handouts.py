"""Handouts: the canvas and the PDF list each routine once, dated from today, and print cleanly."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from strategy.analytics import Options, analyze
from strategy.core.i18n import using
from strategy.core.library import load_library
from strategy.core.model import PlanAction, PlanSection, RecurringItem
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import find_persona, load_persona
from strategy.report import build_document, to_pdf
from strategy.report.blocks import Image
from strategy.report.figures import figures
from strategy.steps.plan import next_actions, routines
from ui.handout import PRINT_CSS
from ui.state import SESSION_KEY
from ui.text import safe

TODAY = dt.date(2026, 12, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("item", "when", "next_day"),
    [
        (
            RecurringItem(what="A", rhythm="weekly", start=dt.date(2026, 11, 27)),
            "Every week on Friday",
            dt.date(2026, 12, 4),
        ),
        (
            RecurringItem(what="B", rhythm="monthly", start=dt.date(2026, 1, 3)),
            "Every month on day 3",
            dt.date(2026, 12, 3),
        ),
        (
            RecurringItem(what="C", rhythm="monthly", start=dt.date(2026, 1, 31)),
            "Every month on day 31",
            dt.date(2026, 12, 31),
        ),
        (
            RecurringItem(what="D", rhythm="quarterly", start=dt.date(2024, 2, 20)),
            "Every three months on day 20",
            dt.date(2027, 2, 20),
        ),
        (RecurringItem(what="E", rhythm="monthly"), "Every month on day 2", TODAY),
        (
            RecurringItem(what="F", rhythm="weekly", start=dt.date(2027, 3, 1)),
            "Every week on Monday",
            dt.date(2027, 3, 1),
        ),
    ],
    ids=list("ABCDEF"),
)
def test_a_routine_is_listed_once_with_its_rhythm_in_words_and_its_next_date(item, when, next_day):
    (routine,) = routines(PlanSection(recurring=[item]), TODAY)
    assert (routine.when, routine.what, routine.next) == (when, item.what, next_day)


def test_routines_in_swedish_and_soonest_first():
    plan = PlanSection(
        recurring=[
            RecurringItem(what="later", rhythm="monthly", start=dt.date(2026, 1, 20)),
            RecurringItem(what="sooner", rhythm="weekly", start=dt.date(2026, 12, 4)),
        ]
    )
    with using("sv"):
        got = [(r.what, r.when) for r in routines(plan, TODAY)]
    assert got == [("sooner", "Varje vecka på fredag"), ("later", "Varje månad, dag 20")]


def test_next_actions_keep_overdue_tasks_apart_and_leave_done_and_far_ones_out():
    def task(what, days, status="todo"):
        return PlanAction(what=what, due=TODAY + dt.timedelta(days=days), status=status)

    plan = PlanSection(
        actions=[
            task("late", -3),
            task("soon", 5),
            task("done", 1, "done"),
            task("far", 120),
            task("today", 0),
        ]
    )
    overdue, coming = next_actions(plan, TODAY)
    assert [a.what for a in overdue] == ["late"]
    assert [a.what for a in coming] == ["today", "soon"]


def test_the_pdf_lists_each_routine_once_in_a_table_not_a_wall_of_dates():
    s = load_persona("hr_team", "en", today=TODAY)
    pdf = to_pdf(build_document(s, load_library(language="en"), today=TODAY, charts=False))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("Staff story of the month") == 1
    assert "Every month on day 3" in text
    assert "Next" in text and "3 January 2027" in text  # the next date, in its own column


def test_the_canvas_lists_each_routine_once_and_asks_the_three_questions(app):
    app.button(key="demo_hr_team").click().run()
    app.switch_page("pages/wizard/canvas.py").run()
    assert not app.exception
    page = "\n".join(m.value for m in app.markdown)
    strategy = app.session_state[SESSION_KEY].strategy
    for item in strategy.plan.recurring:
        assert page.count(safe(item.what)) == 1, item.what
    for question in load_library(language="en").rules.value_questions("organisation"):
        assert question in page
    assert "personal brand" not in page
    assert "Every month on day 3" in page
    overdue, coming = next_actions(strategy.plan, dt.date.today())
    assert not overdue and coming, "a demo opened today has nothing overdue"


def test_the_canvas_prints_without_the_sidebar_on_a4():
    assert "@media print" in PRINT_CSS and "size: A4" in PRINT_CSS
    assert '[data-testid="stSidebar"]' in PRINT_CSS.split("display: none")[0]


@pytest.fixture(scope="module")
def demo_pdf() -> tuple[bytes, int]:
    s = load_persona("hr_team", "en", today=TODAY)
    datasets = demo_datasets(find_persona("hr_team").accounts)  # type: ignore[union-attr]
    doc = build_document(s, load_library(language="en"), datasets, today=TODAY)
    charts = sum(1 for b in doc.blocks if isinstance(b, Image))
    return to_pdf(doc), charts


@pytest.mark.slow  # a PDF with eight charts drawn: about 8 s
def test_every_demo_chart_says_its_data_is_made_up(demo_pdf):
    pdf, charts = demo_pdf
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert charts >= 4 and text.count("(made-up demo data)") == charts


def test_a_chart_of_real_exports_is_not_labelled_made_up():
    real = [
        d.model_copy(update={"format_id": "meta_posts"})
        for d in demo_datasets(find_persona("hr_team").accounts)  # type: ignore[union-attr]
    ]
    analysis = analyze(real, Options())
    assert all("made-up" not in json.dumps(spec) for spec, _r, _a in figures(analysis))
    assert all("made-up" in json.dumps(spec) for spec, _r, _a in figures(analysis, True))


@pytest.mark.slow
def test_no_page_before_the_last_is_left_nearly_empty(demo_pdf):
    pdf, _charts = demo_pdf
    pages = PdfReader(io.BytesIO(pdf)).pages
    lines = [len(p.extract_text().splitlines()) for p in pages]
    # The cover is short by design; the rest were pages holding two lines of a chapter's
    # end before the next chapter was forced onto a page of its own.
    assert all(n >= 15 for n in lines[1:-1]), lines
