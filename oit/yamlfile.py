"""YAML files that officers edit (sites, rules, settings), with errors that name file, line and field.

``load_yaml`` returns plain Python data plus the line of every node, so a validator can say
``rules/2569.yaml:42: items[3].elements[0].check: unknown check 'foo'`` instead of a traceback.
The lines are indexed on first use, by parsing the text again: most files are read without an
error, and the index of a sites file of 5,000 sites (its node tree, then one entry a field) made
reading it take 45 MB at its peak instead of 31.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from oit.errors import UserError

FieldPath = tuple[str | int, ...]


class YamlError(UserError):
    """A YAML file an officer wrote is wrong: says where and what."""

    def __init__(self, file: str | Path, line: int | None, field: str, message: str):
        self.file, self.line, self.field, self.message = str(file), line, field, message
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


def format_field(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class YamlDoc:
    file: Path
    data: Any
    text: str = field(repr=False)

    @cached_property
    def lines(self) -> dict[FieldPath, int]:
        """1-based line of each node, keyed by its path from the root."""
        lines: dict[FieldPath, int] = {}
        node = _compose(self.text)
        if node is not None:
            _index_lines(node, (), lines)
        return lines

    def line_of(self, path: FieldPath) -> int | None:
        """Line of the node at ``path``, or of its nearest existing parent."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def error(self, path: FieldPath, message: str) -> YamlError:
        return YamlError(self.file, self.line_of(path), format_field(path), message)


def _index_lines(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _index_lines(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1  # the key's line names the field
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _index_lines(child, path + (i,), lines)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when the wheel has it
    """SafeLoader that rejects a key written twice in one mapping (a common editing slip)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice (first on line {seen[key]})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def read_user_text(path: Path, encoding: str = "utf-8") -> str:
    """The text of a file a user gave us; a missing or non-UTF-8 file is a ``YamlError``."""
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise YamlError(path, None, "", "file not found") from None
    except UnicodeDecodeError as exc:
        raise YamlError(path, None, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _compose(text: str) -> yaml.Node | None:
    loader = _UniqueKeyLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_yaml(path: str | Path) -> YamlDoc:
    """Parse ``path``; syntax errors become ``YamlError`` with the line yaml reports."""
    path = Path(path)
    text = read_user_text(path)
    try:
        loader = _UniqueKeyLoader(text)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(path, line, "", f"invalid YAML: {exc.problem or exc}") from None
    return YamlDoc(path, data, text)
