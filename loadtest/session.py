"""One simulated person's session, driven through the agent API and timed by Locust."""

from __future__ import annotations

from locust import HttpUser
from locust.exception import StopUser

from loadtest.agent import INTERACT, SnapshotError, check


class AgentSession:
    """One agent API session, its requests recorded by Locust under a step name."""

    def __init__(self, user: HttpUser, session_id: str | None = None) -> None:
        self.user = user
        self.id = session_id  # None: the first interaction creates the session
        self.snapshot: dict = {}

    def interact(self, step: str, **body) -> bytes:
        """Send one interaction; record it as `step`; fail it unless the page came back clean.

        A request that names a page must come back on that page; any other stays where it is.
        """
        page = body.get("page") or self.snapshot.get("page", {}).get("url_path")
        if self.id:
            body["session_id"] = self.id
        # A new connection each time: the server closes an idle keep-alive connection after 5 s,
        # about the think time, and a request sent on it as it closes fails with a reset (a
        # browser would retry; an interaction with a trigger must not be sent twice).
        with self.user.client.post(
            INTERACT, json=body, name=step, catch_response=True, headers={"Connection": "close"}
        ) as r:
            try:
                if r.status_code != 200:
                    why = r.text[:200] if r.status_code else repr(r.error)[:200]
                    raise SnapshotError(f"HTTP {r.status_code}: {why}")
                self.snapshot = r.json()
                self.id = self.snapshot["session_id"]
                check(self.snapshot, page)
            except (SnapshotError, ValueError, KeyError) as exc:
                r.failure(str(exc))
                raise StopUser() from None
            return r.content or b""
