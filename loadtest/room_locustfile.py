"""Locust participants joining a workshop room, and the projector that shows what they share.

Run by `python -m loadtest.room` (which starts the server with the agent API on and the room);
the room's code and the facilitator's session come in `SOCIAL_WHY_ROOM` and
`SOCIAL_WHY_PROJECTOR_SESSION`. Each participant opens the join link on the Why page (Locust
starts them evenly over `SOCIAL_WHY_JOIN_S` seconds), writes a why sentence and shares it,
picks a goal and shares that, then walks on through the steps with a think time between clicks
(`SOCIAL_WHY_THINK_S`). The projector reruns the facilitator's room page every second, as the
browser's `st.fragment(run_every=1)` does (here the whole page, so the figure is an upper
bound), and reports:

- "projector refresh": one rerun of the projector's page, request to answer;
- "share to projector": from a Share's answer until the projector first counts that many
  answers (the k-th answer shared is seen once the projector counts k; 0 when it already had).
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import time

import gevent
from locust import HttpUser, events, task
from locust.exception import StopUser

from loadtest.agent import nodes, shown_counts
from loadtest.session import AgentSession

ROOM = os.environ.get("SOCIAL_WHY_ROOM", "")
PROJECTOR_SESSION = os.environ.get("SOCIAL_WHY_PROJECTOR_SESSION", "")
PARTICIPANTS = int(os.environ.get("SOCIAL_WHY_PARTICIPANTS", "1"))
THINK_S = float(os.environ.get("SOCIAL_WHY_THINK_S", "5"))
REFRESH_S = 1.0  # the projector's fragment runs every second

_numbers = itertools.count(1)
_shared_at: list[float] = []  # when each Share came back, in order
_first_seen: dict[int, float] = {}  # answers counted -> when the projector first showed as many
_done: set[int] = set()


def _think() -> None:
    gevent.sleep(random.uniform(0.5, 1.5) * THINK_S)


def _report(name: str, seconds: float) -> None:
    events.request.fire(
        request_type="ROOM",
        name=name,
        response_time=seconds * 1000,
        response_length=0,
        exception=None,
        context={},
    )


class Participant(HttpUser):
    """A person who joins the room from the link on their phone and shares two answers."""

    fixed_count = PARTICIPANTS
    wait_time = staticmethod(lambda: 0)  # type: ignore[assignment]

    @task
    def take_part(self) -> None:
        """Join, share a why and a goal, walk a few steps; then leave the run."""
        number = next(_numbers)
        if number > PARTICIPANTS:
            # Locust's ramp at a fractional rate can start one user too many: not a person.
            raise StopUser()
        try:
            self._journey(number)
        except StopUser:
            raise
        except Exception as exc:  # noqa: BLE001 - counted as a failure, then this person stops
            # A task that raised would run again, as a new person joining the room.
            events.request.fire(
                request_type="ROOM",
                name="a participant's walk",
                response_time=0,
                response_length=0,
                exception=exc,
                context={},
            )
        finally:
            _done.add(number)
        raise StopUser()

    def _journey(self, number: int) -> None:
        s = AgentSession(self)
        s.interact(
            "join the room",
            page="why",
            query_params={"room": [ROOM]},
            context={"timezone": "Europe/Stockholm", "locale": "en-GB"},
        )
        _think()
        s.interact("type an answer", widget_state={"w:why.statement": f"We post, {number}."})
        _think()
        s.interact("share with the room", trigger={"key": "room_share:why"})
        _shared_at.append(time.monotonic())
        _think()
        goals = next(n for n in nodes(s.snapshot["tree"]) if n.get("key") == "w:why.goals")
        goal = random.choice(goals["props"]["options"])
        s.interact("type an answer", widget_state={"w:why.goals": [goal]})
        _think()
        s.interact("share with the room", trigger={"key": "room_share:goal"})
        _shared_at.append(time.monotonic())
        for page in ("audit", "channels", "guidelines"):
            _think()
            s.interact("go to a step", page=page)


class Projector(HttpUser):
    """The facilitator's page on the projector, read again every second until the room is in."""

    fixed_count = 1
    wait_time = staticmethod(lambda: 0)  # type: ignore[assignment]

    @task
    def show(self) -> None:
        """Rerun the room page every second; stop once every participant is done and shown."""
        s = AgentSession(self, session_id=PROJECTOR_SESSION)
        reported = 0
        while True:
            started = time.monotonic()
            s.interact("projector refresh")
            _people, answers = shown_counts(s.snapshot)
            now = time.monotonic()
            for k in range(1, answers + 1):
                _first_seen.setdefault(k, now)
            while reported < len(_shared_at) and reported + 1 in _first_seen:
                seen = _first_seen[reported + 1]
                _report("share to projector", max(0.0, seen - _shared_at[reported]))
                reported += 1
            if len(_done) >= PARTICIPANTS and reported >= len(_shared_at):
                # Every answer shared is on the projector (the runner checks the counts).
                print(f"projector done: {reported} of {len(_shared_at)} timed", file=sys.stderr)
                break
            gevent.sleep(max(0.0, REFRESH_S - (time.monotonic() - started)))
        # Locust writes its CSV once a second, and not again on a quit from inside the run:
        # the last second's requests would be missing from it.
        gevent.sleep(2)
        if self.environment.runner is not None:
            self.environment.runner.quit()
        raise StopUser()
