"""Documents of the sample sites: Thai text PDFs, image-only (scanned-like) PDFs, Word files and XLSX lists.

Generated on first request with Debian's Thai font (fonts-thai-tlwg, via ``documents.samples``)
and cached by the hash of their description, in memory and under a cache directory, so a fleet serves the same bytes every
time and a restarted demo starts without regenerating anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import threading
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "var" / "fleet-cache"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "scan": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",  # org charts and portraits
}
SUFFIXES = {"pdf": "pdf", "scan": "pdf", "docx": "docx", "xlsx": "xlsx", "png": "png"}


@dataclass(frozen=True, slots=True)
class DocSpec:
    kind: str  # pdf (text layer) | scan (image only) | docx | xlsx | png
    title: str
    lines: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    pages: int = 1  # scans: how many (identical-looking) pages
    extra: dict[str, str] = field(default_factory=dict)  # e.g. {"sheet": "ต.ค. 69"}

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    def digest(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


class DocumentCache:
    """Renders each DocSpec once; thread-safe, backed by a directory shared between runs."""

    def __init__(self, directory: Path | None = None):
        self.directory = Path(os.environ.get("OIT_FLEET_CACHE", directory or DEFAULT_CACHE))
        self._memory: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, spec: DocSpec) -> bytes:
        digest = spec.digest()
        if (data := self._memory.get(digest)) is not None:
            return data
        with self._lock:
            path = self.directory / f"{digest[:2]}/{digest}.{SUFFIXES[spec.kind]}"
            if path.exists():
                data = path.read_bytes()
            else:
                data = render(spec)
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(data)
                tmp.replace(path)
            if len(self._memory) > 2000:  # bound memory for big benchmark sets
                self._memory.clear()
            self._memory[digest] = data
            return data


def render(spec: DocSpec) -> bytes:
    """Bytes of a document; rendering is shared with the documents tests (documents.samples)."""
    from documents import samples

    table = [list(spec.columns)] + [list(row) for row in spec.rows] if spec.columns else None
    if spec.kind == "pdf":
        return samples.text_pdf([spec.title, *spec.lines], table)
    if spec.kind == "scan" and spec.extra.get("layout") == "report":
        return _fixed_dates(samples.scanned_pdf(_report_pages(spec), table))
    if spec.kind == "scan":
        return _fixed_dates(samples.scanned_pdf([spec.title, *spec.lines], table, pages=max(1, spec.pages)))
    if spec.kind == "docx":
        return _fixed_zip(samples.docx_bytes([spec.title, *spec.lines], table))
    if spec.kind == "xlsx":  # lines follow the table (a month with ไม่มีการจัดซื้อจัดจ้าง)
        return _fixed_zip(samples.xlsx_bytes([spec.title], (table or [[]]) + [[line] for line in spec.lines]))
    if spec.kind == "png":
        return render_portrait(spec) if "portrait" in spec.extra else samples.png_image([spec.title, *spec.lines])
    raise ValueError(f"unknown document kind {spec.kind!r}")


def _report_pages(spec: DocSpec) -> list[str]:
    """A bound report of four pages: its title and first line (the year), a contents page, the rest
    of its lines (and table), an annex. A reader of the first and last pages misses the body."""
    from documents.samples import PAGE_BREAK

    first, body = list(spec.lines[:1]), list(spec.lines[1:])
    return [
        spec.title,
        *first,
        PAGE_BREAK,
        "สารบัญ",
        "บทนำ ๑",
        "ภาคผนวก ๔",
        PAGE_BREAK,
        *body,
        PAGE_BREAK,
        "ภาคผนวก",
        "เอกสารประกอบการรายงาน",
    ]


def render_portrait(spec: DocSpec) -> bytes:
    """A small stand-in photo of an executive (a coloured silhouette, distinct per person)."""
    from PIL import Image, ImageDraw

    shade = int(spec.digest()[:2], 16) // 2 + 60
    image = Image.new("RGB", (120, 150), (shade, 120, 200 - shade // 2))
    draw = ImageDraw.Draw(image)
    draw.ellipse((35, 20, 85, 75), fill=(235, 205, 180))
    draw.rectangle((20, 85, 100, 150), fill=(40, 50, 90))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# Same spec, same bytes: pin the timestamps writers put in (same length keeps PDF offsets valid).
def _fixed_dates(pdf: bytes) -> bytes:
    return re.sub(rb"D:\d{14}", b"D:20260101000000", pdf)


def _fixed_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", content)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
