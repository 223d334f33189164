"""Reading Streamlit agent API snapshots: what a simulated participant can do next.

The agent API (`POST /_stcore/agent/interact`, Streamlit 1.67) drives a real session through
the browser's own rerun and callback path and answers with the finished run as a tree of
elements plus the actions open now. These helpers read that answer; the participants that
send the requests live in `loadtest.locustfile`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

INTERACT = "/_stcore/agent/interact"
PDF_LINK = "data:application/pdf;base64,"
# Pages in the order a participant walks them after the Start page (url paths).
STEPS = ("why", "audit", "channels", "guidelines", "plan", "analytics", "export")
# The workshop room's projector line: "**3 participants** · 5 answers shared".
ROOM_COUNTS = re.compile(r"\*\*(\d+) participants?\*\* · (\d+) answers? shared")


class SnapshotError(AssertionError):
    """The app answered, but not with what a person would have seen."""


def nodes(tree: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every element of a snapshot's tree, depth first."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        todo.extend(reversed(node.get("children", [])))


def actions(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The actions open now, by key."""
    return {a["key"]: a for a in snapshot.get("actions", [])}


def first_text_field(snapshot: dict[str, Any]) -> str | None:
    """The key of the page's first text field a person could type an answer into."""
    for key, action in actions(snapshot).items():
        if action.get("kind") == "value" and action.get("type") in ("text_area", "text_input"):
            return key
    return None


def check(snapshot: dict[str, Any], page: str | None = None) -> None:
    """Raise SnapshotError unless the run finished cleanly (on `page`, when given).

    Raises:
        SnapshotError: The app raised, showed an error, or is on another page.
    """
    if snapshot.get("status") != "ready":
        raise SnapshotError(f"the app raised: {snapshot.get('status')}")
    if page is not None and snapshot.get("page", {}).get("url_path") != page:
        raise SnapshotError(f"on page {snapshot.get('page')!r}, not {page!r}")
    for node in nodes(snapshot.get("tree", {})):
        if node.get("type") in ("exception", "error"):
            body = node.get("props", {}).get("body") or node.get("props", {}).get("message")
            raise SnapshotError(f"the page shows an error: {str(body)[:200]}")


def pdf_bytes_in(body: bytes) -> int:
    """How many base64 characters of PDF the answer carries (0: no PDF link on the page)."""
    start = body.find(PDF_LINK.encode())
    if start < 0:
        return 0
    end = body.find(b'"', start)
    return max(0, end - start - len(PDF_LINK))


def shown_counts(snapshot: dict[str, Any]) -> tuple[int, int]:
    """The participants and answers a room's projector page counts (0, 0 without the line)."""
    for node in nodes(snapshot.get("tree", {})):
        found = ROOM_COUNTS.search(str(node.get("props", {}).get("body", "")))
        if found:
            return int(found.group(1)), int(found.group(2))
    return 0, 0
