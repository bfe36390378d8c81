"""The ``oit`` command. Each stage registers its own subcommands from its ``cli`` module,
so a reader finds a command's code in the folder of the stage it belongs to."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from oit.errors import UserError

# Modules that contribute subcommands, in the order of the data flow.
COMMAND_MODULES = [
    "fleet.cli",  # oit fleet serve / list / truth / probe (sample sites)
    "crawler.cli",  # oit crawl
    "documents.cli",  # oit documents (text and facts of downloaded documents)
    "evaluate.cli",  # oit evaluate, oit rules lint/test/explain
    "reports.cli",  # oit report
    "scheduler.cli",  # oit run, oit demo, oit schedule, oit runs
    "bench.cli",  # oit bench crawl/evaluate/accuracy/reports
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oit",
        description="Check SAO websites against the ITA/OIT items and write gap reports "
        "(ตรวจเว็บไซต์ อปท. ตามเกณฑ์ OIT และจัดทำรายงานมาตรการ)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import error inside the module: surface it
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # The sample fleet renders its PDFs with WeasyPrint, which logs every page at INFO.
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"oit: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
