"""Where a document link really points: viewer iframes resolved to the file they show, and
file-sharing hosts recognised as evidence that cannot be verified from here.

For the crawler's link extraction: a FlowPaper/pdf.js/Google viewer URL is followed to the file
in its parameter; a Google Drive or AnyFlip link is recorded, not opened, and never counts as
missing evidence (the assessor may well be able to open it).
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urljoin, urlsplit

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx")
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


def _is_document_path(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_EXTENSIONS)


def resolve_viewer(url: str) -> str | None:
    """The absolute URL of the document a viewer URL displays, or None if it is no viewer."""
    parts = urlsplit(url)
    for query in (parts.query, parts.fragment):  # pdf.js also takes #file=
        for name, value in parse_qsl(query, keep_blank_values=False):
            if name.lower() in _VIEWER_PARAMETERS and _is_document_path(value):
                return urljoin(url, value)
    return None


def sharing_host(url: str) -> str | None:
    """The file-sharing service a link goes to ("Google Drive"), or None for ordinary hosts."""
    host = (urlsplit(url).hostname or "").lower()
    for domain, name in _SHARING_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return None
