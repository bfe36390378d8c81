"""The ``oit`` command. Each stage registers its own subcommands from its ``cli`` module,
so a reader finds a command's code in the folder of the stage it belongs to."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
from pathlib import Path

from oit.errors import UserError
from oit.paths import CONFIG_DIR_ENV, RULES_DIR_ENV

# Modules that contribute subcommands, in the order of the data flow.
COMMAND_MODULES = [
    "fleet.cli",  # oit fleet serve / list / truth / probe (sample sites)
    "scheduler.crawl",  # oit crawl (above the crawler: it takes the focus terms from the rule sets)
    "documents.cli",  # oit documents (text and facts of downloaded documents)
    "evaluate.cli",  # oit evaluate, oit rules lint/test/explain
    "reports.cli",  # oit report
    "scheduler.cli",  # oit run, oit demo, oit schedule, oit runs
    "distributed.cli",  # oit worker (oit run --engine celery is in scheduler.cli)
    "bench.cli",  # oit bench crawl/evaluate/accuracy/reports
]


def _folder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config-dir",
        type=Path,
        metavar="DIR",
        help=f"the settings, sites and overrides (default ${CONFIG_DIR_ENV}, else ./config; a "
        "settings file not there is taken from the packaged defaults)",
    )
    parser.add_argument(
        "--rules-dir", type=Path, metavar="DIR", help=f"the rule sets (default ${RULES_DIR_ENV}, else the packaged rules)"
    )


def use_folders(argv: list[str] | None) -> None:
    """Apply --config-dir and --rules-dir before any command module is imported (they read the
    folders at import), through the environment, so the run's crawl processes read them too."""
    pre = argparse.ArgumentParser(add_help=False, allow_abbrev=False)  # "run --config F" is no --config-dir
    _folder_options(pre)
    known, _ = pre.parse_known_args(argv)
    for value, name in ((known.config_dir, CONFIG_DIR_ENV), (known.rules_dir, RULES_DIR_ENV)):
        if value is not None:
            os.environ[name] = str(value.resolve())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oit",
        allow_abbrev=False,
        description="Check SAO websites against the ITA/OIT items and write gap reports "
        "(ตรวจเว็บไซต์ อปท. ตามเกณฑ์ OIT และจัดทำรายงานมาตรการ)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    _folder_options(parser)
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
    use_folders(argv)
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
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # here, not at exit, so that a closed pipe is caught below
        return code
    except UserError as exc:
        print(f"oit: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `oit runs | head`: the reader has all it wanted
        # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
