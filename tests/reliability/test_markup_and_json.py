"""Markup in every text field shows literally; hostile strategy files get a field-named message."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pypdf import PdfReader

from strategy.core.library import load_library
from strategy.core.markup import escape
from strategy.core.model import (
    SCHEMA_VERSION,
    Account,
    ChannelChoice,
    Contact,
    PlanAction,
    RecurringItem,
    Strategy,
)
from strategy.core.storage import StrategyFileError, dumps, loads
from strategy.report import build_document, to_pdf
from strategy.steps.guidelines import sync_cards
from ui.state import SESSION_KEY

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=https://evil.example/p.png>",
    "![pixel](https://evil.example/p.png)",
    "[click](javascript:alert(1))",
    "javascript:alert(1)",
    "<a href='https://evil.example'>x</a>",
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)>",
    "<style>body{display:none}</style>",
    "$x^2$",
    "$$\\frac{1}{0}$$",
    "**bold**",
    "__under__",
    "# Heading",
    "> quote",
    "- item",
    "1. first",
    "`code`",
    "~~strike~~",
    ":red[colour]",
    ":material/home:",
    "&lt;b&gt;",
    "<b>bold</b>",
    "{{7*7}}",
]
assert len(PAYLOADS) >= 25
LIB = load_library()


def hostile_strategy(payload: str) -> Strategy:
    s = Strategy()
    s.profile.name = payload
    s.why.goals = ["new_job"]
    s.why.statement = payload
    s.audit.accounts = [Account(network=payload, handle=payload, owner=payload)]
    s.audit.reflection = payload
    s.channels.chosen = [ChannelChoice(channel="linkedin")]
    s.guidelines.cards = sync_cards(s, LIB)
    card = s.guidelines.cards[0]
    for field in (
        "job",
        "audience",
        "share",
        "avoid",
        "tone",
        "call_to_action",
        "cadence",
        "engage",
    ):
        setattr(card, field, payload)
    s.plan.actions = [
        PlanAction(
            what=payload, channel=payload, owner=payload, due=dt.date.today() + dt.timedelta(days=3)
        )
    ]
    s.plan.recurring = [RecurringItem(what=payload, channel=payload, rhythm="monthly")]
    s.plan.roster = [Contact(who=payload, channel=payload, first_step=payload)]
    s.analytics.notes = payload
    return s


def rendered_texts(at) -> list[str]:
    """Every string Streamlit will render as Markdown on the page."""
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "title", "subheader")
    return [e.value for kind in kinds for e in at.get(kind)]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_markup_in_every_field_is_escaped_on_every_page(payload, make_app):
    at = make_app()
    at.run()
    at.session_state[SESSION_KEY].strategy = hostile_strategy(payload)
    for page in (
        "start",
        "why",
        "audit",
        "channels",
        "guidelines",
        "plan",
        "analytics",
        "export",
        "canvas",
    ):
        at.switch_page(f"pages/wizard/{page}.py").run()
        assert not at.exception, (page, at.exception)
        for text in rendered_texts(at):
            # Raw payloads with markup characters must never reach the Markdown renderer.
            if any(ch in payload for ch in "<>[]*_`$#~:|"):
                assert payload not in text.replace(escape(payload), ""), (page, text)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_markup_prints_literally_in_the_pdf(payload):
    data = to_pdf(build_document(hostile_strategy(payload), LIB))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert payload in text.replace("\n", " ") or payload.strip() in text


HOSTILE_JSON = [
    (b'{"schema_version": 1, "unknown": 1}', "unknown: unknown field"),
    (b'{"schema_version": 1, "profile": {"kind": 7}}', "profile.kind"),
    (b'{"schema_version": 1, "profile": {"nickname": "x"}}', "profile.nickname"),
    (b'{"schema_version": 1, "why": {"goals": "new_job"}}', "why.goals"),
    (b'{"schema_version": 1, "why": {"goals": [1, 2]}}', "why.goals.0"),
    (
        b'{"schema_version": 1, "audit": {"accounts": [{"usage": "sometimes"}]}}',
        "audit.accounts.0.usage",
    ),
    (b'{"schema_version": 1, "plan": {"review_date": "next spring"}}', "plan.review_date"),
    (b'{"schema_version": 1, "analytics": {"followers": {"x": NaN}}}', "NaN"),
    (b'{"schema_version": 1, "analytics": {"followers": {"x": Infinity}}}', "Infinity"),
    (b'{"schema_version": 1, "profile": {"name": "' + b"a" * 10_000_000 + b'"}}', "at most 1 MB"),
    (b'{"schema_version": 1, "why": {"statement": "' + b"b" * 6000 + b'"}}', "why.statement"),
    (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "nested too deeply"),
    (b"\xff\xfe{\x00}\x00", "not UTF-8"),
    # One past the current version, whatever it is now (a literal broke when 3 became current).
    (b'{"schema_version": %d}' % (SCHEMA_VERSION + 1), "newer Social Why"),
    (b'{"schema_version": "one"}', "schema_version"),
    (
        b'{"schema_version": 1, "channels": {"chosen": [{"channel": "Linked In!"}]}}',
        "channels.chosen.0.channel",
    ),
    (b'{"schema_version": 1, "why": {"goals": [' + b'"g",' * 40 + b'"g"]}}', "why.goals"),
    (b'[{"schema_version": 1}]', "not a saved strategy"),
]


@pytest.mark.parametrize(("data", "expected"), HOSTILE_JSON, ids=range(len(HOSTILE_JSON)))
def test_hostile_strategy_files_name_the_field(data, expected):
    with pytest.raises(StrategyFileError) as info:
        loads(data, name="evil.json")
    assert expected in " | ".join(str(p) for p in info.value.problems)


def test_a_hostile_strategy_survives_a_round_trip():
    s = hostile_strategy(PAYLOADS[0])
    assert loads(dumps(s)) == s
    assert json.loads(dumps(s))["why"]["statement"] == PAYLOADS[0]
