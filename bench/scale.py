"""``oit bench scale``: the same generated fleet through the embedded engine and through Celery
workers, in one invocation.

The fleet (``--sites`` generated sites, documents included: text PDFs, scans that need OCR, office
files) is served on loopback by this process. Every configuration runs the whole job as the
command a user types, in a folder of its own (its own document-text cache, so each one reads
every document again):

  - ``embedded``: ``oit run`` on SQLite, no Redis;
  - ``celery-N``: ``oit run --engine celery`` on a fresh database of a throwaway PostgreSQL, with a
    throwaway Redis as the broker and N worker processes (``oit worker --concurrency 1`` each).

Per configuration: wall seconds, sites/hour, documents/hour, OCR pages/hour, CPU seconds of every
process the job uses (the coordinator and what it starts, the workers and what they start, the
PostgreSQL and Redis servers) and their peak memory; then the overhead of the queue and
PostgreSQL per site (CPU a site of ``celery-1`` minus the embedded engine's) and whether every
configuration published the same verdicts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
import yaml

from bench.crawl import _children_cpu, _rss
from oit.lifetime import PROJECT_ROOT
from oit.paths import CONFIG_DIR_ENV, config_file
from oit.yamlfile import load_yaml
from scheduler.publish import CURRENT
from store.db import Store

WORKER_READY_TIMEOUT = 120.0  # seconds for a worker to connect to the broker
SAMPLE_SECONDS = 1.0
READ_METHODS = ("text_layer", "ocr", "office")  # store.records.DocumentRecord.method of a document read
DOCUMENT_WORKERS = 2  # the embedded engine's documents step (scheduler.pipeline.default_stages)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("scale", help="the embedded engine against Celery workers on PostgreSQL, on one generated fleet")
    parser.add_argument("--sites", type=int, default=2000, help="generated sites (default %(default)s)")
    parser.add_argument("--workers", type=_counts, default=(1, 2, 4), help="worker processes to compare (default 1,2,4)")
    parser.add_argument("--budget", type=int, default=10, help="pages per site (default %(default)s)")
    parser.add_argument("--documents", type=int, default=2, help="documents per site (default %(default)s)")
    parser.add_argument(
        "--document-sites",
        type=float,
        default=0.1,
        help="share of the sites that serve their documents, the others answer 404 (default %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("var/bench/scale.json"), help="results file (default %(default)s)")
    parser.add_argument("--work", type=Path, help="working folder, kept (default: a temporary folder, removed)")
    parser.set_defaults(func=bench_scale)


def _counts(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"expected positive numbers, got {text!r}")
    return counts


# -- the job's inputs ----------------------------------------------------------------------------


def crawl_settings(path: Path, pages: int, documents: int) -> Path:
    """config/crawl.yaml with politeness off (our own loopback fleet) and a small budget per site,
    so a pass over thousands of sites takes minutes."""
    data = load_yaml(config_file("crawl.yaml")).data or {}
    data.setdefault("budget", {}).update(pages=pages, documents=documents)
    data.setdefault("politeness", {})["enabled"] = False
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def run_settings(folder: Path, sites: Path, crawl: Path) -> Path:
    """A schedule.yaml for one configuration: its own store, reports and logs; JSON reports only
    (results.json is what the configurations are compared by; the formats cost the same in both
    engines, they are written by the coordinator)."""
    path = folder / "schedule.yaml"
    run = {
        "sites": str(sites),
        "db": str(folder / "oit.sqlite"),
        "out": str(folder / "reports"),
        "logs": str(folder / "logs"),
        "crawl_settings": str(crawl),
        "formats": ["json"],
        "crawl_time_limit_minutes": 600,
    }
    path.write_text(yaml.safe_dump({"run": run}), encoding="utf-8")
    return path


# -- measuring a set of processes ------------------------------------------------------------------


def tree_cpu(pid: int) -> float:
    """CPU seconds of a server process and everything it started, the children it has reaped
    included (a PostgreSQL backend that has exited counts in its postmaster's children times)."""
    try:
        root = psutil.Process(pid)
        total = 0.0
        for proc in [root, *root.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
        return total
    except psutil.Error:
        return 0.0


def listening_pid(url: str) -> int:
    """The process listening on the loopback port of ``url`` (the throwaway servers)."""
    port = urlsplit(url).port
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            return conn.pid
    raise RuntimeError(f"no process listens on port {port} ({url})")


@dataclass
class Watch:
    """Peak memory of this process's children and of the given servers, sampled while a
    configuration runs; the servers' CPU is read from their own counters."""

    servers: tuple[int, ...] = ()
    peak_rss: int = 0
    cpu_before: float = field(default=0.0, init=False)
    servers_before: float = field(default=0.0, init=False)

    def start(self) -> None:
        self.cpu_before = _children_cpu()
        self.servers_before = sum(tree_cpu(pid) for pid in self.servers)

    def sample(self) -> None:
        procs = {p.pid: p for p in psutil.Process().children(recursive=True)}
        for pid in self.servers:
            try:
                server = psutil.Process(pid)
                procs.update({p.pid: p for p in [server, *server.children(recursive=True)]})
            except psutil.Error:
                pass
        self.peak_rss = max(self.peak_rss, sum(_rss(p) for p in procs.values()))

    def cpu(self) -> dict[str, float]:
        """CPU seconds since ``start``: the reaped children (call after they exited) and the servers."""
        children = _children_cpu() - self.cpu_before
        servers = sum(tree_cpu(pid) for pid in self.servers) - self.servers_before
        return {"cpu_seconds": round(children + servers, 1), "cpu_seconds_servers": round(servers, 1)}


# -- one configuration -------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    # Every process reads the project's settings and rules wherever its working folder is.
    return {**os.environ, CONFIG_DIR_ENV: os.environ.get(CONFIG_DIR_ENV) or str(PROJECT_ROOT / "config")}


def oit_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "oit", *args]


@contextmanager
def workers(folder: Path, broker: str, count: int) -> Iterator[list[subprocess.Popen]]:
    """``count`` worker processes, each in a folder of its own (its own document-text cache, as on
    another machine); stopped (warm shutdown) and reaped on exit, so their CPU is counted."""
    procs: list[subprocess.Popen] = []
    try:
        for index in range(count):
            home = folder / f"worker-{index + 1}"
            home.mkdir(parents=True)
            log = home / "worker.log"
            procs.append(
                subprocess.Popen(
                    oit_command("worker", "--broker", broker, "--concurrency", "1", "--name", f"{folder.name}-{index + 1}"),
                    cwd=home,
                    env=child_env(),
                    stdout=log.open("w"),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        for proc, index in zip(procs, range(count), strict=True):
            _wait_ready(proc, folder / f"worker-{index + 1}" / "worker.log")
        yield procs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _wait_ready(proc: subprocess.Popen, log: Path) -> None:
    """Until the worker logs that it is ready (connected to the broker, consuming)."""
    deadline = time.monotonic() + WORKER_READY_TIMEOUT
    while " ready." not in log.read_text(encoding="utf-8", errors="replace"):
        if proc.poll() is not None:
            raise RuntimeError(f"worker exited with {proc.returncode}: see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"worker not ready after {WORKER_READY_TIMEOUT:.0f} s: see {log}")
        time.sleep(0.2)


def run_job(folder: Path, command: list[str], watch: Watch) -> dict[str, Any]:
    """Run one ``oit run`` to its end, sampling memory; wall seconds and exit code."""
    log = folder / "run.log"
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=folder, env=child_env(), stdout=out, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            watch.sample()
            try:
                proc.wait(timeout=SAMPLE_SECONDS)
            except subprocess.TimeoutExpired:
                pass
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {proc.returncode}: see {log}")
    return {"seconds": round(seconds, 1), "exit_code": proc.returncode}


def job_counts(db: str) -> dict[str, int]:
    """Sites, pages and documents (links to documents, the dead ones included) of the store's last
    run; the distinct documents read (text layer, OCR, office files) and the pages OCR read (a
    document linked twice is read once)."""
    with Store(db) as store:
        run = store.last_finished_run()
        if run is None:
            raise RuntimeError(f"no finished run in {db}")
        progress = store.progress(run.id)
        read: dict[str, str] = {}
        ocr: dict[str, int] = {}
        for snap in store.snapshots(run.id):
            for doc in snap.documents:
                if doc.method in READ_METHODS:
                    read[doc.content_hash] = doc.method
                if doc.method == "ocr":
                    ocr[doc.content_hash] = doc.pages_read
    return {
        "run_id": run.id,
        "sites": progress["sites"],
        "sites_not_ok": progress["failed"],
        "pages": progress["pages"],
        "documents": progress["documents"],
        "documents_read": len(read),
        "ocr_documents": len(ocr),
        "ocr_pages": sum(ocr.values()),
    }


# The documents step's summary line (documents/process.py), in the embedded engine's log.
DOCUMENTS_STEP = re.compile(
    r"run \d+: (\d+) documents, (\d+) distinct, (\d+) parsed, \d+ from cache, (\d+) pages OCR'd in ([\d.]+) s"
)


def documents_step(log: Path, workers: int) -> dict[str, Any]:
    """What the embedded engine's documents step did and how long it took: OCR's own rate, apart
    from the crawl (``workers`` parse at once, one per core)."""
    found = DOCUMENTS_STEP.search(log.read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError(f"{log}: no documents step summary")
    documents, distinct, parsed, ocr_pages, seconds = (float(value) for value in found.groups())
    return {
        "documents": int(documents),
        "distinct": int(distinct),
        "parsed": int(parsed),
        "ocr_pages": int(ocr_pages),
        "seconds": seconds,
        "workers": workers,
        "ocr_pages_per_hour": round(ocr_pages / max(seconds, 1e-6) * 3600),
        # every worker busy the whole step: an upper bound of the CPU an OCR page takes
        "core_seconds_per_ocr_page": round(workers * seconds / max(ocr_pages, 1), 2),
    }


def figures(timing: dict[str, Any], counts: dict[str, int], cpu: dict[str, float], peak_rss: int) -> dict[str, Any]:
    hours = timing["seconds"] / 3600
    return {
        **timing,
        **counts,
        **cpu,
        "sites_per_hour": round(counts["sites"] / hours),
        "documents_per_hour": round(counts["documents_read"] / hours),
        "ocr_pages_per_hour": round(counts["ocr_pages"] / hours),
        "cpu_seconds_per_site": round(cpu["cpu_seconds"] / max(counts["sites"], 1), 3),
        "peak_rss_mb": round(peak_rss / 2**20),
    }


def embedded(folder: Path, settings: Path, as_of: str) -> tuple[dict[str, Any], Path]:
    watch = Watch()
    watch.start()
    timing = run_job(folder, oit_command("run", "--config", str(settings), "--as-of", as_of), watch)
    cpu = watch.cpu()
    result = figures(timing, job_counts(str(folder / "oit.sqlite")), cpu, watch.peak_rss)
    return {**result, "documents_step": documents_step(folder / "run.log", DOCUMENT_WORKERS)}, folder / "reports"


def distributed(
    folder: Path, settings: Path, as_of: str, count: int, db: str, broker: str, servers: tuple[int, ...]
) -> tuple[dict[str, Any], Path]:
    watch = Watch(servers)
    watch.start()
    with workers(folder, broker, count):
        command = oit_command(
            "run", "--config", str(settings), "--as-of", as_of, "--engine", "celery", "--broker", broker, "--db", db
        )
        timing = run_job(folder, command, watch)
    cpu = watch.cpu()  # the workers are reaped: their CPU is in
    return {"worker_processes": count, **figures(timing, job_counts(db), cpu, watch.peak_rss)}, folder / "reports"


# -- comparing ---------------------------------------------------------------------------------


def comparable_results(reports: Path) -> dict[str, Any]:
    """results.json of the published run without what differs by run: its id, and each site's
    ``evidence_from_run``."""
    results = json.loads((reports / CURRENT / "results.json").read_text(encoding="utf-8"))
    results["run"].pop("id", None)
    for site in results["sites"]:
        site.pop("evidence_from_run", None)
    return results


def differing_sites(reference: dict[str, Any], other: dict[str, Any]) -> list[str]:
    """Ids of the sites whose verdicts differ (or that only one of the two has)."""
    mine = {site["id"]: site for site in reference["sites"]}
    theirs = {site["id"]: site for site in other["sites"]}
    differ = sorted(key for key in mine.keys() | theirs.keys() if mine.get(key) != theirs.get(key))
    if reference["run"] != other["run"]:
        differ.insert(0, "(run)")
    return differ


def overhead(base: dict[str, Any], celery: dict[str, Any]) -> dict[str, Any]:
    """What the queue and PostgreSQL add: CPU a site (and an OCR page) of one Celery worker minus
    the embedded engine's, servers included."""

    def per(run: dict[str, Any], what: str) -> float:
        return run["cpu_seconds"] / max(run[what], 1)

    return {
        "cpu_seconds_per_site": round(per(celery, "sites") - per(base, "sites"), 3),
        "cpu_seconds_per_document_read": round(per(celery, "documents_read") - per(base, "documents_read"), 3),
        "share_of_embedded_cpu": round(celery["cpu_seconds"] / max(base["cpu_seconds"], 1e-9) - 1, 3),
        "ocr_pages_per_hour": {"embedded": base["ocr_pages_per_hour"], "celery": celery["ocr_pages_per_hour"]},
    }


# -- the command -------------------------------------------------------------------------------


def bench_scale(args: argparse.Namespace) -> int:
    from fleet.server import FleetServer
    from fleet.sets import DEMO_AS_OF, bench_set, write_sites_file

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": psutil.cpu_count(),
        "sites": args.sites,
        "budget_pages": args.budget,
        "budget_documents": args.documents,
        "document_sites": args.document_sites,
        "command": " ".join(sys.argv),
        "configurations": {},
    }

    def save(name: str, value: Any) -> None:
        results["configurations"][name] = value
        print(f"{name}: {json.dumps(value, ensure_ascii=False)}", flush=True)
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")

    as_of = DEMO_AS_OF.isoformat()
    verdicts: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        if args.work:
            work = args.work.resolve()
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="oit-bench-scale-")))
        server = stack.enter_context(
            FleetServer(bench_set(args.sites, args.seed), DEMO_AS_OF, port=0, documents_share=args.document_sites)
        )
        sites = write_sites_file(server.specs, work / "sites.yaml")
        crawl = crawl_settings(work / "crawl.yaml", args.budget, args.documents)
        prepare_fleet(server, sites, crawl, work / "warm-up")

        folder = work / "embedded"
        folder.mkdir()
        figures_, reports = embedded(folder, run_settings(folder, sites, crawl), as_of)
        save("embedded", figures_)
        verdicts["embedded"] = comparable_results(reports)

        from distributed.local_redis import LocalRedis
        from store.local_postgres import LocalPostgres

        postgres = stack.enter_context(LocalPostgres(work / "postgres"))
        redis = stack.enter_context(LocalRedis(work / "redis"))
        servers = (listening_pid(postgres.url), listening_pid(redis.url))
        for count in args.workers:
            name = f"celery-{count}"
            folder = work / name
            folder.mkdir()
            db = postgres.create_database(f"bench_scale_{count}")
            figures_, reports = distributed(folder, run_settings(folder, sites, crawl), as_of, count, db, redis.url, servers)
            save(name, figures_)
            verdicts[name] = comparable_results(reports)

    differ = {name: differing_sites(verdicts["embedded"], v) for name, v in verdicts.items() if name != "embedded"}
    results["verdicts_agree"] = not any(differ.values())
    results["sites_differing"] = {name: ids[:20] for name, ids in differ.items() if ids}
    configs = results["configurations"]
    first = f"celery-{min(args.workers)}"
    if min(args.workers) == 1:
        results["overhead_celery_1_vs_embedded"] = overhead(configs["embedded"], configs[first])
    print(f"verdicts agree across {len(verdicts)} configurations: {results['verdicts_agree']}")
    if "overhead_celery_1_vs_embedded" in results:
        print(f"overhead of the queue and PostgreSQL: {json.dumps(results['overhead_celery_1_vs_embedded'])}")
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results: {out}")
    return 0 if results["verdicts_agree"] else 1


def prepare_fleet(server: Any, sites: Path, crawl: Path, folder: Path) -> None:
    """One crawl of the fleet with the same settings before anything is measured: the fleet builds
    each site and renders each document on its first request, which would otherwise slow the first
    configuration only."""
    from crawler.launch import CrawlJob, run_crawl
    from crawler.sites import load_sites
    from evaluate.ruleset import focus_terms

    folder.mkdir()
    db = folder / "warm-up.sqlite"
    with Store(db) as store:
        run_id = store.begin_run("bench")
        store.register_sites(run_id, load_sites(sites))
    processes = psutil.cpu_count() or 1
    run_crawl(CrawlJob(db, run_id, processes, folder / "logs", ("--settings", str(crawl)), focus_terms=focus_terms()))
