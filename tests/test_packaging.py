"""The wheel carries the gold and the built corpus, loads outside the checkout,
and nothing in the repository shadows Hugging Face's ``evaluate``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from naba.corpus.features import CONFIGS

_CHILD = """
import json, sys
import naba, naba.gold.records
out = {
    "naba_file": naba.__file__,
    "data_root": str(naba.gold.records.data_root()),
    "counts": {config: naba.load(config).num_rows for config in sys.argv[2:]},
    "entities": naba.load("entities").to_list(),
}
with open(sys.argv[1], "w", encoding="utf-8") as handle:
    json.dump(out, handle, ensure_ascii=False)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(repo_root), "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (path,) = out.glob("naba-*.whl")
    return path


@pytest.mark.slow
def test_wheel_carries_gold_and_corpus(wheel: Path, repo_root: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    records = sorted(p.name for p in (repo_root / "annotations" / "records").glob("*.json"))
    assert records and all(f"naba/_data/annotations/records/{name}" in names for name in records)
    if (repo_root / "annotations" / "GUIDELINES.md").is_file():
        assert "naba/_data/annotations/GUIDELINES.md" in names
    assert "naba/_data/annotations/record.schema.json" in names
    assert "naba/_data/corpus/README.md" in names
    assert "naba/_data/corpus/croissant.json" in names and "naba/_data/corpus/LICENSE.md" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), "the code licence ships in the wheel"
    for config in CONFIGS:
        for split in ("test", "dev", "challenge"):
            assert f"naba/_data/corpus/data/{config}/{split}.parquet" in names
    assert not any(name.endswith("corpus.py") for name in names)
    top_level = {name.split("/", 1)[0] for name in names}
    assert "naba" in top_level and all(name.endswith(".dist-info") for name in top_level - {"naba"}), top_level


@pytest.mark.slow
def test_unpacked_wheel_loads_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    out = tmp_path / "out.json"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(site), HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(out), *CONFIGS], cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert Path(result["naba_file"]).is_relative_to(site)
    assert Path(result["data_root"]) == site / "naba" / "_data"
    import naba

    assert result["counts"] == {config: naba.load(config).num_rows for config in CONFIGS}
    assert result["entities"] == naba.load("entities").to_list()


def test_import_evaluate_is_hugging_face_from_the_repository_root(repo_root: Path) -> None:
    probe = "import evaluate, json; print(json.dumps([evaluate.__file__, hasattr(evaluate, 'load')]))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo_root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    location, has_load = json.loads(done.stdout.strip().splitlines()[-1])
    assert has_load
    assert location is not None and "site-packages" in Path(location).parts
    # the repository's own evaluate/ folder (the metric module) must not shadow it; a venv inside
    # the checkout (as .ci/run makes) is fine, so compare with the folder, not the whole checkout
    assert not Path(location).resolve().is_relative_to((repo_root / "evaluate").resolve())
    assert not (repo_root / "evaluate" / "__init__.py").exists()


def test_data_root_of_a_checkout_is_the_repository(repo_root: Path) -> None:
    """``data_root`` finds the checkout from naba/gold/records.py: two folders up to the package,
    two more to the repository (src layout), whatever subpackage the module sits in."""
    from naba.gold import records

    assert records._PACKAGE_DIR == Path(records.__file__).resolve().parent.parent
    assert (records._PACKAGE_DIR / "__init__.py").is_file() and records._PACKAGE_DIR.name == "naba"
    assert records.data_root() == repo_root.resolve()
    assert records.annotations_dir() == repo_root.resolve() / "annotations"
