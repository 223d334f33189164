"""Locust participants: each drives one real session through the agent API, like a person.

A participant opens the app, types their name, loads the HR-team demo, walks every step with
a think time between steps, types an answer on each page that has a text field, waits on the
Export page until the whole room is there (the last five minutes of a workshop), then presses
"Generate PDF" within `SOCIAL_WHY_STORM_S` seconds of the others. Bystanders walk the steps
over and over meanwhile; their steps during the storm are reported as "step during PDF storm".

Run by `python -m loadtest.capacity` (which starts the server with the agent API on); set
`SOCIAL_WHY_THINK_S` (default 5), `SOCIAL_WHY_STORM_S` (10) and `SOCIAL_WHY_PARTICIPANTS`.
"""

from __future__ import annotations

import itertools
import os
import random
import time

import gevent
from gevent.event import Event
from locust import HttpUser, events, task
from locust.exception import StopUser

from loadtest.agent import STEPS, SnapshotError, first_text_field, pdf_bytes_in
from loadtest.session import AgentSession

THINK_S = float(os.environ.get("SOCIAL_WHY_THINK_S", "5"))
STORM_S = float(os.environ.get("SOCIAL_WHY_STORM_S", "10"))
PARTICIPANTS = int(os.environ.get("SOCIAL_WHY_PARTICIPANTS", "1"))
# A run is bounded: no participant waits for the storm longer than this.
STORM_WAIT_S = float(os.environ.get("SOCIAL_WHY_STORM_WAIT_S", "600"))

_numbers = itertools.count(1)
_at_export: set[int] = set()
_everyone_there = Event()
_storm_over = Event()
_pdfs_done: set[int] = set()


@events.init.add_listener
def _stop_when_done(environment, **_kwargs) -> None:
    """End the run once every participant has their PDF (users that stop are not replaced)."""

    def watch() -> None:
        _storm_over.wait()
        gevent.sleep(2)  # the bystanders' last steps
        if environment.runner is not None:
            environment.runner.quit()

    gevent.spawn(watch)


def _arrived(where: set[int], number: int) -> None:
    """Count a participant in; the last one in opens the storm (or ends it)."""
    where.add(number)
    if len(_at_export) >= PARTICIPANTS:
        _everyone_there.set()
    if len(_pdfs_done) >= PARTICIPANTS:
        _storm_over.set()


def _think() -> None:
    """A person reads the page before the next click (spread ±50 %, so a room drifts apart)."""
    gevent.sleep(random.uniform(0.5, 1.5) * THINK_S)


class Participant(HttpUser):
    """A person in the workshop room, from the Start page to their PDF."""

    fixed_count = PARTICIPANTS  # exactly this many, whatever the bystanders number
    # Each participant walks once; the think times are inside the walk.
    wait_time = staticmethod(lambda: 0)  # type: ignore[assignment]

    @task
    def walk(self) -> None:
        """The whole journey, then stop; one that fails on the way still leaves the room."""
        number = next(_numbers)
        try:
            self._journey(number)
        finally:
            _arrived(_at_export, number)
            _arrived(_pdfs_done, number)
        raise StopUser()

    def _journey(self, number: int) -> None:
        s = AgentSession(self)
        s.interact("open the app", context={"timezone": "Europe/Stockholm", "locale": "en-GB"})
        _think()
        # The demo buttons are for a fresh strategy: load first, then type.
        s.interact("load the demo", trigger={"key": "demo_hr_team"})
        _think()
        s.interact("type an answer", widget_state={"w:profile.name": f"Participant {number}"})
        for page in STEPS:
            _think()
            s.interact("go to a step", page=page)
            if page != "export" and (field := first_text_field(s.snapshot)):
                _think()
                s.interact("type an answer", widget_state={field: f"Answer by {number}"})
        _arrived(_at_export, number)
        _everyone_there.wait(timeout=STORM_WAIT_S)
        gevent.sleep(random.uniform(0, STORM_S))
        body = s.interact("generate the PDF", trigger={"key": "make_pdf"})
        if not pdf_bytes_in(body):
            events.request.fire(
                request_type="POST",
                name="generate the PDF: no PDF on the page",
                response_time=0,
                response_length=0,
                exception=SnapshotError("no PDF link after Generate PDF"),
                context={},
            )


class Bystander(HttpUser):
    """Someone still clicking through the steps while the room makes its PDFs."""

    fixed_count = int(os.environ.get("SOCIAL_WHY_BYSTANDERS", "2"))
    wait_time = staticmethod(lambda: 0)  # type: ignore[assignment]

    @task
    def wander(self) -> None:
        """Load the demo, then step through the pages (1 s apart) until the storm is over."""
        s = AgentSession(self)
        s.interact("open the app")
        s.interact("load the demo", trigger={"key": "demo_hr_team"})
        deadline = time.monotonic() + STORM_WAIT_S + 120
        for page in itertools.cycle(STEPS[:-1]):
            if _storm_over.is_set() or time.monotonic() > deadline:
                break
            gevent.sleep(1)
            storm = _everyone_there.is_set() and not _storm_over.is_set()
            s.interact("step during PDF storm" if storm else "go to a step", page=page)
        raise StopUser()
