"""Store: migrations, atomic site writes, last known evidence, blobs, document results; on SQLite and on
PostgreSQL (``any_db``)."""

from __future__ import annotations

import sqlite3

import pytest

from store.db import SiteCrawlResult, Store, content_hash, is_db_url
from store.records import (
    DocumentRecord,
    DocumentStatus,
    Form,
    Image,
    Link,
    LinkKind,
    PageRecord,
    Site,
    SiteCrawl,
    SiteStatus,
)
from store.schema import MIGRATIONS

LOI = Site("loi", "องค์การบริหารส่วนตำบลลอย", "http://127.0.1.5:8080/", type="อบต.", extra_hosts=("loi.go.th",))
NONG = Site("nong", "องค์การบริหารส่วนตำบลหนอง", "http://127.0.1.6:8080/")


def page(site: Site, path: str, text: str = "โครงสร้างส่วนราชการ") -> PageRecord:
    body = f"<html>{text}</html>".encode()
    return PageRecord(
        site_id=site.id,
        url=site.url + path,
        status=200,
        title="หน้า " + path,
        main_text=text,
        links=[
            Link(site.url + "x", "ข้อมูลผู้บริหาร", "เมนู", False, LinkKind.PAGE),
            Link("https://facebook.com/loi", "Facebook", kind=LinkKind.EXTERNAL),
        ],
        forms=[Form("/send", "post", ("name", "ข้อความ"), True, "ส่ง")],
        images=[Image(site.url + "a.jpg", "นายก", True)],
        click_path=["ข้อมูลหน่วยงาน", "โครงสร้าง"],
        depth=2,
        fiscal_years=[2569],
        content_hash=content_hash(body),
    )


def save(store: Store, run_id: int, site: Site, status: SiteStatus, pages: list[PageRecord] = ()) -> None:
    store.start_site(run_id, site)
    bodies = {p.content_hash: f"<html>{p.main_text}</html>".encode() for p in pages}
    docs = [DocumentRecord(site.id, site.url + "plan.pdf", DocumentStatus.PENDING, size=3, content_hash="h1")]
    store.save_site(
        SiteCrawlResult(
            SiteCrawl(run_id, site, status, detail="" if status is SiteStatus.OK else "connection refused"),
            pages=list(pages),
            documents=docs if pages else [],
            bodies=bodies,
        )
    )


@pytest.fixture
def store(any_db):
    with Store(any_db) as s:
        yield s


def test_migrations_are_recorded_and_reopening_is_idempotent(any_db):
    Store(any_db).close()
    with Store(any_db) as again:
        assert again.schema_version() == len(MIGRATIONS)
    if not is_db_url(any_db):
        assert sqlite3.connect(any_db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_site_round_trip_keeps_every_field(store):
    run = store.begin_run("crawl")
    store.register_sites(run, [LOI])
    original = page(LOI, "structure")
    save(store, run, LOI, SiteStatus.OK, [original])
    [snap] = list(store.snapshots(run))
    assert snap.crawl.status is SiteStatus.OK and snap.evidence_run_id == run
    assert snap.crawl.site == LOI
    assert snap.pages == [original]
    assert snap.documents[0].status is DocumentStatus.PENDING
    assert store.raw_body(original.content_hash) == "<html>โครงสร้างส่วนราชการ</html>".encode()
    assert store.sites() == [LOI]


def test_down_site_keeps_last_known_evidence_and_current_status(store):
    first = store.begin_run("crawl")
    store.register_sites(first, [LOI, NONG])
    save(store, first, LOI, SiteStatus.OK, [page(LOI, "a")])
    save(store, first, NONG, SiteStatus.OK, [page(NONG, "b")])
    store.finish_run(first, "complete")
    second = store.begin_run("crawl")
    store.register_sites(second, [LOI, NONG])
    save(store, second, LOI, SiteStatus.CONNECTION_REFUSED)
    # NONG never written in the second run: as if the run was killed before reaching it.
    snaps = {s.crawl.site.id: s for s in store.snapshots(second)}
    assert snaps["loi"].crawl.status is SiteStatus.CONNECTION_REFUSED
    assert snaps["loi"].evidence_run_id == first and [p.url for p in snaps["loi"].pages] == [LOI.url + "a"]
    assert snaps["nong"].crawl.status is SiteStatus.PENDING and snaps["nong"].evidence_run_id == first
    assert [s.crawl.site.id for s in store.snapshots(second, site_ids=["nong"])] == ["nong"]


def test_site_never_reached_has_no_evidence(store):
    run = store.begin_run("crawl")
    store.register_sites(run, [LOI])
    save(store, run, LOI, SiteStatus.TIMEOUT)
    [snap] = list(store.snapshots(run))
    assert snap.evidence_run_id is None and snap.pages == [] and snap.crawl.status is SiteStatus.TIMEOUT


def test_batches_are_invisible_until_the_site_is_saved_and_a_restart_drops_them(store):
    first = store.begin_run("crawl")
    store.register_sites(first, [LOI])
    save(store, first, LOI, SiteStatus.OK, [page(LOI, "old")])
    run = store.begin_run("crawl")
    store.register_sites(run, [LOI])
    store.start_site(run, LOI)
    store.add_pages(run, LOI.id, [page(LOI, "a"), page(LOI, "b")], {})
    [snap] = list(store.snapshots(run))
    assert snap.crawl.status is SiteStatus.PENDING and [p.url for p in snap.pages] == [LOI.url + "old"]
    save(store, run, LOI, SiteStatus.OK, [page(LOI, "c")])  # restarted: start_site drops a and b
    [snap] = list(store.snapshots(run))
    assert [p.url for p in snap.pages] == [LOI.url + "c"] and snap.crawl.pages == 1
    store.start_site(run, LOI)
    store.add_pages(run, LOI.id, [page(LOI, "d")], {})
    store.save_site(SiteCrawlResult(SiteCrawl(run, LOI, SiteStatus.OK), pages=[page(LOI, "d"), page(LOI, "e")]))
    [snap] = list(store.snapshots(run))
    assert sorted(p.url for p in snap.pages) == [LOI.url + "d", LOI.url + "e"] and snap.crawl.pages == 2


def test_unchanged_body_is_stored_once(store):
    for _ in range(2):
        run = store.begin_run("crawl")
        store.register_sites(run, [LOI])
        save(store, run, LOI, SiteStatus.OK, [page(LOI, "a")])
    assert store._db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == 1


def test_runs_report_progress_and_dead_owner_is_interrupted(store):
    run = store.begin_run("crawl")
    store.register_sites(run, [LOI, NONG])
    save(store, run, LOI, SiteStatus.OK, [page(LOI, "a")])
    info = store.run(run)
    assert (info.status, info.sites_total, info.sites_done) == ("running", 2, 1)
    store._db.execute("UPDATE runs SET owner_pid = 999999999 WHERE id = ?", (run,))
    assert store.runs()[0].status == "interrupted"
    store.finish_run(run, "partial", {"pages": 1})
    assert store.run(run).stats == {"pages": 1}
    with pytest.raises(ValueError):
        store.finish_run(run, "done")


def test_a_run_owned_by_another_host_is_left_to_that_host(store):
    """A shared PostgreSQL store: a pid is only known dead on its own host."""
    elsewhere, here = store.begin_run("crawl"), store.begin_run("crawl")
    store._db.execute("UPDATE runs SET owner_pid = 999999999, owner_host = 'another-machine' WHERE id = ?", (elsewhere,))
    store._db.execute("UPDATE runs SET owner_pid = 999999999 WHERE id = ?", (here,))
    assert store.mark_dead_runs_interrupted() == [here]
    assert store.run(elsewhere).status == "running"


def test_documents_stage_writes_results_back(store):
    run = store.begin_run("crawl")
    store.register_sites(run, [LOI])
    save(store, run, LOI, SiteStatus.OK, [page(LOI, "a")])
    [(doc_run, doc)] = store.pending_documents(run)
    assert doc_run == run
    doc.status, doc.text, doc.fiscal_years = DocumentStatus.OK, "แผนพัฒนาท้องถิ่น", [2569]
    assert store.save_document_results(run, [doc]) == 1
    assert store.pending_documents(run) == []
    [snap] = list(store.snapshots(run))
    assert snap.documents[0].text == "แผนพัฒนาท้องถิ่น" and snap.documents[0].fiscal_years == [2569]


def test_a_run_lists_its_sites_in_the_order_registered_with_their_latest_definition(store):
    first = store.begin_run("crawl")
    store.register_sites(first, [NONG, LOI])
    other = store.begin_run("crawl")
    moved = Site("nong", "องค์การบริหารส่วนตำบลหนอง", "http://127.0.1.7:8080/")
    store.register_sites(other, [moved])
    assert store.run_sites(first) == [moved, LOI]  # a site's definition is the latest registered
    assert store.run_sites(other) == [moved]
    assert store.run_sites(999) == []


def test_named_url_click_paths_of_older_stores_read_as_the_code():
    from store.records import NAMED_URL_STEP
    from store.serialize import document_from_row, document_to_json, page_from_row, page_to_json

    old = ["ไม่พบลิงก์จากหน้าเว็บที่ตรวจ (URL ที่หน่วยงานระบุไว้)"]  # what the crawler stored before the code
    page = PageRecord("s", "http://127.0.0.9/ita", 200, click_path=list(old))
    assert page_from_row("s", page.url, 200, "", page_to_json(page)).click_path == [NAMED_URL_STEP]
    doc = DocumentRecord("s", "http://127.0.0.9/a.pdf", DocumentStatus.PENDING, click_path=list(old))
    assert document_from_row("s", doc.url, "pending", "", document_to_json(doc)).click_path == [NAMED_URL_STEP]
    linked = PageRecord("s", "http://127.0.0.9/x", 200, click_path=["หน้าหลัก", *old])
    assert page_from_row("s", linked.url, 200, "", page_to_json(linked)).click_path == linked.click_path
