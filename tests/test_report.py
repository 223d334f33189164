"""The strategy PDF and Markdown: every section, the user's words in any script, hostile text."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from strategy.cli import main
from strategy.core.i18n import using
from strategy.core.library import load_library
from strategy.core.model import Strategy
from strategy.core.storage import dumps
from strategy.demo.datasets import demo_datasets
from strategy.demo.personas import load_persona
from strategy.report import build_document, to_markdown, to_pdf
from strategy.report.blocks import Heading, Image
from strategy.report.fonts import PLACEHOLDER, emoji_font, printable
from strategy.steps.guidelines import sync_cards

LIB = load_library()
GOLDEN = Path(__file__).parent / "data" / "golden"
TODAY = dt.date(2026, 11, 22)
SECTIONS = [
    "1. Why",
    "2. Audit",
    "3. Channels",
    "4. Guidelines per channel",
    "5. Plan",
    "6. Measuring what matters",
    "Contents",
]
WORDS = {
    "swedish": "Vi vill nå fler sökande i Örebro och Malmö",
    "greek": "Γειά σου κόσμε",
    "german": "Größe und Übermut",
}


@pytest.fixture(scope="session")
def report_strategy(planned_strategy) -> Callable[[], Strategy]:
    """Make the planned strategy with words in three scripts and a card field the user typed."""

    def make() -> Strategy:
        s = planned_strategy()
        s.why.statement = " ".join(WORDS.values())
        s.audit.reflection = "Konferenser på LinkedIn gav mest 🎉"
        s.guidelines.cards = sync_cards(s, LIB)
        s.guidelines.cards[0].tone = "Varm, rak och personlig"
        s.guidelines.cards[0].edited = ["tone"]  # as the page marks a field the user typed in
        return s

    return make


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def full_pdf(report_strategy) -> bytes:
    return to_pdf(build_document(report_strategy(), LIB, demo_datasets(), today=TODAY))


def test_the_pdf_has_every_section_and_the_users_words(full_pdf):
    assert full_pdf.startswith(b"%PDF")
    text = pdf_text(full_pdf)
    for section in SECTIONS:
        assert section in text
    for words in WORDS.values():
        assert words in text
    assert "Varm, rak och personlig" in text
    assert "Close this account: MySpace @nw" in text
    assert "Review this strategy on 22 May 2027" in text
    assert "Does this build or strengthen a relationship" in text


def test_the_pdf_has_an_outline_page_numbers_charts_and_no_personal_metadata(full_pdf, exports):
    reader = PdfReader(io.BytesIO(full_pdf))
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:2] == ["1. Why", "2. Audit"]
    assert "page 3 of" in reader.pages[2].extract_text()
    # Rates per account, against followers, weekly growth for each of the three demo accounts
    # (their exports share no time axis), best time, rules: tagged figures with their names.
    figures = exports.pdf_figures(reader)
    assert len(figures) == 7
    assert figures[0].startswith("Engagement rate per account (made-up demo data). ")
    assert figures[-1].startswith("Folk rules tested (made-up demo data). ")
    # Drawn as vectors: no pixels, and the charts' own words are text in the PDF.
    assert sum(len(p.images) for p in reader.pages) == 0
    assert "Folk rules tested on your posts" in pdf_text(full_pdf)
    meta = reader.metadata
    assert meta.title == "Social media strategy"
    assert "Northwind" not in str(dict(meta))


def test_empty_strategy_renders_with_not_filled_in_markers():
    text = pdf_text(to_pdf(build_document(Strategy(), LIB, today=TODAY)))
    assert text.count("Not filled in yet.") >= 4
    assert "No analytics exports were included" in text


@pytest.mark.skipif(emoji_font() is None, reason="no emoji font installed (fonts-noto-color-emoji)")
def test_emoji_are_kept_when_an_emoji_font_is_installed():
    assert printable("Fest 🎉") == "Fest 🎉"


def test_characters_no_font_has_become_a_visible_placeholder():
    assert printable("日本") == PLACEHOLDER * 2
    assert printable("a\x00b\x1bc") == "abc"
    assert printable("tab\there") == "tab    here"


HOSTILE = [
    "**bold**",
    "__under__",
    "<b>bold</b>",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[link](javascript:alert(1))",
    "javascript:alert(1)",
    "--",
    "$x^2$",
    "$$\\int$$",
    "\\(x\\)",
    "# heading",
    "1. list",
    "- bullet",
    "> quote",
    "| a | b |",
    "`code`",
    "~~strike~~",
    "&amp; &lt;",
    "%PDF-1.4",
    "\x00\x01\x02",
    "\u202eevil",
    "\ud7ff\ue000",
    "A" * 5000,
    "word " * 400,
    "\n" * 50,
    "🏳️‍🌈👨‍👩‍👧",
    "日本語テキスト",
    "{nb}",
    "()\\)\\(",
]


# Each case makes a PDF (about 0.5 s): the fast loop keeps the first five, make test runs all.
@pytest.mark.parametrize(
    "text",
    [t if i < 5 else pytest.param(t, marks=pytest.mark.slow) for i, t in enumerate(HOSTILE)],
    ids=range(len(HOSTILE)),
)
def test_hostile_text_never_breaks_the_pdf_or_the_markdown(text):
    s = Strategy()
    s.profile.name = text[:200]
    s.why.statement = text
    s.audit.reflection = text
    s.analytics.notes = text
    doc = build_document(s, LIB, today=TODAY)
    data = to_pdf(doc)
    assert data.startswith(b"%PDF")
    PdfReader(io.BytesIO(data)).pages[0].extract_text()
    md = to_markdown(doc)
    assert "<b>" not in md and "<img" not in md and "<script" not in md
    assert "[link](javascript" not in md  # brackets are escaped, so never a link


@pytest.mark.parametrize("text", ["**bold**", "<b>x</b>", "--", "1. not a list"])
def test_markup_prints_literally_in_the_pdf(text):
    s = Strategy()
    s.why.statement = f"Start {text} end"
    assert f"Start {text} end" in pdf_text(to_pdf(build_document(s, LIB, today=TODAY)))


def test_markdown_has_the_same_sections(report_strategy):
    md = to_markdown(build_document(report_strategy(), LIB, today=TODAY, charts=False))
    for section in ["## 1\\. Why", "## 5\\. Plan", "### House rules for every channel"]:
        assert section in md
    assert WORDS["swedish"] in md


def test_cli_pdf_and_markdown(tmp_path, report_strategy):
    src = tmp_path / "s.json"
    src.write_bytes(dumps(report_strategy()))
    assert main(["pdf", str(src), "-o", str(tmp_path / "out.pdf")]) == 0
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert main(["markdown", str(src), "-o", str(tmp_path / "out.md")]) == 0
    assert "# Social media strategy" in (tmp_path / "out.md").read_text("utf-8")


def test_cli_pdf_refuses_a_bad_export_with_one_line(tmp_path, capsys):
    src = tmp_path / "s.json"
    src.write_bytes(dumps(Strategy()))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    with pytest.raises(SystemExit) as info:
        main(["pdf", str(src), "--data", str(bad), "-o", str(tmp_path / "o.pdf")])
    assert info.value.code == 2
    assert "bad.csv: the file is empty" in capsys.readouterr().err


SWEDISH_SECTIONS = [
    "1. Varför",
    "2. Genomgång",
    "3. Kanaler",
    "4. Riktlinjer per kanal",
    "5. Plan",
    "6. Att mäta det som spelar roll",
    "Innehåll",
]


@pytest.fixture(scope="module")
def swedish_pdf() -> bytes:
    s = load_persona("hr_team", "sv", today=dt.date(2026, 11, 1))  # the file's own day
    return to_pdf(build_document(s, load_library(language="sv"), demo_datasets(), today=TODAY))


def test_a_swedish_strategy_gives_a_swedish_pdf(swedish_pdf):
    reader = PdfReader(io.BytesIO(swedish_pdf))
    text = pdf_text(swedish_pdf)
    for section in SWEDISH_SECTIONS:
        assert section in text
    assert "Följ upp strategin den 1 maj 2027." in text
    assert "Bygger eller stärker det här en relation på ett värdefullt sätt?" in text
    assert "Engagemang mot antal följare" in text  # the charts are vectors: their words are text
    assert "sida 3 av" in reader.pages[2].extract_text()
    assert reader.metadata.title == "Strategi för sociala medier"
    for english in ["Contents", "Not filled in yet", "Review this strategy", "page 3 of"]:
        assert english not in text


def test_the_report_language_follows_the_strategy_not_the_caller():
    """The CLI or a download callback has no session: the strategy's own language decides."""
    s = load_persona("career_changer", "sv")
    with using("en"):
        md = to_markdown(build_document(s, load_library(language="sv"), today=TODAY, charts=False))
    assert "## 1\\. Varför" in md and "## 1\\. Why" not in md


def test_swedish_markdown_matches_the_golden_file():
    s = load_persona("hr_team", "sv", today=dt.date(2026, 11, 1))  # the golden file's dates
    md = to_markdown(build_document(s, load_library(language="sv"), today=TODAY, charts=False))
    golden = GOLDEN / "hr_team_sv.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(md, "utf-8")
    assert md == golden.read_text("utf-8")


@pytest.mark.slow
@settings(max_examples=50, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab cdé W\n-😀🇸🇪")), min_size=401, max_size=900),
    st.sampled_from([20.0, 60.0, 174.0]),
)
def test_long_text_is_wrapped_within_its_column_keeping_every_word(text, width):
    from strategy.report.pdf import _setup, _wrap

    pdf = _setup("en", "Social media strategy")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10.5)
    lines = _wrap(pdf, text, width)
    assert lines is not None
    assert all(pdf.get_string_width(line) <= width + 0.01 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost or added
    assert len(lines) >= text.count("\n") + 1  # every line break kept


def _with_own_rule(report_strategy, language="en") -> Strategy:
    from strategy.core.model import OwnRule, RuleCondition

    s = report_strategy()
    s.profile.language = language
    s.analytics.own_rules = [
        OwnRule(
            name="Morning posts without hashtags",
            conditions=[
                RuleCondition(kind="hours", start_hour=6, end_hour=12),
                RuleCondition(kind="contains", words="#hr", negate=True),
            ],
        )
    ]
    return s


def test_an_own_rule_is_printed_with_what_it_showed_on_each_account(report_strategy):
    s = _with_own_rule(report_strategy)
    md = to_markdown(build_document(s, LIB, demo_datasets(), today=TODAY, charts=False))
    assert "Rules of your own" in md and "Morning posts without hashtags" in md
    assert "linkedin · Northwind HR\\: " in md and "linkedin · Alex Berg\\: " in md
    pdf = pdf_text(to_pdf(build_document(s, LIB, demo_datasets(), today=TODAY, charts=False)))
    text = " ".join(pdf.split())  # the table wraps its cells
    assert "Morning posts without hashtags" in text and "Northwind HR:" in text
    assert "published 06:00–12:00 and not containing “#hr”" in text
    alone = to_markdown(build_document(s, LIB, today=TODAY, charts=False))
    assert "Not tested\\: no exports were included in this report" in alone


def test_an_own_rule_is_printed_in_swedish(report_strategy):
    s = _with_own_rule(report_strategy, "sv")
    lib = load_library(language="sv")
    md = to_markdown(build_document(s, lib, demo_datasets(), today=TODAY, charts=False))
    assert "Egna tumregler" in md and "publicerade 06\\:00–12\\:00 och som inte innehåller" in md


def test_a_trainers_wording_for_an_accounts_use_reaches_the_report(tmp_path):
    from strategy.core.model import Account

    folder = tmp_path / "en"
    folder.mkdir()
    audit = (Path(__file__).parent.parent / "strategy/content/en/audit.toml").read_text("utf-8")
    ours = audit.replace('title = "Use often"', 'title = "Our daily channel"')
    (folder / "audit.toml").write_text(ours, "utf-8")
    lib = load_library(tmp_path)
    s = Strategy()
    s.audit.accounts = [Account(network="LinkedIn", usage="often")]
    md = to_markdown(build_document(s, lib, today=TODAY, charts=False))
    assert "Our daily channel" in md and "Use often" not in md


def flat_outline(reader: PdfReader) -> list:
    """Every bookmark, sections and subsections, in order."""
    out = []
    for item in reader.outline:
        out += flat_outline_items(item)
    return out


def flat_outline_items(item) -> list:
    if isinstance(item, list):
        return [x for sub in item for x in flat_outline_items(sub)]
    return [item]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_pdf_says_its_language_and_title_bookmarks_every_heading_and_describes_each_chart(
    lang, report_strategy, full_pdf, swedish_pdf, exports
):
    """What a screen reader or a reader's sidebar needs: see "Accessibility of the PDF"."""
    if lang == "en":
        s, data, lib = report_strategy(), full_pdf, LIB
    else:
        s, data = load_persona("hr_team", "sv", today=dt.date(2026, 11, 1)), swedish_pdf
        lib = load_library(language="sv")
    doc = build_document(s, lib, demo_datasets(), today=TODAY)
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == lang
    assert reader.metadata.title == doc.title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # not the file name
    # A bookmark for every heading, at its level, on the page that holds it.
    headings = [b for b in doc.blocks if isinstance(b, Heading)]
    marks = flat_outline(reader)
    assert [m.title for m in marks] == [" ".join(h.text.split()) for h in headings]
    pages = [reader.get_destination_page_number(m) for m in marks]
    assert pages == sorted(pages)
    # Reading order follows the layout: the headings come in the text in the outline's order.
    text = " ".join(pdf_text(data).split())
    at = 0
    for m, page in zip(marks, pages, strict=True):
        assert m.title in " ".join(reader.pages[page].extract_text().split()), m.title
        at = text.index(m.title, at)
    # Each chart is a tagged figure whose alternative text is its name and its takeaway.
    images = [b for b in doc.blocks if isinstance(b, Image)]
    alts = exports.pdf_figures(reader)
    assert alts == [printable(b.alt) for b in images]
    sample = {"en": ("posts", "weeks"), "sv": ("inlägg", "veckor")}[lang]
    for alt, block in zip(alts, images, strict=True):
        assert alt.startswith(block.name + ". ") and len(alt) > len(block.name) + 40
        assert any(word in alt for word in sample), alt
    first = {
        "en": "Engagement rate per account (made-up demo data). 3 accounts, median interactions "
        "per follower, per post: highest for linkedin · Alex Berg (5.83% over 78 posts)",
        "sv": "Engagemangsgrad per konto (påhittade demodata). 3 konton, median interaktioner "
        "per följare, per inlägg: högst för linkedin · Alex Berg (5,83\u00a0% över 78 inlägg)",
    }
    assert alts[0].startswith(first[lang])
