"""The rule engine: stored pages and documents in, verdicts out. Pure: no network, no HTML parsing.

For each site the snapshot is prepared once (``SiteIndex``: skeleton texts, boilerplate, hints),
then every item of the rule set is judged on its candidate sources only.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from evaluate.candidates import SiteIndex
from evaluate.context import JudgeContext
from evaluate.judge import RANK, Finding, judge_source
from evaluate.matcher import PhraseIndex
from evaluate.rules import ItemRule, RuleItem, RuleSet
from evaluate.ruleset import available_rulesets
from evaluate.sources import Source, SourceKind
from evaluate.verdicts import (
    Evidence,
    ItemFinding,
    ItemPart,
    ItemStatus,
    ItemVerdict,
    Missing,
    PartMissing,
    Reason,
    RunResult,
    SiteResult,
)
from oit.overrides import SiteOverrides, load_overrides
from store.records import SiteSnapshot
from thai.dates import fiscal_year_of

if TYPE_CHECKING:
    from store.db import Store

log = logging.getLogger(__name__)

MAX_EVIDENCE = 3
DEFERRING = {ItemStatus.BROKEN, ItemStatus.UNVERIFIABLE, ItemStatus.STALE}


@dataclass(frozen=True, slots=True)
class CompiledRules:
    """Per rule set, built once: one phrase index over every item's hints."""

    rules: dict[str, ItemRule]  # stable key -> rule, for every key the set uses
    phrases: PhraseIndex
    url_hints: PhraseIndex  # lower-case URL fragments
    titles: PhraseIndex  # phrases that count only in link texts, titles and headings
    post_keys: frozenset[str]  # items a dated post is a candidate for (news)


_compiled: dict[int, tuple[RuleSet, CompiledRules]] = {}


def compile_rules(ruleset: RuleSet) -> CompiledRules:
    cached = _compiled.get(id(ruleset))
    if cached and cached[0] is ruleset:
        return cached[1]
    # every library key is indexed (examples and `rules explain` judge keys the year does not list);
    # a year's overridden rule replaces the library's
    rules = {**ruleset.library, **{rule.key: rule for item in ruleset.items for rule in item.rules}}
    compiled = CompiledRules(
        rules,
        PhraseIndex({key: rule.hints.phrases for key, rule in rules.items()}),
        PhraseIndex({key: rule.hints.urls for key, rule in rules.items() if rule.hints.urls}),
        PhraseIndex({key: rule.hints.titles for key, rule in rules.items() if rule.hints.titles}),
        frozenset(key for key, rule in rules.items() if rule.hints.posts),
    )
    _compiled[id(ruleset)] = (ruleset, compiled)
    return compiled


# --- one stable key -------------------------------------------------------------------------------


@dataclass(slots=True)
class KeyVerdict:
    key: str
    status: ItemStatus
    findings: list[Finding]  # ranked, best first

    @property
    def best(self) -> Finding | None:
        return self.findings[0] if self.findings else None


def near_misses(rule: ItemRule, source: Source) -> list[str]:
    """Exclusion phrases in what the source calls itself (title, headings): titled like something
    else (a vision page for the plan, a job advert for HR criteria)."""
    return [phrase for phrase in rule.hints.exclude if phrase in source.head]


def _drop_containers(findings: list[Finding]) -> list[Finding]:
    """A listing page that links the real evidence defers to it when that evidence failed:
    the item is "broken" or "unverifiable", not "incomplete" because the list page has no content.
    A page that only carries the item's title defers to anything else that was found (its download
    judged, a dead link)."""
    failed_targets = {f.source.url for f in findings if f.status in DEFERRING}
    found_else = any(not f.title_only and f.status is not ItemStatus.MISSING for f in findings)
    return [
        f
        for f in findings
        if (
            f.status is ItemStatus.PASS
            or f.source.kind is not SourceKind.PAGE
            or not any(link.url in failed_targets for link in f.source.links)
        )
        and not (f.title_only and found_else)
    ]


def judge_key(rule: ItemRule, index: SiteIndex, ctx: JudgeContext) -> KeyVerdict:
    findings = []
    for candidate in index.candidates.get(rule.key, {}).values():
        if candidate.url in index.hubs:
            continue  # an index of items (by its links or its item codes): its own text proves nothing
        source = index.source(candidate.url)
        if source is None:
            continue  # linked but never fetched (outside the crawl budget): says nothing
        finding = judge_source(rule, source, ctx, candidate.hint)
        if finding is not None and not near_misses(rule, source):
            findings.append(finding)
    findings = sorted(_drop_containers(findings), key=lambda f: f.rank, reverse=True)
    status = findings[0].status if findings else ItemStatus.MISSING
    return KeyVerdict(rule.key, status, findings)


# --- codes and parameters: evaluate.wording words them where they are shown ----------------------


def key_finding(status: ItemStatus, best: Finding | None) -> ItemFinding:
    """The finding of an item (or one key) decided with ``status`` by its best source."""
    return best.item_finding(status) if best is not None else ItemFinding(ItemStatus.MISSING)


def _evidence(findings: list[Finding], name_th: str) -> list[Evidence]:
    out, seen = [], set()
    for finding in findings:
        if finding.source.url in seen or (finding.status is ItemStatus.MISSING and not finding.empty_shell):
            continue
        seen.add(finding.source.url)
        out.append(
            Evidence(
                url=finding.source.url,
                click_path=list(finding.source.click_path),
                fiscal_year=finding.year_found,
                reason=finding.reason(name_th),
                score=float(RANK[finding.status]),
            )
        )
        if len(out) == MAX_EVIDENCE:
            break
    return out


# --- one item, one site, one run ------------------------------------------------------------------


def _combine(verdicts: list[KeyVerdict], item: RuleItem) -> tuple[ItemStatus, list[Missing]]:
    """Status of an item covering several keys (2568: structure + authority) and what it lacks."""
    statuses = {v.status for v in verdicts}
    missing: list[Missing] = []
    if len(statuses) == 1:
        status = statuses.pop()
        missing = [m for v in verdicts if v.best and status is ItemStatus.INCOMPLETE for m in v.best.missing]
        return status, missing
    for verdict, rule in zip(verdicts, item.rules, strict=False):
        if verdict.status is not ItemStatus.PASS:
            missing.append(PartMissing(rule.name_th, verdict.status, tuple(verdict.best.missing if verdict.best else ())))
    if statuses & {ItemStatus.PASS, ItemStatus.INCOMPLETE, ItemStatus.STALE}:
        return ItemStatus.INCOMPLETE, missing
    return max(statuses, key=lambda s: RANK[s]), missing


def judge_item(item: RuleItem, index: SiteIndex, ctx: JudgeContext, overrides: SiteOverrides) -> ItemVerdict:
    verdicts = [judge_key(rule, index, ctx) for rule in item.rules]
    status, missing = _combine(verdicts, item)
    findings = sorted((f for v in verdicts for f in v.findings), key=lambda f: f.rank, reverse=True)
    best = verdicts[0].best if len(verdicts) == 1 else (findings[0] if findings else None)
    override = overrides.for_item(item.keys)
    if len(verdicts) > 1 and status is ItemStatus.INCOMPLETE:
        finding = ItemFinding(status, tuple(missing))
    else:
        finding = key_finding(status, best)
    parts = [_part(verdict, rule) for verdict, rule in zip(verdicts, item.rules, strict=False)] if len(verdicts) > 1 else []
    return ItemVerdict(
        key=item.key,
        keys=list(item.keys),
        code=item.code,
        name_th=item.name_th,
        status=status,
        indicator=item.indicator,
        sub_indicator=item.sub_indicator,
        weight=item.weight,
        responsible_unit=override.responsible_unit or item.responsible_unit,
        measure=override.measure or item.measure,
        evidence=_evidence(findings, item.name_th),
        missing_elements=missing if status is ItemStatus.INCOMPLETE else [],
        fiscal_year_found=best.year_found if best else None,
        finding=finding,
        inferred=item.inferred,
        parts=parts,
    )


def _part(verdict: KeyVerdict, rule: ItemRule) -> ItemPart:
    """One key of a merged item, judged on its own."""
    best = verdict.best if verdict.status is not ItemStatus.MISSING else None
    missing = list(best.missing) if best and verdict.status is ItemStatus.INCOMPLETE else []
    return ItemPart(rule.key, rule.name_th, verdict.status, missing, key_finding(verdict.status, best))


def predicted_score(items: list[ItemVerdict]) -> float:
    """Each item scores 100 or 0; the OIT score is their weighted mean."""
    total = sum(item.weight for item in items)
    passed = sum(item.weight for item in items if item.status is ItemStatus.PASS)
    return round(100.0 * passed / total, 2) if total else 0.0


def build_index(snapshot: SiteSnapshot, ruleset: RuleSet, overrides: SiteOverrides | None = None) -> SiteIndex:
    compiled = compile_rules(ruleset)
    extra = (overrides or SiteOverrides()).evidence_urls()
    return SiteIndex.build(snapshot, compiled.phrases, compiled.url_hints, extra, compiled.titles, compiled.post_keys)


def evaluate_site(snapshot: SiteSnapshot, ruleset: RuleSet, as_of: dt.date, overrides: SiteOverrides | None = None) -> SiteResult:
    """Judge every item of ``ruleset`` on one site's stored crawl."""
    overrides = overrides or SiteOverrides()
    crawl, site = snapshot.crawl, snapshot.crawl.site
    result = SiteResult(
        id=site.id,
        name=site.name,
        url=site.url,
        status=crawl.status.report_status,
        crawl_status=crawl.status.value,
        crawl_detail=crawl.detail,
        type=site.type,
        province=site.province,
        district=site.district,
    )
    index = build_index(snapshot, ruleset, overrides)
    ctx = index.context(as_of)
    items = [judge_item(item, index, ctx, overrides) for item in ruleset.items]
    # the store says which run the pages come from (an earlier one when the site is down now)
    result.evidence_from_run = getattr(snapshot, "evidence_run_id", crawl.run_id if snapshot.pages else None)
    if crawl.status.reachable:
        result.items, result.score = items, predicted_score(items)
        return result
    # Unreachable or blocked: keep what last known pages prove, judge nothing else.
    for item in items:
        if item.status is not ItemStatus.PASS:
            item.status, item.evidence, item.missing_elements, item.parts = ItemStatus.NOT_JUDGED, [], [], []
            item.finding = ItemFinding(ItemStatus.NOT_JUDGED)
        else:
            for evidence in item.evidence:
                if isinstance(evidence.reason, Reason):
                    evidence.reason = replace(evidence.reason, earlier=True)
    result.items = items
    return result


def unpublished_year(ruleset: RuleSet, as_of: dt.date) -> int | None:
    """The as-of fiscal year when ``rules/`` has no rule set for it (the run is judged by an
    earlier year's criteria, which the reports must say), else None."""
    year = fiscal_year_of(as_of)
    if ruleset.name == str(year) or str(year) in available_rulesets(Path(ruleset.path).parent):
        return None
    return year


def evaluate_run(
    store: Store,
    run_id: int,
    ruleset: RuleSet,
    as_of: dt.date,
    overrides_dir: Path | None = None,
    site_ids: Iterable[str] | None = None,
) -> RunResult:
    """Judge run ``run_id`` as stored (no network, so a rule edit is checked in seconds); ``site_ids``
    limits it to those sites. Commands go through ``evaluate.stored.judge_stored_run``, which picks
    the run, rule set, date and overrides the same way for all of them."""
    run = RunResult(
        run_id=run_id,
        as_of=as_of.isoformat(),
        ruleset=ruleset.name,
        pass_mark=ruleset.pass_mark,
        ruleset_title=ruleset.title_th,
        unpublished_year=unpublished_year(ruleset, as_of),
    )
    for snapshot in store.snapshots(run_id, site_ids):
        overrides = load_overrides(overrides_dir, snapshot.crawl.site.id, set(ruleset.library)) if overrides_dir else None
        run.sites.append(evaluate_site(snapshot, ruleset, as_of, overrides))
    log.info("judged %d sites of run %d with rule set %s as of %s", len(run.sites), run_id, ruleset.name, as_of)
    return run
