"""``oit bench reports``: time every report format for a synthetic run of many sites, and the
peak memory of writing them.

The synthetic RunResult has realistic sizes: the 26 items of the 2568 list, 1–3 evidence links
with Thai click paths per item, Thai findings and measures, about 8 % unreachable sites. With
``--history N`` the reports also get N earlier synthetic runs as ``oit run`` gives them: their
verdicts in brief in a store, read one site at a time (reports.history.StoredHistory).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from evaluate.verdicts import Evidence, ItemStatus, ItemVerdict, Missing, RunResult, SiteResult
from reports.history import StoredHistory
from reports.options import load_options
from reports.render import write_reports
from store.db import Store

IND9 = "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"
IND10 = "ตัวชี้วัดที่ 10 การป้องกันการทุจริต"
SUB91 = "9.1 ข้อมูลพื้นฐาน"
SUB92 = "9.2 การบริหารงานและการใช้จ่ายงบประมาณ"
SUB93 = "9.3 การบริหารและพัฒนาทรัพยากรบุคคล"
SUB94 = "9.4 การส่งเสริมความโปร่งใส"
SUB101 = "10.1 การดำเนินการเพื่อป้องกันการทุจริต"
SUB102 = "10.2 มาตรการภายในเพื่อป้องกันการทุจริต"
# (key, code, name, indicator, sub-indicator, unit, menu) of the 2568 list.
ITEMS_2568 = [
    ("structure", "o1", "โครงสร้างและอำนาจหน้าที่", IND9, SUB91, "สำนักปลัด", "ข้อมูลหน่วยงาน"),
    ("executives", "o2", "ข้อมูลผู้บริหาร", IND9, SUB91, "สำนักปลัด", "ข้อมูลหน่วยงาน"),
    ("contact", "o3", "ข้อมูลการติดต่อและช่องทางการสอบถาม", IND9, SUB91, "สำนักปลัด", "ติดต่อเรา"),
    ("news", "o4", "ข่าวประชาสัมพันธ์", IND9, SUB91, "สำนักปลัด", "ข่าวสาร"),
    ("development_plan", "o5", "แผนพัฒนาท้องถิ่น", IND9, SUB92, "งานนโยบายและแผน", "แผนงาน"),
    ("annual_plan", "o6", "แผนดำเนินงานและการใช้จ่ายงบประมาณประจำปี", IND9, SUB92, "งานนโยบายและแผน", "แผนงาน"),
    ("annual_report", "o7", "รายงานผลการดำเนินงานประจำปี", IND9, SUB92, "งานนโยบายและแผน", "รายงาน"),
    ("operation_manual", "o8", "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", IND9, SUB92, "สำนักปลัด", "คู่มือ"),
    ("service_manual", "o9", "คู่มือหรือแนวทางการขอรับบริการ", IND9, SUB92, "สำนักปลัด", "คู่มือ"),
    ("e_service", "o10", "E-Service", IND9, SUB92, "สำนักปลัด", "บริการออนไลน์"),
    ("service_stats", "o11", "ข้อมูลเชิงสถิติการให้บริการ", IND9, SUB92, "สำนักปลัด", "รายงาน"),
    ("procurement_monthly", "o12", "รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุและความก้าวหน้า", IND9, SUB92, "กองคลัง (งานพัสดุ)", "จัดซื้อจัดจ้าง"),
    ("procurement_annual", "o13", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", IND9, SUB92, "กองคลัง (งานพัสดุ)", "จัดซื้อจัดจ้าง"),
    ("hr_policy", "o14", "แผนการบริหารและพัฒนาทรัพยากรบุคคล", IND9, SUB93, "งานการเจ้าหน้าที่", "บุคลากร"),
    ("hr_report", "o15", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", IND9, SUB93, "งานการเจ้าหน้าที่", "บุคลากร"),
    ("code_of_ethics", "o16", "ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม", IND9, SUB93, "งานการเจ้าหน้าที่", "บุคลากร"),
    ("complaint_guideline", "o17", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", IND9, SUB94, "งานกฎหมายและคดี", "ร้องเรียน"),
    ("complaint_channel", "o18", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", IND9, SUB94, "งานกฎหมายและคดี", "ร้องเรียน"),
    ("complaint_stats", "o19", "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี", IND9, SUB94, "งานกฎหมายและคดี", "ร้องเรียน"),
    ("participation", "o20", "การเปิดโอกาสให้เกิดการมีส่วนร่วม", IND9, SUB94, "สำนักปลัด", "ข่าวสาร"),
    ("no_gift_declaration", "o21", "การประกาศเจตนารมณ์นโยบายไม่รับของขวัญ (No Gift Policy)", IND10, SUB101, "สำนักปลัด", "ITA"),
    ("no_gift_report", "o22", "การรายงานผลการรับของขวัญและประโยชน์อื่นใด", IND10, SUB101, "สำนักปลัด", "ITA"),
    ("risk_assessment", "o23", "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี", IND10, SUB101, "หน่วยตรวจสอบภายใน", "ITA"),
    ("risk_management", "o24", "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ", IND10, SUB101, "หน่วยตรวจสอบภายใน", "ITA"),
    ("anti_corruption_plan", "o25", "แผนปฏิบัติการป้องกันการทุจริต", IND10, SUB102, "สำนักปลัด", "ITA"),
    ("anti_corruption_report", "o26", "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", IND10, SUB102, "สำนักปลัด", "ITA"),
]
PROVINCES = {"พะเยา": ["ปง", "เชียงคำ", "จุน"], "สมุทรสาคร": ["เมืองสมุทรสาคร", "กระทุ่มแบน"], "อุตรดิตถ์": ["ลับแล", "พิชัย"]}
STATUS_WEIGHTS = [
    (ItemStatus.PASS, 70),
    (ItemStatus.MISSING, 10),
    (ItemStatus.INCOMPLETE, 7),
    (ItemStatus.STALE, 6),
    (ItemStatus.BROKEN, 4),
    (ItemStatus.UNVERIFIABLE, 3),
]


def _verdict(rng: random.Random, spec: tuple, base_url: str, status: ItemStatus) -> ItemVerdict:
    key, code, name, indicator, sub, unit, menu = spec
    evidence = []
    if status is not ItemStatus.MISSING:
        for n in range(rng.randint(1, 3)):
            evidence.append(
                Evidence(
                    url=f"{base_url}/data.php?content_id={rng.randint(100, 9999)}",
                    click_path=["หน้าหลัก", menu, name],
                    fiscal_year=2568 if status is not ItemStatus.STALE else 2566,
                    reason=f"หน้าเว็บมีหัวข้อ “{name}” และพบข้อมูลปีงบประมาณ พ.ศ. 2568",
                    score=1.0 - n * 0.2,
                )
            )
    missing: list[Missing] = ["รูปถ่าย", "หมายเลขโทรศัพท์"] if status is ItemStatus.INCOMPLETE else []
    return ItemVerdict(
        key=key,
        keys=[key],
        code=code,
        name_th=name,
        status=status,
        indicator=indicator,
        sub_indicator=sub,
        responsible_unit=unit,
        measure=f"1. จัดทำ{name}\n2. เผยแพร่บนเว็บไซต์หลักของหน่วยงาน",
        evidence=evidence,
        missing_elements=missing,
        fiscal_year_found=2566 if status is ItemStatus.STALE else None,
        inferred=key in ("no_gift_report", "annual_report"),
    )


def synthetic_run(sites: int, *, seed: int = 1, run_id: int = 1, as_of: str = "2026-11-22") -> RunResult:
    rng = random.Random(seed)
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    results = []
    for n in range(sites):
        province = rng.choice(list(PROVINCES))
        district = rng.choice(PROVINCES[province])
        base_url = f"http://127.0.1.{n % 250 + 1}:8080"
        site = SiteResult(
            id=f"sao-{n:04d}",
            name=f"องค์การบริหารส่วนตำบลตัวอย่าง{n:04d}",
            url=base_url + "/",
            status="ok",
            type=rng.choice(["อบต.", "อบต.", "เทศบาล"]),
            province=province,
            district=district,
            evidence_from_run=run_id,
        )
        if rng.random() < 0.08:
            site.status, site.crawl_status, site.crawl_detail = "unreachable", "timeout", f"timeout after 30 s ({base_url})"
            site.items = [_verdict(rng, spec, base_url, ItemStatus.NOT_JUDGED) for spec in ITEMS_2568]
        else:
            site.items = [_verdict(rng, spec, base_url, rng.choices(statuses, weights)[0]) for spec in ITEMS_2568]
            site.score = round(100.0 * sum(i.status is ItemStatus.PASS for i in site.items) / len(site.items), 2)
        results.append(site)
    return RunResult(run_id=run_id, as_of=as_of, ruleset="2568", sites=results)


def stored_history(store: Store, sites: int, runs: int) -> StoredHistory:
    """``runs`` earlier synthetic runs (other seeds), stored as ``oit run`` stores a judged run."""
    for n in range(runs):
        run_id = store.begin_run("bench", as_of=f"2026-{n % 9 + 1:02d}-15")
        store.save_verdicts(run_id, ((s.id, s.to_brief()) for s in synthetic_run(sites, seed=100 + n, run_id=run_id).sites))
        store.finish_run(run_id, "complete")
    return StoredHistory(store, store.finished_runs(runs))


def run_bench(sites: int, formats: list[str], out: Path | None, history: int = 0) -> dict[str, dict[str, float]]:
    """Wall and CPU seconds to write each format alone (results.json included each time), then all
    together. CPU time of this process is steadier than wall time on a busy machine; it leaves out
    Chromium's own processes (pdf)."""
    options = load_options()
    timings: dict[str, dict[str, float]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="oit-bench-reports-")) if out is None else out
    try:
        with Store(workdir / "history.sqlite") as store:
            earlier = stored_history(store, sites, history).for_site if history else None
            run = synthetic_run(sites, run_id=history + 1)
            runs = [(f, {f}) for f in formats] + ([("all", set(formats))] if len(formats) > 1 else [])
            for name, chosen in runs:
                wall, cpu = time.perf_counter(), time.process_time()
                write_reports(run, workdir / name, chosen, options=options, history=earlier)
                timings[name] = {"wall": round(time.perf_counter() - wall, 2), "cpu": round(time.process_time() - cpu, 2)}
    finally:
        if out is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return timings


def _command(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    timings = run_bench(args.sites, formats, Path(args.out) if args.out else None, args.history)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(
        json.dumps(
            {"sites": args.sites, "history_runs": args.history, "seconds": timings, "peak_memory_mb": round(peak)},
            ensure_ascii=False,
        )
    )
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reports", help="time each report format for a synthetic run of many sites")
    parser.add_argument("--sites", type=int, default=1000, help="number of synthetic sites (default 1000)")
    parser.add_argument(
        "--formats",
        default="json,html,csv,xlsx,docx",
        help="comma-separated formats to time, each on its own and then all together",
    )
    parser.add_argument("--out", help="keep the reports in this directory (default: a temporary one, deleted)")
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        metavar="N",
        help="earlier runs given to the reports from a store, as oit run does (it gives 12)",
    )
    parser.set_defaults(func=_command)
