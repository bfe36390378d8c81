"""The post-crawl step against a real SQLite store and cache: pending documents get text, facts
and a status; identical contents are parsed once; a second run is served from the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from documents import samples
from documents.cache import OCR_ALL, DocumentCache
from documents.cli import register
from documents.model import DocumentText
from documents.process import process_run
from store.db import SiteCrawlResult, Store
from store.records import DocumentRecord, DocumentStatus, Site, SiteCrawl, SiteStatus

PLAN = ["แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569", "องค์การบริหารส่วนตำบลทดสอบ"]


@pytest.fixture(scope="module")
def bodies() -> dict[str, bytes]:
    return {
        "plan.pdf": samples.text_pdf(PLAN),
        "skr1.xlsx": samples.xlsx_bytes(
            ["สรุปผลการจัดซื้อจัดจ้าง เดือน ตุลาคม 2568"], [["งานที่จัดซื้อหรือจัดจ้าง", "ราคากลาง"], ["ซื้อวัสดุ", "500"]]
        ),
        "broken.pdf": b"%PDF-1.4\n" + b"garbage" * 50,
    }


def _crawl(store: Store, run_id: int, bodies: dict[str, bytes]) -> None:
    """Two sites as the crawler leaves them: documents pending, bodies kept by hash. Both
    sites link the same plan (a provincial circular posted everywhere)."""
    sites = [Site(id=f"sao-{n}", name=f"อบต.ทดสอบ{n}", url=f"http://127.0.1.{n}/") for n in (1, 2)]
    store.register_sites(run_id, sites)
    hashes = {name: hashlib.sha256(body).hexdigest() for name, body in bodies.items()}
    for site in sites:
        names = list(bodies) if site.id == "sao-1" else ["plan.pdf"]
        documents = [
            DocumentRecord(
                site_id=site.id,
                url=f"{site.url}files/{name}",
                status=DocumentStatus.PENDING,
                content_hash=hashes[name],
                size=len(bodies[name]),
                link_texts=["ดาวน์โหลด"],
            )
            for name in names
        ]
        store.save_site(
            SiteCrawlResult(
                crawl=SiteCrawl(run_id=run_id, site=site, status=SiteStatus.OK, documents=len(documents)),
                documents=documents,
                bodies={hashes[name]: bodies[name] for name in names},
            )
        )


def _documents(store: Store, run_id: int) -> dict[str, DocumentRecord]:
    return {
        d.url.rsplit("/", 3)[-3] + "/" + d.url.rsplit("/", 1)[-1]: d
        for snapshot in store.snapshots(run_id)
        for d in snapshot.documents
    }


def test_process_run_writes_text_facts_and_statuses_then_reuses_the_cache(tmp_path: Path, bodies) -> None:
    store = Store(tmp_path / "oit.sqlite")
    cache = DocumentCache(tmp_path / "cache.sqlite")
    first = store.begin_run("crawl")
    _crawl(store, first, bodies)

    stats = process_run(store, first, workers=2, cache=cache, ocr=False)
    assert (stats.documents, stats.unique, stats.parsed, stats.from_cache) == (4, 3, 3, 0)
    assert stats.by_status == {"ok": 3, "corrupt": 1}
    assert store.pending_documents(first) == []
    docs = _documents(store, first)
    plan = docs["127.0.1.1/plan.pdf"]
    assert plan.status is DocumentStatus.OK and plan.method == "text_layer"
    assert plan.fiscal_years == [2569] and "ประจำปีงบประมาณ" in plan.text
    assert plan.link_texts == ["ดาวน์โหลด"]  # crawl data kept
    assert docs["127.0.1.2/plan.pdf"].text == plan.text  # same content, parsed once
    assert docs["127.0.1.1/skr1.xlsx"].table_columns == ["งานที่จัดซื้อหรือจัดจ้าง", "ราคากลาง"]
    assert docs["127.0.1.1/skr1.xlsx"].months_covered == ["2568-10"]
    assert docs["127.0.1.1/broken.pdf"].status is DocumentStatus.CORRUPT

    second = store.begin_run("crawl")
    _crawl(store, second, bodies)
    again = process_run(store, second, workers=2, cache=cache, ocr=False)
    assert (again.parsed, again.from_cache, again.cache_share) == (0, 3, 1.0)
    assert _documents(store, second)["127.0.1.1/plan.pdf"].text == plan.text
    store.close()


def test_cache_keeps_results_by_hash_and_ocr_flag(tmp_path: Path) -> None:
    with DocumentCache(tmp_path / "c.sqlite") as cache:
        without_ocr = DocumentText(status=DocumentStatus.IMAGE_ONLY, error="OCR is off")
        cache.put("abc", without_ocr, ocr=False)
        assert cache.get("abc", ocr=False) == without_ocr
        assert cache.get("abc", ocr=True) is None  # a scan parsed without OCR must be OCR'd later
        with_ocr = DocumentText(status=DocumentStatus.OK, method="ocr", text="แผน", fiscal_years=[2569])
        cache.put("abc", with_ocr, ocr=True)
        assert cache.get("abc", ocr=False) == with_ocr
    with DocumentCache(tmp_path / "c.sqlite") as reopened:
        assert reopened.get("abc", ocr=True) == with_ocr
        assert reopened.get("other", ocr=False) is None


def test_a_scan_read_in_full_serves_later_requests_and_a_planned_read_does_not_serve_a_full_one(tmp_path: Path) -> None:
    with DocumentCache(tmp_path / "c.sqlite") as cache:
        planned = DocumentText(status=DocumentStatus.OK, method="ocr", text="แผน", pages=4, pages_read=2)
        cache.put("abc", planned, ocr=True)
        assert cache.get("abc", ocr=OCR_ALL) is None  # the body was not read: read it
        full = DocumentText(status=DocumentStatus.OK, method="ocr", text="แผน ขั้นตอน", pages=4, pages_read=4)
        cache.put("abc", full, ocr=OCR_ALL)
        assert cache.get("abc", ocr=OCR_ALL) == full
        assert cache.get("abc", ocr=True) == full  # the next night's documents step has the whole text


def test_cli_reports_what_it_did(tmp_path: Path, bodies, capsys) -> None:
    import argparse

    db = tmp_path / "oit.sqlite"
    with Store(db) as store:
        run_id = store.begin_run("crawl")
        _crawl(store, run_id, {"plan.pdf": bodies["plan.pdf"]})
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["documents", "--db", str(db), "--cache", str(tmp_path / "c.sqlite"), "--no-ocr"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert f"run {run_id}: 2 documents (1 distinct): 1 parsed, 0 from cache" in out
    assert "ok 2" in out
