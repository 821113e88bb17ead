"""The card's advice for a stale ``datasets`` cache, tested: a row count changes between two
loads of one corpus folder with one cache, offline.

What the card used to say (``download_mode="force_redownload"``) fails once a split's row count
has changed: ``datasets`` checks the new rows against the split sizes recorded in the old cache
entry and raises ``NonMatchingSplitsSizesError``. The card now gives
``download_mode="force_redownload", verification_mode="no_checks"`` or a fresh ``cache_dir``;
this test shows the plain load is stale, ``force_redownload`` alone fails, ``no_checks`` alone is
stale, and both pieces of advice return the new rows. Each load runs in a subprocess, because
the offline environment must be set before ``datasets`` is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from naba.corpus.build import CARD_PATH, build_from_root, write

_LOADS = """
import json, sys
from datasets import load_dataset
out = {}
for name, kwargs in json.loads(sys.argv[2]).items():
    try:
        out[name] = load_dataset("corpus", "entities", split="test", **kwargs).num_rows
    except Exception as err:  # the outcome is the result: which error, if any
        out[name] = type(err).__name__
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump(out, handle)
"""


def _load(root: Path, hf_home: Path, out: Path, attempts: dict[str, dict[str, str]]) -> dict[str, object]:
    env = dict(os.environ)
    env.update(HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(hf_home), HF_DATASETS_CACHE=str(hf_home / "datasets"))
    done = subprocess.run(
        [sys.executable, "-c", _LOADS, str(out), json.dumps(attempts)],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _add_a_copy_of_the_record(root: Path) -> None:
    """A second document (the mini record under another id): every config gains rows."""
    records = root / "annotations" / "records"
    raw = json.loads((records / "mini_001.json").read_text(encoding="utf-8"))
    raw["document"]["id"] = "mini_002"
    (records / "mini_002.json").write_text(json.dumps(raw, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def test_the_cards_cache_advice_survives_a_changed_row_count(mini_root: Path, tmp_path: Path) -> None:
    write(build_from_root(mini_root), mini_root)
    hf_home = tmp_path / "hf"
    before = _load(mini_root, hf_home, tmp_path / "before.json", {"plain": {}})
    assert before == {"plain": 8}  # the mini record has eight mentions

    _add_a_copy_of_the_record(mini_root)
    write(build_from_root(mini_root), mini_root)
    fresh = str(tmp_path / "fresh-cache")
    after = _load(mini_root, hf_home, tmp_path / "after.json", {
        "plain": {},
        "no_checks_alone": {"verification_mode": "no_checks"},
        "force_redownload_alone": {"download_mode": "force_redownload"},
        "advice_force_and_no_checks": {"download_mode": "force_redownload", "verification_mode": "no_checks"},
        "advice_fresh_cache_dir": {"cache_dir": fresh},
        "plain_after_the_advice": {},
    })
    assert after["plain"] == 8 and after["no_checks_alone"] == 8  # the problem: the old rows
    assert after["force_redownload_alone"] == "NonMatchingSplitsSizesError"  # the old advice fails
    assert after["advice_force_and_no_checks"] == 16
    assert after["advice_fresh_cache_dir"] == 16
    assert after["plain_after_the_advice"] == 16  # the refreshed entry is the cache from then on

    card = (mini_root / CARD_PATH).read_text(encoding="utf-8")
    assert 'download_mode="force_redownload", verification_mode="no_checks"' in card
    assert "NonMatchingSplitsSizesError" in card and "cache_dir" in card


def test_the_repository_readme_gives_the_same_advice(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert 'verification_mode="no_checks"' in readme and "cache_dir" in readme
