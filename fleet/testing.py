"""A running fleet for tests and benchmarks: the sites file, the specs served, truth and URLs.

``tests/conftest.py`` wraps these in pytest fixtures; benchmarks can use them directly.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fleet.server import FleetServer
from fleet.sets import ALIAS_OFFSET, DEMO_AS_OF, address, demo_set, sites_document, write_sites_file
from fleet.spec import Faults, SiteSpec
from fleet.truth import TruthEntry, truth_for
from store.records import Site

if TYPE_CHECKING:
    from store.connection import DbRef
    from store.db import Store

CUSTOM_BASE_IP = "127.0.3.0"  # small custom fleets of tests; the demo set uses 127.0.1.x
_custom_index = itertools.count(1)


@dataclass
class RunningFleet:
    server: FleetServer
    sites_file: Path

    @property
    def sites(self) -> list[SiteSpec]:
        return self.server.specs

    @property
    def as_of(self) -> dt.date:
        return self.server.as_of

    def site_records(self) -> list[Site]:
        """The sites as the crawler reads them from ``sites_file``."""
        return [
            Site(e["id"], e["name"], e["url"], e["type"], e["province"], e["district"], tuple(e.get("extra_hosts", ())))
            for e in sites_document(self.sites)["sites"]
        ]

    def spec(self, site_id: str) -> SiteSpec:
        return next(s for s in self.sites if s.id == site_id)

    def url(self, site_id: str, path: str = "/") -> str:
        """URL of ``path`` on the host that serves the site's content (after any host change)."""
        return self.spec(site_id).base_url + path

    def truth(self, as_of: dt.date | None = None) -> dict[str, dict[str, TruthEntry]]:
        """Truth per site id; ``as_of`` other than the served date describes a fleet served then."""
        return {spec.id: truth_for(spec, as_of or self.as_of) for spec in self.sites}

    def stop(self) -> None:
        self.server.stop()


def start_fleet(specs: list[SiteSpec], folder: Path, as_of: dt.date = DEMO_AS_OF) -> RunningFleet:
    """Serve ``specs`` on one free port and write their sites file into ``folder``."""
    server = FleetServer(specs, as_of, port=0).start()
    return RunningFleet(server, write_sites_file(server.specs, folder / "sites.yaml"))


def start_demo(folder: Path) -> RunningFleet:
    return start_fleet(demo_set(), folder)


def custom_site(
    site_id: str, family: str = "lao_vendor", profile: str = "good", faults: Faults | None = None, **fields: Any
) -> SiteSpec:
    """A one-off site on its own fresh address (127.0.3.x), e.g. to test a fault mode."""
    index = next(_custom_index)
    return SiteSpec(
        id=site_id,
        index=index,
        seed=fields.pop("seed", 1),
        family=family,
        profile=profile,
        ip=address(CUSTOM_BASE_IP, index),
        port=0,
        alias_ip=address(CUSTOM_BASE_IP, ALIAS_OFFSET + index),
        faults=faults or Faults(),
        **fields,
    )


def crawl_into_store(
    sites_file: Path,
    folder: Path,
    as_of: dt.date | None = None,
    processes: int = 1,
    timeout: float = 240,
    ocr: bool = False,
    db: DbRef | None = None,
    crawl_args: tuple[str, ...] = (),
) -> tuple[Store, int]:
    """Crawl the sites of ``sites_file`` with the real crawler (politeness off) into a new store in
    ``folder`` (or ``db``; more crawler options in ``crawl_args``) and read their documents, without OCR
    (fast) unless asked, with OCR through a fresh document cache in ``folder``: the store and the run id."""
    from crawler.launch import CrawlJob, run_crawl
    from crawler.sites import load_sites
    from documents.cache import DocumentCache
    from documents.process import process_run
    from evaluate.ruleset import focus_terms
    from store.db import Store

    store = Store(db or folder / "oit.sqlite")
    run_id = store.begin_run("test", as_of=as_of.isoformat() if as_of else "")
    store.register_sites(run_id, load_sites(sites_file))
    job = CrawlJob(store.path, run_id, processes, folder / "logs", ("--no-politeness", *crawl_args), focus_terms=focus_terms())
    outcome = run_crawl(job, time_limit=timeout)
    assert not outcome.timed_out and outcome.returncodes == [0] * processes, f"crawl failed (logs in {folder / 'logs'})"
    if ocr:
        with DocumentCache(folder / "documents.sqlite") as cache:
            process_run(store, run_id, workers=2, cache=cache)
    else:
        process_run(store, run_id, workers=2, ocr=False)
    return store, run_id
