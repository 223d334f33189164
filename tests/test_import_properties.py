"""Property tests: exports of known formats built with random values, orders, encodings and header
spellings read back to the figures they were built from."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from strategy.importers import import_file

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252")
SPELLINGS = (
    str,
    str.upper,
    str.title,
    lambda h: f" {h} ",
    lambda h: h.replace(" ", "\u00a0"),
    lambda h: h + ":",
)

X_HEADERS = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "retweets",
    "replies",
    "likes",
]
YOUTUBE_HEADERS = [
    "Content",
    "Video title",
    "Video publish time",
    "Views",
    "Impressions",
    "Subscribers",
]

posts = st.lists(
    st.tuples(
        st.integers(0, 10**6),
        st.integers(0, 10**4),
        st.integers(0, 364),
        st.integers(0, 23 * 60 + 59),
    ),
    min_size=1,
    max_size=40,
)


def table(headers: list[str], rows: list[list[str]], spelling, delimiter: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([spelling(h) for h in headers])
    writer.writerows(rows)
    return out.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    posts,
    st.sampled_from(ENCODINGS),
    st.sampled_from(SPELLINGS),
    st.sampled_from(",;\t"),
    st.randoms(use_true_random=False),
)
def test_x_per_tweet_exports_round_trip(rows, encoding, spelling, delimiter, rnd):
    start = dt.datetime(2025, 1, 1)
    body = []
    for i, (impressions, engagements, day, minute) in enumerate(rows):
        when = start + dt.timedelta(days=day, minutes=minute)
        tid = 1388063576737214466 + i
        body.append(
            [
                str(tid),
                f"https://twitter.com/acme/status/{tid}",
                f"post {i} ✓",
                when.strftime("%Y-%m-%d %H:%M +0000"),
                str(impressions),
                str(engagements),
                "1",
                "0",
                "2",
            ]
        )
    rnd.shuffle(body)
    text = table(X_HEADERS, body, spelling, delimiter)
    data = text.encode(encoding, errors="replace")
    (ds,) = import_file("tweet_activity_metrics_acme_20250101_20251231_en.csv", data)
    s = ds.summary()
    assert s["rows"] == len(rows) and ds.account == "acme"
    assert s["totals"]["impressions"] == sum(r[0] for r in rows)
    assert s["totals"]["engagements"] == sum(r[1] for r in rows)
    assert s["start"] == (start + dt.timedelta(days=min(r[2] for r in rows))).date().isoformat()


@settings(max_examples=40, deadline=None)
@given(
    posts,
    st.sampled_from(ENCODINGS),
    st.sampled_from(SPELLINGS),
    st.sampled_from(["en", "sv", "de"]),
)
def test_youtube_tables_round_trip_in_three_languages(rows, encoding, spelling, language):
    local = {
        "sv": [
            "Innehåll",
            "Videotitel",
            "Publiceringstid för video",
            "Visningar",
            "Exponeringar",
            "Prenumeranter",
        ],
        "de": [
            "Inhalt",
            "Videotitel",
            "Veröffentlichungszeitpunkt des Videos",
            "Aufrufe",
            "Impressionen",
            "Abonnenten",
        ],
    }.get(language, YOUTUBE_HEADERS)
    months = {
        "sv": [
            "jan.",
            "feb.",
            "mars",
            "apr.",
            "maj",
            "juni",
            "juli",
            "aug.",
            "sep.",
            "okt.",
            "nov.",
            "dec.",
        ],
        "de": [
            "Jan.",
            "Feb.",
            "März",
            "Apr.",
            "Mai",
            "Juni",
            "Juli",
            "Aug.",
            "Sept.",
            "Okt.",
            "Nov.",
            "Dez.",
        ],
    }
    start = dt.date(2025, 1, 1)
    body = []
    for i, (views, impressions, day, _minute) in enumerate(rows):
        d = start + dt.timedelta(days=day)
        when = (
            f"{d.day} {months[language][d.month - 1]} {d.year}"
            if language in months
            else d.strftime("%b %d, %Y")
        )
        body.append([f"vid{i:04d}", f"Video {i}", when, str(views), str(impressions), "1"])
    data = table(local, body, spelling, ",").encode(encoding, errors="replace")
    (ds,) = import_file("Table data.csv", data)
    s = ds.summary()
    assert ds.format_id == "youtube_table" and s["rows"] == len(rows)
    assert s["totals"]["views"] == sum(r[0] for r in rows)
    assert s["totals"]["impressions"] == sum(r[1] for r in rows)
    assert s["end"] == (start + dt.timedelta(days=max(r[2] for r in rows))).isoformat()
