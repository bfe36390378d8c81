"""``oit rules explain KEY URL``: why a stored page does or does not count for an item.

Shows what an officer needs to adjust a rule: which hint phrases matched where (links to the
page, its title and lead, its URL), whether a near-miss exclusion applies, each element with
each of its checks, and the fiscal years found against the year required.
"""

from __future__ import annotations

import datetime as dt

from evaluate.candidates import SiteIndex
from evaluate.checks import CHECKS
from evaluate.context import JudgeContext
from evaluate.engine import judge_key, key_finding, near_misses
from evaluate.freshness import judge_freshness
from evaluate.judge import judge_source, years_of
from evaluate.rules import ItemRule
from evaluate.sources import Source
from evaluate.wording import elements_th, failure_th, item_finding_th
from thai.text import skeleton


def _phrases_in(text: str, phrases: tuple[str, ...]) -> list[str]:
    return [p for p in phrases if p in text]


def _mark(ok: bool) -> str:
    return "yes" if ok else "no "


def _hint_lines(rule: ItemRule, index: SiteIndex, source: Source) -> list[str]:
    lines = ["hints (choose candidates, never prove):"]
    linking = [(page.url, link) for page in index.snapshot.pages for link in page.links if link.url == source.url]
    seen = set()
    for page_url, link in linking:
        if (link.text, link.in_main) in seen:
            continue
        seen.add((link.text, link.in_main))
        where = "main content" if link.in_main else "menu/sidebar"
        matched = _phrases_in(skeleton(link.text), rule.hints.phrases) or _phrases_in(skeleton(link.context), rule.hints.phrases)
        lines.append(
            f"  link “{link.text.strip()[:80]}” ({where}, on {page_url}): " + (f"matches {matched}" if matched else "no phrase")
        )
    if not linking:
        lines.append("  no stored page links here")
    lines.append(f"  title/headings/lead: {_phrases_in(source.lead or source.title, rule.hints.phrases) or 'no phrase'}")
    lines.append(f"  URL fragments: {[f for f in rule.hints.urls if f in source.url.lower()] or 'none'}")
    lines.append(f"  near-miss exclusions: {near_misses(rule, source) or 'none'}")
    if source.url in index.hubs:
        lines.append("  this page links to many items (an index or site map): its own text counts for none")
    candidate = source.url in index.candidates.get(rule.key, {})
    lines.append(f"  candidate for {rule.key}: {_mark(candidate).strip()}")
    return lines


def _element_lines(rule: ItemRule, source: Source, ctx: JudgeContext) -> list[str]:
    lines = ["elements:"]
    for element in rule.elements:
        results = [(spec, CHECKS[spec.check].fn(source, ctx, **spec.kwargs())) for spec in element.any_of]
        lines.append(f"  [{_mark(any(ok for _, ok in results))}] {element.name_th}")
        for spec, ok in results:
            params = ", ".join(f"{k}={list(v) if isinstance(v, tuple) else v}" for k, v in spec.params)
            lines.append(f"        {_mark(ok)} {spec.check}({params})")
    return lines


def _year_lines(rule: ItemRule, source: Source, ctx: JudgeContext) -> list[str]:
    years = years_of(source, ctx)
    fresh = judge_freshness(rule.freshness, years, ctx.fiscal_year)
    return [
        f"freshness: {rule.freshness.value} (as of {ctx.as_of}, fiscal year {ctx.fiscal_year})",
        f"  stated {sorted(years.stated)}, ranges {list(years.ranges)}, from dates {sorted(years.dated)}, "
        f"bare {sorted(years.plain)}",
        f"  required {fresh.required}, found {fresh.year_found}: {'ok' if fresh.ok else 'not ok'}",
    ]


def explain(rule: ItemRule, index: SiteIndex, url: str, as_of: dt.date) -> list[str]:
    source = index.source(url)
    if source is None:
        return [f"{url} is not among the stored pages and documents of site {index.snapshot.crawl.site.id}"]
    ctx = index.context(as_of)
    lines = [f"{rule.key} ({rule.name_th}) on {source.kind.value} {url} [{source.access.value}]"]
    if source.failure:
        lines.append(f"  not readable: {failure_th(source.failure)}")
    lines += _hint_lines(rule, index, source)
    lines += _element_lines(rule, source, ctx)
    lines += _year_lines(rule, source, ctx)
    finding = judge_source(rule, source, ctx)
    if finding is None:
        lines.append(f"this kind of source does not count for {rule.key} (accepted: {[k.value for k in rule.evidence]})")
    else:
        excluded = " (but excluded as a near miss)" if near_misses(rule, source) else ""
        lines.append(f"this source alone: {finding.status.value}{excluded} {', '.join(elements_th(finding.missing))}".rstrip())
    verdict = judge_key(rule, index, ctx)
    best = verdict.best.source.url if verdict.best else "none"
    lines.append(f"the item on this site: {verdict.status.value} (best evidence: {best})")
    lines.append(f"  as the reports word it: {item_finding_th(key_finding(verdict.status, verdict.best))}")
    return lines
