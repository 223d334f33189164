"""Translations: the catalogue matches the code, Swedish content matches English, formats."""

from __future__ import annotations

import ast
import datetime as dt
import string
import sys
import tomllib
from pathlib import Path

import pytest

from strategy.analytics import charts
from strategy.core import i18n
from strategy.core.i18n import _, ngettext, using
from strategy.core.library import DEFAULT_ROOT, FILES, load_library
from strategy.demo.personas import load_persona, personas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import messages  # noqa: E402

KEYWORDS = {"_", "N_", "ngettext"}
# Fields the app's logic reads: they must be the same in every language.
LOGIC_KEYS = {
    "id",
    "kind",
    "channels",
    "content_types",
    "audiences",
    "suits",
    "not_suits",
    "scope",
    "max_chars",
    "max_hashtags",
    "minutes",
    "review_months",
    "file",
    "accounts",
}


def key(message) -> str | tuple:
    return tuple(message.id) if isinstance(message.id, list | tuple) else message.id


@pytest.fixture(scope="module")
def extracted():
    return {key(m): m for m in messages.extract() if m.id}


@pytest.fixture(scope="module")
def swedish():
    return {key(m): m for m in messages.read("sv") if m.id}


def code_messages() -> dict[str | tuple, str]:
    """Every message the code passes to a translation function, found by walking the syntax tree."""
    found, problems = {}, []
    for folder in messages.SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS
                ):
                    continue
                count = 2 if node.func.id == "ngettext" else 1
                args = node.args[:count]
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                # A name (a constant marked with N_) is fine; text built at run time is not.
                if any(isinstance(a, ast.JoinedStr | ast.BinOp | ast.Call) for a in args):
                    problems.append(where)
                if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    continue
                values = tuple(a.value for a in args)
                found[values[0] if count == 1 else values] = where
    assert not problems, f"translation calls need literal strings (not f-strings): {problems}"
    return found


def test_every_message_in_the_code_reaches_the_catalogue(extracted):
    """A `_()` inside an f-string is invisible to extraction: it would stay English."""
    missed = {m: where for m, where in code_messages().items() if m not in extracted}
    assert not missed, f"messages the extractor does not see: {missed}"


def test_every_message_has_a_swedish_translation(extracted, swedish):
    missing = [m for m in extracted if m not in swedish or not swedish[m].string]
    missing += [
        m for m in extracted if m in swedish and isinstance(m, tuple) and not all(swedish[m].string)
    ]
    fuzzy = [m for m in extracted if m in swedish and swedish[m].fuzzy]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"marked fuzzy: {fuzzy}"


def test_the_catalogue_holds_no_message_the_code_no_longer_uses(extracted, swedish):
    stale = [m for m in swedish if m not in extracted]
    assert not stale, f"no longer in the code (run python tools/messages.py): {stale}"


def placeholders(text: str) -> set[str]:
    return {f"{name}:{spec}" for _lit, name, spec, _conv in string.Formatter().parse(text) if name}


def test_translations_keep_every_placeholder(swedish):
    wrong = []
    for m in swedish.values():
        ids = m.id if isinstance(m.id, list | tuple) else [m.id]
        strings = m.string if isinstance(m.string, list | tuple) else [m.string]
        expected = set().union(*(placeholders(i) for i in ids))
        wrong += [(m.id, s) for s in strings if placeholders(s) != expected]
    assert not wrong


def test_the_checker_reports_a_missing_translation(tmp_path, monkeypatch, capsys):
    """tools/messages.py --check fails when the code has a message the catalogue lacks."""
    catalogue = messages.read("sv")
    first = next(m for m in catalogue if m.id)
    catalogue.delete(first.id)
    from babel.messages.pofile import write_po

    (tmp_path / "sv").mkdir()
    with (tmp_path / "sv" / "messages.po").open("wb") as fh:
        write_po(fh, catalogue)
    monkeypatch.setattr(messages, "CONTENT", tmp_path)
    assert messages.main(["--check"]) == 1
    assert "sv: 1 untranslated" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Next", "3 tasks from this audit (they go to your plan)"]),
        ("sv", ["Nästa", "3 uppgifter från genomgången (de hamnar i din plan)"]),
    ],
)
def test_messages_follow_the_language_in_force(lang, expected):
    with using(lang):
        plural = ngettext(
            "{n} task from this audit (it goes to your plan)",
            "{n} tasks from this audit (they go to your plan)",
            3,
        )
        assert [_("Next"), plural.format(n=3)] == expected
    assert _("Next") == "Next"  # outside the block: English again


def test_an_unknown_language_falls_back_to_english():
    with using("xx"):
        assert i18n.language() == "en"
        assert _("Next") == "Next"


@pytest.mark.parametrize(
    ("lang", "day", "medium", "month", "big", "share", "change"),
    [
        ("en", "5 March 2027", "5 Mar 2027", "March 2027", "12,346", "4.2%", "+12%"),
        ("sv", "5 mars 2027", "5 mars 2027", "Mars 2027", "12\xa0346", "4,2\xa0%", "+12\xa0%"),
    ],
)
def test_dates_and_numbers_are_written_the_languages_way(
    lang, day, medium, month, big, share, change
):
    d = dt.date(2027, 3, 5)
    with using(lang):
        assert [i18n.date(d), i18n.date(d, "medium"), i18n.date(d, "month")] == [day, medium, month]
        assert i18n.number(12345.6) == big
        assert i18n.percent(0.0423) == share
        assert i18n.percent(0.12, 0, signed=True) == change


def test_swedish_charts_carry_swedish_number_and_date_formats():
    import pandas as pd

    cells = pd.DataFrame(
        {
            "weekday": [0],
            "day": ["Mån"],
            "hour": [9.0],
            "median_rate": [0.02],
            "posts": [4],
            "rated": [4],
            "enough": [True],
        }
    )
    with using("sv"):
        spec = charts.best_time(cells, "interaktioner per visning", "tider i UTC").to_dict()
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["layer"][0]["encoding"]["y"]["sort"][0] == "Mån"
    assert spec["title"]["text"] == "När dina inlägg gick bäst"
    english = charts.best_time(cells.assign(day="Mon"), "x", "y").to_dict()
    assert "locale" not in english.get("config", {})


def read_toml(lang: str, name: str) -> dict:
    with (DEFAULT_ROOT / lang / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def compare(en, sv, where: str, problems: list[str]) -> None:
    """Same structure, same logic fields, and every text translated (not left in English)."""
    if isinstance(en, dict):
        if set(en) != set(sv):
            problems.append(f"{where}: keys {sorted(set(en) ^ set(sv))}")
        for k in set(en) & set(sv):
            if k in LOGIC_KEYS and en[k] != sv[k]:
                problems.append(f"{where}.{k}: {sv[k]!r} differs from English {en[k]!r}")
            elif k not in LOGIC_KEYS:
                compare(en[k], sv[k], f"{where}.{k}", problems)
    elif isinstance(en, list) and en and isinstance(en[0], dict):
        if len(en) != len(sv):
            problems.append(f"{where}: {len(sv)} items, English has {len(en)}")
        for i, (a, b) in enumerate(zip(en, sv, strict=False)):
            compare(a, b, f"{where}[{a.get('id', i)}]", problems)
    elif isinstance(en, str):
        if not (isinstance(sv, str) and sv.strip()):
            problems.append(f"{where}: empty")
        elif len(en) > 25 and en == sv:
            problems.append(f"{where}: still in English")
    elif isinstance(en, list) and not isinstance(sv, list):
        problems.append(f"{where}: not a list")


@pytest.mark.parametrize("name", [*FILES, "personas"])
def test_swedish_content_matches_the_english_item_for_item(name):
    problems: list[str] = []
    compare(read_toml("en", name), read_toml("sv", name), name, problems)
    assert not problems


def test_swedish_content_loads_and_validates():
    lib = load_library(language="sv")
    assert lib.step("why").title == "Varför"
    assert lib.goal("new_job").statement == "få ett nytt jobb"


@pytest.mark.parametrize("persona", [p.id for p in personas("en")])
def test_each_demo_persona_has_a_swedish_twin(persona):
    en, sv = load_persona(persona, "en"), load_persona(persona, "sv")
    assert sv.profile.language == "sv" and en.profile.language == "en"
    assert sv.why.goals == en.why.goals
    assert [c.channel for c in sv.channels.chosen] == [c.channel for c in en.channels.chosen]
    assert [a.source for a in sv.plan.actions] == [a.source for a in en.plan.actions]

    def words(s):
        return {
            s.why.statement,
            *(c.job for c in s.guidelines.cards),
            *(a.what for a in s.plan.actions),
            *(r.what for r in s.plan.recurring),
        }

    assert not words(en) & words(sv), "a demo text was left in English"


@pytest.mark.parametrize(
    ("data", "english", "swedish"),
    [
        (b"", "x.csv: the file is empty", "x.csv: filen är tom"),
        (b"%PDF-1.7", "x.csv: this is a PDF document", "x.csv: det här är ett PDF-dokument"),
        (b"a|b\n1|2\n", "separated by “|”", "åtskilda med ”|”"),
    ],
)
def test_an_upload_is_refused_in_the_language_in_force(data, english, swedish):
    from strategy.importers import ImportFailure, import_file

    for lang, expected in (("en", english), ("sv", swedish)):
        with using(lang), pytest.raises(ImportFailure) as info:
            import_file("x.csv", data)
        assert expected in str(info.value)


def test_a_refused_strategy_file_is_explained_in_swedish():
    from strategy.core.model import Strategy
    from strategy.core.storage import StrategyFileError, dumps, loads

    with using("sv"), pytest.raises(StrategyFileError) as info:
        loads(b'{"schema_version": 1, "why": {', name="min.json")
    assert "min.json är ingen giltig JSON" in str(info.value)
    assert "avbröts nedladdningen?" in str(info.value)
    long_name = dumps(Strategy()).replace(b'"name": ""', b'"name": "' + b"x" * 300 + b'"')
    with using("sv"), pytest.raises(StrategyFileError) as info:
        loads(long_name)
    assert "profile.name: får ha högst 200 tecken" in str(info.value)
    with pytest.raises(StrategyFileError) as info:
        loads(long_name)
    assert "String should have at most 200 characters" in str(info.value)
