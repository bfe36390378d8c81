"""``oit evaluate`` (re-judge a stored crawl) and ``oit rules lint|test|explain``."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path

from evaluate.overrides import DEFAULT_DIR as OVERRIDES_DIR
from evaluate.overrides import load_overrides
from evaluate.ruleset import RULES_DIR, available_rulesets, load_ruleset
from evaluate.verdicts import ItemStatus, RunResult
from oit.errors import UserError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _open_run(db: Path, run_id: int | None):
    from store.db import Store

    if not db.exists():
        raise UserError(f"{db}: no such database")
    store = Store(db)
    run = store.run(run_id) if run_id is not None else next(iter(store.runs(limit=1)), None)
    if run is None:
        raise UserError(f"{db}: no run {run_id}" if run_id is not None else f"{db}: no runs yet")
    return store, run


def _as_of(args: argparse.Namespace, run) -> dt.date:
    return args.as_of or dt.date.fromisoformat(run.as_of or run.started_at[:10])


def write_results(result: RunResult, out_dir: Path) -> Path:
    """DIR/results.json, written atomically (readers never see half a file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def summary_lines(result: RunResult) -> list[str]:
    lines = [f"run {result.run_id}, rule set {result.ruleset}, as of {result.as_of}: {len(result.sites)} sites"]
    width = max((len(site.id) for site in result.sites), default=0)
    for site in result.sites:
        if site.score is None:
            lines.append(f"  {site.id:<{width}} {site.status}, not judged ({site.crawl_status})")
            continue
        counts = Counter(item.status for item in site.items)
        gap = max(0.0, result.pass_mark - site.score)
        detail = " ".join(f"{status.value}={counts[status]}" for status in ItemStatus if counts[status])
        lines.append(f"  {site.id:<{width}} score {site.score:6.2f}  gap to {result.pass_mark:g}: {gap:6.2f}  {detail}")
    return lines


def _evaluate(args: argparse.Namespace) -> int:
    from evaluate.engine import evaluate_run

    store, run = _open_run(args.db, args.run)
    ruleset = load_ruleset(args.ruleset or run.ruleset or None)
    overrides = args.overrides if args.overrides.is_dir() else None
    result = evaluate_run(store, run.id, ruleset, _as_of(args, run), overrides_dir=overrides)
    path = write_results(result, args.out)
    print("\n".join(summary_lines(result)))
    print(f"wrote {path}")
    return 0


def _lint(args: argparse.Namespace) -> int:
    names = args.ruleset or available_rulesets()
    used: set[str] = set()
    library = {}
    for name in names:
        ruleset = load_ruleset(name)
        library = ruleset.library
        used.update(key for item in ruleset.items for key in item.keys)
        inferred = sum(item.inferred for item in ruleset.items)
        print(f"{ruleset.path}: {len(ruleset.items)} items, {inferred} inferred, weights {ruleset.total_weight:g}, "
              f"pass mark {ruleset.pass_mark:g}")
    without_examples = sorted(key for key, rule in library.items() if not rule.examples)
    if without_examples:
        print(f"warning: items without examples: {', '.join(without_examples)}")
    unused = sorted(set(library) - used)
    if unused and not args.ruleset:
        print(f"warning: library items no rule set uses: {', '.join(unused)}")
    overrides = sorted(args.overrides.glob("*.yaml")) if args.overrides.is_dir() else []
    for path in overrides:
        load_overrides(path.parent, path.stem, known_keys=set(library))
    print(f"ok: {len(names)} rule sets, {len(library)} library items, {len(overrides)} override files")
    return 0


def _test(args: argparse.Namespace) -> int:
    from evaluate.examples import run_examples

    failures, total, seen = 0, 0, set()
    for name in args.ruleset or available_rulesets():
        for result in run_examples(load_ruleset(name)):
            where = (result.key, result.index, result.example.line, result.example.expect, result.example.title)
            if where in seen:  # a library example runs the same in every rule set
                continue
            seen.add(where)
            total += 1
            if not result.ok:
                failures += 1
                detail = f" ({result.detail})" if result.detail else ""
                print(f"FAIL {name} {result.key} example {result.index + 1} (line {result.example.line}): "
                      f"expected {result.example.expect}, got {result.got}{detail}")
    print(f"{total - failures}/{total} examples judged as expected")
    return 1 if failures else 0


def _checks(args: argparse.Namespace) -> int:
    from evaluate.checks import CHECKS

    for name, definition in sorted(CHECKS.items()):
        params = ", ".join(f"{p}{'*' if spec.required else ''} ({spec.kind.__name__})" for p, spec in definition.params.items())
        print(f"{name}: {definition.help}" + (f"\n    parameters: {params}" if params else ""))
    return 0


def _explain(args: argparse.Namespace) -> int:
    from evaluate.engine import build_index, compile_rules
    from evaluate.explain import explain

    store, run = _open_run(args.db, args.run)
    ruleset = load_ruleset(args.ruleset or run.ruleset or None)
    rule = compile_rules(ruleset).rules.get(args.key.lower())
    if rule is None:
        raise UserError(f"unknown stable key '{args.key}'")
    for snapshot in store.snapshots(run.id):
        if any(p.url == args.url or p.requested_url == args.url for p in snapshot.pages) or \
                any(d.url == args.url for d in snapshot.documents):
            overrides = load_overrides(args.overrides, snapshot.crawl.site.id) if args.overrides.is_dir() else None
            index = build_index(snapshot, ruleset, overrides)
            print("\n".join(explain(rule, index, args.url, _as_of(args, run))))
            return 0
    raise UserError(f"{args.url} is not a stored page or document of run {run.id}")


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=Path("var/oit.sqlite"), help="the store (default: %(default)s)")
    common.add_argument("--run", type=int, help="run id (default: the latest run)")
    common.add_argument("--ruleset", help="rule set name (2569) or path (default: the run's, else the newest)")
    common.add_argument("--as-of", type=_date, help="judge as of this date (default: the run's date)")
    common.add_argument("--overrides", type=Path, default=OVERRIDES_DIR, help="per-site overrides (default: %(default)s)")

    parser = sub.add_parser("evaluate", parents=[common], help="judge a stored crawl again and write results.json")
    parser.add_argument("--out", type=Path, required=True, help="directory for results.json")
    parser.set_defaults(func=_evaluate)

    rules = sub.add_parser("rules", help=f"check and explain the OIT rules in {RULES_DIR}")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    lint = rules_sub.add_parser("lint", help="validate every rule set, the item library and the override files")
    lint.add_argument("--ruleset", action="append", help="only this rule set (repeatable)")
    lint.add_argument("--overrides", type=Path, default=OVERRIDES_DIR, help="per-site overrides (default: %(default)s)")
    lint.set_defaults(func=_lint)
    test = rules_sub.add_parser("test", help="judge every item's positive and negative examples")
    test.add_argument("--ruleset", action="append", help="only this rule set (repeatable)")
    test.set_defaults(func=_test)
    checks = rules_sub.add_parser("checks", help="list the element checks rule files can use (* = required)")
    checks.set_defaults(func=_checks)
    explain = rules_sub.add_parser("explain", parents=[common], help="show which hints and elements matched on a stored page")
    explain.add_argument("key", help="stable key, e.g. executives")
    explain.add_argument("url", help="URL of a stored page or document")
    explain.set_defaults(func=_explain)
