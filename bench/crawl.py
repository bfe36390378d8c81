"""``oit bench crawl``: crawl throughput, memory and focus, against two references.

On a generated fleet (``python -m fleet serve --set bench``) it measures, in one run:
  1. the crawl with politeness off and on: pages/s, sites/hour, peak memory of the crawl processes;
  2. the fleet server's own capacity: a plain concurrent fetch of the URLs the crawl fetched;
  3. Scrapy's own ceiling: the same URLs through a bare spider that does nothing with the pages;
  4. ``wget --recursive`` over the same sites (what a user would reach for);
  5. peak memory at a larger fleet (flat memory: crawl 1,000 and 5,000 sites and compare);
  6. focused vs plain breadth-first order: evidence found within a small page budget;
  7. incremental nights: a first night, an unchanged one and one with 10 % of the pages edited
     (bytes the sites sent, crawl CPU, documents read again, verdicts of the unchanged night).
  8. CPU per page: the crawl's CPU a page against bare Scrapy's CPU a request on the same URLs,
     back to back, repeated (``--cpu-sites``, ``--repeats``; min / median / max of the ratio).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import zip_longest
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil

from crawler.launch import CrawlJob, run_crawl
from crawler.settings import load_config
from crawler.sites import load_sites
from crawler.urls import DOCUMENT_EXTENSIONS, canonical
from evaluate.ruleset import focus_terms
from oit.lifetime import PROJECT_ROOT
from store.db import Store

FLEET_START_TIMEOUT = 900
FLEET_PORT = 18180  # not the fleet's default 8080, so a demo fleet can keep running beside the benchmark


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("crawl", help="crawl throughput and memory vs the server's capacity and wget")
    parser.add_argument("--sites", type=int, default=1000, help="fleet size for throughput (default %(default)s), 0 to skip")
    parser.add_argument("--large", type=int, default=5000, help="second fleet size for the memory comparison, 0 to skip")
    parser.add_argument("--processes", type=int, default=2, help="crawl processes (default: one per core)")
    parser.add_argument("--budget", type=int, default=300, help="pages per site (default %(default)s)")
    parser.add_argument(
        "--polite-sites", type=int, default=None, help="sites in the politeness-on run (default --sites, 0 to skip)"
    )
    parser.add_argument("--focus-sites", type=int, default=200, help="sites for focused vs breadth-first, 0 to skip")
    parser.add_argument("--focus-budget", type=int, default=20, help="page budget of that comparison")
    parser.add_argument(
        "--memory-budget",
        type=int,
        default=10,
        help="page budget of the 1,000 vs --large memory comparison (default %(default)s)",
    )
    parser.add_argument(
        "--incremental-sites",
        type=int,
        default=0,
        help="sites for the incremental-nights comparison (documents included), 0 to skip",
    )
    parser.add_argument(
        "--national-sites",
        type=int,
        default=0,
        help="sites with realistic response times for the polite national night, 0 to skip",
    )
    parser.add_argument(
        "--recall-sites",
        type=int,
        default=0,
        help="large sites for evidence recall at budgets 50/100/300, focused vs breadth-first, 0 to skip",
    )
    parser.add_argument(
        "--cpu-sites", type=int, default=0, help="sites for crawl CPU per page vs bare Scrapy's CPU per request, 0 to skip"
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="repeats of the recall, CPU-per-page and incremental-nights comparisons (default %(default)s)",
    )
    parser.add_argument(
        "--national-repeats",
        type=int,
        default=1,
        help="repeats of the polite national night (default %(default)s: a run of 1,000 sites takes ~20 min)",
    )
    parser.add_argument("--no-wget", action="store_true", help="skip the wget reference")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="var/bench/crawl.json", help="results file (default %(default)s)")
    parser.set_defaults(func=bench_crawl)


# -- the fleet ---------------------------------------------------------------------------------


@contextmanager
def bench_fleet(count: int, seed: int, workdir: Path, options: tuple[str, ...] = (), port: int = FLEET_PORT) -> Iterator[Path]:
    """Serve ``count`` generated sites in a separate process; yields the sites file. ``options``:
    more ``fleet serve`` flags (``--large-share``, ``--latency``)."""
    sites_file = workdir / f"sites-{count}.yaml"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fleet",
            "serve",
            "--set",
            "bench",
            "--count",
            str(count),
            "--seed",
            str(seed),
            "--port",
            str(port),
            "--sites-out",
            str(sites_file),
            *options,
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + FLEET_START_TIMEOUT
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("serving "):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("fleet did not start in time")
        else:
            raise RuntimeError(f"fleet exited with {proc.wait()}")
        yield sites_file
    finally:
        proc.terminate()
        proc.wait()


# -- our crawl ---------------------------------------------------------------------------------


def measure_crawl(sites_file: Path, db: Path, processes: int, extra: list[str]) -> dict[str, Any]:
    """Crawl into a fresh run, sampling the crawl processes' memory; returns the figures."""
    with Store(db) as store:
        run_id = store.begin_run("bench")
        store.register_sites(run_id, load_sites(sites_file))
        started = time.monotonic()
        cpu_before = _children_cpu()
        watched: list[psutil.Process] = []
        peak = {"total": 0, "each": 0, "files": 0}
        # When the page count last grew: after it, the crawl only waits for unreachable sites to
        # time out (robots.txt, then the home page with its retries), which costs wall time, not work.
        stored, last_stored_at, samples = 0, started, 0

        def sample() -> None:
            nonlocal stored, last_stored_at, samples
            rss = [_rss(w) for w in watched]
            peak["total"], peak["each"] = max(peak["total"], sum(rss)), max(peak["each"], *rss)
            peak["files"] = max(peak["files"], *(_open_files(w) for w in watched))
            samples += 1
            if samples % 4 == 0 and (now := store.progress(run_id)["pages"]) > stored:
                stored, last_stored_at = now, time.monotonic()

        job = CrawlJob(db, run_id, processes, db.parent / "logs", tuple(extra), focus_terms=focus_terms())
        crawl = run_crawl(
            job, started=lambda pids: watched.extend(psutil.Process(pid) for pid in pids), poll=sample, poll_seconds=0.25
        )
        peak_total, peak_each, peak_files = peak["total"], peak["each"], peak["files"]
        seconds = time.monotonic() - started
        if store.progress(run_id)["pages"] > stored:  # pages stored since the last sample
            last_stored_at = started + seconds
        active = max(last_stored_at - started, 1e-6)
        cpu_seconds = _children_cpu() - cpu_before
        store.finish_run(run_id, "complete")
        counts = store.progress(run_id)
    documents = counts["documents"]
    fetched = counts["pages"] + documents
    return {
        "run_id": run_id,
        "sites": counts["sites"],
        "sites_not_ok": counts["failed"],
        "pages": counts["pages"],
        "documents": documents,
        "seconds": round(seconds, 1),
        "fetches_per_s": round(fetched / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "pages_per_cpu_s": round(counts["pages"] / max(cpu_seconds, 1e-6), 1),
        "pages_per_s": round(counts["pages"] / seconds, 1),
        "sites_per_hour": round(counts["sites"] / seconds * 3600),
        "seconds_to_last_page": round(active, 1),
        "pages_per_s_active": round(counts["pages"] / active, 1),
        "tail_seconds": round(seconds - active, 1),
        "peak_rss_mb_total": round(peak_total / 2**20),
        "peak_rss_mb_per_process": round(peak_each / 2**20),
        "peak_open_files_per_process": peak_files,
        "exit_codes": crawl.returncodes,
    }


def _children_cpu() -> float:
    """User + system CPU seconds of the reaped child processes: the crawl's own cost, whatever else
    runs on the machine (wall time alone varies with the load of other work)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rss(proc: psutil.Process) -> int:
    try:
        return proc.memory_info().rss
    except psutil.Error:
        return 0


def _open_files(proc: psutil.Process) -> int:
    """Open file descriptors (sockets included): each idle keep-alive connection holds one."""
    try:
        return proc.num_fds()
    except psutil.Error:
        return 0


# -- reference 1: the server's capacity ---------------------------------------------------------


async def _fetch_host(host: str, port: int, paths: list[str]) -> int:
    """GET every path over one keep-alive connection (the fleet always sends Content-Length)."""
    done = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for path in paths:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")), 0
            )
            await reader.readexactly(length)
            done += 1
            if b"connection: close" in head.lower():
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()
    return done


async def _fetch_all(groups: list[tuple[str, int, list[str]]], connections: int) -> int:
    limit = asyncio.Semaphore(connections)

    async def one(group: tuple[str, int, list[str]]) -> int:
        async with limit:
            return await _fetch_host(*group)

    return sum(await asyncio.gather(*(one(g) for g in groups)))


def _fetch_worker(args: tuple[list[tuple[str, int, list[str]]], int]) -> int:
    groups, connections = args
    return asyncio.run(_fetch_all(groups, connections))


def host_chains(urls: list[str], per_host: int) -> list[list[str]]:
    """Each host's URLs dealt into ``per_host`` chains, fetched one after another; the chains of all
    hosts interleaved, so the first chains in flight are spread over many hosts.

    ``per_host`` is as many requests as the crawl has in flight per site with politeness off; with
    one chain per host a few large sites would be fetched one request at a time at the end and the
    reference would measure their latency, not the server.
    """
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc].append(url)
    per_site = [[chain for chain in (host_urls[i::per_host] for i in range(per_host)) if chain] for host_urls in by_host.values()]
    return [chain for batch in zip_longest(*per_site) for chain in batch if chain]


def server_capacity(urls: list[str], processes: int, connections: int = 64, per_host: int = 4) -> dict[str, Any]:
    """Plain concurrent GETs of the same URLs: no parsing, no politeness, one keep-alive connection
    per chain (see ``host_chains``)."""

    def target(url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    groups = [
        (urlsplit(chain[0]).hostname or "", urlsplit(chain[0]).port or 80, [target(u) for u in chain])
        for chain in host_chains(urls, per_host)
    ]
    shards = [(groups[i::processes], connections) for i in range(processes)]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        fetched = sum(pool.map(_fetch_worker, shards))
    seconds = time.monotonic() - started
    return {
        "requests": fetched,
        "seconds": round(seconds, 1),
        "requests_per_s": round(fetched / seconds, 1),
        "connections": connections * processes,
        "per_host": per_host,
    }


# -- reference 2: Scrapy's own ceiling -----------------------------------------------------------

# Requests in flight per process, not the crawl's 64: the fleet's slow sites (3 %, 0.2-0.9 s a page)
# would otherwise hold every slot for the first minutes, and the ceiling would measure their latency.
CEILING_CONCURRENT_REQUESTS = 256


def scrapy_ceiling(urls: list[str], processes: int, workdir: Path, per_host: int = 4) -> dict[str, Any]:
    """The same chains as the server's capacity through a bare Scrapy spider (no extraction, no
    store), one shard per process: the most any Scrapy crawl can reach here, whatever it does with
    the pages."""
    chains = host_chains(urls, per_host)
    files = []
    for index in range(processes):
        files.append(workdir / f"ceiling-{index}.txt")
        files[-1].write_text("\n".join(" ".join(chain) for chain in chains[index::processes]), encoding="utf-8")
    started, cpu_before = time.monotonic(), _children_cpu()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.scrapy_ceiling", str(f), str(CEILING_CONCURRENT_REQUESTS)],
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for f in files
    ]
    for proc in procs:
        proc.wait()
    seconds, cpu_seconds = time.monotonic() - started, _children_cpu() - cpu_before
    return {
        "requests": len(urls),
        "seconds": round(seconds, 1),
        "requests_per_s": round(len(urls) / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "per_host": per_host,
        "concurrent_requests_per_process": CEILING_CONCURRENT_REQUESTS,
        "exit_codes": [p.returncode for p in procs],
    }


# -- reference 3: wget --recursive --------------------------------------------------------------


def _wget_site(url: str, depth: int, user_agent: str, workdir: Path) -> int:
    result = subprocess.run(
        [
            "wget",
            "--recursive",
            f"--level={depth}",
            "--no-verbose",
            "--delete-after",
            "--no-directories",
            "--tries=1",
            "--timeout=25",
            f"--reject={','.join(e.lstrip('.') for e in DOCUMENT_EXTENSIONS)}",
            "--user-agent",
            user_agent,
            "--directory-prefix",
            str(workdir),
            url,
        ],
        capture_output=True,
    )
    return sum(1 for line in result.stderr.splitlines() if b" URL:" in line)


def wget_reference(sites_file: Path, parallel: int, depth: int, user_agent: str) -> dict[str, Any]:
    """wget over every site, ``parallel`` at a time (one wget per site, as a user would script it)."""
    sites = load_sites(sites_file)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(parallel) as pool:
        fetched = sum(pool.map(lambda s: _wget_site(s.url, depth, user_agent, Path(tmp) / s.id), sites))
    seconds = time.monotonic() - started
    return {
        "parallel": parallel,
        "fetches": fetched,
        "seconds": round(seconds, 1),
        "fetches_per_s": round(fetched / seconds, 1),
        "sites_per_hour": round(len(sites) / seconds * 3600),
    }


# -- focused vs breadth-first -------------------------------------------------------------------


def evidence_found(db: Path, run_id: int, truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Share of the items with evidence whose evidence URL the crawl fetched."""
    with Store(db) as store:
        fetched = defaultdict(set)
        for snap in store.snapshots(run_id):
            fetched[snap.crawl.site.id] = {p.url for p in snap.pages if p.ok} | {d.url for d in snap.documents}
    wanted = found = 0
    for site_id, items in truth.items():
        for entry in items.values():
            urls = {canonical(u) for u in entry.evidence_urls if u.startswith("http")}
            if entry.state == "absent" or not urls:
                continue
            wanted += 1
            found += bool(urls & fetched[site_id])
    return {"items_with_evidence": wanted, "found": found, "share": round(found / max(wanted, 1), 3)}


def focus_comparison(count: int, seed: int, budget: int, processes: int, workdir: Path, settings: Path) -> dict[str, Any]:
    from fleet.sets import DEMO_AS_OF, bench_set
    from fleet.truth import truth_for

    truth = {spec.id: truth_for(spec, DEMO_AS_OF) for spec in bench_set(count, seed, port=FLEET_PORT)}
    results = {}
    with bench_fleet(count, seed, workdir) as sites_file:
        for mode, flags in (("focused", []), ("breadth_first", ["--plain-order"])):
            db = workdir / f"focus-{mode}.sqlite"
            run = measure_crawl(
                sites_file, db, processes, ["--no-politeness", "--budget", str(budget), "--settings", str(settings), *flags]
            )
            results[mode] = {**evidence_found(db, run["run_id"], truth), "pages": run["pages"]}
    return {"sites": count, "budget": budget, **results}


# -- a polite national night ------------------------------------------------------------------

NATIONAL_SITES = 8300  # SAO and municipal websites in the country
NATIONAL_BASE_IP = "127.3.0.0"


def national_night(count: int, seed: int, processes: int, workdir: Path, budget: list[str], repeats: int = 1) -> dict[str, Any]:
    """The shipped politeness and sites in flight over ``count`` sites that answer in 0.1 to 6 s
    each, projected to the country, ``repeats`` times.

    Three projections for 8,300 sites. ``linear``: the time to the last page scaled (after it the
    crawl only waits for unreachable sites to time out, once for any number of sites); right only
    when the sample is many windows of sites in flight long, otherwise the slowest site's length
    is scaled as if it recurred. ``politeness``: each site's own time (first request to last
    answer) summed, scaled, spread over the shipped window of sites in flight, plus the longest
    site once (the last window's end). ``cpu``: the crawl processes' CPU scaled, over one core per
    process. The night takes the longer of the last two; a site's own time grows when the crawl
    waits for a CPU (a shared machine), so both are pessimistic there."""
    shipped = load_config()
    runs = []
    # addresses of their own: the other comparisons' fleets may be serving 127.1.x.x on the same port
    with bench_fleet(count, seed, workdir, ("--latency", "--base-ip", NATIONAL_BASE_IP), port=FLEET_PORT + 1) as sites_file:
        for repeat in range(repeats):
            db = workdir / f"national-{repeat}.sqlite"
            run = measure_crawl(sites_file, db, processes, budget)
            sites = site_durations(db, run["run_id"])
            runs.append(
                {**run, "site_seconds": sites, **national_projection(run, sites, shipped.polite_sites * processes, processes)}
            )
            print(f"  national repeat {repeat + 1}: {json.dumps(runs[-1])}", flush=True)
    return {
        "sites": count,
        "sites_in_flight_per_process": shipped.polite_sites,
        "repeats": repeats,
        **{
            key: spread([r[key] for r in runs])
            for key in (
                "projected_hours_for_8300_sites",
                "projected_hours_politeness",
                "projected_hours_cpu",
                "projected_hours_linear",
            )
        },
        "runs": runs,
    }


def national_projection(
    run: dict[str, Any], site_seconds: dict[str, Any], in_flight: int, processes: int, sites: int = NATIONAL_SITES
) -> dict[str, float]:
    """Hours for ``sites`` sites from a sample crawl (see ``national_night``): linear, politeness
    (the sites' own times over ``in_flight`` sites at once, plus the longest), CPU (over one core
    per process), and the night: the longer of the last two."""
    scale = sites / max(run["sites"], 1)
    politeness = site_seconds.get("sum", 0) * scale / in_flight + site_seconds.get("max", 0)
    cpu = run["cpu_seconds"] * scale / processes
    return {
        "projected_hours_linear": round(run["seconds_to_last_page"] * scale / 3600, 2),
        "projected_hours_politeness": round(politeness / 3600, 2),
        "projected_hours_cpu": round(cpu / 3600, 2),
        "projected_hours_for_8300_sites": round(max(politeness, cpu) / 3600, 2),
    }


def site_durations(db: Path, run_id: int, slowest: int = 5) -> dict[str, Any]:
    """How long each site took from its first request to its last answer: the distribution, and the
    slowest sites with their pages (a crawl's end waits for them)."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT site_id, (julianday(finished_at) - julianday(started_at)) * 86400, pages FROM site_crawls"
            " WHERE run_id = ? AND finished_at != '' ORDER BY 2 DESC",
            (run_id,),
        ).fetchall()
    seconds = sorted(row[1] for row in rows)
    if not seconds:
        return {}
    return {
        "median": round(statistics.median(seconds)),
        "p90": round(seconds[int(len(seconds) * 0.9)]),
        "max": round(seconds[-1]),
        "sum": round(sum(seconds)),
        "slowest": [{"site": site, "seconds": round(took), "pages": pages} for site, took, pages in rows[:slowest]],
    }


# -- evidence recall by budget on large sites ---------------------------------------------------

RECALL_BUDGETS = (50, 100, 300)
LIVE_EVIDENCE = ("current", "stale", "incomplete", "unverifiable")  # states whose evidence is served


def spread(values: list[float]) -> dict[str, float]:
    """min / median / max of repeated measurements."""
    ordered = sorted(values)
    return {"min": ordered[0], "median": round(statistics.median(ordered), 3), "max": ordered[-1]}


def evidence_reached(db: Path, run_id: int, truth: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Items with served evidence (on sites a crawler can judge) whose evidence the page budget
    reached: an evidence page fetched, or an evidence document linked from a fetched page (documents
    have a budget of their own; the pages' job is to find them)."""
    reached: dict[str, set[str]] = defaultdict(set)
    with Store(db) as store:
        for snap in store.snapshots(run_id, truth):
            for page in snap.pages:
                if page.ok:
                    reached[snap.crawl.site.id].add(page.url)
                    reached[snap.crawl.site.id].update(link.url for link in page.links)
    wanted = found = 0
    for site_id, items in truth.items():
        for entry in items.values():
            urls = {canonical(u) for u in entry.evidence_urls if u.startswith("http")}
            if entry.state not in LIVE_EVIDENCE or not urls:
                continue
            wanted += 1
            found += bool(urls & reached[site_id])
    return {"items": wanted, "found": found, "recall": round(found / max(wanted, 1), 3)}


def warm_up(sites_file: Path) -> None:
    """Ask every site for its home page once: the fleet builds a site on its first request (a large
    one in about a second), which would otherwise time out the first crawl's requests."""
    import urllib.request

    for site in load_sites(sites_file):
        try:
            urllib.request.urlopen(site.url, timeout=60).close()
        except OSError:
            pass  # a site that is down or broken by design


def budget_recall(count: int, seed: int, processes: int, repeats: int, workdir: Path, settings: Path) -> dict[str, Any]:
    """Focused vs breadth-first order on large sites at each page budget, ``repeats`` times."""
    from fleet.sets import DEMO_AS_OF, bench_set
    from fleet.truth import expected_site_status, truth_for

    specs = bench_set(count, seed, port=FLEET_PORT, large_share=1.0)
    truth = {spec.id: truth_for(spec, DEMO_AS_OF) for spec in specs if expected_site_status(spec.faults)[0] == "ok"}
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with bench_fleet(count, seed, workdir, ("--large-share", "1")) as sites_file:
        warm_up(sites_file)
        for repeat in range(repeats):
            for budget in RECALL_BUDGETS:
                for mode, flags in (("focused", []), ("breadth_first", ["--plain-order"])):
                    db = workdir / f"recall-{repeat}-{budget}-{mode}.sqlite"
                    run = measure_crawl(
                        sites_file,
                        db,
                        processes,
                        ["--no-politeness", "--budget", str(budget), "--settings", str(settings), *flags],
                    )
                    found = evidence_reached(db, run["run_id"], truth)
                    runs[f"{mode}_{budget}"].append(
                        {**found, "pages": run["pages"], "pages_per_item_found": round(run["pages"] / max(found["found"], 1), 1)}
                    )
                    db.unlink()
                    print(
                        f"  recall repeat {repeat + 1} budget {budget} {mode}: {json.dumps(runs[f'{mode}_{budget}'][-1])}",
                        flush=True,
                    )
    table = {}
    for budget in RECALL_BUDGETS:
        focused, plain = runs[f"focused_{budget}"], runs[f"breadth_first_{budget}"]
        table[str(budget)] = {
            "focused_recall": spread([r["recall"] for r in focused]),
            "breadth_first_recall": spread([r["recall"] for r in plain]),
            "focused_over_breadth_first": spread(
                [round(f["recall"] / max(p["recall"], 1e-6), 3) for f, p in zip(focused, plain, strict=True)]
            ),
            "focused_pages_per_item_found": spread([r["pages_per_item_found"] for r in focused]),
            "breadth_first_pages_per_item_found": spread([r["pages_per_item_found"] for r in plain]),
        }
    return {
        "sites": count,
        "sites_judged": len(truth),
        "repeats": repeats,
        "items": runs[f"focused_{RECALL_BUDGETS[0]}"][0]["items"],
        "by_budget": table,
        "runs": runs,
    }


# -- CPU per page against bare Scrapy ------------------------------------------------------------


def cpu_per_page(count: int, seed: int, processes: int, repeats: int, workdir: Path, budget: list[str]) -> dict[str, Any]:
    """The crawl's CPU per page against bare Scrapy's CPU per request on the URLs that crawl fetched,
    back to back in the same run, ``repeats`` times (CPU seconds of the child processes: what other
    work on the machine does to wall time does not count)."""
    runs = []
    with bench_fleet(count, seed, workdir) as sites_file:
        warm_up(sites_file)
        for repeat in range(repeats):
            db = workdir / f"cpu-{repeat}.sqlite"
            crawl = measure_crawl(sites_file, db, processes, ["--no-politeness", *budget])
            with Store(db) as store:
                urls = store.fetched_urls(crawl["run_id"])
            db.unlink()
            bare = scrapy_ceiling(urls, processes, workdir)
            crawl_ms = 1000 * crawl["cpu_seconds"] / max(crawl["pages"], 1)
            bare_ms = 1000 * bare["cpu_seconds"] / max(bare["requests"], 1)
            runs.append(
                {
                    "pages": crawl["pages"],
                    "crawl_cpu_seconds": crawl["cpu_seconds"],
                    "crawl_ms_per_page": round(crawl_ms, 2),
                    "bare_requests": bare["requests"],
                    "bare_cpu_seconds": bare["cpu_seconds"],
                    "bare_ms_per_request": round(bare_ms, 2),
                    "ratio": round(crawl_ms / max(bare_ms, 1e-6), 2),
                }
            )
            print(f"  cpu repeat {repeat + 1}: {json.dumps(runs[-1])}", flush=True)
    return {
        "sites": count,
        "repeats": repeats,
        "ratio": spread([r["ratio"] for r in runs]),
        "crawl_ms_per_page": spread([r["crawl_ms_per_page"] for r in runs]),
        "bare_ms_per_request": spread([r["bare_ms_per_request"] for r in runs]),
        "runs": runs,
    }


# -- incremental nights ------------------------------------------------------------------------


def incremental_nights(count: int, seed: int, processes: int, workdir: Path, repeats: int = 1) -> dict[str, Any]:
    """Three nights of the same sites into one store, ``repeats`` times (a fresh store and text
    cache each time); the server runs in this process, so the crawl processes' CPU is theirs alone
    and the server counts the body bytes it sends."""
    from evaluate.ruleset import load_ruleset
    from fleet.builder import build_site
    from fleet.server import FleetServer
    from fleet.sets import DEMO_AS_OF, bench_set, write_sites_file

    ruleset = load_ruleset(None)
    rounds = []
    with FleetServer(bench_set(count, seed), DEMO_AS_OF, port=0, compress=True) as server:
        sites_file = write_sites_file(server.specs, workdir / "incremental-sites.yaml")
        # Render the documents first: a file rendered slowly on the first night would time out and
        # be fetched again on the second, measuring the fleet's renderer instead of the crawl.
        for spec in server.specs:
            for doc in build_site(spec, DEMO_AS_OF).docs.values():
                server.documents.get(doc)
        for repeat in range(repeats):
            folder = workdir / f"incremental-{repeat}"
            folder.mkdir()
            rounds.append(_three_nights(server, sites_file, folder, processes, ruleset))
            print(f"  incremental repeat {repeat + 1}: {json.dumps(rounds[-1])}", flush=True)
    ratios = {
        f"{night}_{what}": spread([r[night][what] for r in rounds])
        for night in ("unchanged", "changed_10pct")
        for what in ("bytes_vs_first", "crawl_cpu_vs_first")
    }
    return {
        "sites": count,
        "repeats": repeats,
        **ratios,
        "unchanged_verdicts_identical": all(r["unchanged_verdicts_identical"] for r in rounds),
        "rounds": rounds,
    }


def _three_nights(server: Any, sites_file: Path, folder: Path, processes: int, ruleset: Any) -> dict[str, Any]:
    """A first night, an unchanged one and one with 10 % of the pages edited, into one store."""
    from documents.cache import DocumentCache
    from documents.process import process_run
    from evaluate.engine import evaluate_run
    from fleet.sets import DEMO_AS_OF

    db = folder / "incremental.sqlite"
    nights: dict[str, Any] = {}
    verdicts = {}
    with DocumentCache(folder / "document-text.sqlite") as text_cache:  # empty: the first night reads every file
        for night, changed in (("first", 0.0), ("unchanged", 0.0), ("changed_10pct", 0.1)):
            server.revision, server.changed_share = server.revision + 1, changed
            sent = server.bytes_sent
            crawl = measure_crawl(sites_file, db, processes, ["--no-politeness"])
            with Store(db) as store:
                to_read = len(store.pending_documents(crawl["run_id"]))
                cpu = _children_cpu()
                process_run(store, crawl["run_id"], workers=processes, cache=text_cache, ocr=False)
                documents_cpu = _children_cpu() - cpu
                result = evaluate_run(store, crawl["run_id"], ruleset, DEMO_AS_OF)
            verdicts[night] = {
                (s.id, i.code): (i.status, sorted(e.url for e in i.evidence)) for s in result.sites for i in s.items
            }
            nights[night] = {
                "bytes_sent": server.bytes_sent - sent,
                "crawl_cpu_seconds": crawl["cpu_seconds"],
                "crawl_seconds": crawl["seconds"],
                "pages": crawl["pages"],
                "documents": crawl["documents"],
                "documents_to_read": to_read,
                "documents_cpu_seconds": round(documents_cpu, 1),
            }
    first = nights["first"]
    for night in ("unchanged", "changed_10pct"):
        nights[night]["bytes_vs_first"] = round(nights[night]["bytes_sent"] / max(first["bytes_sent"], 1), 3)
        nights[night]["crawl_cpu_vs_first"] = round(nights[night]["crawl_cpu_seconds"] / max(first["crawl_cpu_seconds"], 1e-6), 3)
    differ = [key for key, value in verdicts["first"].items() if verdicts["unchanged"].get(key) != value]
    return {**nights, "unchanged_verdicts_identical": not differ, "verdicts_differing": len(differ)}


def shipped_settings_without_documents(path: Path) -> Path:
    """config/crawl.yaml (the shipped politeness and concurrency) with a document budget of 0."""
    import yaml

    from oit.paths import config_file
    from oit.yamlfile import load_yaml

    data = load_yaml(config_file("crawl.yaml")).data or {}
    data.setdefault("budget", {})["documents"] = 0
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# -- the command --------------------------------------------------------------------------------


def bench_crawl(args: argparse.Namespace) -> int:
    config = load_config()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": psutil.cpu_count(),
        "processes": args.processes,
        "budget": args.budget,
        "command": " ".join(sys.argv),
    }

    def save(key: str, value: Any) -> None:
        results[key] = value
        print(f"{key}: {json.dumps(value, ensure_ascii=False)}", flush=True)
        out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="oit-bench-") as tmp:
        work = Path(tmp)
        # Pages only: the fleet renders each document on first request, which would measure its
        # PDF renderer rather than the crawl (documents are tested, not benchmarked, here).
        settings = shipped_settings_without_documents(work / "crawl.yaml")
        budget = ["--budget", str(args.budget), "--settings", str(settings)]
        if args.sites:
            with bench_fleet(args.sites, args.seed, work) as sites_file:
                fast = measure_crawl(sites_file, work / "off.sqlite", args.processes, ["--no-politeness", *budget])
                save(f"crawl_politeness_off_{args.sites}", fast)
                with Store(work / "off.sqlite") as store:
                    urls = store.fetched_urls(fast["run_id"])
                save("server_capacity", server_capacity(urls, args.processes))
                save("scrapy_ceiling", scrapy_ceiling(urls, args.processes, work))
                if not args.no_wget:
                    save("wget", wget_reference(sites_file, parallel=16, depth=config.depth_limit, user_agent=config.user_agent))
        if args.cpu_sites:
            save("cpu_per_page", cpu_per_page(args.cpu_sites, args.seed, args.processes, args.repeats, work, budget))
        if args.national_sites:
            save(
                "polite_national_night",
                national_night(args.national_sites, args.seed, args.processes, work, budget, args.national_repeats),
            )
        polite_count = args.sites if args.polite_sites is None else args.polite_sites
        if polite_count:
            with bench_fleet(polite_count, args.seed, work) as sites_file:
                save(f"crawl_politeness_on_{polite_count}", measure_crawl(sites_file, work / "on.sqlite", args.processes, budget))
        if args.large and args.sites:
            small = ["--no-politeness", "--budget", str(args.memory_budget), "--settings", str(settings)]
            for count in (args.sites, args.large):
                with bench_fleet(count, args.seed, work) as sites_file:
                    save(
                        f"memory_{count}_sites_budget_{args.memory_budget}",
                        measure_crawl(sites_file, work / f"memory-{count}.sqlite", args.processes, small),
                    )
        if args.incremental_sites:
            save("incremental", incremental_nights(args.incremental_sites, args.seed, args.processes, work, args.repeats))
        if args.recall_sites:
            save("large_sites_recall", budget_recall(args.recall_sites, args.seed, args.processes, args.repeats, work, settings))
        if args.focus_sites:
            save("focus", focus_comparison(args.focus_sites, args.seed, args.focus_budget, args.processes, work, settings))
    print(f"results: {out}")
    return 0
