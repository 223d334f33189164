"""Characters no output can hold (ESC, VT, U+0001, U+FFFF...) are removed where text enters.

One of them in a Meta page name used to abort the whole server when the PDF's charts were
drawn (vl-convert panics on characters XML forbids). Every place an upload or a person puts
text in is fed each such character, and the PDF is drawn in this process: an abort fails the run.
"""

from __future__ import annotations

import datetime as dt

import pytest

from strategy.analytics import Options, analyze
from strategy.core.library import library
from strategy.core.model import Strategy
from strategy.core.textclean import FORBIDDEN
from strategy.importers import import_file
from strategy.report import build_document, to_pdf

BAD = ["\x1b", "\x0b", "\x01", "\x7f", "\x85", "\ufffe", "\uffff", "\U0010ffff", "\ufdd0"]


def meta_posts(csv_text, page: str, title: str) -> bytes:
    rows = [
        [title],
        [
            "Post ID",
            "Page ID",
            "Page name",
            "Title",
            "Publish time",
            "Permalink",
            "Views",
            "Reach",
            "Reactions, Comments and Shares",
            "Reactions",
            "Comments",
            "Shares",
        ],
    ]
    for i in range(12):
        rows.append(
            [
                str(i),
                "9",
                page,
                f"Post {i}",
                f"04/{i + 1:02d}/2025 10:00",
                f"https://facebook.com/{i}",
                "100",
                "80",
                "7",
                "5",
                "1",
                "1",
            ]
        )
    return csv_text(rows).encode("utf-8")


@pytest.mark.parametrize("bad", BAD, ids=[f"U+{ord(c):04X}" for c in BAD])
def test_an_upload_with_a_forbidden_character_is_cleaned_and_its_pdf_draws(bad, exports):
    data = meta_posts(exports.csv_text, f"Kafé{bad}Nord", f"Posts{bad}")
    datasets = import_file(f"posts{bad}.csv", data)
    ds = datasets[0]
    for text in (ds.account, ds.source, ds.sheet or "", *ds.notes):
        assert not FORBIDDEN.search(text), repr(text)
    assert ds.account == "KaféNord"
    account = analyze(datasets, Options()).accounts[0]
    assert not FORBIDDEN.search(account.summary())
    strategy = Strategy(created=dt.date(2026, 1, 1))
    pdf = to_pdf(build_document(strategy, library("en"), datasets))  # aborted the process before
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("bad", BAD, ids=[f"U+{ord(c):04X}" for c in BAD])
def test_typed_text_loses_forbidden_characters_and_keeps_its_lines(bad):
    s = Strategy.model_validate(
        {"profile": {"name": f"Ada{bad}Berg"}, "why": {"statement": f"We help{bad}\npeople\tgrow."}}
    )
    assert s.profile.name == "AdaBerg"
    assert s.why.statement == "We help\npeople\tgrow."
