"""What the families serve over real HTTP: encodings, headers, URL shapes, documents."""

from __future__ import annotations

import http.client
import io
import json
import re
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from fleet.builder import build_site


def get(url: str, method: str = "GET") -> http.client.HTTPResponse:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def test_oldtable_is_tis620_named_only_in_meta(fleet_demo):
    response = get(fleet_demo.url("oldtable-tis620"))
    assert response.getheader("Content-Type") == "text/html"
    assert b"charset=tis-620" in response.body
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    assert "องค์การบริหารส่วนตำบล" in response.body.decode("cp874") or "เทศบาลตำบล" in response.body.decode("cp874")
    assert response.getheader("Server") == "Microsoft-IIS/6.0"


def test_wrong_charset_header_gives_mojibake(fleet_demo):
    response = get(fleet_demo.url("oldtable-latin1-header"))
    assert response.getheader("Content-Type") == "text/html; charset=ISO-8859-1"
    as_declared = response.body.decode("iso-8859-1")
    assert not re.search("[\u0e00-\u0e7f]", as_declared)  # no Thai when decoded as the header says
    assert re.search("[\u0e00-\u0e7f]", response.body.decode("cp874"))


@pytest.mark.parametrize("site_id", ["lao-ita2569", "wp-flowpaper", "datanews-stale", "doconly-drive"])
def test_modern_families_send_utf8(fleet_demo, site_id):
    response = get(fleet_demo.url(site_id))
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert re.search("[\u0e00-\u0e7f]", response.body.decode("utf-8"))


def test_keep_alive_serves_several_requests_on_one_connection(fleet_demo):
    parts = urlsplit(fleet_demo.url("lao-ita2569"))
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    for path in ("/", "/ita.php", "/news.php", "/robots.txt"):
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        assert response.status == 200 and response.getheader("Connection") == "keep-alive"
    conn.close()


def test_wordpress_slugs_duplicates_and_rest_api(fleet_demo):
    spec = fleet_demo.spec("wp-flowpaper")
    site = build_site(spec, fleet_demo.as_of)
    posts = [p for p in site.pages.values() if p.kind == "post" and "%e0" in p.path]
    assert posts, "percent-encoded Thai slugs"
    post = posts[0]
    lower = get(fleet_demo.url(spec.id, post.path))
    upper = get(fleet_demo.url(spec.id, re.sub(r"%[0-9a-f]{2}", lambda m: m.group(0).upper(), post.path)))
    assert lower.status == upper.status == 200 and lower.body == upper.body
    number = next(n for n, p in site.numbered_pages() if p is post)
    assert get(fleet_demo.url(spec.id, f"/?p={number}")).body == lower.body
    api = get(fleet_demo.url(spec.id, f"/wp-json/wp/v2/posts/{number}"))
    assert api.getheader("Content-Type").startswith("application/json")
    assert b"\\u0e" in api.body  # Thai escaped as WordPress does
    assert json.loads(api.body)["title"]["rendered"] == post.title
    assert isinstance(json.loads(get(fleet_demo.url(spec.id, "/wp-json/wp/v2/pages")).body), list)
    assert get(fleet_demo.url(spec.id, "/wp-json/wp/v2/posts/999999")).status == 404


def test_flowpaper_iframe_carries_the_real_pdf(fleet_demo):
    spec = fleet_demo.spec("wp-flowpaper")
    site = build_site(spec, fleet_demo.as_of)
    frames = [m for p in site.pages.values() for m in re.findall(r'<iframe src="([^"]+flipbook[^"]+)"', p.main)]
    assert frames
    viewer = frames[0].replace("&amp;", "&")
    assert get(viewer).status == 200
    pdf = get(parse_qs(urlsplit(viewer).query)["pdf"][0])
    assert pdf.getheader("Content-Type") == "application/pdf" and pdf.body.startswith(b"%PDF")


def test_joomla_print_view_duplicates_the_article(fleet_demo):
    spec = fleet_demo.spec("joomla-redirects")
    site = build_site(spec, fleet_demo.as_of)
    article = next(p for p in site.pages.values() if p.kind == "post")
    page = get(fleet_demo.url(spec.id, article.path)).body.decode()
    print_href = re.search(r'class="print" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    printed = get(fleet_demo.url(spec.id, print_href))
    assert printed.status == 200 and article.title in printed.body.decode() and b"window.print" in printed.body


def test_lao_vendor_ita_page_lists_codes_with_links(fleet_demo):
    body = get(fleet_demo.url("lao-ita2569", "/ita.php")).body.decode()
    assert "การเปิดเผยข้อมูลสาธารณะ (OIT)" in body
    codes = re.findall(r"<tr><td>([^<]+)</td>", body)
    assert len(codes) == 26  # the 2569 list


def test_documents_text_scanned_and_xlsx(fleet_demo):
    kinds = {}
    for spec in fleet_demo.sites[:10]:
        for entry in fleet_demo.truth()[spec.id].values():
            if entry.state in ("current", "stale"):
                for url in entry.evidence_urls:
                    suffix = url.rsplit(".", 1)[-1]
                    kinds.setdefault((entry.kind, suffix), url)
    text_pdf = get(kinds[("pdf", "pdf")]).body
    text = subprocess.run(["pdftotext", "-", "-"], input=text_pdf, capture_output=True, check=True).stdout.decode()
    assert re.search("[\u0e00-\u0e7f]{5}", text)
    scan = get(kinds[("pdf_scan", "pdf")]).body
    scan_text = subprocess.run(["pdftotext", "-", "-"], input=scan, capture_output=True, check=True).stdout.decode()
    assert scan.startswith(b"%PDF") and not re.search("[\u0e00-\u0e7f]", scan_text)  # image only
    from openpyxl import load_workbook

    xlsx_url = next(u for (kind, suffix), u in kinds.items() if suffix == "xlsx")
    response = get(xlsx_url)
    assert response.getheader("Content-Type").endswith("spreadsheetml.sheet")
    cells = [c for row in load_workbook(io.BytesIO(response.body)).active.iter_rows(values_only=True) for c in row if c]
    assert "วิธีซื้อหรือจ้าง" in cells


def test_unknown_paths_answer_404_and_head_has_no_body(fleet_demo):
    assert get(fleet_demo.url("lao-ita2569", "/no/such/page.php")).status == 404
    head = get(fleet_demo.url("lao-ita2569"), "HEAD")
    assert head.status == 200 and head.body == b"" and int(head.getheader("Content-Length")) > 1000


def test_forms_accept_posts(fleet_demo):
    spec = fleet_demo.spec("lao-ita2569")
    forms = [e for e in fleet_demo.truth()[spec.id].values() if e.kind == "form" and e.state == "current"]
    body = get(forms[0].evidence_urls[0]).body.decode()
    action = re.search(r'<form method="post" action="([^"]+)"', body).group(1)
    parts = urlsplit(spec.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("POST", action, body="detail=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    assert response.status == 200 and "ได้รับข้อมูล" in response.read().decode()


def test_framed_old_site_serves_its_home_in_a_frame(fleet_demo):
    frameset = get(fleet_demo.url("oldtable-tis620")).body.decode("cp874")
    assert "<frameset" in frameset and 'src="main.htm"' in frameset
    main = get(fleet_demo.url("oldtable-tis620", "/main.htm")).body.decode("cp874")
    assert "ข่าวประชาสัมพันธ์" in main and "<frameset" not in main


def test_documents_served_on_a_share_of_the_sites_only():
    from fleet.server import FleetServer
    from fleet.sets import DEMO_AS_OF, demo_set
    from fleet.truth import truth_for

    specs = [spec for spec in demo_set() if spec.id == "lao-ita2569"]
    for share, status in ((1.0, 200), (0.0, 404)):
        with FleetServer(specs, DEMO_AS_OF, port=0, documents_share=share) as server:
            spec = server.specs[0]
            documents = [
                url for entry in truth_for(spec, DEMO_AS_OF).values() for url in entry.evidence_urls if url.endswith(".pdf")
            ]
            assert get(documents[0]).status == status
            assert get(spec.url).status == 200  # its pages are served either way
