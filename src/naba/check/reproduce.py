"""The main job: run every available reference system, score each, rank them.

``reproduce(root)`` writes, under ``root``:

* ``baselines/<system>/predictions.jsonl``: the system's submission on ``test`` (deterministic bytes);
* ``baselines/<system>/scores.json`` and ``scores.md``: its typed results (with provenance:
  naba version, schema version, gold sha256, submission sha256, options) and their table;
* ``baselines/<system>/dev/`` the same on the ``dev`` split (``predictions.jsonl``, ``scores.*``);
* ``baselines/<system>/challenge/``: its submission on the test article and every challenge
  variant, and the robustness report (``robustness.json``, ``robustness.md``);
* ``evaluate/leaderboard.md`` and ``evaluate/leaderboard.json``: the per-task ranking on ``test``,
  with the dev score and the challenge columns (drop over all variants, invariance failures)
  beside it.

A system that cannot run here (HeidelTime without Java) is *skipped* and said so; it is never
scored as zero. Everything written is a pure function of the code, the gold and the options, so
a rerun on the same machine is byte-identical, and ``tests/test_reproduce.py`` checks that the
committed files are what this job writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from naba.gold.records import gold_records


#: Systems the main job runs on ``test`` only, and why: the job must stay short. Their dev and
#: challenge figures are one command away (``naba run SPEC --split dev``, ``naba score --split``).
TEST_ONLY: dict[str, str] = {
    "heideltime_adapter": "one Java process per document (about 3.5 s each): 34 more documents would add two minutes",
}


@dataclass(frozen=True)
class SystemRun:
    name: str
    spec: str
    ran: bool
    reason: str
    files: tuple[Path, ...] = ()


@dataclass
class Report:
    runs: list[SystemRun] = field(default_factory=list)
    leaderboard_text: str = ""
    written: list[Path] = field(default_factory=list)

    @property
    def skipped(self) -> list[SystemRun]:
        return [r for r in self.runs if not r.ran]


def _write(path: Path, text: str, written: list[Path]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(path)
    return path


def reproduce(
    root: Path,
    *,
    systems: tuple[str, ...] | None = None,
    progress: bool = True,
    log: Callable[[str], None] = print,
    num_proc: int = 1,
) -> Report:
    """Run, score and rank the reference systems (all available ones, or those named).

    ``num_proc`` processes run each system over a split (``run_extractor``): the committed files
    are byte for byte those of a serial run, and the statistical system's leave-one-document-out
    pass over dev, which trains one model per dev article, takes about 1/num_proc of the time.
    """
    from naba.baselines.runner import available_systems, corpus_documents, dump_submission, run_extractor, split_documents
    from naba.corpus.splits import split_gold
    from naba.evaluate import leaderboard as lb
    from naba.evaluate.robustness import render_robustness
    from naba.evaluate.splits import score_challenge
    from naba.evaluate.options import ScoreOptions
    from naba.evaluate.report import format_results
    from naba.evaluate.scorer import score

    gold = gold_records()
    dev_gold = split_gold("dev")
    documents = corpus_documents()
    options = ScoreOptions()
    known = {name for name, *_ in available_systems()}
    unknown = sorted(set(systems or ()) - known)
    if unknown:
        raise ValueError(f"unknown system(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    report = Report()
    entries: list[lb.Entry] = []
    for name, spec, ok, reason in available_systems():
        if systems is not None and name not in systems:
            continue
        if not ok:
            log(f"skipped {name}: {reason}")
            report.runs.append(SystemRun(name, spec, False, reason))
            continue
        log(f"running {name} ({spec})")
        records = run_extractor(spec, documents, progress=progress, num_proc=num_proc)
        folder = root / "baselines" / name
        predictions = _write(folder / "predictions.jsonl", dump_submission(records), report.written)
        results = score(predictions, gold, options=options, system=name)
        files = [
            predictions,
            _write(folder / "scores.json", results.to_json(), report.written),
            _write(folder / "scores.md", format_results(results, "md"), report.written),
        ]
        if name in TEST_ONLY:
            log(f"{name}: test only ({TEST_ONLY[name]})")
            report.runs.append(SystemRun(name, spec, True, "ok (test only)", tuple(files)))
            entries.append(lb.Entry(name, results))
            continue
        log(f"running {name} on dev")
        dev_records = run_extractor(spec, split_documents("dev"), progress=progress, num_proc=num_proc)
        dev_predictions = _write(folder / "dev" / "predictions.jsonl", dump_submission(dev_records), report.written)
        dev_results = score(dev_predictions, dev_gold, options=options, system=name)
        files += [dev_predictions, _write(folder / "dev" / "scores.json", dev_results.to_json(), report.written),
                  _write(folder / "dev" / "scores.md", format_results(dev_results, "md"), report.written)]
        log(f"running {name} on challenge")
        challenge_records = run_extractor(spec, split_documents("challenge"), progress=progress, num_proc=num_proc)
        challenge_predictions = _write(folder / "challenge" / "predictions.jsonl", dump_submission(challenge_records), report.written)
        robust = score_challenge(challenge_predictions, options=options)
        files += [challenge_predictions,
                  _write(folder / "challenge" / "robustness.json", robust.model_dump_json(indent=1) + "\n", report.written),
                  _write(folder / "challenge" / "robustness.md", f"# {name} on the challenge split\n\n" + render_robustness(robust, variants=True, markdown=True) + "\n", report.written)]
        report.runs.append(SystemRun(name, spec, True, "ok", tuple(files)))
        entries.append(lb.Entry(name, results, dev_results, robust))
    if entries:
        board = lb.build(entries)
        report.written.extend(lb.write(board, root / "evaluate"))
        report.leaderboard_text = lb.to_text(board)
    return report
