"""What changed between runs, item by item. Pure functions over RunResults (history oldest first),
and the history of a run read from the store.

Items are matched by stable key (any shared key, for items merged in one year and split in another),
never by the year's code, which moves every year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from evaluate.verdicts import ItemStatus, ItemVerdict, RunResult, SiteResult

if TYPE_CHECKING:
    from store.db import RunInfo, Store


HISTORY_RUNS = 12  # earlier published runs a report shows (timelines, changes), read from the store


class ChangeKind(StrEnum):
    NEWLY_PASSING = "newly_passing"
    LINK_BROKEN = "link_broken"  # passed before, its evidence link now fails
    EVIDENCE_GONE = "evidence_gone"  # passed before, nothing found now
    NEWLY_FAILING = "newly_failing"  # passed before, now stale, incomplete or unverifiable
    EVIDENCE_URL_GONE = "evidence_url_gone"  # still passing, but the URL given before is no longer evidence
    STATUS_CHANGED = "status_changed"  # failing before and after, for another reason
    NEW_ITEM = "new_item"  # not judged in the previous run


@dataclass(frozen=True, slots=True)
class Change:
    key: str
    code: str
    name_th: str
    kind: ChangeKind
    before: ItemStatus | None
    after: ItemStatus
    urls_gone: tuple[str, ...] = ()  # evidence URLs of the previous run missing now


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    run_id: int
    as_of: str
    status: ItemStatus | None  # None: the item was not in that run's rule set


@dataclass(frozen=True, slots=True)
class Timeline:
    key: str
    code: str
    name_th: str
    points: tuple[TimelinePoint, ...]  # oldest first, the current run last


def find_site(run: RunResult, site_id: str) -> SiteResult | None:
    return next((s for s in run.sites if s.id == site_id), None)


def previous_judged_site(history: list[RunResult], site_id: str) -> tuple[RunResult, SiteResult] | None:
    """The latest earlier run in which the site was reachable and judged."""
    for run in reversed(history):
        site = find_site(run, site_id)
        if site is not None and site.status == "ok":
            return run, site
    return None


def _index_by_key(items: list[ItemVerdict]) -> dict[str, ItemVerdict]:
    index: dict[str, ItemVerdict] = {}
    for item in items:
        for key in item.keys or [item.key]:
            index.setdefault(key, item)
    return index


def _match(index: dict[str, ItemVerdict], item: ItemVerdict) -> ItemVerdict | None:
    return next((index[k] for k in (item.keys or [item.key]) if k in index), None)


def _classify(before: ItemVerdict | None, after: ItemVerdict) -> tuple[ChangeKind, tuple[str, ...]] | None:
    if before is None:
        return ChangeKind.NEW_ITEM, ()
    urls_gone = tuple(e.url for e in before.evidence if e.url not in {a.url for a in after.evidence})
    was, now = before.status, after.status
    if was == now:
        if now is ItemStatus.PASS and before.evidence and before.evidence[0].url in urls_gone:
            return ChangeKind.EVIDENCE_URL_GONE, urls_gone
        return None
    if now is ItemStatus.PASS:
        return ChangeKind.NEWLY_PASSING, ()
    if was is ItemStatus.PASS:
        kind = {ItemStatus.BROKEN: ChangeKind.LINK_BROKEN, ItemStatus.MISSING: ChangeKind.EVIDENCE_GONE}
        return kind.get(now, ChangeKind.NEWLY_FAILING), urls_gone
    return ChangeKind.STATUS_CHANGED, urls_gone


def site_changes(previous: SiteResult | None, current: SiteResult) -> list[Change]:
    """Item changes of a site since a previous judged result; none when either was not judged."""
    if previous is None or previous.status != "ok" or current.status != "ok":
        return []
    index = _index_by_key(previous.items)
    changes = []
    for item in current.items:
        if item.status is ItemStatus.NOT_JUDGED:
            continue
        before = _match(index, item)
        classified = _classify(before, item)
        if classified:
            kind, urls_gone = classified
            changes.append(
                Change(item.key, item.code, item.name_th, kind, before.status if before else None, item.status, urls_gone)
            )
    return changes


def item_timelines(history: list[RunResult], current: RunResult, site_id: str) -> list[Timeline]:
    """Each current item's status in every run of ``history`` + ``current`` that has the site."""
    site = find_site(current, site_id)
    if site is None:
        return []
    runs = [(run, find_site(run, site_id)) for run in [*history, current]]
    indexes = [(run, _index_by_key(s.items)) for run, s in runs if s is not None]
    timelines = []
    for item in site.items:
        points = []
        for run, index in indexes:
            match = _match(index, item)
            points.append(TimelinePoint(run.run_id, run.as_of, match.status if match else None))
        timelines.append(Timeline(item.key, item.code, item.name_th, tuple(points)))
    return timelines


def failing_since(timeline: Timeline) -> TimelinePoint | None:
    """The first run of the current unbroken stretch of failures (None when passing now)."""
    since = None
    for point in reversed(timeline.points):
        if point.status is None or point.status is ItemStatus.NOT_JUDGED:
            continue
        if point.status is ItemStatus.PASS:
            break
        since = point
    return since


def score_history(history: list[RunResult], current: RunResult, site_id: str) -> list[tuple[str, float]]:
    """(as_of, predicted score) of every run of ``history`` + ``current`` that judged the site."""
    points = []
    for run in [*history, current]:
        site = find_site(run, site_id)
        if site is not None and site.status == "ok" and site.score is not None:
            points.append((run.as_of, site.score))
    return points


History = list[RunResult] | Callable[[str], list[RunResult]] | None


def per_site(history: History, current_run_id: int) -> Callable[[str], list[RunResult]]:
    """One site's earlier runs, oldest first and without the current one, from either form of
    history: whole earlier results, or a function giving one site's (``StoredHistory.for_site``)."""
    if callable(history):
        return lambda site_id: [h for h in history(site_id) if h.run_id != current_run_id]
    runs = [h for h in history or [] if h.run_id != current_run_id]  # the run itself is not its own past
    return lambda site_id: runs


class StoredHistory:
    """Earlier judged runs, read from the store's verdicts one site at a time: memory stays flat
    whatever the number of sites and runs (whole results.json files of 8,300 sites are ~440 MB each)."""

    def __init__(self, store: Store, runs: list[RunInfo]):
        self.store = store
        self.runs = sorted(runs, key=lambda run: run.id)  # oldest first

    def for_site(self, site_id: str) -> list[RunResult]:
        """The site's history as one-site RunResults, oldest first (what the functions above take)."""
        briefs = self.store.site_verdicts(site_id, [run.id for run in self.runs])
        return [
            RunResult(run.id, run.as_of, run.ruleset, sites=[SiteResult.from_brief(site_id, briefs[run.id])])
            for run in self.runs
            if run.id in briefs
        ]

    def latest(self) -> RunResult | None:
        """The newest earlier run with every site, in brief (the e-mails' "what changed")."""
        if not self.runs:
            return None
        run = self.runs[-1]
        return RunResult(
            run.id,
            run.as_of,
            run.ruleset,
            sites=[SiteResult.from_brief(site_id, brief) for site_id, brief in self.store.run_verdicts(run.id)],
        )


def stored_result(store: Store, run: RunInfo) -> RunResult:
    """A judged run as the store keeps it: every site in brief, named from the sites table, each item
    with its code and Thai name from the run's rule set (the reminders' open items; no published
    results.json is read back)."""
    from evaluate.stored import run_ruleset

    ruleset = run_ruleset(run)
    names = {item.keys[0]: (item.code, item.name_th) for item in ruleset.items}
    sites = {site.id: site for site in store.sites()}
    return RunResult(
        run.id,
        run.as_of,
        run.ruleset,
        pass_mark=ruleset.pass_mark,
        ruleset_title=ruleset.title_th,
        sites=[SiteResult.from_brief(site_id, brief, names, sites.get(site_id)) for site_id, brief in store.run_verdicts(run.id)],
    )
