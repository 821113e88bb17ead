"""``naba.load``: one corpus config as a ``datasets.Dataset``, always fresh.

Why not ``datasets.load_dataset`` on the folder: its cache key for a local
folder changes neither with the data files' contents nor with the folder's
location, so after annotations are edited and ``naba build`` reruns (or when two
copies of the corpus share one cache) it can return the old rows. The corpus is
small, so this module reads the config's Parquet file on every call, checks
that the file's schema is exactly the config's features (column set, order and
types, recursively), and wraps the table in an in-memory Dataset: no cache to
go stale, no network, and it works from an installed wheel in any working
directory (``naba.gold.records.corpus_dir``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from naba.corpus.features import CONFIGS, DESCRIPTIONS, SPLITS, check_config, config_features

if TYPE_CHECKING:
    import pyarrow as pa
    from datasets import Dataset
    import pandas


class CorpusError(ValueError):
    """The built corpus is missing or does not match its features."""


def data_file(config: str, *, split: str = "test", corpus_dir: Path | None = None) -> Path:
    """The data file of ``config``/``split`` (checked names; the file may not exist)."""
    from naba.corpus.build import data_path
    from naba.gold.records import corpus_dir as default_corpus_dir

    check_config(config)
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} for naba config {config!r}; valid splits: {', '.join(SPLITS)}")
    folder = corpus_dir if corpus_dir is not None else default_corpus_dir()
    return folder / data_path(config, split)


def read_table(config: str, *, split: str = "test", corpus_dir: Path | None = None) -> "pa.Table":
    """The Arrow table of one config, its schema checked against the features."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from naba.corpus.build import arrow_schema

    path = data_file(config, split=split, corpus_dir=corpus_dir)
    if not path.is_file():
        raise CorpusError(f"{path}: no data file for config {config!r}; run `naba build`")
    try:
        table = pq.ParquetFile(str(path)).read()
    except (pa.ArrowInvalid, OSError) as err:
        raise CorpusError(f"{path}: not a Parquet file ({err}); run `naba build`") from None
    expected = arrow_schema(config_features(config))
    found = table.schema.remove_metadata()
    if not found.equals(expected):
        raise CorpusError(
            f"{path}: schema differs from the {config!r} features; run `naba build`\n"
            f"expected: {expected}\nfound: {found}"
        )
    return table


def read_rows(config: str, *, split: str = "test", corpus_dir: Path | None = None) -> list[dict[str, Any]]:
    """The rows of one config as plain Python values (ClassLabel columns as ints)."""
    return read_table(config, split=split, corpus_dir=corpus_dir).to_pylist()


def load(config: str, *, split: str = "test", corpus_dir: Path | None = None) -> "Dataset":
    """A ``datasets.Dataset`` of ``config`` (one of ``naba.corpus.features.CONFIGS``),
    read afresh from ``corpus_dir`` (default: the checkout's or the installed corpus)."""
    from datasets import Dataset, DatasetInfo, NamedSplit
    from datasets.table import InMemoryTable

    table = read_table(config, split=split, corpus_dir=corpus_dir)
    features = config_features(config)
    info = DatasetInfo(
        description=f"naba {config}: {DESCRIPTIONS[config]}",
        features=features,
        config_name=config,
        dataset_name="naba",
    )
    return Dataset(InMemoryTable(table.replace_schema_metadata(None)), info=info, split=NamedSplit(split))


__all__ = ["CONFIGS", "CorpusError", "data_file", "load", "read_rows", "read_table"]


def load_frame(config: str, *, split: str = "test", corpus_dir: Path | None = None) -> "pandas.DataFrame":
    """A ``pandas.DataFrame`` of ``config``/``split``, read afresh from the data file (no
    ``datasets`` cache): the same rows and columns as ``load``, for analysis in pandas."""
    import pandas

    frame = read_table(config, split=split, corpus_dir=corpus_dir).to_pandas()
    if not isinstance(frame, pandas.DataFrame):  # internal invariant: pyarrow returns one
        raise TypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    return frame

