"""``naba.load``: every config, clear errors, and fresh data after a rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import naba
from naba.corpus.build import build_from_root, data_path, write
from naba.corpus.features import CONFIGS, UnknownConfigError, config_features
from naba.corpus.loading import CorpusError, load, read_rows


@pytest.fixture()
def built(mini_root: Path) -> Path:
    write(build_from_root(mini_root), mini_root)
    return mini_root


def test_every_config_loads_with_its_features(built: Path) -> None:
    expected = {"documents": 1, "entities": 8, "timex": 3, "quotes": 1, "events": 2, "ner_tokens": 3}
    for config in CONFIGS:
        dataset = load(config, corpus_dir=built / "corpus")
        assert dataset.features == config_features(config)
        assert dataset.num_rows == expected[config]
        assert str(dataset.split) == "test" and dataset.info.config_name == config
    frame = load("entities", corpus_dir=built / "corpus").to_pandas()
    assert list(frame.columns) == list(config_features("entities"))
    assert frame.loc[frame["mention_id"] == "m6", "text"].item() == "القاهرة"


def test_shipped_corpus_loads_by_default() -> None:
    for config in CONFIGS:
        dataset = naba.load(config)
        assert dataset.features == config_features(config)
    assert naba.load("documents").num_rows >= 1


def test_unknown_config_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownConfigError) as caught:
        naba.load("mentions")
    message = str(caught.value)
    assert "'mentions'" in message
    for config in CONFIGS:
        assert config in message
    assert isinstance(caught.value, ValueError)


def test_unknown_split_is_an_error() -> None:
    with pytest.raises(ValueError, match="valid splits: test"):
        load("entities", split="train")


def test_missing_data_file_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="run `naba build`"):
        load("entities", corpus_dir=tmp_path)


def test_schema_mismatch_is_an_error(built: Path) -> None:
    path = built / "corpus" / data_path("entities")
    schema = pa.schema([("document_id", pa.string()), ("mention_id", pa.string())])
    table = pa.Table.from_pylist([{"document_id": "d", "mention_id": "m"}], schema=schema)
    pq.write_table(table, str(path))
    with pytest.raises(CorpusError, match="schema differs"):
        load("entities", corpus_dir=built / "corpus")
    path.write_bytes(b"not arrow")
    with pytest.raises(CorpusError, match="not a Parquet file"):
        read_rows("entities", corpus_dir=built / "corpus")


def test_load_is_fresh_after_an_edit_and_rebuild(built: Path) -> None:
    corpus = built / "corpus"
    before = load("entities", corpus_dir=corpus)
    assert set(before["entity_name_en"]) == {"Sami Haddad", "Cairo", "the government", "Egypt"}
    record = built / "annotations" / "records" / "mini_001.json"
    raw = json.loads(record.read_text(encoding="utf-8"))
    raw["entities"][1]["name_en"] = "Al-Qahira"
    record.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write(build_from_root(built), built)
    after = load("entities", corpus_dir=corpus)
    assert set(after["entity_name_en"]) == {"Sami Haddad", "Al-Qahira", "the government", "Egypt"}
    assert load("documents", corpus_dir=corpus)[0]["entities"][1]["name_en"] == "Al-Qahira"


def test_load_works_from_a_copied_folder_in_another_cwd(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere"
    shutil.copytree(built / "corpus", target)
    monkeypatch.chdir(tmp_path)
    assert load("timex", corpus_dir=target).num_rows == 3


def test_the_cards_pandas_snippet(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The card's loader-free snippet: plain pandas reads a data file (no naba, no datasets)."""
    import pandas as pd

    monkeypatch.chdir(built)
    card = (built / "corpus" / "README.md").read_text(encoding="utf-8")
    snippet = 'frame = pd.read_parquet("corpus/data/entities/test.parquet")'
    assert snippet in card
    scope: dict[str, object] = {"pd": pd}
    exec(snippet, scope)
    expected = load("entities", corpus_dir=built / "corpus").to_pandas()
    assert scope["frame"].equals(expected)  # type: ignore[attr-defined]
