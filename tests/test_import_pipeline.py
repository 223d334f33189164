"""The importer as a pipeline of small steps: each step's result, and the steps' size."""

from __future__ import annotations

from export_fixtures import csv_text

from strategy.importers import import_file, import_with_mapping
from strategy.importers.api import FAST_PATH_BYTES

HEADER = ["Tweet id", "Tweet text", "time", "impressions", "engagements"]


def tweets(n: int) -> bytes:
    rows = [HEADER] + [
        [str(i), f"post {i}", "2021-04-01 09:00 +0000", "1,000", str(i % 7)] for i in range(n)
    ]
    return csv_text(rows).encode()


def test_a_mapping_reads_a_large_file_the_fast_path_would_take():
    data = tweets(2_000)
    assert len(data) > FAST_PATH_BYTES
    (mapped,) = import_with_mapping("big.csv", data, {"date": "time", "impressions": "impressions"})
    (read,) = import_file("big.csv", data)
    assert mapped.rows == read.rows == 2_000
    assert mapped.frame["impressions"].sum() == read.frame["impressions"].sum() == 2_000_000
