"""Documents of the sample sites: Thai text PDFs, image-only (scanned-like) PDFs and XLSX lists.

Generated on first request with Debian's Thai font (fonts-thai-tlwg) and cached by the hash of
their description, in memory and under a cache directory, so a fleet serves the same bytes every
time and a restarted demo starts without regenerating anything.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import textwrap
import threading
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

THAI_FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "var" / "fleet-cache"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "scan": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",  # org charts and portraits
}
SUFFIXES = {"pdf": "pdf", "scan": "pdf", "xlsx": "xlsx", "png": "png"}


@dataclass(frozen=True, slots=True)
class DocSpec:
    kind: str  # pdf (text layer) | scan (image only) | xlsx
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
    if spec.kind == "pdf":
        return render_text_pdf(spec)
    if spec.kind == "scan":
        return render_scanned_pdf(spec)
    if spec.kind == "xlsx":
        return render_xlsx(spec)
    if spec.kind == "png":
        return render_png(spec)
    raise ValueError(f"unknown document kind {spec.kind!r}")


def render_text_pdf(spec: DocSpec) -> bytes:
    import weasyprint  # slow import: only when a text PDF is first needed

    table = ""
    if spec.columns:
        head = "".join(f"<th>{escape(c)}</th>" for c in spec.columns)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in spec.rows)
        table = f"<table><tr>{head}</tr>{body}</table>"
    html = (
        "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:2cm}"
        "body{font-family:Laksaman,'TH SarabunPSK';font-size:15pt}h1{font-size:19pt;text-align:center}"
        "table{border-collapse:collapse;font-size:10pt}td,th{border:1px solid #000;padding:2px}</style></head>"
        f"<body><h1>{escape(spec.title)}</h1>"
        + "".join(f"<p>{escape(line)}</p>" for line in spec.lines)
        + table
        + "</body></html>"
    )
    # Fixed metadata so the same spec always gives the same bytes.
    document = weasyprint.HTML(string=html).render()
    document.metadata.created = document.metadata.modified = "2026-01-01T00:00:00Z"
    return document.write_pdf()


def _scan_page(spec: DocSpec, page_no: int):
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    width, height = 1240, 1754  # A4 at 150 dpi
    image = Image.new("L", (width, height), 244)
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(str(THAI_FONT), 46)
    font = ImageFont.truetype(str(THAI_FONT), 36)
    y = 140
    draw.text((width // 2, y), spec.title, font=title_font, fill=20, anchor="mt")
    y += 110
    body = list(spec.lines) + [" | ".join(row) for row in spec.rows]
    for line in body:
        for part in textwrap.wrap(line, 58) or [""]:
            if y > height - 150:
                break
            draw.text((130, y), part, font=font, fill=25)
            y += 58
    draw.text((width - 160, height - 90), f"- {page_no} -", font=font, fill=60)
    # A scanner's slight skew and blur, without a text layer.
    return image.rotate(0.6, fillcolor=244).filter(ImageFilter.GaussianBlur(0.6))


def render_scanned_pdf(spec: DocSpec) -> bytes:
    pages = [_scan_page(spec, n) for n in range(1, max(1, spec.pages) + 1)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return out.getvalue()


def render_png(spec: DocSpec) -> bytes:
    """A picture: an org chart (the spec's text) or, with ``extra["portrait"]``, a portrait."""
    from PIL import Image, ImageDraw

    out = io.BytesIO()
    if "portrait" in spec.extra:
        shade = int(spec.digest()[:2], 16) // 2 + 60
        image = Image.new("RGB", (120, 150), (shade, 120, 200 - shade // 2))
        draw = ImageDraw.Draw(image)
        draw.ellipse((35, 20, 85, 75), fill=(235, 205, 180))
        draw.rectangle((20, 85, 100, 150), fill=(40, 50, 90))
    else:
        image = _scan_page(spec, 1).convert("RGB").resize((620, 877))
    image.save(out, "PNG")
    return out.getvalue()


def render_xlsx(spec: DocSpec) -> bytes:
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.extra.get("sheet", "สขร.1")[:31]
    sheet.append([spec.title])
    sheet.append(list(spec.columns))
    for row in spec.rows:
        sheet.append(list(row))
    fixed = dt.datetime(2026, 1, 1)
    workbook.properties.created = workbook.properties.modified = fixed
    raw = io.BytesIO()
    workbook.save(raw)
    # Re-pack with fixed zip timestamps: same spec, same bytes.
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fix_core_dates(data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _fix_core_dates(xml: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", xml)
