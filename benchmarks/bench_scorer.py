"""Speed and memory of naba's scorer, side by side with seqeval and nervaluate.

Not a test: run it by hand (about two minutes on the 2-core CI machine).

    /work/venv/bin/python benchmarks/bench_scorer.py [--tokens 1000000] [--seed 7]

Data: a seeded synthetic corpus of ~1,000,000 tokens in 25-token sequences with
~50,000 gold entities (5 types, 1-4 tokens). The prediction keeps most gold
entities, changes the type or a boundary of some, drops some, adds spurious
ones, and writes a few entities ill-formed (an entity starting with ``I-``,
which strict IOB2 does not read as an entity).

Compared on the same data, in the same run:
  * token level: ``seqeval.metrics.classification_report(mode="strict",
    scheme=IOB2)`` vs ``naba.evaluate.tokens.iob2_scores``; the per-type and
    micro numbers must be identical (bit for bit);
  * span level: ``nervaluate.Evaluator`` (4 modes, per type) vs naba's entity
    modes (``naba.evaluate.entities.score_mode``, 4 modes, per type) on the
    entities read from the same tags (nervaluate gets inclusive ends).
Every system, peers included, is called once untimed (imports, caches: warm against warm), then
timed over ``--repeat`` runs without tracing (median, min and max reported; ratios on medians);
peak memory is measured in a separate run under ``tracemalloc`` (Python allocations of the
call, inputs excluded). Writes benchmarks/results/scorer.json (only with ``--overwrite`` if it
exists) and prints a table.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from typing import Any, Callable

TYPES = ("PER", "ORG", "GPE", "LOC", "FAC")
SEQ_LEN = 25


def make_corpus(n_tokens: int, seed: int) -> tuple[list[list[str]], list[list[str]]]:
    rng = random.Random(seed)
    y_true: list[list[str]] = []
    y_pred: list[list[str]] = []
    for _ in range(n_tokens // SEQ_LEN):
        gold = ["O"] * SEQ_LEN
        pred = ["O"] * SEQ_LEN
        pos = rng.randrange(12)
        while pos < SEQ_LEN:
            length = rng.choice((1, 1, 2, 2, 3, 4))
            end = min(SEQ_LEN, pos + length)
            label = rng.choice(TYPES)
            gold[pos] = f"B-{label}"
            for k in range(pos + 1, end):
                gold[k] = f"I-{label}"
            fate = rng.random()
            p_start, p_end, p_label = pos, end, label
            if fate < 0.06:
                p_label = rng.choice([t for t in TYPES if t != label])
            elif fate < 0.12:
                p_end = min(SEQ_LEN, max(p_start + 1, end + rng.choice((-1, 1))))
            elif fate < 0.15:
                p_start = max(0, p_start - 1)
            if fate >= 0.15 and fate < 0.20:
                pass  # dropped: predicted as O
            else:
                ill_formed = 0.20 <= fate < 0.21
                pred[p_start] = f"{'I' if ill_formed else 'B'}-{p_label}"
                for k in range(p_start + 1, p_end):
                    pred[k] = f"I-{p_label}"
            pos = end + rng.randint(8, 30)
        for k in range(SEQ_LEN):  # spurious single-token predictions
            if gold[k] == "O" and pred[k] == "O" and (k == 0 or pred[k - 1] == "O") and rng.random() < 0.012:
                pred[k] = f"B-{rng.choice(TYPES)}"
        y_true.append(gold)
        y_pred.append(pred)
    return y_true, y_pred


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    """One untimed warm-up call (imports, caches: every peer alike), then ``repeat`` timed runs."""
    out = fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return times, out


def peak_memory(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run_seqeval(y_true, y_pred):  # type: ignore[no-untyped-def]
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True)


def run_naba_tokens(y_true, y_pred):  # type: ignore[no-untyped-def]
    from naba.evaluate.tokens import iob2_scores

    return iob2_scores(y_true, y_pred)


def spans_of(sequences):  # type: ignore[no-untyped-def]
    from naba.evaluate.tokens import iob2_entities

    out: list[list[tuple[int, int, str]]] = [[] for _ in sequences]
    for s, label, start, end in iob2_entities(sequences):
        out[s].append((start, end, label))
    return out


def run_nervaluate(true_spans, pred_spans):  # type: ignore[no-untyped-def]
    from nervaluate import Evaluator

    def as_dicts(spans):  # type: ignore[no-untyped-def]
        return [[{"label": label, "start": s, "end": e - 1} for s, e, label in seq] for seq in spans]

    return Evaluator(as_dicts(true_spans), as_dicts(pred_spans), tags=list(TYPES), loader="dict").evaluate()


def run_naba_spans(true_spans, pred_spans):  # type: ignore[no-untyped-def]
    from naba.evaluate.entities import MODES, score_modes, spans_to_items

    golds, preds = spans_to_items(true_spans, "g"), spans_to_items(pred_spans, "p")
    return dict(zip(MODES, score_modes(golds, preds)))


def build_records(true_spans, pred_spans, per_doc: int = 40):  # type: ignore[no-untyped-def]
    """Gold records and a submission for the full pipeline: one sentence per sequence,
    tokens are the word "كلمة", ``per_doc`` sentences per document."""
    from naba.gold.model import SCHEMA_VERSION, Record

    word = "كلمة"
    step = len(word) + 1
    records, submission = [], []
    for d in range(0, len(true_spans), per_doc):
        doc_id = f"doc{d // per_doc:05d}"
        sentences, zones, gold_entities, pred_entities, offset = [], [], [], [], 0
        lines = []
        for s in range(d, min(d + per_doc, len(true_spans))):
            line = " ".join([word] * SEQ_LEN)
            zid, sid = f"z{s - d}", f"s{s - d}"
            zones.append({"id": zid, "kind": "paragraph", "start": offset, "end": offset + len(line), "text": line})
            sentences.append({"id": sid, "zone_id": zid, "start": offset, "end": offset + len(line), "text": line})
            for side, spans, out in (("g", true_spans[s], gold_entities), ("p", pred_spans[s], pred_entities)):
                for k, (a, b, label) in enumerate(spans):
                    start, end = offset + a * step, offset + b * step - 1
                    mention = {"id": f"{side}{s}m{k}", "start": start, "end": end, "text": " ".join([word] * (b - a)), "kind": "name"}
                    out.append({"id": f"{side}{s}e{k}", "type": label, "name": "x", "name_en": "x", "mentions": [mention]})
            lines.append(line)
            offset += len(line) + 1
        text = "\n".join(lines)
        records.append(Record.model_validate({
            "schema_version": SCHEMA_VERSION,
            "document": {"id": doc_id, "title": doc_id, "text": text, "language": "ar",
                         "publication_date": {"value": "2025-06-23", "established": "metadata", "evidence": "synthetic"},
                         "source": {"outlet": None, "author": None, "url": None, "license": None, "note": "synthetic"},
                         "zones": zones, "sentences": sentences},
            "entities": gold_entities, "timexes": [], "quotes": [], "events": []}))
        submission.append({"document_id": doc_id, "entities": [
            {"id": e["id"], "type": e["type"], "mentions": [{k: v for k, v in e["mentions"][0].items() if k != "kind"}]} for e in pred_entities]})
    return records, submission


def run_naba_pipeline(records, submission):  # type: ignore[no-untyped-def]
    from naba.evaluate import ScoreOptions, score

    return score(submission, records, options=ScoreOptions(n_bootstrap=1000))


def compare_seqeval(report: dict, scores) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Every per-type and micro number of seqeval against naba (None where seqeval divides by zero)."""
    mismatches = []
    checked = 0
    rows = [(name, counts) for name, counts in scores.per_type.items()] + [("micro avg", scores.micro)]
    if set(report) - {"micro avg", "macro avg", "weighted avg"} != set(scores.per_type):
        mismatches.append(f"types differ: {sorted(report)} vs {sorted(scores.per_type)}")
    for name, counts in rows:
        theirs = report[name]
        ours = {"precision": counts.precision, "recall": counts.recall, "f1-score": counts.f1, "support": counts.tp + counts.fn}
        for key, value in ours.items():
            checked += 1
            expected = float(theirs[key]) if key != "support" else int(theirs[key])
            got = value if value is not None else 0.0  # seqeval's zero_division value
            if got != expected:
                mismatches.append(f"{name} {key}: seqeval {expected!r} naba {value!r}")
    return {"identical": not mismatches, "numbers_checked": checked, "mismatches": mismatches}


NERVALUATE_MODE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def compare_nervaluate(theirs: dict, ours: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for mode, group in ours.items():
        r = theirs["overall"][NERVALUATE_MODE[mode]]
        s = group.semeval
        nerv = {"correct": r.correct, "incorrect": r.incorrect, "partial": r.partial, "missed": r.missed, "spurious": r.spurious}
        naba = {"correct": s.correct, "incorrect": s.incorrect, "partial": s.partial, "missed": s.missed, "spurious": s.spurious}
        credit_n = r.correct + 0.5 * r.partial
        credit_o = s.correct + 0.5 * s.partial
        out[mode] = {
            "identical_counts": nerv == naba,
            "nervaluate": nerv,
            "naba": naba,
            "nervaluate_f1": r.f1,
            "naba_f1": group.counts.f1,
            "naba_credit_minus_nervaluate": credit_o - credit_n,
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of every system, after one warm-up run")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "scorer.json")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing results file (committed results are kept otherwise)")
    args = parser.parse_args(argv)
    if args.out.exists() and not args.overwrite:
        parser.error(f"{args.out} exists; pass --overwrite to replace committed results")

    print(f"building {args.tokens:,} tokens (seed {args.seed})...", file=sys.stderr)
    y_true, y_pred = make_corpus(args.tokens, args.seed)
    true_spans, pred_spans = spans_of(y_true), spans_of(y_pred)
    n_gold = sum(map(len, true_spans))
    n_pred = sum(map(len, pred_spans))

    records, submission = build_records(true_spans, pred_spans)
    results: dict[str, Any] = {}
    jobs = [
        ("seqeval strict classification_report", lambda: run_seqeval(y_true, y_pred), args.repeat),
        ("naba iob2_scores", lambda: run_naba_tokens(y_true, y_pred), args.repeat),
        ("nervaluate Evaluator (4 modes)", lambda: run_nervaluate(true_spans, pred_spans), args.repeat),
        ("naba entity modes (4 modes)", lambda: run_naba_spans(true_spans, pred_spans), args.repeat),
        ("naba score() end to end (validation, 4 modes, 1000 bootstrap)", lambda: run_naba_pipeline(records, submission), args.repeat),
    ]
    outputs: dict[str, Any] = {}
    try:
        from tqdm import tqdm
        progress = tqdm(jobs, desc="benchmark", file=sys.stderr)
    except ImportError:  # pragma: no cover
        progress = jobs
    for name, fn, repeat in progress:
        times, out = timed(fn, repeat)
        outputs[name] = out
        results[name] = {"seconds": round(statistics.median(times), 4), "seconds_min": round(min(times), 4),
                         "seconds_max": round(max(times), 4), "runs": len(times), "peak_bytes": peak_memory(fn)}

    seq = results["seqeval strict classification_report"]
    tok = results["naba iob2_scores"]
    nerv = results["nervaluate Evaluator (4 modes)"]
    spn = results["naba entity modes (4 modes)"]
    pipeline = outputs["naba score() end to end (validation, 4 modes, 1000 bootstrap)"]
    pipeline_agrees = all(
        pipeline.metric(f"entities.{mode}").semeval == group.semeval for mode, group in outputs["naba entity modes (4 modes)"].items()
    )
    token_check = compare_seqeval(outputs["seqeval strict classification_report"], outputs["naba iob2_scores"])
    span_check = compare_nervaluate(outputs["nervaluate Evaluator (4 modes)"], outputs["naba entity modes (4 modes)"])
    report = {
        "benchmark": "naba scorer vs seqeval (strict IOB2) and nervaluate",
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "processor": platform.machine()},
        "versions": _versions(),
        "data": {"tokens": sum(map(len, y_true)), "sequences": len(y_true), "gold_entities": n_gold, "predicted_entities": n_pred, "seed": args.seed},
        "timing": results,
        "ratios": {
            "seqeval_time_over_naba_iob2": round(seq["seconds"] / tok["seconds"], 2),
            "seqeval_peak_memory_over_naba_iob2": round(seq["peak_bytes"] / tok["peak_bytes"], 2),
            "nervaluate_time_over_naba_spans": round(nerv["seconds"] / spn["seconds"], 2),
            "nervaluate_peak_memory_over_naba_spans": round(nerv["peak_bytes"] / spn["peak_bytes"], 2),
        },
        "agreement": {"seqeval": token_check, "nervaluate": span_check, "score_pipeline_equals_entity_modes": pipeline_agrees,
                      "pipeline_documents": len(records), "pipeline_bootstrap_units": pipeline.units.n},
        "goal": {
            "iob2_at_least_10x_faster_than_seqeval": seq["seconds"] / tok["seconds"] >= 10,
            "iob2_identical_to_seqeval": token_check["identical"],
            "iob2_memory_not_above_seqeval": tok["peak_bytes"] <= seq["peak_bytes"],
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    from naba.evaluate.report import render_table

    rows = [[name, f"{r['seconds']:.3f}", f"{r['peak_bytes'] / 2**20:.1f}"] for name, r in results.items()]
    print(f"{report['data']['tokens']:,} tokens, {n_gold:,} gold / {n_pred:,} predicted entities")
    print(render_table(["scorer", "seconds", "peak MiB"], rows, markdown=False))
    print()
    for key, value in report["ratios"].items():
        print(f"{key}: {value}x")
    print(f"identical to seqeval: {token_check['identical']} ({token_check['numbers_checked']} numbers)")
    for mode, check in span_check.items():
        print(f"nervaluate {mode}: identical counts {check['identical_counts']}; naba credit - nervaluate credit = {check['naba_credit_minus_nervaluate']}")
    print(f"score() end to end agrees with the entity modes: {pipeline_agrees} ({len(records)} documents = bootstrap units)")
    print(f"wrote {args.out}")
    return 0 if all(report["goal"].values()) else 1


def _versions() -> dict[str, str]:
    from importlib import metadata

    return {name: metadata.version(name) for name in ("naba", "seqeval", "nervaluate", "numpy")}


if __name__ == "__main__":
    sys.exit(main())
