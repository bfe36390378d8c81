"""Link extraction shortcuts (shared resolve cache, one-walk in-main test, bounded context) give the
same links as the plain per-link computation."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from crawler.extract import MAX_CONTEXT, _inside, extract_links, extract_page, find_main, parse_html, spaced_text
from crawler.urls import base_prefixes, canonical, join_base, resolve
from store.records import LinkKind

BASES = [
    "http://127.0.1.5:8080/a/b/index.php?x=1",
    "https://www.example.go.th/news/",
    "http://127.0.1.5/",
    "http://127.0.1.5?x=1",
    "http://127.0.1.5/a/../b/c;p?q#f",
    "HTTP://127.0.1.5/A/",
]
HREFS = [
    "http:foo",
    "https:x",
    "//other.host/x",
    "?q=1",
    "../up/x.pdf",
    "x.php?id=2#f",
    "/root/ก ข",
    "/",
    "HTTP://127.0.1.5:80/A%e0%b8%81",
    "mailto:a@b.c",
    "tel:021",
    "./",
    "..",
    "#top",
    "page.html",
    "data.php?content_id=158",
    "../../x/./y",
    "x/a:b",
    "c;q?r",
    "?",
    "",
    "#",
]

MENU = "".join(f'<li><a href="{h}">m{i}</a></li>' for i, h in enumerate(HREFS))
PAGE = f"""<html><body><nav><ul>{MENU}</ul></nav>
<div id="content"><p>intro <a href="x.php?id=2">in main</a></p>
<div class="widget"><a href="/w">widget</a></div>
<a class="nav" href="/n">nav link <span><a href="/inner">nested</a></span></a>
<div>a long parent {"คำ  ยาว  " * 200} <a href="/long">long</a> end</div>
<div>{"<b> ข่าว </b> <i>ประกาศ</i>" * 80}<a href="/many">many parts</a></div></div>
<footer><a href="/map">map</a></footer></body></html>"""


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("href", HREFS)
def test_resolve_keyed_by_origin_equals_urljoin_on_the_full_base(base, href):
    expected = urljoin(base, href)
    if expected.lower().startswith(("http://", "https://")):
        expected = canonical(expected)
    assert resolve(join_base(base, base_prefixes(base), href), href) == expected


def test_links_share_the_cache_key_their_resolution_depends_on():
    prefixes = base_prefixes("http://h/a/b?id=1")
    assert prefixes == ("http://h/", "http://h/a/")
    assert join_base("http://h/a/b?id=1", prefixes, "c?id=2") == "http://h/a/"
    assert join_base("http://h/a/b?id=1", prefixes, "/c") == "http://h/"
    assert join_base("http://h/a/b?id=1", prefixes, "?id=2") == "http://h/a/b?id=1"
    assert join_base("http://h/a/b?id=1", prefixes, "http:c") == "http://h/a/b?id=1"


@pytest.mark.parametrize("base", BASES)
def test_links_match_the_per_link_computation(base):
    root = parse_html(PAGE)
    main, boilerplate = find_main(root)
    links = extract_links(root, base, main, boilerplate, lambda url: "127.0.1.5" in url)
    anchors = list(root.iter("a"))
    assert len(links) == len(anchors)
    for link, a in zip(links, anchors, strict=True):
        assert link.in_main is _inside(a, main, boilerplate), a.get("href")
    by_text = {link.text: link for link in links}
    assert by_text["in main"].in_main and not by_text["widget"].in_main and not by_text["m0"].in_main
    assert not by_text["nested"].in_main  # inside a boilerplate link, itself inside main
    long_parent = root.xpath("//a[@href='/long']")[0].getparent()
    assert by_text["long"].context == spaced_text(long_parent)[:MAX_CONTEXT]
    assert len(by_text["long"].context) == MAX_CONTEXT
    many_parts = root.xpath("//a[@href='/many']")[0].getparent()
    assert by_text["many parts"].context == spaced_text(many_parts)[:MAX_CONTEXT]


@pytest.mark.parametrize(
    "href",
    [
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "java&#x09;script:alert(1)",
        "&#x01;javascript:alert(1)",
        "jav&#x0D;ascript:alert(1)",
        "file:///etc/passwd",
        "javascript:location.href='vbscript:msgbox(1)'",
    ],
)
def test_a_link_that_is_not_http_is_a_dead_entry_never_a_target(href):
    base = "http://127.0.1.5/"
    page = extract_page(
        "s",
        base,
        f'<div class="content"><a href="{href}">แผนพัฒนา</a><iframe src="{href}"></iframe></div>',
        in_scope=lambda url: url.startswith(base),
    )
    assert [link.kind for link in page.links] == [LinkKind.EMPTY] and page.embeds == []
