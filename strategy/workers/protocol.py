"""The pipe protocol between the server and its workers: length-prefixed pickles.

A request is an 8-byte big-endian length and that many bytes of a pickled `(op, arguments)`
pair; an answer is one status byte (0 done, 1 the op raised), an 8-byte length and the pickled
result (or the exception). Pickle is safe here because both ends are this code: the worker
reads requests only from its parent, and the parent reads answers only from its own child.
"""

from __future__ import annotations

import pickle
import struct
from typing import Any, BinaryIO

HEADER = struct.Struct(">BQ")
# Told to a worker through its environment: its address-space allowance, and (tests only)
# whether it accepts the crash, stall and allocate operations.
MEMORY_ENV = "SOCIAL_WHY_WORKER_MEMORY_MB"
TEST_OPS_ENV = "SOCIAL_WHY_WORKER_TEST_OPS"
LENGTH = struct.Struct(">Q")


def pack_request(op: str, arguments: dict[str, Any]) -> bytes:
    """Frame one request."""
    body = pickle.dumps((op, arguments), protocol=pickle.HIGHEST_PROTOCOL)
    return LENGTH.pack(len(body)) + body


def pack_answer(status: int, value: Any) -> bytes:
    """Frame one answer."""
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(status, len(body)) + body


def read_exactly(stream: BinaryIO, n: int) -> bytes:
    """Read n bytes from a blocking stream; EOFError when it closes first."""
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
