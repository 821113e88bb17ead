"""The data files are read by the tools the card names, with no naba and no ``datasets``:
pandas (tests/test_loading.py runs the card's snippet), polars and duckdb, each giving every
row and value of every config and split exactly as ``naba.load`` does. Why: the Arrow IPC
streams used before were readable by pyarrow and ``datasets`` only (issue 14, item 1).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from naba.corpus.build import data_path
from naba.corpus.features import CONFIGS, SPLITS
from naba.corpus.loading import load


@pytest.mark.parametrize("config", CONFIGS)
def test_polars_and_duckdb_read_every_row(repo_root: Path, config: str) -> None:
    for split in SPLITS:
        path = repo_root / "corpus" / data_path(config, split)
        rows = load(config, split=split).to_list()
        assert rows, (config, split)
        assert pl.read_parquet(path).to_dicts() == rows, ("polars", config, split)
        with duckdb.connect() as connection:
            cursor = connection.execute("SELECT * FROM read_parquet(?)", [str(path)])
            columns = [column[0] for column in cursor.description]
            read = [dict(zip(columns, values)) for values in cursor.fetchall()]
        assert read == rows, ("duckdb", config, split)
