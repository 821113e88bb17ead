"""The corpus build: determinism, ``--check``, the card, the data files against
the features, ``datasets.load_dataset`` offline, the tokenizer and the IOB2
projection (round trip through seqeval).

Tests on the committed corpus use only properties that hold for any valid gold;
tests that need every layer filled use the invented fixture record
``tests/fixtures/valid/mini_001.json``.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from click.testing import CliRunner
from datasets import ClassLabel, Features, List, Value
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities

from naba.corpus.build import (
    CARD_PATH,
    PARQUET_OPTIONS,
    PARQUET_WRITER,
    SCHEMA_PATH,
    RowShapeError,
    build_files,
    build_from_root,
    config_rows,
    conform,
    data_path,
    this_parquet_writer,
    write,
)
from naba.cli import main
from naba.corpus.features import COLUMN_DOCS, CONFIGS, DEFAULT_CONFIG, config_features
from naba.corpus.loading import load
from naba.gold.model import Record, json_schema
from naba.gold.records import gold_sha256, load_records
from naba.corpus.tokenize import (
    PROCLITIC_RE,
    MentionSpan,
    Token,
    iob2_names,
    project_mentions,
    project_record,
    projection_stats,
    tokenize,
)

#: Top-level columns that may be null (the model allows None there); all others never are.
NULLABLE = {
    "timex": {"anchor_kind", "anchor_id"},
    "quotes": {"speaker_entity_id", "speaker_mention_id", "speaker_name", "relayed_by_entity_id", "time_id"},
    "events": {"time_id"},
}


@pytest.fixture(scope="module")
def mini_built(tmp_path_factory: pytest.TempPathFactory, mini_record: Path) -> Path:
    """A data root with the mini record and its built corpus (every config has rows)."""
    root = tmp_path_factory.mktemp("mini") / "root"
    (root / "annotations" / "records").mkdir(parents=True)
    shutil.copy(mini_record, root / "annotations" / "records" / mini_record.name)
    write(build_from_root(root), root)
    return root


def _copy_gold(repo_root: Path, target: Path, *, with_corpus: bool) -> Path:
    """The gold of every split (test records, dev records, the challenge manifest), and the corpus."""
    shutil.copytree(repo_root / "annotations" / "records", target / "annotations" / "records")
    shutil.copytree(repo_root / "annotations" / "dev" / "records", target / "annotations" / "dev" / "records")
    shutil.copytree(repo_root / "annotations" / "challenge", target / "annotations" / "challenge")
    if with_corpus:
        shutil.copytree(repo_root / "corpus", target / "corpus")
        shutil.copy(repo_root / SCHEMA_PATH, target / SCHEMA_PATH)
    return target


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- determinism and --check


def test_rebuild_is_byte_identical(repo_root: Path, tmp_path: Path) -> None:
    first = _copy_gold(repo_root, tmp_path / "a", with_corpus=False)
    second = _copy_gold(repo_root, tmp_path / "b", with_corpus=False)
    for root in (first, second):
        result = CliRunner().invoke(main, ["build", "--root", str(root)])
        assert result.exit_code == 0, result.output
    assert _snapshot(first) == _snapshot(second)
    again = CliRunner().invoke(main, ["build", "--root", str(first)])
    assert again.exit_code == 0 and "0 file(s) changed" in again.output
    records = load_records(first / "annotations" / "records")
    assert build_files(records, "x").files == build_files(records, "x").files


def test_flat_configs_do_not_depend_on_annotation_order(mini_root: Path) -> None:
    """Rows are sorted by text position: reordering entities, mentions, time
    expressions, events and arguments in the record changes only ``documents``."""
    path = mini_root / "annotations" / "records" / "mini_001.json"
    before = build_from_root(mini_root).files
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["entities"].reverse()
    for entity in raw["entities"]:
        entity["mentions"].reverse()
    raw["timexes"].reverse()
    raw["events"].reverse()
    for event in raw["events"]:
        event["arguments"].reverse()
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    after = build_from_root(mini_root).files
    changed = {name for name in before if before[name] != after[name]}
    # README: the gold sha256; croissant.json: the documents file's sha256
    assert changed == {"corpus/README.md", "corpus/data/documents/test.parquet", "corpus/croissant.json"}


def test_check_passes_on_the_committed_corpus() -> None:
    result = CliRunner().invoke(main, ["build", "--check"])
    assert result.exit_code == 0, result.output + "\nrun `naba build` and commit corpus/ and the schema"
    assert "up to date" in result.output


def test_check_names_stale_files(repo_root: Path, tmp_path: Path) -> None:
    root = _copy_gold(repo_root, tmp_path / "copy", with_corpus=True)
    assert CliRunner().invoke(main, ["build", "--check", "--root", str(root)]).exit_code == 0

    with (root / "corpus" / data_path("ner_tokens")).open("ab") as handle:
        handle.write(b"\0")
    (root / SCHEMA_PATH).unlink()
    (root / "corpus" / "data" / "old").mkdir()
    (root / "corpus" / "data" / "old" / "test.jsonl").write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--check", "--root", str(root)])
    assert result.exit_code == 1
    assert "stale: corpus/data/ner_tokens/test.parquet (differs)" in result.output
    assert f"stale: {SCHEMA_PATH} (missing)" in result.output
    assert "stale: corpus/data/old/test.jsonl (unexpected)" in result.output
    assert "Traceback" not in result.output

    fixed = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert fixed.exit_code == 0 and "removed: corpus/data/old/test.jsonl" in fixed.output
    assert not (root / "corpus" / "data" / "old").exists()
    assert CliRunner().invoke(main, ["build", "--check", "--root", str(root)]).exit_code == 0


def test_parquet_files_are_written_with_the_pinned_options(repo_root: Path) -> None:
    """The footer of every committed data file: the pinned writer, one row group, snappy,
    statistics, and no key-value metadata (no ARROW:schema, pandas or huggingface blob)."""
    for path in sorted((repo_root / "corpus" / "data").rglob("*")):
        if path.is_dir():
            continue
        assert path.suffix == ".parquet", path
        metadata = pq.read_metadata(path)
        assert metadata.created_by == PARQUET_WRITER, path
        assert metadata.metadata is None, path
        assert metadata.format_version == PARQUET_OPTIONS["version"]
        assert metadata.num_row_groups == 1, path
        for column in range(metadata.num_columns):
            chunk = metadata.row_group(0).column(column)
            assert chunk.compression == "SNAPPY" and chunk.is_stats_set, (path, chunk.path_in_schema)


def test_the_test_environment_has_the_writer_of_the_committed_files() -> None:
    """The test extra pins pyarrow to the committed files' writer; without it the byte checks
    above would fail for a reason that has nothing to do with the gold."""
    assert this_parquet_writer() == PARQUET_WRITER == f"parquet-cpp-arrow version {pa.__version__}"
    import tomllib

    extra = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [spec.split(" ")[0] for spec in extra["project"]["optional-dependencies"]["test"] if spec.startswith("pyarrow")]
    assert pins == [f"pyarrow=={PARQUET_WRITER.rsplit(' ', 1)[-1]}"]


def test_check_names_both_writers_when_pyarrow_differs(repo_root: Path, tmp_path: Path) -> None:
    """A file written by another pyarrow (its created_by changed in place, same length) is
    stale, and --check says which writer wrote it and which one the committed files need."""
    root = _copy_gold(repo_root, tmp_path / "copy", with_corpus=True)
    path = root / "corpus" / data_path("timex")
    other = PARQUET_WRITER[:-1] + ("0" if PARQUET_WRITER[-1] != "0" else "1")  # another patch release
    assert len(other) == len(PARQUET_WRITER) and other != PARQUET_WRITER
    path.write_bytes(path.read_bytes().replace(PARQUET_WRITER.encode(), other.encode()))
    assert pq.read_metadata(path).created_by == other
    result = CliRunner().invoke(main, ["build", "--check", "--root", str(root)])
    assert result.exit_code == 1
    assert f"stale: corpus/data/timex/test.parquet (differs): written by {other}, this build writes with {PARQUET_WRITER}" in result.output
    assert "Traceback" not in result.output


def test_check_fails_after_a_record_edit(mini_built: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(mini_built, root)
    path = root / "annotations" / "records" / "mini_001.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"Cairo"', '"Al-Qahira"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--check", "--root", str(root)])
    assert result.exit_code == 1
    for name in ("corpus/README.md", "corpus/data/documents/test.parquet", "corpus/data/entities/test.parquet"):
        assert f"stale: {name} (differs)" in result.output
    assert "timex/test.parquet" not in result.output


def test_build_refuses_invalid_gold_with_exit_2(mini_root: Path) -> None:
    path = mini_root / "annotations" / "records" / "mini_001.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"2024-03-09TEV"', '"yesterday"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(mini_root)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "[timex_value]" in result.output and "nothing was built" in result.output
    assert not (mini_root / "corpus").exists()


def test_build_with_empty_layers(mini_root: Path) -> None:
    path = mini_root / "annotations" / "records" / "mini_001.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw.update(entities=[], timexes=[], quotes=[], events=[])
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    output = build_from_root(mini_root)
    assert output.counts == {"documents": 1, "entities": 0, "timex": 0, "quotes": 0, "events": 0, "ner_tokens": 3}
    write(output, mini_root)
    card = (mini_root / CARD_PATH).read_text(encoding="utf-8")
    assert "Configs with no rows in this build: `entities`, `timex`, `quotes`, `events`." in card
    for config in CONFIGS:
        dataset = load(config, corpus_dir=mini_root / "corpus")
        assert dataset.num_rows == output.counts[config]
        assert dataset.features == config_features(config)


def test_schema_file_is_the_model_schema(repo_root: Path) -> None:
    text = (repo_root / SCHEMA_PATH).read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert json.loads(text) == json_schema()
    assert list(json.loads(text)) == sorted(json.loads(text))


# --------------------------------------------------------------------------- card and data files


def _card_header(corpus: Path) -> dict[str, Any]:
    text = (corpus / "README.md").read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, "the card must start with a YAML header"
    return yaml.safe_load(match.group(1))


def test_card_yaml_features_equal_the_definitions(repo_root: Path) -> None:
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCard

    header = _card_header(repo_root / "corpus")
    assert header["license"] == "other" and header["language"] == ["ar"]
    assert "token-classification" in header["task_categories"]
    assert [c["config_name"] for c in header["configs"]] == list(CONFIGS)
    assert [c["config_name"] for c in header["configs"] if c.get("default")] == [DEFAULT_CONFIG]
    for config in header["configs"]:
        assert config["data_files"] == [{"split": split, "path": data_path(config["config_name"], split)} for split in ("test", "dev", "challenge")]
        for data_file in config["data_files"]:
            assert (repo_root / "corpus" / data_file["path"]).is_file()
    for info in header["dataset_info"]:
        assert Features._from_yaml_list(info["features"]) == config_features(info["config_name"])
    # the same through the Hub's own card parser
    card = DatasetCard.load(repo_root / "corpus" / "README.md")
    infos = DatasetInfosDict.from_dataset_card_data(card.data)
    assert {name: info.features for name, info in infos.items()} == {c: config_features(c) for c in CONFIGS}


def test_every_column_is_documented() -> None:
    for config in CONFIGS:
        assert list(COLUMN_DOCS[config]) == list(config_features(config))


def _assert_matches(value: Any, feature: Any, where: str) -> None:
    """Keys (and their order) equal the feature keys at every depth; leaves fit."""
    if isinstance(feature, (dict, Features)):
        if value is None:
            return
        assert isinstance(value, dict), where
        assert list(value) == list(feature), f"{where}: keys {list(value)} != features {list(feature)}"
        for key, sub in feature.items():
            _assert_matches(value[key], sub, f"{where}.{key}")
    elif isinstance(feature, List):
        assert isinstance(value, list), where
        for i, item in enumerate(value):
            _assert_matches(item, feature.feature, f"{where}[{i}]")
    elif isinstance(feature, ClassLabel):
        assert type(value) is int and 0 <= value < feature.num_classes, where
    elif isinstance(feature, Value):
        expected = {"string": str, "int32": int, "int64": int}[feature.dtype]
        assert value is None or type(value) is expected, f"{where}: {value!r} is not {feature.dtype}"
        if feature.dtype == "int32" and value is not None:
            assert 0 <= value < 2**31, where
    else:
        raise AssertionError(f"{where}: unexpected feature {feature!r}")


def _read_parquet(path: Path) -> pa.Table:
    return pq.ParquetFile(str(path)).read()


def _check_data_files(corpus: Path) -> dict[str, int]:
    """Every data file: schema exactly the features' types (no metadata), and
    every row's keys equal the feature keys at every depth, non-nullable
    columns never null (pyarrow would have filled a missing key with null)."""
    counts = {}
    for config in CONFIGS:
        features = config_features(config)
        table = _read_parquet(corpus / data_path(config))
        assert table.schema.metadata is None
        assert table.schema.equals(features.arrow_schema.remove_metadata()), config
        assert table.num_rows == 0 or len(table.to_batches()) == 1
        for number, row in enumerate(table.to_pylist()):
            _assert_matches(row, features, f"{config}[{number}]")
            for column in set(features) - NULLABLE.get(config, set()) - {"variant"}:
                assert row[column] is not None, f"{config}[{number}]: {column} is null"
        counts[config] = table.num_rows
    return counts


def test_built_rows_match_the_features_before_arrow(mini_record: Path, repo_root: Path) -> None:
    for directory in (mini_record.parent, repo_root / "annotations" / "records"):
        rows = config_rows(load_records(directory))
        for config in CONFIGS:
            for number, row in enumerate(rows[config]):
                _assert_matches(row, config_features(config), f"{config}[{number}]")


def test_conform_rejects_missing_and_extra_keys() -> None:
    features = config_features("entities")
    row = {name: None for name in features}
    with pytest.raises(RowShapeError, match="missing"):
        conform({k: v for k, v in row.items() if k != "text"}, features, "row")
    with pytest.raises(RowShapeError, match="unexpected"):
        conform({**row, "extra": 1}, features, "row")
    with pytest.raises(RowShapeError, match="int32"):
        conform({**row, "start": "3"}, features, "row")
    with pytest.raises(RowShapeError, match="int32"):
        conform({**row, "start": 2**31}, features, "row")
    with pytest.raises(RowShapeError, match="class index"):
        conform({"document_id": "d", "sentence_id": "s", "tokens": [], "token_starts": [], "token_ends": [], "ner_tags": [99],
                 "variant": None, "transformations": []},
                config_features("ner_tokens"), "row")


def test_committed_rows_match_the_features_exactly(repo_root: Path) -> None:
    counts = _check_data_files(repo_root / "corpus")
    assert counts["documents"] == len(list((repo_root / "annotations" / "records").glob("*.json")))


def test_mini_rows_match_the_features_exactly(mini_built: Path) -> None:
    counts = _check_data_files(mini_built / "corpus")
    assert counts == {"documents": 1, "entities": 8, "timex": 3, "quotes": 1, "events": 2, "ner_tokens": 3}


def test_mini_rows_content(mini_built: Path) -> None:
    def rows(config: str) -> list[dict[str, Any]]:
        return _read_parquet(mini_built / "corpus" / data_path(config)).to_pylist()

    entities = rows("entities")
    assert [r["mention_id"] for r in entities] == ["m1", "m5", "m2", "m3", "m6", "m7", "m4", "m8"]  # text order
    cairo = next(r for r in entities if r["mention_id"] == "m6")
    assert (cairo["entity_id"], cairo["entity_name_en"], cairo["type"], cairo["text"]) == ("e2", "Cairo", "GPE", "القاهرة")
    timex = {r["timex_id"]: r for r in rows("timex")}
    assert (timex["t1"]["anchor_kind"], timex["t1"]["anchor_id"]) == ("publication_date", None)
    assert (timex["t2"]["anchor_kind"], timex["t2"]["anchor_id"]) == ("speech_event", "q1")
    (quote,) = rows("quotes")
    assert (quote["speaker_name"], quote["cue_text"], quote["relayed_by_entity_id"]) == ("سامي حداد", "قال", None)
    events = rows("events")
    assert [e["event_id"] for e in events] == ["v1", "v2"]
    assert [a["role"] for a in events[1]["arguments"]] == ["Person", "Destination", "Time"]
    (document,) = rows("documents")
    record = Record.model_validate_json((mini_built / "annotations" / "records" / "mini_001.json").read_text(encoding="utf-8"))
    assert document["text"] == record.document.text and document["entities"][1]["mentions"][1]["id"] == "m6"


def test_card_counts_come_from_the_data(repo_root: Path, mini_built: Path) -> None:
    for root in (repo_root, mini_built):
        card = (root / CARD_PATH).read_text(encoding="utf-8")
        for config in CONFIGS:
            rows = _read_parquet(root / "corpus" / data_path(config)).num_rows
            assert f"| `{config}` | {rows} |" in card
        stats = projection_stats(load_records(root / "annotations" / "records"))
        assert f"| represented in IOB2 | {stats.represented} |" in card
        assert f"| nested or overlapping, lost in IOB2 | {stats.overlap} |" in card
        assert f"| ending inside a token (not representable) | {stats.end_inside_token} |" in card
        assert gold_sha256(root / "annotations" / "records") in card
        assert "license: other" in card and "redistribution rights of the article text are unknown" in card


# --------------------------------------------------------------------------- datasets.load_dataset, offline

_LOAD_SCRIPT = """
import json, os, sys
from datasets import load_dataset
out = {}
for index, folder in enumerate(sys.argv[2:]):
    os.chdir(folder)  # load_dataset("corpus", ...) from the folder that holds corpus/
    # one cache per folder: datasets' cache key for a local folder named "corpus" ignores
    # where the folder is and what its files hold, so two corpora would share one entry
    cache = os.path.join(os.environ["HF_DATASETS_CACHE"], str(index))
    out[folder] = {}
    for config in %r:
        try:
            dataset = load_dataset("corpus", config, split="test", cache_dir=cache)
            out[folder][config] = {"rows": dataset.to_list(), "features": dataset.features.to_dict(), "split": str(dataset.split)}
        except ValueError as err:
            out[folder][config] = {"error": str(err)}
    default = load_dataset("corpus", split="test", cache_dir=cache)  # no config name: the card's default
    out[folder]["<no config name>"] = {"rows": default.to_list(), "config": default.info.config_name}
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump(out, handle, ensure_ascii=False)
""" % (CONFIGS,)


@pytest.fixture(scope="module")
def loaded_with_datasets(repo_root: Path, mini_built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``datasets.load_dataset("corpus", config, split="test")`` for every config,
    offline with an empty cache, run from the repository root and from the mini root
    (one subprocess: the environment must be set before datasets is imported)."""
    tmp = tmp_path_factory.mktemp("hf")
    env = dict(os.environ)
    env.update(
        HF_DATASETS_OFFLINE="1",
        HF_HUB_OFFLINE="1",
        HF_HOME=str(tmp / "hf"),
        HF_DATASETS_CACHE=str(tmp / "hf" / "datasets"),
    )
    out = tmp / "loaded.json"
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_SCRIPT, str(out), str(repo_root), str(mini_built)],
        cwd=repo_root, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(out.read_text(encoding="utf-8"))
    return {"repo": loaded[str(repo_root)], "mini": loaded[str(mini_built)]}


def test_load_dataset_offline_from_the_repository_root(loaded_with_datasets: dict[str, Any]) -> None:
    loaded = loaded_with_datasets["repo"]
    for config in CONFIGS:
        ours = load(config)
        if ours.num_rows == 0:  # datasets cannot read an empty split (documented in the card)
            assert "corresponds to no data" in loaded[config]["error"]
            continue
        assert "error" not in loaded[config], loaded[config]
        assert Features.from_dict(loaded[config]["features"]) == config_features(config)
        assert loaded[config]["rows"] == ours.to_list()


def test_load_dataset_offline_every_config(loaded_with_datasets: dict[str, Any], mini_built: Path) -> None:
    loaded = loaded_with_datasets["mini"]
    for config in CONFIGS:
        assert "error" not in loaded[config], loaded[config]
        assert Features.from_dict(loaded[config]["features"]) == config_features(config)  # the card was applied
        ours = load(config, corpus_dir=mini_built / "corpus")
        assert ours.num_rows > 0 and loaded[config]["split"] == "test"
        assert loaded[config]["rows"] == ours.to_list()
    assert loaded["<no config name>"]["config"] == DEFAULT_CONFIG == "documents"
    assert loaded["<no config name>"]["rows"] == load(DEFAULT_CONFIG, corpus_dir=mini_built / "corpus").to_list()
    assert loaded_with_datasets["repo"]["<no config name>"]["rows"] == load(DEFAULT_CONFIG).to_list()
    # ISO-date strings stay strings (JSON data files came back as "2024-03-10 00:00:00")
    values = {row["timex_id"]: row["value"] for row in loaded["timex"]["rows"]}
    assert values == {"t1": "2024-03-10", "t2": "2024-03-11", "t3": "2024-03-09TEV"}
    assert loaded["documents"]["rows"][0]["publication_date"]["value"] == "2024-03-11"


# --------------------------------------------------------------------------- ner_tokens round trip


def _roundtrip(root: Path) -> None:
    records = {r.document.id: r for r in load_records(root / "annotations" / "records")}
    names = iob2_names()
    decoded: dict[str, list[tuple[str, int, int]]] = {doc: [] for doc in records}
    for row in load("ner_tokens", corpus_dir=root / "corpus").to_list():
        tags = [names[i] for i in row["ner_tags"]]
        for entity_type, first, last in get_entities(tags):
            decoded[row["document_id"]].append((entity_type, row["token_starts"][first], row["token_ends"][last]))
    gold_mentions = [r for r in load("entities", corpus_dir=root / "corpus").to_list() if r["mention_kind"] == "name"]
    for doc_id, record in records.items():
        projection = project_record(record)
        dropped = {mention.mention_id for mention, _ in projection.dropped}
        gold = [m for m in gold_mentions if m["document_id"] == doc_id and m["mention_id"] not in dropped]
        text = record.document.text
        unmatched = list(decoded[doc_id])
        non_proclitic = 0
        for mention in gold:
            # the tokens of a mention may add a prefix (a proclitic) before its start, never anything after its end
            match = [d for d in unmatched if d[0] == mention["type"] and d[2] == mention["end"] and d[1] <= mention["start"]]
            assert len(match) == 1, (mention, match)
            unmatched.remove(match[0])
            if not PROCLITIC_RE.match(text[match[0][1] : mention["start"]]):
                non_proclitic += 1
        assert unmatched == [], unmatched
        stats = projection.stats
        assert len(gold) == stats.represented
        assert stats.mentions - stats.represented == stats.unrepresentable == len(dropped)
        assert non_proclitic == stats.start_inside_non_proclitic


def test_ner_tokens_round_trip_committed(repo_root: Path) -> None:
    _roundtrip(repo_root)


def test_ner_tokens_round_trip_mini(mini_built: Path) -> None:
    _roundtrip(mini_built)
    record = load_records(mini_built / "annotations" / "records")[0]
    stats = project_record(record).stats
    # name mentions: سامي حداد, القاهرة x2 (one in بالقاهرة), حداد, مصر
    assert (stats.mentions, stats.represented, stats.start_inside_token, stats.unrepresentable) == (5, 5, 1, 0)
    row = load("ner_tokens", corpus_dir=mini_built / "corpus").to_list()[1]
    tags = [iob2_names()[i] for i in row["ner_tags"]]
    assert list(zip(row["tokens"], tags))[3:6] == [("سامي", "B-PER"), ("حداد", "I-PER"), ("بالقاهرة", "B-GPE")]


# --------------------------------------------------------------------------- tokenizer


def _texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def test_tokenize_examples() -> None:
    assert _texts(tokenize("في موسكو، اليوم")) == ["في", "موسكو", "،", "اليوم"]
    assert _texts(tokenize("بأنها “تقف مع الجانب”، وذلك")) == ["بأنها", "“", "تقف", "مع", "الجانب", "”", "،", "وذلك"]
    assert _texts(tokenize("وجّهت جذريًّا")) == ["وجّهت", "جذريًّا"]  # shadda and tanween stay on their letters
    assert _texts(tokenize("عددهم 250 شخصا و3.5 أو 1,000.")) == ["عددهم", "250", "شخصا", "و3.5", "أو", "1,000", "."]
    assert _texts(tokenize("لإيران؟ لقاء.. 🔴 pic.twitter.com (@abdalnet) June 23, 2025")) == [
        "لإيران", "؟", "لقاء", ".", ".", "🔴", "pic", ".", "twitter", ".", "com", "(", "@", "abdalnet", ")",
        "June", "23", ",", "2025",
    ]
    assert _texts(tokenize("a\u200fb c")) == ["a", "b", "c"]  # RLM separates, belongs to no token
    assert tokenize("ab cd", 1, 4) == [Token(1, 2, "b"), Token(3, 4, "c")]
    with pytest.raises(ValueError):
        tokenize("ab", 1, 5)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتوفلك ،.؟“”«»,0123456789aZ\n\u064b\u0651\u200c\u200f🔴-_")), max_size=40))
def test_tokenize_offsets_cover_every_visible_character(text: str) -> None:
    tokens = tokenize(text)
    assert tokens == tokenize(text)
    previous_end = 0
    covered: set[int] = set()
    for token in tokens:
        assert token.text == text[token.start : token.end] and token.start < token.end
        assert token.start >= previous_end
        previous_end = token.end
        covered.update(range(token.start, token.end))
        assert not any(c.isspace() for c in token.text)
    for index, char in enumerate(text):
        if not char.isspace() and char != "\u200f":
            assert index in covered, (text, index)


# --------------------------------------------------------------------------- projection rule


def _one_sentence(text: str) -> list[list[Token]]:
    return [tokenize(text)]


def test_projection_proclitic_and_non_proclitic_prefix() -> None:
    text = "زار بوتين وموسكو ومحادثاته"
    mentions = [MentionSpan("m1", "GPE", text.index("موسكو"), text.index("موسكو") + 5)]
    projection = project_mentions(text, _one_sentence(text), mentions)
    assert projection.tags == (("O", "O", "B-GPE", "O"),)
    assert projection.stats.start_inside_token == 1 and projection.stats.start_inside_non_proclitic == 0
    pronoun = [MentionSpan("m2", "PER", len(text) - 1, len(text))]  # suffix pronoun ه
    projection = project_mentions(text, _one_sentence(text), pronoun)
    assert projection.tags == (("O", "O", "O", "B-PER"),)
    assert projection.stats.start_inside_non_proclitic == 1


def test_projection_drops_mentions_ending_inside_a_token() -> None:
    text = "الإيرانيون هنا"
    projection = project_mentions(text, _one_sentence(text), [MentionSpan("m1", "GPE", 2, 7)])
    assert projection.tags == (("O", "O"),)
    assert projection.stats.end_inside_token == 1 and projection.stats.represented == 0
    assert [reason for _, reason in projection.dropped] == ["end_inside_token"]


def test_projection_nested_outermost_longest_wins_in_any_input_order() -> None:
    text = "وزارة الخارجية الروسية قالت وروسيا"
    outer = MentionSpan("m1", "ORG", 0, len("وزارة الخارجية الروسية"))
    inner = MentionSpan("m2", "GPE", text.index("الروسية"), outer.end)
    other = MentionSpan("m3", "GPE", text.index("روسيا"), len(text))
    results = set()
    for order in ([outer, inner, other], [inner, other, outer], [other, outer, inner]):
        projection = project_mentions(text, _one_sentence(text), order)
        results.add(projection)
    assert len(results) == 1
    (projection,) = results
    assert projection.tags == (("B-ORG", "I-ORG", "I-ORG", "O", "B-GPE"),)
    assert projection.stats.overlap == 1 and [m.mention_id for m, _ in projection.dropped] == ["m2"]
    assert projection.stats.represented + projection.stats.unrepresentable == projection.stats.mentions == 3


def test_projection_adjacent_mentions_and_sentence_boundary() -> None:
    text = "بوتين عراقجي. موسكو"
    sentences = [tokenize(text, 0, 13), tokenize(text, 14, len(text))]
    adjacent = [MentionSpan("a", "PER", 0, 5), MentionSpan("b", "PER", 6, 12)]
    projection = project_mentions(text, sentences, adjacent)
    assert projection.tags == (("B-PER", "B-PER", "O"), ("O",))
    crossing = [MentionSpan("c", "LOC", 6, len(text))]
    projection = project_mentions(text, sentences, crossing)
    assert projection.stats.cross_sentence == 1 and projection.tags == (("O", "O", "O"), ("O",))


def test_projection_rule_is_in_the_card_and_module_docstring(repo_root: Path) -> None:
    import naba.corpus.tokenize as module

    card = (repo_root / CARD_PATH).read_text(encoding="utf-8")
    for document in (card, module.__doc__ or ""):
        assert "last character" in document and "outermost-longest" in document


def test_tags_of_unknown_type_are_impossible() -> None:
    with pytest.raises(ValueError):
        project_mentions("abc", [tokenize("abc")], [MentionSpan("m", "MISC", 0, 3)])


def test_random_mention_sets_keep_iob2_well_formed() -> None:
    """Seeded random mention sets: tags decode (seqeval) to exactly the kept mentions."""
    rng = random.Random(13)
    text = "قال الرئيس الروسي فلاديمير بوتين لوزير الخارجية الإيراني عباس عراقجي في موسكو، اليوم."
    tokens = tokenize(text)
    for _ in range(200):
        mentions = []
        for k in range(rng.randint(0, 6)):
            a, b = sorted(rng.sample(range(len(tokens)), 2)) if len(tokens) > 1 else (0, 0)
            start = tokens[a].start + rng.choice([0, 0, 1])
            start = min(start, tokens[a].end - 1)
            mentions.append(MentionSpan(f"m{k}", rng.choice(["PER", "GPE", "ORG"]), start, tokens[b].end))
        projection = project_mentions(text, [tokens], mentions)
        names = [(e[0], e[1], e[2]) for e in get_entities(list(projection.tags[0]))]
        kept = sorted((m.entity_type, first, last) for m, _, first, last in projection.kept)
        assert sorted(names) == kept
        stats = projection.stats
        assert stats.represented + stats.unrepresentable == stats.mentions == len(mentions)
