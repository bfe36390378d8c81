"""``oit bench evaluate``: how fast a stored crawl is judged again (pages per second per core).

The sites of a real crawl of the sample fleet (or of ``--from-db``) are copied into a fresh store
under new ids until there are ``--sites`` of them (1,000 by default), then the whole run is judged
with ``evaluate_run`` — reading the store included — and once more from snapshots already in
memory (the engine alone). The process is single-threaded, so CPU seconds are core seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import tempfile
import time
from pathlib import Path

from evaluate.engine import compile_rules, evaluate_run, evaluate_site
from evaluate.ruleset import load_ruleset
from store.records import Site, SiteSnapshot

DEFAULT_SITES = 1000


def _clone(snapshot: SiteSnapshot, copy: int, run_id: int):
    """The snapshot as another site: new id, every record re-keyed (URLs stay: they are per site)."""
    from store.db import SiteCrawlResult

    site = snapshot.crawl.site
    new_site = Site(
        id=f"{site.id}-{copy:04d}",
        name=f"{site.name} {copy}",
        url=site.url,
        type=site.type,
        province=site.province,
        district=site.district,
    )
    crawl = dataclasses.replace(snapshot.crawl, run_id=run_id, site=new_site)
    pages = [dataclasses.replace(p, site_id=new_site.id) for p in snapshot.pages]
    documents = [dataclasses.replace(d, site_id=new_site.id) for d in snapshot.documents]
    return SiteCrawlResult(crawl=crawl, pages=pages, documents=documents)


def build_store(source_db: Path, source_run: int | None, target: Path, sites: int) -> tuple[int, int]:
    """Fill ``target`` with ``sites`` copies of the source run's reachable sites; returns (run id, pages)."""
    from store.db import Store

    source = Store(source_db)
    run = source.run(source_run) if source_run is not None else next(iter(source.runs(limit=1)), None)
    if run is None:
        raise SystemExit(f"{source_db}: no run {source_run if source_run is not None else 'at all'}")
    snapshots = [s for s in source.snapshots(run.id) if s.crawl.status.reachable and s.pages]
    if not snapshots:
        raise SystemExit(f"{source_db}: run {run.id} has no reachable site to copy")
    store = Store(target)
    run_id = store.begin_run("bench-evaluate", as_of=run.as_of)
    results = [_clone(snapshots[i % len(snapshots)], i, run_id) for i in range(sites)]
    store.register_sites(run_id, [r.crawl.site for r in results])
    for result in results:
        store.save_site(result)
    store.finish_run(run_id, "complete")
    return run_id, sum(len(r.pages) for r in results)


def measure(db: Path, run_id: int, ruleset_name: str | None, as_of: dt.date) -> list[str]:
    from store.db import Store

    store = Store(db)
    ruleset = load_ruleset(ruleset_name)
    compile_rules(ruleset)  # once per rule set: not part of judging a site
    wall, cpu = time.perf_counter(), time.process_time()
    result = evaluate_run(store, run_id, ruleset, as_of)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    snapshots = list(store.snapshots(run_id))
    pages = sum(len(s.pages) for s in snapshots)
    documents = sum(len(s.documents) for s in snapshots)
    engine_wall, engine_cpu = time.perf_counter(), time.process_time()
    for snapshot in snapshots:
        evaluate_site(snapshot, ruleset, as_of)
    engine_wall, engine_cpu = time.perf_counter() - engine_wall, time.process_time() - engine_cpu
    return [
        f"{len(result.sites)} sites, {pages} pages, {documents} documents; rule set {ruleset.name} "
        f"({len(ruleset.items)} items), as of {as_of}",
        f"store + engine (evaluate_run): {wall:.1f} s wall, {cpu:.1f} s CPU -> {pages / cpu:,.0f} pages/s per core",
        f"engine only (snapshots in memory): {engine_wall:.1f} s wall, {engine_cpu:.1f} s CPU -> "
        f"{pages / engine_cpu:,.0f} pages/s per core ({1000 * engine_cpu / len(snapshots):.1f} ms per site)",
    ]


def _command(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="oit-bench-evaluate-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        source_db, source_run = args.from_db, args.run
        if source_db is None:
            from bench.accuracy import crawl_fleet

            print("crawling the sample fleet to have a real stored crawl to copy ...", flush=True)
            fleet, _, source_run = crawl_fleet(folder / "fleet", reuse=True)
            fleet.stop()
            source_db = folder / "fleet" / "oit.sqlite"
        target = folder / "bench-evaluate.sqlite"
        target.unlink(missing_ok=True)
        run_id, _ = build_store(source_db, source_run, target, args.sites)
        as_of = args.as_of or dt.date(2026, 11, 22)
        print("\n".join(measure(target, run_id, args.ruleset, as_of)))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("evaluate", help="pages/s when judging a stored crawl of >= 1,000 sites again")
    parser.add_argument("--sites", type=int, default=DEFAULT_SITES, help="sites in the store (default: %(default)s)")
    parser.add_argument("--from-db", type=Path, help="copy the sites of this stored crawl (default: crawl the fleet)")
    parser.add_argument("--run", type=int, help="run of --from-db to copy (default: its latest)")
    parser.add_argument("--ruleset", help="rule set (default: the newest)")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, help="judging date (default: 2026-11-22)")
    parser.add_argument("--keep", help="keep the stores in this directory")
    parser.set_defaults(func=_command)
