"""Content pillars: tagging, the mix and the rates, checked against plain pandas on real exports.

The raw files are read with `pd.read_csv` and tagged with Python's own `re` (look-arounds, not
the app's RE2 boundary classes), so the app's matcher is checked by a second, independent one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from strategy.analytics import Options, analyze
from strategy.analytics import pillars as pl
from strategy.analytics.analyze import AccountAnalysis
from strategy.analytics.settings import options_for
from strategy.cli import main
from strategy.core.i18n import using
from strategy.core.model import AnalyticsSection, ChannelsSection, ContentPillar, Strategy
from strategy.core.storage import dumps, loads
from strategy.importers import import_file
from strategy.steps.pillars import problems

DATA = Path(__file__).parent / "data"
REAL = os.environ.get("REAL_EXPORTS_DIR")
real = pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
DOWNLOADED = dt.date(2026, 2, 28)


def path(prefix: str) -> Path:
    found = sorted(p for p in Path(REAL or ".").iterdir() if p.name.startswith(prefix))
    assert len(found) == 1, prefix
    return found[0]


def pillar(name: str, words: str, share: int = 0) -> ContentPillar:
    return ContentPillar(name=name, words=words, share=share)


def plain_contains(text: Any, words: str) -> pd.Series:
    """The same words with Python's `re`: a word or hashtag stands alone, case aside."""
    parts = []
    for w in (w.strip() for w in words.split(",") if w.strip()):
        start = r"(?<!\w)" if re.match(r"[\w#@]", w) else ""
        end = r"(?!\w)" if re.search(r"\w$", w) else ""
        parts.append(start + re.escape(unicodedata.normalize("NFC", w)) + end)
    nfc = pd.Series(text).fillna("").astype(str).map(lambda t: unicodedata.normalize("NFC", t))
    return pd.Series(nfc.str.contains("|".join(parts), case=False, regex=True))


# Pillars as a user would write them for each account: words, hashtags and a phrase.
X_LEGACY = (
    "TWITTER__dersuchendee",
    "Tweet text",
    [
        pillar("Digital humanities", "#DigitalHumanities, #DH2021, digital humanities", 40),
        pillar("Calls and fellowships", "fellowship, fellowships, apply, applications", 30),
        pillar("Conferences", "conference, #dayofDH2021, Humanistica", 30),
    ],
)
X_CONTENT = (
    "X__FG-SC",
    "Post text",
    [
        pillar("Staking", "stake, staking, $W", 40),
        pillar("Multichain", "multichain, chain, #Wormhole", 40),
        pillar("Brasil", "#Brasil, brasil, BR", 20),
    ],
)
META = (
    "FACEBOOK__LeonMpofu",
    "Title",
    [
        pillar("Fact checks", "fact checked, factchecked", 50),
        pillar("Education", "#MatricResults2024, matric, school, learners", 25),
        pillar("Crime", "police, crime, murder, arrested", 25),
    ],
)


def raw_frame(prefix: str) -> pd.DataFrame:
    return pd.read_csv(path(prefix), encoding="utf-8-sig")


def raw_rates(prefix: str, raw: pd.DataFrame) -> pd.Series:
    """Interactions per post over the denominator, as tests/test_real_analysis.py computes."""
    if prefix == X_LEGACY[0]:
        inter, base = raw["likes"] + raw["replies"] + raw["retweets"], raw["impressions"]
    elif prefix == X_CONTENT[0]:
        inter = raw["Likes"] + raw["Replies"] + raw["Reposts"] + raw["Share"] + raw["Bookmarks"]
        base = raw["Impressions"]
    else:
        inter = raw[["Reactions", "Comments", "Shares"]].sum(axis=1, min_count=1)
        base = raw["Reach"]
    return pd.Series(inter / base.where(base > 0))


def account(prefix: str, pillars: list[ContentPillar]) -> tuple[AccountAnalysis, dict]:
    p = path(prefix)
    datasets = import_file(p.name, p.read_bytes(), reference=DOWNLOADED)
    result = analyze(datasets, Options(pillars=tuple(pillars)))
    ((a,),) = [result.accounts]
    return a, a.to_json()


@real
@pytest.mark.parametrize("prefix,column,pillars", [X_LEGACY, X_CONTENT, META])
def test_real_pillars_tag_count_and_rate_as_plain_pandas_does(prefix, column, pillars):
    a, js = account(prefix, pillars)
    raw = raw_frame(prefix)
    text = pd.Series(raw[column])
    texted = text.notna() & (text.astype(str).str.strip() != "")
    assert len(a.posts) == len(raw)  # no duplicates in these files: rows are posts
    rates = raw_rates(prefix, raw)
    tags = pd.DataFrame({p.name: plain_contains(raw[column], p.words) & texted for p in pillars})
    k = tags.sum(axis=1)
    rows = {r["name"]: r for r in js["pillars"]}
    for p in pillars:
        inside = pd.Series(tags[p.name], dtype=bool)
        row = rows[p.name]
        assert row["posts"] == int(inside.sum()), p.name
        assert row["tagged_share"] == pytest.approx(inside.sum() / texted.sum())
        assert row["share"] == pytest.approx((inside / k.where(k > 0)).sum() / texted.sum())
        assert row["planned_share"] == pytest.approx(p.share / 100)
        expected = pd.Series(rates[inside]).dropna()
        assert row["rated_posts"] == len(expected)
        if len(expected):
            assert row["rate"] == pytest.approx(float(expected.median()), rel=1e-9)
        else:
            assert row["rate"] is None
    none = rows[pl_no_pillar_name()]
    assert none["posts"] == int((texted & (k == 0)).sum())
    # The mix adds up: each post with a text gives its whole weight to pillars or to "no pillar".
    assert sum(r["share"] for r in js["pillars"]) == pytest.approx(1.0)
    assert sum(r["posts"] for r in js["pillars"]) >= texted.sum()
    # At least one pillar holds posts on every account, so the test checks something.
    assert any(rows[p.name]["posts"] for p in pillars)


def pl_no_pillar_name() -> str:
    return "No pillar"  # the analysis runs in English here


@real
def test_real_x_legacy_figures_are_the_ones_the_report_names():
    # The figures the report quotes, so a change in them is seen here first.
    _a, js = account(X_LEGACY[0], X_LEGACY[2])
    dh = next(r for r in js["pillars"] if r["name"] == "Digital humanities")
    raw = raw_frame(X_LEGACY[0])
    inside = plain_contains(raw["Tweet text"], X_LEGACY[2][0].words)
    assert dh["posts"] == int(inside.sum())
    assert dh["rate"] == pytest.approx(
        float(pd.Series(raw_rates(X_LEGACY[0], raw)[inside]).median())
    )


@real
@pytest.mark.parametrize(
    "prefix,column,skip,pillars",
    [
        (
            "FACEBOOK__johankitti",
            "Post Message",
            [1],
            [pillar("Space", "Earth, planet, NASA, space"), pillar("Studio", "studio, awards")],
        ),
        (
            "YOUTUBE__",
            "Video title",
            None,
            [pillar("Motivation", "#motivation, motivational"), pillar("Shorts", "#shorts")],
        ),
    ],
)
def test_real_pillars_on_exports_without_interaction_rates_still_count(
    prefix, column, skip, pillars
):
    a, js = account(prefix, pillars)
    raw = pd.read_csv(path(prefix), encoding="utf-8-sig", skiprows=skip)
    if "Content" in raw:
        raw = raw[raw["Content"] != "Total"]
    rows = {r["name"]: r for r in js["pillars"]}
    for p in pillars:
        assert rows[p.name]["posts"] == int(plain_contains(raw[column], p.words).sum())
    assert sum(r["share"] for r in js["pillars"]) == pytest.approx(1.0)


@real
def test_real_pillars_go_through_the_rules_tester_as_one_family():
    a, js = account(X_CONTENT[0], X_CONTENT[2])
    tested = [r for r in js["pillars"] if r["verdict"] not in (None, "too_few_posts")]
    for r in js["pillars"][:-1]:
        assert r["verdict"] is not None
        if r["rated_posts"] < pl.MIN_POSTS:
            assert r["verdict"] == "too_few_posts" and r["interval"] is None
    # Holm counts the pillars only, never the rules of thumb.
    assert all(r["tested"] <= len(X_CONTENT[2]) for r in tested)
    assert js["pillars"][-1]["verdict"] is None  # "no pillar" is shown, not tested


@real
def test_cli_analyze_json_reads_the_pillars_from_a_strategy(tmp_path, capsys):
    s = Strategy(channels=ChannelsSection(pillars=X_LEGACY[2]))
    saved = tmp_path / "s.json"
    saved.write_bytes(dumps(s))
    assert main(["analyze", str(path(X_LEGACY[0])), "--json", "--strategy", str(saved)]) == 0
    out = json.loads(capsys.readouterr().out)
    (acc,) = out["accounts"]
    names = [r["name"] for r in acc["pillars"]]
    assert names == [p.name for p in X_LEGACY[2]] + ["No pillar"]
    keys = {"name", "posts", "share", "planned_share", "rate", "interval", "verdict"}
    assert all(keys <= set(r) for r in acc["pillars"])


def test_cli_analyze_without_a_strategy_has_no_pillars(tmp_path, capsys):
    export = tmp_path / "tweets.csv"
    export.write_text(
        "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,retweets,replies,likes\n"
        "1,https://x.com/a/status/1,hello #DH,2021-04-01 10:00 +0000,100,5,1,1,1\n"
    )
    assert main(["analyze", str(export), "--json"]) == 0
    (acc,) = json.loads(capsys.readouterr().out)["accounts"]
    assert acc["pillars"] == []


# -- tagging on made-up posts ----------------------------------------------------------------
VOCAB = ["webinar", "webinars", "#event", "#eventful", "event", "hej", "åsikt", "Åsikter", "and"]
PILLARS = [pillar("Webinars", "webinar, #event"), pillar("Opinions", "åsikt"), pillar("Empty", "")]


def posts_of(texts: list[str | None]) -> pd.DataFrame:
    return pd.DataFrame({"text": texts, "rate": np.linspace(0.01, 0.1, len(texts))})


texts = st.lists(
    st.one_of(st.none(), st.lists(st.sampled_from(VOCAB), max_size=6).map(" ".join)),
    min_size=1,
    max_size=40,
)


@given(texts, st.randoms())
@settings(max_examples=60, deadline=None)
def test_shuffling_posts_keeps_the_counts(texts, rnd):
    shuffled = list(texts)
    rnd.shuffle(shuffled)
    one = pl.pillar_mix(posts_of(texts), PILLARS)
    two = pl.pillar_mix(posts_of(shuffled), PILLARS)
    assert [r.posts for r in one] == [r.posts for r in two]
    assert [r.share for r in one] == pytest.approx([r.share for r in two])


@given(texts)
@settings(max_examples=60, deadline=None)
def test_upper_case_text_gets_the_same_tags_and_the_mix_adds_up(texts):
    lower = pl.tag(posts_of(texts), PILLARS)
    upper = pl.tag(posts_of([t.upper() if t else t for t in texts]), PILLARS)
    pd.testing.assert_frame_equal(lower, upper)
    posts = posts_of(texts)
    for i, p in enumerate(PILLARS):
        if p.words:
            assert lower[pl.pillar_id(i)].equals(plain_contains(posts["text"], p.words))
        else:
            assert not pd.Series(lower[pl.pillar_id(i)]).any()
    mix = pl.pillar_mix(posts, PILLARS)
    if any(t and t.strip() for t in texts):
        assert sum(r.share for r in mix) == pytest.approx(1.0)


def test_a_word_stands_alone_and_a_hashtag_is_a_hashtag():
    posts = posts_of(["Our webinar today", "webinars", "#event!", "#eventful", "an event", None])
    tags = pl.tag(posts, PILLARS)
    assert tags["pillar_1"].tolist() == [True, False, True, False, False, False]
    assert tags["pillar_3"].tolist() == [False] * 6  # no words: no posts


def test_a_post_in_two_pillars_counts_half_in_each_share():
    posts = posts_of(["webinar åsikt", "webinar", "nothing here", None])
    mix = {r.id: r for r in pl.pillar_mix(posts, PILLARS)}
    assert mix["pillar_1"].posts == 2 and mix["pillar_1"].share == pytest.approx(1.5 / 3)
    assert mix["pillar_2"].share == pytest.approx(0.5 / 3)
    assert mix["pillar_1"].tagged_share == pytest.approx(2 / 3)
    assert mix["no_pillar"].posts == 1 and mix["no_pillar"].share == pytest.approx(1 / 3)
    # Below the tester's floor the verdict says so, as it does for the rules of thumb.
    assert mix["pillar_1"].result is not None and mix["pillar_1"].result.outcome == "thin"


def test_no_pillars_or_no_posts_give_no_table():
    assert pl.pillar_mix(posts_of(["webinar"]), []) == []
    assert pl.pillar_mix(pd.DataFrame(), PILLARS) == []


def test_candidates_are_frequent_untagged_words_without_stop_words_numbers_or_links():
    posts = posts_of(
        [
            "Our webinar on #research and the data",
            "New #research data https://example.com/research 2024 @someone",
            "The research data and more #research",
            "och det är forskning forskning",
            "forskning igen 2024",
        ]
    )
    found = {c.word: c.posts for c in pl.candidates(posts, PILLARS)}
    assert found == {"#research": 2, "data": 2, "forskning": 2}
    # The pillar's posts are not searched: "webinar" and its post's words are left out.
    assert "webinar" not in found
    assert [c.word for c in pl.candidates(posts, PILLARS, n=1)] == ["#research"]


# -- the model and the files -----------------------------------------------------------------
@pytest.mark.parametrize("name", ["saved_v1.json", "saved_v2.json"])
def test_files_saved_before_pillars_still_load_with_none(name):
    s = loads((DATA / name).read_bytes(), name=name)
    assert s.channels.pillars == []


def test_pillars_round_trip_through_a_saved_file():
    s = Strategy(channels=ChannelsSection(pillars=X_LEGACY[2]))
    again = loads(dumps(s))
    assert again.channels.pillars == X_LEGACY[2]
    assert json.loads(dumps(s))["schema_version"] == 3


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "   "},
        {"name": "A", "share": 101},
        {"name": "A", "share": -1},
        {"name": "A", "share": "30"},
        {"name": "A", "colour": "red"},
    ],
)
def test_a_bad_pillar_is_refused(fields):
    with pytest.raises(ValidationError):
        ContentPillar.model_validate(fields)


def test_at_most_five_pillars():
    with pytest.raises(ValidationError):
        ChannelsSection(pillars=[pillar(f"P{i}", "x") for i in range(6)])


def test_problems_name_a_mix_over_100_too_few_pillars_no_words_and_a_twin():
    with using("en"):
        assert problems([]) == []
        found = problems([pillar("A", "x", 60), pillar("a", "", 50)])
    assert any("110%" in p for p in found)
    assert any("three to five" in p for p in found)
    assert any("no words" in p for p in found)
    assert any("Two pillars" in p for p in found)
    fine = [pillar("A", "x", 40), pillar("B", "y", 30), pillar("C", "z", 30)]
    assert problems(fine) == []


def test_options_for_passes_the_pillars():
    options = options_for(AnalyticsSection(), pillars=X_LEGACY[2])
    assert options.pillars == tuple(X_LEGACY[2])


# -- suggestions from the library ----------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_goal_suggests_pillars_that_validate_in_both_languages(lang):
    from strategy.core.library import library

    lib = library(lang)
    for goal in lib.goals.goal:
        assert goal.pillars, goal.id
        for s in goal.pillars:
            ContentPillar(name=s.name, words=s.words)


def test_suggestions_follow_the_leading_goal_and_the_mix_adds_up():
    from strategy.core.library import library
    from strategy.core.model import WhySection
    from strategy.steps.pillars import suggestions

    lib = library("en")
    why = WhySection(goals=["employer_brand", "recruitment_spend", "sales"], top_goal="sales")
    found = suggestions(why, lib)
    goals = {g.id: g for g in lib.goals.goal}
    assert found[0].name == goals["sales"].pillars[0].name
    assert len(found) == 5 and sum(p.share for p in found) == 100
    assert len({p.name.casefold() for p in found}) == len(found)
    assert found[0].audiences == goals["sales"].audiences
    assert suggestions(WhySection(), lib) == []
    assert problems(found) == []


def test_opening_a_file_drops_pillar_audiences_the_library_does_not_have():
    from strategy.core.known import keep_known
    from strategy.core.library import library

    p = ContentPillar(name="Jobs", words="#jobs", audiences=["candidates", "martians"])
    s, _notes = keep_known(Strategy(channels=ChannelsSection(pillars=[p])), library("en"))
    assert s.channels.pillars[0].audiences == ["candidates"]
    assert s.channels.pillars[0].words == "#jobs"
