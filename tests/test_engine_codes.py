"""The engine returns codes and parameters; only evaluate/wording.py words them in Thai.

Thai in the engine's string literals is what it matches (markers of an empty shell, generic link
words, month names), never what it says: each such table is listed here by name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THAI = re.compile("[\u0e00-\u0e7f]")
# module -> the top-level names whose Thai strings are phrases matched in crawled text
MATCHED_WORDS = {
    "engine.py": set(),
    "judge.py": {"EMPTY_SHELL_MARKERS", "ERROR_PAGE_MARKERS", "FORM_CUES"},
    "candidates.py": {"GENERIC_LINK_WORDS", "CODE_OR_FILE", "POST_MARKERS", "POST_DAY"},
    "sources.py": set(),
    "checks.py": {"online_channel"},  # กระดาน: a web board's widget name
    "freshness.py": set(),
}


def _documentation(tree: ast.Module) -> set[int]:
    """Docstrings and the help texts of checks (``@check(name, help)``): English that quotes Thai examples."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found |= {id(n) for decorator in node.decorator_list for n in ast.walk(decorator)}
    return found


def _name(statement: ast.stmt) -> str:
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return statement.name
    if isinstance(statement, (ast.Assign, ast.AnnAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        return ",".join(t.id for t in targets if isinstance(t, ast.Name))
    return ""


def test_the_engine_builds_no_thai_text():
    said = []
    for module, allowed in MATCHED_WORDS.items():
        path = ROOT / "evaluate" / module
        tree = ast.parse(path.read_text("utf-8"))
        documentation = _documentation(tree)
        for statement in tree.body:
            if isinstance(statement, ast.ImportFrom) and statement.module == "evaluate.wording":
                said.append(f"{module}:{statement.lineno}: imports evaluate.wording")
            if _name(statement) in allowed:
                continue
            said += [
                f"{module}:{node.lineno}: {node.value[:40]!r}"
                for node in ast.walk(statement)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and THAI.search(node.value)
                and id(node) not in documentation
            ]
    assert said == []
