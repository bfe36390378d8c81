"""Crawled content is hostile: only http(s) links reach an href, and site ids become safe paths."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote, urlsplit

_UNSAFE_PATH_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def safe_href(url: str) -> str | None:
    """The URL if a browser may follow it (http or https with a host), else None."""
    url = url.strip()
    if _CONTROL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def display_url(url: str) -> str:
    """The URL as people read it: percent-encoded Thai decoded (the link itself keeps the exact URL)."""
    try:
        decoded = unquote(url, errors="strict")
    except UnicodeDecodeError:  # not UTF-8 (e.g. TIS-620 bytes): show it as written
        return url
    return url if _CONTROL_CHARS.search(decoded) else decoded


def site_dir_name(site_id: str) -> str:
    """A file-system name for a site id: readable when the id is plain, unique when it is not."""
    cleaned = _UNSAFE_PATH_CHARS.sub("-", site_id).strip(".-")[:60]
    if cleaned == site_id and cleaned:
        return cleaned
    digest = hashlib.sha256(site_id.encode("utf-8")).hexdigest()[:10]
    return f"{cleaned or 'site'}-{digest}"


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text without the control characters XML 1.0 forbids (DOCX and XLSX refuse them)."""
    return _XML_INVALID.sub("", text)
