"""naba view: a self-contained right-to-left HTML page, checked as text and as a picture.

The picture test renders the page in headless Chromium at a phone's viewport and reads the
screenshot with a small PNG decoder (standard library only): the page must draw the entity
colours and the error outlines it declares. It is skipped only when no Chromium binary is
installed (.ci/run installs Debian's ``chromium``).
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.inspect.errors import score_for_inspection
from naba.inspect.view import ENTITY_COLOURS, ERROR_COLOURS, render_page

from test_inspect_errors import GOLD, MINI_DIR, perfect, with_errors

PHONE = (390, 2000)


def page(doc=None, **kwargs) -> str:  # type: ignore[no-untyped-def]
    return render_page(score_for_inspection([doc or with_errors()], GOLD, system=kwargs.pop("system", "demo")), **kwargs)


def spans_with(html_text: str, cls: str) -> list[str]:
    """The texts of the article's spans carrying ``cls`` (the legend's swatches, class ``sw``, left out)."""
    found = re.findall(r'<span class="([^"]*)"[^>]*>([^<]*)</span>', html_text)
    return [text for classes, text in found if cls in classes.split() and "sw" not in classes.split()]


def test_page_is_self_contained_rtl_and_phone_ready() -> None:
    text = page()
    assert text.startswith("<!DOCTYPE html>\n<html dir=\"rtl\" lang=\"ar\">")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert '<meta charset="utf-8">' in text
    assert not re.search(r"\b(src|srcset)=", text) and "<link" not in text and "@import" not in text and "url(" not in text
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', text))
    anchors = set(re.findall(r'id="([^"]*)"', text))
    assert {href[1:] for href in re.findall(r'href="([^"]*)"', text)} <= anchors, "every link points into the page"
    assert not re.search(r"width:\s*\d+px", text), "no fixed widths"


def test_page_bytes_are_deterministic() -> None:
    assert page() == page()


def test_errors_and_entity_types_are_marked() -> None:
    text = page()
    assert "حداد" in spans_with(text, "err-missed")  # the dropped mention, on the gold copy
    assert "الدعم" in spans_with(text, "err-spurious")  # the invented ORG
    assert spans_with(text, "err-mismatched").count("القاهرة") == 4  # GPE -> LOC, both mentions, both copies
    assert "القاهرة" in spans_with(text, "ent-LOC") and "القاهرة" in spans_with(text, "ent-GPE")
    for kind, colour in ERROR_COLOURS.items():
        assert colour in text and f"err-{kind}" in text
    clean = page(perfect())
    assert all(spans_with(clean, f"err-{kind}") == [] for kind in ERROR_COLOURS), "a perfect submission marks no error"


def test_quotes_point_to_their_speakers_and_timexes_carry_value_and_anchor() -> None:
    text = page(perfect())
    speakers = set(re.findall(r'data-speaker="([^"]*)"', text))
    assert speakers, "quotes carry the key of their speaker"
    for speaker in speakers:
        tagged = re.findall(r'<span[^>]*data-of="[^"]*\b' + re.escape(speaker) + r'\b[^"]*"[^>]*>([^<]*)</span>', text)
        assert "سامي حداد" in tagged or "وزير الخارجية" in tagged, speaker
    titles = re.findall(r'<span class="tx[^"]*" title="([^"]*)"', text)
    assert any("2024-03-11" in t and "speech_event q1" in t for t in titles)


def test_every_text_is_escaped() -> None:
    doc = perfect()
    doc["entities"][0]["name"] = '<script>alert("x")</script>'
    doc["entities"][0]["mentions"] = doc["entities"][0]["mentions"][:-1]  # an error row that names the entity
    text = page(doc, system="<b>sys</b>")
    assert "<script>alert" not in text and "<b>sys" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text and "&lt;b&gt;sys&lt;/b&gt;" in text


def test_cli_view(tmp_path: Path) -> None:
    path = tmp_path / "sys" / "predictions.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps(with_errors(), ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["view", str(path), "--gold", str(MINI_DIR), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render_page(score_for_inspection(path, GOLD, system="sys"))
    missing = CliRunner().invoke(main, ["view", str(path), "--gold", str(MINI_DIR), "-o", str(out), "--document", "nope"])
    assert missing.exit_code == 2 and "unknown document" in missing.output
    path.write_text('{"document_id": "mini_001", "entities": 3}\n', encoding="utf-8")
    bad = CliRunner().invoke(main, ["view", str(path), "--gold", str(MINI_DIR), "-o", str(out)])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


# ---------------------------------------------------------------------- the picture
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    at = 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1 : at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        previous = line
    pixels = [(row[i], row[i + 1], row[i + 2]) for row in rows for i in range(0, stride, channels)]
    return width, height, pixels


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_read_png_decodes_a_known_image() -> None:
    """The decoder itself, on a 2x2 image written here (one filter type per row)."""
    rows = [b"\x00" + bytes([255, 0, 0, 0, 255, 0]), b"\x02" + bytes([0, 0, 255, 255, 255, 0])]
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b"")
    assert read_png(png) == (2, 2, [(255, 0, 0), (0, 255, 0), (255, 0, 255), (255, 254, 0)])  # row 2: up + (0,0,255 | 255,255,0)


def test_page_renders_on_a_phone_in_headless_chromium(tmp_path: Path) -> None:
    binary = _chromium()
    if binary is None:
        pytest.skip("no Chromium binary on PATH (chromium, chromium-browser, google-chrome); .ci/run installs Debian's chromium")
    html_path = tmp_path / "page.html"
    html_path.write_text(page(layers=["entities"]), encoding="utf-8")
    shot = tmp_path / "shot.png"
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               "--force-device-scale-factor=1", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
               f"--window-size={PHONE[0]},{PHONE[1]}", html_path.as_uri()]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=tmp_path)
    assert shot.exists(), f"no screenshot (exit {completed.returncode}): {completed.stderr[-2000:]}"
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == PHONE
    counts = Counter(pixels)
    white = counts.get((255, 255, 255), 0)
    assert len(counts) >= 50, "a page of text renders in many shades"
    assert white < 0.97 * len(pixels), "the page is not blank"
    # FAC is only in the legend; the mini gold's types and the mispredicted LOC also colour the article's words
    legend_only = counts.get(_rgb(ENTITY_COLOURS["FAC"]), 0)
    assert legend_only > 0, "the legend shows every entity colour"
    for entity_type in ("PER", "GPE", "ORG", "LOC"):
        assert counts.get(_rgb(ENTITY_COLOURS[entity_type]), 0) >= 1.5 * legend_only, entity_type
    for kind, colour in ERROR_COLOURS.items():
        assert counts.get(_rgb(colour), 0) >= 40, kind


def test_focusing_a_quote_lights_up_its_speaker_in_chromium(tmp_path: Path) -> None:
    """The page's own script, run by Chromium: focus on the gold quote marks its speaker's mentions."""
    binary = _chromium()
    if binary is None:
        pytest.skip("no Chromium binary on PATH (chromium, chromium-browser, google-chrome); .ci/run installs Debian's chromium")
    text = page(perfect(), layers=["quotes"])
    focus = "<script>document.querySelector('[data-speaker]').focus();</script>\n</body>"
    html_path = tmp_path / "page.html"
    html_path.write_text(text.replace("</body>", focus), encoding="utf-8")
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
               "--dump-dom", html_path.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=tmp_path).stdout
    lit = re.findall(r'<span class="([^"]*\blit\b[^"]*)"[^>]*>([^<]*)</span>', dom)
    assert {"سامي حداد", "وزير الخارجية", "حداد"} <= {t for classes, t in lit if "spk" in classes.split()}, lit
    assert any("q" in classes.split() for classes, _ in lit) and any("cue" in classes.split() for classes, _ in lit)
    assert not re.search(r'class="[^"]*\blit\b', text), "nothing is lit before the script runs"
