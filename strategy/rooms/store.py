"""Rooms over a key-value backend: one in memory for one process, or Redis for several.

Every key of a room expires `LIFETIME_S` after the room's last activity, so a room nobody uses
deletes itself; reset and end delete at once. The backends share one small API (a subset of
redis-py's), so the room logic is one piece of code tested against both.

Keys, for a room with code C:
    room:C:meta    hash: created, secret (its SHA-256), open kinds
    room:C:people  set of participant tokens
    room:C:shares  hash: participant:kind -> the share as JSON
    rooms          sorted set: code -> last activity (counts live rooms against MAX_ROOMS)
    tries:K        failed joins from one client K in the current minute
"""

# The backend methods mirror redis-py's, documented there.
# ruff: noqa: D102

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from typing import Any, Protocol, cast

from strategy.core.i18n import _
from strategy.rooms.model import KINDS, MAX_PARTICIPANTS, MAX_ROOMS, Kind, Room, Share

LIFETIME_S = 12 * 3600  # a room lives this long after its last activity
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed on phones
CODE_LENGTH = 8  # 31^8 ≈ 8.5e11 codes: guessing one takes years at the join limit below
TRIES_PER_MINUTE = 20  # failed joins one client may make in a minute


class RoomError(Exception):
    """A room action was refused; the message says why, in words for the person."""


class Backend(Protocol):
    """The subset of redis-py's client the rooms use (strings in, strings out)."""

    def hset(
        self,
        name: str,
        key: str | None = None,
        value: str | None = None,
        mapping: dict | None = None,
    ) -> Any: ...
    def get(self, name: str) -> str | None: ...
    def hget(self, name: str, key: str) -> str | None: ...
    def hgetall(self, name: str) -> dict[str, str]: ...
    def hdel(self, name: str, *keys: str) -> Any: ...
    def sadd(self, name: str, *values: str) -> Any: ...
    def srem(self, name: str, *values: str) -> Any: ...
    def scard(self, name: str) -> int: ...
    def sismember(self, name: str, value: str) -> Any: ...
    def delete(self, *names: str) -> Any: ...
    def expire(self, name: str, time: int) -> Any: ...
    def exists(self, *names: str) -> int: ...
    def incr(self, name: str, amount: int = 1) -> int: ...
    def zadd(self, name: str, mapping: dict[str, float]) -> Any: ...
    def zremrangebyscore(self, name: str, min: float, max: float) -> Any: ...  # noqa: A002
    def zcard(self, name: str) -> int: ...
    def zrem(self, name: str, *values: str) -> Any: ...


class MemoryBackend:
    """Redis's data types in one process's memory, with expiry checked on every access."""

    def __init__(self, clock=time.monotonic) -> None:
        self._data: dict[str, Any] = {}
        self._deadline: dict[str, float] = {}
        self._lock = threading.RLock()
        self._clock = clock

    def _live(self, name: str) -> Any:
        deadline = self._deadline.get(name)
        if deadline is not None and self._clock() >= deadline:
            self._data.pop(name, None)
            self._deadline.pop(name, None)
        return self._data.get(name)

    def _sweep(self) -> None:
        # Expired keys of rooms nobody opens again would otherwise stay: drop them all now.
        now = self._clock()
        for name in [n for n, d in self._deadline.items() if now >= d]:
            self._data.pop(name, None)
            self._deadline.pop(name, None)

    def hset(self, name, key=None, value=None, mapping=None):
        with self._lock:
            table = self._live(name)
            if table is None:
                table = self._data[name] = {}
            if key is not None:
                table[key] = value
            table.update(mapping or {})

    def get(self, name):
        with self._lock:
            value = self._live(name)
            return None if value is None else str(value)

    def hget(self, name, key):
        with self._lock:
            return (self._live(name) or {}).get(key)

    def hgetall(self, name):
        with self._lock:
            return dict(self._live(name) or {})

    def hdel(self, name, *keys):
        with self._lock:
            table = self._live(name) or {}
            for key in keys:
                table.pop(key, None)

    def sadd(self, name, *values):
        with self._lock:
            members = self._live(name)
            if members is None:
                members = self._data[name] = set()
            members.update(values)

    def srem(self, name, *values):
        with self._lock:
            members = self._live(name)
            if members is not None:
                members.difference_update(values)
                if not members:  # as Redis does: an empty set is no key
                    self.delete(name)

    def scard(self, name):
        with self._lock:
            return len(self._live(name) or ())

    def sismember(self, name, value):
        with self._lock:
            return value in (self._live(name) or ())

    def delete(self, *names):
        with self._lock:
            for name in names:
                self._data.pop(name, None)
                self._deadline.pop(name, None)

    def expire(self, name, time):  # noqa: A002
        with self._lock:
            if self._live(name) is not None:
                self._deadline[name] = self._clock() + time

    def exists(self, *names):
        with self._lock:
            return sum(self._live(n) is not None for n in names)

    def incr(self, name, amount=1):
        with self._lock:
            value = int(self._live(name) or 0) + amount
            self._data[name] = value
            return value

    def zadd(self, name, mapping):
        with self._lock:
            scores = self._live(name)
            if scores is None:
                scores = self._data[name] = {}
            scores.update(mapping)

    def zremrangebyscore(self, name, min, max):  # noqa: A002
        with self._lock:
            self._sweep()
            scores = self._live(name) or {}
            for member in [m for m, s in scores.items() if min <= s <= max]:
                del scores[member]

    def zcard(self, name):
        with self._lock:
            return len(self._live(name) or {})

    def zrem(self, name, *values):
        with self._lock:
            scores = self._live(name) or {}
            for value in values:
                scores.pop(value, None)


def normal_code(text: str) -> str:
    """A typed or scanned code as stored: capitals, no spaces or dashes ("abcd-efgh")."""
    return "".join(c for c in text.upper() if c.isalnum())


def shown_code(code: str) -> str:
    """A code as the projector shows it, in two groups of four: "ABCD-EFGH"."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Rooms:
    """Start, join, share in and run rooms, over one backend.

    Args:
        backend: Where rooms are kept (MemoryBackend, or a redis.Redis with decode_responses).
        clock: Seconds since the epoch (tests pass their own).
    """

    def __init__(self, backend: Backend, clock=time.time) -> None:
        self.backend = backend
        self.clock = clock

    # --- keys -------------------------------------------------------------------------
    @staticmethod
    def _keys(code: str) -> tuple[str, str, str]:
        return f"room:{code}:meta", f"room:{code}:people", f"room:{code}:shares"

    def _touch(self, code: str) -> None:
        for key in self._keys(code):
            self.backend.expire(key, LIFETIME_S)
        self.backend.zadd("rooms", {code: self.clock()})

    def _live_rooms(self) -> int:
        self.backend.zremrangebyscore("rooms", 0, self.clock() - LIFETIME_S)
        return self.backend.zcard("rooms")

    # --- facilitator ------------------------------------------------------------------
    def create(self) -> tuple[str, str]:
        """Start a room.

        Returns:
            The room's code (for participants) and its secret (for the facilitator's controls).

        Raises:
            RoomError: The store holds its maximum of live rooms.
        """
        if self._live_rooms() >= MAX_ROOMS:
            raise RoomError(_("Too many rooms are open on this server. Try again later."))
        for _attempt in range(10):
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            meta, _people, _shares = self._keys(code)
            if not self.backend.exists(meta):
                break
        else:  # pragma: no cover - 10 collisions in 8.5e11 codes
            raise RoomError(_("No free room code. Try again."))
        secret = secrets.token_urlsafe(24)
        self.backend.hset(
            meta,
            mapping={
                "created": repr(self.clock()),
                "secret": _digest(secret),
                "open": ",".join(KINDS),
            },
        )
        self._touch(code)
        return code, secret

    def is_facilitator(self, code: str, secret: str) -> bool:
        """Whether a secret is this room's (compared in constant time)."""
        stored = self.backend.hget(self._keys(code)[0], "secret")
        return stored is not None and hmac.compare_digest(stored, _digest(secret))

    def _check(self, code: str, secret: str) -> None:
        if not self.is_facilitator(code, secret):
            raise RoomError(_("This room has ended, or this is not its facilitator link."))

    def set_open(self, code: str, secret: str, kinds: list[Kind]) -> None:
        """Open sharing for these kinds of answer and close it for the others."""
        self._check(code, secret)
        self.backend.hset(self._keys(code)[0], "open", ",".join(k for k in KINDS if k in kinds))
        self._touch(code)

    def hide(self, code: str, secret: str, key: str, hidden: bool = True) -> None:
        """Take a share off the projector (or put it back); the participant is not told."""
        self._check(code, secret)
        shares = self._keys(code)[2]
        raw = self.backend.hget(shares, key)
        if raw is None:
            return
        share = Share.model_validate_json(raw).model_copy(update={"hidden": hidden})
        self.backend.hset(shares, key, share.model_dump_json())
        self._touch(code)

    def reset(self, code: str, secret: str) -> None:
        """Delete every share and participant at once; the room, its code and link stay."""
        self._check(code, secret)
        _meta, people, shares = self._keys(code)
        self.backend.delete(people, shares)
        self._touch(code)

    def end(self, code: str, secret: str) -> None:
        """Delete the room and everything in it at once."""
        self._check(code, secret)
        self.backend.delete(*self._keys(code))
        self.backend.zrem("rooms", code)

    # --- participants -----------------------------------------------------------------
    def join(self, code: str, participant: str, client: str) -> str:
        """Join a room by its code.

        Args:
            code: The code as typed or scanned (any case, dashes and spaces allowed).
            participant: The joining session's token.
            client: Who is joining, for the limit on failed tries (an address or a session).

        Returns:
            The room's code, normalised.

        Raises:
            RoomError: Too many failed tries from this client, no such room, or the room is full.
        """
        tries = f"tries:{client}:{int(self.clock() // 60)}"
        # Past the limit every join is refused until the minute ends, right codes too: a
        # guesser learns nothing from a refusal.
        # Read, not incremented by 0: that made a key without a lifetime for every good join.
        if int(self.backend.get(tries) or 0) >= TRIES_PER_MINUTE:
            raise RoomError(_("Too many tries. Wait a minute, then check the code."))
        code = normal_code(code)
        meta, people, _shares = self._keys(code)
        if not (len(code) == CODE_LENGTH and self.backend.exists(meta)):
            self.backend.incr(tries)
            self.backend.expire(tries, 120)
            raise RoomError(_("There is no open room with this code. Check it with your trainer."))
        if not self.backend.sismember(people, participant):
            if self.backend.scard(people) >= MAX_PARTICIPANTS:
                raise RoomError(_("This room is full."))
            self.backend.sadd(people, participant)
        self._touch(code)
        return code

    def leave(self, code: str, participant: str) -> None:
        """Stop counting a participant; what they shared stays (they chose to share it).

        A reloaded page first joins as a new session, then finds its old token in the
        browser's copy: the new one leaves, so the room counts one person once.
        """
        self.backend.srem(self._keys(normal_code(code))[1], participant)

    def share(self, code: str, share: Share) -> None:
        """Share an answer, replacing this participant's earlier one of the same kind.

        Raises:
            RoomError: The room ended, the participant is not in it, or the trainer has not
                opened this kind of answer.
        """
        _meta, people, shares = self._keys(code)
        open_kinds = self.open_kinds(code)
        if open_kinds is None:
            raise RoomError(_("This room has ended."))
        if not self.backend.sismember(people, share.participant):
            raise RoomError(_("The trainer has reset the room: join it again to share."))
        if share.kind not in open_kinds:
            raise RoomError(_("The trainer has not opened sharing for this yet."))
        stamped = share.model_copy(update={"at": self.clock(), "hidden": False})
        self.backend.hset(shares, share.key, stamped.model_dump_json())
        self._touch(code)

    def withdraw(self, code: str, participant: str, kind: Kind) -> None:
        """Take back one's own share."""
        self.backend.hdel(self._keys(code)[2], f"{participant}:{kind}")

    def open_kinds(self, code: str) -> list[Kind] | None:
        """What participants may share now; None when the room ended or expired.

        Reads the room's small meta hash only: a participant's page asks on every run, and
        the shares (the whole room's answers) are the projector's to read.
        """
        raw = self.backend.hget(self._keys(code)[0], "open")
        return None if raw is None else [k for k in KINDS if k in raw.split(",")]

    def room(self, code: str) -> Room | None:
        """The room as the projector shows it; None when it ended or expired."""
        meta_key, people, shares = self._keys(code)
        meta = self.backend.hgetall(meta_key)
        if not meta:
            return None
        answers = [Share.model_validate_json(v) for v in self.backend.hgetall(shares).values()]
        return Room(
            code=code,
            created=float(meta.get("created", 0)),
            open_kinds=[k for k in KINDS if k in meta.get("open", "").split(",")],
            participants=self.backend.scard(people),
            shares=sorted(answers, key=lambda s: s.at),
        )


def from_environment() -> Rooms:
    """The rooms this server uses: Redis at `SOCIAL_WHY_ROOMS` (redis://…), else in memory."""
    url = os.environ.get("SOCIAL_WHY_ROOMS", "").strip()
    if url:
        import redis  # only servers that run several replicas need it

        # redis-py types its replies for sync and async clients at once; this one is sync.
        return Rooms(cast(Backend, redis.Redis.from_url(url, decode_responses=True)))
    return Rooms(MemoryBackend())
