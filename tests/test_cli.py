"""The command line: validate (and the subcommands later issues add)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from strategy.cli import main
from strategy.core.model import Profile, Strategy
from strategy.core.storage import dumps


def test_validate_prints_ok_and_exits_zero(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_bytes(dumps(Strategy(profile=Profile(name="Alex"))))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "ok"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"schema_version": 1, "profile": {"kind": "robot"}}', "profile.kind"),
        (b'{"schema_version": 1, "unknown": true}', "unknown: unknown field"),
        (b'{"schema_version": 7}', "schema_version"),
        (b"{", "not valid JSON"),
    ],
)
def test_validate_lists_problems_and_exits_two(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    assert expected in capsys.readouterr().out


def test_validate_a_missing_file_exits_two(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_python_dash_m_strategy_runs(tmp_path):
    path = tmp_path / "s.json"
    path.write_bytes(dumps(Strategy()))
    proc = subprocess.run(
        [sys.executable, "-m", "strategy", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "ok"


def test_inspect_and_analyze_print_strict_json_even_for_infinite_numbers(tmp_path, capsys):
    import json

    from strategy.cli import main

    path = tmp_path / "tweet_activity_metrics_acme_20210401_20210501_en.csv"
    path.write_text(
        "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements\n"
        "1,u,hi,2021-04-01 09:00 +0000,1e999,5\n"
    )
    for command in ("inspect", "analyze"):
        assert main([command, str(path), "--json"]) == 0
        text = capsys.readouterr().out
        assert "Infinity" not in text and "NaN" not in text
        json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
