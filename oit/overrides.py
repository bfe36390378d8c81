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


def parse_overrides(doc: YamlDoc, known_keys: set[str] | None = None) -> SiteOverrides:
    root = doc.root.fields({"site", "items"})
    site_id = root.text("site", doc.file.stem, numbers=True)
    items = {}
    listed = root.get("items")
    for key, spec in listed.entries() if listed is not None else []:
        if known_keys is not None and key not in known_keys:
            raise spec.error(f"unknown stable key '{key}'")
        fields = spec.fields(ITEM_FIELDS)
        urls = fields.texts("evidence_urls", ())
        if not all(url.startswith(("http://", "https://")) for url in urls):
            raise fields.error("evidence_urls", "must be a list of http(s) URLs")
        items[key] = ItemOverride(
            responsible_unit=fields.text("responsible_unit", ""),
            measure=fields.text("measure", ""),
            evidence_urls=urls,
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
