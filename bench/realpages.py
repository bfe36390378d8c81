"""``oit bench realpages``: the judge on real SAO page text that nobody here wrote.

A corpus is a labels file (``bench/realpages/labels.yaml``: per page its URL, host, the stable
keys it is evidence for or ``none``, and whether it has real content or only a title) plus the
stored text of each page (``var/realpages/pages/<sha1(url)[:16]>.txt``, kept out of git: it is
third-party text). Each page is served as a tiny loopback site whose home page links to it with the
page's own title (its first line), crawled with ``python -m crawler`` and judged with the rule set
on every stable key of the library. Scores per key:

- attribution: the page is among the findings of its labelled key, whatever the status (a page that
  only mentions the item and is judged "missing" for it does not count);
- acceptance: that, and the key is not judged ``missing`` (pages with real content only);
- wrong passes: a key judged ``pass`` from a page that is not labelled for it.

Macro F1 over the keys with at least ``MIN_PAGES`` labelled pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.accuracy import KeyScore, _pct, crawl_sites
from evaluate.engine import build_index, compile_rules, judge_key
from evaluate.judge import named_for
from evaluate.ruleset import load_ruleset
from evaluate.verdicts import ItemStatus
from fleet.sets import DEMO_AS_OF, address
from oit.yamlfile import load_yaml
from store.records import Site

DEFAULT_PAGES = Path("var/realpages/pages")
BASE_IP = "127.0.6.0"  # one loopback address per page (the fleet uses 127.0.1.x-127.0.3.x)
MIN_PAGES = 3
CONTENT_KINDS = ("real", "title")
PAGE_PATH = "/page"
TITLE_CHARS = 160  # a first line longer than this is a paragraph: the title is its start


@dataclass(frozen=True, slots=True)
class LabelledPage:
    url: str
    host: str
    keys: tuple[str, ...]  # () for "none"
    content: str  # real | title
    text: str

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]

    @property
    def title(self) -> str:
        return (self.lines or [""])[0][:TITLE_CHARS]

    @property
    def body(self) -> list[str]:
        """The lines after the title; a first line too long to be a title is content too."""
        lines = self.lines
        return lines if lines and len(lines[0]) > TITLE_CHARS else lines[1:]


def page_file(pages_dir: Path, url: str) -> Path:
    return pages_dir / f"{hashlib.sha1(url.encode()).hexdigest()[:16]}.txt"


def load_corpus(labels: Path, pages_dir: Path, known_keys: set[str]) -> tuple[list[LabelledPage], list[str]]:
    """The labelled pages whose text is stored, and notes on the others. Bad labels: ``file:line:``."""
    root = load_yaml(labels).root.fields({"pages"})
    pages, notes = [], []
    for entry in root.value("pages").list():
        fields = entry.fields({"url", "host", "label", "content"})
        url, host, content = fields.text("url"), fields.text("host", ""), fields.choice("content", CONTENT_KINDS)
        label = fields.value("label")
        keys = () if label.data == "none" else label.texts(single=True)
        unknown = [k for k in keys if k not in known_keys]
        if not keys and label.data != "none" or unknown:
            raise label.error(f"unknown stable key {unknown[0] if unknown else label.data!r}")
        stored = page_file(pages_dir, url)
        if not stored.exists():
            notes.append(f"no stored text for {url} ({stored})")
            continue
        pages.append(LabelledPage(url, host, keys, content, stored.read_text(encoding="utf-8")))
    return pages, notes


# --- serving: one tiny site per page --------------------------------------------------------------


def _home_html(page: LabelledPage) -> str:
    title = html.escape(page.title)
    return (
        f"<!doctype html><html lang='th'><head><meta charset='utf-8'><title>หน้าหลัก</title></head>"
        f"<body><main><h1>หน้าหลัก</h1><ul><li><a href='{PAGE_PATH}'>{title}</a></li></ul></main></body></html>"
    )


def _page_html(page: LabelledPage) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in page.body)
    title = html.escape(page.title)
    return (
        f"<!doctype html><html lang='th'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><main><h1>{title}</h1>{body}</main></body></html>"
    )


def _handler(page: LabelledPage) -> type[BaseHTTPRequestHandler]:
    routes = {"/": _home_html(page).encode(), PAGE_PATH: _page_html(page).encode()}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = routes.get(self.path.split("?", 1)[0])
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args) -> None:
            pass

    return Handler


@dataclass
class CorpusServer:
    servers: list[ThreadingHTTPServer] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)

    @classmethod
    def start(cls, pages: list[LabelledPage]) -> CorpusServer:
        running = cls()
        for index, page in enumerate(pages, start=1):
            host = address(BASE_IP, index)
            server = ThreadingHTTPServer((host, 0), _handler(page))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            running.servers.append(server)
            running.sites.append(Site(f"page{index:03d}", f"หน้าจริง {index}", f"http://{host}:{server.server_port}/"))
        return running

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


# --- scoring --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageResult:
    """Per key: the status and whether the labelled page is among its findings."""

    statuses: dict[str, ItemStatus]
    attributed: dict[str, bool]  # the page is among the key's findings
    passed_from_page: dict[str, bool]  # judged pass with the page among the passing findings


@dataclass(slots=True)
class RealPagesScore:
    attribution: dict[str, KeyScore]
    acceptance: dict[str, KeyScore]
    labelled: dict[str, int]  # key -> labelled pages
    labelled_real: dict[str, int]  # key -> labelled pages with real content (acceptance is scored on these)
    wrong_passes: list[str]
    misses: list[str] = field(default_factory=list)  # labelled pages not attributed / not accepted
    extras: list[str] = field(default_factory=list)  # pages attributed to keys they are not labelled for

    def macro(self, scores: dict[str, KeyScore], labelled: dict[str, int]) -> float:
        values = [s.f1 or 0.0 for key, s in scores.items() if labelled.get(key, 0) >= MIN_PAGES]
        return sum(values) / len(values) if values else 0.0


def page_result(snapshot, ruleset, as_of: dt.date, page_path: str = PAGE_PATH) -> PageResult:
    rules = compile_rules(ruleset).rules
    index = build_index(snapshot, ruleset)
    ctx = index.context(as_of)
    statuses, attributed, passed = {}, {}, {}
    for key, rule in sorted(rules.items()):
        verdict = judge_key(rule, index, ctx)
        # the page is evidence found for the item unless it only mentions it (a "missing" that is not named for it)
        on_page = [
            f
            for f in verdict.findings
            if f.source.url.split("?", 1)[0].endswith(page_path)
            and (f.status is not ItemStatus.MISSING or named_for(rule, f.source))
        ]
        statuses[key] = verdict.status
        attributed[key] = bool(on_page)
        passed[key] = verdict.status is ItemStatus.PASS and any(f.status is ItemStatus.PASS for f in on_page)
    return PageResult(statuses, attributed, passed)


def score(pages: list[LabelledPage], results: list[PageResult]) -> RealPagesScore:
    keys = sorted({k for r in results for k in r.statuses})
    attribution = {k: KeyScore(k) for k in keys}
    acceptance = {k: KeyScore(k) for k in keys}
    labelled: dict[str, int] = {}
    labelled_real: dict[str, int] = {}
    wrong, misses, extras = [], [], []
    for page, result in zip(pages, results, strict=True):
        for key in page.keys:
            labelled[key] = labelled.get(key, 0) + 1
            if page.content == "real":
                labelled_real[key] = labelled_real.get(key, 0) + 1
        for key in keys:
            want, got = key in page.keys, result.attributed[key]
            _count(attribution[key], want, got)
            accepted = got and result.statuses[key] is not ItemStatus.MISSING
            if page.content == "real":
                _count(acceptance[key], want, accepted)
            if want and not (accepted if page.content == "real" else got):
                misses.append(f"{key:<26} {result.statuses[key].value:<12} {page.content:<5} {page.title[:60]}  {page.url}")
            if got and not want:
                extras.append(f"{key:<26} {result.statuses[key].value:<12} {page.title[:60]}  {page.url}")
            if result.passed_from_page[key] and not want:
                wrong.append(f"{key} passed from {page.url} (labelled {', '.join(page.keys) or 'none'})")
    return RealPagesScore(attribution, acceptance, labelled, labelled_real, wrong, misses, extras)


def _count(row: KeyScore, want: bool, got: bool) -> None:
    row.tp += want and got
    row.fp += got and not want
    row.fn += want and not got
    row.total += want
    row.agree += want and got


def format_score(result: RealPagesScore) -> list[str]:
    lines = [
        f"{'stable key':<26} {'pages':>5} {'real':>4} {'attr P':>6} {'attr R':>6} {'attr F1':>7} "
        f"{'acc P':>6} {'acc R':>6} {'acc F1':>7}"
    ]
    for key in sorted(result.labelled):
        at, ac = result.attribution[key], result.acceptance[key]
        lines.append(
            f"{key:<26} {result.labelled[key]:>5} {result.labelled_real.get(key, 0):>4} "
            f"{_pct(at.precision)} {_pct(at.recall)} {_pct(at.f1)}  "
            f"{_pct(ac.precision)} {_pct(ac.recall)} {_pct(ac.f1)}"
        )
    counted = sum(1 for n in result.labelled.values() if n >= MIN_PAGES)
    counted_real = sum(1 for n in result.labelled_real.values() if n >= MIN_PAGES)
    lines.append(
        f"macro F1: attribution {result.macro(result.attribution, result.labelled):.3f} "
        f"(the {counted} keys with >= {MIN_PAGES} labelled pages), "
        f"acceptance {result.macro(result.acceptance, result.labelled_real):.3f} "
        f"(the {counted_real} keys with >= {MIN_PAGES} labelled pages of real content)"
    )
    lines.append(f"wrong passes: {len(result.wrong_passes)}")
    lines += [f"  {w}" for w in result.wrong_passes]
    return lines


def run_realpages(
    labels: Path, pages_dir: Path, ruleset_name: str | None, as_of: dt.date, folder: Path
) -> tuple[RealPagesScore, list[str]]:
    from store.db import Store

    ruleset = load_ruleset(ruleset_name)
    pages, notes = load_corpus(labels, pages_dir, set(compile_rules(ruleset).rules))
    served = CorpusServer.start(pages)
    try:
        store = Store(folder / "oit.sqlite")
        run_id = crawl_sites(store, folder, served.sites, "bench-realpages", as_of)
        by_site = {snapshot.crawl.site.id: snapshot for snapshot in store.snapshots(run_id)}
        results = [page_result(by_site[site.id], ruleset, as_of) for site in served.sites]
    finally:
        served.stop()
    notes.insert(
        0, f"{len(pages)} labelled pages from {len({p.host for p in pages})} hosts, rule set {ruleset.name}, as of {as_of}"
    )
    return score(pages, results), notes


def _command(args: argparse.Namespace) -> int:
    as_of = dt.date.fromisoformat(args.as_of) if args.as_of else DEMO_AS_OF
    with tempfile.TemporaryDirectory(prefix="oit-realpages-") as tmp:
        result, notes = run_realpages(Path(args.corpus), Path(args.pages), args.ruleset, as_of, Path(args.keep or tmp))
    lines = notes + format_score(result)
    if args.misses:
        lines += ["", "labelled pages not attributed (title-only) or not accepted (real content):"]
        lines += [f"  {m}" for m in result.misses]
        lines += ["", "pages attributed to keys they are not labelled for:"]
        lines += [f"  {m}" for m in result.extras]
    print("\n".join(lines))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("realpages", help="serve labelled real SAO pages as tiny sites, judge them, score per key")
    parser.add_argument("--corpus", required=True, help="labels file (bench/realpages/labels.yaml)")
    parser.add_argument("--pages", default=str(DEFAULT_PAGES), help=f"stored page texts (default {DEFAULT_PAGES})")
    parser.add_argument("--ruleset", help="rule set (default: the newest)")
    parser.add_argument("--as-of", help=f"judge as of this date (default {DEMO_AS_OF})")
    parser.add_argument("--keep", help="keep the store and logs in this directory")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list the labelled pages that were not recognised, and the attributions to other keys",
    )
    parser.set_defaults(func=_command)
