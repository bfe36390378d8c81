"""YAML files that officers edit (sites, rules, settings), with errors that name file, line and field.

``load_yaml`` returns plain Python data plus the line of every node, so a validator can say
``rules/2569.yaml:42: items[3].elements[0].check: unknown check 'foo'`` instead of a traceback.
The lines are indexed on first use, by parsing the text again: most files are read without an
error, and the index of a sites file of 5,000 sites (its node tree, then one entry a field) made
reading it take 45 MB at its peak instead of 31.

Every loader reads its file through ``YamlDoc.root`` -> ``Value`` / ``Fields``: typed reads (text,
true/false, whole numbers with bounds, choices, lists, mappings with known keys) whose errors all
say the same things the same way. What a file means (a URL, a time of day, a template) stays with
its loader, which raises ``Value.error`` / ``Fields.error`` for it.
"""

from __future__ import annotations

import builtins
from collections.abc import Collection, Sequence
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

    @property
    def root(self) -> Value:
        return Value(self, (), self.data)


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


try:  # libyaml when the wheel has it
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]  # the same interface, pure Python


class _UniqueKeyLoader(_SafeLoader):
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


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()  # the default of a field that must be given


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True, slots=True)
class Value:
    """One value of a YAML file and where it is: typed reads whose errors name file, line and field."""

    doc: YamlDoc
    path: FieldPath
    data: Any

    def error(self, message: str) -> YamlError:
        return self.doc.error(self.path, message)

    @property
    def line(self) -> int | None:
        return self.doc.line_of(self.path)

    def at(self, key: str) -> Value:
        """The value under ``key`` of this mapping (None when it has none)."""
        return Value(self.doc, self.path + (key,), self.data.get(key) if isinstance(self.data, dict) else None)

    def text(self, *, nonempty: bool = False, numbers: bool = False) -> str:
        """Text, stripped; with ``numbers``, a number is taken as its text (``sub: 9.1``, ``ruleset: 2569``)."""
        data = self.data
        if numbers and isinstance(data, (int, float)) and not isinstance(data, bool):
            data = str(data)
        if not isinstance(data, str):
            raise self.error(f"expected text, got {_shown(data)}")
        if nonempty and not data.strip():
            raise self.error("must not be empty")
        return data.strip()

    def boolean(self) -> bool:
        if not isinstance(self.data, bool):
            raise self.error(f"expected true or false, got {_shown(self.data)}")
        return self.data

    def integer(self, *, minimum: int | None = None) -> int:
        if isinstance(self.data, bool) or not isinstance(self.data, int):
            raise self.error(f"expected a whole number, got {_shown(self.data)}")
        return self._bounded(self.data, minimum, None)

    def number(self, *, minimum: float | None = None, above: float | None = None) -> float:
        """A number (a whole number is one too), at least ``minimum`` or more than ``above``."""
        if isinstance(self.data, bool) or not isinstance(self.data, (int, float)):
            raise self.error(f"expected a number, got {_shown(self.data)}")
        return float(self._bounded(self.data, minimum, above))

    def _bounded(self, number: Any, minimum: float | None, above: float | None) -> Any:
        if minimum is not None and number < minimum:
            raise self.error(f"must be {minimum} or more, got {number}")
        if above is not None and number <= above:
            raise self.error(f"must be more than {above}, got {number}")
        return number

    def choice(self, choices: Sequence[Any]) -> Any:
        if isinstance(self.data, bool) or self.data not in choices:
            raise self.error(f"must be one of: {', '.join(map(str, choices))}; got {_shown(self.data)}")
        return self.data

    def list(self, *, nonempty: bool = False) -> builtins.list[Value]:
        if not isinstance(self.data, list):
            raise self.error(f"expected a list, got {_shown(self.data)}")
        if nonempty and not self.data:
            raise self.error("must not be empty")
        return [Value(self.doc, self.path + (i,), item) for i, item in enumerate(self.data)]

    def texts(self, *, nonempty: bool = False, numbers: bool = False, single: bool = False) -> tuple[str, ...]:
        """A list of texts; with ``single``, one text alone is a list of one."""
        if single and isinstance(self.data, str):
            return (self.text(nonempty=nonempty),)
        return tuple(item.text(nonempty=nonempty, numbers=numbers) for item in self.list())

    def fields(self, known: Collection[str]) -> Fields:
        """A mapping whose keys are all in ``known`` (an empty value is an empty mapping)."""
        data = {} if self.data is None else self.data
        if not isinstance(data, dict):
            raise self.error(f"expected a mapping, got {_shown(data)}")
        for key in data:
            if key not in known:
                raise self.doc.error(self.path + (key,), f"unknown field (known: {', '.join(sorted(known))})")
        return Fields(self.doc, self.path, data)

    def entries(self) -> builtins.list[tuple[Any, Value]]:
        """A mapping of keys the file chooses (site ids, stable keys), as (key, value) pairs."""
        data = {} if self.data is None else self.data
        if not isinstance(data, dict):
            raise self.error(f"expected a mapping, got {_shown(data)}")
        return [(key, Value(self.doc, self.path + (key,), item)) for key, item in data.items()]


@dataclass(frozen=True, slots=True)
class Fields:
    """A mapping with known keys (``Value.fields``), read field by field.

    An absent field, or one written with no value (``days:``), gives the default; without one
    (``REQUIRED``) it is an error.
    """

    doc: YamlDoc
    path: FieldPath
    data: dict[str, Any]

    def error(self, key: str | int | FieldPath, message: str) -> YamlError:
        return self.doc.error(self.path + (key if isinstance(key, tuple) else (key,)), message)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def get(self, key: str) -> Value | None:
        """The field, or None when it is absent."""
        return None if self.data.get(key) is None else Value(self.doc, self.path + (key,), self.data[key])

    def value(self, key: str) -> Value:
        """A field that must be given."""
        if self.data.get(key) is None:
            raise self.error(key, "required")
        return Value(self.doc, self.path + (key,), self.data[key])

    def _field(self, key: str, default: Any) -> Value | None:
        return self.value(key) if default is REQUIRED else self.get(key)

    def section(self, key: str, known: Collection[str]) -> Fields:
        """A mapping inside this one; absent, it is empty."""
        return Value(self.doc, self.path + (key,), self.data.get(key)).fields(known)

    def text(self, key: str, default: Any = REQUIRED, *, nonempty: bool = False, numbers: bool = False) -> str:
        value = self._field(key, default)
        return default if value is None else value.text(nonempty=nonempty, numbers=numbers)

    def boolean(self, key: str, default: Any = REQUIRED) -> bool:
        value = self._field(key, default)
        return default if value is None else value.boolean()

    def integer(self, key: str, default: Any = REQUIRED, *, minimum: int | None = None) -> int:
        value = self._field(key, default)
        return default if value is None else value.integer(minimum=minimum)

    def number(self, key: str, default: Any = REQUIRED, *, minimum: float | None = None, above: float | None = None) -> float:
        value = self._field(key, default)
        return default if value is None else value.number(minimum=minimum, above=above)

    def choice(self, key: str, choices: Sequence[Any], default: Any = REQUIRED) -> Any:
        value = self._field(key, default)
        return default if value is None else value.choice(choices)

    def texts(
        self, key: str, default: Any = REQUIRED, *, nonempty: bool = False, numbers: bool = False, single: bool = False
    ) -> tuple[str, ...]:
        value = self._field(key, default)
        return default if value is None else value.texts(nonempty=nonempty, numbers=numbers, single=single)

    def list(self, key: str, *, nonempty: bool = False) -> builtins.list[Value]:
        """The items of a list field; absent, none (with ``nonempty``, absent is an error too)."""
        value = self._field(key, REQUIRED if nonempty else None)
        return [] if value is None else value.list(nonempty=nonempty)
