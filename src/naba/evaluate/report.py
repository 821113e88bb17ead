"""Readable tables of results: plain text, Markdown, or JSON.

Every score is shown with "±", half the width of its bootstrap interval, and
with the counts it was derived from; undefined scores print as "—" (never 0).
"""

from __future__ import annotations

from typing import Literal, Sequence

from naba.common.width import display_width, pad
from naba.evaluate.counts import Counts, Ratio
from naba.evaluate.results import LabelResult, Results

Format = Literal["table", "json", "md"]
DASH = "—"


def fmt_score(value: float | int | None, digits: int = 4) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def fmt_pm(half: float | None, digits: int = 4) -> str:
    return DASH if half is None else f"±{half:.{digits}f}"


_MARKDOWN_SPECIAL = "\\`*_[]<>#|"


def md_text(text: str) -> str:
    """User-given text (a system name) made inert in Markdown: special characters escaped,
    line breaks folded, so that a name can neither break a table nor format the page."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in text.replace("\r", " ").replace("\n", " "))


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], *, markdown: bool, align_left: int = 1) -> str:
    """A column-aligned text table, or a Markdown pipe table (a "|" inside a cell is escaped).

    Text columns line up in a terminal whatever the cells hold: widths are display widths
    (``naba.common.width``), so combining marks take no column and wide characters two.
    """
    if markdown:
        def cell(text: str) -> str:
            return str(text).replace("|", "\\|").replace("\n", " ")

        out = ["| " + " | ".join(map(cell, header)) + " |", "|" + "|".join(":---" if i < align_left else "---:" for i in range(len(header))) + "|"]
        out += ["| " + " | ".join(map(cell, row)) + " |" for row in rows]
        return "\n".join(out)
    # columns are counted in display width, not code points: a vocalised Arabic cell's harakat take none
    widths = [max(display_width(str(c)) for c in column) for column in zip(header, *rows)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(pad(str(c), w, right=i >= align_left) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _row(name: str, result: LabelResult, headline: bool) -> list[str]:
    mark = " *" if headline else ""
    if result.kind == "prf":
        c = result.counts or Counts()  # a prf result always has counts (LabelResult validates it)
        score = result.values["f1"]
        half = result.ci["f1"].half_width if "f1" in result.ci else None
        counts = f"tp={c.tp} fp={c.fp} fn={c.fn}" + (f" partial={c.partial}" if c.partial else "")
        return [name + mark, fmt_score(result.values["precision"]), fmt_score(result.values["recall"]), fmt_score(score), fmt_pm(half), counts]
    r = result.ratio or Ratio()  # an accuracy result always has a ratio
    half = result.ci["accuracy"].half_width if "accuracy" in result.ci else None
    return [name + mark, "", "", fmt_score(result.values["accuracy"]), fmt_pm(half), f"{r.correct}/{r.total} right"]


HEADER = ["metric", "P", "R", "F1/acc", "±", "counts"]


def format_results(results: Results, fmt: Format = "table", *, per_label: bool = False) -> str:
    """The whole report in one of the three formats."""
    if fmt == "json":
        return results.to_json()
    markdown = fmt == "md"
    parts: list[str] = []
    system = (md_text(results.system) if markdown else results.system) if results.system else ""
    title = f"naba scores{f' of {system}' if system else ''}"
    parts.append(f"## {title}" if markdown else title)
    for task in results.tasks.values():
        heading = f"{task.name} (headline: {task.headline})"
        parts.append(f"\n### {heading}\n" if markdown else f"\n{heading}")
        if not task.predicted:
            parts.append("not predicted (layer absent from the submission; not scored)")
            continue
        rows = []
        headline_group = task.headline.rsplit(".", 1)[0]
        for name, metric in task.metrics.items():
            rows.append(_row(name, metric, name == headline_group))
            if per_label:
                for label, sub in metric.per_label.items():
                    rows.append(_row(f"  {label}", sub, False))
        parts.append(render_table(HEADER, rows, markdown=markdown))
    opts = results.options
    parts.append("")
    parts.append(
        f"* headline. ±: half-width of the {opts.confidence:.0%} percentile bootstrap interval "
        f"({opts.n_bootstrap} resamples of {results.units.n} {results.units.kind} units, seed {opts.seed}). "
        f"Matching: triggers {opts.trigger_match}, arguments {opts.argument_match}, cues {opts.cue_match}, fused لل {opts.fused_lam}."
    )
    parts.append(
        f"naba {results.naba_version}, schema {results.schema_version}, gold {results.gold_sha256[:12]}, "
        f"submission {results.submission_sha256[:12]}"
    )
    return "\n".join(parts) + "\n"
