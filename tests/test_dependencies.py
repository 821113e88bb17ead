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


def _imported_file(path: Path) -> set[str]:
    """Third-party top-level names a file imports (module level or inside a function)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("naba", "__future__")}


def _imported(folder: Path, *, outside: Path | None = None) -> set[str]:
    """What the files under ``folder`` import (those under ``outside`` left out)."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        if outside is None or outside not in path.parents:
            names |= _imported_file(path)
    return names


def _distributions(names: set[str]) -> set[str]:
    return {DISTRIBUTION.get(name, name).lower() for name in names} - PLUGIN_ONLY


def _names(specs: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ ;\[]", spec, maxsplit=1)[0].lower() for spec in specs}


def _declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return _names(project["dependencies"] if extra is None else project["optional-dependencies"][extra])


def test_the_core_is_what_loading_validating_and_scoring_import() -> None:
    # everything outside naba.baselines needs only the core dependencies
    src = ROOT / "src" / "naba"
    declared = _declared()
    assert sorted(_distributions(_imported(src, outside=src / "baselines")) - declared) == [], "imported outside the systems but not a core dependency"
    assert sorted(declared - _distributions(_imported(src))) == [], "declared but imported by no module"


def test_the_systems_need_only_the_core_and_their_extras() -> None:
    src = ROOT / "src" / "naba"
    systems = _distributions(_imported(src / "baselines"))
    allowed = _declared() | _declared("baselines")
    assert sorted(systems - allowed) == [], "a system imports what neither the core nor the baselines extra declares"
    assert sorted(_declared("baselines") - systems) == [], "the baselines extra declares what no system imports"
    assert "naba[baselines]" in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["test"]


def test_a_missing_extra_makes_a_system_unavailable_with_the_command_to_install_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import importlib.util

    from naba.baselines.runner import system_availability

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in ("sklearn", "babel", "dateparser") else real(name, *a))
    for spec in ("naba.baselines.rules:extract", "naba.baselines.statistical:extract", "naba.baselines.dateparser_adapter:extract"):
        ok, reason = system_availability(spec)
        assert not ok and "pip install 'naba[baselines]'" in reason, (spec, reason)


def test_the_metric_module_imports_only_what_its_users_have() -> None:
    assert _imported(ROOT / "evaluate" / "naba") <= METRIC_MODULE | {"naba"}
