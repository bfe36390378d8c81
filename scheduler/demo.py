"""``oit demo``: serve the sample SAO sites on loopback and run the whole job on them.

Everything stays on this machine (127.0.1.x addresses, a free port), and the content is written
for the demo's fixed as-of date, so the output is the same on every machine and every day.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from oit.errors import UserError
from scheduler.config import RunSettings
from scheduler.pipeline import RunOutcome, RunRequest, run_once

logger = logging.getLogger(__name__)

DEMO_TIME_LIMIT = 15 * 60.0  # seconds: the demo must never hang a fresh machine


def demo_request(folder: Path, sites: Path, as_of, formats: frozenset[str] | None) -> RunRequest:
    settings = RunSettings(sites=sites, db=folder / "oit.sqlite", out=folder / "reports", logs=folder / "logs")
    return RunRequest.from_settings(
        settings,
        as_of=as_of,
        kind="demo",
        formats=formats,
        crawl_time_limit=DEMO_TIME_LIMIT,
        stop_grace=20.0,
        crawl_args=("--no-politeness",),  # our own sites on loopback: no need to wait between requests
    )


def run_demo(folder: Path, *, formats: frozenset[str] | None, stop: threading.Event) -> RunOutcome:
    from fleet.server import FleetServer
    from fleet.sets import DEMO_AS_OF, demo_set, write_sites_file

    server = FleetServer(demo_set(), DEMO_AS_OF, port=0)  # port 0: any free port, the addresses are ours
    try:
        server.start()
    except OSError as exc:
        raise UserError(f"cannot serve the sample sites on loopback: {exc}") from None
    try:
        sites = write_sites_file(server.specs, folder / "sites.yaml")
        print(
            f"serving {len(server.specs)} sample sites on 127.0.1.x:{server.specs[0].port}; "
            f"judging them as of {DEMO_AS_OF} (crawl logs in {folder / 'logs'})",
            flush=True,
        )
        return run_once(demo_request(folder, sites, DEMO_AS_OF, formats), stop=stop)
    finally:
        server.stop()
