"""URL helpers: what kind of target a link has, and one spelling per URL.

Also where a document link really points: a FlowPaper/pdf.js/Google viewer URL is followed to the
file in its parameter; a Google Drive or AnyFlip link is recorded, not opened, and never counts as
missing evidence (the assessor may well be able to open it). The crawler classifies links with
these, and the engine's rule examples build their links with them, so both agree.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urljoin, urlsplit, urlunsplit

DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".odt",
    ".ods",
    ".rtf",
    ".csv",
    ".zip",
    ".rar",
)
DOCUMENT_CONTENT_TYPES = (
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats",
    "application/vnd.ms-",
    "application/vnd.oasis.opendocument",
    "application/rtf",
    "text/csv",
    "application/zip",
    "application/x-rar",
    "application/octet-stream",
    "application/x-pdf",
)
_EMPTY_HREF = re.compile(r"^\s*(#.*|javascript:.*|void\(0\);?)?\s*$", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_WITH_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_DOC_IN_QUERY = re.compile(r"\.(pdf|docx?|xlsx?|pptx?)(?:$|[&#])", re.IGNORECASE)
# Query parameters viewers use for the file they display (FlowPaper pdf=, pdf.js file=,
# Google viewer url=, Office Online src=, dFlip source=).
_VIEWER_PARAMETERS = ("pdf", "file", "url", "src", "source", "doc", "document", "pdffile")
# Hosts whose files need a login or a script to read: name shown to officers.
_SHARING_HOSTS = {
    "drive.google.com": "Google Drive",
    "docs.google.com": "Google Docs",
    "sites.google.com": "Google Sites",
    "onedrive.live.com": "OneDrive",
    "1drv.ms": "OneDrive",
    "sharepoint.com": "SharePoint",
    "dropbox.com": "Dropbox",
    "anyflip.com": "AnyFlip",
    "fliphtml5.com": "FlipHTML5",
    "heyzine.com": "Heyzine",
    "issuu.com": "Issuu",
    "slideshare.net": "SlideShare",
    "scribd.com": "Scribd",
    "canva.com": "Canva",
    "facebook.com": "Facebook",
}
# Menus repeat the same URLs on every page of a site: a few thousand entries cover the menus of
# the sites crawled at once, and stay small (a larger cache only grows the crawl's memory).
URL_CACHE_SIZE = 8192


@lru_cache(maxsize=URL_CACHE_SIZE)
def canonical(url: str) -> str:
    """One spelling per URL: no fragment, lower-case host, percent-escapes in upper case.

    WordPress serves the same Thai slug with upper- and lower-case hex escapes; both become one.
    """
    parts = urlsplit(url.strip())
    path = quote(unquote(parts.path), safe="/%:@!$&'()*+,;=-._~") or "/"
    query = quote(unquote(parts.query), safe="=&%:@!$'()*+,;/?-._~")
    netloc = parts.netloc.lower()
    if parts.port in (80, 443) and (parts.port == 80) == (parts.scheme == "http"):
        netloc = parts.hostname or netloc
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def is_web_url(url: str) -> bool:
    """An http(s) URL: the only kind that is fetched, followed or shown as evidence."""
    return url.lower().startswith(("http://", "https://"))


def is_empty_href(href: str | None) -> bool:
    return href is None or bool(_EMPTY_HREF.match(href))


@lru_cache(maxsize=URL_CACHE_SIZE)
def looks_like_document(url: str) -> bool:
    parts = urlsplit(url)
    path = unquote(parts.path).lower()
    return path.endswith(DOCUMENT_EXTENSIONS) or bool(_DOC_IN_QUERY.search(unquote(parts.query)))


@lru_cache(maxsize=URL_CACHE_SIZE)
def resolve(base: str, href: str) -> str:
    """``href`` made absolute against ``base``; web URLs in their canonical spelling."""
    url = urljoin(base, href)
    return canonical(url) if is_web_url(url) else url


def base_prefixes(base: str) -> tuple[str, str]:
    """A web base URL's origin (``http://host/``) and directory (``http://host/a/``)."""
    parts = urlsplit(base)
    if parts.scheme.lower() not in ("http", "https"):
        return base, base
    directory = parts.path[: parts.path.rfind("/") + 1] or "/"
    return f"{parts.scheme}://{parts.netloc}/", f"{parts.scheme}://{parts.netloc}{directory}"


def join_base(base: str, prefixes: tuple[str, str], href: str) -> str:
    """The part of ``base`` that resolving ``href`` depends on, so equal menu links share a cache entry.

    Links naming a host (``http://host/…``, ``//host/…``) and root-relative links (``/path``) depend
    only on the base's origin; relative paths (``news.php?id=2``) on its directory; the rest
    (``?page=2``, ``#top``, ``mailto:…``, ``http:path``) on the whole base.
    """
    origin, directory = prefixes
    if href.startswith("/") or _WITH_HOST.match(href):
        return origin
    if not href or href.startswith(("?", "#")) or _SCHEME.match(href):
        return base
    return directory


def is_document_content_type(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower().startswith(DOCUMENT_CONTENT_TYPES)


@lru_cache(maxsize=URL_CACHE_SIZE)
def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site_hosts(host: str) -> set[str]:
    """A host and its www/non-www twin."""
    host = host.lower()
    bare = host[4:] if host.startswith("www.") else host
    return {bare, "www." + bare}


def resolve_viewer(url: str) -> str | None:
    """The absolute URL of the document a viewer URL displays, or None if it is no viewer."""
    parts = urlsplit(url)
    for query in (parts.query, parts.fragment):  # pdf.js also takes #file=
        for name, value in parse_qsl(query, keep_blank_values=False):
            if name.lower() in _VIEWER_PARAMETERS and urlsplit(value).path.lower().endswith(DOCUMENT_EXTENSIONS):
                return urljoin(url, value)
    return None


def sharing_host(url: str) -> str | None:
    """The file-sharing service a link goes to ("Google Drive"), or None for ordinary hosts."""
    host = host_of(url)
    for domain, name in _SHARING_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None
