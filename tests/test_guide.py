"""The facilitator's guide: an agenda with clock times and the room's questions, as its own PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from strategy.cli import main
from strategy.core.i18n import using
from strategy.core.library import load_library
from strategy.report import to_markdown, to_pdf
from strategy.report.guide import agenda, facilitator_guide
from strategy.steps.progress import STEPS

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("start", [dt.time(9, 0), dt.time(13, 30), dt.time(23, 0)], ids=str)
def test_the_agenda_runs_step_after_step_from_the_start_time(start):
    lib = load_library(language="en")
    rows = agenda(lib, start)
    assert [title for _t, title, _i, _m in rows] == [lib.step(s).title for s in STEPS]
    assert rows[0][0].startswith(f"{start:%H:%M}–")
    for (when, *_rest), (following, *_more) in zip(rows, rows[1:], strict=False):
        assert when.split("–")[1] == following.split("–")[0]
    minutes = sum(lib.step(s).minutes for s in STEPS)
    end = dt.datetime.combine(TODAY, start) + dt.timedelta(minutes=minutes)
    assert rows[-1][0].endswith(f"–{end:%H:%M}")


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_guide_holds_every_steps_question_and_answers_in_its_language(lang):
    lib = load_library(language=lang)
    with using(lang):
        doc = facilitator_guide(lib, TODAY)
        pdf = to_pdf(doc)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    for step in STEPS:
        assert " ".join(lib.step(step).ask.split()) in flat
    total = sum(lib.step(s).minutes for s in STEPS)
    assert f"{total}" in flat
    assert PdfReader(io.BytesIO(pdf)).metadata.title == doc.title
    if lang == "sv":
        assert "Handledarguide" in flat and "sida 3 av" in flat and "Agenda" not in flat
    else:
        assert "Facilitator guide · page 3 of" in flat


def test_the_cli_writes_the_guide_as_markdown_or_pdf(tmp_path, capsys):
    assert main(["guide", "-o", str(tmp_path / "g.md"), "--lang", "sv", "--start", "13:30"]) == 0
    md = (tmp_path / "g.md").read_text("utf-8")
    assert md.startswith("# Handledarguide") and "13\\:30–13\\:35" in md
    assert main(["guide", "-o", str(tmp_path / "g.pdf")]) == 0
    assert (tmp_path / "g.pdf").read_bytes().startswith(b"%PDF")
    assert main(["guide", "-o", str(tmp_path / "x.pdf"), "--start", "nine"]) == 2
    assert "09:00" in capsys.readouterr().err


def test_the_guide_is_offered_in_workshop_mode_only(app):
    assert "Facilitator guide (PDF)" not in [b.proto.label for b in app.get("download_button")]
    app.query_params["mode"] = "workshop"
    app.run()
    assert not app.exception
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Facilitator guide (PDF)" in labels


def test_markdown_of_the_guide_has_the_agenda_table():
    with using("en"):
        md = to_markdown(facilitator_guide(load_library(language="en"), TODAY))
    assert "| Time | Step | What the room does | Minutes |" in md
