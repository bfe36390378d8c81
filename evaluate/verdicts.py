"""What the engine decides: a verdict per OIT item per site, and the run's results.

This is the contract between ``evaluate/`` and ``reports/`` (and ``results.json``, documented in
the README). Plain data, JSON round-trippable.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from store.records import Site


class ItemStatus(StrEnum):
    PASS = "pass"
    INCOMPLETE = "incomplete"  # found, but required elements are missing
    STALE = "stale"  # found, but for another fiscal year
    BROKEN = "broken"  # linked, but the target fails (404, 5xx, timeout, '#')
    UNVERIFIABLE = "unverifiable"  # only behind a link that cannot be opened (login, Drive, image-only)
    MISSING = "missing"
    NOT_JUDGED = "not_judged"  # the site was unreachable or blocked: no judgement on items


@dataclass(slots=True)
class Evidence:
    url: str
    click_path: list[str] = field(default_factory=list)  # หน้าหลัก → ... → the page
    fiscal_year: int | None = None
    reason: str = ""  # Thai, for officers
    score: float = 0.0  # ranking only

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url, "click_path": list(self.click_path), "fiscal_year": self.fiscal_year,
            "reason": self.reason, "score": self.score,
        }


@dataclass(slots=True)
class ItemPart:
    """One stable key of an item that covers several (2568: structure + authority): its own verdict,
    so an officer sees which half fails."""

    key: str
    name_th: str
    status: ItemStatus
    missing_elements: list[str] = field(default_factory=list)
    finding_th: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name_th": self.name_th, "status": self.status.value,
                "missing_elements": list(self.missing_elements), "finding_th": self.finding_th}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ItemPart:
        return cls(**{**data, "status": ItemStatus(data["status"])})


@dataclass(slots=True)
class ItemVerdict:
    key: str  # stable key (the first one for merged items)
    keys: list[str]  # every stable key the item covers
    code: str  # the year's code: o1, O11 ...
    name_th: str
    status: ItemStatus
    indicator: str = ""
    sub_indicator: str = ""
    weight: float = 1.0
    responsible_unit: str = ""
    measure: str = ""  # ขั้นตอนหรือวิธีการ/มาตรการ
    evidence: list[Evidence] = field(default_factory=list)
    missing_elements: list[str] = field(default_factory=list)  # Thai element names
    fiscal_year_found: int | None = None
    finding_th: str = ""  # plain-Thai finding: ไม่พบข้อมูล, พบแต่เป็นข้อมูลปี ๒๕๖๖, ...
    inferred: bool = False  # the rule's content was inferred, not read in a source
    parts: list[ItemPart] = field(default_factory=list)  # per stable key, for items covering several

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "keys": list(self.keys), "code": self.code, "name_th": self.name_th,
            "status": self.status.value, "indicator": self.indicator, "sub_indicator": self.sub_indicator,
            "weight": self.weight, "responsible_unit": self.responsible_unit, "measure": self.measure,
            "evidence": [e.to_json() for e in self.evidence], "missing_elements": list(self.missing_elements),
            "fiscal_year_found": self.fiscal_year_found, "finding_th": self.finding_th, "inferred": self.inferred,
            "parts": [part.to_json() for part in self.parts],
        }


@dataclass(slots=True)
class SiteResult:
    id: str
    name: str
    url: str
    status: str  # ok | unreachable | blocked
    crawl_status: str = ""  # the detailed SiteStatus
    crawl_detail: str = ""
    type: str = ""
    province: str = ""
    district: str = ""
    score: float | None = None  # predicted OIT score 0-100; None when not judged
    evidence_from_run: int | None = None  # run whose pages were judged (last known when unreachable)
    items: list[ItemVerdict] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "url": self.url, "status": self.status,
            "crawl_status": self.crawl_status, "crawl_detail": self.crawl_detail, "type": self.type,
            "province": self.province, "district": self.district, "score": self.score,
            "evidence_from_run": self.evidence_from_run, "items": [i.to_json() for i in self.items],
        }

    def to_brief(self) -> dict[str, Any]:
        """What later runs need of this result (changes, timelines, the pages retention keeps, the
        reminders' open items): ~6 KB a site on the demo instead of ~56 KB, kept in the store. Per
        item: keys, status, evidence URLs and, when it does not pass, its finding (missing elements,
        fiscal year found, the finding in Thai)."""
        items: list[list[Any]] = []
        for i in self.items:
            item: list[Any] = [i.keys or [i.key], i.status.value, [e.url for e in i.evidence]]
            if i.status is not ItemStatus.PASS:
                item += [i.missing_elements, i.fiscal_year_found, i.finding_th]
            items.append(item)
        return {"status": self.status, "crawl_status": self.crawl_status, "score": self.score,
                "evidence_from_run": self.evidence_from_run, "items": items}

    @classmethod
    def from_brief(cls, site_id: str, data: dict[str, Any], names: dict[str, tuple[str, str]] | None = None,
                   about: Site | None = None) -> SiteResult:
        """``names``: the code and Thai name of each item by its first key (from the run's rule set);
        ``about``: the site's name, URL and place. Briefs stored before findings were kept read with none."""
        names = names or {}
        items = []
        for keys, status, urls, *finding in data["items"]:
            missing, year, finding_th = finding or ([], None, "")
            code, name_th = names.get(keys[0], ("", ""))
            items.append(ItemVerdict(keys[0], keys, code, name_th, ItemStatus(status), evidence=[Evidence(url) for url in urls],
                                     missing_elements=missing, fiscal_year_found=year, finding_th=finding_th))
        about = about or Site(site_id, "", "")
        return cls(site_id, about.name, about.url, data["status"], crawl_status=data.get("crawl_status", ""),
                   type=about.type, province=about.province, district=about.district, score=data["score"],
                   evidence_from_run=data["evidence_from_run"], items=items)


@dataclass(slots=True)
class RunResult:
    run_id: int
    as_of: str  # YYYY-MM-DD
    ruleset: str
    pass_mark: float = 85.0
    sites: list[SiteResult] = field(default_factory=list)
    ruleset_title: str = ""  # the criteria's title as the rule set names it
    # the as-of fiscal year when no rule set of its own exists (judged by ``ruleset`` instead), else None
    unpublished_year: int | None = None

    def to_json(self) -> dict[str, Any]:
        # Field by field: dataclasses.asdict deep-copies every value and took ~1.3 s for 1,000 sites.
        return {"run": self._run_json(), "sites": [s.to_json() for s in self.sites]}

    def _run_json(self) -> dict[str, Any]:
        return {"id": self.run_id, "as_of": self.as_of, "ruleset": self.ruleset, "pass_mark": self.pass_mark,
                "ruleset_title": self.ruleset_title, "unpublished_year": self.unpublished_year}

    def write_json(self, path: Path) -> Path:
        """``to_json`` written site by site, one site a line: never the whole run as one string
        (~53 KB a site, 440 MB for 8,300 sites)."""
        with open(path, "w", encoding="utf-8") as file:
            file.write(f'{{"run": {json.dumps(self._run_json(), ensure_ascii=False)}, "sites": [\n')
            for n, site in enumerate(self.sites):
                file.write((",\n" if n else "") + json.dumps(site.to_json(), ensure_ascii=False))
            file.write("\n]}\n")
        return path

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunResult:
        run = data["run"]
        sites = []
        for s in data["sites"]:
            items = [
                ItemVerdict(
                    **{
                        **i,
                        "status": ItemStatus(i["status"]),
                        "evidence": [Evidence(**e) for e in i.get("evidence", [])],
                        "parts": [ItemPart.from_json(part) for part in i.get("parts", [])],
                    }
                )
                for i in s.get("items", [])
            ]
            sites.append(SiteResult(**{**s, "items": items}))
        return cls(
            run_id=run["id"], as_of=run["as_of"], ruleset=run["ruleset"],
            pass_mark=run.get("pass_mark", 85.0), sites=sites,
            ruleset_title=run.get("ruleset_title", ""), unpublished_year=run.get("unpublished_year"),
        )
