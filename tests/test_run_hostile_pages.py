"""One bad page must not cost the night: a real ``oit run`` (crawl process, rules, reports) over
loopback sites that serve what hostile or careless sites serve.

- a home page whose meta refresh goes to ``javascript:``, ``mailto:`` or ``tel:`` (it failed the
  whole site with a ValueError), and a redirect to ``javascript:``;
- links to ``data:``, ``vbscript:`` and entity-obfuscated ``javascript:`` on a page named for an
  item (they were judged "unverifiable" and listed as evidence URLs for officers);
- a 4.5 MB page of 200,000 links in one container (minutes of CPU, which stalled an unrelated
  site in the same crawl process) next to a slow ordinary site;
- 100,000 nested ``<div>``s (read as an empty page without a word).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from crawler.testing import LoopbackSite, Reply, html, redirect
from store.db import Store
from store.records import PageWarning, SiteStatus

REPO = Path(__file__).resolve().parents[1]
ORDINARY_PAGES = 30
HOSTILE_HREFS = (
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "java&#x09;script:alert(1)",
    "&#x01;javascript:alert(1)",
)


def refresh_home(target: str) -> Reply:
    return Reply(
        f'<html><head><meta http-equiv="refresh" content="0;url={target}"><title>อบต.</title></head>'
        '<body><div class="content"><a href="/about">ข้อมูลหน่วยงาน</a></div></body></html>'
    )


def refresh_site(target: str) -> dict[str, Reply]:
    return {"/": refresh_home(target), "/about": html('<div class="content">ประวัติความเป็นมาของตำบล</div>')}


def hostile_links_site() -> dict[str, Reply]:
    attachments = "".join(f'<li><a href="{href}">ดาวน์โหลดแผนพัฒนาท้องถิ่น {i}</a></li>' for i, href in enumerate(HOSTILE_HREFS))
    return {
        "/": html('<div class="content"><a href="/plan">แผนพัฒนาท้องถิ่น</a></div>'),
        "/plan": html(f'<div class="content"><h1>แผนพัฒนาท้องถิ่น</h1><ul>{attachments}</ul></div>', title="แผนพัฒนาท้องถิ่น"),
    }


def huge_site() -> dict[str, Reply]:
    links = "".join(f"<a href=/{i}>{i % 1000}</a>" for i in range(200_000))
    return {
        "/": html('<div class="content"><a href="/all">ข่าวทั้งหมด</a></div>'),
        "/all": html(f'<div class="content">{links}</div>'),
    }


def deep_site() -> dict[str, Reply]:
    nested = "<div>" * 100_000 + "ข้อความ" + "</div>" * 100_000
    return {"/": html('<div class="content"><a href="/deep">หน้าลึก</a></div>'), "/deep": html(nested)}


def ordinary_site() -> dict[str, Reply]:
    """A slow site: it is still being crawled when the huge page arrives in the same process."""
    home = "".join(f'<a href="/news{i}">ข่าว {i}</a> ' for i in range(ORDINARY_PAGES))
    routes = {"/": html(f'<div class="content">{home}</div>')}
    routes.update({f"/news{i}": Reply(html(f"ข่าวประชาสัมพันธ์ {i}").body, delay=0.5) for i in range(ORDINARY_PAGES)})
    return routes


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    with (
        LoopbackSite("127.0.6.1", refresh_site("javascript:alert(document.cookie)")) as refresh_js,
        LoopbackSite("127.0.6.2", refresh_site("mailto:saraban@example.go.th")) as refresh_mail,
        LoopbackSite("127.0.6.3", refresh_site("tel:+6621234567")) as refresh_tel,
        LoopbackSite("127.0.6.4", {"/": redirect("javascript:alert(1)", 302)}) as location_js,
        LoopbackSite("127.0.6.5", hostile_links_site()) as links,
        LoopbackSite("127.0.6.6", huge_site()) as huge,
        LoopbackSite("127.0.6.7", ordinary_site()) as ordinary,
        LoopbackSite("127.0.6.8", deep_site()) as deep,
    ):
        servers = {
            "refresh-js": refresh_js,
            "refresh-mail": refresh_mail,
            "refresh-tel": refresh_tel,
            "location-js": location_js,
            "links": links,
            "huge": huge,
            "ordinary": ordinary,
            "deep": deep,
        }
        sites = folder / "sites.yaml"
        sites.write_text(
            yaml.safe_dump(
                {"sites": [{"id": sid, "name": f"อบต.{sid}", "url": server.url} for sid, server in servers.items()]},
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        settings = folder / "crawl.yaml"
        settings.write_text(
            "politeness: {enabled: false}\nlimits: {timeout: 10, retries: 0, page_cpu_seconds: 1}\n", encoding="utf-8"
        )
        config = folder / "schedule.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "run": {
                        "sites": str(sites),
                        "db": str(folder / "oit.sqlite"),
                        "out": str(folder / "out"),
                        "logs": str(folder / "logs"),
                        "crawl_settings": str(settings),
                        "formats": ["json", "csv", "xlsx", "html"],
                        # one crawl process for every site; without a CPU cap the huge page held it past this limit
                        "crawl_processes": 1,
                        "crawl_time_limit_minutes": 1,
                        "stop_grace_seconds": 5,
                    }
                }
            ),
            encoding="utf-8",
        )
        result = subprocess.run(
            [sys.executable, "-m", "oit", "run", "--config", str(config), "--as-of", "2026-11-22"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=240,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    with Store(folder / "oit.sqlite") as store:
        run_id = store.runs(1)[0].id
        snaps = {s.crawl.site.id: s for s in store.snapshots(run_id)}
    yield result, snaps, folder / "out" / "current"


def test_the_run_completes(run):
    result, _, current = run
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "complete" in result.stdout and (current / "results.json").exists()


@pytest.mark.parametrize("site_id", ["refresh-js", "refresh-mail", "refresh-tel"])
def test_a_meta_refresh_to_a_non_web_url_is_ignored(run, site_id):
    _, snaps, _ = run
    snap = snaps[site_id]
    assert snap.crawl.status is SiteStatus.OK, snap.crawl.detail
    assert {page.url.rsplit("/", 1)[1] for page in snap.pages} == {"", "about"}


def test_a_redirect_to_javascript_is_the_home_page_answer_not_a_crash(run):
    _, snaps, _ = run
    crawl = snaps["location-js"].crawl
    assert crawl.detail == "home page answered HTTP 302"


def test_a_huge_page_is_capped_and_the_other_site_of_the_process_gets_all_its_pages(run):
    _, snaps, _ = run
    assert snaps["ordinary"].crawl.status is SiteStatus.OK
    assert len(snaps["ordinary"].pages) == ORDINARY_PAGES + 1
    huge = {page.url.rsplit("/", 1)[1]: page for page in snaps["huge"].pages}
    assert huge["all"].warnings == [PageWarning.CPU_LIMIT] and huge["all"].links == []


def test_a_page_nested_too_deep_to_read_is_flagged(run):
    _, snaps, _ = run
    deep = {page.url.rsplit("/", 1)[1]: page for page in snaps["deep"].pages}["deep"]
    assert deep.warnings == [PageWarning.TREE_TOO_DEEP]
    assert {page.url.rsplit("/", 1)[1]: page for page in snaps["deep"].pages}[""].warnings == []


def _non_web(text: str) -> list[str]:
    return [word for word in ("data:", "vbscript:", "script:", "msgbox") if word in text.lower()]


def test_only_http_urls_become_evidence_in_every_output(run):
    _, _, current = run
    results = json.loads((current / "results.json").read_text(encoding="utf-8"))
    site = next(s for s in results["sites"] if s["id"] == "links")
    urls = [e["url"] for item in site["items"] for e in item["evidence"]]
    assert urls and all(url.startswith("http://") for url in urls), urls
    plan = next(item for item in site["items"] if "development_plan" in item["keys"])
    assert plan["status"] != "unverifiable" and plan["evidence"]
    folder = current / "sites" / "links"
    for name in ("itas.csv", "gap.csv"):
        text = (folder / name).read_text(encoding="utf-8-sig")
        assert list(csv.reader(io.StringIO(text))) and not _non_web(text), name
    book = openpyxl.load_workbook(folder / "gap.xlsx", read_only=True)
    for sheet in book.worksheets:
        cells = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
        assert not _non_web(cells), sheet.title
