"""What a report says, computed once from a RunResult and shared by every format.

Texts here are final (Thai wording, digit style applied) so that HTML, DOCX, XLSX and CSV say the
same thing. Crawled strings (titles, anchor texts, URLs) stay raw here: each renderer escapes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from evaluate.verdicts import Evidence, ItemStatus, ItemVerdict, RunResult, SiteResult
from evaluate.wording import (
    CHECK_STEP_TH,
    MEMO_CLOSING_TH,
    NAMED_URL_TH,
    STATUS_TH,
    answer_th,
    criteria_th,
    elements_th,
    finding_th,
    fix_step_th,
    follow_up_short_th,
    follow_up_th,
    item_finding_th,
    make_item_th,
    memo_finding_th,
    memo_intro_th,
    memo_not_checked_th,
    not_judged_notice_th,
    progress_th,
    reason_th,
    site_status_th,
)
from reports.calendar import Deadline, fix_deadline
from reports.charts import Trend, site_trend
from reports.history import (
    Change,
    History,
    Timeline,
    TimelinePoint,
    failing_since,
    item_timelines,
    per_site,
    previous_judged_site,
    site_changes,
)
from reports.options import ReportOptions
from reports.safety import display_url, safe_href, site_dir_name
from reports.thaifmt import ThaiFormat
from store.records import NAMED_URL_STEP

HOME = "หน้าหลัก"
ARABIC = ThaiFormat(thai_digits=False)
MAX_CRAWLED_TEXT = 120  # anchor texts in a click path are cut to this length

# Column headers of the seeds' two table forms.
FORM1_HEADERS = [
    "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา",
    "ผู้รับผิดชอบ",
    "ขั้นตอนหรือวิธีการ/มาตรการ",
    "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ",
    "การดำเนินการ",
]
FORM2_HEADERS = ["แบบสำรวจ", "ตัวชี้วัดที่", "หัวข้อ", "ระยะเวลา", "วิธีการดำเนินการ", "หน่วยงานดำเนินการ", "การติดตามผล"]


def site_status_text(site: SiteResult) -> str:
    """Why a site was not judged, in Thai (the crawler's English detail stays in results.json)."""
    return site_status_th(site.status, site.crawl_status)


@dataclass(slots=True)
class GapRow:
    key: str
    code: str
    name_th: str
    status: ItemStatus
    status_th: str
    finding: str
    unit: str
    steps: list[str]
    follow_up: list[str]  # form 1: การรายงานผลและการกำกับติดตาม / กำหนดเวลาแล้วเสร็จ
    follow_up_short: str  # form 2: การติดตามผล
    period: str  # form 1: การดำเนินการ (e.g. พฤศจิกายน ๒๕๖๙ – กุมภาพันธ์ ๒๕๗๐)
    period_short: str  # form 2: ระยะเวลา (e.g. พ.ย. ๖๙ – ก.พ. ๗๐)
    progress: str  # การดำเนินการ: status and since when it has been failing
    indicator_no: str
    evidence_urls: list[str]
    inferred: bool
    parts: list[str] = field(default_factory=list)  # a merged item: one finding line per stable key


@dataclass(slots=True)
class GapGroup:
    indicator: str
    sub_indicator: str
    indicator_no: str
    rows: list[GapRow] = field(default_factory=list)


@dataclass(slots=True)
class EvidenceLine:
    url: str
    text: str  # the URL as shown: percent-encoded Thai decoded
    href: str | None  # None when the URL is not http(s): shown as text only
    click_path: str
    fiscal_year: str
    reason: str


@dataclass(slots=True)
class ItemView:
    """One item in the ITAS sheet and the evidence view."""

    key: str
    code: str
    name_th: str
    status: ItemStatus
    status_th: str
    answer: str  # มี / ไม่มี / ไม่ได้ตรวจ
    finding: str
    evidence: list[EvidenceLine]  # best first
    missing_elements: list[str]
    inferred: bool

    @property
    def click_path(self) -> str:
        return self.evidence[0].click_path if self.evidence else ""


@dataclass(slots=True)
class Memo:
    org: str
    office_line: str
    number: str
    date: str
    subject: str
    addressee: str
    paragraphs: list[str]
    signers: list[str]


@dataclass(slots=True)
class SiteReport:
    site: SiteResult
    dir_name: str
    judged: bool
    run_id: int
    as_of: str
    ruleset: str
    criteria: str  # เกณฑ์ที่ใช้: ITA 2569 [เพราะเกณฑ์ 2570 ยังไม่ประกาศ]
    fiscal_year: str
    place: str  # อำเภอ... จังหวัด...
    score: str
    pass_mark: str
    passing: bool  # judged and the predicted score reaches the pass mark
    passed: int
    total: int
    deadline: Deadline
    deadline_text: str
    window_text: str
    memo: Memo
    groups: list[GapGroup]
    items: list[ItemView]
    changes: list[Change]
    timelines: list[Timeline]
    previous_as_of: str  # date of the run the changes compare with, "" when none
    notice: str  # why the site was not judged, "" when it was
    trend: Trend | None = None  # the predicted score over the runs, from the second judged run on

    @property
    def rows(self) -> list[GapRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def table_note(self) -> str:
        return CHECK_STEP_TH  # the step every measure ends with, said once under the table

    def title_lines(self, form: int) -> list[str]:
        if form == 2:
            return [
                "มาตรการแนวทางการปรับปรุงและพัฒนาเพื่อยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
                f"{self.site.name} {self.place}".strip(),
            ]
        return [
            "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            f"ประจำปีงบประมาณ พ.ศ. {self.fiscal_year} (ผลการตรวจเว็บไซต์ ณ วันที่ {self.memo.date})",
            f"{self.site.name} {self.place}".strip(),
        ]


def criteria_text(run: RunResult, fmt: ThaiFormat) -> str:
    return fmt.digits(criteria_th(run.ruleset, run.unpublished_year))


def finding_text(item: ItemVerdict, fmt: ThaiFormat) -> str:
    """The plain-Thai finding: the engine's when given, else worded from the status, the missing
    elements and the year found (results.json written elsewhere)."""
    return fmt.digits(
        item_finding_th(item.finding)
        or finding_th(item.status, missing=elements_th(item.missing_elements), year_found=item.fiscal_year_found)
    )


def part_lines(item: ItemVerdict, fmt: ThaiFormat) -> list[str]:
    """A merged item (โครงสร้าง + อำนาจหน้าที่): each stable key's own finding, so the failing half shows."""
    return [fmt.digits(f"{part.name_th}: {item_finding_th(part.finding)}") for part in item.parts]


def click_path_text(path: list[str]) -> str:
    """หน้าหลัก → ข้อมูลหน่วยงาน → โครงสร้างองค์กร (the words an officer pastes into ITAS)."""
    steps = [NAMED_URL_TH if step == NAMED_URL_STEP else " ".join(step.split())[:MAX_CRAWLED_TEXT] for step in path]
    steps = [step for step in steps if step]
    if not steps or steps[0] not in (HOME, NAMED_URL_TH):  # a named URL no crawled page links: no path
        steps.insert(0, HOME)
    return " → ".join(steps)


_NUMBERING = re.compile(r"^\s*(?:[0-9๐-๙]+[.)]|[-•])\s*")


def _measure_lines(measure: str) -> list[str]:
    """The rule's measure text as steps, without its own numbering (the report numbers them)."""
    return [_NUMBERING.sub("", line).strip() for line in measure.splitlines() if line.strip()]


def fix_steps(item: ItemVerdict, fmt: ThaiFormat) -> list[str]:
    """The few steps that fix this finding, like the seeds' rows: the item's whole measure (how to
    make it) when nothing was found; otherwise the step the finding calls for, and for missing
    elements the measure's lines that name them. The step every item shares is CHECK_STEP_TH."""
    measure = [fmt.digits(line) for line in _measure_lines(item.measure)]
    if item.status is ItemStatus.MISSING:
        return measure or [make_item_th(item.name_th)]
    missing = elements_th(item.missing_elements)
    step = fix_step_th(item.status, item.name_th, missing)
    naming = [line for line in measure if any(element and element in line for element in missing)]
    return [step, *naming] if step else naming


def _place(site: SiteResult) -> str:
    parts = []
    if site.district:
        parts.append(site.district if site.district.startswith(("อำเภอ", "เขต")) else f"อำเภอ{site.district}")
    if site.province:
        parts.append(site.province if site.province.startswith("จังหวัด") else f"จังหวัด{site.province}")
    return " ".join(parts)


def _evidence_lines(evidence: list[Evidence], fmt: ThaiFormat) -> list[EvidenceLine]:
    ranked = sorted(evidence, key=lambda e: -e.score)
    return [
        EvidenceLine(
            url=e.url,
            text=display_url(e.url),
            href=safe_href(e.url),
            click_path=click_path_text(e.click_path),
            fiscal_year=fmt.digits(str(e.fiscal_year)) if e.fiscal_year else "",
            reason=reason_th(e.reason),
        )
        for e in ranked
    ]


def _indicator_number(indicator: str) -> str:
    """ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล -> 9 (for the ตัวชี้วัดที่ column of table form 2)."""
    number = re.search(r"\d+", ARABIC.digits(indicator))
    return number[0] if number else ""


class ReportBuilder:
    """Builds SiteReports for one run with the options and history shared by all its sites."""

    def __init__(self, run: RunResult, options: ReportOptions, history: History = None):
        """``history``: earlier runs, oldest first, or a function giving one site's (StoredHistory.for_site)."""
        self.run = run
        self.options = options
        self.fmt = options.fmt
        self._history = per_site(history, run.run_id)
        self.run_date = dt.date.fromisoformat(run.as_of)
        self.deadline = fix_deadline(self.run_date, options.calendar)

    def window_text(self) -> str:
        return f"{self.fmt.date(self.deadline.window_start)} – {self.fmt.date(self.deadline.window_end)}"

    def site_report(self, site: SiteResult) -> SiteReport:
        fmt = self.fmt
        judged = site.status == "ok"
        history = self._history(site.id)
        timelines = item_timelines(history, self.run, site.id) if history else []
        since = {t.key: failing_since(t) for t in timelines}
        groups = self._groups(site, since)
        previous = previous_judged_site(history, site.id)
        # Not reached this run: the passes its last known pages prove are carried over, not judged now.
        scored = [i for i in site.items if i.status is not ItemStatus.NOT_JUDGED] if judged else []
        passed = sum(1 for i in scored if i.status is ItemStatus.PASS)
        report = SiteReport(
            site=site,
            dir_name=site_dir_name(site.id),
            judged=judged,
            run_id=self.run.run_id,
            as_of=self.run.as_of,
            ruleset=self.run.ruleset,
            criteria=criteria_text(self.run, fmt),
            fiscal_year=fmt.digits(str(self.deadline.fiscal_year)),
            place=_place(site),
            score=fmt.number(site.score) if site.score is not None else "–",
            pass_mark=fmt.number(self.run.pass_mark),
            passing=judged and site.score is not None and site.score >= self.run.pass_mark,
            passed=passed,
            total=len(scored),
            deadline=self.deadline,
            deadline_text=fmt.date(self.deadline.due),
            window_text=self.window_text(),
            memo=Memo("", "", "", "", "", "", [], []),
            groups=groups,
            items=[self._item_view(item) for item in site.items],
            changes=site_changes(previous[1], site) if previous else [],
            timelines=timelines,
            previous_as_of=fmt.date(dt.date.fromisoformat(previous[0].as_of)) if previous else "",
            notice=self._notice(site),
            trend=site_trend(history, self.run, site, fmt, small=False),
        )
        report.memo = self._memo(report)
        return report

    def _notice(self, site: SiteResult) -> str:
        if site.status == "ok":
            return ""
        carried = site.evidence_from_run is not None and any(i.status is not ItemStatus.NOT_JUDGED for i in site.items)
        return self.fmt.digits(not_judged_notice_th(site_status_text(site), site.evidence_from_run if carried else None))

    def _groups(self, site: SiteResult, since: dict[str, TimelinePoint | None]) -> list[GapGroup]:
        groups: dict[tuple[str, str], GapGroup] = {}
        for item in site.items:
            if item.status in (ItemStatus.PASS, ItemStatus.NOT_JUDGED):
                continue
            key = (item.indicator, item.sub_indicator)
            if key not in groups:
                groups[key] = GapGroup(
                    self.fmt.digits(item.indicator),
                    self.fmt.digits(item.sub_indicator),
                    self.fmt.digits(_indicator_number(item.indicator)),
                )
            groups[key].rows.append(self._gap_row(item, groups[key].indicator_no, since.get(item.key)))
        return list(groups.values())

    def _gap_row(self, item: ItemVerdict, indicator_no: str, since: TimelinePoint | None) -> GapRow:
        fmt, due = self.fmt, self.deadline.due
        unit = item.responsible_unit or self.options.default_unit
        failing_from = since is not None and since.as_of != self.run.as_of
        progress = progress_th(item.status, fmt.short_date(dt.date.fromisoformat(since.as_of)) if since and failing_from else "")
        return GapRow(
            key=item.key,
            code=item.code,
            name_th=item.name_th,
            status=item.status,
            status_th=STATUS_TH[item.status],
            finding=finding_text(item, fmt),
            unit=unit,
            steps=fix_steps(item, fmt),
            # the answer window is in the memo: each row says only its own dates
            follow_up=follow_up_th(fmt.short_date(due), fmt.short_month_year(due)),
            follow_up_short=follow_up_short_th(fmt.short_month_year(due)),
            period=fmt.month_range(self.run_date, due),
            period_short=fmt.month_range(self.run_date, due, short=True),
            progress=progress,
            indicator_no=indicator_no,
            evidence_urls=[e.url for e in sorted(item.evidence, key=lambda e: -e.score)],
            inferred=item.inferred,
            parts=part_lines(item, fmt),
        )

    def _item_view(self, item: ItemVerdict) -> ItemView:
        return ItemView(
            key=item.key,
            code=item.code,
            name_th=item.name_th,
            status=item.status,
            status_th=STATUS_TH[item.status],
            answer=answer_th(item.status),
            finding=finding_text(item, self.fmt),
            evidence=_evidence_lines(item.evidence, self.fmt),
            missing_elements=elements_th(item.missing_elements),
            inferred=item.inferred,
        )

    def _memo(self, report: SiteReport) -> Memo:
        fmt, site, settings = self.fmt, report.site, self.options.memo
        values = {"org": site.name, "fy": report.fiscal_year}
        intro = memo_intro_th(site.name, report.fiscal_year, report.window_text)
        when = fmt.date(self.run_date)
        if report.judged:
            finding = memo_finding_th(
                site.url,
                when,
                fmt.digits(self.run.ruleset),
                fmt.digits(str(report.passed)),
                fmt.digits(str(report.total)),
                report.score,
                report.passing,
                report.pass_mark,
                fmt.digits(str(len(report.rows))),
                fmt.digits("0"),
                report.deadline_text,
            )
        else:
            finding = memo_not_checked_th(site.url, when, report.notice)
        return Memo(
            org=site.name,
            office_line=f"{settings.office} {site.name}".strip(),
            number=fmt.digits(settings.number.format_map(values)),
            date=fmt.date(self.run_date),
            subject=fmt.digits(settings.subject.format_map(values)),
            addressee=settings.addressee.format_map(values),
            paragraphs=[intro, finding, report.criteria, MEMO_CLOSING_TH],
            signers=[s.format_map(values) for s in settings.signers],
        )
