"""Build ``corpus/`` (the Hugging Face dataset folder), its Croissant metadata and the
record JSON Schema from the gold records, deterministically.

Data files are Parquet (``corpus/data/<config>/<split>.parquet``), one per config and
split, because Parquet is what the ecosystem reads: pandas, polars, duckdb, the Hub's
viewer and mlcroissant (the Arrow IPC streams used before were read by pyarrow and
``datasets`` only). JSON Lines stays out: pyarrow's JSON reader, which ``datasets``
runs *before* applying the card's features, turns ISO-date strings (TIMEX3 values such
as ``"2025-06-23"``) into timestamps; Parquet carries its types, so nothing is inferred
(tests/test_build.py keeps checking the loaded rows).

Byte-identical rebuilds. Every writer option that affects the bytes is pinned in
``PARQUET_OPTIONS`` (format version, page and batch sizes, one row group per file,
dictionary encoding, snappy compression, statistics, no page index or checksums), and
the schema is the features' Arrow schema with no metadata and ``store_schema=False``,
so the footer holds no key-value metadata at all (no ``ARROW:schema``, no
``huggingface`` or pandas blob whose formatting belongs to a library version). One
thing cannot be pinned: pyarrow writes ``created_by = "parquet-cpp-arrow version X"``
into every footer (no option changes it; rewriting it would misinform readers, which
use it to work around known writer bugs), and another pyarrow may lay pages out
differently (with these options, pyarrow 25.0.1 wrote 12 of the 18 committed files
differing only in that string and 6 laid out differently; 15.0.2 laid out all 18
differently). So the bytes are a function of the rows *and the pyarrow version*: the
test extra pins the pyarrow that wrote the committed files (``PARQUET_WRITER``), tests
rebuild twice and compare bytes and check that ``naba build`` reproduces the committed
files, and ``naba build --check`` under another pyarrow names both writers instead of a
bare "differs".

Everything here is a pure function of the record files: no timestamps, records
in document-id order, rows in text order (ties broken by id), columns and
struct fields in the order of the features, one row group per file.
``build_files`` returns the bytes of every file; writing and comparing are
separate steps, so ``--check`` builds to memory and compares bytes. Every row is
checked against its features *before* it reaches pyarrow, because
``pa.Table.from_pylist`` silently fills a missing key with null.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Iterable, Sequence

import pyarrow as pa
import pyarrow.parquet as pq
import yaml
from datasets import ClassLabel, Features, List, Value

from naba.corpus.features import (
    CONFIGS,
    COLUMN_DOCS,
    DEFAULT_CONFIG,
    DESCRIPTIONS,
    SPLIT_DESCRIPTIONS,
    SPLIT_LICENCES,
    all_features,
    feature_type_name,
)
from naba.corpus.croissant import CROISSANT_NAME, croissant, croissant_bytes
from naba.corpus.metadata import (
    CODE_LICENCE,
    LICENCE_FILE,
    LICENCE_NAME,
    bibtex,
    dataset_licence,
    hub_sections,
    licence_file,
)
from naba.gold.inventory import ENTITY_TYPES, LAYERS
from naba.gold.model import GOLD_CHANGELOG, GOLD_VERSION, SCHEMA_VERSION, Record, json_schema
from naba.gold.records import gold_sha256, load_records, record_paths
from naba.corpus.tokenize import (
    NER_MENTION_KINDS,
    ProjectionStats,
    iob2_names,
    project_record,
    projection_stats,
    sentence_tokens,
)

CARD_PATH: Final = "corpus/README.md"
#: The card's first paragraph, also croissant.json's ``description``.
DATASET_DESCRIPTION: Final = (
    "naba is a gold-annotated benchmark for information extraction from Modern Standard Arabic news. "
    "Each document is one gold record with four linked annotation layers: **entities** (typed mentions "
    "grouped into entities with a canonical name), **quotes** (cue, content span(s), speaker entity, "
    "direct/indirect/mixed, relaying outlet), **events** (typed trigger, arguments pointing at entities and "
    "time expressions, factuality) and **time expressions** (TIMEX3 value plus an anchor: the publication "
    "date, the speech event they occur in, or another expression)."
)
SCHEMA_PATH: Final = "annotations/record.schema.json"
CORPUS_DIR: Final = "corpus"


def data_path(config: str, split: str = "test") -> str:
    """Path of a config's data file, relative to the corpus folder."""
    return f"data/{config}/{split}.parquet"


_INT_RANGES: Final = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class RowShapeError(ValueError):
    """A built row does not match its config's features (a bug in build or features)."""


# --------------------------------------------------------------------------- rows


def conform(value: Any, feature: Any, where: str) -> Any:
    """``value`` with object keys in feature order, after checking that its keys
    equal the feature's keys exactly and that leaf types fit. ``datasets`` would
    silently fill a missing column with nulls; here it is an error."""
    if isinstance(feature, (dict, Features)):
        if value is None:
            return None
        if not isinstance(value, dict):
            raise RowShapeError(f"{where}: expected an object, got {type(value).__name__}")
        if set(value) != set(feature):
            missing = sorted(set(feature) - set(value))
            extra = sorted(set(value) - set(feature))
            raise RowShapeError(f"{where}: keys differ from the features (missing {missing}, unexpected {extra})")
        return {key: conform(value[key], sub, f"{where}.{key}") for key, sub in feature.items()}
    if isinstance(feature, List):
        if not isinstance(value, list):
            raise RowShapeError(f"{where}: expected a list, got {type(value).__name__}")
        return [conform(item, feature.feature, f"{where}[{i}]") for i, item in enumerate(value)]
    if isinstance(feature, ClassLabel):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < feature.num_classes:
            raise RowShapeError(f"{where}: {value!r} is not a class index below {feature.num_classes}")
        return value
    if isinstance(feature, Value):
        if value is None:
            return None
        if feature.dtype == "string" and isinstance(value, str):
            return value
        if feature.dtype in _INT_RANGES and isinstance(value, int) and not isinstance(value, bool):
            low, high = _INT_RANGES[feature.dtype]
            if low <= value <= high:
                return value
        raise RowShapeError(f"{where}: {value!r} does not fit {feature.dtype}")
    raise RowShapeError(f"{where}: unsupported feature {feature!r}")


def _document_rows(record: Record) -> list[dict[str, Any]]:
    dumped = record.model_dump(mode="json")
    document = dumped["document"]
    row: dict[str, Any] = {"document_id": document["id"]}
    row.update({key: value for key, value in document.items() if key != "id"})
    for layer in LAYERS:
        row[layer] = dumped[layer]
    row["schema_version"] = dumped["schema_version"]
    return [row]


def _entity_rows(record: Record) -> list[dict[str, Any]]:
    rows = [
        {
            "document_id": record.document.id,
            "mention_id": mention.id,
            "entity_id": entity.id,
            "entity_name": entity.name,
            "entity_name_en": entity.name_en,
            "type": entity.type,
            "mention_kind": mention.kind,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
        }
        for entity in record.entities
        for mention in entity.mentions
    ]
    return sorted(rows, key=lambda r: (r["start"], r["end"], r["mention_id"]))


def _timex_rows(record: Record) -> list[dict[str, Any]]:
    rows = [
        {
            "document_id": record.document.id,
            "timex_id": tx.id,
            "type": tx.type,
            "value": tx.value,
            "anchor_kind": tx.anchor.kind if tx.anchor else None,
            "anchor_id": tx.anchor.id if tx.anchor else None,
            "alternatives": list(tx.alternatives),
            "start": tx.start,
            "end": tx.end,
            "text": tx.text,
        }
        for tx in record.timexes
    ]
    return sorted(rows, key=lambda r: (r["start"], r["end"], r["timex_id"]))


def _quote_rows(record: Record) -> list[dict[str, Any]]:
    names = {entity.id: entity.name for entity in record.entities}
    rows = []
    for quote in sorted(record.quotes, key=lambda q: (min(q.cue.start, q.content[0].start), q.id)):
        rows.append(
            {
                "document_id": record.document.id,
                "quote_id": quote.id,
                "kind": quote.kind,
                "cue_start": quote.cue.start,
                "cue_end": quote.cue.end,
                "cue_text": quote.cue.text,
                "content": [{"start": c.start, "end": c.end, "text": c.text} for c in quote.content],
                "speaker_entity_id": quote.speaker_entity_id,
                "speaker_mention_id": quote.speaker_mention_id,
                "speaker_name": names.get(quote.speaker_entity_id) if quote.speaker_entity_id else None,
                "relayed_by_entity_id": quote.relayed_by_entity_id,
                "time_id": quote.time_id,
            }
        )
    return rows


def _event_rows(record: Record) -> list[dict[str, Any]]:
    rows = []
    for event in sorted(record.events, key=lambda e: (e.trigger.start, e.trigger.end, e.id)):
        arguments = sorted(
            ({"role": a.role, "ref_id": a.ref_id, "start": a.start, "end": a.end, "text": a.text} for a in event.arguments),
            key=lambda a: (a["start"], a["end"], a["role"], a["ref_id"]),
        )
        rows.append(
            {
                "document_id": record.document.id,
                "event_id": event.id,
                "type": event.type,
                "factuality": event.factuality,
                "trigger_start": event.trigger.start,
                "trigger_end": event.trigger.end,
                "trigger_text": event.trigger.text,
                "arguments": arguments,
                "time_id": event.time_id,
            }
        )
    return rows


def _ner_rows(record: Record) -> list[dict[str, Any]]:
    projection = project_record(record)
    index = {name: i for i, name in enumerate(iob2_names())}
    rows = []
    for sentence, tokens, tags in zip(record.document.sentences, sentence_tokens(record), projection.tags):
        rows.append(
            {
                "document_id": record.document.id,
                "sentence_id": sentence.id,
                "tokens": [t.text for t in tokens],
                "token_starts": [t.start for t in tokens],
                "token_ends": [t.end for t in tokens],
                "ner_tags": [index[tag] for tag in tags],
            }
        )
    return rows


_ROWS: Final = {
    "documents": _document_rows,
    "entities": _entity_rows,
    "timex": _timex_rows,
    "quotes": _quote_rows,
    "events": _event_rows,
    "ner_tokens": _ner_rows,
}


#: document id -> (variant id, transformations) for the rows of challenge variants.
VariantIndex = dict[str, tuple[str, tuple[str, ...]]]


def config_rows(records: Sequence[Record], variants: VariantIndex | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows of every config, conformed to the features (documents in id order); every row
    carries its variant id and transformations (null and empty outside the challenge split)."""
    features = all_features()
    ordered = sorted(records, key=lambda r: r.document.id)
    index = variants or {}
    out: dict[str, list[dict[str, Any]]] = {}
    for config in CONFIGS:
        rows = []
        for record in ordered:
            variant, transformations = index.get(record.document.id, (None, ()))
            for row in _ROWS[config](record):
                rows.append({**row, "variant": variant, "transformations": list(transformations)})
        out[config] = [conform(row, features[config], f"{config}[{i}]") for i, row in enumerate(rows)]
    return out


def arrow_schema(features: Features) -> pa.Schema:
    """The Arrow schema of a config's data file: the features' types, no metadata."""
    return features.arrow_schema.remove_metadata()


#: Every ``pq.write_table`` option that affects the bytes, pinned (most at pyarrow's
#: defaults, written out so that a change of default cannot change the files). Options
#: newer than pyarrow 15 (content-defined chunking, bloom filters, rows per page) are
#: left at their defaults, which are off, so the build runs on every pyarrow the
#: dependency floor allows (15: pyarrow 14 has no ``write_page_checksum``).
PARQUET_OPTIONS: Final[dict[str, Any]] = {
    "version": "2.6",
    "data_page_version": "1.0",
    "use_dictionary": True,
    "dictionary_pagesize_limit": 1 << 20,
    "compression": "snappy",  # the Parquet default: every reader has it
    "write_statistics": True,  # min/max per column chunk, for duckdb/polars predicate push-down
    "data_page_size": 1 << 20,
    "write_batch_size": 1024,
    "use_byte_stream_split": False,
    "column_encoding": None,
    "use_compliant_nested_type": True,
    "store_schema": False,  # no ARROW:schema blob: the Parquet types round-trip to the same Arrow schema
    "write_page_index": False,
    "write_page_checksum": False,
    "sorting_columns": None,
}

#: The ``created_by`` of the committed data files: the pyarrow the test extra pins.
PARQUET_WRITER: Final = "parquet-cpp-arrow version 26.0.1"


def parquet_bytes(rows: list[dict[str, Any]], features: Features) -> bytes:
    """One Parquet file holding ``rows`` in one row group (none when ``rows`` is empty)."""
    schema = arrow_schema(features)
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, row_group_size=max(1, len(rows)), **PARQUET_OPTIONS)
    return sink.getvalue().to_pybytes()


def parquet_created_by(data: bytes) -> str | None:
    """The writer recorded in a Parquet file's footer, or None when ``data`` is no Parquet file."""
    try:
        return str(pq.read_metadata(pa.BufferReader(data)).created_by)
    except (pa.ArrowInvalid, OSError):
        return None


def this_parquet_writer() -> str:
    """The ``created_by`` that this pyarrow writes (read back from a file it wrote)."""
    created_by = parquet_created_by(parquet_bytes([], Features({"x": Value("string")})))
    if created_by is None:  # internal invariant: pyarrow reads back what it wrote
        raise RuntimeError("pyarrow wrote a Parquet file it cannot read back")
    return created_by


def schema_bytes() -> bytes:
    """``annotations/record.schema.json``: the model's JSON Schema, keys sorted."""
    return (json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- card


def size_category(rows: int) -> str:
    """The Hub's ``size_categories`` bucket for the largest config."""
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if rows < limit:
            return label
    return "n>1M"


def card_header(counts: dict[str, int], splits: Sequence[str] = ("test",)) -> dict[str, Any]:
    """The card's YAML metadata; features come from ``naba.corpus.features`` only."""
    features = all_features()
    return {
        "pretty_name": "naba: Arabic news information-extraction gold",
        "language": ["ar"],
        "license": "other",
        "license_name": LICENCE_NAME,  # per split: see corpus/LICENSE.md
        "license_link": LICENCE_FILE,
        "annotations_creators": ["machine-generated"],  # LLM annotators, no native-speaker review: say so
        "language_creators": ["found"],
        "multilinguality": ["monolingual"],
        "size_categories": [size_category(max(counts.values(), default=0))],
        "source_datasets": ["original"],
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "tags": ["information-extraction", "event-extraction", "quotation-attribution", "temporal-expressions", "timex3", "coreference"],
        "configs": [
            {
                "config_name": config,
                **({"default": True} if config == DEFAULT_CONFIG else {}),
                "data_files": [{"split": split, "path": data_path(config, split)} for split in splits],
            }
            for config in CONFIGS
        ],
        "dataset_info": [{"config_name": config, "features": features[config]._to_yaml_list()} for config in CONFIGS],
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(str(c)) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _label_counts(rows: list[dict[str, Any]], key: str) -> str:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[key]] = counts.get(row[key], 0) + 1
    return ", ".join(f"{label} {n}" for label, n in sorted(counts.items())) or "none"


def card_body(records: Sequence[Record], rows: dict[str, list[dict[str, Any]]], stats: ProjectionStats, sha: str) -> str:
    features = all_features()
    counts = {config: len(rows[config]) for config in CONFIGS}
    empty = [config for config in CONFIGS if counts[config] == 0]
    names = iob2_names()
    tag_counts: dict[str, int] = {}
    for row in rows["ner_tokens"]:
        for tag in row["ner_tags"]:
            tag_counts[names[tag]] = tag_counts.get(names[tag], 0) + 1
    parts: list[str] = []
    parts.append(
        "# naba: Arabic news information-extraction gold\n\n"
        + DATASET_DESCRIPTION + "\n\n"
        "This folder is generated by `naba build` from `annotations/records/*.json`; do not edit it by hand "
        "(`naba build --check` fails when it is stale). Every offset is a half-open `[start, end)` index in "
        "Unicode code points into the document `text`, which is stored byte for byte; the covered `text` is "
        "stored beside every span. Splits: `test` (the article), `dev` and `challenge` (see Splits below).\n"
    )
    parts.append("## Configs\n\n" + _table(
        ["config", "rows", "what a row is"],
        [(f"`{config}`", counts[config], DESCRIPTIONS[config]) for config in CONFIGS],
    ) + "\n")
    if empty:
        parts.append(
            "Configs with no rows in this build: " + ", ".join(f"`{c}`" for c in empty) + ". "
            "`datasets.load_dataset` cannot read a split with zero rows (it raises *Instruction \"test\" "
            "corresponds to no data!*); `naba.load(config)` returns an empty `Dataset` with the right features.\n"
        )
    parts.append(
        "Label counts (computed from the data files):\n\n"
        + _table(["config", "counts"], [
            ("entities: type", _label_counts(rows["entities"], "type")),
            ("entities: mention kind", _label_counts(rows["entities"], "mention_kind")),
            ("timex: type", _label_counts(rows["timex"], "type")),
            ("timex: anchor kind", _label_counts([r for r in rows["timex"] if r["anchor_kind"]], "anchor_kind")),
            ("quotes: kind", _label_counts(rows["quotes"], "kind")),
            ("events: type", _label_counts(rows["events"], "type")),
            ("events: factuality", _label_counts(rows["events"], "factuality")),
            ("ner_tokens: tokens", sum(len(r["tokens"]) for r in rows["ner_tokens"])),
            ("ner_tokens: tags", ", ".join(f"{n} {tag_counts[n]}" for n in names if n in tag_counts) or "none"),
        ]) + "\n"
    )
    columns = []
    for config in CONFIGS:
        columns.append(f"### `{config}`\n\n" + _table(
            ["column", "type", "meaning"],
            [(f"`{name}`", feature_type_name(feature), COLUMN_DOCS[config][name]) for name, feature in features[config].items()],
        ) + "\n")
    parts.append(
        "## Columns\n\nNullable columns are those the record model allows to be null (an unknown or absent value, "
        "never an empty string). The exact types are in the YAML header above (`dataset_info`).\n\n" + "\n".join(columns)
    )
    parts.append(
        "## Loading\n\n"
        "With `datasets`, offline, from the folder that holds `corpus/` (the repository root):\n\n"
        "```python\nfrom datasets import load_dataset\n\n"
        f"records = load_dataset(\"corpus\", split=\"test\")  # the default config, `{DEFAULT_CONFIG}`\n"
        "mentions = load_dataset(\"corpus\", \"entities\", split=\"test\")\n"
        "tokens = load_dataset(\"corpus\", \"ner_tokens\", split=\"test\")\n"
        "tokens.features[\"ner_tags\"].feature.names  # ['O', 'B-PER', 'I-PER', ...]\n```\n\n"
        "**Stale cache.** `datasets` caches a local folder under a key that changes neither with the data files' "
        "contents nor with the folder's location: after `naba build`, or when two copies of the corpus are loaded "
        "with one cache, a plain `load_dataset` returns the old rows. `download_mode=\"force_redownload\"` alone "
        "is not enough: once a split's row count has changed it fails with `NonMatchingSplitsSizesError`, because "
        "it checks the new rows against the split sizes recorded in the old cache entry (this card records no "
        "split sizes; the old entry does). What works:\n\n"
        "```python\nload_dataset(\"corpus\", \"entities\", split=\"test\",\n"
        "             download_mode=\"force_redownload\", verification_mode=\"no_checks\")\n"
        "# or a cache of its own: load_dataset(\"corpus\", \"entities\", split=\"test\", cache_dir=fresh_folder)\n```\n\n"
        "(`verification_mode=\"no_checks\"` without `force_redownload` still returns the old rows.) Or use "
        "`naba.load`, which reads the files afresh every time and works from an installed wheel in any "
        "directory:\n\n"
        "```python\nimport naba\n\nmentions = naba.load(\"entities\")          # a datasets.Dataset, split \"test\"\n"
        "frame = naba.load_frame(\"entities\")      # pandas, straight from the data file\n```\n\n"
        "Without `datasets`: the data files are plain Parquet (`data/<config>/<split>.parquet`), one row group "
        "each, so pandas, polars, duckdb and the Hub's viewer read them directly:\n\n"
        "```python\nimport pandas as pd\n\n"
        "frame = pd.read_parquet(\"corpus/data/entities/test.parquet\")\n```\n\n"
        "The Parquet types are the card's features (`ner_tags` is stored as its class indices; the names are in "
        "the YAML header above and in `croissant.json`). Parquet, not JSON Lines: `datasets` infers column types "
        "from JSON before applying the card's features, and turns strings that look like ISO dates (TIMEX3 values "
        "such as `2025-06-23`) into timestamps (`2025-06-23 00:00:00`). `croissant.json` beside this card is the "
        "Croissant 1.0 description of the same files (each with its sha256) and columns, generated by the same "
        "build.\n"
    )
    parts.append(
        "## Tokenization and IOB2 tags (`ner_tokens`)\n\n"
        "Tokens come from `naba.corpus.tokenize.tokenize`: white space separates tokens; a word is a maximal run of letters "
        "and digits of any script, with combining marks (harakat, shadda) kept on their letter; a `.`/`,` between "
        "two digits stays inside a number; every other character (punctuation such as `،` `؟` `.`, curly quotes "
        "`“ ”`, brackets, symbols, emoji) is a token of its own. Arabic clitics are not split off, so `وموسكو` is "
        "one token.\n\n"
        f"Only named mentions (mention kind {', '.join(f'`{k}`' for k in NER_MENTION_KINDS)}) are tagged, the classic "
        "NER task; nominal and pronoun mentions are in the `entities` config. Gold mention spans exclude the "
        "proclitics و ف ب ل ك لل, so a mention may start inside a token. **Rule:** a token belongs to a mention "
        "when the mention covers the token's last character. A mention that starts inside a token (after a "
        "proclitic) therefore tags the whole token (`وموسكو` → `B-GPE`); a mention that ends inside a token, or "
        "whose tokens lie in two sentences, cannot be represented and is left out; of overlapping or nested "
        "mentions the outermost-longest is kept (ties: earlier start, earlier end, type order "
        f"{'/'.join(ENTITY_TYPES)}, mention id) and the others are left out.\n\n"
        + _table(["named mentions", "count"], [
            ("projected onto tokens", stats.mentions),
            ("represented in IOB2", stats.represented),
            ("starting inside a token (after a proclitic)", stats.start_inside_token - stats.start_inside_non_proclitic),
            ("starting inside a token after a non-proclitic prefix", stats.start_inside_non_proclitic),
            ("ending inside a token (not representable)", stats.end_inside_token),
            ("crossing a sentence boundary (not representable)", stats.cross_sentence),
            ("nested or overlapping, lost in IOB2", stats.overlap),
        ]) + "\n"
    )
    provenance = []
    for record in sorted(records, key=lambda r: r.document.id):
        doc = record.document
        src = doc.source
        known = {"outlet": src.outlet, "author": src.author, "url": src.url, "license": src.license}
        provenance.append(
            f"- `{doc.id}` ({len(doc.text)} code points). Publication date {doc.publication_date.value}, "
            f"established {doc.publication_date.established.replace('_', ' ')}. Evidence: {doc.publication_date.evidence} "
            + "Source: " + "; ".join(f"{k} {v if v is not None else 'unknown'}" for k, v in known.items())
            + f". Note: {src.note}"
        )
    unlicensed = [r.document.id for r in sorted(records, key=lambda r: r.document.id) if r.document.source.license is None]
    if unlicensed:
        rights = (
            "`license: other` in the header is deliberate: the redistribution rights of the article text are "
            f"unknown (no licence is recorded for {', '.join(f'`{d}`' for d in unlicensed)}), so no open licence "
            "can be claimed for it. Check the rights before redistributing the text; see DATASHEET.md in the "
            "repository."
        )
    else:
        rights = "`license: other`: each article carries its own licence, listed above; see DATASHEET.md."
    parts.append(
        "## Annotation\n\n"
        "The gold follows `annotations/GUIDELINES.md` (rules per layer, then every hard case of the article argued "
        "from the text's own evidence). It was made by a language-model annotator working for the project and checked "
        "against an independent second pass (all layers) and an independent third pass (events), each made from the "
        "raw text and the guidelines' rules only; every disagreement is "
        "adjudicated in `annotations/ADJUDICATION.md`, and the agreement figures are in DATASHEET.md. **No native "
        "Arabic speaker has reviewed the gold**, hence `annotations_creators: machine-generated`.\n\n"
        f"## Gold version and changelog\n\nGold version **{GOLD_VERSION}** (guidelines {GOLD_VERSION}).\n\n"
        + "\n".join(f"- {version}: {change}" for version, change in GOLD_CHANGELOG)
        + "\n\n"
        "## Provenance and licence\n\n"
        + "\n".join(provenance)
        + "\n\n" + rights + f" The terms of every split are in `{LICENCE_FILE}` beside this card (`license_link`). "
        f"The naba code is licensed separately, under {CODE_LICENCE} (the repository's LICENSE file).\n\n"
        f"Gold identity: gold version {GOLD_VERSION}, record schema {SCHEMA_VERSION}; sha256 of the record files {sha}.\n"
    )
    return "\n".join(parts)


def card_bytes(records: Sequence[Record], rows: dict[str, list[dict[str, Any]]], stats: ProjectionStats, sha: str,
               splits: Sequence["SplitData"], split_rows: dict[str, dict[str, list[dict[str, Any]]]]) -> bytes:
    counts = {config: max(len(split_rows[s.name][config]) for s in splits) for config in CONFIGS}
    names = [split.name for split in splits]
    header = yaml.safe_dump(card_header(counts, names), sort_keys=False, allow_unicode=True, width=1000)
    body = card_body(records, rows, stats, sha)
    documents = {split.name: len(split_rows[split.name]["documents"]) for split in splits}
    return ("---\n" + header + "---\n\n" + body + "\n" + splits_section(splits, split_rows) + "\n"
            + hub_sections(sha, documents)).encode("utf-8")


def splits_section(splits: Sequence["SplitData"], split_rows: dict[str, dict[str, list[dict[str, Any]]]]) -> str:
    """The card's table of splits: rows per config, what each split is, its licence and identity."""
    table = _table(
        ["split", *[f"`{c}`" for c in CONFIGS], "what it is", "licence", "identity (sha256)"],
        [(f"`{split.name}`", *[len(split_rows[split.name][c]) for c in CONFIGS], SPLIT_DESCRIPTIONS[split.name],
          SPLIT_LICENCES[split.name], split.sha256[:16]) for split in splits],
    )
    return (
        "## Splits\n\n" + table + "\n\n"
        "`test` is the headline: never train or tune on it. `dev` is for learning and tuning (and leave-one-document-out "
        "estimates). `challenge` rows carry `variant` and `transformations`; their document ids are "
        "`<source id>__<variant id>`; their gold is the test gold carried through each transformation "
        "(`naba.challenge`, GUIDELINES.md section 5), so the variants are correlated with the test article and with each "
        "other: report them per transformation, beside the test score, never as independent documents. Identity: the "
        "sha256 of the split's record files (test, dev) or of the challenge manifest.\n"
    )


# --------------------------------------------------------------------------- build


@dataclass(frozen=True, slots=True)
class BuildOutput:
    """Every file a build writes (relative POSIX path -> bytes) and what it counted."""

    files: dict[str, bytes]
    counts: dict[str, int]
    projection: ProjectionStats
    split_counts: dict[str, dict[str, int]]


@dataclass(frozen=True)
class SplitData:
    """The gold records of one split, and the variant index of its rows."""

    name: str
    records: Sequence[Record]
    variants: VariantIndex
    sha256: str


def build_files(records: Sequence[Record], sha: str, extra_splits: Sequence[SplitData] = ()) -> BuildOutput:
    """The bytes of ``corpus/`` and of the schema: ``records`` are the ``test`` split, whose
    counts the card's label tables report; ``extra_splits`` (dev, challenge) get data files too."""
    splits = [SplitData("test", records, {}, sha), *extra_splits]
    features = all_features()
    split_rows = {split.name: config_rows(split.records, split.variants) for split in splits}
    rows = split_rows["test"]
    stats = projection_stats(records)
    files: dict[str, bytes] = {CARD_PATH: card_bytes(records, rows, stats, sha, splits, split_rows)}
    data_files: dict[tuple[str, str], tuple[str, bytes]] = {}
    for split in splits:
        for config in CONFIGS:
            path = data_path(config, split.name)
            data_files[(config, split.name)] = (path, parquet_bytes(split_rows[split.name][config], features[config]))
            files[f"{CORPUS_DIR}/{path}"] = data_files[(config, split.name)][1]
    names = [split.name for split in splits]
    files[f"{CORPUS_DIR}/{LICENCE_FILE}"] = licence_file(names).encode("utf-8")
    files[f"{CORPUS_DIR}/{CROISSANT_NAME}"] = croissant_bytes(croissant(
        data_files,
        {(config, split.name): len(split_rows[split.name][config]) for split in splits for config in CONFIGS},
        names,
        description=DATASET_DESCRIPTION,
        cite_as=bibtex(sha),
        version=GOLD_VERSION,
        licence=dataset_licence(names),
    ))
    files[SCHEMA_PATH] = schema_bytes()
    counts = {c: len(rows[c]) for c in CONFIGS}
    split_counts = {split.name: {c: len(split_rows[split.name][c]) for c in CONFIGS} for split in splits}
    return BuildOutput(dict(sorted(files.items())), counts, stats, split_counts)


def extra_splits_from_root(root: Path, test_records: Sequence[Record]) -> list[SplitData]:
    """The dev split (``annotations/dev/records``) and the challenge split (the variants of
    ``annotations/challenge/manifest.json``), each when its source exists under ``root``."""
    import hashlib

    from naba.challenge.variants import build_variants, manifest_json, read_manifest

    out: list[SplitData] = []
    dev_dir = root / "annotations" / "dev" / "records"
    if record_paths(dev_dir):
        out.append(SplitData("dev", load_records(dev_dir), {}, gold_sha256(dev_dir)))
    manifest_path = root / "annotations" / "challenge" / "manifest.json"
    if manifest_path.is_file():
        manifest = read_manifest(manifest_path)
        built = build_variants(test_records, manifest)
        index: VariantIndex = {record.document.id: (spec.id, tuple(spec.transformations())) for spec, record, _ in built}
        digest = hashlib.sha256(manifest_json(manifest).encode("utf-8")).hexdigest()
        out.append(SplitData("challenge", [record for _, record, _ in built], index, digest))
    return out


def build_from_root(root: Path) -> BuildOutput:
    """Build from ``root/annotations`` (records fully validated on load, variants validated when built)."""
    directory = root / "annotations" / "records"
    if not record_paths(directory):
        raise FileNotFoundError(f"no record files in {directory}")
    records = load_records(directory)
    return build_files(records, gold_sha256(directory), extra_splits_from_root(root, records))


@dataclass(frozen=True, slots=True)
class FileState:
    path: str
    state: str  # "missing", "differs", "unexpected" (stale) or "ok"
    detail: str = ""  # why a file differs, when the build can tell (another Parquet writer)


def _existing_corpus_files(root: Path) -> list[str]:
    corpus = root / CORPUS_DIR
    if not corpus.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in corpus.rglob("*") if p.is_file())


def _why_differs(existing: bytes, built: bytes) -> str:
    """Names both writers when a Parquet file was written by another pyarrow: then the
    bytes differ even for the same rows, and the fix is that pyarrow, not the gold."""
    theirs, ours = parquet_created_by(existing), parquet_created_by(built)
    if theirs is None or ours is None or theirs == ours:
        return ""
    return f"written by {theirs}, this build writes with {ours}; the committed files need {PARQUET_WRITER}"


def compare(output: BuildOutput, root: Path) -> list[FileState]:
    """State of each file under ``root`` against what the build would write; a
    file in ``corpus/`` that the build would not write is ``unexpected``."""
    states = []
    for path, data in output.files.items():
        target = root / path
        if not target.is_file():
            states.append(FileState(path, "missing"))
        else:
            existing = target.read_bytes()
            states.append(FileState(path, "ok") if existing == data else FileState(path, "differs", _why_differs(existing, data)))
    states += [FileState(path, "unexpected") for path in _existing_corpus_files(root) if path not in output.files]
    return states


def stale_files(output: BuildOutput, root: Path) -> list[FileState]:
    return [state for state in compare(output, root) if state.state != "ok"]


def write(output: BuildOutput, root: Path) -> list[FileState]:
    """Write changed files, remove unexpected ones from ``corpus/``; returns what
    changed (``written`` / ``removed``); unchanged files are not touched."""
    changes = []
    for state in compare(output, root):
        target = root / state.path
        if state.state in ("missing", "differs"):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.files[state.path])
            changes.append(FileState(state.path, "written"))
        elif state.state == "unexpected":
            target.unlink()
            changes.append(FileState(state.path, "removed"))
    corpus = root / CORPUS_DIR
    if corpus.is_dir():
        for folder in sorted((p for p in corpus.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
    return changes
