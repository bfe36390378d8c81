"""Per-site overrides an organisation writes in ``config/overrides/<site_id>.yaml``.

Per stable key: the responsible unit and measure text for its reports, and URLs where the
evidence is ("the evidence is here"). Those URLs become candidates and are judged like any other
page: an override never makes an item pass by itself.

Here, below every stage, because two read it: the crawler fetches the named URLs first, the
engine takes them as candidates and the units and measures for its reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from oit.paths import config_dir
from oit.yamlfile import YamlDoc, load_yaml

DEFAULT_DIR = config_dir() / "overrides"
ITEM_FIELDS = {"responsible_unit", "measure", "evidence_urls"}


@dataclass(frozen=True, slots=True)
class ItemOverride:
    responsible_unit: str = ""
    measure: str = ""
    evidence_urls: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SiteOverrides:
    site_id: str = ""
    items: dict[str, ItemOverride] = field(default_factory=dict)

    def for_item(self, keys: tuple[str, ...] | list[str]) -> ItemOverride:
        """The override of an item: of its first key that has one (merged items cover several)."""
        for key in keys:
            if key in self.items:
                return self.items[key]
        return ItemOverride()

    def evidence_urls(self) -> dict[str, list[str]]:
        return {key: list(o.evidence_urls) for key, o in self.items.items() if o.evidence_urls}


def _text(doc: YamlDoc, path: tuple, value: object) -> str:
    if not isinstance(value, str):
        raise doc.error(path, "must be text")
    return value.strip()


def parse_overrides(doc: YamlDoc, known_keys: set[str] | None = None) -> SiteOverrides:
    data = doc.data or {}
    if not isinstance(data, dict):
        raise doc.error((), "must be a mapping with 'site' and 'items'")
    unknown = set(data) - {"site", "items"}
    if unknown:
        raise doc.error((sorted(unknown)[0],), "unknown field (expected: site, items)")
    site_id = str(data.get("site", doc.file.stem))
    items_data = data.get("items") or {}
    if not isinstance(items_data, dict):
        raise doc.error(("items",), "must map stable keys to overrides")
    items = {}
    for key, spec in items_data.items():
        path = ("items", key)
        if known_keys is not None and key not in known_keys:
            raise doc.error(path, f"unknown stable key '{key}'")
        if not isinstance(spec, dict):
            raise doc.error(path, "must be a mapping")
        for name in spec:
            if name not in ITEM_FIELDS:
                raise doc.error(path + (name,), f"unknown field (expected: {', '.join(sorted(ITEM_FIELDS))})")
        urls = spec.get("evidence_urls") or []
        if not isinstance(urls, list) or not all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls):
            raise doc.error(path + ("evidence_urls",), "must be a list of http(s) URLs")
        items[key] = ItemOverride(
            responsible_unit=_text(doc, path + ("responsible_unit",), spec.get("responsible_unit", "")),
            measure=_text(doc, path + ("measure",), spec.get("measure", "")),
            evidence_urls=tuple(urls),
        )
    return SiteOverrides(site_id, items)


def check_overrides(directory: Path, known_keys: set[str]) -> int:
    """Read every override file of ``directory`` (errors name file, line and field); how many."""
    paths = sorted(Path(directory).glob("*.yaml")) if Path(directory).is_dir() else []
    for path in paths:
        parse_overrides(load_yaml(path), known_keys)
    return len(paths)


def load_overrides(directory: Path, site_id: str, known_keys: set[str] | None = None) -> SiteOverrides:
    """The site's overrides, or none when it has no file."""
    path = Path(directory) / f"{site_id}.yaml"
    if not path.exists():
        return SiteOverrides(site_id)
    return parse_overrides(load_yaml(path), known_keys)
