"""``oit bench ...``: benchmark commands. Each benchmark module registers its own subcommand."""

from __future__ import annotations

import argparse
import importlib

BENCH_MODULES = [
    "bench.crawl",
    "bench.documents",
    "bench.evaluate",
    "bench.accuracy",
    "bench.realpages",
    "bench.reports",
    "bench.page",
    "bench.scale",
]


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bench", help="measure throughput, memory and accuracy (numbers quoted in the README)")
    bench_sub = parser.add_subparsers(dest="bench", metavar="BENCHMARK", required=True)
    for name in BENCH_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(bench_sub)
