"""The importer as a pipeline of small steps: each step's result, and the steps' size."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from export_fixtures import csv_text, meta_daily_metric_named_sv

from strategy.importers import import_file, import_with_mapping
from strategy.importers.api import (
    FAST_PATH_BYTES,
    Decoded,
    Found,
    ImportFailure,
    Job,
    NeedsMapping,
    TextSheet,
    assembled,
    block_dataset,
    decoded,
    recognised,
    tables,
)
from strategy.importers.blocks import Block
from strategy.importers.fast import ParsedTable
from strategy.importers.normalize import _cleaned
from strategy.importers.order import split_series

IMPORTERS = Path(__file__).resolve().parent.parent / "strategy" / "importers"
MAX_LINES = 60
HEADER = ["Tweet id", "Tweet text", "time", "impressions", "engagements"]
JOB = Job("f.csv", dt.date(2026, 1, 1), 1_000)


def tweets(n: int) -> bytes:
    rows = [HEADER] + [
        [str(i), f"post {i}", "2021-04-01 09:00 +0000", "1,000", str(i % 7)] for i in range(n)
    ]
    return csv_text(rows).encode()


def long_functions(folder: Path = IMPORTERS) -> list[str]:
    """Every function over MAX_LINES lines, def to end, whose line above does not say why."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            above = lines[first - 2].strip() if first > 1 else ""
            if length > MAX_LINES and not above.startswith("# Long because"):
                where = path.relative_to(folder)
                found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_importer_function_is_over_60_lines_unless_a_comment_says_why():
    assert long_functions() == []


def test_the_length_check_sees_a_long_function_and_its_reason(tmp_path):
    body = "\n".join(f"    x = {i}" for i in range(MAX_LINES))
    short = "\n".join(f"    x = {i}" for i in range(MAX_LINES - 1))
    (tmp_path / "long.py").write_text(
        f"def long():\n{body}\n\n\n# Long because it must be\ndef said():\n{body}\n\n\n"
        f"def short():\n{short}\n"
    )
    assert long_functions(tmp_path) == [f"long.py:1 long ({MAX_LINES + 1} lines)"]


@pytest.mark.parametrize(
    ("data", "encoding", "first_rows"),
    [
        (b"Date,Views\n2025-01-01,5\n", "utf-8", [["Date", "Views"], ["2025-01-01", "5"]]),
        (b"\xef\xbb\xbfDate;Views\n2025-01-01;5\n", "utf-8-sig", [["Date", "Views"]]),
        ("Datum;Käse\n1;2\n".encode("cp1252"), "cp1252", [["Datum", "Käse"], ["1", "2"]]),
        ("Date\tViews\n2025-01-01\t5\n".encode("utf-16"), "utf-16-le", [["Date", "Views"]]),
        (b"sep=|\nDate|Views\n2025-01-01|5\n", "utf-8", [["Date", "Views"]]),
    ],
    ids=["utf-8", "bom-semicolon", "cp1252", "utf-16-tab", "sep-line"],
)
def test_the_decode_step_reads_a_small_text_file_into_one_sheet_of_rows(data, encoding, first_rows):
    read = decoded("f.csv", data, 1_000)
    assert read.encoding == encoding
    (sheet,) = read.sheets
    assert isinstance(sheet, TextSheet) and sheet.name is None
    assert sheet.rows[: len(first_rows)] == first_rows


@pytest.mark.parametrize(("fast", "kind"), [(True, ParsedTable), (False, TextSheet)])
def test_the_decode_step_lets_pyarrow_parse_a_large_known_csv(fast, kind):
    data = tweets(2_000)
    assert len(data) > FAST_PATH_BYTES
    (sheet,) = decoded("big.csv", data, 10_000, fast=fast).sheets
    assert isinstance(sheet, kind)
    if isinstance(sheet, ParsedTable):
        assert sheet.fmt.id == "x_legacy_tweets" and sheet.row_count == 2_000
        assert sheet.block.rows == []  # the columns hold the rows
    else:
        assert len(sheet.rows) == 2_001


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "PNG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04" + b"\0" * 20, "damaged"),
        (bytes(range(256)) * 20, "binary"),
    ],
    ids=["png", "pdf", "damaged-xlsx", "binary"],
)
def test_the_decode_step_refuses_what_is_no_export(data, reason):
    with pytest.raises(ImportFailure, match=reason):
        decoded("f.csv", data, 1_000)


TOP_POSTS = [
    ["Maximum of 50 posts available to include in this list"],
    ["Post URL", "Post publish date", "Engagements", "", "Post URL", "Post publish date", "Views"],
    ["https://l.in/1", "2/1/2025", "30", "", "https://l.in/3", "2/3/2025", "900"],
]


@pytest.mark.parametrize(
    ("sheet", "blocks_per_part"),
    [
        (TextSheet("TOP POSTS", TOP_POSTS), [1, 1]),  # side by side, in a workbook
        (TextSheet(None, TOP_POSTS), [1]),  # a text file is never split sideways
        (TextSheet(None, [HEADER, ["1"], [], HEADER, ["2"]]), [2]),  # one under another
        (TextSheet(None, [["just a line"]]), [0]),
    ],
    ids=["side-by-side", "text-file", "stacked", "no-table"],
)
def test_the_tables_step_finds_the_tables_of_a_sheet(sheet, blocks_per_part):
    parts = list(tables("f.xlsx", sheet))
    assert [len(part.blocks) for part in parts] == blocks_per_part
    for part in parts:
        assert all(block.headers[0] in part.rows[block.skipped] for block in part.blocks)


def test_the_tables_step_refuses_a_sheet_too_wide_to_be_an_export():
    with pytest.raises(ImportFailure, match="f.xlsx: it has 3,000 columns"):
        list(tables("f.xlsx", TextSheet("Wide", [["x"] * 3_000])))


def test_the_recognise_step_reads_stacked_metric_named_series_one_by_one():
    (sheet,) = decoded("sv.csv", meta_daily_metric_named_sv(), 1_000).sheets
    assert isinstance(sheet, TextSheet)
    ((block,),) = [part.blocks for part in tables("sv.csv", sheet)]
    assert block.fmt is None  # "Datum" and "Räckvidd": no header word is known
    series = recognised([block])
    assert [(b.title, b.fmt and b.fmt.id, len(b.rows)) for b in series] == [
        ("Räckvidd på Facebook", "meta_daily", 2),
        ("Instagram-räckvidd", "meta_daily", 2),
    ]


@pytest.mark.parametrize(
    ("headers", "rows", "recognised_as"),
    [
        (HEADER, [["1", "a", "2021-04-01 09:00 +0000", "5", "1"]], None),  # left as it was
        (["Colour", "Size"], [["red", "2"]], None),
        (["Date", "Reach"], [["2025-01-01", "5"]], None),  # no title line: could be any network
    ],
    ids=["unknown-five-columns", "no-dates", "untitled-series"],
)
def test_the_recognise_step_leaves_a_table_it_cannot_place(headers, rows, recognised_as):
    block = Block(headers=headers, rows=rows)
    assert [b.fmt for b in recognised([block])] == [recognised_as]


def known(rows: list[list[str]], title: str | None = None) -> Block:
    (block,) = next(tables("f.csv", TextSheet(title, [HEADER, *rows]))).blocks
    assert block.fmt is not None
    return block


@pytest.mark.parametrize(
    ("rows", "dataset_rows"),
    [
        ([["1", "a", "2021-04-01 09:00 +0000", "5", "1"]], 1),
        ([["1", "a", "2021-04-01 09:00 +0000", "5", "1"], ["Total", "", "", "5", "1"]], 1),
    ],
    ids=["one-post", "totals-row-left-out"],
)
def test_the_normalise_step_gives_a_table_its_dataset(rows, dataset_rows):
    block = known(rows)
    assert block.fmt is not None
    ds = block_dataset(JOB, block, block.fmt, TextSheet(None, []), Found())
    assert ds is not None and ds.rows == dataset_rows and ds.format_id == "x_legacy_tweets"


def test_the_normalise_step_leaves_out_a_workbook_sheet_with_no_dated_rows():
    block, found = known([["1", "a", "whenever", "5", "1"]], "Posts"), Found()
    assert block.fmt is not None
    with pytest.raises(ImportFailure, match="no data rows with a date"):
        block_dataset(JOB, block, block.fmt, TextSheet(None, []), found)  # a text file: refused
    assert block_dataset(JOB, block, block.fmt, TextSheet("Posts", []), found) is None
    assert found.empty_sheet is not None
    assert found.notes == ["Left out: sheet “Posts” has no data rows with a date."]


def test_the_normalise_step_refuses_a_table_over_the_row_limit():
    block = known([["1", "a", "2021-04-01 09:00 +0000", "5", "1"]] * 3)
    assert block.fmt is not None
    small = Job("f.csv", dt.date(2026, 1, 1), 2)
    with pytest.raises(ImportFailure, match="f.csv: it has 3 rows; the limit is 2"):
        block_dataset(small, block, block.fmt, TextSheet(None, []), Found())


@pytest.mark.parametrize(
    ("unknown", "rows", "error", "message"),
    [
        ([Block(["a", "b"], [["1", "2"]])], [], NeedsMapping, "map them to date"),
        ([Block(["a", "b"], [])], [], ImportFailure, "a header row but no data rows"),
        ([], [["Tweet id|time|impressions"]], ImportFailure, r"separated by “\|”"),
        ([], [["Dear team,"]], ImportFailure, "no table was found in it"),
    ],
    ids=["to-map", "header-only", "pipes", "letter"],
)
def test_the_datasets_step_says_why_a_file_gave_none(unknown, rows, error, message):
    read = Decoded([TextSheet(None, rows)], "utf-8")
    with pytest.raises(error, match=message) as info:
        assembled("f.csv", Found(unknown=unknown), read, 100)
    assert type(info.value) is error


def test_the_datasets_step_says_what_other_sheets_held_on_the_first_dataset():
    block = known([["1", "a", "2021-04-01 09:00 +0000", "5", "1"]])
    assert block.fmt is not None
    found = Found(notes=["Left out: the sheet 'Notes' is empty."])
    ds = block_dataset(JOB, block, block.fmt, TextSheet(None, []), found)
    assert ds is not None
    found.datasets.append(ds)
    (out,) = assembled("f.xlsx", found, Decoded([], "xlsx"), 100)
    assert out.encoding == "xlsx" and out.notes[-1] == "Left out: the sheet 'Notes' is empty."


@pytest.mark.parametrize(
    ("field", "values", "expected"),
    [
        ("text", ["hello", "undefined", ""], ["hello", None, None]),
        ("link", ["https://x.com/a/1", ""], ["https://x.com/a/1", ""]),
        ("post_id", [" 123 ", "n/a"], ["123", None]),
        ("impressions", ["1,000", "12%", "-"], [1000.0, 0.12, None]),
    ],
)
def test_each_field_is_cleaned_as_what_it_is(field, values, expected):
    assert _cleaned(field, pa.array(values, pa.string())).to_pylist() == expected


@pytest.mark.parametrize(
    ("rows", "titles"),
    [
        ([["2025-01-01", "1"]], ["Reach"]),
        ([["2025-01-01", "1"], ["Instagram reach"], ["Date", "Reach"], ["2025-01-01", "2"]], None),
        ([["2025-01-01", "1"], [], ["Date", "Views"], ["2025-01-01", "2"]], ["Reach", "Views"]),
    ],
    ids=["one", "titled", "untitled"],
)
def test_stacked_series_are_split_at_each_repeated_header(rows, titles):
    series = split_series(rows, ["Date", "Reach"], "Reach")
    expected = titles or ["Reach", "Instagram reach"]
    assert [s.title for s in series] == expected
    assert [r[1] for s in series for r in s.rows if len(r) > 1] == [
        r[1] for r in rows if len(r) > 1 and r[0] != "Date"
    ]


def test_a_mapping_reads_a_large_file_the_fast_path_would_take():
    data = tweets(2_000)
    assert len(data) > FAST_PATH_BYTES
    (mapped,) = import_with_mapping("big.csv", data, {"date": "time", "impressions": "impressions"})
    (read,) = import_file("big.csv", data)
    assert mapped.rows == read.rows == 2_000
    assert mapped.frame["impressions"].sum() == read.frame["impressions"].sum() == 2_000_000
