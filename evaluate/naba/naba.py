"""naba as a Hugging Face ``evaluate`` metric.

    import evaluate
    metric = evaluate.load("evaluate/naba")          # offline: a local folder
    scores = metric.compute(predictions=[json_line, ...], references=[document_id, ...])

Each prediction is one submission line (a JSON object as a string, see
evaluate/submission.schema.json) and its reference is the id of the gold
document it predicts. The numbers are those of ``naba score``: this module
only adapts the inputs and calls ``naba.evaluate.score``.
"""

import json
from pathlib import Path

import datasets
import evaluate

_DESCRIPTION = """naba scores entity mentions (SemEval-2013 strict/exact/partial/type), time expressions
(TempEval-3 strict/relaxed span F1, value F1, attribute accuracies), quotations (content, cue,
speaker) and events (trigger, argument, event-time F1) against naba's Arabic news gold."""

_KWARGS_DESCRIPTION = """
Args:
    predictions: list of str, one JSON object per document: {"document_id": ..., "entities": [...], ...}.
        Omit a layer to leave its task unscored; [] predicts nothing.
    references: list of str, the gold document id of each prediction (same order).
    gold_dir: optional folder of gold record files (default: naba's shipped gold).
    n_bootstrap, seed, confidence, trigger_match, argument_match, cue_match, fused_lam: naba.evaluate.ScoreOptions.
    split: "test" (default), "dev" or "challenge". challenge: the predictions cover the test article and
        every challenge variant; the result is the challenge report's figures
        ("challenge.<row>.<task>.<score|drop|invariance_failure_rate>").
Returns:
    dict of dotted metric names (e.g. "entities.strict.f1", "timex.value.f1") to numbers (None when
    undefined), plus "naba_version", "gold_sha256", "submission_sha256".
"""

_CITATION = ""


@evaluate.utils.file_utils.add_start_docstrings(_DESCRIPTION, _KWARGS_DESCRIPTION)
class Naba(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            inputs_description=_KWARGS_DESCRIPTION,
            features=datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
            reference_urls=[],
        )

    def _compute(self, predictions, references, gold_dir=None, n_bootstrap=1000, seed=None, confidence=0.95,
                 trigger_match="overlap", argument_match="overlap", cue_match="overlap", fused_lam="either", split="test"):
        from naba.corpus.splits import split_gold
        from naba.evaluate import ScoreOptions, score
        from naba.evaluate.options import DEFAULT_SEED
        from naba.evaluate.splits import score_challenge
        from naba.gold.records import gold_records

        if split not in ("test", "dev", "challenge"):
            raise ValueError(f"unknown split {split!r}; valid splits: test, dev, challenge")
        if split != "test" and gold_dir:
            raise ValueError("give either gold_dir or split, not both")
        if split == "test":
            gold = list(gold_records(Path(gold_dir) if gold_dir else None))
        elif split == "dev":
            gold = split_gold("dev")
        else:
            gold = split_gold("test") + split_gold("challenge")
        records = {r.document.id: r for r in gold}
        unknown = sorted(set(references) - set(records))
        if unknown:
            raise ValueError(f"references name unknown gold documents: {unknown}")
        from naba.submission.validate import parse_jsonl

        objects = []
        for index, (line, reference) in enumerate(zip(predictions, references)):
            # strict JSON (duplicate keys, NaN, nesting, lone surrogates refused), one line each
            values, problems = parse_jsonl(line.encode("utf-8", "surrogatepass"), f"predictions[{index}]")
            if problems or len(values) != 1:
                raise ValueError("\n".join(str(p) for p in problems) or f"prediction {index} is not one JSON line")
            obj = values[0][1]
            if obj.get("document_id") != reference:
                raise ValueError(f"prediction {index} is not a JSON object for document {reference!r}")
            objects.append(obj)
        options = ScoreOptions(n_bootstrap=n_bootstrap, seed=DEFAULT_SEED if seed is None else seed, confidence=confidence,
                               trigger_match=trigger_match, argument_match=argument_match, cue_match=cue_match,
                               fused_lam=fused_lam)
        if split == "challenge":
            report = score_challenge(objects, options=options)
            return dict(report.flat())
        from naba.submission.validate import coerce_submission

        gold_docs = [records[r] for r in references]
        submission = coerce_submission(objects, gold_docs)  # string spans aligned (naba.submission.shapes)
        if submission.alignment:
            import sys

            from naba.check.strings import render_alignment

            print(render_alignment(submission.alignment), file=sys.stderr)
        results = score(submission, gold_docs, options=options)
        out = dict(results.flat())
        out.update(alignment_spans=len(submission.alignment),
                   alignment_aligned=sum(d.status == "aligned" for d in submission.alignment))
        out.update(naba_version=results.naba_version, gold_sha256=results.gold_sha256, submission_sha256=results.submission_sha256)
        return out
