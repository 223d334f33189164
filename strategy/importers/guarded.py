"""Read an upload in an import worker, under a memory cap and a time limit.

This is how the app reads every file a participant uploads: the reading itself (`api`) runs in
a warm worker process of `POOL`, so a file that makes a reader allocate gigabytes, loop for
minutes or crash costs that worker, never the server the other participants share. What comes
back is what `api` gives (datasets, `NeedsMapping`, `ImportFailure`); a worker that overran its
budget becomes an `ImportFailure` that names the file and says which limit it met.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from strategy.core.i18n import N_, _, language
from strategy.core.textclean import clean
from strategy.importers.api import MAX_BYTES, ImportFailure, too_large
from strategy.importers.dataset import Dataset
from strategy.workers.pool import Pool, WorkerLost

# The budget of one import. An honest export (10 MB, 1M rows of CSV) reads in about a second
# and a third of this memory; the limits are for files built to make a reader run away.
SECONDS = float(os.environ.get("SOCIAL_WHY_IMPORT_SECONDS", "8"))
MEMORY_MB = int(os.environ.get("SOCIAL_WHY_IMPORT_MEMORY_MB", "768"))
SLOTS = int(os.environ.get("SOCIAL_WHY_IMPORT_SLOTS", "3"))
POOL = Pool(
    "import",
    idle_max=SLOTS,  # one warm worker per slot: a worker past the idle count is not kept
    slots=SLOTS,
    timeout_s=SECONDS,
    rss_mb=MEMORY_MB + 256,  # the cap binds first; the watch catches what slips past it
    address_mb=MEMORY_MB,
    queue_s=30.0,
    # A 10 MB export of 780,000 days comes back as about 100 MB of table; more than this is a
    # file built to amplify, and the server would pay for it.
    answer_mb=int(os.environ.get("SOCIAL_WHY_IMPORT_ANSWER_MB", "200")),
)
REASONS = {
    "time": N_(
        "reading it took longer than {seconds} seconds, the limit for one file: export "
        "a shorter period, or save it as CSV"
    ),
    "memory": N_(
        "reading it needs more memory than the app allows for one file: export a "
        "shorter period, or save it as CSV"
    ),
    "died": N_("the reader stopped on it: the file may be damaged; export it again"),
    "busy": N_("the app is reading many files at once just now: upload it again in a minute"),
}


def _run(op: str, name: str, **arguments: Any) -> list[Dataset]:
    name = clean(name, lines=False)
    try:
        return POOL.call(op, name=name, language=language(), **arguments)
    except WorkerLost as lost:
        reason = _(REASONS[lost.reason]).format(seconds=f"{POOL.timeout_s:g}")
        raise ImportFailure(f"{name}: {reason}", reason) from None
    except MemoryError:  # the cap bound while the answer itself was being packed
        reason = _(REASONS["memory"])
        raise ImportFailure(f"{name}: {reason}", reason) from None


def read_upload(name: str, data: bytes, *, reference: dt.date | None = None) -> list[Dataset]:
    """Read one uploaded export in a worker (see `api.import_file` for what it returns).

    Raises:
        NeedsMapping: No known format matched; the user can map the columns.
        ImportFailure: Unreadable, too large, or over the time or memory budget.
    """
    if len(data) > MAX_BYTES:  # said at once: the bytes need not cross to a worker to be refused
        raise too_large(clean(name, lines=False), len(data))
    return _run("import_file", name, data=data, reference=reference)


def read_mapped(
    name: str,
    data: bytes,
    mapping: dict[str, str],
    *,
    platform: str = "other",
    grain: str = "post",
    reference: dt.date | None = None,
) -> list[Dataset]:
    """Read an unrecognised export with the user's mapping, in a worker.

    Raises:
        ImportFailure: The mapping leaves no date, or the file cannot be read within budget.
    """
    return _run(
        "import_with_mapping",
        name,
        data=data,
        mapping=mapping,
        platform=platform,
        grain=grain,
        reference=reference,
    )


def warm() -> None:
    """Have a worker ready before the first upload (the Analytics page calls this)."""
    POOL.warm()
