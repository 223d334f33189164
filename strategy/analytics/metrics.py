"""The cap on rows a chart carries (Altair refuses more than 5,000), and the seeded sample."""

from __future__ import annotations

import pandas as pd

MAX_CHART_ROWS = 5000


def sample_for_chart(df: pd.DataFrame, limit: int = MAX_CHART_ROWS, seed: int = 0) -> pd.DataFrame:
    """Keep at most `limit` rows (a seeded random sample) so a chart spec stays small."""
    if len(df) <= limit:
        return df
    return df.sample(n=limit, random_state=seed).sort_index()
