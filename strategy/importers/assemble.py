"""Put a workbook's pieces together: side-by-side tables, a stated follower total, period notes."""

from __future__ import annotations

import datetime as dt
import re
from typing import cast

import pandas as pd
import pyarrow as pa

from strategy.core.i18n import _
from strategy.importers.blocks import Block
from strategy.importers.clean import to_dates, to_number
from strategy.importers.dataset import Dataset, totals_from_gains

TOTAL_LINE = re.compile(r"total followers on\s+(.+?)\s*:?\s*$", re.IGNORECASE)


def merge_side_by_side(parts: list[Dataset]) -> Dataset:
    """Join tables that sat next to each other on one sheet into one, row per post.

    LinkedIn's TOP POSTS lists the top posts by engagements and, beside it, by impressions: a
    post can be in one list or both, so each post keeps every figure either list gives.

    Args:
        parts: Datasets of one format read from one sheet (at least one).

    Returns:
        One dataset.
    """
    first = parts[0]
    if len(parts) == 1:
        return first
    frame = pd.concat([p.frame for p in parts], ignore_index=True)
    keys = ["post_id"] if cast(pd.Series, frame["post_id"]).notna().all() else ["post_id", "date"]
    merged = frame.groupby(keys, sort=False, dropna=False).first().reset_index()
    used = {k: v for p in parts for k, v in p.columns_used.items()}
    notes = list(dict.fromkeys(n for p in parts for n in p.notes))
    notes.append(
        _(
            "{n} tables side by side on sheet '{sheet}' were joined on '{key}': {posts} posts."
        ).format(
            n=len(parts), sheet=first.sheet, key=used.get("post_id", "post"), posts=len(merged)
        )
    )
    return first.model_copy(
        update={"frame": merged[list(first.frame.columns)], "columns_used": used, "notes": notes}
    )


def stated_total(
    preamble: list[list[str]], reference: dt.date
) -> tuple[pd.Timestamp, float] | None:
    """Find "Total followers on DATE: N" above a table (LinkedIn's FOLLOWERS sheet)."""
    for row in preamble:
        cells = [str(c).strip() for c in row if str(c).strip()]
        for k, cell in enumerate(cells):
            match = TOTAL_LINE.search(cell)
            if not match:
                continue
            rest = cells[k + 1 :] or [match.group(1).rsplit(":", 1)[-1]]
            number = to_number(pa.array(rest[:1], pa.string()))[0].as_py()
            date_text = match.group(1).split(":")[0]
            day = to_dates(pa.array([date_text], pa.string()), reference)[0][0].as_py()
            if number is not None and day is not None:
                return cast(pd.Timestamp, pd.Timestamp(day)), float(number)  # a day is never NaT
    return None


def anchor_followers(ds: Dataset, block: Block, reference: dt.date) -> Dataset:
    """Give daily follower totals to a table of daily gains when the export states one total.

    The total on the stated day is the export's; another day's total is that figure plus the
    gains after the stated day up to it, or minus the gains after it up to the stated day.

    Args:
        ds: A dataset with followers_gained and no follower totals.
        block: Its table, whose preamble may state the total.
        reference: The latest date the data can have.

    Returns:
        The dataset, with a followers column when a total was stated.
    """
    if "followers" in ds.columns_used or "followers_gained" not in ds.columns_used:
        return ds
    found = stated_total(block.preamble, reference)
    if found is None:
        return ds
    day, total = found
    frame = ds.frame.copy()
    days = frame["date"].dt.floor("D")
    gains = frame["followers_gained"].fillna(0).groupby(days).sum().sort_index()
    frame["followers"] = days.map(totals_from_gains(gains, day, total)).astype("float64")
    stated = f"{day.date().isoformat()}: {total:,.0f}"
    return ds.model_copy(
        update={
            "frame": frame,
            "columns_used": {
                **ds.columns_used,
                "followers": _("Total followers on {day}").format(day=stated),
            },
            "notes": [
                *ds.notes,
                _(
                    "Follower totals per day come from the stated total on {day} and the daily new "
                    "followers."
                ).format(day=stated),
            ],
        }
    )


def period_note(sheet: str | None, rows: list[list[str]]) -> str | None:
    """Describe a sheet of period totals (LinkedIn's DISCOVERY) that is not a table of days."""
    lines = [[str(c).strip() for c in r if str(c).strip()] for r in rows[:40]]
    lines = [cells for cells in lines if cells]
    pairs = [f"{cells[0]}: {cells[1]}" for cells in lines if len(cells) == 2]
    # A few "label: figure" lines only; anything bigger is an unknown table, not a summary.
    if not pairs or len(lines) > 20 or len(pairs) * 2 < len(lines):
        return None
    return _("Sheet '{sheet}' holds period totals, not days or posts ({totals}).").format(
        sheet=sheet, totals="; ".join(pairs)
    )


def one_account(datasets: list[Dataset]) -> list[Dataset]:
    """Give every table of one file the account any of them names: a workbook is one account.

    Args:
        datasets: The tables read from one file.

    Returns:
        The same tables, each naming the file's account when one of them does.
    """
    named = next((d.account for d in datasets if d.account), None)
    if named is None:
        return datasets
    return [
        d
        if d.account
        else d.model_copy(update={"account": named, "frame": d.frame.assign(account=named)})
        for d in datasets
    ]


# Facebook's legacy per-post workbook keeps the likes, comments and shares of each post only in
# its breakdown sheets ("Lifetime Post Stories by action type": one column per action); the
# CSV flattens them into "Lifetime Post Stories by action type - like" beside the rest.
BREAKDOWN_ACTIONS = {"like": "likes", "comment": "comments", "share": "shares"}
# Excel cuts a sheet's name to 31 characters ("Lifetime Post Stories by action"): matched by
# the words that survive, best first (stories count actions; "talking about" counts people).
BREAKDOWN_SHEETS = ("post stories by action", "talking about this", "by action")


def fill_from_breakdowns(datasets: list[Dataset], sheets: list[Block]) -> list[Dataset]:
    """Give legacy Facebook post datasets the actions their workbook's breakdown sheets hold.

    Args:
        datasets: The workbook's datasets.
        sheets: Its sheets that no format recognised.

    Returns:
        The datasets, a per-post Facebook one filled in by post id where it lacked the actions.
    """
    from strategy.importers.formats import fold

    breakdowns = []
    for block in sheets:
        title = fold(block.title or "")
        headers = [fold(h) for h in block.headers]
        if "post id" not in headers or not any(k in title for k in BREAKDOWN_SHEETS):
            continue
        actions = {
            field: headers.index(action)
            for action, field in BREAKDOWN_ACTIONS.items()
            if action in headers
        }
        if actions:  # stories before "talking about" (people): the first sheet named wins
            rank = next(i for i, k in enumerate(BREAKDOWN_SHEETS) if k in title)
            breakdowns.append((rank, block, headers.index("post id"), actions))
    if not breakdowns:
        return datasets
    _rank, block, id_at, actions = min(breakdowns, key=lambda b: b[0])
    ids = pa.array([str(r[id_at]).strip() if len(r) > id_at else "" for r in block.rows])
    out = []
    for ds in datasets:
        missing = [f for f in actions if f not in ds.columns_used]
        if ds.format_id != "facebook_legacy_post" or not missing:
            out.append(ds)
            continue
        frame = ds.frame.copy()
        for field in missing:
            at = actions[field]
            values = to_number(
                pa.array([str(r[at]) if len(r) > at else "" for r in block.rows], pa.string())
            ).to_numpy(zero_copy_only=False)
            by_id = pd.Series(values, index=ids.to_pylist()).groupby(level=0).first()
            frame[field] = frame["post_id"].map(by_id).astype(float)
        sheet = block.title or ""
        used = ds.columns_used | {f: f"{sheet}: {f}" for f in missing}
        note = _(
            "Likes, comments and shares come from the sheet '{sheet}', joined on the post id."
        ).format(sheet=sheet)
        out.append(
            ds.model_copy(update={"frame": frame, "columns_used": used, "notes": [*ds.notes, note]})
        )
    return out
