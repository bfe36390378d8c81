"""HTML page -> PageRecord, once, at crawl time (pure: no network, no store).

Menus and sidebars name every OIT item on every page, so the main content is separated from the
boilerplate by structure: nav/header/footer/aside, ids and classes such as menu, sidebar, widget,
and (when the page has no marked-up content area) blocks that are nearly all links.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from itertools import islice
from typing import TypeAlias
from urllib.parse import urljoin

import lxml.etree as etree

from crawler.urls import (
    base_prefixes,
    canonical,
    is_empty_href,
    is_web_url,
    join_base,
    looks_like_document,
    resolve,
    resolve_viewer,
)
from store.records import SITE_WIDE_WIDGET, Form, Image, Link, LinkKind, PageRecord, PageWarning
from thai.dates import find_dates, find_fiscal_years

log = logging.getLogger(__name__)

InScope = Callable[[str], bool]

# Plain lxml elements, not lxml.html's: those look up a Python element class for every node
# touched, a tenth of the extraction time on a menu-heavy page.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_STRING = etree.XPath("string()", smart_strings=False)
Element: TypeAlias = etree._Element
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "select", "option", "button"}
_BOILERPLATE_TAGS = {"nav", "header", "footer", "aside", "menu"}
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|mainmenu|submenu|sidebar|side-?bar|sidenav|footer|header|masthead"
    r"|widget|widgets|breadcrumbs?|banner|topbar|top-bar|module-?position|leftcol|rightcol|left-?column"
    r"|right-?column|marquee|social|share|cookie|popup|modal)(?:$|[\s_-])",
    re.IGNORECASE,
)
_MAIN_NAMES = re.compile(
    r"^(?:content|main|main-?content|maincontent|primary|article|entry-content|post-content|page-content"
    r"|article-content|item-page|td-post-content|detail|content-area)$",
    re.IGNORECASE,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "caption",
    "figcaption",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dl",
    "form",
    "main",
    "body",
    "address",
    "fieldset",
    "legend",
    "hr",
    "center",
}
_CELL_TAGS = {"td", "th"}
_CONTEXT_TAGS = {"li", "tr", "p", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption"}
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LINK_TAGS = frozenset({"a", "area"})
# Vendor CMSs link pages and files from scripts: ``javascript:openWin('files/plan.pdf')``,
# ``<tr onclick="location.href='news.php?id=5'">``. Only targets the script states plainly: a
# navigation call with a quoted URL, or a quoted page or file name.
_SCRIPT_TARGET = re.compile(
    r"""(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\(|open\()\s*['"]([^'"]+)['"]"""
    r"""|['"]([^'"\s]+\.(?:pdf|docx?|xlsx?|pptx?|php|aspx?|html?)(?:\?[^'"\s]*)?)['"]""",
    re.IGNORECASE,
)
_ONCLICK_ELEMENTS = etree.XPath("//*[@onclick][not(self::a or self::area)]")

# Known online channels (an online channel is a form or one of these), matched in the raw HTML.
# Matched in the lower-cased raw HTML (one lower() per page beats re.IGNORECASE on five patterns).
WIDGETS: dict[str, re.Pattern[str]] = {
    "webboard": re.compile(r"webboard|board\.php|/forum|กระดานถาม|กระดานสนทนา|เว็บบอร์ด|กระดานข่าว"),
    "facebook_chat": re.compile(r"fb-customerchat|customerchat|m\.me/"),
    "facebook_page": re.compile(r"facebook\.com/plugins|class=[\"'][^\"']*fb-page"),
    "line": re.compile(r"line\.me/|lin\.ee/"),
    "chat": re.compile(r"tawk\.to|livechat|chatwoot|zopim|crisp\.chat"),
}
MAX_CONTEXT = 300
MAX_DATE_TEXT = 60_000  # dates are looked for in the first 60k characters of the main text


def clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""  # str.split() and re's \s agree on what is a space


def spaced_text(el: Element) -> str:
    """Text of an element with a space between its parts (table cells must not run together)."""
    return clean(" ".join(el.itertext()))


def text_content(el: Element) -> str:
    return _STRING(el)


def parse_html(text: str) -> Element | None:
    """Parse decoded HTML (any size, any damage); None for an empty document."""
    try:
        return etree.fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None


def parse_stopped_early() -> bool:
    """Whether the last ``parse_html`` gave up part of the page: libxml2 stops reading at 256 nested
    elements (a page of 100,000 nested <div>s keeps only what comes before the 256th)."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in _PARSER.error_log)


def _names(el: Element) -> str:
    return f"{el.get('id') or ''} {el.get('class') or ''} {el.get('role') or ''}"


def _is_boilerplate(el: Element) -> bool:
    if el.tag in _BOILERPLATE_TAGS:
        return True
    names = _names(el)
    return bool(names.strip()) and bool(_BOILERPLATE_NAMES.search(names)) and el.tag not in ("body", "html", "main")


def _single_column(table: Element) -> bool:
    """Menu tables have one cell per row; an ITA index table has code, name and link columns."""
    return all(len(tr.findall("td")) + len(tr.findall("th")) <= 1 for tr in table.iter("tr"))


def _link_dense(el: Element) -> bool:
    """A block that is a list of links (an unmarked menu): >= 6 links and >= 80 % link text.
    A list whose links are mostly files is a page's content (a year of monthly สขร.1 summaries,
    one PDF and one spreadsheet a month), not a menu."""
    links = el.findall(".//a")
    if len(links) < 6:
        return False
    if sum(looks_like_document(a.get("href") or "") for a in links) * 2 >= len(links):
        return False
    if el.tag == "table" and not _single_column(el) or el.tag != "table" and el.find(".//table") is not None:
        return False
    total = len(clean(text_content(el)))
    linked = sum(len(clean(text_content(a))) for a in links)
    return total > 0 and linked >= 0.8 * total


def _largest(elements: list[Element]) -> Element | None:
    """The element with the most text, if it has enough to be a page's content."""
    main = max(elements, key=lambda el: len(text_content(el)), default=None)
    return main if main is not None and len(clean(text_content(main))) >= 20 else None


def _swallowed_main(body: Element, in_chrome: set[Element]) -> Element | None:
    """A content area the parser nested inside a menu or sidebar because of an unclosed tag.

    Careless markup (a dropped ``</div>``) makes the sidebar the parent of everything after it; the
    content area is then still there, holding a large share of the page's prose (text outside
    links: menus are all links). A small "content" box inside a real sidebar does not qualify.
    """
    main = _largest(list(in_chrome))
    if main is None or _prose_length(main) * 3 < _prose_length(body):
        return None
    return main


def _prose_length(el: Element) -> int:
    return len(clean(text_content(el))) - sum(len(clean(text_content(a))) for a in el.iter("a"))


def find_main(root: Element) -> tuple[Element, set[Element]]:
    """The main content element and the boilerplate elements to leave out of it."""
    body = root.find("body")
    body = body if body is not None else root
    candidates = [
        el
        for el in body.iter("main", "article", "div", "section", "td")
        if el.tag in ("main", "article") or el.get("role") == "main" or any(_MAIN_NAMES.match(n) for n in _names(el).split())
    ]
    in_chrome = {el for el in candidates if any(_is_boilerplate(a) for a in el.iterancestors())}
    main = _largest([el for el in candidates if el not in in_chrome])
    if main is None:
        main = _swallowed_main(body, in_chrome)
    boilerplate = {el for el in (main if main is not None else body).iter() if isinstance(el.tag, str) and _is_boilerplate(el)}
    if main is None:
        main = body
        boilerplate |= {el for el in body.iter("div", "td", "ul", "ol", "table") if _link_dense(el)}
    return main, boilerplate


def collect_blocks(main: Element, boilerplate: set[Element]) -> list[str]:
    """Main content as text blocks (paragraphs, list items, table rows), boilerplate left out."""
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean("".join(buf))
        if text:
            blocks.append(text)
        buf.clear()

    walker = etree.iterwalk(main, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        skipped = not tag or tag in _SKIP_TAGS or el in boilerplate
        if event == "start":
            if skipped:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            elif tag in _CELL_TAGS:
                buf.append(" ")
            if el.text:
                buf.append(el.text)
        else:
            if not skipped and (tag in _BLOCK_TAGS):
                flush()
            elif tag in _CELL_TAGS:
                buf.append(" ")
            if el.tail and el is not main:
                buf.append(el.tail)
    flush()
    return blocks


def _inside(el: Element, main: Element, boilerplate: set) -> bool:
    inside_main = False
    for ancestor in el.iterancestors():
        if ancestor in boilerplate:
            return False
        if ancestor is main:
            inside_main = True
    return inside_main


def _elements_inside(main: Element, boilerplate: set, tags: frozenset[str]) -> set:
    """The ``tags`` elements below ``main`` with no boilerplate element between (``_inside`` for all
    of them in one walk, instead of walking up from each of a page's many menu links)."""
    found: set = set()
    if main in boilerplate or any(a in boilerplate for a in main.iterancestors()):
        return found
    walker = etree.iterwalk(main, events=("start",))
    for _, el in walker:
        if el is main:
            continue
        if el.tag in tags:
            found.add(el)
        if el in boilerplate:
            walker.skip_subtree()
    return found


_FEW_PARTS = 32


def _leading_text(el: Element, limit: int) -> str:
    """``spaced_text(el)[:limit]`` without joining all the text of a large parent (a whole menu)."""
    texts = el.itertext()
    parts = list(islice(texts, _FEW_PARTS))  # most context elements (a list item, a row) end here
    size = sum(map(len, parts))
    for part in texts:
        parts.append(part)
        size += len(part) + 1
        if size > 2 * limit and len(text := clean(" ".join(parts))) > limit:
            return text[:limit]  # the rest of the text cannot change the first ``limit`` characters
    return clean(" ".join(parts))[:limit]


def _context(el: Element, cache: dict) -> str:
    for ancestor in el.iterancestors():
        if ancestor.tag in _CONTEXT_TAGS:
            break
    else:
        ancestor = el.getparent()
        if ancestor is None:
            return ""
    # The parent's only child, by its siblings: len() of an lxml element counts its children, and
    # per link of a container with 200,000 links that made a 4.5 MB page take minutes.
    if (
        ancestor is el.getparent()
        and el.getprevious() is None
        and el.getnext() is None
        and len(el) == 0
        and not (ancestor.text or "").strip()
        and not (el.tail or "").strip()
    ):
        return clean(el.text)[:MAX_CONTEXT]  # a lone link, as in most menu items: its own text
    if ancestor not in cache:
        cache[ancestor] = _leading_text(ancestor, MAX_CONTEXT)
    return cache[ancestor]


def _link_text(a: Element) -> str:
    text = clean(text_content(a))
    if not text:
        img = a.find(".//img")
        text = clean((img.get("alt") or img.get("title")) if img is not None else "") or clean(a.get("title"))
    return text


def link_kind(url: str, in_scope: InScope) -> LinkKind:
    lowered = url.lower()
    if lowered.startswith("mailto:"):
        return LinkKind.MAILTO
    if lowered.startswith("tel:"):
        return LinkKind.TEL
    if not is_web_url(url):  # data:, vbscript:, "java\tscript:" ...: no page behind it, a dead entry
        return LinkKind.EMPTY
    if not in_scope(url):
        return LinkKind.EXTERNAL
    return LinkKind.DOCUMENT if looks_like_document(url) else LinkKind.PAGE


def script_target(code: str | None) -> str | None:
    """The URL a ``javascript:`` link or an onclick handler goes to, when its script says it plainly."""
    match = _SCRIPT_TARGET.search(code) if code else None
    return (match.group(1) or match.group(2)) if match else None


def extract_links(root, base: str, main, boilerplate, in_scope: InScope) -> list[Link]:
    links: list[Link] = []
    cache: dict = {}
    in_main = _elements_inside(main, boilerplate, _LINK_TAGS)
    prefixes = base_prefixes(base)

    def add(el: Element, href: str, text: str, inside: bool) -> None:
        href = href.strip()
        url = resolve(join_base(base, prefixes, href), href)
        kind = link_kind(url, in_scope)
        if kind is LinkKind.EMPTY:
            url = url[:MAX_CONTEXT]  # a data: URL can be megabytes
        links.append(Link(url, text, _context(el, cache), inside, kind))

    for a in root.iter(*_LINK_TAGS):
        href = a.get("href")
        text = _link_text(a)
        if not is_empty_href(href):
            add(a, href, text, a in in_main)
        elif target := script_target(href) or script_target(a.get("onclick")):
            add(a, target, text, a in in_main)
        else:
            links.append(Link(clean(href or "")[:MAX_CONTEXT], text, _context(a, cache), a in in_main, LinkKind.EMPTY))
    for el in _ONCLICK_ELEMENTS(root):
        if target := script_target(el.get("onclick")):
            add(el, target, clean(text_content(el))[:MAX_CONTEXT], _inside(el, main, boilerplate))
    return links


def extract_frames(root, base: str, main, boilerplate) -> tuple[list[Link], list[str]]:
    """iframe/frame/embed/object sources; the document a viewer shows (``pdf=``, ``file=``, ``url=``,
    ``#file=`` ...) replaces the viewer URL."""
    links, embeds = [], []
    for el in root.iter("iframe", "frame", "embed", "object"):
        src = el.get("data") if el.tag == "object" else el.get("src") or el.get("data-src")
        if is_empty_href(src):
            continue
        url = urljoin(base, src.strip())
        if not is_web_url(url):  # data:, about:blank ...: nothing to fetch or show as evidence
            continue
        embeds.append(url)
        target = resolve_viewer(url)
        url = canonical(target if target and is_web_url(target) else url)
        links.append(Link(url, clean(el.get("title") or el.get("name")), "", _inside(el, main, boilerplate), LinkKind.FRAME))
    return links, embeds


def extract_forms(root, base: str) -> list[Form]:
    forms = []
    for form in root.iter("form"):
        labels = {lab.get("for"): clean(text_content(lab)) for lab in form.iter("label")}
        fields: list[str] = []
        for field in form.iter("input", "textarea", "select"):
            kind = (field.get("type") or "text").lower()
            if kind in ("hidden", "submit", "button", "image", "reset"):
                continue
            name = field.get("name") or field.get("id") or ""
            label = labels.get(field.get("id")) or clean(field.get("placeholder")) or clean(field.get("aria-label"))
            fields.append(f"{name} {label}".strip() if label else name)
        buttons = [clean(text_content(b)) for b in form.iter("button")]
        buttons += [clean(i.get("value")) for i in form.iter("input") if (i.get("type") or "").lower() in ("submit", "button")]
        text = clean(" ".join([*labels.values(), *buttons]))
        action = urljoin(base, (form.get("action") or "").strip())
        forms.append(
            Form(
                action,
                (form.get("method") or "get").lower(),
                tuple(f for f in fields if f),
                form.find(".//textarea") is not None,
                text[:MAX_CONTEXT],
            )
        )
    return forms


def extract_images(root, base: str, main, boilerplate, limit: int = 200) -> list[Image]:
    images = []
    for img in root.iter("img"):
        src = img.get("src") or img.get("data-src")
        if not src or src.startswith("data:"):
            continue
        images.append(
            Image(urljoin(base, src.strip()), clean(img.get("alt") or img.get("title")), _inside(img, main, boilerplate))
        )
        if len(images) >= limit:
            break
    return images


def find_widgets(html: str) -> list[str]:
    lowered = html.lower()
    return [name for name, pattern in WIDGETS.items() if pattern.search(lowered)]


def main_markup(main: Element, boilerplate: set[Element]) -> str:
    """Tags and attributes of the main content, boilerplate left out, text too: a heading saying
    "กระดานถาม-ตอบ" is no web board, a link to board.php or a chat plugin is."""
    parts: list[str] = []
    walker = etree.iterwalk(main, events=("start",))
    for _, el in walker:
        if el in boilerplate or not isinstance(el.tag, str):
            walker.skip_subtree()
            continue
        parts.append(" ".join([f"<{el.tag}", *(f'{name}="{value}"' for name, value in el.attrib.items())]) + ">")
    return "".join(parts)


def page_widgets(html: str, main: Element, boilerplate: set[Element]) -> list[str]:
    """The page's own channels by name; those only in menus, sidebars, page scripts or mentioned in
    text are prefixed ``site:``. A menu link to board.php is on every page: it is the site's web
    board, not this page's.
    """
    own = find_widgets(main_markup(main, boilerplate))
    return own + [SITE_WIDE_WIDGET + name for name in find_widgets(html) if name not in own]


def text_dates(text: str) -> tuple[list[str], list[int]]:
    """ISO dates and BE fiscal years mentioned (posting-date years are left to the dates)."""
    text = text[:MAX_DATE_TEXT]
    dates = sorted({d.isoformat() for d in find_dates(text)})
    years = sorted({y for m in find_fiscal_years(text) if m.kind != "date" for y in m.years})
    return dates, years


def extract_page(
    site_id: str,
    url: str,
    html: str,
    *,
    in_scope: InScope,
    status: int = 200,
    content_type: str = "text/html",
    encoding: str = "",
) -> PageRecord:
    """Everything an assessor looks at on one HTML page."""
    page = PageRecord(site_id=site_id, url=url, status=status, content_type=content_type, encoding=encoding)
    root = parse_html(html)
    if parse_stopped_early():
        log.warning("%s: HTML nested too deep to read; only its first part was read", url)
        page.warnings.append(PageWarning.TREE_TOO_DEEP)
    if root is None:
        return page
    base_el = root.find(".//base[@href]")
    base = urljoin(url, base_el.get("href").strip()) if base_el is not None else url
    main, boilerplate = find_main(root)
    page.title = clean(root.findtext(".//title"))
    page.blocks = collect_blocks(main, boilerplate)
    page.main_text = "\n".join(page.blocks)
    page.headings = [
        text
        for h in main.iter(*_HEADING_TAGS)
        if not any(a in boilerplate for a in h.iterancestors())
        if (text := clean(text_content(h)))
    ]
    frame_links, page.embeds = extract_frames(root, base, main, boilerplate)
    page.links = extract_links(root, base, main, boilerplate, in_scope) + frame_links
    page.forms = extract_forms(root, base)
    page.images = extract_images(root, base, main, boilerplate)
    page.widgets = page_widgets(html, main, boilerplate)
    page.dates, page.fiscal_years = text_dates(page.main_text)
    return page
