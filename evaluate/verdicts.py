"""What the engine decides: a verdict per OIT item per site, and the run's results.

This is the contract between ``evaluate/`` and ``reports/`` (and ``results.json``, documented in
the README). Plain data, JSON round-trippable. A finding and an evidence reason are codes and
parameters (``ItemFinding``, ``Reason``); ``evaluate.wording`` turns them into Thai where they are
shown: results.json, reports, e-mails, ``oit rules explain``. A sentence read back from a
results.json (or a verdict row stored before the codes) stays a ``str`` and is shown as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from store.records import DocumentStatus, Site


class ItemStatus(StrEnum):
    PASS = "pass"
    INCOMPLETE = "incomplete"  # found, but required elements are missing
    STALE = "stale"  # found, but for another fiscal year
    BROKEN = "broken"  # linked, but the target fails (404, 5xx, timeout, '#')
    UNVERIFIABLE = "unverifiable"  # only behind a link that cannot be opened (login, Drive, image-only)
    MISSING = "missing"
    NOT_JUDGED = "not_judged"  # the site was unreachable or blocked: no judgement on items


class FailureKind(StrEnum):
    """Why a source could not be read."""

    HTTP = "http"  # the page or file answered an error (``http_status``; 0: no answer at all)
    DOCUMENT = "document"  # a file that could not be read (``document_status``)
    NO_TEXT = "no_text"  # a file without text to check
    EMPTY_LINK = "empty_link"  # a '#' link
    EXTERNAL_LINK = "external_link"  # a link to another host, never opened
    ERROR_PAGE = "error_page"  # a "not found" page served as 200


@dataclass(frozen=True, slots=True)
class Failure:
    kind: FailureKind
    http_status: int = 0
    document_status: DocumentStatus | None = None

    def to_json(self) -> list[Any]:
        return [self.kind.value, self.http_status, self.document_status.value if self.document_status else None]

    @classmethod
    def from_json(cls, data: list[Any]) -> Failure:
        kind, http_status, document_status = data
        return cls(FailureKind(kind), http_status, DocumentStatus(document_status) if document_status else None)


class HintKind(StrEnum):
    """How a candidate source was found."""

    OVERRIDE = "override"  # the organisation named it in its overrides file
    TITLE = "title"  # its title or headings
    DATED_POST = "dated_post"  # a dated news or activity post
    DOCUMENT_TITLE = "document_title"  # a document's name or first line
    LINK = "link"  # a link's words (``text``), on the page titled ``page`` when it was found as an attachment


@dataclass(frozen=True, slots=True)
class Hint:
    kind: HintKind
    text: str = ""  # crawled text: the link's words
    page: str = ""  # crawled text: the title of the page showing the link


@dataclass(frozen=True, slots=True)
class YearElement:
    """The element a source lacks when it is for no stated year: the data of the ``year`` required."""

    year: int | None


@dataclass(frozen=True, slots=True)
class PartMissing:
    """One key of a merged item that does not pass, counted as one of the item's missing elements."""

    name_th: str
    status: ItemStatus
    missing: tuple[Missing, ...] = ()


# A missing element: an element's name from the rules (or a sentence read back), or a code.
Missing = str | YearElement | PartMissing


def missing_to_json(missing: Missing) -> Any:
    if isinstance(missing, YearElement):
        return {"year": missing.year}
    if isinstance(missing, PartMissing):
        return {"part": missing.name_th, "status": missing.status.value, "missing": [missing_to_json(m) for m in missing.missing]}
    return missing


def missing_from_json(data: Any) -> Missing:
    if isinstance(data, dict) and "part" in data:
        return PartMissing(data["part"], ItemStatus(data["status"]), tuple(missing_from_json(m) for m in data["missing"]))
    if isinstance(data, dict):
        return YearElement(data["year"])
    return str(data)


@dataclass(frozen=True, slots=True)
class ItemFinding:
    """An item's (or one key's) finding: its status and what the best source showed."""

    status: ItemStatus
    missing: tuple[Missing, ...] = ()  # counted only when incomplete
    year_found: int | None = None
    year_required: int | None = None
    failure: Failure | None = None  # why the best source could not be read (None: it had no text)
    unchecked: str = ""  # why a page found could not be checked: a key of wording.UNCHECKED_TH

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.status.value}
        if self.missing:
            data["missing"] = [missing_to_json(m) for m in self.missing]
        for name, value in (
            ("year_found", self.year_found),
            ("year_required", self.year_required),
            ("unchecked", self.unchecked),
        ):
            if value:
                data[name] = value
        if self.failure:
            data["failure"] = self.failure.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ItemFinding:
        failure = data.get("failure")
        return cls(
            ItemStatus(data["status"]),
            tuple(missing_from_json(m) for m in data.get("missing", [])),
            data.get("year_found"),
            data.get("year_required"),
            Failure.from_json(failure) if failure else None,
            data.get("unchecked", ""),
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a piece of evidence counts as it does: its source's finding for the item named ``name_th``."""

    finding: ItemFinding
    name_th: str
    hint: Hint | None  # None: judged without a candidate's hint (``oit rules explain``)
    empty_shell: bool = False  # a page named for the item with nothing of it
    earlier: bool = False  # carried over from the last run that reached the site


@dataclass(slots=True)
class Evidence:
    url: str
    click_path: list[str] = field(default_factory=list)  # หน้าหลัก → ... → the page
    fiscal_year: int | None = None
    reason: Reason | str = ""  # worded for officers by evaluate.wording.reason_th
    score: float = 0.0  # ranking only

    def to_json(self) -> dict[str, Any]:
        from evaluate import wording  # it words these codes and imports them from here: imported on first use

        return {
            "url": self.url,
            "click_path": list(self.click_path),
            "fiscal_year": self.fiscal_year,
            "reason": wording.reason_th(self.reason),
            "score": self.score,
        }


@dataclass(slots=True)
class ItemPart:
    """One stable key of an item that covers several (2568: structure + authority): its own verdict,
    so an officer sees which half fails."""

    key: str
    name_th: str
    status: ItemStatus
    missing_elements: list[Missing] = field(default_factory=list)
    finding: ItemFinding | str = ""

    def to_json(self) -> dict[str, Any]:
        from evaluate import wording

        return {
            "key": self.key,
            "name_th": self.name_th,
            "status": self.status.value,
            "missing_elements": wording.elements_th(self.missing_elements),
            "finding_th": wording.item_finding_th(self.finding),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ItemPart:
        return cls(
            data["key"],
            data["name_th"],
            ItemStatus(data["status"]),
            list(data.get("missing_elements", [])),
            data.get("finding_th", ""),
        )


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
    missing_elements: list[Missing] = field(default_factory=list)  # the rules' element names, or codes
    fiscal_year_found: int | None = None
    finding: ItemFinding | str = ""  # worded by evaluate.wording.item_finding_th: ไม่พบข้อมูล, พบแต่เป็นข้อมูลปี ๒๕๖๖, ...
    inferred: bool = False  # the rule's content was inferred, not read in a source
    parts: list[ItemPart] = field(default_factory=list)  # per stable key, for items covering several

    def to_json(self) -> dict[str, Any]:
        from evaluate import wording

        return {
            "key": self.key,
            "keys": list(self.keys),
            "code": self.code,
            "name_th": self.name_th,
            "status": self.status.value,
            "indicator": self.indicator,
            "sub_indicator": self.sub_indicator,
            "weight": self.weight,
            "responsible_unit": self.responsible_unit,
            "measure": self.measure,
            "evidence": [e.to_json() for e in self.evidence],
            "missing_elements": wording.elements_th(self.missing_elements),
            "fiscal_year_found": self.fiscal_year_found,
            "finding_th": wording.item_finding_th(self.finding),
            "inferred": self.inferred,
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
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "status": self.status,
            "crawl_status": self.crawl_status,
            "crawl_detail": self.crawl_detail,
            "type": self.type,
            "province": self.province,
            "district": self.district,
            "score": self.score,
            "evidence_from_run": self.evidence_from_run,
            "items": [i.to_json() for i in self.items],
        }

    def to_brief(self) -> dict[str, Any]:
        """What later runs need of this result (changes, timelines, the pages retention keeps, the
        reminders' open items): ~6 KB a site on the demo instead of ~56 KB, kept in the store. Per
        item: keys, status, evidence URLs and, when it does not pass, its finding (missing elements,
        fiscal year found, the finding's codes; a finding read back as a sentence stays one)."""
        items: list[list[Any]] = []
        for i in self.items:
            item: list[Any] = [i.keys or [i.key], i.status.value, [e.url for e in i.evidence]]
            if i.status is not ItemStatus.PASS:
                finding = i.finding.to_json() if isinstance(i.finding, ItemFinding) else i.finding
                item += [[missing_to_json(m) for m in i.missing_elements], i.fiscal_year_found, finding]
            items.append(item)
        return {
            "status": self.status,
            "crawl_status": self.crawl_status,
            "score": self.score,
            "evidence_from_run": self.evidence_from_run,
            "items": items,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], brief: dict[str, Any] | None = None) -> SiteResult:
        """A site read back from ``to_json`` (its worded findings as sentences). With its ``to_brief``
        too (a distributed judge task returns both), the items get their codes back, so that
        ``to_json`` and ``to_brief`` of the result equal the original's."""
        items = [
            ItemVerdict(
                **{
                    **{name: value for name, value in i.items() if name != "finding_th"},
                    "status": ItemStatus(i["status"]),
                    "evidence": [Evidence(**e) for e in i.get("evidence", [])],
                    "parts": [ItemPart.from_json(part) for part in i.get("parts", [])],
                    "finding": i.get("finding_th", ""),
                }
            )
            for i in data.get("items", [])
        ]
        for item, (_, _, _, *stored) in zip(items, brief["items"], strict=True) if brief else ():
            if stored:  # a brief keeps the codes of the items that do not pass
                missing, _, finding = stored
                item.missing_elements = [missing_from_json(m) for m in missing]
                item.finding = ItemFinding.from_json(finding) if isinstance(finding, dict) else finding
        return cls(**{**data, "items": items})

    @classmethod
    def from_brief(
        cls, site_id: str, data: dict[str, Any], names: dict[str, tuple[str, str]] | None = None, about: Site | None = None
    ) -> SiteResult:
        """``names``: the code and Thai name of each item by its first key (from the run's rule set);
        ``about``: the site's name, URL and place. Briefs stored before findings were kept read with none;
        those stored before the codes keep the finding as the Thai sentence they stored."""
        names = names or {}
        items = []
        for keys, status, urls, *stored in data["items"]:
            missing, year, finding = stored or ([], None, "")
            code, name_th = names.get(keys[0], ("", ""))
            items.append(
                ItemVerdict(
                    keys[0],
                    keys,
                    code,
                    name_th,
                    ItemStatus(status),
                    evidence=[Evidence(url) for url in urls],
                    missing_elements=[missing_from_json(m) for m in missing],
                    fiscal_year_found=year,
                    finding=ItemFinding.from_json(finding) if isinstance(finding, dict) else finding,
                )
            )
        about = about or Site(site_id, "", "")
        return cls(
            site_id,
            about.name,
            about.url,
            data["status"],
            crawl_status=data.get("crawl_status", ""),
            type=about.type,
            province=about.province,
            district=about.district,
            score=data["score"],
            evidence_from_run=data["evidence_from_run"],
            items=items,
        )


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
        return {
            "id": self.run_id,
            "as_of": self.as_of,
            "ruleset": self.ruleset,
            "pass_mark": self.pass_mark,
            "ruleset_title": self.ruleset_title,
            "unpublished_year": self.unpublished_year,
        }

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
        return cls(
            run_id=run["id"],
            as_of=run["as_of"],
            ruleset=run["ruleset"],
            pass_mark=run.get("pass_mark", 85.0),
            sites=[SiteResult.from_json(s) for s in data["sites"]],
            ruleset_title=run.get("ruleset_title", ""),
            unpublished_year=run.get("unpublished_year"),
        )
