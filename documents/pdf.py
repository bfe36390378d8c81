"""The text layer of a PDF, page by page.

poppler's ``pdftotext`` gives the best Thai of the permissive tools here; ``-raw`` (content-stream
order) because the layout modes move Thai tone marks and upper vowels onto a line of their own.
pypdf is the fallback when poppler is missing or cannot open a file it can.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from documents.model import DocumentFailure
from store.records import DocumentStatus

_PAGES = re.compile(r"^Pages:\s+(\d+)", re.MULTILINE)


def _poppler() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


def _failure(stderr: str) -> DocumentFailure:
    message = " ".join(stderr.split())[:300] or "unreadable PDF"
    if "password" in stderr.lower():
        return DocumentFailure(DocumentStatus.ENCRYPTED, "PDF needs a password to open")
    if "bad_alloc" in stderr or "out of memory" in stderr.lower():
        return DocumentFailure(DocumentStatus.TOO_LARGE, "PDF needs more memory than allowed")
    return DocumentFailure(DocumentStatus.CORRUPT, f"damaged or truncated PDF: {message}")


def _poppler_pages(path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, errors="replace")
    if info.returncode != 0:
        raise _failure(info.stderr)
    match = _PAGES.search(info.stdout)
    count = int(match.group(1)) if match else 0
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, errors="replace")
    if out.returncode != 0:
        raise _failure(out.stderr)
    pages = out.stdout.split("\f")
    return (pages + [""] * count)[:count]  # pdftotext ends every page with \f


def _pypdf_pages(path: Path) -> list[str]:
    import pypdf  # only when poppler failed or is missing
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentFailure(DocumentStatus.ENCRYPTED, "PDF needs a password to open")
        return [page.extract_text() or "" for page in reader.pages]
    except FileNotDecryptedError:
        raise DocumentFailure(DocumentStatus.ENCRYPTED, "PDF needs a password to open") from None
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise DocumentFailure(DocumentStatus.CORRUPT, f"damaged or truncated PDF: {exc}") from None


def text_pages(path: Path) -> list[str]:
    """Raw text of each page ('' for a page without a text layer)."""
    if not _poppler():
        return _pypdf_pages(path)
    try:
        return _poppler_pages(path)
    except DocumentFailure as poppler_failure:
        if poppler_failure.status is not DocumentStatus.CORRUPT:
            raise
        try:  # pypdf repairs some files poppler rejects
            return _pypdf_pages(path)
        except DocumentFailure:
            raise poppler_failure from None
