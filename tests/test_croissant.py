"""``corpus/croissant.json``: generated from the features, every file listed with its sha256,
valid Croissant 1.0 for mlcroissant, and read by mlcroissant offline to the rows naba loads.

mlcroissant reads local files itself (no network: a ``contentUrl`` that is a relative path is
opened from the JSON-LD's folder) and checks each file's sha256 as it reads it. Its reader
(1.1.1) rebuilds one level of nesting: a struct or a list of structs of plain values. The
``documents`` columns nested two deep (``entities[].mentions[]``, ``quotes[].cue``...) are
described in the metadata but come back without their inner level, so for ``documents`` only
the columns of depth one or less are compared; every other config is compared whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sys
from pathlib import Path
from typing import Any

import mlcroissant as mlc
import numpy as np
import pytest
from absl import logging as absl_logging
from datasets import ClassLabel, List, Value

from naba.corpus.build import build_from_root, data_path, write
from naba.corpus.croissant import CROISSANT_NAME, record_set_id
from naba.corpus.features import CONFIGS, SPLITS, config_features
from naba.corpus.loading import load

# absl (mlcroissant's logger) gives its handler the sys.stderr of import time: pytest's capture
# file during collection. import-linter's logging.config.dictConfig (tests/test_architecture.py)
# closes every existing handler, and absl's then closed that capture file: pytest lost stderr and
# crashed. The process's own stderr is one absl never closes.
absl_logging.get_absl_handler().python_handler.stream = sys.__stderr__


@pytest.fixture(scope="module")
def metadata(repo_root: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((repo_root / "corpus" / CROISSANT_NAME).read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def dataset(repo_root: Path) -> mlc.Dataset:
    """mlcroissant's Dataset over the committed file: construction validates it and raises
    ``mlc.ValidationError`` on any error."""
    logging.getLogger("absl").setLevel(logging.ERROR)
    return mlc.Dataset(jsonld=repo_root / "corpus" / CROISSANT_NAME)


def _plain(value: Any) -> Any:
    """mlcroissant's record as naba's rows: field ids to column names, bytes to str."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {key.rsplit("/", 1)[-1]: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(item) for item in value]
    return value


def _depth(feature: Any) -> int:
    """How many struct levels a column nests (0 for a plain value or a list of them)."""
    inner = feature.feature if isinstance(feature, List) else feature
    if isinstance(inner, dict):
        return 1 + max(_depth(sub) for sub in inner.values())
    return 0


def test_it_is_valid_croissant_1_0_with_no_errors(dataset: mlc.Dataset, metadata: dict[str, Any]) -> None:
    assert metadata["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert dataset.metadata.issues.errors == set()
    # the one warning left: no datePublished (the build has no date it could write deterministically)
    assert all("datePublished" in warning for warning in dataset.metadata.issues.warnings), dataset.metadata.issues.warnings


def test_every_data_file_is_listed_with_its_sha256(repo_root: Path, metadata: dict[str, Any]) -> None:
    files = {entry["contentUrl"]: entry for entry in metadata["distribution"]}
    expected = {data_path(config, split) for config in CONFIGS for split in SPLITS}
    assert set(files) == expected
    for path, entry in files.items():
        data = (repo_root / "corpus" / path).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), path
        assert entry["encodingFormat"] == "application/x-parquet" and entry["contentSize"] == f"{len(data)} B"


def _leaves(field: dict[str, Any]) -> list[tuple[str, str, bool]]:
    if "subField" in field:
        return [leaf for sub in field["subField"] for leaf in _leaves(sub)]
    return [(field["@id"], field["dataType"], bool(field.get("repeated")))]


def _feature_leaves(prefix: str, feature: Any, repeated: bool = False) -> list[tuple[str, str, bool]]:
    if isinstance(feature, List):
        return _feature_leaves(prefix, feature.feature, True)
    if isinstance(feature, dict):
        return [leaf for key, sub in feature.items() for leaf in _feature_leaves(f"{prefix}/{key}", sub)]
    kind = "sc:Integer" if isinstance(feature, ClassLabel) or (isinstance(feature, Value) and feature.dtype.startswith("int")) else "sc:Text"
    return [(prefix, kind, repeated)]


def test_fields_are_the_features(metadata: dict[str, Any]) -> None:
    """Every record set's fields, at every depth, are its config's features: names, order,
    types; a list is ``repeated``; ner_tags names its classes."""
    record_sets = {rs["@id"]: rs for rs in metadata["recordSet"]}
    assert list(record_sets) == [record_set_id(config, split) for config in CONFIGS for split in SPLITS]
    for config in CONFIGS:
        features = config_features(config)
        for split in SPLITS:
            rs = record_sets[record_set_id(config, split)]
            assert [field["name"] for field in rs["field"]] == list(features)
            for field, (column, feature) in zip(rs["field"], features.items()):
                assert field["repeated"] is True if isinstance(feature, List) else "repeated" not in field
                expected = _feature_leaves(f"{rs['@id']}/{column}", feature)
                assert [(i, t) for i, t, _ in _leaves(field)] == [(i, t) for i, t, _ in expected], column
    ner_tags = next(f for f in record_sets["ner_tokens_test"]["field"] if f["name"] == "ner_tags")
    assert "0 O, 1 B-PER" in ner_tags["description"]


def test_mlcroissant_reads_the_rows_naba_loads(dataset: mlc.Dataset) -> None:
    for config in CONFIGS:
        features = config_features(config)
        comparable = [column for column, feature in features.items() if _depth(feature) <= 1]
        if config != "documents":
            assert comparable == list(features), config
        for split in SPLITS:
            records = [_plain(record) for record in dataset.records(record_set_id(config, split))]
            rows = load(config, split=split).to_list()
            assert len(records) == len(rows) > 0, (config, split)
            for record, row in zip(records, rows):
                assert {c: record[c] for c in comparable} == {c: row[c] for c in comparable}, (config, split)


def test_mlcroissant_rejects_a_data_file_whose_sha256_differs(repo_root: Path, tmp_path: Path) -> None:
    """The sha256 values are checked, not decoration: a data file rebuilt from other gold
    without regenerating croissant.json fails to read."""
    corpus = tmp_path / "corpus"
    shutil.copytree(repo_root / "corpus", corpus)
    shutil.copy(repo_root / "corpus" / data_path("timex", "dev"), corpus / data_path("timex", "test"))
    logging.getLogger("absl").setLevel(logging.ERROR)
    stale = mlc.Dataset(jsonld=corpus / CROISSANT_NAME)
    with pytest.raises(Exception) as caught:
        list(stale.records(record_set_id("timex", "test")))
    chain: list[BaseException] = []
    error: BaseException | None = caught.value
    while error is not None:  # mlcroissant wraps the hash error in a generation error
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any("Hash of downloaded file" in str(item) and "data/timex/test.parquet" in str(item) for item in chain), chain


def test_croissant_is_rebuilt_with_the_data(mini_root: Path) -> None:
    """A mini corpus (test split only) gets its own croissant.json, valid and readable."""
    write(build_from_root(mini_root), mini_root)
    path = mini_root / "corpus" / CROISSANT_NAME
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [entry["contentUrl"] for entry in document["distribution"]] == [data_path(config) for config in CONFIGS]
    logging.getLogger("absl").setLevel(logging.ERROR)
    records = list(mlc.Dataset(jsonld=path).records(record_set_id("entities", "test")))
    assert len(records) == load("entities", corpus_dir=mini_root / "corpus").num_rows == 8
