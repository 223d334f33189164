"""Boosted posts listed once per kind of distribution: count each post once.

Some per-post exports list a boosted post as several rows: its organic figures, its sponsored
(paid) figures and, in some, their total. Summing every row counts the post two or three
times. A column whose every value names such a kind ("Organic", "Sponsored", "Total", in the
languages the platforms write) marks these tables: for each post, its total row is kept when
there is one; otherwise its rows are added up (organic + sponsored is the total).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from strategy.core.i18n import ngettext
from strategy.importers.dataset import METRICS
from strategy.importers.formats import fold

TOTAL = {
    "total",
    "totalt",
    "gesamt",
    "insgesamt",
    "totale",
    "totaal",
    "yhteensa",
    "i alt",
    "organic and paid",
    "organic paid",
}
PARTS = {
    "organic",
    "organisk",
    "organiskt",
    "organique",
    "organico",
    "organisch",
    "orgaaninen",
    "sponsored",
    "sponsrad",
    "sponsrat",
    "sponsoriert",
    "sponsorise",
    "patrocinado",
    "sponsorizzato",
    "gesponsord",
    "sponsoroitu",
    "paid",
    "betald",
    "betalt",
    "bezahlt",
    "payant",
    "pago",
    "pagado",
    "a pagamento",
    "betaald",
    "maksettu",
    "promoted",
    "boosted",
    "boost",
}


def kind_column(columns: dict[str, pa.Array], used: set[str]) -> pa.Array | None:
    """The column that says each row's kind of distribution, if the table has one."""
    for header, values in columns.items():
        if header in used or not pa.types.is_string(values.type) or not len(values):
            continue
        folded = {fold(v) for v in values.unique().to_pylist()[:20] if v and str(v).strip()}
        if folded and folded <= TOTAL | PARTS and len(values.unique()) <= 20:
            return values
    return None


def one_row_per_post(
    out: dict[str, pa.Array], kinds: pa.Array
) -> tuple[dict[str, pa.Array], int, str | None]:
    """Collapse the rows of each post to one: its total row, else the sum of its parts.

    Args:
        out: The normalized columns, one array each, row-aligned with `kinds`.
        kinds: Each row's kind of distribution.

    Returns:
        The columns with one row per post, how many rows were folded away, and a note.
    """
    frame = pa.table(out).to_pandas()
    kind = pd.Series([fold(k) if k else "" for k in kinds.to_pylist()], index=frame.index)
    if "post_id" in frame:
        key = frame["post_id"].astype("string")
    elif "link" in frame:
        key = frame["link"].astype("string")
    else:
        key = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "date" in frame:
        fallback = (
            frame["date"].astype("string")
            + "|"
            + frame.get("text", pd.Series("", index=frame.index)).astype("string").fillna("")
        )
        key = key.fillna(fallback)
    if not key.duplicated().any():
        return out, 0, None
    is_total = kind.isin(TOTAL)
    keep = []
    for _key, rows in frame.groupby(key, sort=False, dropna=False).groups.items():
        rows = list(rows)
        if len(rows) == 1:
            keep.append(frame.loc[rows[0]])
            continue
        totals = [r for r in rows if bool(is_total[r])]
        if totals:
            keep.append(frame.loc[totals[0]])
            continue
        merged = frame.loc[rows[0]].copy()
        for metric in METRICS:
            if metric in frame:
                merged[metric] = frame.loc[rows, metric].sum(min_count=1)
        keep.append(merged)
    result = pd.DataFrame(keep)
    folded = len(frame) - len(result)
    arrays = {name: pa.array(result[name].tolist(), type=out[name].type) for name in out}
    split = int(key.duplicated(keep=False).groupby(key).any().sum())
    note = ngettext(
        "{n} post was listed once per kind of distribution (organic, sponsored, total): "
        "it is counted once, by its total.",
        "{n} posts were listed once per kind of distribution (organic, sponsored, total): "
        "each is counted once, by its total.",
        split,
    ).format(n=split)
    return arrays, folded, note
