"""AppTest: the Analytics step with demo data, uploads, refusals, column mapping and charts."""

from __future__ import annotations

import datetime as dt
import json

from ui.state import SESSION_KEY

# Legacy X exports carry the handle in their file name.
X_LEGACY_NAME = "tweet_activity_metrics_ADHOrg_20210401_20210501_en.csv"


def go(at):
    at.switch_page("pages/wizard/analytics.py").run()
    assert not at.exception, at.exception
    return at


def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_demo_data_shows_every_chart_without_uploading(app):
    go(app)
    assert "Showing made-up demo data" in captions(app)
    titles = json.dumps([s.get("title") for s in chart_specs(app)])
    for title in [
        "Engagement rate per account",
        "Engagement against follower count",
        "Did growth bring engagement",
        "When your posts did best",
        "Folk rules tested on your posts",
    ]:
        assert title in titles
    assert "follower history in the export" in captions(app)
    assert app.session_state[SESSION_KEY].datasets == [], "demo data is not user data"


def test_denominator_choice_changes_the_axis_title(app):
    go(app)
    assert "interactions per follower, per post" in json.dumps(chart_specs(app)[0])
    app.radio(key="w:analytics.denominator").set_value("impressions").run()
    assert "interactions per impression, per post" in json.dumps(chart_specs(app)[0])
    assert app.session_state[SESSION_KEY].strategy.analytics.denominator == "impressions"
    app.radio(key="w:analytics.measure").set_value("engagements").run()
    assert "engagements per impression, per post" in json.dumps(chart_specs(app)[0])


def test_four_networks_without_followers_give_rates_a_heatmap_and_rules(app, exports):
    go(app)
    uploader = app.file_uploader(key="analytics_upload")
    for name, data in [
        ("content.csv", exports.x_content()),
        ("posts.csv", exports.meta_posts_facebook()),
        ("Overview.csv", exports.tiktok_overview()),
        ("Table data.csv", exports.youtube_table()),
    ]:
        uploader.upload(name, data, "text/csv")
    app.run()
    assert not app.exception
    specs = json.dumps(chart_specs(app))
    assert "Engagement rate per account" in specs and "Folk rules tested" in specs
    # The fixture's X export has dates only: the heatmap falls back to weekdays, and says so.
    assert "Which weekday your posts did best" in specs and "dates only" in specs
    text = captions(app)
    assert "YouTube account\\: the export has no columns for interactions" in text
    assert "Engagement against follower count needs an account with posts" in text
    # A typed total with its date puts the account on the follower chart.
    key = next(k for k in app.session_state if str(k).startswith("w:followers:x:"))
    app.number_input(key=key).set_value(1200).run()
    assert "Engagement against follower count" in json.dumps(chart_specs(app))
    totals = app.session_state[SESSION_KEY].strategy.analytics.follower_totals
    assert [t.count for t in totals.values()] == [1200]


def test_tables_are_merged_into_one_account_by_giving_them_one_name(app, exports):
    go(app)
    uploader = app.file_uploader(key="analytics_upload")
    uploader.upload(X_LEGACY_NAME, exports.x_legacy_en(), "text/csv")
    uploader.upload("content.csv", exports.x_content(), "text/csv")
    app.run()
    assert app.selectbox(key="w:rules_account").options == ["x · ADHOrg", "x · X account"]
    state = app.session_state[SESSION_KEY]
    # What the editor writes when the user types "ADHOrg" as the second table's account:
    state.account_names = {state.datasets[1].key: "ADHOrg"}
    app.run()
    assert not app.exception
    assert app.selectbox(key="w:rules_account").options == ["x · ADHOrg"]


def test_uploads_replace_the_demo_and_say_which_columns_were_used(app, exports):
    go(app)
    uploader = app.file_uploader(key="analytics_upload")
    uploader.upload(X_LEGACY_NAME, exports.x_legacy_en(), "text/csv")
    uploader.upload("FollowerHistory.csv", exports.tiktok_followers(), "text/csv")
    app.run()
    assert not app.exception
    state = app.session_state[SESSION_KEY]
    assert [d.platform for d in state.datasets] == ["x", "tiktok"]
    assert "Showing made-up demo data" not in captions(app)
    table = app.dataframe[0].value
    assert "engagements ← engagements" in table["columns used"].iloc[0]
    assert set(table["account"]) == {"x · ADHOrg", "tiktok · TikTok account"}
    app.run()  # a rerun does not import the same files again
    assert len(app.session_state[SESSION_KEY].datasets) == 2


def test_a_bad_upload_gets_a_message_and_keeps_earlier_data(app, exports):
    go(app)
    app.file_uploader(key="analytics_upload").upload(
        "tweets.csv", exports.x_legacy_en(), "text/csv"
    ).run()
    app.file_uploader(key="analytics_upload").upload("photo.csv", b"\x89PNG\r\n\x1a\n", "text/csv")
    app.run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "photo.csv" in errors and "this is a PNG image" in errors
    assert len(app.session_state[SESSION_KEY].datasets) == 1


def test_unknown_columns_are_mapped_and_the_mapping_is_remembered(app, exports):
    go(app)
    data = exports.csv_text(
        [["Day", "Words", "Seen by", "Hearts"], ["2025-01-02", "Hi", "100", "5"]]
    )
    app.file_uploader(key="analytics_upload").upload("odd.csv", data.encode(), "text/csv").run()
    assert "not those of any export the app knows" in " ".join(w.value for w in app.warning)
    # Pre-filled from the values: the dates, the longest text, the biggest numbers.
    assert app.selectbox(key="map_date").value == "Day"
    assert app.selectbox(key="map_text").value == "Words"
    assert app.selectbox(key="map_impressions").value == "Seen by"
    app.selectbox(key="map_date").set_value("Day")
    app.selectbox(key="map_engagements").set_value("Hearts")
    app.selectbox(key="map_impressions").set_value("Seen by")
    app.selectbox(key="map_platform").set_value("bluesky")
    app.get("form_submit_button")[0].click()
    app.run()
    assert not app.exception
    state = app.session_state[SESSION_KEY]
    assert state.datasets[0].platform == "bluesky" and state.pending is None
    again = exports.csv_text(
        [["Day", "Words", "Seen by", "Hearts"], ["2025-02-02", "Yo", "10", "1"]]
    )
    app.file_uploader(key="analytics_upload").upload("odd2.csv", again.encode(), "text/csv").run()
    assert len(app.session_state[SESSION_KEY].datasets) == 2


def test_figures_are_reused_between_reruns_and_rebuilt_when_their_inputs_change(app, monkeypatch):
    from ui import state

    monkeypatch.setattr(state, "_DEMO_MEMO", {})  # the demo's figures are kept there
    go(app)
    first = chart_specs(app)
    app.text_area(key="w:analytics.notes").input("Carousels do well.").run()  # unrelated input
    assert chart_specs(app) == first
    kept = state._DEMO_MEMO["overview"][-1][1]
    app.text_area(key="w:analytics.notes").input("Carousels do well, videos too.").run()
    assert state._DEMO_MEMO["overview"][-1][1] is kept  # not rebuilt
    assert len(state._DEMO_MEMO["overview"]) == 1
    app.selectbox(key="w:rules_account").set_value("linkedin:Alex Berg").run()
    assert chart_specs(app)[3:] != first[3:]  # the rule charts follow the account
    app.radio(key="w:analytics.denominator").set_value("reach").run()
    assert state._DEMO_MEMO["overview"][-1][1] is not kept


def test_the_same_file_uploaded_twice_is_counted_once(app, exports):
    go(app)
    app.file_uploader(key="analytics_upload").upload(
        X_LEGACY_NAME, exports.x_legacy_en(), "text/csv"
    ).run()
    app.file_uploader(key="analytics_upload").upload(
        "copy.csv", exports.x_legacy_en(), "text/csv"
    ).run()
    assert not app.exception
    assert len(app.session_state[SESSION_KEY].datasets) == 1
    assert "uploaded already" in " ".join(i.value for i in app.info)


def test_remove_all_clears_the_files_and_a_pending_mapping(app, exports):
    go(app)
    odd = exports.csv_text([["Day", "Words"], ["2025-01-02", "Hi"]]).encode()
    uploader = app.file_uploader(key="analytics_upload")
    uploader.upload("tweets.csv", exports.x_legacy_en(), "text/csv")
    uploader.upload("odd.csv", odd, "text/csv")
    app.run()
    state = app.session_state[SESSION_KEY]
    assert state.pending is not None and len(state.datasets) == 1
    app.button(key="clear_uploads").click().run()
    assert not app.exception
    state = app.session_state[SESSION_KEY]
    assert state.datasets == [] and state.pending is None
    # A new uploader: the old file chips are gone and the same files can be read again.
    keys = [u.key for u in app.get("file_uploader")]
    assert keys == ["analytics_upload_1"]
    assert "Showing made-up demo data" in captions(app)


def test_the_download_day_dates_year_less_exports_and_a_new_day_reads_the_file_again(app, exports):
    go(app)
    app.date_input(key="w:downloaded_on").set_value(dt.date(2025, 6, 1)).run()
    app.file_uploader(key="analytics_upload").upload(
        "Overview.csv", exports.tiktok_overview(), "text/csv"
    ).run()
    assert not app.exception
    (ds,) = app.session_state[SESSION_KEY].datasets
    assert ds.frame["date"].max().date() == dt.date(2025, 1, 1)  # Dec 30 - Jan 1, before June
    first_end = ds.frame["date"].max().date()
    # The same file again with a later download day: read again in place of the first.
    app.date_input(key="w:downloaded_on").set_value(dt.date(2026, 12, 1)).run()
    app.file_uploader(key="analytics_upload").upload(
        "Overview (again).csv", exports.tiktok_overview(), "text/csv"
    ).run()
    assert not app.exception
    (again,) = app.session_state[SESSION_KEY].datasets
    assert again.frame["date"].max().date() == dt.date(2026, 1, 1) > first_end


def test_a_session_keeps_at_most_its_row_limit_and_says_which_file_was_left_out(
    app, monkeypatch, exports
):
    from strategy.importers import api

    go(app)
    app.file_uploader(key="analytics_upload").upload(
        "tweets.csv", exports.x_legacy_en(), "text/csv"
    ).run()
    kept = app.session_state[SESSION_KEY].datasets
    rows = sum(len(d.frame) for d in kept)
    monkeypatch.setattr(api, "MAX_SESSION_ROWS", rows + 1)
    app.file_uploader(key="analytics_upload").upload(
        "content.csv", exports.x_content(), "text/csv"
    ).run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "content.csv" in errors and "It was not added" in errors
    assert f"limit is {rows + 1}" in errors
    assert len(app.session_state[SESSION_KEY].datasets) == len(kept)  # the first file stays


def test_the_demos_figures_are_computed_once_for_every_session_and_uploads_stay_own(
    monkeypatch, exports, make_app
):
    from ui import state

    monkeypatch.setattr(state, "_DEMO_MEMO", {})
    first, second = make_app(), make_app()
    for at in (first, second):
        at.run()
        go(at)
        assert at.session_state[SESSION_KEY].memo == {}  # nothing of the demo kept per session
    assert len(state._DEMO_MEMO["analysis"]) == 1  # one computation served both sessions
    assert chart_specs(first) == chart_specs(second)
    first.file_uploader(key="analytics_upload").upload(
        X_LEGACY_NAME, exports.x_legacy_en(), "text/csv"
    )
    first.run()
    assert "analysis" in first.session_state[SESSION_KEY].memo  # an upload's: its own session
    assert len(state._DEMO_MEMO["analysis"]) == 1


def _dataframes_text(at) -> str:
    return " ".join(df.value.to_csv() for df in at.dataframe)


def test_an_own_rule_is_written_tested_saved_and_removed(app):
    go(app)
    app.text_input(key="w:own_rule:name").set_value("Hashtag-free posts do better").run()
    app.selectbox(key="w:own_rule:kind0").set_value("contains").run()
    app.text_input(key="w:own_rule:words0").set_value("#hr, #careers").run()
    app.checkbox(key="w:own_rule:not0").check().run()
    app.button(key="own_rule_add").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    (rule,) = app.session_state[SESSION_KEY].strategy.analytics.own_rules
    assert rule.name == "Hashtag-free posts do better" and rule.conditions[0].negate
    # Tested on the demo's account with the folk rules, in the table and in the chart.
    assert "posts not containing “#hr” or “#careers”" in _dataframes_text(app)
    assert "Hashtag-free posts do better" in _dataframes_text(app)
    assert "(1 of your own)" in captions(app)  # the reading under the rule chart counts it
    # The draft is forgotten; the rule is listed with a Remove button.
    assert app.text_input(key="w:own_rule:name").value == ""
    app.button(key="own_rule_remove_0").click().run()
    assert app.session_state[SESSION_KEY].strategy.analytics.own_rules == []


def test_an_incomplete_own_rule_is_refused_naming_the_part_and_the_draft_stays(app):
    go(app)
    app.text_input(key="w:own_rule:name").set_value("Weekends").run()
    app.selectbox(key="w:own_rule:kind0").set_value("has_link").run()
    app.selectbox(key="w:own_rule:kind1").set_value("weekday").run()
    app.button(key="own_rule_add").click().run()
    assert not app.exception
    assert any("Part 2" in e.value and "Pick at least one weekday" in e.value for e in app.error)
    assert app.session_state[SESSION_KEY].strategy.analytics.own_rules == []
    assert app.text_input(key="w:own_rule:name").value == "Weekends"  # nothing typed is lost


def test_every_chart_has_its_takeaway_under_it_and_its_numbers_in_a_table(app):
    """A chart is followed by its text alternative (a caption) and an expander with a table."""
    go(app)
    main = list(app.main)  # in page order: a chart, its caption(s), its numbers, the next chart

    def kind(el) -> str:
        return getattr(el, "type", type(el).__name__)

    order = [(i, kind(el)) for i, el in enumerate(main)]
    charts_at = [i for i, k in order if k == "vega_lite_chart"]
    assert len(charts_at) == 5  # rates (one kind of rate), followers, weekly, heatmap, rules
    numbers = [e for e in app.expander if e.label.startswith("The numbers: ")]
    assert [e.label for e in numbers] == [
        "The numbers: Engagement rate per account",
        "The numbers: Engagement against followers",
        "The numbers: Followers and engagement per week: linkedin · Northwind HR",
        "The numbers: Best time to post",
        "The numbers: Folk rules tested",
    ]
    for i in charts_at:
        after = [k for _i, k in order[i + 1 : i + 4]]
        assert after[0] == "caption", after  # the takeaway directly under the chart
        assert "expandable" in after or "expander" in after, after
    for e in numbers:
        assert len(e.dataframe) == 1 and len(e.dataframe[0].value) > 0, e.label
    text = captions(app).replace("\\:", ":")  # safe() escapes a colon (no emoji shortcodes)
    assert "median interactions per follower, per post: highest for linkedin · Alex Berg" in text
    assert "Each dot is an account's median interactions per follower and post" in text
    assert "The largest difference: job posts" in text
