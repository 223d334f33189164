"""Every upload is read in a worker under a memory cap and a time limit: the server never pays.

Each class of runaway file (allocates without end, loops past the time limit, crashes its
reader) must end as one message naming the file, while this process (standing in for the
server) neither grows nor waits past the budget, and the next honest file reads at once.
"""

from __future__ import annotations

import io
import os
import re
import threading
import time
import zipfile

import pytest

# Module-level builders below make workbooks from these, outside any test's fixtures.
from export_fixtures import many_rows_xlsx, x_legacy_en, xlsx

from strategy.core.i18n import using
from strategy.importers import ImportFailure
from strategy.importers.api import NeedsMapping
from strategy.importers.guarded import POOL, SECONDS, read_mapped, read_upload
from strategy.workers.pool import Pool, WorkerLost

HONEST = x_legacy_en()


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.fixture
def test_pool(monkeypatch):
    """A private import pool whose workers accept the crash, stall and allocate test ops."""
    monkeypatch.setenv("SOCIAL_WHY_WORKER_TEST_OPS", "1")
    pool = Pool("import", idle_max=1, slots=2, timeout_s=3.0, rss_mb=600, address_mb=300)
    yield pool
    pool.close()


def test_an_honest_export_reads_in_a_worker_with_the_same_figures_as_in_process():
    from strategy.importers import import_file

    (inside,) = read_upload("tweets.csv", HONEST)
    (here,) = import_file("tweets.csv", HONEST)
    assert inside.rows == here.rows > 0
    assert inside.frame.equals(here.frame)


def test_a_worker_over_its_address_space_gets_memory_error_and_lives_on(test_pool):
    with pytest.raises(MemoryError):
        test_pool.call("allocate", megabytes=1000)
    assert test_pool.call("allocate", megabytes=10) == 10 * 1024 * 1024  # the same worker, fine


@pytest.mark.parametrize(
    ("op", "arguments", "reason"),
    [("abort", {}, "died"), ("sleep", {"seconds": 60}, "time")],
)
def test_a_worker_that_dies_or_overruns_is_killed_and_replaced(test_pool, op, arguments, reason):
    started = time.monotonic()
    with pytest.raises(WorkerLost) as lost:
        test_pool.call(op, **arguments)
    assert lost.value.reason == reason
    assert time.monotonic() - started < test_pool.timeout_s + 2
    assert test_pool.call("allocate", megabytes=1) == 1024 * 1024


def test_a_worker_past_its_resident_limit_is_killed(monkeypatch):
    monkeypatch.setenv("SOCIAL_WHY_WORKER_TEST_OPS", "1")
    pool = Pool("chart", idle_max=1, slots=1, timeout_s=10.0, rss_mb=300)
    try:
        with pytest.raises(WorkerLost) as lost:
            pool.call("allocate", megabytes=600)
        assert lost.value.reason == "memory"
    finally:
        pool.close()


def test_calls_past_the_slots_wait_and_then_give_up_as_busy(test_pool, monkeypatch):
    monkeypatch.setattr(test_pool, "queue_s", 0.5)
    # The holders' calls get a long limit of their own: on a busy machine a fresh worker's
    # start alone took most of the pool's 3 s, and a holder that timed out freed its slot
    # before the call below asked for one.
    holders = [
        threading.Thread(
            target=test_pool.call, args=("sleep",), kwargs={"seconds": 5, "timeout_s": 60}
        )
        for _ in range(test_pool.slots)
    ]
    for holder in holders:
        holder.start()
    deadline = time.monotonic() + 60
    while test_pool._busy < test_pool.slots:  # both holders have a worker running their call
        assert time.monotonic() < deadline, "the holders never got their workers"
        time.sleep(0.05)
    with pytest.raises(WorkerLost) as lost:
        test_pool.call("allocate", megabytes=1)
    assert lost.value.reason == "busy"
    for holder in holders:
        holder.join()
    assert test_pool.call("allocate", megabytes=1) == 1024 * 1024  # slots come back


def _rewrite(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = change({i.filename: src.read(i.filename) for i in src.infolist()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, part in parts.items():
            dst.writestr(name, part)
    return out.getvalue()


def sheets_naming_one_part(n: int) -> bytes:
    """A workbook listing n sheets that all point at one part (opening builds every one)."""
    data = xlsx([["Date", "Impressions (total)"], ["2025-01-01", 1]])

    def change(parts):
        entries = "".join(f'<sheet name="S{i}" sheetId="{i + 1}" r:id="rId1"/>' for i in range(n))
        parts["xl/workbook.xml"] = re.sub(
            rb"<sheets>.*</sheets>",
            b"<sheets>" + entries.encode() + b"</sheets>",
            parts["xl/workbook.xml"],
            flags=re.S,
        )
        return parts

    return _rewrite(data, change)


def test_a_workbook_of_thousands_of_sheets_is_refused_before_it_is_opened():
    started = time.monotonic()
    with pytest.raises(ImportFailure, match="3,000 sheets"):
        read_upload("sheets.xlsx", sheets_naming_one_part(3000))
    assert time.monotonic() - started < 3


def test_a_file_that_reads_past_the_time_limit_is_refused_naming_the_limit(monkeypatch):
    # 150k rows take openpyxl longer than one second on any machine: the budget is what ends it.
    data = many_rows_xlsx(150_000)
    monkeypatch.setattr(POOL, "timeout_s", 1.0)
    before = resident_mb()
    started = time.monotonic()
    with pytest.raises(ImportFailure) as failure:
        read_upload("big.xlsx", data)
    assert time.monotonic() - started < 4
    assert str(failure.value).startswith("big.xlsx: reading it took longer than")
    assert resident_mb() - before < 50  # the rows were built in the worker, not here
    # The next file reads under the usual budget: a fresh worker's start-up on a busy machine
    # can take longer than the one second that was only there to stop the big file quickly.
    monkeypatch.setattr(POOL, "timeout_s", SECONDS)
    (honest,) = read_upload("tweets.csv", HONEST)
    assert honest.rows > 0


def test_the_budget_message_is_in_the_sessions_language(monkeypatch):
    monkeypatch.setattr(POOL, "timeout_s", 0.5)
    with using("sv"), pytest.raises(ImportFailure) as failure:
        read_upload("big.xlsx", many_rows_xlsx(100_000))
    assert "tog längre tid än" in str(failure.value)


def test_messages_and_mapping_requests_cross_from_the_worker_intact():
    with using("sv"), pytest.raises(ImportFailure) as failure:
        read_upload("empty.csv", b"")
    assert str(failure.value) == "empty.csv: filen är tom"
    assert failure.value.reason == "filen är tom"
    unknown = b"Dag,Visningar,Kommentar\n2025-01-01,10,hej\n2025-01-02,12,hopp\n"
    with pytest.raises(NeedsMapping) as needs:
        read_upload("okänd.csv", unknown)
    assert needs.value.headers == ["Dag", "Visningar", "Kommentar"]
    assert needs.value.preview[0] == ["2025-01-01", "10", "hej"]
    (mapped,) = read_mapped("okänd.csv", unknown, {"date": "Dag", "impressions": "Visningar"})
    assert mapped.frame["impressions"].sum() == 22


def test_a_file_over_the_size_limit_is_refused_without_a_worker(monkeypatch):
    monkeypatch.setattr(POOL, "call", lambda *a, **k: pytest.fail("sent to a worker"))
    with pytest.raises(ImportFailure, match="the limit is 10 MB"):
        read_upload("huge.csv", b"a,b\n" + b"1,2\n" * 3_000_000)


def test_the_default_budget_is_within_what_the_attack_checks_allow():
    assert SECONDS <= 8
    assert POOL.address_mb <= 1024


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
SHARED_STRINGS_REL = (
    b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def workbook(sheet_data: str, shared: list[str] | None = None) -> bytes:
    """A one-sheet xlsx whose sheet holds `sheet_data` (the <row>s), with shared strings."""

    def change(parts):
        parts["xl/worksheets/sheet1.xml"] = (
            f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{sheet_data}'
            "</sheetData></worksheet>"
        ).encode()
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            parts["xl/sharedStrings.xml"] = (
                f'<?xml version="1.0"?><sst xmlns="{NS}">{items}</sst>'.encode()
            )
            parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
                b"</Relationships>", SHARED_STRINGS_REL
            )
            parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
                b"</Types>", SHARED_STRINGS_TYPE
            )
        return parts

    return _rewrite(xlsx([["x"]]), change)


def shared_string_amplification(refs: int = 60_000, length: int = 5_000) -> bytes:
    """One 5,000-character shared string referenced by every cell (a 195 kB file of its kind
    peaked at 1.3 GB in the server)."""
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + "".join(
        f'<row r="{i}"><c r="A{i}" t="s"><v>1</v></c><c r="B{i}" t="s"><v>1</v></c></row>'
        for i in range(2, refs // 2)
    )
    return workbook(rows, ["Date", "A" * length])


def test_a_shared_string_referenced_by_every_cell_costs_the_server_nothing():
    before = resident_mb()
    started = time.monotonic()
    try:
        read_upload("strings.xlsx", shared_string_amplification())
    except NeedsMapping:
        pass  # read, and not a known export: the mapping form asks
    except ImportFailure as failure:  # or the budget ended it
        assert "could not be read" not in str(failure), failure
    assert time.monotonic() - started < POOL.timeout_s + 3
    assert resident_mb() - before < 50


def one_cell_far_down(row: int) -> bytes:
    """A 2 kB workbook whose one data cell sits at row `row` (openpyxl walks every row above)."""
    return workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Impressions (total)</t></is></c></row>'
        f'<row r="{row}"><c r="B{row}"><v>1</v></c></row>'
    )


@pytest.mark.parametrize("row", [1_048_576, 99_999_999_999])
def test_a_cell_millions_of_rows_down_is_answered_at_once(row):
    started = time.monotonic()
    with pytest.raises(ImportFailure):
        read_upload("far.xlsx", one_cell_far_down(row))
    assert time.monotonic() - started < 3  # it took the whole 8 s budget, holding a slot


def one_string_in_every_row(rows: int, length: int = 1_000_000) -> bytes:
    """Every post's text is one shared string of a million characters."""

    def cell(ref, value, kind=""):
        return f'<c r="{ref}"{kind}><v>{value}</v></c>'

    shared = ' t="s"'
    head = (
        '<row r="1">'
        + cell("A1", 5, shared)
        + cell("B1", 1, shared)
        + cell("C1", 2, shared)
        + cell("D1", 3, shared)
        + cell("E1", 4, shared)
        + "</row>"
    )
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>2024-01-{r % 28 + 1:02d}</t></is></c>'
        f"{cell(f'B{r}', r)}{cell(f'C{r}', 0, shared)}{cell(f'D{r}', 5)}{cell(f'E{r}', 1)}</row>"
        for r in range(2, rows + 2)
    )
    return workbook(
        head + body, ["x" * length, "Post id", "Post text", "Impressions", "Engagements", "Date"]
    )


def test_a_text_shared_by_every_row_comes_back_cut_not_multiplied():
    data = one_string_in_every_row(200)
    assert len(data) < 1_000_000
    before = resident_mb()
    try:
        datasets = read_upload("posts.xlsx", data)
    except ImportFailure as failure:  # the worker's own cap may end it: also an answer
        assert "memory" in str(failure)
    else:
        texts = datasets[0].frame["text"].dropna()
        assert len(texts) == 200 and texts.str.len().max() <= 64_000
    assert resident_mb() - before < 60  # 200 copies of a million characters would be 200 MB


TWEETS_50K = (
    b"Tweet id,Tweet text,time,impressions,engagements\n"
    + b"1,hello,2021-04-01 09:00 +0000,100,5\n" * 50_000
)


def test_an_answer_larger_than_its_limit_is_refused_before_it_is_read(test_pool, monkeypatch):
    monkeypatch.setattr(test_pool, "answer_mb", 1)
    with pytest.raises(WorkerLost) as lost:
        test_pool.call("import_file", name="t.csv", language="en", data=TWEETS_50K)
    assert lost.value.reason == "memory"


def test_a_text_at_the_cap_in_every_row_is_cut_to_the_files_own_size():
    data = one_string_in_every_row(3000, length=64_000)
    before = resident_mb()
    (ds,) = read_upload("posts.xlsx", data)
    assert ds.rows == 3000
    assert ds.frame["text"].str.len().sum() <= len(data) + 16_000_000
    assert any("cut to" in n for n in ds.notes)
    assert resident_mb() - before < 60  # uncut: 3,000 × 64,000 characters, 190 MB


def test_a_sheet_name_of_a_million_characters_is_cut():
    from strategy.importers.blocks import MAX_SHEET_NAME

    data = xlsx([["Date", "Impressions (total)"], ["2025-01-01", 1]])

    def change(parts):
        name = os.urandom(500_000).hex().encode()  # random: a zip cannot shrink it
        parts["xl/workbook.xml"] = re.sub(
            rb'name="[^"]*"', b'name="' + name + b'"', parts["xl/workbook.xml"], count=1
        )
        return parts

    try:
        datasets = read_upload("names.xlsx", _rewrite(data, change))
    except NeedsMapping as needs:
        assert all(len(h) <= 200 for h in needs.headers)
    else:
        assert all(len(d.sheet or "") <= MAX_SHEET_NAME for d in datasets)


def test_warming_fills_the_pool_once_however_often_it_is_asked():
    pool = Pool("import", idle_max=2, slots=2, timeout_s=5.0)
    try:
        for _ in range(10):  # every rerun of the page asks
            pool.warm()
        deadline = time.monotonic() + 60
        while (len(pool._idle) < 2 or pool._warming) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pool._idle) == 2 and pool._warming == 0
        pids = {w.proc.pid for w in pool._idle}
        (ds,) = pool.call("import_file", name="t.csv", language="en", data=HONEST)
        assert ds.rows > 0 and {w.proc.pid for w in pool._idle} == pids  # a warm one did it
    finally:
        pool.close()


def test_warming_counts_busy_workers_so_a_busy_pool_starts_no_spare_processes(monkeypatch):
    monkeypatch.setenv("SOCIAL_WHY_WORKER_TEST_OPS", "1")
    # A long limit: this test counts processes, and a loaded machine must not turn it into a
    # test of the time limit.
    pool = Pool("import", idle_max=1, slots=1, timeout_s=60.0)
    try:
        pool.warm()
        deadline = time.monotonic() + 60
        while not pool._idle and time.monotonic() < deadline:
            time.sleep(0.05)
        (worker,) = pool._idle
        started: list[int] = []
        real = pool.warm

        def warm_while_busy(seconds: float = 0.5) -> None:
            time.sleep(0.1)
            real()  # a page rerun while the only worker is busy
            started.append(pool._warming + len(pool._idle))

        import threading

        helper = threading.Thread(target=warm_while_busy)
        helper.start()
        pool.call("sleep", seconds=0.5)
        helper.join()
        assert started == [0]  # nothing started beside the busy worker
        assert pool._idle == [worker]  # and it came back, not replaced
    finally:
        pool.close()
