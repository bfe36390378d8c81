"""``oit evaluate`` (re-judge a stored crawl) and ``oit rules lint|test|checks|explain|show|diff|new``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path

from evaluate.ruleset import RULES_DIR, available_rulesets, load_ruleset, resolve_ruleset_path
from evaluate.verdicts import ItemStatus, RunResult
from oit.errors import UserError
from oit.overrides import DEFAULT_DIR as OVERRIDES_DIR
from oit.overrides import check_overrides, load_overrides
from store.connection import db_ref


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def write_results(result: RunResult, out_dir: Path) -> Path:
    """DIR/results.json, written atomically (readers never see half a file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def summary_lines(result: RunResult) -> list[str]:
    fallback = f" (FY {result.unpublished_year} has no rule set yet)" if result.unpublished_year else ""
    lines = [f"run {result.run_id}, rule set {result.ruleset}{fallback}, as of {result.as_of}: {len(result.sites)} sites"]
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
    from evaluate.stored import judge_stored_run, open_store

    result = judge_stored_run(
        open_store(args.db),
        args.run,
        ruleset=args.ruleset,
        as_of=args.as_of,
        overrides_dir=args.overrides,
        allow_running=args.allow_running,
    )
    path = write_results(result, args.out)
    print("\n".join(summary_lines(result)))
    print(f"wrote {path}")
    return 0


def _lint(args: argparse.Namespace) -> int:
    names = args.ruleset or available_rulesets(args.rules_dir)
    if not names:  # a check that passes on nothing is no check
        raise UserError(f"{args.rules_dir}: no rule sets (YYYY.yaml) to check")
    used: set[str] = set()
    library = {}
    for name in names:
        ruleset = load_ruleset(resolve_ruleset_path(name, args.rules_dir))
        library = ruleset.library
        used.update(key for item in ruleset.items for key in item.keys)
        inferred = sum(item.inferred for item in ruleset.items)
        print(
            f"{ruleset.path}: {len(ruleset.items)} items, {inferred} inferred, weights {ruleset.total_weight:g}, "
            f"pass mark {ruleset.pass_mark:g}"
        )
    without_examples = sorted(key for key, rule in library.items() if not rule.examples)
    if without_examples:
        print(f"warning: items without examples: {', '.join(without_examples)}")
    unused = sorted(set(library) - used)
    if unused and not args.ruleset:
        print(f"warning: library items no rule set uses: {', '.join(unused)}")
    if not library:
        raise UserError(f"{args.rules_dir}: no library items")
    overrides = check_overrides(args.overrides, set(library))
    print(f"ok: {len(names)} rule sets, {len(library)} library items, {overrides} override files")
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
                print(
                    f"FAIL {name} {result.key} example {result.index + 1} (line {result.example.line}): "
                    f"expected {result.example.expect}, got {result.got}{detail}"
                )
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
    from evaluate.stored import open_store, overrides_folder, pick_run, run_as_of, run_ruleset

    store = open_store(args.db)
    run = pick_run(store, args.run, allow_running=True)  # one page of a crawl in progress is worth explaining
    ruleset = run_ruleset(run, args.ruleset)
    rule = compile_rules(ruleset).rules.get(args.key.lower())
    if rule is None:
        raise UserError(f"unknown stable key '{args.key}'")
    folder = overrides_folder(args.overrides)
    for snapshot in store.snapshots(run.id):
        if any(p.url == args.url or p.requested_url == args.url for p in snapshot.pages) or any(
            d.url == args.url for d in snapshot.documents
        ):
            overrides = load_overrides(folder, snapshot.crawl.site.id, set(ruleset.library)) if folder else None
            index = build_index(snapshot, ruleset, overrides)
            print("\n".join(explain(rule, index, args.url, run_as_of(run, args.as_of))))
            return 0
    raise UserError(f"{args.url} is not a stored page or document of run {run.id}")


def _show(args: argparse.Namespace) -> int:
    from evaluate.ruledoc import show_lines

    ruleset = load_ruleset(resolve_ruleset_path(args.year, args.rules_dir))
    try:
        lines = show_lines(ruleset, args.item, args.as_of or dt.date.today())
    except KeyError:
        raise UserError(
            f"rule set {ruleset.name} has no item with key or code '{args.item}' "
            f"(codes: {', '.join(i.code for i in ruleset.items)})"
        ) from None
    print("\n".join(lines))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from evaluate.ruledoc import diff_lines

    old, new = (load_ruleset(resolve_ruleset_path(y, args.rules_dir)) for y in (args.old, args.new))
    print("\n".join(diff_lines(old, new)))
    return 0


def _new(args: argparse.Namespace) -> int:
    from evaluate.ruledoc import new_year_text

    if not (args.year.isdigit() and len(args.year) == 4):
        raise UserError(f"year must be a Buddhist-era year such as 2570, not '{args.year}'")
    path = args.rules_dir / f"{args.year}.yaml"
    if path.exists():
        raise UserError(f"{path} exists: edit it instead")
    parent = load_ruleset(resolve_ruleset_path(args.parent, args.rules_dir))
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(new_year_text(args.year, parent, dt.date.today()), encoding="utf-8")
    os.replace(tmp, path)
    try:
        ruleset = load_ruleset(path)
    except UserError:
        path.unlink()
        raise
    print(
        f"wrote {path}: {len(ruleset.items)} items extending ITA {parent.name}, every one unconfirmed "
        f"(inferred) until a source is added"
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=db_ref,
        default=Path("var/oit.sqlite"),
        help="the store, a SQLite file or a postgresql:// URL (default: %(default)s)",
    )
    common.add_argument("--run", type=int, help="run id (default: the last finished run)")
    common.add_argument("--ruleset", help="rule set name (2569) or path (default: the run's, else the newest)")
    common.add_argument("--as-of", type=parse_date, help="judge as of this date (default: the run's date)")
    common.add_argument("--overrides", type=Path, default=OVERRIDES_DIR, help="per-site overrides (default: %(default)s)")

    parser = sub.add_parser("evaluate", parents=[common], help="judge a stored crawl again and write results.json")
    parser.add_argument("--out", type=Path, required=True, help="directory for results.json")
    parser.add_argument("--allow-running", action="store_true", help="judge --run even while it is still crawling")
    parser.set_defaults(func=_evaluate)

    rules = sub.add_parser("rules", help=f"check and explain the OIT rules in {RULES_DIR}")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    lint = rules_sub.add_parser("lint", help="validate every rule set, the item library and the override files")
    lint.add_argument("--ruleset", action="append", help="only this rule set (repeatable)")
    lint.add_argument("--overrides", type=Path, default=OVERRIDES_DIR, help="per-site overrides (default: %(default)s)")
    lint.add_argument("--rules-dir", type=Path, default=RULES_DIR, help="the rule files (default: %(default)s)")
    lint.set_defaults(func=_lint)
    show = rules_sub.add_parser("show", help="one item of a year as an officer reads it, with its sources")
    show.add_argument("year", help="rule set name (2569) or path")
    show.add_argument("item", help="stable key (procurement_monthly) or the year's code (O11)")
    show.add_argument("--as-of", type=parse_date, help="date the required fiscal year is shown for (default: today)")
    show.add_argument("--rules-dir", type=Path, default=RULES_DIR, help="the rule files (default: %(default)s)")
    show.set_defaults(func=_show)
    diff = rules_sub.add_parser("diff", help="what changed between two years' rule sets, item by item")
    diff.add_argument("old", help="rule set name or path, e.g. 2568")
    diff.add_argument("new", help="rule set name or path, e.g. 2569")
    diff.add_argument("--rules-dir", type=Path, default=RULES_DIR, help="the rule files (default: %(default)s)")
    diff.set_defaults(func=_diff)
    new = rules_sub.add_parser("new", help="start a year's rule set: a file extending another year, every item unconfirmed")
    new.add_argument("year", help="the new year, e.g. 2570")
    new.add_argument("--from", dest="parent", required=True, help="the year it starts from, e.g. 2569")
    new.add_argument("--rules-dir", type=Path, default=RULES_DIR, help="where to write YEAR.yaml (default: %(default)s)")
    new.set_defaults(func=_new)
    test = rules_sub.add_parser("test", help="judge every item's positive and negative examples")
    test.add_argument("--ruleset", action="append", help="only this rule set (repeatable)")
    test.set_defaults(func=_test)
    checks = rules_sub.add_parser("checks", help="list the element checks rule files can use (* = required)")
    checks.set_defaults(func=_checks)
    explain = rules_sub.add_parser("explain", parents=[common], help="show which hints and elements matched on a stored page")
    explain.add_argument("key", help="stable key, e.g. executives")
    explain.add_argument("url", help="URL of a stored page or document")
    explain.set_defaults(func=_explain)
