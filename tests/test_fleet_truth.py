"""The fleet's ground truth against the pages it serves: every entry points at what it claims."""

from __future__ import annotations

import http.client
import re
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import unquote, urljoin, urlsplit

from crawler.urls import resolve_viewer
from fleet.builder import build_site
from fleet.items import ITEMS
from fleet.plan import STATES
from fleet.routes import respond
from fleet.truth import expected_site_status

LINK = re.compile(r"""(?:href|src|data)=["']([^"'#][^"']*)["']""")
JUDGED = ("current", "stale", "incomplete")


def fetch(url: str, timeout: float = 20) -> tuple[int, bytes]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def reachable(site) -> set[str]:
    """Every URL of the site reachable from its home page (links, images, frames, viewer pdf=)."""
    base = site.base_url
    seen, queue = {base + "/"}, [base + "/"]
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        response = respond(site, "GET", unquote(parts.path), parts.query)
        if response is not None and response.status in (301, 302):
            target = urljoin(url, dict(response.headers)["Location"])
            if target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.status != 200 or not response.content_type.startswith("text/html"):
            continue
        html = response.body.decode(site.family.encoding, errors="replace")
        for raw in LINK.findall(html):
            target = urljoin(url, raw.replace("&amp;", "&"))
            target = resolve_viewer(target) or target  # FlowPaper pdf=, Office Online src=
            if target.startswith(base) and target not in seen and "/calendar" not in target:
                seen.add(target)
                queue.append(target)
    return seen


def judged_sites(fleet):
    return [s for s in fleet.sites if expected_site_status(s.faults)[0] == "ok"]


def test_truth_covers_every_stable_key_with_a_known_state(fleet_demo):
    truth = fleet_demo.truth()
    assert set(truth) == {s.id for s in fleet_demo.sites}
    for entries in truth.values():
        assert set(entries) == {item.key for item in ITEMS}
        assert {e.state for e in entries.values()} <= set(STATES)


def test_demo_truth_has_every_state_and_evidence_form():
    from fleet.sets import DEMO_AS_OF, demo_set

    entries = [e for s in demo_set() for e in build_site(s, DEMO_AS_OF).truth.values()]
    assert set(Counter(e.state for e in entries)) == set(STATES)
    assert {"page", "pdf", "pdf_scan", "docx", "xlsx", "drive", "form", "webboard", "external"} <= {e.kind for e in entries}
    assert any(e.doc_only for e in entries if e.state == "current")


def test_judged_evidence_is_served_and_reachable_from_home(fleet_demo):
    for spec in judged_sites(fleet_demo):
        site = build_site(spec, fleet_demo.as_of)
        links = reachable(site)
        for key, entry in site.truth.items():
            local = [u for u in entry.evidence_urls if u.startswith(spec.base_url)]
            if entry.state in JUDGED:
                assert local, (spec.id, key)
                missing = [u for u in local if u not in links and u + "/" not in links]
                assert not missing, (spec.id, key, missing)


def test_evidence_answers_over_http_as_its_state_says(fleet_demo):
    """Pages and a few documents per site over HTTP; the other documents by their route (rendering
    every PDF of the demo would make a cold run slow)."""

    def status_of(site, url: str, fetched_documents: list[str]) -> int:
        parts = urlsplit(url)
        routed = respond(site, "GET", unquote(parts.path), parts.query)
        if routed.document is not None and len(fetched_documents) >= 3:
            return routed.status
        if routed.document is not None:
            fetched_documents.append(url)
        return fetch(url)[0]

    def check(spec) -> list[str]:
        problems, documents = [], []
        site = build_site(spec, fleet_demo.as_of)
        for key, entry in fleet_demo.truth()[spec.id].items():
            for url in entry.evidence_urls:
                local = url.startswith(spec.base_url)
                if entry.state == "unverifiable":
                    if local:
                        problems.append(f"{key}: unverifiable evidence on the site itself {url}")
                    continue
                if not local:
                    continue
                status = status_of(site, url, documents)
                if entry.state in JUDGED and status != 200:
                    problems.append(f"{key}: {entry.state} evidence {url} answered {status}")
                if entry.state == "broken" and status < 400:
                    problems.append(f"{key}: broken evidence {url} answered {status}")
            if entry.state == "absent" and entry.evidence_urls:
                problems.append(f"{key}: absent but has evidence {entry.evidence_urls}")
            if entry.state == "broken" and not entry.evidence_urls and "#" not in entry.note:
                problems.append(f"{key}: broken without a dead target")
            for decoy in entry.decoys:
                if fetch(decoy)[0] != 200:
                    problems.append(f"{key}: decoy {decoy} not served")
        return problems

    with ThreadPoolExecutor(4) as pool:
        problems = [p for found in pool.map(check, judged_sites(fleet_demo)) for p in found]
    assert not problems, problems[:10]


def _digits(year: int) -> tuple[str, str]:
    return str(year), str(year).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def test_stated_fiscal_year_is_in_the_evidence_text(fleet_demo):
    """Year-bound evidence states its FY (pages and text PDFs; scans are checked by OCR elsewhere)."""
    checked = 0
    for spec in judged_sites(fleet_demo)[:6]:
        for key, entry in fleet_demo.truth()[spec.id].items():
            if entry.state not in JUDGED or entry.fiscal_year is None or entry.kind not in ("page", "pdf") or key == "news":
                continue
            text = ""
            for url in entry.evidence_urls:
                status, body = fetch(url)
                if body.startswith(b"%PDF"):
                    text += subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout.decode()
                elif not url.endswith(".xlsx"):
                    text += body.decode(build_site(spec, fleet_demo.as_of).family.encoding, errors="replace")
            assert any(y in text for y in _digits(entry.fiscal_year)), (spec.id, key, entry.evidence_urls)
            checked += 1
    assert checked > 20


def test_incomplete_pages_really_lack_their_missing_elements():
    from fleet.sets import DEMO_AS_OF, demo_set

    base = demo_set()[0]
    states = (("executives", "incomplete"), ("contact", "incomplete"), ("hr_criteria", "incomplete"))
    markers = {
        "photo": "<img",
        "phone": "โทร",
        "email": "mailto:",
        "address": "ที่อยู่",
        "recruit": "การสรรหา",
        "appoint": "การบรรจุ",
        "develop": "การพัฒนาบุคลากร",
        "evaluate": "การประเมินผลการปฏิบัติงาน",
        "reward": "การให้คุณให้โทษ",
    }
    seen = set()
    for seed in range(1, 8):
        spec = replace(base, seed=seed, states=states)
        site = build_site(spec, DEMO_AS_OF)
        for key, _ in states:
            entry = site.truth[key]
            assert entry.state == "incomplete" and entry.missing_elements
            page = respond(site, "GET", *urlsplit(entry.evidence_urls[0])[2:4])
            main = page.body.decode().split('class="content">', 1)[1]
            for element in entry.missing_elements:
                assert markers[element] not in main.split('id="footer"')[0], (seed, key, element)
                seen.add(element)
    assert len(seen) >= 4


def test_generated_sites_keep_their_evidence_reachable():
    """The same guarantee over generated benchmark sites (every family, profile and placement)."""
    from fleet.sets import DEMO_AS_OF, bench_set

    checked = 0
    for spec in bench_set(80, seed=3):
        if expected_site_status(spec.faults)[0] != "ok":
            continue
        site = build_site(spec, DEMO_AS_OF)
        links = reachable(site)
        for key, entry in site.truth.items():
            if entry.state in JUDGED:
                local = [u for u in entry.evidence_urls if u.startswith(spec.base_url)]
                assert local and all(u in links or u + "/" in links for u in local), (spec.id, key)
                checked += 1
    assert checked > 1500
