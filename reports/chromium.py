"""Headless Chromium (Debian's package): print HTML to PDF, take screenshots, dump the DOM.

Chromium keeps Thai text intact in the PDF text layer (ำ included), unlike WeasyPrint. Each call
starts one browser (~1 s) with its own throw-away profile and the background-network features
off, so nothing leaves the machine; ``print_pdfs`` runs a small pool of them for many files.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
]


class ChromiumError(RuntimeError):
    pass


def chromium_path() -> str:
    """The browser: $OIT_CHROMIUM, else chromium / chromium-browser on PATH."""
    found = os.environ.get("OIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise ChromiumError("Chromium not found: install Debian's chromium package (scripts/bootstrap.sh) or set OIT_CHROMIUM")
    return found


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="oit-chromium-") as profile:
        command = [chromium_path(), *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ChromiumError(f"Chromium took longer than {timeout:.0f} s on {args[-1]}") from exc
    if done.returncode != 0:
        raise ChromiumError(f"Chromium failed ({done.returncode}) on {args[-1]}: {done.stderr.decode(errors='replace')[-500:]}")
    return done


def print_pdf(html: Path, pdf: Path, timeout: float = 60.0) -> Path:
    """Print a local HTML file to PDF; page size and margins come from the page's CSS @page."""
    _run(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()], timeout)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise ChromiumError(f"Chromium wrote no PDF for {html}")
    return pdf


def print_pdfs(pairs: list[tuple[Path, Path]], workers: int = 2, timeout: float = 60.0) -> list[Path]:
    """Print many files, ``workers`` browsers at a time (one per core is about right)."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda pair: print_pdf(pair[0], pair[1], timeout), pairs))


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 900, timeout: float = 60.0) -> Path:
    """A PNG of the page as a browser shows it, after its scripts ran."""
    _run([f"--screenshot={png}", f"--window-size={width},{height}", "--virtual-time-budget=2000", html.resolve().as_uri()], timeout)
    return png


def dump_dom(html: Path, timeout: float = 60.0) -> str:
    """The page's DOM after its scripts ran, serialised as HTML."""
    done = _run(["--dump-dom", "--virtual-time-budget=2000", html.resolve().as_uri()], timeout)
    return done.stdout.decode("utf-8", errors="replace")
