"""Load and validate rule sets: ``rules/items.yaml`` (the item library) and the year files.

Every field is read through the project's YAML reader (oit/yamlfile.py), whose errors name file,
line and field (``rules/2569.yaml:42: items[3].rules.contact.elements[0].check: unknown check 'foo'``).
A year file may ``extends`` another: its items replace the parent's items of the same first key
field by field, new items are appended, ``drop`` removes keys. Per-key ``rules`` in a year file
override parts of the library rule (``elements_add`` appends elements).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from evaluate.checks import CHECKS, prepare_param
from evaluate.rules import CheckSpec, Element, EvidenceKind, Example, Freshness, Hints, ItemRule, RuleItem, RuleSet
from evaluate.verdicts import ItemStatus
from oit import paths
from oit.errors import UserError
from oit.yamlfile import Fields, Value, load_yaml
from thai.text import skeleton

log = logging.getLogger(__name__)

RULES_DIR = paths.rules_dir()
LIBRARY_FILE = "items.yaml"
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
YEAR_FILE_PATTERN = re.compile(r"^\d{4}\.yaml$")

LIBRARY_FIELDS = {
    "name_th",
    "hints",
    "evidence",
    "elements",
    "freshness",
    "responsible_unit",
    "measure",
    "examples",
    "inferred",
    "source",
    "belongs_elsewhere",
}
ELSEWHERE_YEARS = (Freshness.CURRENT_FY, Freshness.PREVIOUS_FY)
LIBRARY_REQUIRED = {"name_th", "hints", "evidence", "elements"}
RULE_OVERRIDE_FIELDS = (LIBRARY_FIELDS - {"name_th"}) | {"elements_add"}
ITEM_FIELDS = {"code", "keys", "name_th", "sub", "weight", "responsible_unit", "measure", "inferred", "source", "rules"}
ITEM_REQUIRED = {"code", "keys", "name_th", "sub"}
YEAR_FIELDS = {"name", "title_th", "extends", "library", "pass_mark", "source", "inferred", "sub_indicators", "items", "drop"}
StrEnumT = TypeVar("StrEnumT", bound=StrEnum)
EXAMPLE_FIELDS = {"expect", "title", "text", "headings", "links", "images", "embeds", "widgets", "form_fields", "as_of"}


# --- field parsers ------------------------------------------------------------------------------
# A number written where text is expected is its text (``code: 1``, ``sub: 9.1``).


def _text(value: Value) -> str:
    return value.text(numbers=True)


def _name(value: Value) -> str:
    return value.text(nonempty=True, numbers=True)


def _texts(value: Value) -> tuple[str, ...]:
    return value.texts(nonempty=True, numbers=True)


def _choice(value: Value, enum: type[StrEnumT]) -> StrEnumT:
    return enum(value.choice([e.value for e in enum]))


def _check_spec(value: Value) -> CheckSpec:
    if not isinstance(value.data, dict) or "check" not in value.data:
        raise value.error("must be a mapping with 'check'")
    name = value.data["check"]
    if name not in CHECKS:
        raise value.at("check").error(f"unknown check '{name}' (known: {', '.join(sorted(CHECKS))})")
    definition = CHECKS[name]
    params = {}
    for param_name, raw in value.entries():
        if param_name in ("check", "name"):
            continue
        param = definition.params.get(param_name)
        if param is None:
            raise raw.error(f"check '{name}' has no parameter '{param_name}'")
        if param.kind is list:
            read: Any = list(_texts(raw))
        elif param.kind is int:
            read = raw.integer(minimum=0)
        elif param.kind is str:
            read = raw.choice(param.choices) if param.choices else _text(raw)
        elif param.kind is bool:
            read = raw.boolean()
        else:
            read = raw.data
        params[param_name] = prepare_param(read, param)
    for param_name, param in definition.params.items():
        if param.required and param_name not in params:
            raise value.error(f"check '{name}' needs parameter '{param_name}'")
    return CheckSpec(name, tuple(sorted(params.items())))


def _elements(value: Value) -> tuple[Element, ...]:
    elements = []
    for raw in value.list():
        if not isinstance(raw.data, dict) or "name" not in raw.data:
            raise raw.error("an element needs 'name' (Thai, shown to officers)")
        name = _name(raw.at("name"))
        if "any_of" in raw.data:
            specs = tuple(_check_spec(c) for c in raw.fields({"name", "any_of"}).list("any_of", nonempty=True))
        else:
            specs = (_check_spec(raw),)
        elements.append(Element(name, specs))
    return tuple(elements)


def _hints(value: Value) -> Hints:
    fields = value.fields({"phrases", "urls", "exclude", "titles", "posts"})
    written = fields.texts("phrases", nonempty=True, numbers=True)
    phrases = tuple(dict.fromkeys(skeleton(p) for p in written))
    if not phrases:
        raise fields.error("phrases", "needs at least one phrase")
    return Hints(
        phrases=phrases,
        urls=tuple(u.lower() for u in fields.texts("urls", (), nonempty=True, numbers=True)),
        exclude=tuple(skeleton(p) for p in fields.texts("exclude", (), nonempty=True, numbers=True)),
        written=written,
        titles=tuple(dict.fromkeys(skeleton(p) for p in fields.texts("titles", (), nonempty=True, numbers=True))),
        posts=fields.boolean("posts", False),
    )


def _examples(value: Value) -> tuple[Example, ...]:
    out = []
    for raw in value.list():
        fields = raw.fields(EXAMPLE_FIELDS)
        links = fields.get("links")
        pairs = [] if links is None else links.data
        if not isinstance(pairs, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
            raise fields.error("links", "must be a list of [text, url] pairs")
        out.append(
            Example(
                expect=_choice(fields.value("expect"), ItemStatus).value,
                title=fields.text("title", "", numbers=True),
                text=fields.text("text", "", numbers=True),
                headings=fields.texts("headings", (), nonempty=True, numbers=True),
                links=tuple((str(t), str(u)) for t, u in pairs),
                images=fields.integer("images", 0),
                embeds=fields.texts("embeds", (), nonempty=True, numbers=True),
                widgets=fields.texts("widgets", (), nonempty=True, numbers=True),
                form_fields=fields.texts("form_fields", (), nonempty=True, numbers=True),
                as_of=fields.text("as_of", "", numbers=True),
                line=raw.line,
            )
        )
    return tuple(out)


def _evidence(value: Value) -> tuple[EvidenceKind, ...]:
    return tuple(_choice(v, EvidenceKind) for v in value.list(nonempty=True))


def _elsewhere(value: Value) -> tuple[Freshness, ...]:
    return tuple(Freshness(v.choice(ELSEWHERE_YEARS)) for v in value.list())


# name in YAML -> (ItemRule field, parser)
RULE_FIELD_PARSERS: dict[str, tuple[str, Callable[[Value], Any]]] = {
    "name_th": ("name_th", _name),
    "hints": ("hints", _hints),
    "evidence": ("evidence", _evidence),
    "elements": ("elements", _elements),
    "freshness": ("freshness", lambda v: _choice(v, Freshness)),
    "responsible_unit": ("responsible_unit", _text),
    "measure": ("measure", _text),
    "examples": ("examples", _examples),
    "inferred": ("inferred", Value.boolean),
    "source": ("source", _text),
    "belongs_elsewhere": ("belongs_elsewhere", _elsewhere),
}


def _rule_fields(fields: Fields) -> dict[str, Any]:
    out = {}
    for name, (attribute, parse) in RULE_FIELD_PARSERS.items():
        value = fields.get(name)
        if value is not None:
            out[attribute] = parse(value)
    return out


def _place(value: Value) -> str:
    """``rules/2569.yaml:31``: where a rule or item was written, for ``oit rules show``."""
    return f"{value.doc.file.parent.name}/{value.doc.file.name}:{value.line}"


UNCONFIRMED = "unconfirmed"  # the `source` of an item no published source confirms


# --- the library --------------------------------------------------------------------------------


def load_library(path: Path) -> tuple[dict[str, ItemRule], str]:
    root = load_yaml(path).root.fields({"examples_as_of", "items"})
    items = root.value("items").entries()
    if not items:
        raise root.error("items", "must map stable keys to item rules")
    library = {}
    for key, raw in items:
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise raw.error("a stable key is lower-case letters, digits and _")
        fields = raw.fields(LIBRARY_FIELDS)
        for name in sorted(LIBRARY_REQUIRED):
            fields.value(name)
        rule = ItemRule(key=key, origin=(_place(raw),), **_rule_fields(fields))
        if not rule.elements:
            raise fields.error("elements", "an item needs at least one element: a name match alone never passes")
        library[key] = rule
    return library, root.text("examples_as_of", "")


# --- year files ---------------------------------------------------------------------------------


def _override_rule(value: Value, base: ItemRule) -> ItemRule:
    fields = value.fields(RULE_OVERRIDE_FIELDS)
    changes = {
        "examples": (),
        **_rule_fields(fields),  # the library's examples judged another rule
        "origin": base.origin + (_place(value),),
    }
    added = fields.get("elements_add")
    if added is not None:
        changes["elements"] = changes.get("elements", base.elements) + _elements(added)
    return dataclasses.replace(base, **changes)


def _item_fields(value: Value, library: dict[str, ItemRule]) -> dict[str, Any]:
    """Typed fields of one year item, as written (a child file may give only some)."""
    fields = value.fields(ITEM_FIELDS)
    out: dict[str, Any] = {}
    if fields.has("keys"):
        keys = fields.texts("keys", nonempty=True, numbers=True)
        for i, key in enumerate(keys):
            if key not in library:
                raise fields.error(("keys", i), f"unknown stable key '{key}' (not in {LIBRARY_FILE})")
        if not keys:
            raise fields.error("keys", "needs at least one stable key")
        out["keys"] = keys
    for name in ("code", "name_th", "sub"):
        if fields.has(name):
            out[name] = fields.text(name, nonempty=True, numbers=True)
    for name in ("responsible_unit", "measure", "source"):
        if fields.has(name):
            out[name] = fields.text(name, numbers=True)
    if fields.has("weight"):
        out["weight"] = fields.number("weight", minimum=0)
    if fields.has("inferred"):
        out["inferred"] = fields.boolean("inferred")
    if out.get("source", "").lower().startswith(UNCONFIRMED) and not out.get("inferred"):
        raise fields.error("inferred", f"an item whose source is '{UNCONFIRMED}' must say inferred: true")
    rules = fields.get("rules")
    if rules is not None:
        out["rules"] = {}
        for key, spec in rules.entries():
            if key not in library:
                raise spec.error(f"unknown stable key '{key}'")
            out["rules"][key] = _override_rule(spec, library[key])
    return out


def _sub_indicators(value: Value) -> dict[str, tuple[str, str]]:
    out = {}
    for number, spec in value.entries():
        fields = spec.fields({"indicator", "name"})
        out[str(number)] = (fields.text("indicator", numbers=True), fields.text("name", numbers=True))
    return out


@dataclasses.dataclass(slots=True)
class _YearSpec:
    name: str
    title_th: str
    pass_mark: float
    sub_indicators: dict[str, tuple[str, str]]
    inferred: bool  # the whole list is inferred (e.g. 2565: "same slots as 2564")
    source: str  # the file's source note: the source of items that name none
    items: list[tuple[dict[str, Any], Value]]  # typed fields, and where they were written
    extends: str = ""  # the parent rule set's name


def _load_year_spec(path: Path, library: dict[str, ItemRule], seen: tuple[Path, ...] = ()) -> _YearSpec:
    if path in seen:
        raise UserError(f"{path}: 'extends' forms a cycle")
    root = load_yaml(path).root.fields(YEAR_FIELDS)
    name = root.text("name", nonempty=True, numbers=True)
    extends = root.get("extends")
    if extends is not None:
        parent = _load_year_spec(resolve_ruleset_path(_text(extends), path.parent), library, seen + (path,))
    else:
        parent = _YearSpec("", "", 85.0, {}, False, "", [])
    raw_items = root.get("items") if extends is not None else root.value("items")
    sub_indicators = root.get("sub_indicators")
    spec = _YearSpec(
        name=name,
        title_th=root.text("title_th", parent.title_th, numbers=True),
        pass_mark=root.number("pass_mark", parent.pass_mark, minimum=0),
        sub_indicators={**parent.sub_indicators, **(_sub_indicators(sub_indicators) if sub_indicators is not None else {})},
        inferred=root.boolean("inferred", parent.inferred),
        source=root.text("source", parent.source, numbers=True),
        items=list(parent.items),
        extends=parent.name,
    )
    dropped = set(root.texts("drop", (), nonempty=True, numbers=True))
    spec.items = [entry for entry in spec.items if entry[0]["keys"][0] not in dropped]
    position = {entry[0]["keys"][0]: i for i, entry in enumerate(spec.items)}
    for raw in raw_items.list() if raw_items is not None else []:
        fields = _item_fields(raw, library)
        fields["origin"] = (_place(raw),)
        first_key = fields.get("keys", (None,))[0]
        if first_key in position:  # override the parent's item of that key, field by field
            old, _ = spec.items[position[first_key]]
            merged = {
                **old,
                **fields,
                "rules": {**old.get("rules", {}), **fields.get("rules", {})},
                "origin": old["origin"] + fields["origin"],
            }
            spec.items[position[first_key]] = (merged, raw)
        else:
            missing = ITEM_REQUIRED - set(fields)
            if missing:
                raise raw.at(sorted(missing)[0]).error("required")
            position[first_key] = len(spec.items)
            spec.items.append((fields, raw))
    return spec


def _build_item(fields: dict[str, Any], where: Value, spec: _YearSpec, library: dict[str, ItemRule]) -> RuleItem:
    sub = fields["sub"]
    if sub not in spec.sub_indicators:
        raise where.at("sub").error(f"unknown sub-indicator '{sub}' (define it under sub_indicators)")
    indicator, sub_name = spec.sub_indicators[sub]
    rules = tuple(fields.get("rules", {}).get(key, library[key]) for key in fields["keys"])
    first = rules[0]
    return RuleItem(
        code=fields["code"],
        keys=tuple(fields["keys"]),
        name_th=fields["name_th"],
        indicator=indicator,
        sub_indicator=sub_name,
        weight=fields.get("weight", 1.0),
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
    root = load_yaml(path).root.fields(YEAR_FIELDS)
    library_name = root.text("library", LIBRARY_FILE)
    library, example_as_of = load_library(path.parent / library_name)
    spec = _load_year_spec(path, library)
    if not spec.items:
        raise root.error("items", "a rule set needs items")
    items: list[RuleItem] = []
    codes: dict[str, str] = {}
    for fields, where in spec.items:
        item = _build_item(fields, where, spec, library)
        if item.code.lower() in codes:
            raise where.at("code").error(f"code '{item.code}' used twice (also {codes[item.code.lower()]})")
        codes[item.code.lower()] = item.key
        items.append(item)
    return RuleSet(
        name=spec.name,
        title_th=spec.title_th,
        path=str(path),
        pass_mark=spec.pass_mark,
        items=tuple(items),
        library=library,
        example_as_of=example_as_of,
        extends=spec.extends,
        library_path=str(path.parent / library_name),
    )


def focus_terms(rules_dir: Path = RULES_DIR) -> tuple[str, ...]:
    """What the crawler's link scorer looks for: every item's hint phrases and Thai names, of the
    library and of every year (a link titled with any year's name for an item is worth a fetch).
    The crawl's launcher passes them to the crawl processes (crawler/launch.py ``CrawlJob``).

    A rule set that does not load costs focus, not the crawl (the run validates the rules before
    it crawls and names the error there): no terms, and a warning."""
    terms: list[str] = []
    try:
        for name in available_rulesets(rules_dir):
            ruleset = load_ruleset(Path(rules_dir) / f"{name}.yaml")
            terms += [item.name_th for item in ruleset.items]
            for rule in ruleset.library.values():
                terms += [rule.name_th, *rule.hints.phrases, *rule.hints.titles]
    except UserError as exc:
        log.warning("crawl order uses the built-in terms only: %s", exc)
        return ()
    return tuple(sorted(set(terms)))
