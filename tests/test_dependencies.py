"""Dependencies are declared exactly as imported (issue 14, item 3).

Every third-party package that naba's code imports (at module level or inside a function) is a
declared core dependency, and every core dependency is imported by naba's code. Import names are
mapped to distribution names where they differ (``sklearn`` is scikit-learn).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: import name -> distribution name, where they differ
DISTRIBUTION = {"sklearn": "scikit-learn", "yaml": "pyyaml"}
#: imported only inside the pytest plugin, which pytest itself loads: pytest is there by construction
PLUGIN_ONLY = {"pytest"}
#: imported only by the Hugging Face metric module under evaluate/ (users load it with ``evaluate``)
METRIC_MODULE = {"evaluate", "datasets"}


def _imported(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("naba", "__future__")}


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {re.split(r"[<>=!~ ;\[]", spec, maxsplit=1)[0].lower() for spec in project["dependencies"]}


def test_every_imported_package_is_declared_and_every_declared_one_imported() -> None:
    imported = {DISTRIBUTION.get(name, name).lower() for name in _imported(ROOT / "src" / "naba")} - PLUGIN_ONLY
    declared = _declared()
    assert sorted(imported - declared) == [], "imported but not declared"
    assert sorted(declared - imported) == [], "declared but imported by no module"


def test_the_metric_module_imports_only_what_its_users_have() -> None:
    assert _imported(ROOT / "evaluate" / "naba") <= METRIC_MODULE | {"naba"}
