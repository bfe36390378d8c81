"""Reports as an officer prints them: the DOCX converted by LibreOffice, PDF pages counted and
their text extracted, and the check that a Thai document shows no English word."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

# Latin words a Thai report may show: names of the assessment and its system, of file formats and
# of items as the rule set names them (E-Service, Q&A, No Gift Policy), and what measures name.
NAMES = {
    "ITA",
    "OIT",
    "ITAS",
    "URL",
    "PDF",
    "DNS",
    "TLS",
    "robots.txt",
    "XLSX",
    "CSV",
    "Q&A",
    "E-Service",
    "No",
    "Gift",
    "Policy",
    "LINE",
    "Official",
    "Account",
    "Facebook",
    "Page",
    "EService",  # pdftotext drops the hyphen of "E-" at a line end and joins the word
}
# a hyphenated name broken at its hyphen over a line (or page) end: E- / Service
ALLOWED = NAMES | {part for name in NAMES for part in name.split("-")}
_URL = re.compile(r"(?:https?://|javascript:)\S+")
_WORD = re.compile(r"[A-Za-z](?:[A-Za-z0-9&.\-]*[A-Za-z0-9])?")
_CODE = re.compile(r"[oO]\d+")  # item codes: O1, o12


def latin_words(text: str) -> set[str]:
    """Latin words outside URLs, item codes and NAMES (a status code such as 'broken' is one)."""
    return {w for w in _WORD.findall(_URL.sub(" ", text)) if w not in ALLOWED and not _CODE.fullmatch(w)}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docs: list[Path], out_dir: Path, timeout: float = 300) -> list[Path]:
    """Convert DOCX files (distinct names: out_dir/<name>.pdf each) with one headless LibreOffice
    start (several seconds), in a throw-away profile so parallel tests do not collide."""
    assert len({d.stem for d in docs}) == len(docs), "LibreOffice names each PDF after its DOCX"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="oit-lo-") as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docs),
            ],
            capture_output=True,
            check=True,
            timeout=timeout,
        )
    return [out_dir / f"{d.stem}.pdf" for d in docs]


def pdf_text(pdf: Path) -> list[str]:
    """The text of every page (poppler reads Thai back better than pypdf)."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def pdf_pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(width, height in points, text) of every page, the text without the line breaks and spaces
    PDF producers put around Thai marks, so Thai phrases compare whole."""
    texts = pdf_text(pdf)
    pages = PdfReader(str(pdf)).pages
    assert len(pages) == len(texts)
    return [(float(p.mediabox.width), float(p.mediabox.height), re.sub(r"\s+", "", t)) for p, t in zip(pages, texts, strict=True)]
