"""The protocol-level load driver, the agent API's default, and replicas behind nginx.

The capacity figures themselves come from `python -m loadtest.capacity` (docs/performance.md);
these runs are small, so that they check the machinery: every simulated participant walks the
wizard and gets a PDF with no error, through one server and through two behind nginx.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from loadtest import capacity, room
from loadtest.agent import PDF_LINK, actions, check, first_text_field, pdf_bytes_in
from loadtest.server import serve

ROOT = Path(__file__).resolve().parents[2]


def test_a_small_room_walks_every_step_and_gets_its_pdfs():
    row = capacity.run_once(3, think=0.2, storm=1, bystanders=1, replicas=1, time_limit=240)
    assert row.failures == 0, row.failure_kinds
    assert row.pdfs == 3
    assert row.detail["go to a step"][0] >= 3 * 7  # every participant visited every step
    assert row.detail["type an answer"][0] >= 3
    assert row.server_mb_after > 0 and row.server_cpu_s > 0


def test_a_small_workshop_room_joins_shares_and_the_projector_counts_everyone():
    row = room.run_once(4, join_s=2, think_s=0.2, time_limit=180)
    assert row.failures == 0, row.failure_kinds
    assert (row.shown_participants, row.shown_answers) == (4, 8)
    assert row.join[0] == 4 and row.share[0] == 8 and row.steps[0] == 4 * 3
    assert row.share_to_projector[0] == 8  # every answer shared was timed onto the projector
    assert row.refresh[0] >= 2
    assert "| 4 | 2 s |" in room.markdown(row)


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_two_replicas_behind_nginx_keep_each_session_on_its_replica_and_share_the_room():
    # Without sticky routing, a session's next request reaches the other replica, which
    # answers unknown_session: every participant would fail.
    row = capacity.run_once(6, think=0.2, storm=1, bystanders=0, replicas=2, time_limit=240)
    assert row.failures == 0, row.failure_kinds
    assert row.pdfs == 6
    assert len(row.server_cpu_each) == 2
    assert min(row.server_cpu_each) > 0.5, row.server_cpu_each  # both replicas served


def test_the_agent_api_is_off_unless_an_operator_turns_it_on(tmp_path):
    assert "enableAgentApi" not in (ROOT / ".streamlit" / "config.toml").read_text()
    with serve(tmp_path) as (url, _pid):
        with urllib.request.urlopen(f"{url}/_stcore/agent/openapi.json") as answer:
            document = json.load(answer)
        assert document["info"]["x-streamlit-agent-api"] != "available"
        request = urllib.request.Request(
            f"{url}/_stcore/agent/interact",
            data=b"{}",
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(request)


def test_snapshot_helpers_read_what_a_participant_can_do():
    snapshot = {
        "status": "ready",
        "page": {"url_path": "why"},
        "tree": {"type": "root", "children": [{"type": "markdown", "props": {"body": "hi"}}]},
        "actions": [
            {"key": "go", "kind": "trigger", "type": "button"},
            {"key": "w:why", "kind": "value", "type": "text_area"},
        ],
    }
    assert set(actions(snapshot)) == {"go", "w:why"}
    assert first_text_field(snapshot) == "w:why"
    check(snapshot, "why")
    with pytest.raises(AssertionError):
        check(snapshot, "plan")
    broken = {**snapshot, "tree": {"children": [{"type": "exception", "props": {"message": "x"}}]}}
    with pytest.raises(AssertionError):
        check(broken)
    assert pdf_bytes_in(f'<a href=\\"{PDF_LINK}JVBER\\"'.encode()) > 0
    assert pdf_bytes_in(b"no pdf here") == 0
