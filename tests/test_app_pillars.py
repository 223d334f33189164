"""AppTest: content pillars planned on Channels and measured on the posts in Analytics.

The tagging and the figures are tested against plain pandas in tests/test_pillars.py; here the
pages must keep what the user wrote, show what the domain computes, in English and Swedish.
"""

from __future__ import annotations

from conftest import new_app

from strategy.analytics.analyze import analyze
from strategy.analytics.pillars import pillar_mix
from strategy.analytics.settings import options_for
from strategy.core.i18n import _, using
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import find_persona
from ui.state import SESSION_KEY
from ui.text import safe

CHANNELS = "pages/wizard/channels.py"
ANALYTICS = "pages/wizard/analytics.py"
PILLARS = [
    {"name": "Careers", "share": 40, "words": "#careers, hiring", "examples": "Open roles"},
    {"name": "Behind the scenes", "share": 40, "words": "behind the scenes", "examples": ""},
    {"name": "Learning", "share": 30, "words": "mentoring, learned", "examples": ""},
]


def state(at):
    return at.session_state[SESSION_KEY]


def with_pillars(language: str = "en"):
    at = new_app()
    at.run()
    if language != "en":
        at.radio(key="w:profile.language").set_value(language).run()
    at.button(key="demo_hr_team").click().run()
    at.switch_page(CHANNELS).run()
    at.session_state["w:channels.pillars"] = {
        "edited_rows": {},
        "added_rows": PILLARS,
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception
    return at


def test_pillars_written_on_channels_are_kept_and_their_mix_checked():
    at = with_pillars()
    kept = state(at).strategy.channels.pillars
    assert [(p.name, p.share, p.words) for p in kept] == [
        (p["name"], p["share"], p["words"]) for p in PILLARS
    ]
    captions = [c.value for c in at.caption]
    assert "Planned mix: 40% + 40% + 30% = 110%" in captions
    assert any("add up to 110%" in c for c in captions)  # over 100: said, not refused


def test_analytics_shows_each_accounts_posts_by_pillar_as_the_domain_tags_them():
    at = with_pillars()
    at.switch_page(ANALYTICS).run()
    assert not at.exception
    s = state(at).strategy
    persona = find_persona("hr_team", "en")
    datasets = demo_datasets(persona.accounts if persona else None)
    first = analyze(datasets, options_for(s.analytics, "UTC", {})).accounts[0]
    rows = pillar_mix(first.posts, s.channels.pillars)
    assert [r.name for r in rows] == ["Careers", "Behind the scenes", "Learning", "No pillar"]
    assert abs(sum(r.share for r in rows) - 1) < 1e-9
    tables = [t.value for t in at.dataframe]
    mixes = [t for t in tables if "Pillar" in t.columns and "Share of posts" in t.columns]
    assert mixes, "no pillar table on the page"
    shown = mixes[0]
    assert list(shown["Pillar"]) == [r.name for r in rows]
    assert list(shown["Posts"]) == [r.posts for r in rows]


def test_pillars_speak_swedish():
    at = with_pillars("sv")
    with using("sv"):
        heading = _("Content pillars: what you post about")
    assert heading != "Content pillars: what you post about"
    assert heading in [s.value for s in at.subheader]
    at.switch_page(ANALYTICS).run()
    assert not at.exception
    with using("sv"):
        measured = "**" + _("Your content pillars on these posts") + "**"
    assert measured in [m.value for m in at.markdown]
    with using("sv"):  # AppTest formats the page's select boxes in the thread's language
        at.switch_page("pages/wizard/guidelines.py").run()
    assert not at.exception
    with using("sv"):
        mix = _("Mix of posts: {parts}").format(parts="")
    assert mix != "Mix of posts: "
    assert any(m.value.startswith(safe(mix)) for m in at.markdown)


def test_the_guidelines_show_the_planned_mix_on_each_channel():
    at = with_pillars()
    at.switch_page("pages/wizard/guidelines.py").run()
    assert not at.exception
    mix = safe("Mix of posts: 40% Careers · 40% Behind the scenes · 30% Learning")
    cards = len(state(at).strategy.guidelines.cards)
    assert cards and [m.value for m in at.markdown].count(mix) == cards


def test_the_plan_draws_recurring_content_from_the_pillars():
    at = with_pillars()
    at.switch_page("pages/wizard/plan.py").run()
    before = list(state(at).strategy.plan.recurring)
    at.button(key="pillar_recurring").click().run()
    assert not at.exception
    added = state(at).strategy.plan.recurring[len(before) :]
    assert [(r.what, r.rhythm) for r in added] == [
        ("Careers: Open roles", "weekly"),
        ("Behind the scenes", "weekly"),
        ("Learning", "weekly"),
    ]
    at.run()  # every pillar is covered now: no button to add them twice
    assert not [b for b in at.button if b.key == "pillar_recurring"]


def test_audiences_are_said_in_full_from_a_suggestion_and_in_the_users_words():
    at = with_pillars()
    picked = state(at).strategy.channels.audiences
    assert picked  # the demo picks its audiences
    field = at.text_input(key=f"w:audience:{picked[0]}:needs")
    suggested = field.value
    assert suggested  # the library's suggestion stands in until the user writes
    field.input("Honest stories from the floor.").run()
    (note,) = state(at).strategy.channels.audience_notes
    assert (note.audience, note.needs) == (picked[0], "Honest stories from the floor.")
    at.switch_page("pages/wizard/guidelines.py").run()
    assert any("Honest stories from the floor." in c.value for c in at.caption)


def test_pillars_are_suggested_from_the_goals_when_there_are_none():
    at = new_app()
    at.run()
    at.button(key="demo_hr_team").click().run()
    at.switch_page(CHANNELS).run()
    assert state(at).strategy.channels.pillars == []
    at.button(key="suggest_pillars").click().run()
    assert not at.exception
    pillars = state(at).strategy.channels.pillars
    assert 1 <= len(pillars) <= 5 and sum(p.share for p in pillars) == 100
    assert all(p.words for p in pillars)
    assert not [b for b in at.button if b.key == "suggest_pillars"]  # only for an empty plan
