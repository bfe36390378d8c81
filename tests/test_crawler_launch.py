"""The crawl launcher (crawler/launch.py) of oit crawl, oit run and benchmarks: shards, time limit
(SIGTERM then SIGKILL), stop requests, crashes.

Stand-in crawler processes (small Python scripts) keep these tests independent of Scrapy; the real
crawler is exercised by the end-to-end tests.
"""

import json
import sys
import textwrap
import threading
import time

from crawler.launch import CrawlJob, crawler_command, run_crawl, shard_count

# Writes its shard to a file, then behaves as its argument says.
FAKE_CRAWLER = textwrap.dedent("""
    import pathlib, signal, sys, time
    out, shard, behaviour = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    def graceful(signum, frame):
        (out / f"shard-{shard}.stopped").write_text("closed cleanly")
        sys.exit(0)
    if behaviour == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGTERM, graceful)
    (out / f"shard-{shard}.started").write_text("")
    if behaviour == "crash" and shard == "1":
        sys.exit(3)
    if behaviour in ("slow", "stubborn"):
        time.sleep(60)
""")


def fake(tmp_path, behaviour):
    def command(job, shard):
        return [sys.executable, "-c", FAKE_CRAWLER, str(tmp_path), str(shard), behaviour]

    return command


def job(tmp_path, shards=2):
    return CrawlJob(tmp_path / "db.sqlite", 5, shards, tmp_path / "logs", focus_terms=("โครงสร้าง",))


def test_real_command_line_names_shard_and_run(tmp_path):
    command = crawler_command(job(tmp_path), 1)
    assert command[1:3] == ["-m", "crawler"]
    assert command[command.index("--shard") + 1] == "1/2"
    assert command[command.index("--run-id") + 1] == "5"
    assert "--sites" not in command  # the shard crawls the sites registered in the run
    assert command[command.index("--focus-terms") + 1] == str(tmp_path / "logs" / "db-run-5-focus.json")


def test_shard_count_is_cores_but_never_more_than_sites():
    assert shard_count(0, 1000) >= 1
    assert shard_count(2, 1000) == 2
    assert shard_count(4, 3) == 3
    assert shard_count(0, 0) == 1


def test_all_shards_run_to_completion(tmp_path):
    outcome = run_crawl(job(tmp_path), time_limit=60, stop=threading.Event(), stop_grace=5, command=fake(tmp_path, "quick"))
    assert [s.returncode for s in outcome.shards] == [0, 0]
    assert not outcome.crashed and not outcome.timed_out and not outcome.interrupted
    assert (tmp_path / "shard-0.started").exists() and (tmp_path / "shard-1.started").exists()
    assert (tmp_path / "logs" / "db-run-5-shard-0.log").exists()  # named after the database too
    assert json.loads((tmp_path / "logs" / "db-run-5-focus.json").read_text(encoding="utf-8")) == ["โครงสร้าง"]


def test_crash_of_one_shard_is_reported(tmp_path):
    outcome = run_crawl(job(tmp_path), time_limit=60, stop=threading.Event(), stop_grace=5, command=fake(tmp_path, "crash"))
    assert [s.shard for s in outcome.crashed] == [1]
    assert outcome.crashed[0].returncode == 3 and "exit code 3" in outcome.crashed[0].describe()


def test_time_limit_stops_shards_with_sigterm(tmp_path):
    outcome = run_crawl(job(tmp_path), time_limit=3, stop=threading.Event(), stop_grace=10, command=fake(tmp_path, "slow"))
    assert outcome.timed_out and not outcome.interrupted
    assert all(s.stopped and not s.killed for s in outcome.shards)
    assert not outcome.crashed  # stopped by us: not a crash
    assert (tmp_path / "shard-0.stopped").read_text() == "closed cleanly"


def test_shard_ignoring_sigterm_is_killed_after_the_grace(tmp_path):
    outcome = run_crawl(
        job(tmp_path, shards=1), time_limit=1, stop=threading.Event(), stop_grace=0.5, command=fake(tmp_path, "stubborn")
    )
    assert outcome.shards[0].killed and outcome.shards[0].returncode == -9


def test_stop_request_interrupts_the_crawl(tmp_path):
    stop = threading.Event()

    def stop_once_started():  # stop only after the shards are up and handle SIGTERM
        while not all((tmp_path / f"shard-{i}.started").exists() for i in (0, 1)):
            time.sleep(0.05)
        stop.set()

    threading.Thread(target=stop_once_started, daemon=True).start()
    outcome = run_crawl(job(tmp_path), time_limit=60, stop=stop, stop_grace=10, command=fake(tmp_path, "slow"))
    assert outcome.interrupted and not outcome.timed_out
    assert (tmp_path / "shard-1.stopped").exists()
