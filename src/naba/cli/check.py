"""``naba check``: naba as a regression test for an extractor, in CI.

A thin layer over ``naba.check``: score an extractor (run like ``naba run``) or a submission
file, hold it to thresholds and/or a saved result, print what regressed (metrics, then gold
items and spurious predictions), optionally save the new result for the next run.
Exit codes: 0 nothing regressed, 1 a regression, 2 bad input (never a traceback).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from naba.cli.support import EXIT_BAD_INPUT, EXIT_OK, importable_from_cwd

MAX_PROBLEMS = 200


def _fail(problems: list[str], fmt: str, alignment: tuple = ()) -> None:  # type: ignore[type-arg]
    """Report bad input on stderr (and as JSON on stdout with --format json); exit 2."""
    from naba.check.regression import CHECK_FORMAT
    from naba.check.strings import alignment_dict, render_alignment

    shown = problems if len(problems) <= MAX_PROBLEMS else problems[:MAX_PROBLEMS] + [f"... and {len(problems) - MAX_PROBLEMS} more"]
    if alignment:
        click.echo(render_alignment(alignment), err=True)
    click.echo("error: " + "\n".join(shown), err=True)
    if fmt == "json":
        click.echo(json.dumps({"format": CHECK_FORMAT, "status": "error", "exit_code": EXIT_BAD_INPUT, "problems": problems,
                               "alignment": alignment_dict(alignment)}, ensure_ascii=False, indent=1))
    sys.exit(EXIT_BAD_INPUT)


@click.command("check")
@click.argument("extractor", required=False, metavar="[MODULE:CALLABLE]")
@click.option("--submission", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Check a submission file (JSON Lines) instead of running an extractor.")
@click.option("--min", "minimums", multiple=True, metavar="METRIC=VALUE",
              help="The metric must be >= VALUE, e.g. --min entities.strict.f1=0.5 (repeatable).")
@click.option("--max", "maximums", multiple=True, metavar="METRIC=VALUE",
              help="The metric must be <= VALUE, for lower-is-better counts, e.g. --max entities.strict.fp=3 (repeatable).")
@click.option("--against", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Saved results (from --save): no micro score may drop by more than --tolerance.")
@click.option("--tolerance", type=float, default=None, help="Allowed drop of each score with --against (absolute; default 0).")
@click.option("--save", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the new results here (JSON).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--strings/--no-strings", default=None,
              help="Align string-only predictions (text without offsets) before scoring. Default: when any are present.")
@click.option("--limit", type=int, default=50, show_default=True, help="Rows per item table (0: all).")
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of gold record files (default: the shipped gold).")
@click.option("--n-bootstrap", type=click.IntRange(0, 100_000), default=1000, show_default=True, help="Bootstrap resamples of the saved intervals.")
@click.option("--trigger-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True)
@click.option("--argument-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True)
@click.option("--cue-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True)
@click.option("--fused-lam", type=click.Choice(["either", "strict"]), default="either", show_default=True,
              help="A span starting on the article's lam of a fused لل: the gold's span (either) or a miss (strict).")
@click.option("--list-metrics", is_flag=True, help="Print the valid metric names and exit.")
@click.option("--split", type=click.Choice(["test", "challenge"]), default="test", show_default=True,
              help="challenge: check the challenge figures (challenge.<row>.<task>.<score|drop|invariance_failure_rate>) "
                   "of the extractor, or of a --submission holding the article and every variant.")
def check(extractor: str | None, submission: Path | None, minimums: tuple[str, ...], maximums: tuple[str, ...], against: Path | None,
          tolerance: float | None, save: Path | None, fmt: str, strings: bool | None, limit: int, gold_dir: Path | None,
          n_bootstrap: int, trigger_match: str, argument_match: str, cue_match: str, fused_lam: str, list_metrics: bool,
          split: str) -> None:
    """Score an extractor MODULE:CALLABLE (or --submission FILE) and fail on regressions.

    \b
    naba check my_extractor:extract --min entities.strict.f1=0.3 --save naba-results.json
    naba check my_extractor:extract --against naba-results.json --tolerance 0.01

    Exit 0: nothing regressed; 1: a regression (each metric with old, new, delta and
    threshold; each gold item found before and missed now; each new spurious prediction);
    2: bad input.
    """
    from naba.check.errors import CheckError
    from naba.check.regression import check as run_check
    from naba.check.saved import ensure_comparable, read_results, run_provenance
    from naba.check.scoring import load_gold, score_extractor, score_submission_file
    from naba.check.thresholds import describe_metric_names, parse_thresholds, tolerance_problem
    from naba.evaluate.options import ScoreOptions

    if list_metrics:
        click.echo(describe_metric_names())
        sys.exit(EXIT_OK)
    try:
        problems: list[str] = []
        if (extractor is None) == (submission is None):
            problems.append("give exactly one of MODULE:CALLABLE (an extractor) or --submission FILE")
        if tolerance is not None and against is None:
            problems.append("--tolerance applies to --against; give --against FILE or drop --tolerance")
        if tolerance is not None and tolerance_problem(tolerance):
            problems.append(f"--tolerance: {tolerance_problem(tolerance)}")
        thresholds = None
        if split != "challenge":  # challenge figures have names of their own (naba.check.challenge)
            try:
                thresholds = parse_thresholds(minimums, maximums)
            except CheckError as err:
                problems += err.problems
        if split == "challenge" and gold_dir is not None:
            problems.append("--split challenge checks the shipped challenge split; drop --gold")
        if problems:
            raise CheckError(problems)
        if split == "challenge":
            _check_challenge(extractor, submission, minimums, maximums, against, tolerance, save, fmt, n_bootstrap,
                             ScoreOptions(n_bootstrap=n_bootstrap, trigger_match=trigger_match, argument_match=argument_match,  # type: ignore[arg-type]
                                          cue_match=cue_match, fused_lam=fused_lam))  # type: ignore[arg-type]
            return
        options = ScoreOptions(n_bootstrap=n_bootstrap, trigger_match=trigger_match, argument_match=argument_match, cue_match=cue_match, fused_lam=fused_lam)  # type: ignore[arg-type]
        old = None
        if against is not None:
            old = read_results(against)
            ensure_comparable(old, run_provenance(gold_dir, options), str(against))  # before a slow extractor runs
        mode = "auto" if strings is None else ("always" if strings else "never")
        if extractor is not None:
            importable_from_cwd()
            scored = score_extractor(extractor, gold_dir=gold_dir, options=options, strings=mode, progress=True)  # type: ignore[arg-type]
        elif submission is not None:
            scored = score_submission_file(submission, gold_dir=gold_dir, options=options, strings=mode)  # type: ignore[arg-type]
        report = run_check(scored.results, thresholds=thresholds, against=old, tolerance=tolerance or 0.0, gold=load_gold(gold_dir),
                           alignment=scored.alignment, against_source=str(against) if against is not None else "the saved results")
        if save is not None:
            try:
                save.parent.mkdir(parents=True, exist_ok=True)
                scored.results.write(save)
            except OSError as err:
                raise CheckError([f"--save {save}: cannot write: {err.strerror or err}"]) from None
    except CheckError as err:
        _fail(err.problems, fmt, err.alignment)
        return
    except Exception as err:  # a bug (naba's or a validator's), not a regression: still no traceback, still exit 2
        import traceback

        frame = traceback.extract_tb(err.__traceback__)[-1]
        _fail([f"internal error while checking: {type(err).__name__}: {err} (at {frame.filename}:{frame.lineno}); "
               "please report it with the command line"], fmt)
        return
    click.echo(report.to_json() if fmt == "json" else report.render(limit), nl=False)
    if save is not None:
        click.echo(f"wrote {save}", err=True)
    sys.exit(report.exit_code)


def _check_challenge(extractor: str | None, submission: Path | None, minimums: tuple[str, ...], maximums: tuple[str, ...],
                     against: Path | None, tolerance: float | None, save: Path | None, fmt: str, n_bootstrap: int, options: object) -> None:
    """``naba check --split challenge``: the challenge report, its thresholds and regressions."""
    from naba.check.challenge import check_challenge, read_report
    from naba.check.errors import CheckError
    from naba.evaluate.splits import score_challenge
    from naba.submission.model import SubmissionError

    try:
        old = read_report(against) if against is not None else None
        if extractor is not None:
            from naba.baselines.runner import run_extractor, split_documents

            importable_from_cwd()
            source: object = run_extractor(extractor, split_documents("challenge"), progress=True)
        else:
            source = submission
        try:
            report = score_challenge(source, options=options)  # type: ignore[arg-type]
        except SubmissionError as err:
            raise CheckError([str(p) for p in err.problems]) from None
        result = check_challenge(report, minimums=minimums, maximums=maximums, against=old, tolerance=tolerance or 0.0)
        if save is not None:
            try:
                save.parent.mkdir(parents=True, exist_ok=True)
                save.write_text(report.model_dump_json(indent=1) + "\n", encoding="utf-8")
            except OSError as err:
                raise CheckError([f"--save {save}: cannot write: {err.strerror or err}"]) from None
    except CheckError as err:
        _fail(err.problems, fmt)
        return
    click.echo(result.to_json() if fmt == "json" else result.render(), nl=False)
    if save is not None:
        click.echo(f"wrote {save}", err=True)
    sys.exit(result.exit_code)


COMMANDS = [check]
