"""Load and validate rule sets: ``rules/items.yaml`` (the item library) and the year files.

Every field is parsed by a small typed parser that raises ``YamlError`` naming file, line and
field (``rules/2569.yaml:42: items[3].rules.contact.elements[0].check: unknown check 'foo'``).
A year file may ``extends`` another: its items replace the parent's items of the same first key
field by field, new items are appended, ``drop`` removes keys. Per-key ``rules`` in a year file
override parts of the library rule (``elements_add`` appends elements).
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any, Callable

from evaluate.checks import CHECKS, prepare_param
from evaluate.rules import (
    CheckSpec, Element, EvidenceKind, Example, Freshness, Hints, ItemRule, RuleItem, RuleSet,
)
from evaluate.verdicts import ItemStatus
from oit.errors import UserError
from oit import paths
from oit.yamlfile import FieldPath, YamlDoc, load_yaml
from thai.text import skeleton

RULES_DIR = paths.rules_dir()
LIBRARY_FILE = "items.yaml"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
YEAR_FILE_PATTERN = re.compile(r"^\d{4}\.yaml$")

LIBRARY_FIELDS = {
    "name_th", "hints", "evidence", "elements", "freshness", "responsible_unit", "measure",
    "examples", "inferred", "source", "belongs_elsewhere",
}
ELSEWHERE_YEARS = (Freshness.CURRENT_FY, Freshness.PREVIOUS_FY)
LIBRARY_REQUIRED = {"name_th", "hints", "evidence", "elements"}
RULE_OVERRIDE_FIELDS = (LIBRARY_FIELDS - {"name_th"}) | {"elements_add"}
ITEM_FIELDS = {"code", "keys", "name_th", "sub", "weight", "responsible_unit", "measure", "inferred", "source", "rules"}
ITEM_REQUIRED = {"code", "keys", "name_th", "sub"}
YEAR_FIELDS = {"name", "title_th", "extends", "library", "pass_mark", "source", "inferred", "sub_indicators", "items", "drop"}
EXAMPLE_FIELDS = {"expect", "title", "text", "headings", "links", "images", "embeds", "widgets", "form_fields", "as_of"}


# --- field parsers ------------------------------------------------------------------------------


def _mapping(doc: YamlDoc, path: FieldPath, value: Any, allowed: set[str], required: set[str] = frozenset()) -> dict:
    if not isinstance(value, dict):
        raise doc.error(path, "must be a mapping")
    for name in value:
        if name not in allowed:
            raise doc.error(path + (name,), f"unknown field (allowed: {', '.join(sorted(allowed))})")
    for name in sorted(required - set(value)):
        raise doc.error(path, f"missing required field '{name}'")
    return value


def _text(doc: YamlDoc, path: FieldPath, value: Any, *, empty_ok: bool = True) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or (not empty_ok and not value.strip()):
        raise doc.error(path, "must be non-empty text" if not empty_ok else "must be text")
    return value.strip()


def _texts(doc: YamlDoc, path: FieldPath, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise doc.error(path, "must be a list")
    return tuple(_text(doc, path + (i,), v, empty_ok=False) for i, v in enumerate(value))


def _bool(doc: YamlDoc, path: FieldPath, value: Any) -> bool:
    if not isinstance(value, bool):
        raise doc.error(path, "must be true or false")
    return value


def _number(doc: YamlDoc, path: FieldPath, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise doc.error(path, "must be a number >= 0")
    return float(value)


def _choice(doc: YamlDoc, path: FieldPath, value: Any, enum: type) -> Any:
    try:
        return enum(value)
    except ValueError:
        raise doc.error(path, f"must be one of: {', '.join(e.value for e in enum)}") from None


def _check_spec(doc: YamlDoc, path: FieldPath, value: Any) -> CheckSpec:
    if not isinstance(value, dict) or "check" not in value:
        raise doc.error(path, "must be a mapping with 'check'")
    name = value["check"]
    if name not in CHECKS:
        raise doc.error(path + ("check",), f"unknown check '{name}' (known: {', '.join(sorted(CHECKS))})")
    definition = CHECKS[name]
    params = {}
    for param_name, raw in value.items():
        if param_name in ("check", "name"):
            continue
        param = definition.params.get(param_name)
        if param is None:
            raise doc.error(path + (param_name,), f"check '{name}' has no parameter '{param_name}'")
        if param.kind is list:
            raw = list(_texts(doc, path + (param_name,), raw))
        elif param.kind is int and (isinstance(raw, bool) or not isinstance(raw, int) or raw < 0):
            raise doc.error(path + (param_name,), "must be a whole number >= 0")
        elif param.kind is str:
            raw = _text(doc, path + (param_name,), raw)
            if param.choices and raw not in param.choices:
                raise doc.error(path + (param_name,), f"must be one of: {', '.join(param.choices)}")
        elif param.kind is bool:
            raw = _bool(doc, path + (param_name,), raw)
        params[param_name] = prepare_param(raw, param)
    for param_name, param in definition.params.items():
        if param.required and param_name not in params:
            raise doc.error(path, f"check '{name}' needs parameter '{param_name}'")
    return CheckSpec(name, tuple(sorted(params.items())))


def _elements(doc: YamlDoc, path: FieldPath, value: Any) -> tuple[Element, ...]:
    if not isinstance(value, list):
        raise doc.error(path, "must be a list of elements")
    elements = []
    for i, raw in enumerate(value):
        here = path + (i,)
        if not isinstance(raw, dict) or "name" not in raw:
            raise doc.error(here, "an element needs 'name' (Thai, shown to officers)")
        name = _text(doc, here + ("name",), raw["name"], empty_ok=False)
        if "any_of" in raw:
            _mapping(doc, here, raw, {"name", "any_of"})
            if not isinstance(raw["any_of"], list) or not raw["any_of"]:
                raise doc.error(here + ("any_of",), "must be a non-empty list of checks")
            specs = tuple(_check_spec(doc, here + ("any_of", j), c) for j, c in enumerate(raw["any_of"]))
        else:
            specs = (_check_spec(doc, here, raw),)
        elements.append(Element(name, specs))
    return tuple(elements)


def _hints(doc: YamlDoc, path: FieldPath, value: Any) -> Hints:
    value = _mapping(doc, path, value, {"phrases", "urls", "exclude", "titles", "posts"}, {"phrases"})
    written = _texts(doc, path + ("phrases",), value["phrases"])
    phrases = tuple(dict.fromkeys(skeleton(p) for p in written))
    if not phrases:
        raise doc.error(path + ("phrases",), "needs at least one phrase")
    return Hints(
        phrases=phrases,
        urls=tuple(u.lower() for u in _texts(doc, path + ("urls",), value.get("urls", []))),
        exclude=tuple(skeleton(p) for p in _texts(doc, path + ("exclude",), value.get("exclude", []))),
        written=written,
        titles=tuple(dict.fromkeys(skeleton(p) for p in _texts(doc, path + ("titles",), value.get("titles", [])))),
        posts=_bool(doc, path + ("posts",), value.get("posts", False)),
    )


def _examples(doc: YamlDoc, path: FieldPath, value: Any) -> tuple[Example, ...]:
    if not isinstance(value, list):
        raise doc.error(path, "must be a list of examples")
    out = []
    for i, raw in enumerate(value):
        here = path + (i,)
        raw = _mapping(doc, here, raw, EXAMPLE_FIELDS, {"expect"})
        links = raw.get("links", [])
        if not isinstance(links, list) or not all(isinstance(l, list) and len(l) == 2 for l in links):
            raise doc.error(here + ("links",), "must be a list of [text, url] pairs")
        images = raw.get("images", 0)
        if isinstance(images, bool) or not isinstance(images, int):
            raise doc.error(here + ("images",), "must be a whole number")
        out.append(Example(
            expect=_choice(doc, here + ("expect",), raw["expect"], ItemStatus).value,
            title=_text(doc, here + ("title",), raw.get("title", "")),
            text=_text(doc, here + ("text",), raw.get("text", "")),
            headings=_texts(doc, here + ("headings",), raw.get("headings", [])),
            links=tuple((str(t), str(u)) for t, u in links),
            images=images,
            embeds=_texts(doc, here + ("embeds",), raw.get("embeds", [])),
            widgets=_texts(doc, here + ("widgets",), raw.get("widgets", [])),
            form_fields=_texts(doc, here + ("form_fields",), raw.get("form_fields", [])),
            as_of=_text(doc, here + ("as_of",), raw.get("as_of", "")),
            line=doc.line_of(here),
        ))
    return tuple(out)


def _evidence(doc: YamlDoc, path: FieldPath, value: Any) -> tuple[EvidenceKind, ...]:
    if not isinstance(value, list) or not value:
        raise doc.error(path, f"must be a non-empty list of: {', '.join(k.value for k in EvidenceKind)}")
    return tuple(_choice(doc, path + (i,), v, EvidenceKind) for i, v in enumerate(value))


def _elsewhere(doc: YamlDoc, path: FieldPath, value: Any) -> tuple[Freshness, ...]:
    allowed = ", ".join(ELSEWHERE_YEARS)
    if not isinstance(value, list):
        raise doc.error(path, f"must be a list of: {allowed}")
    for i, year in enumerate(value):
        if year not in ELSEWHERE_YEARS:
            raise doc.error(path + (i,), f"must be one of: {allowed}")
    return tuple(Freshness(year) for year in value)


# name in YAML -> (ItemRule field, parser)
RULE_FIELD_PARSERS: dict[str, tuple[str, Callable[[YamlDoc, FieldPath, Any], Any]]] = {
    "name_th": ("name_th", lambda d, p, v: _text(d, p, v, empty_ok=False)),
    "hints": ("hints", _hints),
    "evidence": ("evidence", _evidence),
    "elements": ("elements", _elements),
    "freshness": ("freshness", lambda d, p, v: _choice(d, p, v, Freshness)),
    "responsible_unit": ("responsible_unit", _text),
    "measure": ("measure", _text),
    "examples": ("examples", _examples),
    "inferred": ("inferred", _bool),
    "source": ("source", _text),
    "belongs_elsewhere": ("belongs_elsewhere", _elsewhere),
}


def _rule_fields(doc: YamlDoc, path: FieldPath, value: dict) -> dict[str, Any]:
    return {RULE_FIELD_PARSERS[name][0]: RULE_FIELD_PARSERS[name][1](doc, path + (name,), raw)
            for name, raw in value.items() if name in RULE_FIELD_PARSERS}


def _place(doc: YamlDoc, path: FieldPath) -> str:
    """``rules/2569.yaml:31``: where a rule or item was written, for ``oit rules show``."""
    return f"{doc.file.parent.name}/{doc.file.name}:{doc.line_of(path)}"


UNCONFIRMED = "unconfirmed"  # the `source` of an item no published source confirms


# --- the library --------------------------------------------------------------------------------


def load_library(path: Path) -> tuple[dict[str, ItemRule], str]:
    doc = load_yaml(path)
    data = _mapping(doc, (), doc.data, {"examples_as_of", "items"}, {"items"})
    items = data["items"]
    if not isinstance(items, dict) or not items:
        raise doc.error(("items",), "must map stable keys to item rules")
    library = {}
    for key, raw in items.items():
        path_ = ("items", key)
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise doc.error(path_, "a stable key is lower-case letters, digits and _")
        raw = _mapping(doc, path_, raw, LIBRARY_FIELDS, LIBRARY_REQUIRED)
        rule = ItemRule(key=key, origin=(_place(doc, path_),), **_rule_fields(doc, path_, raw))
        if not rule.elements:
            raise doc.error(path_ + ("elements",), "an item needs at least one element: a name match alone never passes")
        library[key] = rule
    return library, str(data.get("examples_as_of", ""))


# --- year files ---------------------------------------------------------------------------------


def _override_rule(doc: YamlDoc, path: FieldPath, value: Any, base: ItemRule) -> ItemRule:
    value = _mapping(doc, path, value, RULE_OVERRIDE_FIELDS)
    fields = {"examples": (), **_rule_fields(doc, path, value),  # the library's examples judged another rule
              "origin": base.origin + (_place(doc, path),)}
    if "elements_add" in value:
        fields["elements"] = (fields.get("elements", base.elements)
                              + _elements(doc, path + ("elements_add",), value["elements_add"]))
    return dataclasses.replace(base, **fields)


def _item_fields(doc: YamlDoc, path: FieldPath, raw: Any, library: dict[str, ItemRule]) -> dict[str, Any]:
    """Typed fields of one year item, as written (a child file may give only some)."""
    raw = _mapping(doc, path, raw, ITEM_FIELDS)
    out: dict[str, Any] = {}
    if "keys" in raw:
        keys = _texts(doc, path + ("keys",), raw["keys"])
        for i, key in enumerate(keys):
            if key not in library:
                raise doc.error(path + ("keys", i), f"unknown stable key '{key}' (not in {LIBRARY_FILE})")
        if not keys:
            raise doc.error(path + ("keys",), "needs at least one stable key")
        out["keys"] = keys
    for name in ("code", "name_th", "sub"):
        if name in raw:
            out[name] = _text(doc, path + (name,), raw[name], empty_ok=False)
    for name in ("responsible_unit", "measure", "source"):
        if name in raw:
            out[name] = _text(doc, path + (name,), raw[name])
    if "weight" in raw:
        out["weight"] = _number(doc, path + ("weight",), raw["weight"])
    if "inferred" in raw:
        out["inferred"] = _bool(doc, path + ("inferred",), raw["inferred"])
    if out.get("source", "").lower().startswith(UNCONFIRMED) and not out.get("inferred"):
        raise doc.error(path + ("inferred",), f"an item whose source is '{UNCONFIRMED}' must say inferred: true")
    if "rules" in raw:
        rules = raw["rules"]
        if not isinstance(rules, dict):
            raise doc.error(path + ("rules",), "must map stable keys to rule overrides")
        out["rules"] = {}
        for key, spec in rules.items():
            if key not in library:
                raise doc.error(path + ("rules", key), f"unknown stable key '{key}'")
            out["rules"][key] = _override_rule(doc, path + ("rules", key), spec, library[key])
    return out


def _sub_indicators(doc: YamlDoc, value: Any) -> dict[str, tuple[str, str]]:
    if not isinstance(value, dict):
        raise doc.error(("sub_indicators",), "must map numbers (9.1) to {indicator, name}")
    out = {}
    for number, spec in value.items():
        path = ("sub_indicators", number)
        spec = _mapping(doc, path, spec, {"indicator", "name"}, {"indicator", "name"})
        out[str(number)] = (_text(doc, path + ("indicator",), spec["indicator"]), _text(doc, path + ("name",), spec["name"]))
    return out


@dataclasses.dataclass(slots=True)
class _YearSpec:
    name: str
    title_th: str
    pass_mark: float
    sub_indicators: dict[str, tuple[str, str]]
    inferred: bool  # the whole list is inferred (e.g. 2565: "same slots as 2564")
    source: str  # the file's source note: the source of items that name none
    items: list[tuple[dict[str, Any], YamlDoc, FieldPath]]  # typed fields, where they were written
    extends: str = ""  # the parent rule set's name


def _load_year_spec(path: Path, library: dict[str, ItemRule], seen: tuple[Path, ...] = ()) -> _YearSpec:
    if path in seen:
        raise UserError(f"{path}: 'extends' forms a cycle")
    doc = load_yaml(path)
    data = _mapping(doc, (), doc.data, YEAR_FIELDS, {"name"} | ({"items"} if not (doc.data or {}).get("extends") else set()))
    if "extends" in data:
        parent = _load_year_spec(resolve_ruleset_path(_text(doc, ("extends",), data["extends"]), path.parent),
                                 library, seen + (path,))
    else:
        parent = _YearSpec("", "", 85.0, {}, False, "", [])
    spec = _YearSpec(
        name=_text(doc, ("name",), data["name"], empty_ok=False),
        title_th=_text(doc, ("title_th",), data.get("title_th", parent.title_th)),
        pass_mark=_number(doc, ("pass_mark",), data["pass_mark"]) if "pass_mark" in data else parent.pass_mark,
        sub_indicators={**parent.sub_indicators, **(_sub_indicators(doc, data["sub_indicators"]) if "sub_indicators" in data else {})},
        inferred=_bool(doc, ("inferred",), data["inferred"]) if "inferred" in data else parent.inferred,
        source=_text(doc, ("source",), data["source"]) if "source" in data else parent.source,
        items=list(parent.items),
        extends=parent.name,
    )
    dropped = set(_texts(doc, ("drop",), data.get("drop", [])))
    spec.items = [entry for entry in spec.items if entry[0]["keys"][0] not in dropped]
    position = {entry[0]["keys"][0]: i for i, entry in enumerate(spec.items)}
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise doc.error(("items",), "must be a list of items")
    for i, raw in enumerate(raw_items):
        fields = _item_fields(doc, ("items", i), raw, library)
        fields["origin"] = (_place(doc, ("items", i)),)
        first_key = fields.get("keys", (None,))[0]
        if first_key in position:  # override the parent's item of that key, field by field
            old, _, _ = spec.items[position[first_key]]
            merged = {**old, **fields, "rules": {**old.get("rules", {}), **fields.get("rules", {})},
                      "origin": old["origin"] + fields["origin"]}
            spec.items[position[first_key]] = (merged, doc, ("items", i))
        else:
            missing = ITEM_REQUIRED - set(fields)
            if missing:
                raise doc.error(("items", i), f"missing required field '{sorted(missing)[0]}'")
            position[first_key] = len(spec.items)
            spec.items.append((fields, doc, ("items", i)))
    return spec


def _build_item(fields: dict[str, Any], doc: YamlDoc, path: FieldPath, spec: _YearSpec,
                library: dict[str, ItemRule]) -> RuleItem:
    sub = fields["sub"]
    if sub not in spec.sub_indicators:
        raise doc.error(path + ("sub",), f"unknown sub-indicator '{sub}' (define it under sub_indicators)")
    indicator, sub_name = spec.sub_indicators[sub]
    rules = tuple(fields.get("rules", {}).get(key, library[key]) for key in fields["keys"])
    first = rules[0]
    return RuleItem(
        code=fields["code"], keys=tuple(fields["keys"]), name_th=fields["name_th"],
        indicator=indicator, sub_indicator=sub_name, weight=fields.get("weight", 1.0),
        responsible_unit=fields.get("responsible_unit") or first.responsible_unit,
        measure=fields.get("measure") or "\n".join(dict.fromkeys(r.measure for r in rules if r.measure)),
        rules=rules,
        inferred=spec.inferred or fields.get("inferred", False) or any(r.inferred for r in rules),
        source=fields.get("source") or spec.source,
        origin=fields["origin"],
    )


def resolve_ruleset_path(name_or_path: str | Path, rules_dir: Path = RULES_DIR) -> Path:
    """``"2569"`` -> rules/2569.yaml; a path to a YAML file is used as it is."""
    text = str(name_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text:
        return Path(text)
    return Path(rules_dir) / f"{text}.yaml"


def available_rulesets(rules_dir: Path = RULES_DIR) -> list[str]:
    return sorted(p.stem for p in Path(rules_dir).glob("*.yaml") if YEAR_FILE_PATTERN.match(p.name))


def default_ruleset_name(rules_dir: Path = RULES_DIR) -> str:
    """The newest ITA year."""
    names = available_rulesets(rules_dir)
    if not names:
        raise UserError(f"no rule sets in {rules_dir}")
    return names[-1]


def load_ruleset(name_or_path: str | Path | None = None) -> RuleSet:
    """Load a year's rule set by name (``"2569"``) or path; ``None`` is the newest year."""
    path = resolve_ruleset_path(name_or_path or default_ruleset_name())
    if not path.exists():
        known = ", ".join(available_rulesets(path.parent)) or "none"
        raise UserError(f"rule set '{name_or_path}' not found ({path}); available: {known}")
    doc = load_yaml(path)
    library_name = (doc.data or {}).get("library", LIBRARY_FILE) if isinstance(doc.data, dict) else LIBRARY_FILE
    library, example_as_of = load_library(path.parent / str(library_name))
    spec = _load_year_spec(path, library)
    if not spec.items:
        raise doc.error(("items",), "a rule set needs items")
    items, codes = [], {}
    for fields, item_doc, item_path in spec.items:
        item = _build_item(fields, item_doc, item_path, spec, library)
        if item.code.lower() in codes:
            raise item_doc.error(item_path + ("code",), f"code '{item.code}' used twice (also {codes[item.code.lower()]})")
        codes[item.code.lower()] = item.key
        items.append(item)
    return RuleSet(
        name=spec.name, title_th=spec.title_th, path=str(path), pass_mark=spec.pass_mark,
        items=tuple(items), library=library, example_as_of=example_as_of, extends=spec.extends,
        library_path=str(path.parent / str(library_name)),
    )


def focus_terms(rules_dir: Path = RULES_DIR) -> list[str]:
    """What the crawler's link scorer looks for: every item's hint phrases and Thai names, of the
    library and of every year (a link titled with any year's name for an item is worth a fetch)."""
    terms: list[str] = []
    for name in available_rulesets(rules_dir):
        ruleset = load_ruleset(Path(rules_dir) / f"{name}.yaml")
        terms += [item.name_th for item in ruleset.items]
        for rule in ruleset.library.values():
            terms += [rule.name_th, *rule.hints.phrases, *rule.hints.titles]
    return sorted(set(terms))

