"""``oit documents``: parse the pending documents of a crawl run (the post-crawl step)."""

from __future__ import annotations

import argparse
from pathlib import Path

from documents.cache import DEFAULT_CACHE_PATH, DocumentCache
from documents.extract import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S
from documents.process import process_run
from oit.errors import UserError
from store.connection import db_exists, db_ref, describe_db


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "documents",
        help="extract text and facts from a run's downloaded documents (PDF with OCR, DOCX, XLSX)",
    )
    parser.add_argument("--db", type=db_ref, required=True, help="the store, a SQLite file or a postgresql:// URL")
    parser.add_argument("--run", type=int, help="run id (default: the latest run)")
    parser.add_argument("--workers", type=_positive_int, default=2, help="parallel parsers (default: 2, one per core)")
    parser.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages (they stay image_only)")
    parser.add_argument(
        "--max-pages",
        type=_positive_int,
        default=DEFAULT_MAX_PAGES,
        help=f"OCR at most this many pages per document (default: {DEFAULT_MAX_PAGES})",
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT_S, help=f"seconds allowed per document (default: {DEFAULT_TIMEOUT_S:g})"
    )
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE_PATH, help=f"extraction cache by content hash (default: {DEFAULT_CACHE_PATH})"
    )
    parser.set_defaults(func=run_command)


def run_command(args: argparse.Namespace) -> int:
    from store.db import Store

    if not db_exists(args.db):
        raise UserError(f"{describe_db(args.db)}: no such database")
    with Store(args.db) as store, DocumentCache(args.cache) as cache:
        run_id = args.run
        if run_id is None:
            latest = store.runs(1)
            if not latest:
                raise UserError(f"{describe_db(args.db)}: no runs yet")
            run_id = latest[0].id
        elif store.run(run_id) is None:
            raise UserError(f"{describe_db(args.db)}: no run {run_id}")
        stats = process_run(
            store,
            run_id,
            args.workers,
            cache=cache,
            ocr=not args.no_ocr,
            max_pages=args.max_pages,
            timeout_s=args.timeout,
        )
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(stats.by_status.items())) or "none"
    print(
        f"run {run_id}: {stats.documents} documents ({stats.unique} distinct): {stats.parsed} parsed, "
        f"{stats.from_cache} from cache ({stats.cache_share:.0%}), {stats.ocr_pages} pages OCR'd, "
        f"{stats.seconds:.1f} s; {statuses}"
    )
    return 0
