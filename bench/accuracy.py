"""``oit bench accuracy``: the whole job on the sample fleet, compared with the fleet's truth.

Serves the demo set on loopback, crawls it into a fresh store (``python -m crawler``), extracts
the documents, judges every stable key, and prints per key the precision and recall of
"evidence found" (predicted pass vs. truth current), F1, and how often the status agrees with the
truth; overall the macro F1 and the trap pages (empty shells, menu-only mentions, near misses) that
passed — a list that must stay empty. A second table scores the same judgements by evidence: items
whose substance is only in documents (the truth's ``doc_only``) next to page evidence, and per kind
of evidence (pdf, scanned pdf, data file, image, drive/external), so document reading is held to the
same targets as page reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from evaluate.engine import build_index, compile_rules, judge_key
from evaluate.rules import RuleSet
from evaluate.ruleset import load_ruleset
from evaluate.verdicts import ItemStatus
from store.records import SiteSnapshot

TRUTH_FILE = "truth.json"

# fleet truth state -> the status the engine should give
TRUTH_STATUS = {
    "current": ItemStatus.PASS,
    "stale": ItemStatus.STALE,
    "incomplete": ItemStatus.INCOMPLETE,
    "broken": ItemStatus.BROKEN,
    "unverifiable": ItemStatus.UNVERIFIABLE,
    "absent": ItemStatus.MISSING,
}


@dataclass(frozen=True, slots=True)
class Judged:
    """One site and key: what the engine said, with the URLs it rests on."""

    status: ItemStatus
    evidence_urls: tuple[str, ...]


# fleet truth kind -> the evidence-kind row it is counted in (kinds not listed: their own name)
KIND_ROWS = {
    "": "kind: nothing published",
    "xlsx": "kind: xlsx/data file",
    "xls": "kind: xlsx/data file",
    "csv": "kind: xlsx/data file",
    "drive": "kind: drive/external",
    "external": "kind: drive/external",
}
PAGE_EVIDENCE, DOCUMENT_ONLY = "evidence: page", "evidence: document-only"


@dataclass(frozen=True, slots=True)
class Truth:
    state: str
    decoys: tuple[str, ...] = ()
    evidence_urls: tuple[str, ...] = ()
    doc_only: bool = False  # the substance is only in documents, not in HTML
    kind: str = ""  # page | pdf | pdf_scan | xlsx | image | form | webboard | external | drive ("" nothing)


@dataclass(slots=True)
class KeyScore:
    key: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    agree: int = 0
    total: int = 0
    confusions: list[str] = field(default_factory=list)  # "site: truth -> got"

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if not self.tp + self.fp + self.fn:
            return None  # nothing to find and nothing claimed: no information
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    @property
    def agreement(self) -> float:
        return self.agree / self.total if self.total else 0.0


@dataclass(slots=True)
class Accuracy:
    keys: dict[str, KeyScore]
    traps_passed: list[str]  # "site key url"
    site_status_errors: list[str]

    @property
    def macro_f1(self) -> float:
        scores = [s.f1 for s in self.keys.values() if s.f1 is not None]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def agreement(self) -> float:
        total = sum(s.total for s in self.keys.values())
        return sum(s.agree for s in self.keys.values()) / total if total else 0.0


def by_key(key: str, truth: Truth) -> Iterable[str]:
    return (key,)


def by_evidence(key: str, truth: Truth) -> Iterable[str]:
    """Document-only or page evidence, and the kind of the evidence (one judgement counts in both)."""
    return (DOCUMENT_ONLY if truth.doc_only else PAGE_EVIDENCE), KIND_ROWS.get(truth.kind, f"kind: {truth.kind}")


def compare(
    judged: dict[str, dict[str, Judged]],
    truth: dict[str, dict[str, Truth]],
    group_by: Callable[[str, Truth], Iterable[str]] = by_key,
) -> Accuracy:
    """Score per-site, per-key judgements against the truth (both keyed by site id, then key),
    summed per row that ``group_by`` names: the stable key, or the kind of evidence."""
    rows: dict[str, KeyScore] = {}
    traps = []
    for site_id, site_truth in truth.items():
        for key, expected in site_truth.items():
            got = judged.get(site_id, {}).get(key)
            if got is None:
                continue
            want = TRUTH_STATUS[expected.state]
            predicted_pass, truly_current = got.status is ItemStatus.PASS, want is ItemStatus.PASS
            for row in group_by(key, expected):
                score = rows.setdefault(row, KeyScore(row))
                score.tp += predicted_pass and truly_current
                score.fp += predicted_pass and not truly_current
                score.fn += truly_current and not predicted_pass
                score.total += 1
                if got.status is want:
                    score.agree += 1
                else:
                    score.confusions.append(f"{site_id} {key}: {want.value} -> {got.status.value}")
            if predicted_pass and set(got.evidence_urls[:1]) & set(expected.decoys):
                traps.append(f"{site_id} {key} {got.evidence_urls[0]}")
    return Accuracy(dict(sorted(rows.items())), traps, [])


def judge_keys(snapshot: SiteSnapshot, ruleset: RuleSet, as_of: dt.date, keys: set[str]) -> dict[str, Judged]:
    """Every wanted stable key judged on its own (a merged item of the year would hide which part failed)."""
    rules = compile_rules(ruleset).rules
    index = build_index(snapshot, ruleset)
    ctx = index.context(as_of)
    out = {}
    for key in sorted(keys & set(rules)):
        verdict = judge_key(rules[key], index, ctx)
        out[key] = Judged(verdict.status, tuple(f.source.url for f in verdict.findings if f.status is verdict.status))
    return out


def _pct(value: float | None) -> str:
    return "   –  " if value is None else f"{value:6.3f}"


def format_row(score: KeyScore) -> str:
    return f"{score.key:<26} {_pct(score.precision)} {_pct(score.recall)} {_pct(score.f1)} {score.agreement:6.3f}  {score.total}"


def format_table(accuracy: Accuracy) -> list[str]:
    lines = [f"{'stable key':<26} {'prec':>6} {'recall':>6} {'F1':>6} {'status':>6}  n"]
    lines += [format_row(score) for score in accuracy.keys.values()]
    overall = KeyScore("all keys")
    for score in accuracy.keys.values():
        overall.tp, overall.fp, overall.fn = overall.tp + score.tp, overall.fp + score.fp, overall.fn + score.fn
        overall.agree, overall.total = overall.agree + score.agree, overall.total + score.total
    lines.append(format_row(overall))
    lines.append(f"macro F1 {accuracy.macro_f1:.3f}, status agreement {accuracy.agreement:.3f}")
    lines.append(f"trap pages that passed: {len(accuracy.traps_passed)}")
    lines += [f"  {trap}" for trap in accuracy.traps_passed]
    return lines


def format_evidence_table(evidence: Accuracy) -> list[str]:
    """Rows of ``compare(..., group_by=by_evidence)``: page vs document-only, then per kind."""
    lines = [f"{'evidence':<26} {'prec':>6} {'recall':>6} {'F1':>6} {'status':>6}  n"]
    lines += [format_row(score) for score in evidence.keys.values()]
    page, docs = evidence.keys.get(PAGE_EVIDENCE), evidence.keys.get(DOCUMENT_ONLY)
    if page and docs:
        lines.append(
            f"document-only vs page evidence: F1 {_pct(docs.f1).strip()} vs {_pct(page.f1).strip()}, "
            f"status agreement {docs.agreement:.3f} vs {page.agreement:.3f}"
        )
    return lines


def _scores_json(accuracy: Accuracy) -> dict[str, dict]:
    return {
        k: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "agreement": s.agreement, "n": s.total}
        for k, s in accuracy.keys.items()
    }


# --- running the whole job on the fleet ----------------------------------------------------------


def crawl_fleet(folder: Path, reuse: bool, processes: int = 2, generated: tuple[int, int] | None = None):
    """Serve the demo fleet (or ``generated`` = (count, seed) sites of the generator, a set no rule
    was written against), crawl it and extract its documents; returns (fleet, store, run id).
    With ``reuse``, the last finished crawl in ``folder`` is judged again (rule edits, in seconds)."""
    from crawler.sites import load_sites
    from fleet.sets import bench_set
    from fleet.testing import start_demo, start_fleet
    from fleet.truth import write_truth
    from store.db import Store

    fleet = start_fleet(bench_set(*generated), folder) if generated else start_demo(folder)
    store = Store(folder / "oit.sqlite")
    done = [run for run in store.runs(limit=5) if run.kind == "bench-accuracy" and run.status == "complete"]
    if reuse and done and (folder / TRUTH_FILE).exists():
        return fleet, store, done[0].id
    write_truth(fleet.sites, fleet.as_of, folder / TRUTH_FILE)  # the truth of the pages served now
    run_id = crawl_sites(store, folder, load_sites(fleet.sites_file), "bench-accuracy", fleet.as_of, processes)
    return fleet, store, run_id


def crawl_sites(store, folder: Path, sites: list, kind: str, as_of: dt.date, processes: int = 2, cache=None) -> int:
    """Crawl ``sites`` (served on loopback) into ``store`` with ``python -m crawler`` and extract
    their documents (through ``cache``, default the shared one): a finished run of ``kind``, whose
    id is returned."""
    from crawler.launch import CrawlJob, run_crawl
    from documents.process import process_run
    from evaluate.ruleset import focus_terms

    run_id = store.begin_run(kind, as_of=as_of.isoformat())
    store.register_sites(run_id, sites)
    run_crawl(
        CrawlJob(folder / "oit.sqlite", run_id, processes, folder / "logs", ("--no-politeness",), focus_terms=focus_terms())
    )
    process_run(store, run_id, workers=processes, cache=cache)
    store.finish_run(run_id, "complete")
    return run_id


def load_truth(path: Path) -> tuple[dict[str, dict[str, Truth]], dict[str, str]]:
    """Per site and key the truth written at crawl time, and each site's expected status."""
    data = json.loads(path.read_text(encoding="utf-8"))
    truth = {
        site_id: {
            key: Truth(e["state"], tuple(e["decoys"]), tuple(e["evidence_urls"]), e["doc_only"], e["kind"])
            for key, e in site["items"].items()
        }
        for site_id, site in data["sites"].items()
    }
    return truth, {site_id: site["site_status"] for site_id, site in data["sites"].items()}


def run_accuracy(
    ruleset_name: str | None, folder: Path, verbose: bool, reuse: bool = False, generated: tuple[int, int] | None = None
) -> tuple[Accuracy, Accuracy, list[str]]:
    """(scores per stable key, scores per kind of evidence, notes) of the fleet crawled into ``folder``."""
    started = time.monotonic()
    fleet, store, run_id = crawl_fleet(folder, reuse, generated=generated)
    crawled = time.monotonic() - started
    try:
        ruleset = load_ruleset(ruleset_name)
        truth, site_status = load_truth(folder / TRUTH_FILE)
        judged, site_errors = {}, []
        for snapshot in store.snapshots(run_id):
            site_id = snapshot.crawl.site.id
            want = site_status[site_id]
            got = snapshot.crawl.status.report_status
            if got != want:
                site_errors.append(f"{site_id}: site status {want} -> {got} ({snapshot.crawl.detail})")
            if want == "ok" and got == "ok":
                judged[site_id] = judge_keys(snapshot, ruleset, fleet.as_of, set(truth[site_id]))
        accuracy = compare(judged, truth)
        accuracy.site_status_errors = site_errors
        evidence = compare(judged, truth, by_evidence)
    finally:
        fleet.stop()
    notes = [f"{len(fleet.sites)} sites, rule set {ruleset.name}, as of {fleet.as_of}; crawl + documents {crawled:.0f} s"]
    notes += [f"site status: {e}" for e in site_errors]
    if verbose:
        notes += [f"  {c}" for score in accuracy.keys.values() for c in score.confusions]
    return accuracy, evidence, notes


def _command(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="oit-accuracy-") as tmp:
        generated = (args.generated, args.seed) if args.generated else None
        accuracy, evidence, notes = run_accuracy(args.ruleset, Path(args.keep or tmp), args.disagreements, args.reuse, generated)
    print("\n".join(notes + format_table(accuracy) + [""] + format_evidence_table(evidence)))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "macro_f1": accuracy.macro_f1,
                    "agreement": accuracy.agreement,
                    "traps_passed": accuracy.traps_passed,
                    "keys": _scores_json(accuracy),
                    "evidence": _scores_json(evidence),
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("accuracy", help="crawl the sample fleet, judge it, compare with its truth (per key P/R/F1)")
    parser.add_argument("--ruleset", help="rule set (default: the newest)")
    parser.add_argument("--keep", help="keep the store and logs in this directory")
    parser.add_argument("--json", help="also write the numbers to this JSON file")
    parser.add_argument("--reuse", action="store_true", help="judge the crawl kept in --keep again instead of crawling")
    parser.add_argument("--disagreements", action="store_true", help="list every disagreement with the truth")
    parser.add_argument(
        "--generated", type=int, metavar="N", help="judge N generated sites instead of the demo set (sites no rule was tuned on)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the --generated sites (default 1)")
    parser.set_defaults(func=_command)
