"""OCR of scanned pages with Debian's tesseract (``tha+eng``), offline.

Pages are rendered by poppler's ``pdftoppm`` in grey at a modest resolution: Thai at 150–200 dpi
reads as well as at 300 and costs half the time. Tesseract is limited to one thread so two
workers share the two cores instead of fighting over them.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from documents.model import DocumentFailure
from store.records import DocumentStatus

DEFAULT_DPI = 200
MAX_IMAGE_PIXELS = 60_000_000  # an A0 scan at 200 dpi; beyond that an image is a bomb, not a memo
TESSERACT_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@functools.cache
def ocr_available() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "tha" in langs.stdout.split()


def render_command(pdf: Path, page: int, stem: Path, dpi: int = DEFAULT_DPI) -> list[str]:
    """pdftoppm writing page ``page`` (1-based) of ``pdf`` to ``stem``.pgm."""
    return ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-singlefile", str(pdf), str(stem)]


def tesseract_command(image: Path) -> list[str]:
    """tesseract printing the text of ``image``; run it with ``TESSERACT_ENV``."""
    return ["tesseract", str(image), "-", "-l", "tha+eng", "--psm", "3"]


def _tesseract(image: Path) -> str:
    out = subprocess.run(
        tesseract_command(image),
        capture_output=True,
        text=True,
        errors="replace",
        env=TESSERACT_ENV,
    )
    if out.returncode != 0:
        raise DocumentFailure(DocumentStatus.CORRUPT, f"OCR failed: {' '.join(out.stderr.split())[:200]}")
    return out.stdout


def ocr_pdf_page(pdf: Path, page: int, workdir: Path, dpi: int = DEFAULT_DPI) -> str:
    """Text of one page (1-based) of a PDF, read by OCR."""
    stem = workdir / f"page-{page}"
    render = subprocess.run(render_command(pdf, page, stem, dpi), capture_output=True, text=True, errors="replace")
    image = stem.with_suffix(".pgm")
    if render.returncode != 0 or not image.exists():
        raise DocumentFailure(DocumentStatus.CORRUPT, f"page {page} cannot be rendered: {render.stderr.strip()[:200]}")
    try:
        return _tesseract(image)
    finally:
        image.unlink(missing_ok=True)


def check_image_size(path: Path) -> None:
    """Refuse images whose header declares more pixels than any scan needs (decompression bombs)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:  # reads the header only
            width, height = image.size
    except (UnidentifiedImageError, OSError) as exc:
        raise DocumentFailure(DocumentStatus.CORRUPT, f"unreadable image: {exc}") from None
    except Image.DecompressionBombError:
        width = height = MAX_IMAGE_PIXELS
    if width * height >= MAX_IMAGE_PIXELS:
        raise DocumentFailure(DocumentStatus.TOO_LARGE, f"image of {width}x{height} pixels is over the limit")


def ocr_image(path: Path) -> str:
    check_image_size(path)
    return _tesseract(path)
