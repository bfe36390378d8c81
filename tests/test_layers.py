"""Dependencies flow one way: crawl -> store -> documents -> evaluate -> reports, scheduler on top.

Read from the source with ``ast`` (every import, also those inside functions), so a lower layer
that starts importing from a higher one fails here, not as an import cycle someday.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ABOVE_CRAWLER = {"evaluate", "documents", "reports", "scheduler", "bench", "fleet", "distributed"}
ABOVE_STORE = ABOVE_CRAWLER | {"crawler"}


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports (relative imports stay in its own package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def violations(package: str, forbidden: set[str]) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): bad
        for path in sorted((ROOT / package).glob("*.py"))
        if (bad := imported_packages(path) & forbidden)
    }


@pytest.mark.parametrize(
    "package, forbidden",
    [
        ("crawler", ABOVE_CRAWLER),
        ("store", ABOVE_STORE),
        ("thai", ABOVE_STORE),
        ("oit", ABOVE_STORE),
    ],
)
def test_lower_layers_import_nothing_from_higher_ones(package, forbidden):
    assert violations(package, forbidden) == {}


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from evaluate.ruleset import focus_terms\n    from . import x\n")
    assert imported_packages(module) == {"os", "evaluate"}
