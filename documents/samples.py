"""Sample documents made at run time, as SAO websites publish them: Thai PDFs with a text layer
(with the usual font damage), scanned PDFs (images only), DOCX and XLSX with tables.

Used by the tests, the benchmark and the sample fleet, so no binary needs to be committed.
Rendered with WeasyPrint and the Thai fonts of fonts-thai-tlwg (Laksaman is TH Sarabun's twin).
"""

from __future__ import annotations

import html
import io
import subprocess
import tempfile
from pathlib import Path

Table = list[list[str]]

_CSS = (
    "@page{size:A4;margin:2cm} body{font-family:'Laksaman';font-size:16pt} "
    "table{border-collapse:collapse} td,th{border:1px solid #000;padding:2pt;font-size:12pt}"
)


PAGE_BREAK = "\f"


def _paragraph(text: str) -> str:
    return "<div style='page-break-after:always'></div>" if text == PAGE_BREAK else f"<p>{html.escape(text)}</p>"


def _html(paragraphs: list[str], table: Table | None) -> str:
    body = "".join(map(_paragraph, paragraphs))
    if table:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in table[0])
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in table[1:])
        body += f"<table><tr>{head}</tr>{rows}</table>"
    return f"<html><head><meta charset='utf-8'><style>{_CSS}</style></head><body>{body}</body></html>"


def text_pdf(paragraphs: list[str], table: Table | None = None) -> bytes:
    """A PDF with a text layer; a ``PAGE_BREAK`` paragraph starts a new page. WeasyPrint's layer
    loses ำ like many Thai producers do (ประจาปี)."""
    import weasyprint

    return weasyprint.HTML(string=_html(paragraphs, table)).write_pdf()


def scanned_pdf(paragraphs: list[str], table: Table | None = None, *, dpi: int = 150, pages: int = 1) -> bytes:
    """An image-only PDF, like a scanner makes: the text rendered, rasterised, no text layer.
    ``pages`` repeats the content on that many pages; with ``PAGE_BREAK`` paragraphs each page of
    the text is scanned instead (a bound report: title page, contents, body ...)."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="oit-sample-") as tmp:
        source = Path(tmp) / "source.pdf"
        source.write_bytes(text_pdf(paragraphs, table))
        first_only = [] if PAGE_BREAK in paragraphs else ["-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", *first_only, str(source), str(Path(tmp) / "page")], check=True
        )
        images = [Image.open(path) for path in sorted(Path(tmp).glob("page*.png"))]  # page-1.png ... page-N.png
        scans = [image.convert("L") for image in images]
        for image in images:
            image.close()
        if first_only:
            scans *= pages
        out = io.BytesIO()
        scans[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=scans[1:])
    return out.getvalue()


def broken_layer_pdf(paragraphs: list[str], *, dpi: int = 150) -> bytes:
    """A page whose text layer is garbage, as PDFs made with old Thai fonts give: the page shows
    the text as an image, and the extractable layer is the same text in TIS-620 read as Latin-1
    (ÃÒÂ§Ò¹...), drawn invisibly."""
    import base64

    import weasyprint

    picture = base64.b64encode(png_image(paragraphs, dpi=dpi)).decode()
    garbage = html.escape(" ".join(paragraphs).encode("cp874", errors="replace").decode("latin-1"))
    document = (
        f"<html><head><meta charset='utf-8'><style>{_CSS} img{{width:100%}} "
        f".layer{{position:absolute;top:0;color:white;font-family:'DejaVu Sans'}}</style></head>"
        f"<body><img src='data:image/png;base64,{picture}'><p class='layer'>{garbage}</p></body></html>"
    )
    return weasyprint.HTML(string=document).write_pdf()


def png_image(paragraphs: list[str], *, dpi: int = 150) -> bytes:
    """A photo-like PNG of a page (some sites post scans as images)."""
    with tempfile.TemporaryDirectory(prefix="oit-sample-") as tmp:
        source = Path(tmp) / "source.pdf"
        source.write_bytes(text_pdf(paragraphs))
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(source), str(Path(tmp) / "page")], check=True
        )
        return (Path(tmp) / "page.png").read_bytes()


def docx_bytes(paragraphs: list[str], table: Table | None = None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(title_rows: list[str], table: Table) -> bytes:
    """A workbook as procurement data files look: title lines, then a header row and data."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "สขร.1"
    for title in title_rows:
        sheet.append([title])
    sheet.append([])
    for row in table:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
