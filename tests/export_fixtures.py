"""Small exports written for this project, each reproducing a platform format's quirks."""

from __future__ import annotations

import datetime as dt
import io

BOM = "\ufeff"


def csv_text(rows: list[list[object]], sep: str = ",") -> str:
    out = []
    for row in rows:
        cells = []
        for cell in row:
            text = str(cell)
            if any(ch in text for ch in (sep, '"', "\n")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        out.append(sep.join(cells))
    return "\r\n".join(out) + "\r\n"


def x_legacy_en() -> bytes:
    rows = [
        [
            "Tweet id",
            "Tweet permalink",
            "Tweet text",
            "time",
            "impressions",
            "engagements",
            "engagement rate",
            "retweets",
            "replies",
            "likes",
            "url clicks",
            "follows",
        ]
    ]
    rows.append(
        [
            "2",
            "https://x.com/a/2",
            "Second, with a comma",
            "2021-04-30 09:32 +0000",
            "825.0",
            "10.0",
            "0.0121",
            "2.0",
            "0.0",
            "6.0",
            "1.0",
            "0.0",
        ]
    )
    rows.append(
        [
            "1",
            "https://x.com/a/1",
            "First #tag",
            "2021-04-01 23:30 +0000",
            "1000.0",
            "20.0",
            "0.02",
            "1.0",
            "1.0",
            "10.0",
            "-",
            "1.0",
        ]
    )
    return csv_text(rows).encode("utf-8")


def x_legacy_pt_cp1252() -> bytes:
    rows = [
        [
            "ID do Tweet",
            "link permanente do Tweet",
            "texto do Tweet",
            "hora",
            "impressões",
            "engajamentos",
            "taxa de engajamento",
            "retweets",
            "respostas",
            "curtidas",
        ]
    ]
    rows.append(
        [
            "7",
            "https://x.com/a/7",
            "Olá, ação!",
            "2022-05-02 10:00 +0000",
            "1.234",
            "12",
            "0,97%",
            "1",
            "2",
            "9",
        ]
    )
    rows.append(
        [
            "8",
            "https://x.com/a/8",
            "Até logo",
            "2022-05-03 11:00 +0000",
            "766",
            "8",
            "1,04%",
            "0",
            "1",
            "7",
        ]
    )
    return csv_text(rows, sep=";").encode("cp1252")


def x_legacy_daily() -> bytes:
    rows = [
        [
            "Date",
            "Tweets published",
            "impressions",
            "engagements",
            "engagement rate",
            "retweets",
            "replies",
            "likes",
            "url clicks",
            "follows",
        ]
    ]
    for day in range(1, 4):
        rows.append(
            [
                f"2021-04-0{day}",
                "1",
                str(100 * day),
                str(5 * day),
                "0.05",
                "1",
                "0",
                str(4 * day),
                "0",
                "1",
            ]
        )
    return csv_text(rows).encode("utf-8")


def x_account_overview() -> bytes:
    rows = [
        [
            "Date",
            "Impressions",
            "Likes",
            "Engagements",
            "Bookmarks",
            "Shares",
            "New follows",
            "Unfollows",
            "Replies",
            "Reposts",
            "Profile visits",
            "Create Post",
            "Video views",
        ]
    ]
    rows.append(
        ["Tue, Feb 18, 2025", "1,200", "10", "40", "0", "0", "5", "2", "1", "3", "9", "1", "0"]
    )
    rows.append(
        ["Wed, Feb 19, 2025", "800", "4", "20", "0", "0", "1", "3", "0", "1", "2", "0", "0"]
    )
    return csv_text(rows).encode("utf-8")


def x_content() -> bytes:
    rows = [
        [
            "Post id",
            "Date",
            "Post text",
            "Link",
            "Impressions",
            "Likes",
            "Engagements",
            "Bookmarks",
            "Share",
            "New follows",
            "Replies",
            "Reposts",
            "Profile visits",
            "Detail expands",
            "Url clicks",
            "Hashtag clicks",
            "Permalink clicks",
        ]
    ]
    rows.append(
        [
            "11",
            "Mon Feb 17 2025",
            "Olá ❗️ live https://t.co/x",
            "https://x.com/a/11",
            "70",
            "3",
            "3",
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
        ]
    )
    rows.append(
        [
            "10",
            "Tue Dec 31 2024",
            "Alô?",
            "https://x.com/a/10",
            "174",
            "13",
            "32",
            "0",
            "2",
            "1",
            "9",
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
        ]
    )
    return csv_text(rows).encode("utf-8")


def facebook_legacy_post() -> bytes:
    header = [
        "Post ID",
        "Permalink",
        "Post Message",
        "Type",
        "Posted",
        "Lifetime Post Total Reach",
        "Lifetime Post Total Impressions",
        "Lifetime Engaged Users",
        "Lifetime Post Consumers",
    ]
    desc = [
        "",
        "",
        "",
        "",
        "",
        "Lifetime: The total number of people your Page post was served to. (Unique Users)",
        "Lifetime: The number of impressions of your Page post. (Total Count)",
        "Lifetime: The number of unique people who engaged. (Unique Users)",
        "Lifetime: clicks",
    ]
    rows = [
        header,
        desc,
        [
            "1_2",
            "https://fb/1",
            "Cover photo",
            "Photo",
            "06/04/2014 04:03:05 PM",
            "10",
            "20",
            "3",
            "1",
        ],
        ["1_1", "https://fb/2", "A link", "Link", "03/06/2014 02:01:09 PM", "49", "114", "5", "2"],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def facebook_legacy_page_spreadsheetml() -> bytes:
    def sheet(name, rows):
        xml_rows = "".join(
            "<Row>"
            + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in r)
            + "</Row>"
            for r in rows
        )
        return f'<Worksheet ss:Name="{name}"><Table>{xml_rows}</Table></Worksheet>'

    key = sheet(
        "Key Metrics",
        [
            [
                "Date",
                "Lifetime Total Likes",
                "Daily New Likes",
                "Daily Page Engaged Users",
                "Daily Total Reach",
                "Daily Total Impressions",
            ],
            [
                "",
                "Lifetime: The total number of people who have liked your Page.",
                "Daily: new",
                "Daily: engaged",
                "Daily: reach",
                "Daily: impressions",
            ],
            ["2014-02-28", "1200", "3", "40", "500", "900"],
            ["2014-03-01", "1204", "4", "35", "450", "800"],
        ],
    )
    other = sheet("Daily Like Sources", [["Date", "On your page"], ["2014-02-28", "1"]])
    return (
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' + key + other + "</Workbook>"
    ).encode("utf-8")


def meta_posts_facebook() -> bytes:
    header = [
        "Post ID",
        "Page ID",
        "Page name",
        "Title",
        "Description",
        "Publish time",
        "Permalink",
        "Post type",
        "Data comment",
        "Date",
        "Views",
        "Reach",
        "Reactions, Comments and Shares",
        "Reactions",
        "Comments",
        "Shares",
        "Total clicks",
        "Link Clicks",
    ]
    rows = [
        header,
        [
            "1",
            "9",
            "Cafe Nord",
            "Opening soon!\nCome by.",
            "",
            "02/16/2025 05:14",
            "https://fb/1",
            "Photos",
            "",
            "Lifetime",
            "1,500",
            "900",
            "12",
            "10",
            "1",
            "1",
            "30",
            "4",
        ],
        # A ragged row: Meta drops the trailing empty columns.
        [
            "2",
            "9",
            "Cafe Nord",
            "Short row",
            "",
            "01/15/2025 01:13",
            "https://fb/2",
            "Photos",
            "",
            "Lifetime",
            "20",
            "9",
            "0",
            "0",
            "0",
            "0",
        ],
        [
            "3",
            "9",
            "Cafe Nord",
            "Broken",
            "",
            "03/01/2025 10:00",
            "https://fb/3",
            "Photos",
            "Data not available for this post",
            "Lifetime",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def meta_posts_instagram() -> bytes:
    header = [
        "Post ID",
        "Account ID",
        "Account username",
        "Account name",
        "Description",
        "Publish time",
        "Permalink",
        "Post type",
        "Date",
        "Impressions",
        "Viewers",
        "Likes",
        "Shares",
        "Follows",
        "Comments",
        "Saves",
    ]
    rows = [
        header,
        [
            "5",
            "8",
            "cafenord",
            "Cafe Nord",
            "Latte art ☕",
            "04/02/2025 08:00",
            "https://ig/5",
            "IG image",
            "Lifetime",
            "300",
            "250",
            "20",
            "2",
            "1",
            "3",
            "4",
        ],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def meta_daily_stacked_utf16() -> bytes:
    text = (
        'sep=,\n"Facebook reach"\n"Date","Primary"\n"2025-01-01T00:00:00","10"\n'
        '"2025-01-02T00:00:00","12"\n\n"Instagram reach"\n"Date","Primary"\n'
        '"2025-01-01T00:00:00","7"\n"2025-01-02T00:00:00","undefined"\n'
    )
    return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")


def facebook_legacy_post_keys() -> bytes:
    """The legacy per-post export in its second flavour: the Graph API's metric keys."""
    rows = [
        [
            "post_id",
            "permalink",
            "post_message",
            "type",
            "created_time",
            "post_impressions_unique:lifetime",
            "post_impressions:lifetime",
            "post_engaged_users:lifetime",
            "post_stories_by_action_type:like",
            "post_stories_by_action_type:comment",
            "post_stories_by_action_type:share",
        ],
        [
            "1_2",
            "https://facebook.com/p/1",
            "Cover photo",
            "Photo",
            "06/04/2014 04:03:05 PM",
            "10",
            "20",
            "3",
            "4",
            "1",
            "0",
        ],
        [
            "1_1",
            "https://facebook.com/p/2",
            "A link",
            "Link",
            "03/06/2014 02:01:09 PM",
            "49",
            "114",
            "5",
            "6",
            "2",
            "1",
        ],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def facebook_legacy_page_keys() -> bytes:
    """The legacy per-day page export with API metric keys as headers."""
    rows = [
        [
            "end_time",
            "page_fans:lifetime",
            "page_fan_adds:day",
            "page_impressions:day",
            "page_impressions_unique:day",
            "page_engaged_users:day",
        ],
        ["2014-02-28", "100", "2", "300", "200", "12"],
        ["2014-03-01", "103", "3", "310", "210", "15"],
    ]
    return csv_text(rows).encode("utf-8")


def _metric_named_series(titles: tuple[str, str], date: str, metric: str) -> str:
    """Two stacked Meta daily series whose value column is named after the metric."""
    first, second = titles
    return (
        f'sep=,\n"{first}"\n"{date}","{metric}"\n"2025-01-01T00:00:00","10"\n'
        f'"2025-01-02T00:00:00","12"\n\n"{second}"\n"{date}","{metric}"\n'
        '"2025-01-01T00:00:00","7"\n"2025-01-02T00:00:00","undefined"\n'
    )


def meta_daily_metric_named() -> bytes:
    """Meta's daily series with the value column named after the metric, not "Primary"."""
    text = _metric_named_series(("Facebook reach", "Instagram reach"), "Date", "Reach")
    return "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")


def meta_daily_metric_named_sv() -> bytes:
    """The same in Swedish: "Datum" and "Räckvidd" under Swedish title lines."""
    titles = ("Räckvidd på Facebook", "Instagram-räckvidd")
    return _metric_named_series(titles, "Datum", "Räckvidd").encode("utf-8-sig")


def youtube_table() -> bytes:
    rows = [
        [
            "Content",
            "Video title",
            "Video publish time",
            "Duration",
            "Views",
            "Watch time (hours)",
            "Subscribers",
            "Impressions",
            "Impressions click-through rate (%)",
        ],
        ["Total", "", "", "", "5000", "10.5", "9", "900", "1.68"],
        [" abc123", "First, video", "Aug 28, 2025", "9", "3,000", "4.5", "5", "456", "3.51"],
        [" def456", "Second", "Sep 4, 2025", "12", "1000", "2.0", "3", "300", "2.00"],
    ]
    return csv_text(rows).encode("utf-8")


def youtube_chart() -> bytes:
    rows = [
        ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"],
        ["2025-09-01", " abc123", "First", "Aug 28, 2025", "9", "40"],
        ["2025-09-02", " abc123", "First", "Aug 28, 2025", "9", "60"],
    ]
    return csv_text(rows).encode("utf-8")


def youtube_totals() -> bytes:
    return csv_text([["Date", "Views"], ["2025-09-01", "100"], ["2025-09-02", "150"]]).encode()


def tiktok_overview() -> bytes:
    rows = [
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
        ["December 30", "100", "1", "10", "1", "0"],
        ["December 31", "200", "2", "20", "2", "1"],
        ["January 1", "300", "3", "30", "3", "2"],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def tiktok_followers() -> bytes:
    rows = [
        ["Date", "Followers", "Difference in followers from previous day"],
        ["February 27", "undefined", "0"],
        ["February 28", "undefined", "0"],
        ["February 29", "40", "3"],
        ["March 1", "45", "5"],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def tiktok_content() -> bytes:
    rows = [
        [
            "Video title",
            "Video link",
            "Post time",
            "Total likes",
            "Total comments",
            "Total shares",
            "Total views",
        ],
        ["Dance #fun", "https://tiktok/1", "March 3", "10", "2", "1", "400"],
    ]
    return (BOM + csv_text(rows)).encode("utf-8")


def semicolon_decimal_comma_tab() -> bytes:
    rows = [
        ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements"],
        ["1", "u", "a", "2021-04-01 09:00 +0000", "1 234,5", "10"],
    ]
    return csv_text(rows, sep="\t").encode("utf-16-be")


def linkedin_page_rows(serial: bool) -> dict[str, list[list[object]]]:
    def day(d: dt.date) -> object:
        return (d - dt.date(1899, 12, 30)).days if serial else d.strftime("%m/%d/%Y")

    d1, d2 = dt.date(2025, 3, 1), dt.date(2025, 3, 2)
    sentence = ["Aggregated metrics for each day in the date range you selected."]
    return {
        "Update metrics (aggregated)": [
            sentence,
            [
                "Date",
                "Impressions (organic)",
                "Impressions (sponsored)",
                "Impressions (total)",
                "Unique impressions (organic)",
                "Clicks (organic)",
                "Clicks (total)",
                "Reactions (total)",
                "Comments (total)",
                "Reposts (total)",
                "Engagement rate (total)",
            ],
            [day(d1), 100, 0, 100, 80, 5, 5, 7, 1, 1, 0.14],
            [day(d2), 200, 0, 200, 150, 9, 9, 12, 2, 0, 0.115],
        ],
        "All posts": [
            ["Metrics for each post you published in the date range."],
            [
                "Update title",
                "Update link",
                "Update type",
                "Posted by",
                "Created date",
                "Impressions",
                "Views",
                "Clicks",
                "Click through rate (CTR)",
                "Likes",
                "Comments",
                "Reposts",
                "Follows",
                "Engagement rate",
                "Content Type",
            ],
            [
                "We are hiring!",
                "https://li/1",
                "Organic",
                "Kim",
                day(d1),
                500,
                "",
                20,
                0.04,
                15,
                3,
                2,
                1,
                0.08,
                "Text",
            ],
        ],
        "New followers": [
            ["New followers by day."],
            [
                "Date",
                "Sponsored followers",
                "Organic followers",
                "Auto-invited followers",
                "Total followers",
            ],
            [day(d1), 0, 3, 0, 3],
            [day(d2), 0, 2, 0, 2],
        ],
        "Visitor metrics": [
            ["Visitors."],
            ["Date", "Overview page views (desktop)"],
            [day(d1), 10],
        ],
    }


def linkedin_page_xlsx(serial: bool = False) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in linkedin_page_rows(serial).items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def linkedin_page_xls() -> bytes:
    import xlwt

    wb = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="MM/DD/YYYY")
    for name, rows in linkedin_page_rows(serial=True).items():
        ws = wb.add_sheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if r >= 2 and c == 0 and name != "All posts":
                    ws.write(r, c, value, date_style)
                else:
                    ws.write(r, c, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def linkedin_creator_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("DISCOVERY")
    ws.append(["Overall Performance", "2/1/2025 - 2/3/2025"])
    ws.append(["Impressions", 1500])
    ws.append(["Members reached", 900])
    ws = wb.create_sheet("ENGAGEMENT")
    ws.append(["Date", "Impressions", "Engagements"])
    ws.append(["2/1/2025", 500, 20])
    ws.append(["2/2/2025", 1000, 35])
    ws = wb.create_sheet("TOP POSTS")
    ws.append(["Maximum of 50 posts available to include in this list"])
    ws.append(
        [
            "Post URL",
            "Post publish date",
            "Engagements",
            "",
            "Post URL",
            "Post publish date",
            "Impressions",
        ]
    )
    # The two lists overlap: p1 is in both, p2 only by engagements, p3 only by impressions.
    ws.append(
        [
            "https://www.linkedin.com/feed/update/urn:li:activity:1",
            "2/1/2025",
            30,
            None,
            "https://www.linkedin.com/feed/update/urn:li:activity:3",
            "2/3/2025",
            900,
        ]
    )
    ws.append(
        [
            "https://www.linkedin.com/feed/update/urn:li:activity:2",
            "2/2/2025",
            12,
            None,
            "https://www.linkedin.com/feed/update/urn:li:activity:1",
            "2/1/2025",
            700,
        ]
    )
    ws = wb.create_sheet("FOLLOWERS")
    ws.append(["Total followers on 2/3/2025:", 812])
    ws.append([])
    ws.append(["Date", "New followers"])
    ws.append(["2/1/2025", 4])
    ws.append(["2/2/2025", 6])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# name, bytes factory, expected summaries (one per dataset), reference date
# The two stacked series of Meta's reach, however the file names its columns.
META_REACH = [
    dict(platform="facebook", grain="day", rows=2, start="2025-01-01", end="2025-01-02", reach=22),
    dict(platform="instagram", grain="day", rows=2, start="2025-01-01", end="2025-01-02", reach=7),
]
CASES = [
    (
        "x_tweets.csv",
        x_legacy_en,
        [
            dict(
                platform="x",
                grain="post",
                rows=2,
                start="2021-04-01",
                end="2021-04-30",
                impressions=1825,
                engagements=30,
                followers_gained=1,
            )
        ],
    ),
    (
        "x_pt.csv",
        x_legacy_pt_cp1252,
        [
            dict(
                platform="x",
                grain="post",
                rows=2,
                start="2022-05-02",
                end="2022-05-03",
                impressions=2000,
                engagements=20,
            )
        ],
    ),
    (
        "x_daily.csv",
        x_legacy_daily,
        [
            dict(
                platform="x",
                grain="day",
                rows=3,
                start="2021-04-01",
                end="2021-04-03",
                impressions=600,
                engagements=30,
                followers_gained=3,
            )
        ],
    ),
    (
        "account_overview_analytics.csv",
        x_account_overview,
        [
            dict(
                platform="x",
                grain="day",
                rows=2,
                start="2025-02-18",
                end="2025-02-19",
                impressions=2000,
                engagements=60,
                followers_gained=1,
            )
        ],
    ),
    (
        "account_analytics_content.csv",
        x_content,
        [
            dict(
                platform="x",
                grain="post",
                rows=2,
                start="2024-12-31",
                end="2025-02-17",
                impressions=244,
                engagements=35,
            )
        ],
    ),
    (
        "fb_post_level.csv",
        facebook_legacy_post,
        [
            dict(
                platform="facebook",
                grain="post",
                rows=2,
                start="2014-03-06",
                end="2014-06-04",
                impressions=134,
                reach=59,
                engagements=8,
            )
        ],
    ),
    (
        "fb_page_level.xls",
        facebook_legacy_page_spreadsheetml,
        [
            dict(
                platform="facebook",
                grain="day",
                rows=2,
                start="2014-02-28",
                end="2014-03-01",
                followers_gained=7,
                followers_last=1204,
                impressions=1700,
                reach=950,
                engagements=75,
            )
        ],
    ),
    (
        "meta_fb_posts.csv",
        meta_posts_facebook,
        [
            dict(
                platform="facebook",
                grain="post",
                rows=3,
                start="2025-01-15",
                end="2025-03-01",
                impressions=1520,
                reach=909,
                engagements=12,
            )
        ],
    ),
    (
        "meta_ig_posts.csv",
        meta_posts_instagram,
        [
            dict(
                platform="instagram",
                grain="post",
                rows=1,
                start="2025-04-02",
                end="2025-04-02",
                impressions=300,
                reach=250,
                engagements=29,
            )
        ],
    ),
    *[
        (name, factory, META_REACH)
        for name, factory in (
            ("Reach.csv", meta_daily_stacked_utf16),
            ("Reach (metric named).csv", meta_daily_metric_named),
            ("Räckvidd.csv", meta_daily_metric_named_sv),
        )
    ],
    (
        "Table data.csv",
        youtube_table,
        [
            dict(
                platform="youtube",
                grain="post",
                rows=2,
                start="2025-08-28",
                end="2025-09-04",
                impressions=756,
                views=4000,
                followers_gained=8,
            )
        ],
    ),
    (
        "Chart data.csv",
        youtube_chart,
        [
            dict(
                platform="youtube",
                grain="day",
                rows=2,
                start="2025-09-01",
                end="2025-09-02",
                views=100,
            )
        ],
    ),
    (
        "Totals.csv",
        youtube_totals,
        [
            dict(
                platform="youtube",
                grain="day",
                rows=2,
                start="2025-09-01",
                end="2025-09-02",
                views=250,
            )
        ],
    ),
    (
        "Overview.csv",
        tiktok_overview,
        [
            dict(
                platform="tiktok",
                grain="day",
                rows=3,
                start="2025-12-30",
                end="2026-01-01",
                impressions=600,
                engagements=69,
            )
        ],
    ),
    (
        "FollowerHistory.csv",
        tiktok_followers,
        [
            dict(
                platform="tiktok",
                grain="day",
                rows=4,
                start="2024-02-27",
                end="2024-03-01",
                followers_gained=8,
                followers_first=40,
                followers_last=45,
            )
        ],
    ),
    (
        "Content.csv",
        tiktok_content,
        [
            dict(
                platform="tiktok",
                grain="post",
                rows=1,
                start="2026-03-03",
                end="2026-03-03",
                impressions=400,
                engagements=13,
            )
        ],
    ),
    (
        "tabbed_utf16be.csv",
        semicolon_decimal_comma_tab,
        [dict(platform="x", rows=1, impressions=1234.5)],
    ),
    (
        "linkedin_page.xlsx",
        lambda: linkedin_page_xlsx(serial=False),
        [
            dict(
                platform="linkedin",
                grain="day",
                sheet="Update metrics (aggregated)",
                rows=2,
                start="2025-03-01",
                end="2025-03-02",
                impressions=300,
                engagements=23,
            ),
            dict(
                platform="linkedin",
                grain="post",
                sheet="All posts",
                rows=1,
                impressions=500,
                engagements=20,
            ),
            dict(
                platform="linkedin", grain="day", sheet="New followers", rows=2, followers_gained=5
            ),
        ],
    ),
    (
        "linkedin_page_serial.xlsx",
        lambda: linkedin_page_xlsx(serial=True),
        [
            dict(sheet="Update metrics (aggregated)", start="2025-03-01", end="2025-03-02"),
            dict(sheet="All posts", start="2025-03-01"),
            dict(sheet="New followers", start="2025-03-01", end="2025-03-02"),
        ],
    ),
    (
        "linkedin_page.xls",
        linkedin_page_xls,
        [
            dict(sheet="Update metrics (aggregated)", rows=2, start="2025-03-01", impressions=300),
            dict(sheet="All posts", rows=1, start="2025-03-01"),
            dict(sheet="New followers", rows=2, followers_gained=5),
        ],
    ),
    (
        "linkedin_creator.xlsx",
        linkedin_creator_xlsx,
        [
            dict(
                platform="linkedin",
                grain="day",
                sheet="ENGAGEMENT",
                rows=2,
                start="2025-02-01",
                impressions=1500,
                engagements=55,
            ),
            dict(
                platform="linkedin",
                grain="post",
                sheet="TOP POSTS",
                rows=3,
                start="2025-02-01",
                end="2025-02-03",
                impressions=1600,
                engagements=42,
            ),
            dict(
                platform="linkedin",
                grain="day",
                sheet="FOLLOWERS",
                rows=2,
                followers_gained=10,
                followers_first=806,
                followers_last=812,
            ),
        ],
    ),
    (
        "Facebook Insights keys.csv",
        facebook_legacy_post_keys,
        [
            dict(
                platform="facebook",
                grain="post",
                rows=2,
                start="2014-03-06",
                end="2014-06-04",
                impressions=134,
                reach=59,
                engagements=8,
            )
        ],
    ),
    (
        "Facebook page keys.csv",
        facebook_legacy_page_keys,
        [
            dict(
                platform="facebook",
                grain="day",
                rows=2,
                start="2014-02-28",
                end="2014-03-01",
                impressions=610,
                reach=410,
                engagements=27,
                followers_gained=5,
                followers_last=103,
            )
        ],
    ),
]
REFERENCE = {
    "Overview.csv": dt.date(2026, 1, 2),
    "FollowerHistory.csv": dt.date(2024, 3, 2),
    "Content.csv": dt.date(2026, 3, 4),
}


def pdf_figures(reader) -> list[str]:
    """The alternative texts of a PDF's figures (its charts), in order, from its structure tree.

    Charts are drawn as vectors, so they are not images: the tagged figures are what to count.
    """
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return []
    out: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, dict) or hasattr(node, "get"):
            if node.get("/S") == "/Figure":
                out.append(str(node.get("/Alt", "")))
            kids = node.get("/K", [])
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") and not isinstance(kid.get_object(), int):
                    walk(kid)

    walk(root)
    return out


# -- Workbooks the reliability tests share ------------------------------------------------------
def xlsx(rows: list[list[object]]) -> bytes:
    """A one-sheet workbook of these rows, as openpyxl writes it."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def lying_dimension_xlsx(dimension: str) -> bytes:
    """A small honest workbook whose sheet claims another size (1.7 kB claimed the whole grid)."""
    import re
    import zipfile

    data = xlsx(
        [
            ["Date", "Impressions (total)", "Clicks (total)"],
            ["2025-01-01", 100, 5],
            ["2025-01-02", 200, 6],
        ]
    )
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                part = re.sub(
                    rb'<dimension ref="[A-Z0-9:]+" ?/>',
                    b'<dimension ref="' + dimension.encode() + b'"/>',
                    part,
                )
            dst.writestr(item, part)
    return out.getvalue()


def many_rows_xlsx(n: int) -> bytes:
    """A workbook of n rows of daily metrics (150,000 take openpyxl over a second to read)."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Metrics")
    ws.append(["Date", "Impressions (total)", "Clicks (total)"])
    for i in range(n):
        ws.append([f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}", i % 997, i % 13])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
