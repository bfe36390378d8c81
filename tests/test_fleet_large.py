"""Large sites: thousands of posts, archives, tags, print views and a calendar around evidence that
sits at realistic depths — and that evidence is served."""

from __future__ import annotations

import re
import urllib.request
from collections import deque
from dataclasses import replace
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest

from fleet.builder import build_site
from fleet.large import DOCS_PAGE
from fleet.routes import respond
from fleet.sets import DEMO_AS_OF, bench_set
from fleet.testing import start_fleet

HREF = re.compile(r'(?:href|src)="([^"#]+)"')
LIVE = ("current", "stale", "incomplete", "unverifiable")


def _large_site():
    """A reachable large site with an ITA page, a documents list and items published as posts."""
    for spec in bench_set(40, seed=3, large_share=1.0):
        if spec.faults.active() or not spec.ita_year or spec.frames:
            continue
        site = build_site(spec, DEMO_AS_OF)
        if "/announce?page=5" in site.pages and any("page=7" in k and "announce" not in k for k in site.pages):
            return spec
    pytest.fail("no large site with every structure in the first 40")


def _depths(spec, limit: int) -> dict[str, int]:
    """Click depth of every URL of the site up to ``limit``, breadth-first from the home page, as
    served (aliases and duplicates included)."""
    site = build_site(spec, DEMO_AS_OF)
    home = spec.base_url + "/"
    depths, queue, expanded = {home: 0}, deque([home]), set()
    while queue:
        url = queue.popleft()
        parts = urlsplit(url)
        key = site.route_key(parts.path, parts.query)
        if depths[url] == limit or site.aliases.get(key, key) in expanded:  # a duplicate's links are known
            continue
        expanded.add(site.aliases.get(key, key))
        response = respond(site, "GET", parts.path, parts.query)
        if not response.content_type.startswith("text/html") or response.status != 200:
            continue
        for href in HREF.findall(response.body.decode(site.family.encoding, "replace")):
            target = urljoin(url, unescape(href)).split("#")[0]
            if target.startswith(spec.base_url) and target not in depths:
                depths[target] = depths[url] + 1
                queue.append(target)
    return depths


@pytest.fixture(scope="module")
def large_spec():
    return _large_site()


def test_large_site_has_archives_tags_print_views_and_calendar(large_spec):
    site = build_site(large_spec, DEMO_AS_OF)
    posts = [p for p in site.pages.values() if p.kind == "post"]
    assert len(posts) >= 1500
    lists = [k for k, p in site.pages.items() if p.kind == "list"]
    assert sum(k.startswith("/gallery") for k in lists) >= 40  # activity archive
    assert sum(k.startswith("/tag/") for k in lists) >= 15 * 2  # every tag, paginated
    assert sum("print=1" in k for k in site.aliases) >= len(posts)  # a print view of every post
    assert sum("sort=" in k for k in site.aliases) >= 3 * len(lists)  # sorted copies of every list page
    depths = _depths(large_spec, 2)
    assert any("/calendar?ym=" in u for u in depths)
    assert any("print=1" in u for u in depths) and any("sort=title" in u for u in depths)
    assert any("/tag/" in u for u in depths)


def test_large_site_evidence_is_served_at_realistic_depths(large_spec, tmp_path):
    site = build_site(large_spec, DEMO_AS_OF)
    depths = _depths(large_spec, 4)
    evidence = {key: entry for key, entry in site.truth.items() if entry.state in LIVE}
    depth_of = {
        key: min((depths[u] for u in e.evidence_urls if u in depths), default=None)
        for key, e in evidence.items()
        if any(u.startswith(large_spec.base_url) for u in e.evidence_urls)
    }  # not the Drive files
    assert None not in depth_of.values(), {k: v for k, v in depth_of.items() if v is None}
    # The documents list's OIT files are on page 7 of its archive: the list is in the menu, page 7
    # three clicks down (1 -> 4 -> 7 by the pager's window), its files four.
    page7 = next(
        u
        for u in depths
        if f"page={DOCS_PAGE}" in u
        and "/announce" not in u
        and "/gallery" not in u
        and "/tag/" not in u
        and "sort=" not in u
        and "news" not in u
    )
    page7_links = {
        urljoin(page7, unescape(h))
        for h in HREF.findall(
            respond(site, "GET", urlsplit(page7).path, urlsplit(page7).query).body.decode(site.family.encoding, "replace")
        )
    }
    on_page7 = [k for k, e in evidence.items() if set(e.evidence_urls) & page7_links]
    assert on_page7 and depths[page7] == 3
    # Items published as posts are a few pages down the announcements list.
    announcements = [u for u in depths if "/announce" in u and "sort=" not in u]
    announced = [
        k
        for k, e in evidence.items()
        if set(e.evidence_urls)
        & {
            urljoin(a, unescape(h))
            for a in announcements
            for h in HREF.findall(
                respond(site, "GET", urlsplit(a).path, urlsplit(a).query).body.decode(site.family.encoding, "replace")
            )
        }
    ]
    assert len(announcements) >= 5 and announced
    assert max(depth_of.values()) == 4 and min(depth_of.values()) == 1  # menus and the ITA page: one click
    fleet = start_fleet([large_spec], tmp_path)
    try:
        for entry in evidence.values():
            pages = [u for u in entry.evidence_urls if not re.search(r"\.(pdf|docx|xlsx|png)$", u)]
            for url in pages or entry.evidence_urls[:1]:  # one file per item: rendering them is slow
                if url.startswith(large_spec.base_url):
                    url = fleet.url(large_spec.id, url[len(large_spec.base_url) :])
                    with urllib.request.urlopen(url, timeout=30) as response:
                        assert response.status == 200, url
    finally:
        fleet.stop()


def test_large_and_slow_sites_leave_the_other_sites_as_they_were():
    plain, mixed = bench_set(60), bench_set(60, large_share=0.3, latency=True)
    assert 5 < sum(s.large for s in mixed) < 40 and not any(s.large for s in plain)
    assert all(s.faults.slow_ms >= 100 for s in mixed) and sum(s.faults.slow_ms >= 2000 for s in mixed) >= 2
    for before, after in zip(plain, mixed, strict=True):
        same_speed = replace(after, faults=replace(after.faults, slow_ms=before.faults.slow_ms))
        assert same_speed == before or (after.large and replace(same_speed, large=False, news_count=before.news_count) == before)
