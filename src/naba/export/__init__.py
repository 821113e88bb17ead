"""Exports of the gold and of submissions to the formats other tools read: CoNLL, brat, TimeML.

Why one input shape: the gold and a system's output are exported by the same code, so that an
export of the gold and an export of a perfect submission are the same files. A gold record is
first written as a submission line (``naba.submission.model.from_gold``) and every format reads
an :class:`ExportDocument`: the gold *document* (text, publication date, sentences: what the
formats need besides the annotations, and what a submission does not carry) and the
*annotations* as a validated submission line. The one thing of the gold a submission line cannot
say, which time expression dates a quote (``Quote.time_id``), travels beside it in
``quote_times`` so that TimeML can resolve ``speech_event`` anchors; it is empty for submissions.

Each format module (``conll``, ``brat``, ``timeml``) is a pure function from one
:class:`ExportDocument` to a :class:`Rendered`: the files (name -> text) and counts of what was
written and of what the format could not represent, which the command prints, so nothing is dropped silently.
:func:`export` runs a format over documents and :func:`write_files` writes the result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from naba.gold.model import Document, Record
from naba.submission.model import Submission, SubmissionDocument, from_gold

#: The formats, in the order the command lists them.
FORMATS: tuple[str, ...] = ("conll", "brat", "timeml")


@dataclass(frozen=True)
class ExportDocument:
    """One document to export: its gold document and the annotations to write over it."""

    document: Document
    annotations: SubmissionDocument
    quote_times: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    """Files (name relative to the output folder -> text) and counts of what was written and
    of what the format could not hold (each key says which)."""

    files: dict[str, str]
    counts: Counter[str]


class ExportError(Exception):
    """A document cannot be written in the format at all (e.g. a character XML 1.0 forbids)."""


def gold_documents(records: Iterable[Record]) -> list[ExportDocument]:
    """The gold records as export documents (annotations: the gold written as a submission)."""
    return [
        ExportDocument(r.document, from_gold(r), {q.id: q.time_id for q in r.quotes if q.time_id is not None})
        for r in records
    ]


def submission_documents(submission: Submission, records: Sequence[Record]) -> list[ExportDocument]:
    """A validated submission's lines over the gold documents they were validated against."""
    by_id = {r.document.id: r.document for r in records}
    return [ExportDocument(by_id[line.document_id], line) for line in submission.documents]


def renderer(fmt: str, *, all_mentions: bool = False) -> Callable[[ExportDocument], Rendered]:
    """The pure function of format ``fmt``; ``all_mentions`` (CoNLL only): tag mentions of every
    kind, not only the named ones the corpus tags."""
    if fmt == "conll":
        from naba.export.conll import DEFAULT_KINDS, render_conll

        kinds = None if all_mentions else DEFAULT_KINDS
        return lambda doc: render_conll(doc, kinds=kinds)
    if fmt == "brat":
        from naba.export.brat import render_brat

        return render_brat
    if fmt == "timeml":
        from naba.export.timeml import render_timeml

        return render_timeml
    raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")


def export(documents: Iterable[ExportDocument], fmt: str, *, all_mentions: bool = False) -> Rendered:
    """Every document in ``fmt``: all files, and the counts summed over documents.

    Raises ExportError when two documents would write one file name (ids that differ only in
    case collide on case-insensitive file systems, so names are compared case-folded)."""
    render = renderer(fmt, all_mentions=all_mentions)
    files: dict[str, str] = {}
    folded: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for doc in documents:
        rendered = render(doc)
        for name, text in rendered.files.items():
            other = folded.get(name.casefold())
            if other is not None:
                raise ExportError(f"documents would write both {other} and {name}: file names must differ in more than case")
            folded[name.casefold()] = name
            files[name] = text
        counts.update(rendered.counts)
    return Rendered(files, counts)


def write_files(out_dir: Path, files: Mapping[str, str]) -> list[Path]:
    """Write each file as the UTF-8 bytes of its text, in sorted name order; raises OSError.

    Bytes, not text mode, so no platform turns ``\\n`` into ``\\r\\n``: offsets into the
    written ``.txt`` files are the offsets of the document text."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(files):
        path = out_dir / name
        path.write_bytes(files[name].encode("utf-8"))
        written.append(path)
    return written
