"""E-mail to each SAO: content (summary, changes, deadline, escaping) and delivery to a real SMTP
server on loopback (tests/scheduler_smtp.py)."""

import datetime as dt
import email
from dataclasses import replace
from email import policy
from pathlib import Path

import pytest

from evaluate.verdicts import Evidence, ItemStatus, ItemVerdict, RunResult, SiteResult
from reports.calendar import ItaCalendar
from scheduler.config import NotifySettings, ReminderSettings, RunSettings, SchedulerConfig, SmtpSettings
from scheduler.jobs import notify_run, reminder_job
from scheduler.notify import reminder_due, reminder_messages, run_messages, send_messages
from scheduler.pipeline import RunOutcome, RunStatus
from scheduler.publish import publish, staging_dir
from scheduler_smtp import SmtpSink
from store.db import Store
from store.records import Site


def item(key, code, name, status, **extra):
    return ItemVerdict(key, [key], code, name, status, **extra)


def site(items, status="ok", score=50.0, **extra):
    return SiteResult("sao-a", "อบต.ทดสอบ", "http://127.0.1.1:8080/", status, score=score, items=items, **extra)


PREVIOUS = RunResult(
    1,
    "2026-11-20",
    "2569",
    sites=[
        site(
            [
                item("structure", "O1", "โครงสร้าง", ItemStatus.PASS),
                item("news", "O4", "ข่าวประชาสัมพันธ์", ItemStatus.MISSING),
                item("procurement_monthly", "O11", "สรุปผลการจัดซื้อจัดจ้างรายเดือน", ItemStatus.STALE),
            ]
        )
    ],
)
CURRENT = RunResult(
    2,
    "2026-11-21",
    "2569",
    sites=[
        site(
            [
                item("structure", "O1", "โครงสร้าง", ItemStatus.BROKEN, evidence=[Evidence("http://127.0.1.1:8080/x")]),
                item("news", "O4", "ข่าวประชาสัมพันธ์", ItemStatus.PASS),
                item(
                    "procurement_monthly",
                    "O11",
                    "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
                    ItemStatus.STALE,
                    finding="พบแต่เป็นข้อมูลปี 2568 <script>alert(1)</script>",
                ),
            ],
            score=33.33,
        )
    ],
)
SETTINGS = NotifySettings(enabled=True, sender="oit@example.go.th", recipients={"sao-a": ("clerk@example.go.th",)})


def bodies(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def test_run_message_summarises_gaps_and_changes_in_thai():
    [message] = run_messages(CURRENT, PREVIOUS, SETTINGS, ItaCalendar())
    assert message["To"] == "clerk@example.go.th"
    assert message["Subject"] == "[OIT] ผลตรวจเว็บไซต์ อบต.ทดสอบ ณ วันที่ ๒๑ พฤศจิกายน ๒๕๖๙: ผ่าน ๑ จาก ๓ ข้อ"
    text, html = bodies(message)
    assert "คะแนนคาดการณ์: ๓๓.๓๓ (เกณฑ์ผ่าน ๘๕ คะแนน)" in text
    assert "ยังไม่ผ่าน ๒ ข้อ" in text
    assert "- O1 โครงสร้าง: ลิงก์เสีย" in text
    assert "- O11 สรุปผลการจัดซื้อจัดจ้างรายเดือน: พบแต่เป็นข้อมูลปี ๒๕๖๘" in text
    changes = text.split("สิ่งที่เปลี่ยนไปจากการตรวจเมื่อวันที่ ๒๐ พฤศจิกายน ๒๕๖๙")[1]
    assert "O1 โครงสร้าง: ลิงก์เสีย (เคยผ่าน)" in changes and "O4 ข่าวประชาสัมพันธ์: ผ่านแล้ว" in changes
    assert "O11" not in changes  # unchanged
    assert "ภายในวันที่ ๑๕ กุมภาพันธ์ ๒๕๗๐" in text  # 14 days before the window opens on 1 March
    # Crawled text reaches the HTML part escaped, the text part as is.
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_first_run_and_unreachable_site():
    down = RunResult(
        3,
        "2026-11-21",
        "2569",
        sites=[
            site(
                [item("structure", "O1", "โครงสร้าง", ItemStatus.NOT_JUDGED)],
                status="unreachable",
                score=None,
                crawl_status="connection_refused",
                crawl_detail="connection refused by 127.0.1.1:8080",
            )
        ],
    )
    [message] = run_messages(down, None, SETTINGS, ItaCalendar())
    text, html = bodies(message)
    assert "สถานะเว็บไซต์: เข้าเว็บไซต์ไม่ได้: เครื่องแม่ข่ายไม่รับการเชื่อมต่อ" in text
    assert "refused" not in text and "refused" not in html  # the crawler's English detail stays in the logs
    assert "ยังไม่มีผลการตรวจครั้งก่อน" in text
    assert "ผ่าน" not in message["Subject"].split(":")[-1]


def test_a_site_not_reached_is_never_said_to_pass_everything():
    """Down tonight, every item its last known pages proved still "passes": carried over, not judged."""
    down = RunResult(
        3,
        "2026-11-21",
        "2569",
        sites=[
            site(
                [item("structure", "O1", "โครงสร้าง", ItemStatus.PASS), item("news", "O4", "ข่าวประชาสัมพันธ์", ItemStatus.PASS)],
                status="unreachable",
                score=None,
                crawl_status="dns_failure",
                crawl_detail="DNS lookup failed",
            )
        ],
    )
    [message] = run_messages(down, PREVIOUS, SETTINGS, ItaCalendar())
    text, html = bodies(message)
    assert "ผ่าน" not in message["Subject"].split(":")[-1]
    assert "ผ่าน ๒ จาก ๒" not in text and "คะแนนคาดการณ์" not in text
    assert "จึงยังไม่ได้ตรวจรายข้อในครั้งนี้" in text
    assert "ข้อที่ผ่านตามหลักฐานจากการตรวจครั้งก่อน ๒ ข้อ ยังไม่ได้ยืนยันในครั้งนี้" in text
    assert "ข้อที่ผ่านตามหลักฐานจากการตรวจครั้งก่อน ๒ ข้อ" in html


def test_operator_is_told_why_a_run_failed(tmp_path):
    out = tmp_path / "out"
    staging = staging_dir(out, 1)
    publish(out, staging, 1)
    reason = "health check failed: 5 of 5 sites crawled could not be reached (dns_failure 5)"
    failed = RunOutcome(2, RunStatus.FAILED, errors=[reason, "nothing published; the previous reports stay current"])
    with SmtpSink() as sink:
        settings = NotifySettings(
            enabled=True,
            sender="oit@example.go.th",
            operator=("ops@example.go.th",),
            recipients={"sao-a": ("clerk@example.go.th",)},
            smtp=SmtpSettings(host="127.0.0.1", port=sink.port),
        )
        assert notify_run(failed, settings, out) == 1
        assert notify_run(failed, replace(settings, operator=()), out) == 0  # no operator address: no alert
    [(_, recipients, data)] = sink.received
    assert recipients == ["ops@example.go.th"]  # never the SAOs
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["Subject"].startswith("[OIT] run 2 failed: health check failed")
    text = message.get_content()
    assert reason in text and "The reports of run 1 stay published." in text


def test_sites_without_recipients_get_no_mail():
    assert run_messages(CURRENT, PREVIOUS, NotifySettings(enabled=True), ItaCalendar()) == []


def test_reminder_days_are_weeks_before_the_answer_window():
    reminder = ReminderSettings(weeks_before=(4, 2, 1))
    assert reminder_due(dt.date(2027, 2, 1), ItaCalendar(), reminder) == 4  # window opens 1 March 2027
    assert reminder_due(dt.date(2027, 2, 15), ItaCalendar(), reminder) == 2
    assert reminder_due(dt.date(2027, 2, 22), ItaCalendar(), reminder) == 1
    assert reminder_due(dt.date(2027, 2, 23), ItaCalendar(), reminder) is None
    assert reminder_messages(CURRENT, dt.date(2027, 2, 23), SETTINGS, ItaCalendar()) == []
    [message] = reminder_messages(CURRENT, dt.date(2027, 2, 15), SETTINGS, ItaCalendar())
    assert message["Subject"] == "[OIT] อีก ๒ สัปดาห์ เปิดระบบตอบแบบ OIT: อบต.ทดสอบ"
    text, _ = bodies(message)
    assert "๑ มีนาคม ๒๕๗๐ – ๓๐ เมษายน ๒๕๗๐" in text and "ยังไม่ผ่าน ๒ ข้อ" in text


def test_delivered_over_smtp_on_loopback():
    with SmtpSink() as sink:
        settings = NotifySettings(
            enabled=True,
            sender="oit@example.go.th",
            recipients={"sao-a": ("a@example.go.th", "b@example.go.th")},
            smtp=SmtpSettings(host="127.0.0.1", port=sink.port),
        )
        outcome = RunOutcome(2, RunStatus.COMPLETE, published=None, result=CURRENT, previous=PREVIOUS)
        assert notify_run(outcome, settings, Path("out")) == 0  # nothing published: no mail
        outcome.published = Path("out/runs/2")
        assert notify_run(outcome, settings, Path("out")) == 1
    [(sender, recipients, data)] = sink.received
    assert sender == "oit@example.go.th" and recipients == ["a@example.go.th", "b@example.go.th"]
    message = email.message_from_bytes(data, policy=policy.default)
    assert "อบต.ทดสอบ" in message["Subject"]
    assert "O1 โครงสร้าง: ลิงก์เสีย" in message.get_body(("plain",)).get_content()


def test_mail_server_down_does_not_fail_the_run():
    with SmtpSink() as sink:
        port = sink.port
    settings = NotifySettings(
        enabled=True,
        recipients={"sao-a": ("a@example.go.th",)},
        smtp=SmtpSettings(host="127.0.0.1", port=port, timeout_seconds=2),
    )
    outcome = RunOutcome(2, RunStatus.COMPLETE, published=Path("out/runs/2"), result=CURRENT, previous=PREVIOUS)
    assert notify_run(outcome, settings, Path("out")) == 0
    with pytest.raises(OSError):
        send_messages(run_messages(CURRENT, PREVIOUS, settings, ItaCalendar()), settings.smtp)


def test_reminder_job_mails_the_open_items_of_the_published_run_from_the_store(tmp_path):
    out, db = tmp_path / "out", tmp_path / "oit.sqlite"
    with Store(db) as store:
        for run in (PREVIOUS, CURRENT):
            run_id = store.begin_run("scheduled", ruleset=run.ruleset, as_of=run.as_of)
            assert run_id == run.run_id
            store.register_sites(run_id, [Site("sao-a", "อบต.ทดสอบ", "http://127.0.1.1:8080/")])
            store.save_verdicts(run_id, ((s.id, s.to_brief()) for s in run.sites))
            store.finish_run(run_id, "complete")
    publish(out, staging_dir(out, CURRENT.run_id), CURRENT.run_id)  # no results.json: the store is read
    with SmtpSink() as sink:
        config = SchedulerConfig(
            run=RunSettings(out=out, db=db),
            notify=NotifySettings(
                enabled=True, recipients={"sao-a": ("a@example.go.th",)}, smtp=SmtpSettings(host="127.0.0.1", port=sink.port)
            ),
        )
        assert reminder_job(config, dt.date(2027, 2, 16)) == 0  # not a reminder day
        assert reminder_job(config, dt.date(2027, 2, 22)) == 1  # one week before 1 March
    [(_, _, data)] = sink.received
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["Subject"] == "[OIT] อีก ๑ สัปดาห์ เปิดระบบตอบแบบ OIT: อบต.ทดสอบ"
    text = message.get_body(("plain",)).get_content()
    assert "ผลการตรวจล่าสุด ณ วันที่ ๒๑ พฤศจิกายน ๒๕๖๙ (http://127.0.1.1:8080/)" in text
    assert "คะแนนคาดการณ์: ๓๓.๓๓ (เกณฑ์ผ่าน ๘๕ คะแนน)" in text
    # codes and names from the run's rule set (2569), findings from the stored verdicts
    assert "- O1 โครงสร้าง หน้าที่และอำนาจ: ลิงก์เสีย เปิดไม่ได้\n" in text
    assert "- O11 " in text and ": พบแต่เป็นข้อมูลปี ๒๕๖๘ <script>" in text
