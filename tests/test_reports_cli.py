"""``oit report`` through its argparse registration, on real files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from oit.errors import UserError
from reports import cli
from reports_fixtures import sample_run
from store.db import Store
from store.records import Site


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="oit")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *argv])
    return args.func(args)


@pytest.fixture
def results(tmp_path: Path) -> Path:
    path = tmp_path / "results.json"
    path.write_text(json.dumps(sample_run().to_json(), ensure_ascii=False), encoding="utf-8")
    return path


def test_report_for_one_site_in_the_chosen_formats(tmp_path: Path, results: Path, capsys):
    out = tmp_path / "out"
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(sample_run(run_id=3, as_of="2026-10-01").to_json()), encoding="utf-8")
    code = _run(
        "--results",
        str(results),
        "--site",
        "loi",
        "--format",
        "html,json",
        "--out",
        str(out),
        "--digits",
        "arabic",
        "--history",
        str(earlier),
    )
    assert code == 0
    assert sorted(p.name for p in (out / "sites").iterdir()) == ["loi"]
    files = {p.name for p in (out / "sites" / "loi").iterdir()}
    assert files == {"gap.html", "itas.html", "evidence.html", "history.html", "gap.json"}
    assert "22 พฤศจิกายน 2569" in (out / "sites" / "loi" / "gap.html").read_text("utf-8")
    assert "1 ตุลาคม 2569" in (out / "sites" / "loi" / "history.html").read_text("utf-8")
    assert capsys.readouterr().out.strip().endswith("results.json")


def test_all_sites_with_the_config_formats_write_the_overview(tmp_path: Path, results: Path, capsys):
    config = tmp_path / "reports.yaml"
    config.write_text("formats: [html, csv]\ntable_form: 2\n", encoding="utf-8")
    assert _run("--results", str(results), "--out", str(tmp_path / "all"), "--config", str(config)) == 0
    assert (tmp_path / "all" / "index.html").exists() and (tmp_path / "all" / "sites" / "down" / "itas.csv").exists()
    assert "แบบสำรวจ" in (tmp_path / "all" / "sites" / "loi" / "gap.html").read_text("utf-8")
    assert capsys.readouterr().out.strip().endswith("index.html")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--site", "nope"], "no such site in the results: nope"),
        (["--format", "html,odt"], "unknown format(s) odt"),
    ],
)
def test_bad_input_is_a_user_error(tmp_path: Path, results: Path, argv: list[str], message: str):
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _run("--results", str(results), "--out", str(tmp_path / "x"), *argv)


def test_a_file_that_is_not_results_json_is_a_user_error(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"sites": []}', encoding="utf-8")
    with pytest.raises(UserError, match="not a results.json"):
        _run("--results", str(bad), "--out", str(tmp_path / "x"))
    with pytest.raises(UserError, match="file not found"):
        _run("--results", str(tmp_path / "none.json"), "--out", str(tmp_path / "x"))


def test_bench_reports_times_each_format_on_a_synthetic_run(tmp_path: Path):
    from bench.reports import run_bench, synthetic_run

    run = synthetic_run(100)
    assert len(run.sites) == 100 and all(len(s.items) == 26 for s in run.sites)
    assert any(s.status == "unreachable" for s in run.sites) and any(s.score for s in run.sites)
    timings = run_bench(3, ["json", "docx"], tmp_path)
    assert set(timings) == {"json", "docx", "all"} and set(timings["all"]) == {"wall", "cpu"}
    assert len(list((tmp_path / "all" / "sites").glob("*/gap.docx"))) == 3


def test_report_from_a_stored_run_shows_the_run_history(tmp_path: Path):
    db = tmp_path / "oit.sqlite"
    with Store(db) as store:
        for status in ("failed", "complete"):
            run_id = store.begin_run("manual", as_of="2026-11-22")
            store.register_sites(run_id, [Site("a", "อบต.ก", "http://127.0.1.9/")])
            store.finish_run(run_id, status, {"pages": 0, "errors": ["crawl died"] if status == "failed" else []})
    assert _run("--db", str(db), "--run", "1", "--format", "html", "--out", str(tmp_path / "out")) == 0
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    history = index[index.index("<h2>ประวัติการตรวจ</h2>") :]
    assert history.index("เสร็จสมบูรณ์") < history.index("ล้มเหลว")  # newest first
    assert '<tr class="run-failed current-run" aria-current="true"><td class="num">๑</td>' in history


def test_report_from_the_store_judges_the_last_finished_run_never_one_still_crawling(tmp_path: Path):
    db = tmp_path / "oit.sqlite"
    with Store(db) as store:
        finished = store.begin_run("manual", as_of="2026-11-22")
        store.register_sites(finished, [Site("a", "อบต.ก", "http://127.0.1.9/")])
        store.finish_run(finished, "complete", {"pages": 0})
        crawling = store.begin_run("manual", as_of="2026-11-23")  # owned by this (live) process: still running
        store.register_sites(crawling, [Site("a", "อบต.ก", "http://127.0.1.9/")])

    def judged(*argv: str) -> int:
        out = tmp_path / "out"
        assert _run("--db", str(db), *argv, "--format", "json", "--out", str(out)) == 0
        return json.loads((out / "results.json").read_text("utf-8"))["run"]["id"]

    assert judged() == finished
    with pytest.raises(UserError, match=f"run {crawling} is still running .0 of 1 sites crawled.*--allow-running"):
        _run("--db", str(db), "--run", str(crawling), "--out", str(tmp_path / "out"))
    assert judged("--run", str(crawling), "--allow-running") == crawling


def test_report_from_the_store_shows_the_history_the_store_keeps(tmp_path: Path):
    db = tmp_path / "oit.sqlite"
    with Store(db) as store:
        for as_of in ("2026-10-01", "2026-11-22"):
            run_id = store.begin_run("manual", ruleset="2569", as_of=as_of)
            store.register_sites(run_id, [Site("a", "อบต.ก", "http://127.0.1.9/")])
            if as_of == "2026-10-01":  # judged and published by `oit run`: its verdicts are kept in brief
                store.save_verdicts(
                    run_id,
                    [
                        (
                            "a",
                            {
                                "status": "ok",
                                "score": 50.0,
                                "evidence_from_run": run_id,
                                "items": [[["structure", "authority"], "pass", ["http://127.0.1.9/s"]]],
                            },
                        )
                    ],
                )
            store.finish_run(run_id, "complete", {})
    assert _run("--db", str(db), "--format", "html", "--out", str(tmp_path / "out")) == 0
    history = (tmp_path / "out" / "sites" / "a" / "history.html").read_text("utf-8")
    assert "เทียบกับ ๑ ตุลาคม ๒๕๖๙" in history and "รอบ 1" in history
