"""``oit worker``: one Celery worker of the distributed engine (``oit run --engine celery`` is the
coordinator, scheduler/cli.py). It needs only the broker: the database travels with each task."""

from __future__ import annotations

import argparse
import os

from oit.errors import UserError

QUEUE_NAMES = ("crawl", "documents", "judge")  # distributed.app.QUEUES, without importing Celery here


def register(sub: argparse._SubParsersAction) -> None:
    worker = sub.add_parser("worker", help="run the crawl, document and judge tasks of distributed runs (a Celery worker)")
    worker.add_argument("--broker", required=True, metavar="URL", help="Redis broker, redis://HOST:PORT/N")
    worker.add_argument(
        "--queues",
        default=",".join(QUEUE_NAMES),
        help="comma-separated queues to take tasks from (default: all; e.g. documents for an OCR machine)",
    )
    worker.add_argument("--concurrency", type=int, default=0, metavar="N", help="tasks at once (default: one per core)")
    worker.add_argument("--name", help="worker name shown in the run's progress (default: celery@HOST)")
    worker.add_argument(
        "--visibility-timeout",
        type=float,
        metavar="SECONDS",
        help="how long a task taken by a worker that died stays invisible before it is delivered again "
        "(default 2 hours; it must be longer than a crawl batch's time limit, which the worker checks)",
    )
    worker.set_defaults(func=_worker)


def _worker(args: argparse.Namespace) -> int:
    from distributed.app import DEFAULT_VISIBILITY_TIMEOUT, configure

    queues = [q.strip() for q in args.queues.split(",") if q.strip()]
    unknown = set(queues) - set(QUEUE_NAMES)
    if unknown or not queues:
        raise UserError(f"--queues: expected some of {', '.join(QUEUE_NAMES)}, got {args.queues!r}")
    if args.concurrency < 0:
        raise UserError("--concurrency: expected a positive number")
    app = configure(args.broker, args.visibility_timeout or DEFAULT_VISIBILITY_TIMEOUT)
    argv = [
        "worker",
        f"--queues={','.join(queues)}",
        f"--concurrency={args.concurrency or os.cpu_count() or 1}",
        "--pool=prefork",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
    ]
    if args.name:
        argv.append(f"--hostname={args.name}@%h")
    app.worker_main(argv)
    return 0
