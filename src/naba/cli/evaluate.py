"""``naba score``, ``naba validate-submission``, ``naba leaderboard``, ``naba compare``.

Thin commands over ``naba.evaluate``: every input is validated first; bad input
prints one collected report (file, line, field, value) and exits 2, never a
traceback; results print as readable tables and can be written as JSON.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Callable, Sequence, TypeVar

import click

from naba.cli.support import EXIT_BAD_INPUT
T = TypeVar("T")


def _gold(gold_dir: Path | None):  # type: ignore[no-untyped-def]
    """Validated gold records (raises GoldError); scoring is given the folder itself so
    that results carry the folder's ``gold_sha256``."""
    from naba.gold.records import gold_records

    return list(gold_records(gold_dir))


def _load(file: Path, gold: object, max_problems: int):  # type: ignore[no-untyped-def]
    """The validated submission (string spans aligned, ``naba.submission.shapes``), its alignment
    report printed on stderr when it had strings to align; bad input exits 2."""
    from naba.submission.model import SubmissionError
    from naba.submission.validate import load_submission, read_submission_bytes, submission_byte_bound

    if not isinstance(gold, list):  # the size first: an oversized file is refused before the gold is read
        from naba.gold.records import record_paths

        bound = submission_byte_bound(record_paths(gold))  # type: ignore[arg-type]
        try:
            size = file.stat().st_size
        except OSError:
            size = 0  # load_submission reports it
        if size > bound:
            def refuse() -> None:
                _, problems = read_submission_bytes(file, limit=bound)
                raise SubmissionError(problems)

            _guard(refuse)
    records = gold if isinstance(gold, list) else _guard(lambda: _gold(gold))  # type: ignore[arg-type]
    submission = _guard(lambda: load_submission(file, records), max_problems)
    if submission.alignment:
        from naba.check.strings import render_alignment

        click.echo(f"{file}: " + render_alignment(submission.alignment), err=True)
    return submission


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_BAD_INPUT)


def _guard(action: Callable[[], T], max_problems: int = 200) -> T:
    """Run ``action``; turn invalid input into a report and exit code 2."""
    from naba.common.problems import render
    from naba.evaluate.compare import NotComparable
    from naba.gold.records import GoldError
    from naba.submission.model import SubmissionError

    try:
        return action()
    except (SubmissionError, GoldError) as err:
        if isinstance(err, SubmissionError) and err.alignment:  # often the cause: show it first
            from naba.check.strings import render_alignment

            click.echo(render_alignment(err.alignment), err=True)
        problems = err.problems
        shown = problems if max_problems <= 0 else problems[:max_problems]
        text = render(shown)
        if len(shown) < len(problems):
            by_code: dict[str, int] = {}
            for p in problems:
                by_code[p.code] = by_code.get(p.code, 0) + 1
            text += (f"\n{len(problems) - len(shown)} more problem(s) not shown (--max-problems 0 shows all); "
                     f"{len(problems)} in total by code: " + ", ".join(f"{c}={n}" for c, n in sorted(by_code.items())))
        _fail(text)
    except NotComparable as err:
        _fail(f"not comparable: {err}")
    except FileNotFoundError as err:
        _fail(f"cannot load the gold: {err}")
    raise AssertionError("unreachable")  # pragma: no cover


def _options(n_bootstrap: int, seed: int, confidence: float, trigger_match: str, argument_match: str, cue_match: str, fused_lam: str):  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from naba.evaluate.options import ScoreOptions

    try:
        return ScoreOptions.model_validate(dict(n_bootstrap=n_bootstrap, seed=seed, confidence=confidence, trigger_match=trigger_match,
                                                argument_match=argument_match, cue_match=cue_match, fused_lam=fused_lam))
    except ValidationError as err:
        _fail("invalid options:\n" + "\n".join(f"  --{'-'.join(map(str, e['loc'])).replace('_', '-')}: {e['msg']} (value: {e.get('input')!r})" for e in err.errors()))


def _score_options(func):  # type: ignore[no-untyped-def]
    from naba.evaluate.options import DEFAULT_SEED

    for decorator in reversed([
        click.option("--gold", "gold_dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Folder of gold record files (default: the shipped annotations)."),
        click.option("--n-bootstrap", type=int, default=1000, show_default=True, help="Bootstrap resamples (0: no intervals)."),
        click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Bootstrap seed."),
        click.option("--confidence", type=float, default=0.95, show_default=True, help="Interval coverage."),
        click.option("--trigger-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True),
        click.option("--argument-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True),
        click.option("--cue-match", type=click.Choice(["overlap", "exact"]), default="overlap", show_default=True),
        click.option("--fused-lam", type=click.Choice(["either", "strict"]), default="either", show_default=True,
                     help="A span starting on the article's lam of a fused لل: the gold's span (either) or a miss (strict)."),
        click.option("--max-problems", type=int, default=200, show_default=True, help="Problems to print (0: all)."),
    ]):
        func = decorator(func)
    return func


def _system_name(path: Path, name: str | None) -> str:
    return name if name else (path.resolve().parent.name or path.stem)


@click.command("score")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@_score_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True)
@click.option("--per-label", is_flag=True, help="Also show per-label rows.")
@click.option("--name", default=None, help="System name (default: the file's folder name).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Write the results as JSON here.")
@click.option("--split", type=click.Choice(["test", "dev", "challenge"]), default="test", show_default=True,
              help="Gold to score against. challenge: the file holds the test article and every variant; prints scores "
                   "per transformation, the drop and invariance failures.")
@click.option("--variants", "show_variants", is_flag=True, help="With --split challenge: a row per variant too.")
@click.option("--num-proc", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes scoring documents in parallel (0: one per CPU); the results are the same bytes.")
@click.option("--outcomes/--no-outcomes", default=True, show_default=True,
              help="Keep every item's outcome in the results (what `naba errors` and result diffs read); "
                   "--no-outcomes keeps the counts only, for large gold folders.")
def score(file: Path, gold_dir: Path | None, n_bootstrap: int, seed: int, confidence: float, trigger_match: str,
          argument_match: str, cue_match: str, fused_lam: str, max_problems: int, fmt: str, per_label: bool, name: str | None,
          output: Path | None, split: str, show_variants: bool, num_proc: int, outcomes: bool) -> None:
    """Score a submission (JSON Lines) against the gold and print a table with ± columns.

    The gold folder is read one document at a time (``naba.evaluate.folder``), so memory
    does not grow with the gold's records, and ``--num-proc`` scores documents in parallel."""
    from naba.evaluate.folder import score_folder, worker_count
    from naba.evaluate.report import format_results
    from naba.evaluate.splits import score_challenge

    options = _options(n_bootstrap, seed, confidence, trigger_match, argument_match, cue_match, fused_lam)
    if split != "test" and gold_dir is not None:
        _fail("give either --gold DIR or --split, not both")
    if split == "challenge":
        from naba.evaluate.robustness import render_robustness

        report = _guard(lambda: score_challenge(file, options=options), max_problems)
        click.echo(report.model_dump_json(indent=1) + "\n" if fmt == "json" else render_robustness(report, variants=show_variants) + "\n", nl=False)
        if output is not None:
            _write_text(output, report.model_dump_json(indent=1) + "\n")
        return
    if split == "dev":
        from naba.corpus.splits import dev_dir

        gold_dir = dev_dir()
    scored = _guard(lambda: score_folder(file, gold_dir, options=options, system=_system_name(file, name), num_proc=worker_count(num_proc),
                                         outcomes="items" if outcomes else "omitted", progress=_progress("scored", "line(s)")), max_problems)
    if scored.alignment:
        from naba.check.strings import render_alignment

        click.echo(f"{file}: " + render_alignment(scored.alignment), err=True)
    results = scored.results
    click.echo(format_results(results, fmt, per_label=per_label), nl=False)  # type: ignore[arg-type]
    if output is not None:
        _write_bytes(output, results.to_json_bytes())


#: Work of fewer units than this shows no progress: it is over before a reader would look.
PROGRESS_FROM: int = 200


def _progress(verb: str, what: str) -> Callable[[int, int], None]:
    """A progress callback printing to stderr at every tenth of the work (of at least
    ``PROGRESS_FROM`` units): counts, never times, so the output is deterministic."""
    shown: list[int] = []  # the tenths already printed (local to one command)

    def report(done: int, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        tenth = 10 * done // total
        if tenth > (shown[-1] if shown else 0):
            shown.append(tenth)
            click.echo(f"{verb} {done}/{total} {what}", err=True)

    return report


def _write_bytes(path: Path, data: bytes) -> None:
    """Write an output file; a path that cannot be written is bad input (exit 2), not a traceback."""
    try:
        path.write_bytes(data)
    except OSError as err:
        _fail(f"cannot write {path}: {err.strerror or err}")
    click.echo(f"wrote {path}", err=True)


def _write_text(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


@click.command("validate-submission")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Folder of gold record files.")
@click.option("--max-problems", type=int, default=200, show_default=True, help="Problems to print (0: all).")
@click.option("--num-proc", type=click.IntRange(min=0), default=1, show_default=True, help="Processes checking documents in parallel (0: one per CPU).")
def validate_submission(file: Path, gold_dir: Path | None, max_problems: int, num_proc: int) -> None:
    """Check a submission file against the format and the gold; exit 2 on any problem.

    The gold folder is read one document at a time, as ``naba score`` reads it."""
    from naba.evaluate.folder import validate_folder, worker_count

    layers, documents, alignment = _guard(lambda: validate_folder(file, gold_dir, num_proc=worker_count(num_proc),
                                                                  progress=_progress("checked", "line(s)")), max_problems)
    if alignment:
        from naba.check.strings import render_alignment

        click.echo(f"{file}: " + render_alignment(alignment), err=True)
    click.echo(f"{file}: {documents} document(s), layers predicted: {', '.join(layers) or 'none'}; 0 problems")


@click.command("leaderboard")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@_score_options
@click.option("--name", "names", multiple=True, help="System name for each file, in order (default: each file's folder name).")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("evaluate"), show_default=True,
              help="Where leaderboard.md and leaderboard.json are written.")
@click.option("--split", type=click.Choice(["test", "challenge"]), default="test", show_default=True,
              help="challenge: each file holds the article and every variant; ranked on the article, with the challenge "
                   "columns (all variants, drop, invariance failures) beside.")
def leaderboard(files: Sequence[Path], gold_dir: Path | None, n_bootstrap: int, seed: int, confidence: float, trigger_match: str,
                argument_match: str, cue_match: str, fused_lam: str, max_problems: int, names: Sequence[str], out_dir: Path,
                split: str) -> None:
    """Score several submissions and rank them per task on the headline metric."""
    from tqdm import tqdm

    from naba.evaluate import leaderboard as lb
    from naba.evaluate.scorer import score as run
    from naba.evaluate.splits import score_challenge, split_gold

    if names and len(names) != len(files):
        _fail(f"--name was given {len(names)} time(s) for {len(files)} file(s); give it once per file or not at all")
    if split == "challenge" and gold_dir is not None:
        _fail("give either --gold DIR or --split challenge, not both")
    options = _options(n_bootstrap, seed, confidence, trigger_match, argument_match, cue_match, fused_lam)
    _guard(lambda: _gold(gold_dir))
    entries = []
    for index, file in enumerate(tqdm(files, desc="scoring", unit="system", file=sys.stderr, disable=None)):
        system = names[index] if names else _system_name(file, None)
        if split == "challenge":
            report = _guard(partial(score_challenge, file, options=options), max_problems)
            test_ids = {r.document.id for r in split_gold("test")}
            from naba.submission.validate import parse_jsonl, read_submission_bytes, submission_byte_limit

            limit = submission_byte_limit(split_gold("test") + split_gold("challenge"))
            data, _ = read_submission_bytes(file, limit=limit)  # score_challenge above has validated the whole file
            values, _ = parse_jsonl(data or b"", str(file))
            results = _guard(partial(run, [o for _, o in values if o.get("document_id") in test_ids], None, options=options, system=system), max_problems)
            entries.append(lb.Entry(system, results, None, report))
            continue
        results = _guard(partial(run, _load(file, gold_dir, max_problems), gold_dir, options=options, system=system), max_problems)
        entries.append(lb.Entry(system, results))
    board = _guard(lambda: lb.build(entries))
    try:
        md, js = lb.write(board, out_dir)
    except OSError as err:
        _fail(f"cannot write the leaderboard under {out_dir}: {err.strerror or err}")
    click.echo(lb.to_text(board), nl=False)
    click.echo(f"wrote {md} and {js}", err=True)


@click.command("compare")
@click.argument("a", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("b", type=click.Path(path_type=Path, dir_okay=False))
@_score_options
@click.option("--all", "all_metrics", is_flag=True, help="Compare every micro F1/accuracy, not only the headlines.")
@click.option("--split", type=click.Choice(["test", "dev", "challenge"]), default="test", show_default=True,
              help="challenge: both files hold the article and every variant; compares score and drop per transformation.")
def compare(a: Path, b: Path, gold_dir: Path | None, n_bootstrap: int, seed: int, confidence: float, trigger_match: str,
            argument_match: str, cue_match: str, fused_lam: str, max_problems: int, all_metrics: bool, split: str) -> None:
    """Paired bootstrap between two submissions: B - A, its interval, and how often it holds."""
    from naba.evaluate.compare import compare as run_compare
    from naba.evaluate.report import fmt_score, render_table
    from naba.evaluate.scorer import score as run
    from naba.evaluate.splits import compare_challenge, split_gold

    options = _options(n_bootstrap, seed, confidence, trigger_match, argument_match, cue_match, fused_lam)
    if split != "test" and gold_dir is not None:
        _fail("give either --gold DIR or --split, not both")
    if split == "challenge":
        def span(pair: tuple[float | None, float | None]) -> str:
            return DASH if pair[0] is None else f"[{pair[0]:+.4f}, {pair[1]:+.4f}]"

        def signed(value: float | None) -> str:
            return DASH if value is None else f"{value:+.4f}"

        comparisons = _guard(lambda: compare_challenge(a, b, options=options, variants=all_metrics), max_problems)
        rows = [[c.row, c.task, fmt_score(c.a_score), fmt_score(c.b_score), signed(c.score_diff), span(c.score_interval),
                 signed(c.a_drop), signed(c.b_drop), signed(c.drop_diff), span(c.drop_interval)] for c in comparisons]
        click.echo(f"A = {a}\nB = {b}")
        click.echo(render_table(["rows", "task", "A", "B", "B-A", f"{options.confidence:.0%} interval", "drop A", "drop B",
                                 "B-A drop", f"{options.confidence:.0%} interval"], rows, markdown=False, align_left=2))
        click.echo(f"paired joint bootstrap: {options.n_bootstrap} resamples of the source sentences, seed {options.seed}, "
                   "the same draw for both systems and every variant")
        return
    if split == "dev":
        gold_dir = split_gold("dev")  # type: ignore[assignment]
    _guard(lambda: _gold(gold_dir))
    sa, sb = _load(a, gold_dir, max_problems), _load(b, gold_dir, max_problems)
    ra = _guard(lambda: run(sa, gold_dir, options=options, system=_system_name(a, None)), max_problems)
    rb = _guard(lambda: run(sb, gold_dir, options=options, system=_system_name(b, None)), max_problems)
    rows = []
    for c in _guard(lambda: run_compare(ra, rb, all_metrics=all_metrics)):
        e = c.estimate
        diff = DASH if e.observed is None else f"{e.observed:+.4f}"
        interval = DASH if e.low is None else f"[{e.low:+.4f}, {e.high:+.4f}]"
        rows.append([c.metric, fmt_score(c.a), fmt_score(c.b), diff, interval, fmt_score(e.b_better, 3), fmt_score(e.holds, 3)])
    click.echo(f"A = {a}\nB = {b}")
    if rows:
        click.echo(render_table(["metric", "A", "B", "B-A", f"{options.confidence:.0%} interval", "P(B>A)", "holds"], rows, markdown=False))
    skipped = [t for t in ra.tasks if not (ra.tasks[t].predicted and rb.tasks[t].predicted)]
    if skipped:
        click.echo("not compared (not predicted by both): " + ", ".join(skipped))
    click.echo(f"paired bootstrap: {options.n_bootstrap} resamples of {ra.units.n} {ra.units.kind} units, seed {options.seed}; "
               "holds = share of resamples in which B-A keeps its observed sign")


DASH = "—"

COMMANDS = [score, validate_submission, leaderboard, compare]
