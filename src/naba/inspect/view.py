"""``naba view``: one self-contained, right-to-left HTML page of a submission against the gold.

For each document and each layer, the article twice, the gold's annotations on one copy and
the system's on the other, with the errors of the layer's main metric group marked (missed,
spurious, mismatched), then the list of that layer's errors (from ``naba.inspect.errors``, so
the page shows exactly what was scored). Entities are coloured by type; a quote highlights its
speaker's mentions on hover or focus; every annotation says what it is (type, value, anchor,
speaker, arguments) in its ``title``, which browsers show on hover.

Why one static file: it is read offline, mailed, attached to an issue, opened on a phone. So
it loads nothing (no external URL; the little CSS and JS are inline), wraps at any width (no
fixed widths, a viewport meta), escapes every text it prints (``html.escape``), and is a pure
function of its inputs: the same submission and gold give the same bytes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from naba.gold.inventory import ENTITY_TYPES, LAYERS
from naba.inspect.errors import KINDS, ErrorReport, ItemError, Scored, error_report
from naba.inspect.index import FAMILY, Annotation, Family, Side

#: Background colour per entity type (also the legend's swatches). Light, so text stays readable.
ENTITY_COLOURS: dict[str, str] = {"PER": "#9fc5ff", "ORG": "#ffc66b", "GPE": "#8fe39a", "LOC": "#f4a3df", "FAC": "#c9b3ff"}
TIMEX_COLOUR = "#fff07a"
QUOTE_COLOUR = "#d9ecf2"
CUE_COLOUR = "#b6e3e9"
TRIGGER_COLOUR = "#e3d3c3"
#: Outline colour per error kind.
ERROR_COLOURS: dict[str, str] = {"missed": "#d7191c", "spurious": "#7b3294", "mismatched": "#f08c00"}

LAYER_TITLES: dict[str, str] = {"entities": "الكيانات — entities", "timexes": "التعابير الزمنية — time expressions",
                                "quotes": "الاقتباسات — quotes", "events": "الأحداث — events"}
ERROR_WORDS: dict[str, str] = {"missed": "فائت — missed", "spurious": "زائد — spurious", "mismatched": "غير مطابق — mismatched"}


@dataclass(frozen=True)
class LayerView:
    """What one layer's section shows: the group whose errors are marked on the text, the families
    drawn on the text, and the groups whose errors are listed below it."""

    marked: str
    families: tuple[Family, ...]
    listed: tuple[str, ...]


LAYER_VIEWS: dict[str, LayerView] = {
    "entities": LayerView("entities.strict", ("mention",), ("entities.strict",)),
    "timexes": LayerView("timex.value", ("timex",), ("timex.value", "timex.type_accuracy", "timex.anchor_accuracy")),
    "quotes": LayerView("quotes.quote_speaker", ("quote", "cue"), ("quotes.quote_speaker", "quotes.content_strict", "quotes.cue")),
    "events": LayerView("events.trigger_classification", ("trigger",),
                        ("events.trigger_classification", "events.argument_classification", "events.event_time")),
}


@dataclass
class _Mark:
    """One annotation drawn on the text: its spans, classes, hover text and data attributes."""

    spans: tuple[tuple[int, int], ...]
    classes: list[str]
    title: str
    anchor: str
    data: dict[str, str] = field(default_factory=dict)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _describe(annotation: Annotation) -> str:
    details = "; ".join(f"{k}: {v}" for k, v in annotation.details.items())
    return f"{annotation.label} «{annotation.text}»" + (f" — {details}" if details else "")


class _Anchors:
    """Stable element ids for the annotations drawn (a counter, in drawing order)."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def of(self, side: str, family: str, key: str) -> str:
        return self.ids.setdefault((side, family, key), f"a{len(self.ids) + 1}")

    def find(self, side: str, family: str, key: str | None) -> str | None:
        return None if key is None else self.ids.get((side, family, key))


def _error_marks(errors: Iterable[ItemError]) -> dict[tuple[Side, str], ItemError]:
    out: dict[tuple[Side, str], ItemError] = {}
    for e in errors:
        if e.gold is not None:
            out.setdefault(("gold", e.gold.key), e)
        if e.pred is not None:
            out.setdefault(("pred", e.pred.key), e)
    return out


def _marks(scored: Scored, document_id: str, layer: str, side: Side, errors: Mapping[tuple[Side, str], ItemError],
           anchors: _Anchors) -> list[_Mark]:
    view = LAYER_VIEWS[layer]
    marks: list[_Mark] = []
    for family in view.families:
        for entry in scored.index.entries(side, family):
            a = entry.annotation
            if a.document_id != document_id:
                continue
            classes = {"mention": [f"ent-{a.label}"], "timex": ["tx"], "quote": ["q"], "cue": ["cue"], "trigger": ["ev"]}.get(family, [])
            title = _describe(a)
            error = errors.get((side, a.key)) if family != "cue" else None
            if error is not None:
                classes.append(f"err-{error.kind}")
                title += f"\n[{error.kind}{' — ' + ', '.join(error.differences) if error.differences else ''}]"
            data: dict[str, str] = {}
            if family == "quote":
                data["speaker"] = f"{side}-{a.key}"
                data["quote"] = f"{side}-{a.key}"
                data["tabindex"] = "0"
            if family == "cue":
                data["quote"] = f"{side}-{a.key}"
            marks.append(_Mark(a.spans, classes, title, anchors.of(side, family, a.key), data))
    if layer == "quotes":
        marks += _speaker_marks(scored, document_id, side)
    return marks


def _speaker_marks(scored: Scored, document_id: str, side: Side) -> list[_Mark]:
    """The speakers' mentions, tagged with every quote they speak, for the hover highlight."""
    spans: dict[tuple[int, int], tuple[str, list[str]]] = {}

    def add(span: tuple[int, int], text: str, quote_key: str) -> None:
        spans.setdefault(span, (text, []))[1].append(f"{side}-{quote_key}")

    if side == "gold":
        record = scored.index.records[document_id]
        entities = {e.id: e for e in record.entities}
        for q in record.quotes:
            entity = entities.get(q.speaker_entity_id or "")
            for m in entity.mentions if entity else ():
                add((m.start, m.end), f"{entity.type} {entity.name}", f"{document_id}/{q.id}")  # type: ignore[union-attr]
    else:
        sub = next((d for d in scored.submission.documents if d.document_id == document_id), None)
        sub_entities = {e.id: e for e in (sub.entities or ())} if sub else {}
        for q in (sub.quotes or ()) if sub else ():
            key = f"{document_id}/{q.id}"
            if q.speaker_mention is not None:
                add((q.speaker_mention.start, q.speaker_mention.end), q.speaker_mention.text, key)
            entity = sub_entities.get(q.speaker_entity_id or "")
            for m in entity.mentions if entity else ():
                add((m.start, m.end), f"{entity.type} {entity.name or entity.id}", key)  # type: ignore[union-attr]
    return [_Mark((span,), ["spk"], f"speaker: {text}", "", {"of": " ".join(sorted(set(quotes)))})
            for span, (text, quotes) in sorted(spans.items())]


def _render_text(text: str, marks: Sequence[_Mark]) -> str:
    """The text cut at every mark boundary; each piece a span carrying the marks that cover it
    (colour from the innermost, error and role classes from all)."""
    bounds = {0, len(text)}
    for mark in marks:
        for s, e in mark.spans:
            bounds.update((s, e))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    first_piece: dict[int, list[str]] = {}
    for mark in marks:
        if mark.anchor:
            first_piece.setdefault(min(s for s, _ in mark.spans), []).append(mark.anchor)
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:]):
        for anchor in first_piece.get(lo, ()):
            out.append(f'<a class="anchor" id="{anchor}"></a>')
        covering = [m for m in marks if any(s <= lo and hi <= e for s, e in m.spans)]
        piece = _esc(text[lo:hi])
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda m: -min(e - s for s, e in m.spans))  # outermost first, innermost last
        classes: list[str] = []
        for m in covering:
            classes += [c for c in m.classes if c not in classes]
        data: dict[str, str] = {}
        for m in covering:
            for k, v in m.data.items():
                data[k] = v if k not in data or k == "tabindex" else " ".join(sorted(set(data[k].split() + v.split())))
        attrs = "".join(f' {"tabindex" if k == "tabindex" else "data-" + k}="{_esc(v)}"' for k, v in sorted(data.items()))
        title = "\n".join(m.title for m in covering)
        out.append(f'<span class="{_esc(" ".join(classes))}" title="{_esc(title)}"{attrs}>{piece}</span>')
    return "".join(out)


def _error_item(error: ItemError, anchors: _Anchors, family: Family) -> str:
    def side(annotation: Annotation | None, which: str) -> str:
        if annotation is None:
            return '<span class="none">—</span>'
        anchor = anchors.find(which, family, annotation.key)
        label = f"<bdi>{_esc(_describe(annotation))}</bdi>"
        return f'<a href="#{anchor}">{label}</a>' if anchor else label

    diffs = f' <span class="diffs">({_esc(", ".join(error.differences))})</span>' if error.differences else ""
    return (f'<li class="e-{error.kind}"><span class="badge b-{error.kind}">{_esc(ERROR_WORDS[error.kind])}</span>{diffs}'
            f'<br>gold: {side(error.gold, "gold")}<br>system: {side(error.pred, "pred")}</li>')


def _legend(layer: str) -> str:
    items: list[str] = []
    if layer == "entities":
        items += [f'<span class="sw ent-{t}">{_esc(t)}</span>' for t in ENTITY_TYPES]
    elif layer == "timexes":
        items.append('<span class="sw tx">TIMEX3</span>')
    elif layer == "quotes":
        items += ['<span class="sw q">قول — quote</span>', '<span class="sw cue">فعل القول — cue</span>',
                  '<span class="sw spk">المتكلم — speaker</span>']
    else:
        items.append('<span class="sw ev">حدث — trigger</span>')
    items += [f'<span class="sw err-{k}">{_esc(ERROR_WORDS[k])}</span>' for k in KINDS]
    return '<p class="legend">' + " ".join(items) + "</p>"


def _layer_section(scored: Scored, report: ErrorReport, document_id: str, layer: str) -> str:
    view = LAYER_VIEWS[layer]
    layer_errors = next(l for l in report.layers if l.layer == layer)
    by_metric = {m.metric: m for m in layer_errors.metrics}
    text = scored.index.documents[document_id]
    parts = [f'<details class="layer" open><summary>{_esc(LAYER_TITLES[layer])}</summary>', _legend(layer)]
    anchors = _Anchors()
    marked = [e for e in by_metric[view.marked].errors if e.document_id == document_id] if view.marked in by_metric else []
    marks = _error_marks(marked)
    parts.append('<h3>المعيار الذهبي — gold</h3>')
    parts.append(f'<div class="article">{_render_text(text, _marks(scored, document_id, layer, "gold", marks, anchors))}</div>')
    parts.append('<h3>النظام — system</h3>')
    if not layer_errors.predicted:
        parts.append('<p class="none">not predicted (layer absent from the submission)</p>')
    else:
        parts.append(f'<div class="article">{_render_text(text, _marks(scored, document_id, layer, "pred", marks, anchors))}</div>')
        for metric in view.listed:
            if metric not in by_metric:
                continue
            errors = [e for e in by_metric[metric].errors if e.document_id == document_id]
            counts = ", ".join(f"{sum(1 for e in errors if e.kind == k)} {k}" for k in KINDS)
            family = FAMILY[metric]
            family = "trigger" if family == "event_time" else family  # an event time's key is its trigger's
            parts.append(f'<h4 dir="ltr">{_esc(metric)}: {_esc(counts)}</h4>')
            if errors:
                parts.append('<ol class="errors" dir="ltr">' + "".join(_error_item(e, anchors, family) for e in errors) + "</ol>")
    parts.append("</details>")
    return "\n".join(parts)


_CSS = """
*{box-sizing:border-box}
body{margin:0 auto;max-width:52rem;padding:.75rem;font-family:"DejaVu Sans","Noto Naskh Arabic",Tahoma,sans-serif;
font-size:1.05rem;line-height:2.1;color:#111;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.3rem;line-height:1.5;margin:.3rem 0}h2{font-size:1.15rem;line-height:1.5}h3{font-size:1rem;margin:.6rem 0 .2rem}
h4{font-size:.9rem;margin:.5rem 0 .1rem;text-align:left}
.meta{font-size:.8rem;color:#444;line-height:1.5}
details.layer{border-top:1px solid #bbb;margin:.6rem 0;padding-top:.2rem}
summary{font-weight:bold;cursor:pointer;line-height:1.8}
.article{white-space:pre-wrap;padding:.4rem .5rem;background:#fafafa;border:1px solid #ddd;border-radius:.3rem}
.article span{border-radius:.2rem;padding:.1rem 0}
"""
_CSS += "".join(f".ent-{t}{{background:{c}}}" for t, c in ENTITY_COLOURS.items())
_CSS += (f".tx{{background:{TIMEX_COLOUR}}}.q{{background:{QUOTE_COLOUR}}}.cue{{background:{CUE_COLOUR};font-weight:bold}}"
         f".ev{{background:{TRIGGER_COLOUR}}}.spk{{border-bottom:3px double #2b6cb0}}"
         ".lit{outline:3px solid #2b6cb0 !important;background:#bfe0ff !important}")
_CSS += "".join(f".err-{k}{{outline:2px {'dashed' if k == 'missed' else 'dotted' if k == 'spurious' else 'solid'} {c};outline-offset:1px}}"
                for k, c in ERROR_COLOURS.items())
_CSS += """
.legend{line-height:2.4;font-size:.85rem}.sw{display:inline-block;padding:0 .4rem;margin:.1rem;border:1px solid #ccc;border-radius:.2rem}
.sw.err-missed,.sw.err-spurious,.sw.err-mismatched{background:#fff}
ol.errors{font-size:.85rem;line-height:1.6;padding-inline-start:1.4rem}ol.errors li{margin:.3rem 0}
.badge{font-weight:bold;padding:0 .3rem;border-radius:.2rem;color:#fff}
"""
_CSS += "".join(f".b-{k}{{background:{c}}}" for k, c in ERROR_COLOURS.items())
_CSS += ".diffs{color:#444}.none{color:#777}a{color:#1a4f8b}\n"

_JS = """
(function(){
function lit(el,on){var s=el.getAttribute('data-speaker'),q=el.getAttribute('data-quote');if(!s&&!q)return;
var all=[];if(s)all=all.concat(Array.prototype.slice.call(document.querySelectorAll('[data-of~="'+CSS.escape(s)+'"]')));
if(q)all=all.concat(Array.prototype.slice.call(document.querySelectorAll('[data-quote="'+CSS.escape(q)+'"]')));
all.forEach(function(x){x.classList.toggle('lit',on)});}
['mouseover','focusin'].forEach(function(t){document.addEventListener(t,function(e){var el=e.target.closest&&e.target.closest('[data-speaker],[data-quote]');if(el)lit(el,true);});});
['mouseout','focusout'].forEach(function(t){document.addEventListener(t,function(e){var el=e.target.closest&&e.target.closest('[data-speaker],[data-quote]');if(el)lit(el,false);});});
})();
"""


def render_page(scored: Scored, *, documents: Sequence[str] | None = None, layers: Sequence[str] | None = None) -> str:
    """The HTML page of a scored submission (every gold document and layer unless narrowed)."""
    report = error_report(scored)
    doc_ids = [r.document.id for r in scored.gold if documents is None or r.document.id in documents]
    unknown = sorted(set(documents or ()) - {r.document.id for r in scored.gold})
    if unknown:
        raise ValueError(f"unknown document(s) {', '.join(unknown)}; gold has: {', '.join(r.document.id for r in scored.gold)}")
    shown_layers = [layer for layer in LAYERS if layers is None or layer in layers]
    system = report.system or "submission"
    body = [f"<header><h1>naba: {_esc(system)}</h1>",
            f'<p class="meta" dir="ltr">gold {_esc(report.gold_sha256[:12])} · submission {_esc(report.submission_sha256[:12])} · '
            f"matching: triggers {_esc(report.options.trigger_match)}, arguments {_esc(report.options.argument_match)}, "
            f"cues {_esc(report.options.cue_match)}, fused لل {_esc(report.options.fused_lam)}. "
            "Hover or focus an annotation for its details; a quote lights up its speaker.</p></header>"]
    for document_id in doc_ids:
        record = scored.index.records[document_id]
        body.append(f'<section class="document"><h2>{_esc(record.document.title)} <span class="meta" dir="ltr">{_esc(document_id)}</span></h2>')
        for layer in shown_layers:
            body.append(_layer_section(scored, report, document_id, layer))
        body.append("</section>")
    title = f"naba — {system}"
    return ("<!DOCTYPE html>\n"
            '<html dir="rtl" lang="ar">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            + "\n".join(body)
            + f"\n<script>{_JS}</script>\n</body>\n</html>\n")


__all__ = ["ENTITY_COLOURS", "ERROR_COLOURS", "LAYER_VIEWS", "render_page"]
