"""Forty-odd hostile uploads: each gets its own answer, fast and in bounded memory."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest

# The parametrized cases are built when the module is collected, before any fixture exists.
from export_fixtures import csv_text, lying_dimension_xlsx, meta_posts_facebook, x_legacy_en, xlsx

from strategy.importers import ImportFailure, import_file

HEADER = "Tweet id,Tweet text,time,impressions,engagements\r\n"
ROW = "1,hello,2021-04-01 09:00 +0000,100,5\r\n"


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def billion_laughs_xlsx() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(xlsx([["Date", "Views"], ["2025-01-01", 1]])))
    files = {n: good.read(n) for n in good.namelist()}
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{"&lol" + str(i - 1) + ";" if i > 1 else "&lol;"}'
            f'{("&lol" + str(i - 1) + ";") * 9 if i > 1 else "&lol;" * 9}">'
            for i in range(1, 10)
        )
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
        "</worksheet>"
    )
    files["xl/worksheets/sheet1.xml"] = lol.encode()
    return zipped(files)


def encrypted_xlsx() -> bytes:
    # What Excel writes for a password: an OLE2 container holding an EncryptedPackage stream.
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 2048
    )


# name, bytes (or a callable), expected: a message fragment, or None for "reads safely"
CASES = [
    ("empty.csv", b"", "the file is empty"),
    ("spaces.csv", b"   \r\n\t\r\n", "the file is empty"),
    ("header_only.csv", HEADER.encode(), "no data rows"),
    ("header_only.xlsx", lambda: xlsx([["Date", "Impressions", "Engagements"]]), "no data rows"),
    ("binary.csv", bytes(range(256)) * 40, "binary"),
    ("nul_bytes.csv", (HEADER + "1,a\x00b,2021-04-01 09:00 +0000,1,1\r\n").encode(), "NUL"),
    ("png_renamed.csv", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG image"),
    ("jpeg_renamed.csv", b"\xff\xd8\xff\xe0" + b"\0" * 100, "JPEG image"),
    ("gif_renamed.xlsx", b"GIF89a" + b"\0" * 100, "GIF image"),
    ("pdf_renamed.csv", b"%PDF-1.7\n%...", "PDF document"),
    ("gzip_renamed.csv", b"\x1f\x8b\x08\x00" + b"\0" * 50, "gzip archive"),
    ("truncated.xlsx", lambda: xlsx([["Date", "Views"], ["2025-01-01", 1]])[:300], "damaged"),
    ("not_a_workbook.xlsx", lambda: zipped({"hello.txt": b"hi"}), "not an Excel workbook"),
    (
        "zip_bomb.xlsx",
        lambda: zipped(
            {
                "[Content_Types].xml": b"<x/>",
                "xl/workbook.xml": b"<w/>",
                "xl/worksheets/sheet1.xml": b"\0" * 80_000_000,
            }
        ),
        "zip bomb",
    ),
    ("billion_laughs.xlsx", billion_laughs_xlsx, "could not be opened"),
    ("password.xlsx", encrypted_xlsx, "password-protected"),
    ("damaged.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "could not be opened"),
    (
        "entities.xls",
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]><Workbook>&e;</Workbook>',
        "entities or DTDs",
    ),
    ("broken_xml.xls", b'<?xml version="1.0"?><Workbook><Worksheet>', "damaged"),
    ("too_big.csv", lambda: b"a" * (10 * 1024 * 1024 + 1), "the limit is 10 MB"),
    (
        "fifty_thousand_columns.csv",
        lambda: (
            ",".join(f"c{i}" for i in range(50_000)) + "\r\n" + ",".join("1" * 50_000) + "\r\n"
        ).encode(),
        "50,000 columns",
    ),
    ("pipes.csv", b"Tweet id|time|impressions\n1|2021-04-01|5\n", "separated by “|”"),
    ("no_dates.csv", (HEADER + "1,hello,whenever,100,5\r\n").encode(), "no data rows with a date"),
    ("just_text.txt", b"Dear team,\nplease find the report attached.\n", "no table"),
    ("one_column.csv", b"Date\n2025-01-01\n2025-01-02\n", "no table"),
    ("unknown_columns.csv", b"a,b,c\n1,2,3\n", "map them"),
    ("utf16_garbage.csv", b"\xff\xfe" + b"\x00\xd8" * 10, "utf-16"),
    # Files that look odd but are real exports: they are read, never refused.
    ("ragged.csv", (HEADER + "1,short row\r\n" + ROW).encode(), None),
    (
        "formula_text.csv",
        csv_text(
            [
                ["Tweet id", "Tweet text", "time", "impressions", "engagements"],
                ["1", '=HYPERLINK("http://evil","click")', "2021-04-01 09:00 +0000", "5", "1"],
                ["2", "@SUM(1)", "2021-04-02 09:00 +0000", "5", "1"],
            ]
        ).encode(),
        None,
    ),
    (
        "mixed_encodings.csv",
        (HEADER + "1,caf\u00e9,2021-04-01 09:00 +0000,1,1\r\n").encode()
        + "2,na\u00efve,2021-04-02 09:00 +0000,1,1\r\n".encode("cp1252"),
        None,
    ),
    ("cp1252.csv", (HEADER + "1,Öl & Käse,2021-04-01 09:00 +0000,1,1\r\n").encode("cp1252"), None),
    ("bom_and_crlf.csv", b"\xef\xbb\xbf" + (HEADER + ROW).encode(), None),
    ("semicolons.csv", (HEADER + ROW).replace(",", ";").encode(), None),
    ("tabs.tsv", (HEADER + ROW).replace(",", "\t").encode(), None),
    (
        "quoted_newlines.csv",
        (HEADER + '1,"two\nlines",2021-04-01 09:00 +0000,1,1\r\n').encode(),
        None,
    ),
    ("trailing_garbage.csv", (HEADER + ROW + "Totals,,,,\r\n,,,,\r\n").encode(), None),
    (
        "huge_numbers.csv",
        (HEADER + "1,x,2021-04-01 09:00 +0000,1e308,99999999999999999999\r\n").encode(),
        None,
    ),
    ("negative_and_text.csv", (HEADER + "1,x,2021-04-01 09:00 +0000,-5,lots\r\n").encode(), None),
    (
        "long_text.csv",
        (HEADER + "1," + "x" * 200_000 + ",2021-04-01 09:00 +0000,1,1\r\n").encode(),
        None,
    ),
    ("real_like.csv", x_legacy_en, None),
    # Workbooks that lie about their size: the readers take the cells that are there.
    ("dimension_bomb.xlsx", lambda: lying_dimension_xlsx("A1:XFD1048576"), None),
    ("index_bomb.xls", lambda: spreadsheetml_index(16_384_000), "claims column 16,384,000"),
    ("index_text.xls", lambda: spreadsheetml_index("lots"), "is not a number"),
    ("nested_rows.xls", lambda: nested_rows_spreadsheetml(), None),
]


SPREADSHEETML = (
    '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Posts"><Table>'
    "{rows}</Table></Worksheet></Workbook>"
)


def _ss_row(*cells: str) -> str:
    return (
        "<Row>"
        + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in cells)
        + "</Row>"
    )


def spreadsheetml_index(index: object) -> bytes:
    cell = f'<Cell ss:Index="{index}"><Data ss:Type="String">1</Data></Cell>'
    rows = _ss_row("Date", "Lifetime Total Likes") + f"<Row>{cell}</Row>"
    return SPREADSHEETML.format(rows=rows).encode()


def nested_rows_spreadsheetml() -> bytes:
    """Rows nested in rows (a walk of every descendant was quadratic); the table still reads."""
    inner = "<Row>" * 300 + "</Row>" * 300
    rows = (
        _ss_row("Date", "Lifetime Total Likes", "Daily New Likes")
        + _ss_row("2025-01-01", "100", "1").replace("</Row>", inner + "</Row>")
        + _ss_row("2025-01-02", "101", "1")
    )
    return SPREADSHEETML.format(rows=rows).encode()


assert len(CASES) >= 44


@pytest.mark.parametrize(("name", "data", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_hostile_upload_gets_its_own_answer_quickly_in_bounded_memory(name, data, expected):
    data = data() if callable(data) else data
    tracemalloc.start()
    started = time.perf_counter()
    try:
        if expected is None:
            datasets = import_file(name, data)
            assert datasets and all(d.rows > 0 for d in datasets)
        else:
            with pytest.raises(ImportFailure) as info:
                import_file(name, data)
            message = str(info.value)
            assert message.startswith(f"{name}: ")
            assert expected.lower() in message.lower(), message
    finally:
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < 5, f"{name} took {elapsed:.1f} s"
    assert peak < 200 * 1024 * 1024, f"{name} peaked at {peak / 1e6:.0f} MB"


def test_a_million_and_one_rows_are_refused_with_the_count():
    data = (HEADER + ROW * 1_000_001).encode()
    with pytest.raises(ImportFailure, match="1,000,001 rows; the limit is 1,000,000"):
        import_file("rows.csv", data, max_bytes=10**9)


def test_formula_payloads_stay_text():
    ds = import_file("f.csv", CASES[28][1])[0]
    assert ds.frame["text"].tolist() == ['=HYPERLINK("http://evil","click")', "@SUM(1)"]


def test_one_long_line_is_read_in_linear_time():
    # Many quotes after delimiters on one line: csv.Sniffer took 6 s on 45 kB of it, holding
    # the GIL for every session (about a minute on 64 kB).
    data = ("Date,Impressions\n" + ', "' * 15000 + "\n").encode()
    started = time.monotonic()
    with pytest.raises(ImportFailure):
        import_file("long.csv", data)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "when", ["0001-01-01 10:00 +0000", "9999-12-31 23:30 -0500", "1850-06-01 12:00 +0000"]
)
def test_an_impossible_date_is_left_out_with_a_note_and_the_analysis_runs(when):
    from strategy.analytics import Options, analyze

    rows = [
        ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements"],
        ["1", "u", "ok", "2021-04-01 09:00 +0000", "100", "5"],
        ["2", "u", "odd", when, "100", "5"],
    ]
    (ds,) = import_file("x.csv", csv_text(rows).encode())
    assert ds.rows == 1 and any("before 1900 or after 2200" in n for n in ds.notes)
    assert analyze([ds], Options(zone="Pacific/Kiritimati")).to_json()["accounts"]


def test_whatever_a_reader_raises_becomes_a_message_naming_the_file():
    # A cell longer than the csv module's field limit (128 kB) in a small file.
    data = ("Date,Impressions\n2025-01-01," + '"' + "9" * 140_000 + '"\n').encode()
    with pytest.raises(ImportFailure) as info:
        import_file("huge-cell.csv", data)
    assert str(info.value).startswith("huge-cell.csv: it is not readable as CSV (field larger")


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "https://x.com/a/1\njavascript:1",
        " vbscript:x",
    ],
)
def test_only_a_web_address_in_a_link_column_becomes_a_link(link):
    rows = [HEADER.strip().split(",")[:1] + ["Tweet permalink"] + HEADER.strip().split(",")[1:]]
    rows.append(["1", link, "hello", "2021-04-01 09:00 +0000", "100", "5"])
    rows.append(["2", "https://twitter.com/a/status/2", "hi", "2021-04-02 09:00 +0000", "90", "4"])
    from strategy.analytics import Options, analyze
    from strategy.analytics.tables import top_posts_table

    (ds,) = import_file("links.csv", csv_text(rows).encode())
    assert ds.rows == 2
    (account,) = analyze([ds], Options()).accounts
    shown = top_posts_table(account)["Link"]
    assert shown.dropna().tolist() == ["https://twitter.com/a/status/2"]


def test_a_huge_page_name_is_shortened_where_it_enters():
    from strategy.analytics import Options, analyze

    text = meta_posts_facebook().decode("utf-8-sig")
    assert "Cafe Nord" in text, "the fixture's rows name their page"
    data = text.replace("Cafe Nord", "N" * 100_000).encode()
    started = time.monotonic()
    (ds,) = import_file("meta.csv", data)
    assert ds.account is not None and len(ds.account) <= 100 and ds.account.endswith("…")
    result = analyze([ds], Options()).to_json()
    assert time.monotonic() - started < 5
    assert all(len(a["account"]) <= 100 for a in result["accounts"])
