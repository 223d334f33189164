"""Metamorphic tests: the same export, saved another way, gives the same figures.

Every real export in REAL_EXPORTS_DIR and every text fixture is re-encoded (UTF-8, UTF-8 with
BOM, UTF-16 LE with BOM, Windows-1252 where its characters allow), given CRLF or LF line ends,
shuffled, padded past the 64 kB fast-path threshold, saved as XLSX by openpyxl, and split into
two overlapping downloads uploaded together.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from export_fixtures import CASES, REFERENCE

from strategy.analytics import Options, analyze
from strategy.importers import import_file
from strategy.importers.api import FAST_PATH_BYTES
from strategy.importers.decode import decode, split_sep_line

REAL = os.environ.get("REAL_EXPORTS_DIR")
REAL_REFERENCE = dt.date(2026, 2, 28)


def sources() -> list[tuple[str, bytes, dt.date]]:
    """(file name, bytes, download day) of every text export: fixtures, then real files."""
    out = []
    for name, factory, _expected in CASES:
        data = factory()
        if data[:2] == b"PK" or data[:4] == b"\xd0\xcf\x11\xe0" or b"<Workbook" in data[:400]:
            continue  # workbooks are re-saved by their own tests
        out.append((name, data, REFERENCE.get(name, dt.date(2026, 11, 22))))
    if REAL:
        for p in sorted(Path(REAL).glob("*.csv")):
            out.append((p.name, p.read_bytes(), REAL_REFERENCE))
    return out


SOURCES = sources()


def text_of(data: bytes) -> tuple[str | None, str, str]:
    """The export as (sep= line or None, text without it, delimiter)."""
    text, _encoding = decode(data)
    rest, delimiter = split_sep_line(text)
    sep = text[: len(text) - len(rest)] if delimiter else None
    if delimiter is None:
        delimiter = csv.Sniffer().sniff("\n".join(rest.splitlines()[:30]), ",;\t").delimiter
    return sep, rest, delimiter


def records(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def write(rows: list[list[str]], delimiter: str, sep: str | None, newline: str = "\r\n") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return (sep or "") + out.getvalue()


def header_rows(rows: list[list[str]]) -> int:
    """How many rows from the top are not data (title lines, the header, descriptions)."""
    for i, row in enumerate(rows):
        cells = [c for c in row if c.strip()]
        if len(cells) >= 2 and i + 1 < len(rows):
            nxt = rows[i + 1]
            # Legacy Facebook puts a row of descriptions under its header; YouTube a Total row.
            if nxt and not nxt[0].strip() or (nxt and nxt[0].strip().lower() == "total"):
                return i + 2
            return i + 1
    return 0


# What an account's figures are: every reading the analysis gives that the file's layout, its
# encoding and the order of its rows cannot change.
ACCOUNT_FIGURES = (
    "account",
    "rate",
    "cards",
    "slots",
    "best_slot",
    "weekly",
    "rules",
    "checks",
    "per_thousand_impressions",
)


@functools.cache
def figures(name: str, data: bytes, reference: dt.date) -> list[dict]:
    """What must not change: each dataset's summary and each account's main figures.

    Cached per worker: every variant of a source compares against the same original.
    """
    datasets = import_file(name, data, reference=reference)
    out = []
    for d in datasets:
        s = d.summary()
        s.pop("source"), s.pop("sheet"), s.pop("encoding")
        out.append(s)
    for a in analyze(datasets, Options()).to_json()["accounts"]:
        account = {k: a[k] for k in ACCOUNT_FIGURES}
        # A check against the export's own totals names its file, which XLSX saves renamed.
        account["checks"] = [{k: v for k, v in c.items() if k != "source"} for c in a["checks"]]
        out.append(account)
    return out


def re_encode(encoding: str) -> Callable[[bytes], bytes | None]:
    def variant(data: bytes) -> bytes | None:
        sep, text, _delimiter = text_of(data)
        full = (sep or "") + text
        try:
            return full.encode(encoding)
        except UnicodeEncodeError:
            return None  # a character this encoding cannot hold (emoji in cp1252)

    return variant


def line_ends(newline: str) -> Callable[[bytes], bytes]:
    def variant(data: bytes) -> bytes:
        sep, text, delimiter = text_of(data)
        return write(records(text, delimiter), delimiter, sep, newline).encode("utf-8")

    return variant


def shuffled(data: bytes) -> bytes:
    sep, text, delimiter = text_of(data)
    rows = records(text, delimiter)
    top = header_rows(rows)
    body = rows[top:]
    order = np.random.default_rng(5).permutation(len(body))
    return write([*rows[:top], *(body[i] for i in order)], delimiter, sep).encode("utf-8")


def padded(data: bytes) -> bytes:
    """Past the fast-path threshold with empty lines at the end (no rows, no figures)."""
    need = max(0, FAST_PATH_BYTES + 1000 - len(data))
    sep, text, delimiter = text_of(data)
    return ((sep or "") + text.rstrip("\r\n") + "\r\n" + "\r\n" * (need // 2 + 1)).encode()


def as_xlsx(data: bytes) -> bytes:
    sep, text, delimiter = text_of(data)
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in records(text, delimiter):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


VARIANTS = {
    "utf-8": re_encode("utf-8"),
    "utf-8 BOM": re_encode("utf-8-sig"),
    "utf-16 LE BOM": re_encode("utf-16"),
    "cp1252": re_encode("cp1252"),
    "CRLF": line_ends("\r\n"),
    "LF": line_ends("\n"),
    "shuffled": shuffled,
    "padded past 64 kB": padded,
    "XLSX": as_xlsx,
}


# Padding past 64 kB and saving as XLSX are the costly variants: the fast loop leaves them out.
SLOW_VARIANTS = {"padded past 64 kB", "XLSX"}


def variant_cases() -> list:
    """Each source with each variant that changes its bytes.

    A file already saved a variant's way (UTF-8 re-encoded as UTF-8, CRLF lines given CRLF)
    would only compare its figures with themselves: 43 of the 196 fast cases did. The costly
    variants always change the bytes (padding adds a kilobyte, XLSX is a zip) and are not run
    here to find out.
    """
    cases = []
    for name, data, reference in SOURCES:
        for variant, change in VARIANTS.items():
            slow = variant in SLOW_VARIANTS
            if not slow and change(data) == data:
                continue
            cases.append(
                pytest.param(
                    name,
                    data,
                    reference,
                    variant,
                    marks=[pytest.mark.slow] if slow else [],
                    id=f"{name[:40]}-{variant}",
                )
            )
    return cases


@pytest.mark.parametrize(("name", "data", "reference", "variant"), variant_cases())
def test_the_same_export_saved_another_way_gives_the_same_figures(name, data, reference, variant):
    if variant == "shuffled" and len(import_file(name, data, reference=reference)) > 1:
        pytest.skip("stacked series: each row belongs to the series above it")
    changed = VARIANTS[variant](data)
    if changed is None:
        pytest.skip(f"{variant} cannot hold this file's characters")
    assert changed != data
    suffix = ".xlsx" if variant == "XLSX" else Path(name).suffix
    assert figures(Path(name).stem + suffix, changed, reference) == figures(name, data, reference)


@functools.cache
def account_figures(files: tuple[tuple[str, bytes], ...], reference: dt.date) -> list[dict]:
    datasets = [d for name, data in files for d in import_file(name, data, reference=reference)]
    keep = ("account", "rate", "cards", "slots", "weekly", "rules")
    return [{k: a[k] for k in keep} for a in analyze(datasets, Options()).to_json()["accounts"]]


@pytest.mark.parametrize(("name", "data", "reference"), SOURCES, ids=[s[0][:40] for s in SOURCES])
def test_two_overlapping_downloads_uploaded_together_give_the_figures_of_one(name, data, reference):
    if len(import_file(name, data, reference=reference)) > 1:
        pytest.skip("stacked series: each row belongs to the series above it")
    sep, text, delimiter = text_of(data)
    rows = records(text, delimiter)
    top = header_rows(rows)
    body = rows[top:]
    if len(body) < 2:
        pytest.skip("one row cannot overlap")
    # Platforms cap a download (X at 91 days, Meta at 90): two files that share their middle.
    cut = max(1, len(body) * 2 // 3)
    first = write(rows[:top] + body[:cut], delimiter, sep).encode("utf-8")
    second = write(rows[:top] + body[len(body) - cut :], delimiter, sep).encode("utf-8")
    stem, suffix = Path(name).stem, Path(name).suffix
    together = account_figures(((f"{stem}{suffix}", first), (f"{stem}{suffix}", second)), reference)
    assert together == account_figures(((name, data),), reference)


def test_the_same_file_twice_counts_once():
    name, data, reference = SOURCES[0]
    twice = account_figures(((name, data), (name, data)), reference)
    assert twice == account_figures(((name, data),), reference)
