"""The layers of ARCHITECTURE.md, enforced: pyproject.toml's import-linter ``layers`` contract
(imports inside functions and under TYPE_CHECKING count), and every subpackage has a layer."""

from __future__ import annotations

import pkgutil
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10: import-linter depends on tomli there
    import tomli as tomllib  # type: ignore[no-redef]

import naba

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"


def _layers() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract["layers"]


def test_no_layer_imports_a_higher_one(capsys) -> None:  # type: ignore[no-untyped-def]
    from importlinter.cli import lint_imports

    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def test_every_subpackage_has_a_layer() -> None:
    children = {f"naba.{m.name}" for m in pkgutil.iter_modules(naba.__path__)}
    assert children == set(_layers()), "a module of naba outside the layers of pyproject.toml"


def test_architecture_md_names_every_layer_in_order() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    positions = [text.index(f"`{layer}`") for layer in reversed(_layers())]
    assert positions == sorted(positions), "ARCHITECTURE.md describes the layers bottom-up, as pyproject.toml lists them"
