"""Targets in the strategy report, the one-page review PDF and Markdown, and the review reminder."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from strategy.cli import main
from strategy.core.i18n import using
from strategy.core.library import library
from strategy.core.model import Strategy, Target
from strategy.core.storage import dumps
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import load_persona
from strategy.report import build_document, to_markdown, to_pdf
from strategy.report.calendar import to_ics
from strategy.report.targets import review_document, review_markdown, review_pdf
from strategy.targets.baseline import baseline_for, choices, set_baseline
from strategy.targets.measures import span
from strategy.targets.review import review

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
GOLDEN = Path(__file__).parent / "data" / "golden"
MEASURES = ("interaction_rate", "followers", "follower_growth", "posts_per_week")
VALUES = {"interaction_rate": 0.05, "followers": 20_000, "follower_growth": 40, "posts_per_week": 2}


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def unescaped(md: str) -> str:
    """Markdown without its escapes ("\\:" is ":"), to look for words in it."""
    return md.replace("\\", "")


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def with_targets(language: str) -> Strategy:
    """The hr_team demo with a target per measure, baselines on the demo's first half.

    The last target's baseline rests on three days: too little data to tell.
    """
    s = load_persona("hr_team", language, today=TODAY)
    data = demo_datasets()
    covered = span(data)
    assert covered is not None
    middle = covered[0] + (covered[1] - covered[0]) / 2
    found = choices(data, s)
    for i, measure in enumerate(MEASURES):
        c = next(c for c in found if measure in c.measures)
        s.targets.targets.append(
            Target(
                goal=s.why.goals[i % len(s.why.goals)],
                measure=measure,
                account=c.account,
                platform=c.platform,
                value=VALUES[measure],
                by=middle + dt.timedelta(days=365),
            )
        )
    for i, t in enumerate(list(s.targets.targets)):
        end = covered[0] + dt.timedelta(days=2) if i == len(MEASURES) - 1 else middle
        s = set_baseline(s, i, baseline_for(data, t, s, end=end), middle)
    s.channels.chosen = s.channels.chosen[:-1]  # a channel dropped since the baselines
    return s


@pytest.fixture(scope="module", params=["en", "sv"])
def reviewed(request):
    lang = request.param
    s, lib = with_targets(lang), library(lang)
    with using(lang):
        result = review(s, demo_datasets(), lib)
        pdf = review_pdf(result, s, lib, TODAY)
        md = unescaped(review_markdown(result, s, lib, TODAY))
    return lang, s, result, pdf, md


def test_the_strategy_report_lists_each_goals_targets_with_baseline_period_and_sample():
    s = with_targets("en")
    lib = library("en")
    doc = build_document(s, lib, today=TODAY, charts=False)
    md, text = unescaped(to_markdown(doc)), pdf_text(to_pdf(doc))
    first = s.targets.targets[0]
    assert first.baseline is not None
    for out in (md, " ".join(text.split())):
        assert "Targets" in out and "Employer brand" in out
        assert "Northwind HR (LinkedIn)" in out
        assert "baseline 1.80% median interactions per follower, 1 Nov 2025 – " in out
        assert f"{first.baseline.n} posts; target 5.00% by " in out
        assert "10,764 followers" in out and "183 days" in out
        assert "(too little data to compare: only 3 days, at least 14 are needed)" in out
    # The targets are part of the Why section, after its goals.
    assert md.index("### Goals") < md.index("### Targets") < md.index("### Readiness")


def test_the_swedish_report_lists_the_targets_in_swedish():
    doc = build_document(with_targets("sv"), library("sv"), today=TODAY, charts=False)
    md = unescaped(to_markdown(doc))
    assert "### Målvärden" in md
    assert "utgångsläge 1,80\xa0% median interaktioner per följare, 1 nov. 2025 – " in md
    assert "målvärde 5,00\xa0% senast " in md and "183 dagar" in md


def test_a_strategy_without_targets_has_no_targets_part_and_the_golden_file_is_unchanged():
    s = load_persona("hr_team", "sv", today=dt.date(2026, 11, 1))  # the golden file's dates
    assert not s.targets.targets
    md = to_markdown(build_document(s, library("sv"), today=TODAY, charts=False))
    assert md == (GOLDEN / "hr_team_sv.md").read_text("utf-8")
    assert "Målvärden" not in md


def test_the_review_is_one_page_with_baseline_now_target_status_and_samples(reviewed):
    lang, s, result, pdf, md = reviewed
    assert pages(pdf) == 1
    text = " ".join(pdf_text(pdf).split())
    sv = lang == "sv"
    assert ("Uppföljning av strategin" if sv else "Strategy review") in text
    assert ("22 november 2026" if sv else "22 November 2026") in text
    statuses = [r.status for r in result.targets]
    assert statuses[-1] == "too_little_data" and len(set(statuses)) > 1
    for out in (text, md):
        with using(lang):
            assert all(r.status_words in out for r in result.targets)
        assert ("för lite data för att avgöra" if sv else "too little data to tell") in out
        assert ("minst 14 behövs" if sv else "at least 14 are needed") in out  # the reason
        assert ("81 inlägg" if sv else "81 posts") in out and (
            "183 dagar" if sv else "183 days"
        ) in out
        assert ("Vad som ändrats sedan" if sv else "What changed since") in out
        assert "TikTok" in out  # dropped since the baselines


def test_the_review_markdown_has_a_row_per_target_under_its_goal(reviewed):
    lang, s, result, pdf, md = reviewed
    rows = [line for line in md.splitlines() if line.startswith("| Northwind HR")]
    assert len(rows) == len(result.targets)
    assert all(len(row.split(" | ")) == 5 for row in rows)
    assert ("Utgångsläge" if lang == "sv" else "Baseline") in md


def test_a_review_without_targets_or_snapshot_says_so():
    s, lib = Strategy(), library("en")
    result = review(s, [], lib)
    md = unescaped(review_markdown(result, s, lib, TODAY))
    assert "This strategy has no targets yet." in md
    assert "No snapshot was kept with the baselines" in md
    assert pages(review_pdf(result, s, lib, TODAY)) == 1


def test_a_target_whose_goal_was_dropped_says_so_and_nothing_changed_is_said():
    s = Strategy()
    s.targets.targets = [
        Target(goal="employer_brand", measure="followers", account="x:a", platform="x")
    ]
    from strategy.targets.changes import snapshot

    s.targets.snapshot = snapshot(s, dt.date(2026, 1, 15))
    lib = library("en")
    doc = review_document(review(s, [], lib), s, lib, TODAY)
    md = unescaped(to_markdown(doc))
    assert "Employer brand (no longer one of your goals)" in md
    assert "no baseline, target or date yet" in md
    assert "Nothing changed in channels or guidelines since 15 Jan 2026." in md


def test_the_command_line_writes_the_review_as_pdf_and_markdown(tmp_path, capsys):
    start = dt.datetime(2025, 3, 1, 9, 0)
    head = "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,retweets,replies,likes"
    lines = [head] + [
        f"{i + 1},https://x.com/acme/status/{i + 1},Post {i},"
        f"{(start + dt.timedelta(days=i)).strftime('%Y-%m-%d %H:%M +0000')},1000,"
        f"{10 + (i >= 20) * 20},0,0,{10 + (i >= 20) * 20}"
        for i in range(40)
    ]
    export = tmp_path / "tweet_activity_metrics_acme_20250301_20250409_en.csv"
    export.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    from strategy.importers import import_file

    datasets = import_file(export.name, export.read_bytes())
    target = Target(
        goal="new_job",
        measure="interaction_rate",
        account="x:acme",
        platform="x",
        value=0.025,
        by=dt.date(2025, 5, 31),
    )
    s = Strategy()
    s.targets.targets, s.why.goals = [target], ["new_job"]
    s = set_baseline(s, 0, baseline_for(datasets, target, s, end=dt.date(2025, 3, 20)), TODAY)
    saved = tmp_path / "s.json"
    saved.write_bytes(dumps(s))
    pdf, md = tmp_path / "review.pdf", tmp_path / "review.md"
    assert main(["review", str(saved), str(export), "--pdf", str(pdf), "--markdown", str(md)]) == 0
    assert "reached" in capsys.readouterr().out
    assert pages(pdf.read_bytes()) == 1
    text = unescaped(md.read_text("utf-8"))
    assert "acme (X)" in text and "1.00% · 20 posts" in text and "3.00% · 20 posts" in text


# -- the review's reminder in the calendar ---------------------------------------------------
def review_event(s: Strategy):
    events = Calendar.from_ical(to_ics(s, TODAY, NOW)).walk("VEVENT")
    (event,) = [
        e for e in events if str(e["summary"]).startswith(("Review the strategy", "Följ upp"))
    ]
    return event


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_review_event_has_a_reminder_the_day_before_and_the_checklist(lang):
    s = load_persona("hr_team", lang, today=TODAY)
    event = review_event(s)
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].dt == -dt.timedelta(hours=15)  # 09:00 the day before
    description = str(event["description"])
    if lang == "sv":
        assert "Ladda ner nya exporter" in str(alarm["description"])
        assert "sidan Uppföljning" in description and "sidan Starta" in description
    else:
        assert "Download new exports" in str(alarm["description"])
        steps = ["Download new exports", "Start page", "Review page", "Compare each target"]
        assert all(step in description for step in steps)
        assert "keep, change or drop" in description
    assert "Targets to compare" not in description and "Målvärden att jämföra" not in description
    # Only the strategy's review rings: other events carry no alarm.
    events = Calendar.from_ical(to_ics(s, TODAY, NOW)).walk("VEVENT")
    assert sum(bool(e.walk("VALARM")) for e in events) == 1


def test_the_review_checklist_names_the_targets():
    s = with_targets("en")
    description = str(review_event(s)["description"])
    assert "Targets to compare:" in description
    assert "- Northwind HR (LinkedIn), median interactions per follower: 5.00% by " in description
    assert description.count("\n- ") == len(s.targets.targets)


@pytest.mark.parametrize(
    "name", ["**bold** <b>x</b> [a](http://x)", "# heading\n- item", "\u202e\u200b😀"]
)
def test_an_account_name_with_markup_prints_literally_and_thirty_targets_still_render(name):
    s = Strategy()
    s.why.goals = ["employer_brand"]
    baseline = {"value": 0.01, "start": "2026-01-01", "end": "2026-03-31", "n": 40}
    s.targets.targets = [
        Target.model_validate(
            {
                "goal": "employer_brand",
                "measure": "interaction_rate",
                "account": f"x:{name}",
                "platform": "x",
                "baseline": baseline,
                "value": 0.02,
                "by": "2026-12-31",
            }
        )
        for _i in range(30)
    ]
    lib = library("en")
    result = review(s, [], lib)
    md = review_markdown(result, s, lib, TODAY)
    assert "<b>" not in md and "**bold**" not in md
    assert len([line for line in md.splitlines() if line.startswith("| ")]) == 30 + 1
    assert pages(review_pdf(result, s, lib, TODAY)) >= 2  # more than a page: it flows on
    report = to_markdown(build_document(s, lib, today=TODAY, charts=False))
    assert "<b>" not in report and report.count("target 2.00% by 31 Dec 2026.") == 30
