"""``oit bench documents``: OCR throughput against tesseract's own limit, and the cache's share on
a second run.

Builds a corpus like an SAO crawl leaves behind (scanned memos of a full A4 page, text PDFs with damaged Thai,
DOCX and XLSX lists), stores it as pending documents of a real store, and runs the real
post-crawl step (``documents.process.process_run``, isolated workers):

1. scans only, cold cache: OCR pages per minute (wall clock, rendering and workers included),
   then, in the same run on the same scans, the limit: ``pdftoppm`` + ``tesseract`` alone (the
   pipeline's commands and settings from ``documents.ocr``), one process per core, on as many
   pages of each scan as the pipeline OCR'd (a bench scan repeats one page image, so any of its
   pages is the same work). Repeated; min / median / max of the pages/min ratio, and of the CPU
   per page ratio, which a busy machine moves less;
2. the whole corpus, cold cache, then again as the next night's run with a share of the files
   changed: how many distinct documents the second run takes from the cache.

With ``--fleet``, it instead crawls the demo fleet (as ``oit bench accuracy`` does) and checks
the facts read from the documents that carry an item's evidence on the reachable sites against
the fleet's truth: is the evidence's fiscal year the one the document states first, among its
years, wrong, or absent (``not_crawled``: the crawl did not reach the document).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from documents import samples
from documents.cache import DocumentCache
from documents.ocr import TESSERACT_ENV, render_command, tesseract_command
from documents.process import ProcessStats, process_run
from store.db import SiteCrawlResult, Store
from store.records import DocumentRecord, DocumentStatus, Site, SiteCrawl, SiteStatus

_MEMO = [
    "บันทึกข้อความ",
    "ส่วนราชการ องค์การบริหารส่วนตำบลตัวอย่าง{n} อำเภอเมือง จังหวัดพะเยา",
    "เรื่อง รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569",
    "ตามที่องค์การบริหารส่วนตำบลได้จัดทำแผนปฏิบัติการป้องกันการทุจริต เอกสารเลขที่ {n}/2569",
    "รอบ 6 เดือน (ตุลาคม 2568 - มีนาคม 2569) บัดนี้ได้ดำเนินการแล้วเสร็จ จึงรายงานผลดังแนบ",
    *[
        "เจ้าหน้าที่ผู้รับผิดชอบได้จัดทำข้อมูลในส่วนของตนเองและส่งมอบให้สำนักปลัดรวบรวม "
        "เพื่อสรุปรายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        "รายงานผู้บริหาร และเผยแพร่ข้อมูลบนเว็บไซต์หลักของหน่วยงานและช่องทางอื่น ๆ "
        "โดยผู้บริหารกำกับติดตามให้ดำเนินการครบทุกขั้นตอนภายในระยะเวลาที่กำหนด"
    ]
    * 4,
    "ลงชื่อ",
    "(นายสมชาย ใจดี)",
    "นายกองค์การบริหารส่วนตำบลตัวอย่าง{n}",
]
_SKR1 = [
    ["ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินงบประมาณ", "ราคากลาง", "วิธีซื้อหรือจ้าง"],
    ["1", "ซื้อวัสดุสำนักงาน รายการที่ {n}", "5,000", "5,000", "เฉพาะเจาะจง"],
]


def _memo(n: int, version: int) -> list[str]:
    return [line.format(n=n) for line in _MEMO] + [f"ฉบับที่ {version}"]


def _table(n: int) -> list[list[str]]:
    return [[cell.format(n=n) for cell in row] for row in _SKR1]


def _document(name: str, pages: int, version: int) -> bytes:
    kind, number = name.split(".")[0].split("-")
    n = int(number)
    if kind == "scan":
        return samples.scanned_pdf(_memo(n, version), dpi=150, pages=pages)
    if kind == "text":
        return samples.text_pdf(_memo(n, version), _table(n))
    title = [f"สรุปผลการจัดซื้อจัดจ้าง เดือน ตุลาคม 2568 ฉบับที่ {version}"]
    return samples.xlsx_bytes(title, _table(n)) if name.endswith(".xlsx") else samples.docx_bytes(title, _table(n))


def corpus_names(scans: int, texts: int, office: int) -> list[str]:
    return (
        [f"scan-{i}.pdf" for i in range(scans)]
        + [f"text-{i}.pdf" for i in range(texts)]
        + [f"list-{i}.xlsx" if i % 2 else f"list-{i}.docx" for i in range(office)]
    )


def build_corpus(names: list[str], pages: int) -> dict[str, bytes]:
    """File name -> body. Generated files carry timestamps, so every build gives new bytes."""
    return {name: _document(name, pages, 0) for name in names}


def next_night(corpus: dict[str, bytes], changed: float, pages: int) -> dict[str, bytes]:
    """The same files a night later, with every 1/changed-th one replaced by a new version."""
    step = round(1 / changed) if changed > 0 else 0
    updated = set(sorted(corpus)[::step]) if step else set()
    return {name: _document(name, pages, 1) if name in updated else body for name, body in corpus.items()}


def store_as_run(store: Store, corpus: dict[str, bytes], sites: int = 4) -> int:
    """A run whose sites link the corpus files, pending as the crawler leaves them."""
    run_id = store.begin_run("bench")
    site_list = [Site(id=f"bench-{s}", name=f"อบต.ตัวอย่าง{s}", url=f"http://127.0.2.{s + 1}/") for s in range(sites)]
    store.register_sites(run_id, site_list)
    names = sorted(corpus)
    for s, site in enumerate(site_list):
        mine = names[s::sites]
        hashes = {name: hashlib.sha256(corpus[name]).hexdigest() for name in mine}
        documents = [
            DocumentRecord(
                site_id=site.id,
                url=f"{site.url}files/{name}",
                status=DocumentStatus.PENDING,
                content_hash=hashes[name],
                size=len(corpus[name]),
            )
            for name in mine
        ]
        store.save_site(
            SiteCrawlResult(
                crawl=SiteCrawl(run_id=run_id, site=site, status=SiteStatus.OK, documents=len(documents)),
                documents=documents,
                bodies={hashes[n]: corpus[n] for n in mine},
            )
        )
    return run_id


def _summary(stats: ProcessStats) -> dict:
    return {
        "documents": stats.unique,
        "parsed": stats.parsed,
        "from_cache": stats.from_cache,
        "cache_share": round(stats.cache_share, 3),
        "ocr_pages": stats.ocr_pages,
        "seconds": stats.seconds,
        "statuses": stats.by_status,
    }


def _pages_per_minute(pages: int, seconds: float) -> float:
    return round(60 * pages / seconds, 1) if seconds else 0.0


def reference_pages(scans: list[Path], ocr_pages: int) -> list[tuple[Path, int]]:
    """(file, 1-based page) for the limit run: ``ocr_pages`` pages spread evenly over the scans,
    from each one's first page on."""
    share, extra = divmod(ocr_pages, len(scans)) if scans else (0, 0)
    return [(scan, page) for i, scan in enumerate(scans) for page in range(1, share + (i < extra) + 1)]


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # waited-for descendants: workers and their tools
    return usage.ru_utime + usage.ru_stime


def tesseract_limit(pages: list[tuple[Path, int]], processes: int, workdir: Path) -> float:
    """Seconds for ``pdftoppm`` + ``tesseract`` alone on ``pages``, ``processes`` pages at a time.

    Each tool starts a session of its own as the pipeline's workers do: with the kernel's
    autogroup scheduling a session is what gets a share of a busy machine's CPU."""

    def one(job: tuple[Path, int]) -> None:
        pdf, page = job
        with tempfile.TemporaryDirectory(dir=workdir) as own:  # page images of two files must not collide
            stem = Path(own) / "page"
            subprocess.run(render_command(pdf, page, stem), check=True, capture_output=True, start_new_session=True)
            subprocess.run(
                tesseract_command(stem.with_suffix(".pgm")),
                check=True,
                capture_output=True,
                env=TESSERACT_ENV,
                start_new_session=True,
            )

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=processes) as pool:
        list(pool.map(one, pages))
    return time.monotonic() - started


def _spread(values: list[float]) -> dict[str, float]:
    return {"min": round(min(values), 3), "median": round(statistics.median(values), 3), "max": round(max(values), 3)}


def ocr_against_limit(scans: int, pages: int, workers: int, repeats: int, tmp: Path) -> dict:
    """Pipeline OCR pages/min and tesseract's limit on the same pages, ``repeats`` times."""
    cores = os.cpu_count() or 1
    rounds: list[dict[str, Any]] = []
    for repeat in range(repeats):
        folder = tmp / f"ocr-{repeat}"
        folder.mkdir()
        corpus = build_corpus(corpus_names(scans, 0, 0), pages)  # new bytes: nothing cached
        cpu = _children_cpu_s()
        with Store(folder / "bench.sqlite") as store, DocumentCache(folder / "cache.sqlite") as cache:
            stats = process_run(store, store_as_run(store, corpus), workers, cache=cache, max_pages=pages)
        pipeline_cpu = _children_cpu_s() - cpu
        files = []
        for name, body in sorted(corpus.items()):
            files.append(folder / name)
            files[-1].write_bytes(body)
        cpu = _children_cpu_s()
        limit_s = tesseract_limit(reference_pages(files, stats.ocr_pages), cores, folder)
        limit_cpu = _children_cpu_s() - cpu
        pipeline = _pages_per_minute(stats.ocr_pages, stats.seconds)
        limit = _pages_per_minute(stats.ocr_pages, limit_s)
        rounds.append(
            {
                "ocr_pages": stats.ocr_pages,
                "pipeline_s": stats.seconds,
                "limit_s": round(limit_s, 2),
                "pipeline_pages_per_minute": pipeline,
                "limit_pages_per_minute": limit,
                "ratio": round(pipeline / limit, 3) if limit else 0.0,
                # CPU seconds (all processes) per page: what a shared machine's load does not move
                "pipeline_cpu_s_per_page": round(pipeline_cpu / stats.ocr_pages, 3) if stats.ocr_pages else 0.0,
                "limit_cpu_s_per_page": round(limit_cpu / stats.ocr_pages, 3) if stats.ocr_pages else 0.0,
                "cpu_ratio": round(limit_cpu / pipeline_cpu, 3) if pipeline_cpu else 0.0,
                "statuses": stats.by_status,
            }
        )
    return {
        "scans": scans,
        "pages_per_scan": pages,
        "workers": workers,
        "limit_processes": cores,
        "rounds": rounds,
        "ratio": _spread([r["ratio"] for r in rounds]),
        "cpu_ratio": _spread([r["cpu_ratio"] for r in rounds]),
    }


def run_bench(scans: int, pages: int, texts: int, office: int, changed: float, workers: int, repeats: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="oit-bench-docs-") as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        ocr = ocr_against_limit(scans, pages, workers, repeats, Path(tmp))
        first_corpus = build_corpus(corpus_names(scans, texts, office), pages)
        second_corpus = next_night(first_corpus, changed, pages)
        with DocumentCache(Path(tmp) / "cache.sqlite") as cache:
            first = process_run(store, store_as_run(store, first_corpus), workers, cache=cache, max_pages=pages)
            second = process_run(store, store_as_run(store, second_corpus), workers, cache=cache, max_pages=pages)
    return {
        "workers": workers,
        "ocr": ocr,
        "first_run": _summary(first),
        "second_run": {**_summary(second), "changed_share": changed},
    }


_DOCUMENT_KINDS = ("pdf", "pdf_scan", "xlsx")
_DATED_STATES = ("current", "stale", "incomplete")


def _path_query(url: str) -> str:
    parts = urlsplit(url)  # the fleet's truth names its default port; the crawl may use another
    return f"{parts.hostname}{parts.path}?{parts.query}"


def year_outcome(truth_year: int, read: list[int]) -> str:
    if read and read[0] == truth_year:
        return "first"
    if truth_year in read:
        return "among"
    return "wrong" if read else "none"


def fleet_year_accuracy(folder: Path) -> dict:
    """Per document kind of the fleet's truth: how the evidence's fiscal year was read."""
    from bench.accuracy import TRUTH_FILE, crawl_fleet

    fleet, store, run_id = crawl_fleet(folder, reuse=False)
    try:
        documents = {_path_query(d.url): d for snap in store.snapshots(run_id) for d in snap.documents}
        truth = json.loads((folder / TRUTH_FILE).read_text(encoding="utf-8"))
    finally:
        fleet.stop()
    outcomes: dict[str, Counter] = defaultdict(Counter)
    wrong: list[str] = []
    reachable = {site_id: site for site_id, site in truth["sites"].items() if site["site_status"] == "ok"}
    for site_id, site in reachable.items():
        for key, entry in site["items"].items():
            if entry["kind"] not in _DOCUMENT_KINDS or entry["state"] not in _DATED_STATES or not entry["fiscal_year"]:
                continue
            found = [documents[k] for k in map(_path_query, entry["evidence_urls"]) if k in documents]
            if not found:
                outcomes[entry["kind"]]["not_crawled"] += 1
                continue
            document = found[-1]
            outcome = year_outcome(entry["fiscal_year"], document.fiscal_years)
            outcomes[entry["kind"]][outcome] += 1
            outcomes[entry["kind"]][f"status_{document.status.value}"] += 1
            if outcome == "wrong":
                wrong.append(f"{site_id} {key}: {entry['fiscal_year']} read as {document.fiscal_years} ({document.url})")
    return {
        "reachable_sites": len(reachable),
        "documents": len(documents),
        "years": {k: dict(c) for k, c in outcomes.items()},
        "wrong_years": wrong,
    }


def fleet_ocr_pages(folder: Path, generated: tuple[int, int] | None = None) -> dict:
    """The demo fleet (or ``generated`` sites) crawled, its documents read with a fresh cache, judged;
    then the rest of the partly read scans that items lacking elements cite (documents/ondemand.py),
    those sites judged again: scanned pages in the distinct scans, pages OCR'd as planned and on
    demand, and the verdicts that changed."""
    from bench.accuracy import crawl_sites
    from crawler.sites import load_sites
    from documents.ondemand import read_rest
    from evaluate.engine import evaluate_run
    from evaluate.ruleset import load_ruleset
    from fleet.sets import bench_set
    from fleet.testing import start_demo, start_fleet

    fleet = start_fleet(bench_set(*generated), folder) if generated else start_demo(folder)
    try:
        with Store(folder / "oit.sqlite") as store, DocumentCache(folder / "cache.sqlite") as cache:
            started = time.monotonic()
            run_id = crawl_sites(store, folder, load_sites(fleet.sites_file), "bench-ocr", fleet.as_of, cache=cache)
            crawled_and_read = time.monotonic() - started
            scans = {d.content_hash: d for snap in store.snapshots(run_id) for d in snap.documents if d.method == "ocr"}
            ruleset = load_ruleset(None)
            first = evaluate_run(store, run_id, ruleset, fleet.as_of)
            rest = read_rest(store, first, cache=cache)
            again = evaluate_run(store, run_id, ruleset, fleet.as_of, site_ids=rest.sites)
    finally:
        fleet.stop()
    before = {(site.id, item.key): item.status.value for site in first.sites for item in site.items}
    changed = Counter(
        f"{before[(site.id, item.key)]} -> {item.status.value}"
        for site in again.sites
        for item in site.items
        if before[(site.id, item.key)] != item.status.value
    )
    planned = sum(d.pages_read for d in scans.values())
    return {
        "sites": len(first.sites),
        "distinct_ocr_documents": len(scans),
        "pages_in_those_documents": sum(d.pages for d in scans.values()),
        "ocr_pages_planned": planned,
        "crawl_and_documents_s": round(crawled_and_read, 1),
        "on_demand": {
            "documents": rest.documents,
            "ocr_pages": rest.ocr_pages,
            "seconds": rest.seconds,
            "sites_judged_again": len(rest.sites),
            "verdicts_changed": dict(changed),
        },
        "ocr_pages_total": planned + rest.ocr_pages,
    }


def _command(args: argparse.Namespace) -> int:
    if args.ocr_saved:
        with tempfile.TemporaryDirectory(prefix="oit-bench-docs-") as tmp:
            generated = (args.generated, 1) if args.generated else None
            print(json.dumps(fleet_ocr_pages(Path(tmp), generated), ensure_ascii=False))
        return 0
    if args.fleet:
        with tempfile.TemporaryDirectory(prefix="oit-bench-docs-") as tmp:
            print(json.dumps(fleet_year_accuracy(Path(tmp)), ensure_ascii=False))
        return 0
    result = run_bench(args.scans, args.pages, args.texts, args.office, args.changed, args.workers, args.repeats)
    print(json.dumps(result, ensure_ascii=False))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "documents", help="OCR throughput (pages/min) against tesseract alone, and cache share on a second run"
    )
    parser.add_argument("--scans", type=int, default=10, help="scanned PDFs (default 10)")
    parser.add_argument("--pages", type=int, default=3, help="pages per scanned PDF (default 3); OCR reads those its plan needs")
    parser.add_argument("--texts", type=int, default=20, help="PDFs with a text layer (default 20)")
    parser.add_argument("--office", type=int, default=10, help="DOCX and XLSX files (default 10)")
    parser.add_argument(
        "--changed", type=float, default=0.1, help="share of files that changed before the second run (default 0.1)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel parsers (default: one per core)")
    parser.add_argument("--repeats", type=int, default=3, help="times the OCR comparison with tesseract alone is run (default 3)")
    parser.add_argument(
        "--fleet",
        action="store_true",
        help="instead: crawl the demo fleet and check the years read from documents against its truth",
    )
    parser.add_argument(
        "--ocr-saved",
        action="store_true",
        help="instead: crawl the demo fleet, judge it, read the rest of the scans items lacking elements "
        "cite; print the pages OCR'd as planned and on demand against the pages of the scans",
    )
    parser.add_argument(
        "--generated", type=int, metavar="N", help="with --ocr-saved: N generated sites (seed 1) instead of the demo set"
    )
    parser.set_defaults(func=_command)
