"""A chart-rendering worker process: `python -m strategy.report.render_worker`.

Reads requests from stdin and writes answers to stdout, one at a time, until stdin closes:
a request is an 8-byte big-endian length and that many bytes of JSON `{"op": ..., ...}`; an
answer is one status byte (0 done, 1 failed), an 8-byte length and the payload (PNG bytes, or
the error in words). It holds nothing between requests.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import time


def _png(request: dict) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(request["spec"], scale=request.get("scale", 2))


def _abort(_request: dict) -> bytes:
    os.abort()


def _sleep(request: dict) -> bytes:
    time.sleep(request.get("seconds", 30))
    return b""


OPS = {"png": _png}
if os.environ.get("SOCIAL_WHY_WORKER_TEST_OPS") == "1":
    # Only the tests' own workers can be told to crash or stall, to prove the isolation.
    OPS |= {"abort": _abort, "sleep": _sleep}


def _read(stream, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def main() -> None:
    """Serve requests until stdin closes."""
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            (size,) = struct.unpack(">Q", _read(inp, 8))
            request = json.loads(_read(inp, size))
        except EOFError:
            return
        try:
            status, payload = 0, OPS[request["op"]](request)
        except Exception as exc:  # the answer says what failed; the worker lives on
            status, payload = 1, f"{type(exc).__name__}: {exc}".encode()
        out.write(struct.pack(">BQ", status, len(payload)) + payload)
        out.flush()


if __name__ == "__main__":
    main()
