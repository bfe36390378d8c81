"""Subprocess entry: ``python -m crawler --db PATH --run-id N [--sites FILE] [--site-ids ID,...] [--shard I/N]
[--budget K] [--site-time-limit S] [--settings config/crawl.yaml] [--focus-terms FILE] [--no-politeness]``.
One crawl per process (Twisted cannot restart); crawler/launch.py starts them.

Without ``--sites`` the process crawls the sites registered in the run: the parent (``oit crawl``,
``oit run``) reads and checks the sites file once, so every shard crawls the same list even if the
file is edited meanwhile, and no shard pays the YAML parse (30 MB of peak memory at 5,000 sites)."""

from __future__ import annotations

import argparse
import sys

from crawler.priority import read_focus_terms
from crawler.process import crawl_into_run, shard_of
from crawler.settings import load_config
from crawler.sites import load_sites
from oit.errors import UserError
from oit.lifetime import die_with_parent
from store.db import Store, describe_db
from store.records import Site


def parse_shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected I/N, got {text!r}") from None
    if not 0 <= index < count:
        raise argparse.ArgumentTypeError(f"shard index must be 0..{count - 1}")
    return index, count


def registered_sites(db: str, run_id: int) -> list[Site]:
    with Store(db) as store:
        sites = store.run_sites(run_id)
    if not sites:
        raise UserError(f"run {run_id} has no sites registered in {describe_db(db)}; give --sites FILE")
    return sites


def select_sites(sites: list[Site], ids: str | None) -> list[Site]:
    """The sites named by ``--site-ids`` (a distributed crawl task's batch), in the run's order."""
    if ids is None:
        return sites
    wanted = set(ids.split(","))
    unknown = wanted - {site.id for site in sites}
    if unknown:
        raise UserError(f"--site-ids: not sites of this run: {', '.join(sorted(unknown))}")
    return [site for site in sites if site.id in wanted]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crawler", description="Crawl sites into an existing run.")
    parser.add_argument("--sites", help="sites file (YAML or CSV); default: the sites registered in the run")
    parser.add_argument("--db", required=True, help="the store, a SQLite file or a postgresql:// URL")
    parser.add_argument("--run-id", type=int, required=True)
    parser.add_argument("--shard", type=parse_shard, default=(0, 1), help="I/N: crawl every N-th site from I")
    parser.add_argument("--site-ids", metavar="ID,...", help="crawl only these sites of the run (comma-separated)")
    parser.add_argument("--budget", type=int, help="pages per site (overrides the settings file)")
    parser.add_argument(
        "--site-time-limit", type=float, metavar="SECONDS", help="close a site still crawling after this long (status time_limit)"
    )
    parser.add_argument("--settings", help="crawl settings YAML (default config/crawl.yaml)")
    parser.add_argument("--no-politeness", action="store_true", help="no delays (own loopback fleet only)")
    parser.add_argument("--plain-order", action="store_true", help="breadth-first only, no focused order")
    parser.add_argument(
        "--focus-terms",
        metavar="FILE",
        help="JSON list of the rule sets' phrases to fetch first (default: the built-in terms only)",
    )
    parser.add_argument("--log-level", default="INFO")
    return parser


def main(argv: list[str] | None = None) -> int:
    die_with_parent()  # started by oit run / oit crawl: a killed parent must not leave crawls running
    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.settings).with_overrides(
            page_budget=args.budget,
            politeness=False if args.no_politeness else None,
            focused=False if args.plain_order else None,
            site_time_limit=args.site_time_limit,
        )
        listed = load_sites(args.sites) if args.sites else registered_sites(args.db, args.run_id)
        sites = shard_of(select_sites(listed, args.site_ids), *args.shard)
        terms = read_focus_terms(args.focus_terms) if args.focus_terms else []
        counts = crawl_into_run(sites, args.db, args.run_id, config, focus_terms=terms, log_level=args.log_level)
    except (UserError, ValueError) as exc:
        print(f"crawler: {exc}", file=sys.stderr)
        return 2
    print(f"crawled {counts['done']}/{counts['sites']} sites, {counts['pages']} pages, {counts['failed']} not ok")
    if counts["done"] < counts["sites"]:  # stopped early, or Scrapy failed: the sites left are not done
        print("crawler: stopped before every site was crawled; rerun the same command to resume", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
