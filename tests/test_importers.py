"""Importer: every format's quirks (project fixtures), the real exports, and refused files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from export_fixtures import (
    CASES,
    REFERENCE,
    csv_text,
    linkedin_page_xlsx,
    tiktok_overview,
    x_legacy_en,
    youtube_table,
)

from strategy.cli import main
from strategy.importers import ImportFailure, import_file, import_with_mapping
from strategy.importers.api import NeedsMapping
from strategy.importers.clean import iso_dates, to_dates, to_number

TOTAL_KEYS = {"impressions", "reach", "engagements", "followers_gained", "views"}


@pytest.mark.parametrize(("name", "factory", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_format_is_read_with_its_quirks(name, factory, expected):
    datasets = import_file(name, factory(), reference=REFERENCE.get(name, dt.date(2026, 11, 22)))
    assert len(datasets) == len(expected), [d.sheet for d in datasets]
    for ds, want in zip(datasets, expected, strict=True):
        got = ds.summary()
        for key, value in want.items():
            actual = got["totals"][key] if key in TOTAL_KEYS else got[key]
            assert actual == pytest.approx(value), f"{name} {ds.sheet}: {key}"


def test_columns_used_are_reported_for_the_ui():
    ds = import_file("Overview.csv", tiktok_overview(), reference=dt.date(2026, 1, 2))[0]
    assert ds.columns_used["engagements"] == "Likes + Comments + Shares"
    assert ds.columns_used["impressions"] == "Video Views"
    assert any("years inferred" in n for n in ds.notes)


def test_normalized_table_has_the_agreed_columns_and_types():
    ds = import_file("x.csv", x_legacy_en())[0]
    assert list(ds.frame.columns) == [
        "platform",
        "account",
        "grain",
        "date",
        "post_id",
        "text",
        "link",
        "post_type",
        "impressions",
        "reach",
        "views",
        "engagements",
        "likes",
        "comments",
        "shares",
        "saves",
        "clicks",
        "profile_visits",
        "watch_hours",
        "followers",
        "followers_gained",
    ]
    assert str(ds.frame["date"].dtype).startswith("datetime64")
    assert ds.frame["impressions"].dtype == "float64"
    assert ds.frame.loc[ds.frame["post_id"] == "1", "clicks"].isna().all()  # "-" is missing


def test_youtube_ids_lose_their_leading_space_and_the_total_row_is_dropped():
    ds = import_file("Table data.csv", youtube_table())[0]
    assert sorted(ds.frame["post_id"]) == ["abc123", "def456"]
    # The Total row is not a data row: it is kept aside as a check on the rows' sums.
    assert any("totals row is kept as a check" in n for n in ds.notes)
    assert ds.stated_totals["views"] > 0 and ds.dropped_rows == 0


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1,234", "12"], [1234, 12]),
        (["1.234", "5,5"], [1234, 5.5]),
        (["1.234.567,89"], [1234567.89]),
        (["12,5%", "3%"], [0.125, 0.03]),
        (["5.3%"], [0.053]),
        (["1 234", "1\u00a0000"], [1234, 1000]),
        (["-", "--", "N/A", "undefined", ""], [None] * 5),
        (["abc", "7"], [None, 7]),
    ],
)
def test_numbers_in_local_styles(values, expected):
    import pyarrow as pa

    got = to_number(pa.array(values)).to_pylist()
    assert got == [pytest.approx(e) if e is not None else None for e in expected]


def test_unknown_columns_ask_for_a_mapping_and_the_mapping_works():
    data = csv_text(
        [
            ["Day", "Words", "Seen by", "Hearts"],
            ["2025-01-02", "Hi", "100", "5"],
            ["2025-01-03", "Yo", "50", "1"],
        ]
    ).encode()
    with pytest.raises(NeedsMapping) as info:
        import_file("odd.csv", data)
    assert info.value.headers == ["Day", "Words", "Seen by", "Hearts"]
    assert "odd.csv" in str(info.value)
    ds = import_with_mapping(
        "odd.csv",
        data,
        {"date": "Day", "text": "Words", "impressions": "Seen by", "engagements": "Hearts"},
        platform="pinterest",
    )[0]
    assert ds.platform == "pinterest" and ds.rows == 2
    assert ds.summary()["totals"]["engagements"] == 6


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    return buf.getvalue()


def _encrypted_ole() -> bytes:
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 100
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 100
    )


BAD_FILES = [
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"\n\n  \n", "empty"),
    ("header_only.csv", b"Tweet id,time,impressions,engagements\r\n", "no data rows"),
    ("binary.csv", bytes(range(256)) * 20, "binary"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG image"),
    ("report.csv", b"%PDF-1.7\n", "PDF document"),
    ("truncated.xlsx", b"PK\x03\x04" + b"\0" * 30, "damaged"),
    ("bomb.xlsx", None, "zip bomb"),
    ("locked.xlsx", None, "password-protected"),
    ("big.csv", b"a" * (10 * 1024 * 1024 + 1), "the limit is 10 MB"),
    ("pipes.csv", b"Tweet id|time|impressions\n1|2021-04-01|5\n", "separated by “|”"),
    (
        "no_dates.csv",
        b"Tweet id,time,impressions,engagements\r\n1,soon,5,1\r\n",
        "no data rows with a date",
    ),
    (
        "entities.xls",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Workbook>&a;</Workbook>',
        "entities or DTDs",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_get_their_own_message(name, data, expected):
    if data is None:
        data = _zip_bomb() if name == "bomb.xlsx" else _encrypted_ole()
    with pytest.raises(ImportFailure) as info:
        import_file(name, data)
    message = str(info.value)
    assert message.startswith(f"{name}: ") and expected in message


def test_row_cap_is_a_message_not_a_crash():
    rows = [["Tweet id", "time", "impressions", "engagements"]] + [
        [str(i), "2021-04-01 09:00 +0000", "1", "1"] for i in range(30)
    ]
    with pytest.raises(ImportFailure, match="30 rows; the limit is 20"):
        import_file("many.csv", csv_text(rows).encode(), max_rows=20)


# A 40,000-row file per case: the fast loop keeps the late break, make test runs all three.
@pytest.mark.parametrize(
    "broken_row",
    [pytest.param(None, marks=pytest.mark.slow), pytest.param(5, marks=pytest.mark.slow), 39_000],
    ids=["none", "early", "late"],
)
def test_the_pyarrow_fast_path_agrees_with_the_csv_module_path(monkeypatch, broken_row):
    # A post with a line break inside its text makes the fast read start again allowing them.
    rows = [["Tweet id", "Tweet text", "time", "impressions", "engagements"]] + [
        [
            str(i),
            f"post {i}, with comma" + ("\nand a second line" if i == broken_row else ""),
            "2021-04-01 09:00 +0000",
            "1,000",
            str(i % 7),
        ]
        for i in range(40_000)
    ]
    data = csv_text(rows).encode()
    assert len(data) > 2_000_000
    fast = import_file("big.csv", data)[0]
    monkeypatch.setattr("strategy.importers.api.FAST_PATH_BYTES", 10**9)
    slow = import_file("big.csv", data)[0]
    assert fast.frame.equals(slow.frame)
    fast, slow = fast.summary(), slow.summary()
    assert fast == slow and fast["rows"] == 40_000 and fast["totals"]["impressions"] == 40_000_000
    if broken_row is not None:
        texts = import_file("big.csv", data)[0].frame["text"]
        assert texts.iloc[broken_row] == f"post {broken_row}, with comma\nand a second line"


def test_cli_inspect_prints_one_json_object_per_dataset(tmp_path, capsys):
    path = tmp_path / "linkedin.xlsx"
    path.write_bytes(linkedin_page_xlsx())
    assert main(["inspect", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["sheet"] for d in out] == [
        "Update metrics (aggregated)",
        "All posts",
        "New followers",
    ]
    assert set(out[0]) == {
        "source",
        "sheet",
        "platform",
        "account",
        "format",
        "recognised_by",
        "encoding",
        "grain",
        "rows",
        "start",
        "end",
        "totals",
        "followers_first",
        "followers_last",
    }
    assert {d["encoding"] for d in out} == {"xlsx"}
    assert {d["recognised_by"] for d in out} == {"column names"}


def test_cli_inspect_refuses_unreadable_input_with_one_line(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert main(["inspect", str(path), "--json"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "empty.csv" in err and "empty" in err


# --- The real third-party exports: read from REAL_EXPORTS_DIR, never committed ----------------

REAL = os.environ.get("REAL_EXPORTS_DIR")
EXPECTED_REAL = {
    "FACEBOOK__LeonMpofu": dict(
        platform="facebook",
        grain="post",
        rows=261,
        start="2025-01-14",
        end="2025-04-14",
        engagements=127,
        impressions=15982,
        reach=8395,
    ),
    "FACEBOOK__johankitti": dict(
        platform="facebook",
        grain="post",
        rows=20,
        start="2014-03-06",
        end="2014-06-04",
        impressions=2658,
        reach=1126,
    ),
    "META-PAGE-DAILY__LeonMpofu": dict(
        grain="day", rows=105, start="2025-01-01", end="2025-04-15", followers_gained=66
    ),
    "TIKTOK__htupycollabs-spec__Analytics__FollowerHistory": dict(
        platform="tiktok",
        grain="day",
        rows=365,
        start="2025-02-28",
        end="2026-02-27",
        followers_first=37,
        followers_last=5013,
    ),
    "TIKTOK__htupycollabs-spec__Analytics__Overview": dict(
        platform="tiktok",
        grain="day",
        rows=365,
        start="2025-02-28",
        end="2026-02-27",
        engagements=29216,
        impressions=2946198,
    ),
    "TWITTER__dersuchendee": dict(
        platform="x",
        grain="post",
        rows=31,
        start="2021-04-01",
        end="2021-04-30",
        engagements=544,
        impressions=64313,
    ),
    "X__FG-SC": dict(
        platform="x",
        grain="post",
        rows=141,
        start="2024-12-31",
        end="2025-02-17",
        engagements=911,
        impressions=9325,
    ),
    "YOUTUBE__priyankapatel05": dict(
        platform="youtube",
        grain="post",
        rows=442,
        start="2022-01-29",
        end="2026-06-11",
        followers_gained=97,
        impressions=37715,
        views=153235,
    ),
}


@pytest.mark.skipif(not REAL, reason="REAL_EXPORTS_DIR is not set")
@pytest.mark.parametrize("prefix", list(EXPECTED_REAL))
def test_real_exports_reproduce_the_published_figures(prefix):
    matches = sorted(p for p in Path(REAL).iterdir() if p.name.startswith(prefix))
    assert len(matches) == 1, f"expected one file starting {prefix}"
    path = matches[0]
    # TikTok leaves out the year; this export was downloaded on 28 February 2026.
    datasets = import_file(path.name, path.read_bytes(), reference=dt.date(2026, 2, 28))
    assert len(datasets) == 1
    got = datasets[0].summary()
    for key, value in EXPECTED_REAL[prefix].items():
        actual = got["totals"][key] if key in TOTAL_KEYS else got[key]
        assert actual == value, f"{path.name}: {key}"
    if prefix.startswith("META-PAGE-DAILY"):
        assert got["platform"] in ("facebook", "instagram")


def test_linkedin_creator_workbook_joins_top_posts_and_anchors_followers():
    from export_fixtures import linkedin_creator_xlsx

    engagement, top, followers = import_file("creator.xlsx", linkedin_creator_xlsx())
    assert "Impressions: 1500" in " ".join(engagement.notes)  # DISCOVERY, as period totals
    by_post = top.frame.set_index("post_id")
    first = by_post.loc["https://www.linkedin.com/feed/update/urn:li:activity:1"]
    assert (first["engagements"], first["impressions"]) == (30, 700)  # in both lists
    assert pd.isna(
        by_post.loc["https://www.linkedin.com/feed/update/urn:li:activity:3", "engagements"]
    )
    assert any("joined on “Post URL”" in n for n in top.notes)
    assert followers.frame.sort_values("date")["followers"].tolist() == [806, 812]
    assert followers.columns_used["followers"] == "Total followers on 2025-02-03: 812"


def test_an_empty_sheet_of_a_workbook_is_left_out_with_a_note():
    import openpyxl
    from export_fixtures import linkedin_creator_xlsx

    wb = openpyxl.load_workbook(io.BytesIO(linkedin_creator_xlsx()))
    top = wb["TOP POSTS"]
    top.delete_rows(3, top.max_row)
    buf = io.BytesIO()
    wb.save(buf)
    datasets = import_file("creator.xlsx", buf.getvalue())
    assert [d.sheet for d in datasets] == ["ENGAGEMENT", "FOLLOWERS"]
    assert any("TOP POSTS" in n and "no data rows" in n for n in datasets[0].notes)


@pytest.mark.parametrize(
    ("rows", "parts"),
    [
        # two known tables beside each other, a description line above
        (
            [
                ["Top 50"],
                [
                    "Post URL",
                    "Post publish date",
                    "Engagements",
                    "",
                    "Post URL",
                    "Post publish date",
                    "Impressions",
                ],
                ["a", "1/1/2025", "3", "", "b", "1/2/2025", "9"],
            ],
            2,
        ),
        # an empty cell in a data row is not a gap between tables
        ([["Date", "Impressions", "Engagements"], ["1/1/2025", "", "3"]], 1),
        # an empty column between unknown headers stays one table
        ([["a", "b", "", "c", "d"], ["1", "2", "", "3", "4"]], 1),
    ],
)
def test_side_by_side_tables_are_split_only_when_both_are_known(rows, parts):
    from strategy.importers.blocks import side_by_side

    assert len(side_by_side(rows)) == parts


@pytest.mark.parametrize(
    ("values", "fmt", "expected"),
    [
        (["2025-12-31 23:59 +0000", None], "%Y-%m-%d %H:%M %z", ["2025-12-31 23:59:00", None]),
        (["2025-03-01T08:05:09Z"], "%Y-%m-%dT%H:%M:%S%z", ["2025-03-01 08:05:09"]),
        (["2025-03-01T08:05:09+00:00"], "%Y-%m-%dT%H:%M:%S%z", ["2025-03-01 08:05:09"]),
        (["2025-03-01"], "%Y-%m-%d", ["2025-03-01 00:00:00"]),
        (["2025-03-01 10:00:00"], "%Y-%m-%d %H:%M:%S", ["2025-03-01 10:00:00"]),
    ],
)
def test_iso_dates_take_the_fast_path_and_agree_with_strptime(values, fmt, expected):
    import pyarrow as pa

    fast = iso_dates(pa.array(values, pa.string()), fmt)
    assert fast is not None
    assert [None if v is None else str(v) for v in fast.to_pylist()] == expected


@pytest.mark.parametrize(
    ("values", "fmt"),
    [
        (["2025-12-31 23:59 +0200"], "%Y-%m-%d %H:%M %z"),  # not UTC: strptime converts it
        (["2025-02-30"], "%Y-%m-%d"),  # no such day: the careful path drops the row
        (["03/01/2025"], "%m/%d/%Y"),
    ],  # not ISO at all
)
def test_iso_dates_step_aside_when_they_could_be_wrong(values, fmt):
    import pyarrow as pa

    assert iso_dates(pa.array(values), fmt) is None


def test_an_offset_that_is_not_utc_is_still_converted_to_utc():
    import pyarrow as pa

    stamps, _how = to_dates(pa.array(["2025-12-31 23:59 +0200"] * 3), REFERENCE)
    assert str(stamps[0]) == "2025-12-31 21:59:00"


def test_tiktok_video_ids_date_year_less_posts_whatever_their_order():
    # A TikTok video id holds its Unix seconds in the top 32 bits.
    posted = [dt.datetime(2025, 3, 3, 18, 30), dt.datetime(2024, 11, 2, 7, 5)]
    ids = [(int(p.replace(tzinfo=dt.UTC).timestamp()) << 32) | 4242 for p in posted]
    rows = [
        [
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ]
    ] + [
        [
            f"Video {i}",
            f"https://www.tiktok.com/@creator.one/video/{vid}",
            p.strftime("%B %d").replace(" 0", " "),
            "10",
            "2",
            "1",
            "400",
        ]
        for i, (vid, p) in enumerate(zip(ids, posted, strict=True))
    ]
    ds = import_file("Content.csv", csv_text(rows).encode(), reference=dt.date(2026, 2, 28))[0]
    assert sorted(ds.frame["date"].tolist()) == sorted(pd.Timestamp(p) for p in posted)
    assert (ds.time_source, ds.time_zone, ds.account) == ("post_id", "UTC", "creator.one")


def test_x_post_ids_give_date_only_content_exports_their_utc_time():
    # (id >> 22) + 1288834974657 is the post's UTC time in milliseconds.
    when = dt.datetime(2025, 2, 17, 21, 45, 12, tzinfo=dt.UTC)
    post_id = (int(when.timestamp() * 1000) - 1288834974657) << 22
    rows = [
        ["Post id", "Date", "Post text", "Link", "Impressions", "Likes", "Engagements"],
        [
            str(post_id),
            "Mon Feb 17 2025",
            "hi",
            f"https://x.com/someone/status/{post_id}",
            "10",
            "1",
            "2",
        ],
    ]
    ds = import_file("account_analytics_content.csv", csv_text(rows).encode())[0]
    assert ds.frame["date"].iloc[0] == pd.Timestamp("2025-02-17 21:45:12")
    assert (ds.time_of_day, ds.time_source, ds.account) == (True, "post_id", "someone")


def test_ids_that_disagree_with_the_dates_are_not_trusted():
    rows = [
        ["Post id", "Date", "Post text", "Impressions", "Engagements"],
        [str(1891564128784855141), "Mon Feb 17 2020", "hi", "10", "2"],
    ]
    ds = import_file("content.csv", csv_text(rows).encode())[0]
    assert ds.time_source == "none" and not ds.time_of_day


def mangle(header: str, how: str) -> str:
    if how == "soft hyphens":
        return "\u00ad".join(header[i : i + 3] for i in range(0, len(header), 3))
    if how == "zero-width and nbsp":
        return "\u200b" + header.replace(" ", "\u00a0") + "\u2060"
    if how == "upper with colon":
        return header.upper() + ":"
    if how == "padded":
        return f"  {header}  "
    raise ValueError(how)


@pytest.mark.parametrize(
    "how", ["soft hyphens", "zero-width and nbsp", "upper with colon", "padded"]
)
def test_headers_with_invisible_characters_case_and_colons_are_recognised(how):
    text = x_legacy_en().decode("utf-8-sig")
    head, _nl, body = text.partition("\n")
    cells = next(csv.reader([head]))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([mangle(c, how) for c in cells])
    ds = import_file("x.csv", (out.getvalue() + body).encode())[0]
    plain = import_file("x.csv", x_legacy_en())[0]
    assert ds.format_id == plain.format_id
    assert ds.summary()["totals"] == plain.summary()["totals"]


def test_accents_fold_so_a_portuguese_header_matches_without_them():
    from strategy.importers.formats import fold

    assert fold("Impressões") == fold("impressoes") == "impressoes"
    assert fold("Impressions (total):") == fold("impressions total")
    assert fold("Engagement rate %") == "engagement rate %"


def test_a_workbook_whose_dimension_says_a1_is_read_whole():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Date", "Impressions (total)", "Clicks (total)", "Shares (total)"])
    for day in range(1, 31):
        ws.append([f"2025-01-{day:02d}", 100, 5, 2])
    buf = io.BytesIO()
    wb.save(buf)
    # Rewrite the sheet's <dimension> to claim one cell, as some exporters do.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[A-Z0-9:]+" ?/>', b'<dimension ref="A1"/>', data)
                assert b'<dimension ref="A1"/>' in data
            dst.writestr(item, data)
    ds = import_file("linkedin.xlsx", out.getvalue())[0]
    assert ds.rows == 30 and ds.summary()["totals"]["impressions"] == 3000
    assert ds.columns_used["shares"] == "Shares (total)"  # LinkedIn renamed Reposts


# --- Exports in the account's interface language ---------------------------------------------
SWEDISH_YOUTUBE = (
    "Innehåll,Videotitel,Publiceringstid för video,Längd,Visningar,Visningstid (timmar),"
    "Prenumeranter,Exponeringar,Klickfrekvens för exponeringar (%)\n"
    "Totalt,,,,5000,10.5,12,900,4.2\n"
    "abc123,Första videon,28 aug. 2025,60,3000,6.25,8,500,4.1\n"
    "def456,Andra videon,3 sep. 2025,45,1000,2.5,3,256,3.9\n"
)


def test_a_swedish_youtube_table_is_read_with_its_swedish_month_names():
    ds = import_file("Tabelldata.csv", SWEDISH_YOUTUBE.encode("utf-8"))[0]
    assert ds.format_id == "youtube_table" and ds.header_languages == ["sv"]
    s = ds.summary()
    assert (s["rows"], s["start"], s["end"]) == (2, "2025-08-28", "2025-09-03")
    assert s["totals"]["views"] == 4000 and s["recognised_by"] == "column names (sv)"
    assert ds.stated_totals["views"] == 5000  # "Totalt" is the totals row, kept as a check


def test_a_german_youtube_table_with_a_soft_hyphen_in_every_header():
    headers = [
        "Inhalt",
        "Videotitel",
        "Veröffentlichungszeitpunkt des Videos",
        "Dauer",
        "Aufrufe",
        "Wiedergabezeit (Stunden)",
        "Abonnenten",
        "Impressionen",
    ]
    rows = [
        ["\u00ad".join(h[i : i + 4] for i in range(0, len(h), 4)) for h in headers],
        ["Gesamt", "", "", "", "5000", "10,5", "12", "900"],
        ["abc123", "Erstes Video", "28.08.2025", "60", "3.000", "6,25", "8", "500"],
        ["def456", "Zweites Video", "03.09.2025", "45", "1.000", "2,5", "3", "256"],
    ]
    ds = import_file("Tabellendaten.csv", csv_text(rows, sep=";").encode("cp1252"))[0]
    assert ds.format_id == "youtube_table" and ds.header_languages == ["de"]
    s = ds.summary()
    assert (s["rows"], s["totals"]["views"], s["totals"]["impressions"]) == (2, 4000, 756)
    assert ds.frame["watch_hours"].sum() == pytest.approx(8.75)


def test_a_swedish_meta_posts_export_and_a_swedish_tiktok_overview():
    meta = [
        [
            "Publicerings-id",
            "Sid-id",
            "Sidnamn",
            "Titel",
            "Publiceringstid",
            "Permalänk",
            "Visningar",
            "Räckvidd",
            "Reaktioner, kommentarer och delningar",
            "Reaktioner",
            "Kommentarer",
            "Delningar",
        ],
        [
            "1",
            "9",
            "Kafé Nord",
            "Hej",
            "04/14/2025 10:00",
            "https://facebook.com/1",
            "100",
            "80",
            "7",
            "5",
            "1",
            "1",
        ],
    ]
    ds = import_file("inlagg.csv", csv_text(meta).encode())[0]
    assert (ds.format_id, ds.account, ds.header_languages) == ("meta_posts", "Kafé Nord", ["sv"])
    assert ds.summary()["totals"]["reach"] == 80 and ds.summary()["totals"]["engagements"] == 7
    tiktok = [
        [
            "Datum",
            "Videovisningar",
            "Profilvisningar",
            "Gilla-markeringar",
            "Kommentarer",
            "Delningar",
        ],
        ["30 december", "100", "1", "10", "1", "0"],
        ["31 december", "200", "2", "20", "2", "1"],
    ]
    ds = import_file("Oversikt.csv", csv_text(tiktok).encode(), reference=dt.date(2026, 1, 2))[0]
    s = ds.summary()
    assert (ds.format_id, s["start"], s["totals"]["engagements"]) == (
        "tiktok_overview",
        "2025-12-30",
        34,
    )


def test_a_legacy_x_export_in_an_unknown_language_is_read_by_its_column_order():
    from strategy.importers.order import X_LEGACY_ORDER

    def export(headers: list[str]) -> bytes:
        rows = [headers]
        for i, (tid, when) in enumerate(
            [
                (1388063576737214466, "2021-04-30 09:32 +0000"),
                (1387934728054001665, "2021-04-30 01:00 +0000"),
            ]
        ):
            rows.append(
                [
                    str(tid),
                    f"https://twitter.com/ADHOrg/status/{tid}",
                    f"post {i}",
                    when,
                    "825.0",
                    "10.0",
                    "0.012",
                    "2.0",
                    "0.0",
                    "6.0",
                ]
                + ["0"] * 12
            )
        return csv_text(rows).encode()

    english = import_file("en.csv", export(list(X_LEGACY_ORDER)))[0]
    # A language no synonym table knows: the words differ, the order does not.
    foreign = import_file("xx.csv", export([f"sarake {i}" for i in range(len(X_LEGACY_ORDER))]))[0]
    assert (english.format_id, foreign.format_id) == ("x_legacy_tweets", "x_legacy_tweets")
    assert foreign.summary()["totals"] == english.summary()["totals"]
    assert any("by column order" in n for n in foreign.notes)


def test_an_unknown_table_asks_for_a_mapping_pre_filled_from_its_values():
    rows = [
        ["Tag", "Wort", "Gesehen", "Herzen"],
        ["2025-01-02", "Hallo Welt, ein Beitrag", "100", "5"],
        ["2025-01-03", "Noch ein längerer Beitrag", "300", "9"],
    ]
    with pytest.raises(NeedsMapping) as caught:
        import_file("odd.csv", csv_text(rows).encode())
    assert caught.value.guess == {
        "date": "Tag",
        "text": "Wort",
        "impressions": "Gesehen",
        "engagements": "Herzen",
    }


@pytest.mark.parametrize(
    ("labels", "language"),
    [
        (("Organic", "Sponsored", "Total"), "en"),
        (("Organisk", "Sponsrad", "Totalt"), "sv"),
        (("Organisch", "Gesponsert", "Gesamt"), "de"),
    ],
)
def test_a_boosted_post_listed_per_kind_of_distribution_is_counted_once(labels, language):
    organic, sponsored, total = labels
    if language == "de":
        sponsored = "Bezahlt"
    head = [
        "Tweet id",
        "Tweet permalink",
        "Tweet text",
        "time",
        "impressions",
        "engagements",
        "Distribution",
    ]
    link = "https://twitter.com/a/status/{}"
    rows = [
        head,
        ["1", link.format(1), "boosted", "2021-04-01 09:00 +0000", "100", "5", organic],
        ["1", link.format(1), "boosted", "2021-04-01 09:00 +0000", "300", "7", sponsored],
        ["1", link.format(1), "boosted", "2021-04-01 09:00 +0000", "400", "12", total],
        ["2", link.format(2), "no total", "2021-04-02 09:00 +0000", "50", "2", organic],
        ["2", link.format(2), "no total", "2021-04-02 09:00 +0000", "70", "3", sponsored],
        ["3", link.format(3), "plain", "2021-04-03 09:00 +0000", "10", "1", organic],
    ]
    (ds,) = import_file("boosted.csv", csv_text(rows).encode())
    assert ds.rows == 3
    by_post = ds.frame.set_index("post_id")["impressions"].to_dict()
    assert by_post == {"1": 400, "2": 120, "3": 10}  # the total, else organic + sponsored
    assert ds.frame["engagements"].sum() == 12 + 5 + 1
    assert any("counted once" in n for n in ds.notes)


def test_a_type_column_without_repeated_posts_changes_nothing():
    head = [
        "Tweet id",
        "Tweet permalink",
        "Tweet text",
        "time",
        "impressions",
        "engagements",
        "Distribution",
    ]
    rows = [
        head,
        ["1", "https://twitter.com/a/status/1", "a", "2021-04-01 09:00 +0000", "9", "1", "Organic"],
        [
            "2",
            "https://twitter.com/a/status/2",
            "b",
            "2021-04-02 09:00 +0000",
            "8",
            "1",
            "Sponsored",
        ],
    ]
    (ds,) = import_file("types.csv", csv_text(rows).encode())
    assert ds.rows == 2 and not any("counted once" in n for n in ds.notes)


FB_META = [
    "Post ID",
    "Permalink",
    "Post Message",
    "Type",
    "Countries",
    "Languages",
    "Posted",
    "Audience Targeting",
]
FB_SHEETS = {
    "Key Metrics": [
        [
            *FB_META,
            "Lifetime Post Total Reach",
            "Lifetime Post Total Impressions",
            "Lifetime Engaged Users",
        ],
        [""] * 8 + ["Lifetime: people reached", "Lifetime: impressions", "Lifetime: engaged"],
        [
            "1_2",
            "https://facebook.com/p/1",
            "Cover",
            "Photo",
            "",
            "",
            "06/04/2014 04:03:05 PM",
            "",
            10,
            20,
            3,
        ],
        [
            "1_1",
            "https://facebook.com/p/2",
            "A link",
            "Link",
            "",
            "",
            "03/06/2014 02:01:09 PM",
            "",
            49,
            114,
            5,
        ],
    ],
    # Excel cuts sheet names to 31 characters; people ("talking about") come before stories.
    "Lifetime Talking About This(pos": [
        [*FB_META, "comment", "like", "share"],
        ["1_2", "", "", "", "", "", "", "", 9, 9, 9],
    ],
    "Lifetime Post Stories by action": [
        [*FB_META, "comment", "like", "share"],
        [
            "1_1",
            "https://facebook.com/p/2",
            "A link",
            "Link",
            "",
            "",
            "03/06/2014 02:01:09 PM",
            "",
            2,
            6,
            1,
        ],
        [
            "1_2",
            "https://facebook.com/p/1",
            "Cover",
            "Photo",
            "",
            "",
            "06/04/2014 04:03:05 PM",
            "",
            1,
            4,
            0,
        ],
    ],
}


def _fb_workbook(kind: str) -> bytes:
    buf = io.BytesIO()
    if kind == "xlsx":
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in FB_SHEETS.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(buf)
    else:
        import xlwt

        book = xlwt.Workbook()
        for title, rows in FB_SHEETS.items():
            ws = book.add_sheet(title)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    ws.write(r, c, value)
        book.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "xls"])
def test_likes_comments_and_shares_come_from_facebooks_breakdown_sheet(kind):
    (ds,) = import_file(f"Facebook Insights Data Export (Post Level).{kind}", _fb_workbook(kind))
    got = ds.frame.set_index("post_id")[["likes", "comments", "shares"]].to_dict("index")
    assert got == {
        "1_2": {"likes": 4, "comments": 1, "shares": 0},
        "1_1": {"likes": 6, "comments": 2, "shares": 1},
    }
    assert ds.frame["reach"].sum() == 59
    assert any("Lifetime Post Stories by action" in n for n in ds.notes)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_an_excel_2003_xml_workbook_reads_the_same_in_any_unicode_encoding(encoding):
    from export_fixtures import facebook_legacy_page_spreadsheetml

    data = facebook_legacy_page_spreadsheetml()
    text = data.decode("utf-8-sig").replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    expected = [d.summary() for d in import_file("page.xls", data)]
    got = [d.summary() for d in import_file("page.xls", text.encode(encoding))]
    for d in got:
        assert d.pop("encoding") == "spreadsheetml"
    assert got == [{k: v for k, v in d.items() if k != "encoding"} for d in expected]
