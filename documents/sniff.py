"""Which parser a document needs, from its first bytes first: SAO servers often send PDFs as
``application/octet-stream`` and name scans ``download.php?id=9``."""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from urllib.parse import urlsplit


class Kind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    XLS = "xls"
    DOC = "doc"  # Word 97-2003: no parser here
    IMAGE = "image"
    HTML = "html"
    UNKNOWN = "unknown"


# Kinds sniffed but not parsed, and why (shown as the document's error).
NOT_PARSED = {
    Kind.DOC: "Word 97-2003 (.doc) files are not parsed",
    Kind.HTML: "an HTML page where a document was expected (a viewer or an error page)",
    Kind.UNKNOWN: "not a PDF, office file or image",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word/Excel 97-2003 compound file
_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")


def _extension(url: str) -> str:
    path = urlsplit(url).path.lower()
    return path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""


def _zip_kind(data: bytes) -> Kind:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return Kind.UNKNOWN
    if any(n.startswith("word/") for n in names):
        return Kind.DOCX
    if any(n.startswith("xl/") for n in names):
        return Kind.XLSX
    return Kind.UNKNOWN


def sniff(data: bytes, url: str = "", content_type: str = "") -> Kind:
    head = data[:1024]
    if b"%PDF-" in head:  # some producers put junk before the header; readers accept it
        return Kind.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(_OLE_MAGIC):
        ext = _extension(url)
        return Kind.XLS if ext == "xls" or "excel" in content_type else Kind.DOC
    if head.startswith(_IMAGE_MAGICS):
        return Kind.IMAGE
    if head.lstrip()[:1] == b"<" and (b"<html" in head.lower() or b"<!doctype" in head.lower()):
        return Kind.HTML  # a viewer or error page served where a file was expected
    return Kind.UNKNOWN
