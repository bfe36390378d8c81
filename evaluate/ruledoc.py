"""Rule sets as an officer reads them: one item (``oit rules show``), what changed between two
years (``oit rules diff``), and the year file ``oit rules new`` starts a new year with.

Pure functions returning text lines; ``evaluate.cli`` prints them. Item names, elements and hints
are the rule files' own Thai; the labels are English like the rest of the CLI.
"""

from __future__ import annotations

import datetime as dt

from evaluate.rules import CheckSpec, Freshness, ItemRule, RuleItem, RuleSet
from evaluate.ruleset import UNCONFIRMED
from thai.dates import fiscal_year_of

_YEAR_WANTED = {
    Freshness.CURRENT_FY: ("the current fiscal year", 0),
    Freshness.PREVIOUS_FY: ("the previous fiscal year (the running year's also accepted)", -1),
    Freshness.PREVIOUS_FY_ONLY: ("the previous fiscal year only", -1),
    Freshness.PLAN_RANGE: ("a plan whose years cover the current fiscal year", 0),
    Freshness.CURRENT_YEAR_CONTENT: ("posts dated in the current fiscal year", 0),
    Freshness.NONE: ("any year (not year-bound)", None),
}


def required_year(rule: ItemRule, as_of: dt.date) -> str:
    text, offset = _YEAR_WANTED[rule.freshness]
    if offset is None:
        return f"{text} [{rule.freshness.value}]"
    return f"{text} [{rule.freshness.value}]: FY {fiscal_year_of(as_of) + offset} as of {as_of.isoformat()}"


def _check_text(spec: CheckSpec) -> str:
    params = ", ".join(
        f"{name}={'/'.join(value) if isinstance(value, tuple) else value}" for name, value in spec.params if name != "any"
    )
    return spec.check + (f" ({params})" if params else "")


def _rule_lines(rule: ItemRule, as_of: dt.date) -> list[str]:
    lines = [
        f"  [{rule.key}] {rule.name_th}",
        f"    required year: {required_year(rule, as_of)}",
        f"    evidence: {', '.join(kind.value for kind in rule.evidence)}",
        "    elements:",
    ]
    lines += [f"      - {element.name_th}  ({' or '.join(map(_check_text, element.any_of))})" for element in rule.elements]
    lines.append(f"    hints: {', '.join(rule.hints.written)}")
    if rule.hints.urls:
        lines.append(f"    URL hints: {', '.join(rule.hints.urls)}")
    if rule.hints.exclude:
        lines.append(f"    excluded titles (matching form): {', '.join(rule.hints.exclude)}")
    lines.append(f"    responsible unit: {rule.responsible_unit or '-'}")
    if rule.inferred:
        lines.append(f"    content inferred: {rule.source or 'yes'}")
    elif rule.source:
        lines.append(f"    content source: {rule.source}")
    lines.append(f"    rule from: {rule.origin[0]} (library)" + "".join(f", {o} (year override)" for o in rule.origin[1:]))
    return lines


def show_lines(ruleset: RuleSet, key_or_code: str, as_of: dt.date) -> list[str]:
    """One item of a year as an officer reads it, with where each part was written."""
    item = ruleset.item(key_or_code)
    lines = [
        f"{item.code} {item.name_th}  (ITA {ruleset.name}: {ruleset.title_th})",
        f"  indicator: {item.indicator}",
        f"  sub-indicator: {item.sub_indicator}",
        f"  stable keys: {', '.join(item.keys)}"
        + ("  (merged item: passes only when every key does)" if len(item.keys) > 1 else ""),
        f"  weight: {item.weight:g}",
        f"  inferred: {'yes: check it against the manual' if item.inferred else 'no'}",
        f"  source: {item.source or UNCONFIRMED}",
        f"  item from: {', '.join(item.origin)}",
    ]
    for rule in item.rules:
        lines += _rule_lines(rule, as_of)
    return lines


def _pair(old: RuleSet, new: RuleSet) -> list[tuple[RuleItem | None, RuleItem | None]]:
    """Items of two years matched by their first stable key, else by any key they share."""
    pairs: list[tuple[RuleItem | None, RuleItem | None]] = []
    left = list(old.items)
    for item in new.items:
        match = next((o for o in left if o.key == item.key), None) or next(
            (o for o in left if set(o.keys) & set(item.keys)), None
        )
        if match is not None:
            left.remove(match)
        pairs.append((match, item))
    pairs += [(o, None) for o in left]
    return pairs


def _changes(a: RuleItem, b: RuleItem) -> list[str]:
    out = []
    for label, x, y in (
        ("code", a.code, b.code),
        ("name", a.name_th, b.name_th),
        ("sub-indicator", a.sub_indicator, b.sub_indicator),
        ("keys", ", ".join(a.keys), ", ".join(b.keys)),
        ("weight", f"{a.weight:g}", f"{b.weight:g}"),
        ("inferred", a.inferred, b.inferred),
        ("source", a.source, b.source),
    ):
        if x != y:
            out.append(f"    {label}: {x} -> {y}")
    rules_a = {r.key: r for r in a.rules}
    for rule in b.rules:
        before = rules_a.get(rule.key)
        if before is None:
            continue
        if before.freshness != rule.freshness:
            out.append(f"    [{rule.key}] required year: {before.freshness.value} -> {rule.freshness.value}")
        names_a, names_b = [e.name_th for e in before.elements], [e.name_th for e in rule.elements]
        out += [f"    [{rule.key}] element added: {n}" for n in names_b if n not in names_a]
        out += [f"    [{rule.key}] element removed: {n}" for n in names_a if n not in names_b]
        if [e.any_of for e in before.elements if e.name_th in names_b] != [
            e.any_of for e in rule.elements if e.name_th in names_a
        ]:
            out.append(f"    [{rule.key}] checks of an element changed")
    return out


def diff_lines(old: RuleSet, new: RuleSet) -> list[str]:
    """What changed between two years, item by item (keyed by stable key; codes move every year)."""
    lines = [f"ITA {old.name} ({len(old.items)} items) -> ITA {new.name} ({len(new.items)} items)"]
    same = 0
    for a, b in _pair(old, new):
        if a is None:
            assert b is not None  # _pair never pairs two Nones
            lines.append(f"+ {b.code} {b.name_th}  [{', '.join(b.keys)}]")
        elif b is None:
            lines.append(f"- {a.code} {a.name_th}  [{', '.join(a.keys)}]")
        elif changes := _changes(a, b):
            lines.append(f"~ {a.code} -> {b.code}  [{', '.join(b.keys)}]")
            lines += changes
        else:
            same += 1
    lines.append(f"{same} items unchanged")
    return lines


def new_year_text(year: str, parent: RuleSet, today: dt.date) -> str:
    """A year file extending ``parent`` with every item marked unconfirmed until a source is added."""
    lines = [
        f"# เกณฑ์ OIT ปี {year}: made with `oit rules new {year} --from {parent.name}` on {today.isoformat()}.",
        f"# Every item is ITA {parent.name}'s, marked unconfirmed and inferred. When a source is read, change",
        "# the item (code, name_th, keys, sub, rules: overrides) and replace `inferred: true, source: unconfirmed`",
        "# with `source: <URL>`; add items the new list has, and `drop:` keys it no longer has.",
        f'name: "{year}"',
        f'extends: "{parent.name}"',
        f"title_th: เกณฑ์การประเมิน OIT ประจำปีงบประมาณ พ.ศ. {year}",
        f"source: {UNCONFIRMED}",
        "items:",
    ]
    lines += [
        f"  - {{keys: [{', '.join(item.keys)}], inferred: true, source: {UNCONFIRMED}}}  # {item.code} {item.name_th}"
        for item in parent.items
    ]
    return "\n".join(lines) + "\n"
