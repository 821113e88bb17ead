"""Licences, citation and the card's Hub sections (issue 14, item 2).

``CITATION.cff`` is validated against the Citation File Format 1.2.0 JSON Schema, offline: the
schema in ``tests/fixtures/cff-1.2.0.schema.json`` is the one the CFF project publishes (copied
from the cffconvert 2.0.0 wheel, ``cffconvert/schemas/1.2.0/schema.json``; cffconvert itself
cannot be a test dependency, it needs jsonschema < 4). The citation's title, authors and year
are those of ``naba.corpus.metadata``, which the card and croissant.json are generated from.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from naba.corpus.build import CARD_PATH
from naba.corpus.croissant import CROISSANT_NAME
from naba.corpus.features import SPLITS, SPLIT_LICENCES
from naba.corpus.metadata import AUTHORS, CODE_LICENCE, LICENCE_FILE, LICENCE_NAME, TITLE, YEAR

SCHEMA = Path(__file__).parent / "fixtures" / "cff-1.2.0.schema.json"


def _cff(repo_root: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((repo_root / "CITATION.cff").read_text(encoding="utf-8"))
    return data


def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_citation_cff_is_valid_cff_1_2_0(repo_root: Path) -> None:
    cff = _cff(repo_root)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(cff)]
    assert errors == []
    assert cff["cff-version"] == "1.2.0"


def test_the_schema_check_can_fail(repo_root: Path) -> None:
    cff = _cff(repo_root)
    cff["preferred-citation"]["type"] = "dataset"  # CFF calls it "data"
    del cff["authors"]
    messages = [e.message for e in _validator().iter_errors(cff)]
    assert any("'authors' is a required property" in m for m in messages)
    assert any("'dataset' is not one of" in m for m in messages)


def test_citation_agrees_with_the_card_and_the_package(repo_root: Path) -> None:
    cff = _cff(repo_root)
    project = tomllib.loads((repo_root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cited = cff["preferred-citation"]
    assert cff["title"] == cited["title"] == TITLE
    assert cff["authors"] == cited["authors"] == [{"name": AUTHORS}] and AUTHORS == "naba contributors"
    assert cited["year"] == YEAR == 2026
    assert cff["version"] == project["version"]
    assert cff["license"] == CODE_LICENCE == "Apache-2.0" and CODE_LICENCE in project["license"]["text"]
    card = (repo_root / CARD_PATH).read_text(encoding="utf-8")
    croissant = json.loads((repo_root / "corpus" / CROISSANT_NAME).read_text(encoding="utf-8"))
    for bibtex in (re.search(r"```bibtex\n(.*?)\n```", card, re.DOTALL).group(1), croissant["citeAs"]):  # type: ignore[union-attr]
        assert f"title  = {{{TITLE}}}" in bibtex and f"author = {{{{{AUTHORS}}}}}" in bibtex and f"year   = {{{YEAR}}}" in bibtex


def test_license_file_is_the_apache_2_0_text(repo_root: Path) -> None:
    text = (repo_root / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("Apache License") and "Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text and "END OF TERMS AND CONDITIONS" in text


def _header(card: str) -> dict[str, Any]:
    match = re.match(r"^---\n(.*?)\n---\n", card, re.DOTALL)
    assert match
    header: dict[str, Any] = yaml.safe_load(match.group(1))
    return header


@pytest.mark.parametrize("split", SPLITS)
def test_every_split_states_its_licence_in_the_card_and_the_licence_file(repo_root: Path, split: str) -> None:
    card = (repo_root / CARD_PATH).read_text(encoding="utf-8")
    licence_file = (repo_root / "corpus" / LICENCE_FILE).read_text(encoding="utf-8")
    row = next(line for line in card.splitlines() if line.startswith(f"| `{split}` |"))
    assert row.split(" | ")[-2] == SPLIT_LICENCES[split]
    assert f"| `{split}` |" in licence_file and SPLIT_LICENCES[split] in licence_file
    assert SPLIT_LICENCES["dev"].startswith("CC BY 4.0")
    assert SPLIT_LICENCES["test"].startswith("unknown")  # DATASHEET.md: the article's rights are unknown
    assert "as the test article" in SPLIT_LICENCES["challenge"]


def test_card_has_the_hub_template_sections_and_licence_link(repo_root: Path) -> None:
    card = (repo_root / CARD_PATH).read_text(encoding="utf-8")
    header = _header(card)
    assert header["license"] == "other"
    assert header["license_name"] == LICENCE_NAME and header["license_link"] == LICENCE_FILE
    assert (repo_root / "corpus" / header["license_link"]).is_file()
    headings = re.findall(r"^## (.+)$", card, re.MULTILINE)
    for section in ("Uses", "Bias, risks and limitations", "Citation", "Dataset card authors"):
        assert section in headings, headings
    citation = card.split("## Citation", 1)[1]
    assert f"By {AUTHORS}, {YEAR}." in citation
    limitations = card.split("## Bias, risks and limitations", 1)[1].split("\n## ", 1)[0]
    test_documents = len(list((repo_root / "annotations" / "records").glob("*.json")))
    dev_documents = len(list((repo_root / "annotations" / "dev" / "records").glob("*.json")))
    assert "no native Arabic speaker has reviewed it" in limitations and f"{test_documents} test document(s)" in limitations
    assert f"The `dev` split is {dev_documents} short articles" in limitations
