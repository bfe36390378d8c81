"""Answers one HTTP request for a built site: pages, documents, robots.txt and the path-level
fault modes (5xx home, redirect chains and loops, calendar trap, oversized page, malformed HTML,
wrong charset). Network-level faults (down, slow, hang, reset, host change) live in the server."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape

from fleet.documents import DocSpec
from fleet.model import Page, SiteModel

OVERSIZED_BYTES = 30 * 1024 * 1024


@dataclass(slots=True)
class Response:
    status: int
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    document: DocSpec | None = None  # body still to be rendered (slow: the server does it off the loop)


def _html(site: SiteModel, html: str, status: int = 200) -> Response:
    faults, fam = site.spec.faults, site.family
    if faults.malformed_html:
        html = break_html(html)
    body = html.encode(fam.encoding, errors="xmlcharrefreplace")
    charset = "ISO-8859-1" if faults.wrong_charset else fam.header_charset
    return Response(status, f"text/html; charset={charset}" if charset else "text/html", body)


def break_html(html: str) -> str:
    """Markup as careless editors leave it: dropped closing tags, stray end tags, bad nesting."""
    counter = iter(range(10**9))
    html = re.sub(r"</(div|li|td|p)>", lambda m: "" if next(counter) % 3 == 0 else m.group(0), html)
    return (
        html.replace("<h1>", "<h1><b><i>", 1)
        .replace("</h1>", "</b></h1></span></font>", 1)
        .replace("<body", "<p><table><body", 1)
    )


def _redirect(location: str, status: int = 302) -> Response:
    return Response(
        status, "text/html; charset=utf-8", f'<a href="{escape(location)}">moved</a>'.encode(), [("Location", location)]
    )


def robots(site: SiteModel) -> Response:
    if site.spec.faults.robots_disallow:
        text = "User-agent: *\nDisallow: /\n"
    else:
        text = "User-agent: *\nDisallow: /admin/\nDisallow: /wp-admin/\n"
    return Response(200, "text/plain; charset=utf-8", text.encode())


def calendar_page(site: SiteModel, query: str) -> Response:
    """An event calendar: every month links to the next and the previous, forever."""
    match = re.search(r"ym=(\d{4})-(\d{2})", query)
    year, month = (int(match.group(1)), int(match.group(2))) if match else (site.as_of.year, site.as_of.month)
    month = min(max(month, 1), 12)
    first = dt.date(year, month, 1)
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    days = "".join(f'<td><a href="/calendar?ym={first:%Y-%m}&amp;d={d}">{d}</a></td>' for d in range(1, 29))
    main = (
        f"<h1>ปฏิทินกิจกรรม {site.style.month(year + 543, month)}</h1><table><tr>{days}</tr></table>"
        f'<a href="/calendar?ym={prev_month:%Y-%m}">« เดือนก่อน</a> <a href="/calendar?ym={next_month:%Y-%m}">เดือนถัดไป »</a>'
    )
    return _html(site, site.family.render(site, Page("ปฏิทินกิจกรรม", main, "/calendar")))


_oversized: bytes | None = None


def oversized_page() -> bytes:
    global _oversized
    if _oversized is None:
        row = "<tr><td>รายการ</td><td>ข้อมูลประกอบรายงานฉบับเต็ม ไม่มีสาระสำคัญ</td></tr>\n".encode()
        _oversized = b"<html><body><table>" + row * (OVERSIZED_BYTES // len(row)) + b"</table></body></html>"
    return _oversized


def respond(site: SiteModel, method: str, path: str, query: str) -> Response:
    faults = site.spec.faults
    if path == "/robots.txt":
        return robots(site)
    if path == "/" and not query:
        if faults.home_5xx:
            return _html(site, "<html><body><h1>503 Service Unavailable</h1></body></html>", 503)
        if faults.redirect_loop:
            return _redirect("/loop/a")
        if faults.redirect_chain:
            return _redirect("/hop/1")
    if faults.redirect_loop and path.startswith("/loop/"):
        return _redirect("/loop/b" if path == "/loop/a" else "/loop/a")
    if faults.redirect_chain and path.startswith("/hop/"):
        hop = int(path.rsplit("/", 1)[-1] or 0)
        return _redirect(f"/hop/{hop + 1}" if hop < faults.redirect_chain else "/index.php", 301 if hop % 2 else 302)
    if (faults.calendar_trap or site.spec.large) and path == "/calendar":
        return calendar_page(site, query)
    if faults.oversized and path == "/download/report-full.html":
        return Response(200, "text/html; charset=utf-8", oversized_page())
    if faults.oversized and path == "/download/scan-all.pdf":  # a whole year's scans in one file
        return Response(200, "application/pdf", b"%PDF-1.4\n%" + oversized_page())
    if method == "POST" and path.startswith("/form/"):
        return _html(site, "<html><body><h1>ได้รับข้อมูลของท่านแล้ว</h1><p>เจ้าหน้าที่จะติดต่อกลับ</p></body></html>")
    special = site.family.special(site, path, query)
    if special is not None:
        status, content_type, body = special
        return Response(status, content_type, body)
    key = site.route_key(path, query)
    key = site.aliases.get(key, key)
    if (doc := site.docs.get(key)) is not None:
        return Response(200, doc.content_type, document=doc)
    if (page := site.pages.get(key)) is not None:
        return _html(site, page.main if page.kind == "raw" else site.family.render(site, page), page.status)
    return _html(
        site,
        "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
        "<p>The requested URL was not found on this server.</p></body></html>",
        404,
    )
