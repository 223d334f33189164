"""Content pillars in the strategy report: planned and measured, in PDF and Markdown."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from strategy.analytics.analyze import analyze
from strategy.analytics.pillars import pillar_mix
from strategy.analytics.settings import options_for
from strategy.core.library import library
from strategy.core.model import ChannelsSection, ContentPillar, Profile, Strategy
from strategy.demo.datasets import demo_datasets
from strategy.report import build_document, to_markdown, to_pdf

TODAY = dt.date(2026, 12, 2)
PILLARS = [
    ContentPillar(name="Careers", share=50, words="#careers, hiring", examples="Open roles"),
    ContentPillar(name="Behind the scenes", share=30, words="behind the scenes"),
    ContentPillar(name="Learning", share=20, words="mentoring, learned"),
]


def strategy() -> Strategy:
    return Strategy(channels=ChannelsSection(pillars=PILLARS))


def test_the_report_lists_the_planned_pillars_and_the_mix_measured_on_each_account():
    datasets = demo_datasets()
    s = strategy()
    md = to_markdown(build_document(s, library("en"), datasets, today=TODAY, charts=False))
    assert "Content pillars" in md and "| Careers | 50% | \\#careers, hiring | Open roles |" in md
    assert "Content pillars on your posts" in md
    first = analyze(datasets, options_for(s.analytics, "UTC", {})).accounts[0]
    rows = pillar_mix(first.posts, s.channels.pillars)
    careers = rows[0]
    assert f"| Careers | {careers.posts} |" in md
    assert "No pillar" in md


def test_a_strategy_without_pillars_prints_no_pillar_section():
    md = to_markdown(build_document(Strategy(), library("en"), demo_datasets(), today=TODAY))
    assert "Content pillars" not in md


def test_the_pdf_says_it_in_swedish():
    swedish = strategy().model_copy(update={"profile": Profile(language="sv")})
    data = to_pdf(build_document(swedish, library("sv"), demo_datasets(), today=TODAY))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "Innehållspelare" in text and "Behind the scenes" in text


def test_each_channels_guidelines_state_the_mix():
    from strategy.core.model import ChannelChoice, GuidelineCard, GuidelinesSection

    s = strategy().model_copy(
        update={
            "channels": ChannelsSection(
                pillars=PILLARS, chosen=[ChannelChoice(channel="linkedin")]
            ),
            "guidelines": GuidelinesSection(cards=[GuidelineCard(channel="linkedin")]),
        }
    )
    md = to_markdown(build_document(s, library("en"), today=TODAY, charts=False))
    part = md[md.index("4\\. Guidelines per channel") : md.index("House rules")]
    assert "Mix of posts\\: 50% Careers · 30% Behind the scenes · 20% Learning" in part


def test_recurring_content_from_pillars_follows_each_share_and_skips_what_is_there():
    from strategy.core.model import PlanSection, RecurringItem
    from strategy.steps.plan import pillar_recurring

    pillars = [
        ContentPillar(name="Careers", share=50, examples="Open roles, then culture"),
        ContentPillar(name="Events", share=10),
        ContentPillar(name="Someday", share=0),
        ContentPillar(name="Research", share=40),
    ]
    s = Strategy(
        channels=ChannelsSection(pillars=pillars),
        plan=PlanSection(recurring=[RecurringItem(what="Monthly research digest")]),
    )
    items = pillar_recurring(s, dt.date(2026, 12, 2))  # a Wednesday
    assert [(i.what, i.rhythm) for i in items] == [
        ("Careers: Open roles, then culture", "weekly"),
        ("Events", "monthly"),
    ]
    assert {i.start for i in items} == {dt.date(2026, 12, 8)}  # the next Tuesday


def test_an_audience_in_full_takes_the_users_words_else_the_librarys_suggestion():
    from strategy.core.model import AudienceNote
    from strategy.steps.audiences import audiences_in_full, for_channel

    lib = library("en")
    s = Strategy(
        channels=ChannelsSection(
            audiences=["candidates", "staff", "not_in_the_library"],
            audience_notes=[AudienceNote(audience="staff", action="Share with a comment.")],
        )
    )
    found = {a.id: a for a in audiences_in_full(s, lib)}
    assert set(found) == {"candidates", "staff"}
    staff = next(a for a in lib.channels.audience if a.id == "staff")
    assert (found["staff"].needs, found["staff"].action) == (staff.needs, "Share with a comment.")
    assert found["staff"].own and not found["candidates"].own
    linkedin = {a.id for a in for_channel(s, lib, "linkedin")}
    assert linkedin <= {"candidates", "staff"}
    md = to_markdown(build_document(s, lib, today=TODAY, charts=False))
    assert "### Audiences" in md and "Share with a comment." in md
