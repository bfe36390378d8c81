"""The engine on hand-built stored pages: statuses, traps, evidence, scores, unreachable sites."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from evaluate.engine import evaluate_site, predicted_score
from evaluate.ruleset import load_ruleset
from evaluate.verdicts import ItemStatus, RunResult
from evaluate.wording import elements_th, item_finding_th, reason_th
from oit.overrides import ItemOverride, SiteOverrides
from store.records import (
    NAMED_URL_STEP,
    DocumentRecord,
    DocumentStatus,
    Form,
    Image,
    Link,
    LinkKind,
    PageRecord,
    Site,
    SiteCrawl,
    SiteSnapshot,
    SiteStatus,
)

AS_OF = dt.date(2026, 11, 22)  # FY 2570
HOME = "http://127.0.0.9/"
MENU = [  # a menu naming items, on every page: proves nothing by itself
    ("ข้อมูลผู้บริหาร", "executives.html"),
    ("ข้อมูลการติดต่อ", "contact.html"),
    ("กฎหมายที่เกี่ยวข้อง", "#"),
    ("แผนพัฒนาท้องถิ่น", "plan.html"),
    ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "privacy.html"),
]


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset("2566")


def link(text: str, href: str, *, in_main: bool = True, kind: LinkKind | None = None) -> Link:
    url = href if href.startswith(("http", "#")) else HOME + href
    if kind is None:
        kind = LinkKind.EMPTY if href == "#" else LinkKind.DOCUMENT if href.endswith((".pdf", ".xlsx")) else LinkKind.PAGE
    return Link(url=url, text=text, context=text, in_main=in_main, kind=kind)


def page(
    path: str, title: str, text: str = "", *, links=(), images: int = 0, status: int = 200, forms=(), widgets=(), dates=()
) -> PageRecord:
    url = HOME + path
    menu = [link(t, h, in_main=False) for t, h in MENU]
    return PageRecord(
        site_id="t",
        url=url,
        status=status,
        title=title,
        headings=[title] if text else [],
        main_text=text,
        blocks=[line for line in text.splitlines() if line.strip()],
        links=[*menu, *links],
        forms=list(forms),
        images=[Image(f"{url}/p{i}.jpg", "", True) for i in range(images)],
        widgets=list(widgets),
        click_path=["หน้าหลัก", title],
        dates=list(dates),
    )


def snapshot(pages, documents=(), status: SiteStatus = SiteStatus.OK) -> SiteSnapshot:
    site = Site(id="t", name="อบต.ทดสอบ", url=HOME)
    return SiteSnapshot(SiteCrawl(run_id=7, site=site, status=status), list(pages), list(documents))


def verdict(result, key):
    return next(item for item in result.items if key in item.keys)


EXECUTIVES = """นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล โทร 081-234-5678
นางสาวสมหญิง รักงาน ปลัดองค์การบริหารส่วนตำบล โทร 089-876-5432"""


def test_menu_only_mention_does_not_pass(ruleset):
    home = page("", "หน้าหลัก", "ยินดีต้อนรับสู่เว็บไซต์ อบต.ทดสอบ ข่าวสารล่าสุด")
    result = evaluate_site(snapshot([home]), ruleset, AS_OF)
    for key in ("executives", "contact", "development_plan", "privacy_policy"):
        assert verdict(result, key).status is not ItemStatus.PASS, key


def test_complete_executives_page_passes_with_click_path_and_reason(ruleset):
    execs = page("executives.html", "คณะผู้บริหาร", EXECUTIVES, images=2)
    result = evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), execs]), ruleset, AS_OF)
    item = verdict(result, "executives")
    assert item.status is ItemStatus.PASS
    assert item.evidence[0].url == execs.url
    assert item.evidence[0].click_path == ["หน้าหลัก", "คณะผู้บริหาร"]
    assert "ครบตามเกณฑ์" in reason_th(item.evidence[0].reason)


def test_missing_photos_and_phones_make_it_incomplete_and_say_what(ruleset):
    text = EXECUTIVES.replace(" โทร 081-234-5678", "").replace(" โทร 089-876-5432", "")
    result = evaluate_site(snapshot([page("executives.html", "คณะผู้บริหาร", text)]), ruleset, AS_OF)
    item = verdict(result, "executives")
    assert item.status is ItemStatus.INCOMPLETE
    assert item.missing_elements == ["รูปถ่ายผู้บริหาร", "ช่องทางการติดต่อผู้บริหาร (โทรศัพท์ อีเมล หรือ LINE)"]
    assert "พบแต่ขาด" in item_finding_th(item.finding).replace("พบข้อมูลผู้บริหาร แต่ขาด", "พบแต่ขาด")


def test_empty_shell_is_missing_not_pass(ruleset):
    shell = page("privacy.html", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "อยู่ระหว่างปรับปรุงข้อมูล")
    item = verdict(evaluate_site(snapshot([shell]), ruleset, AS_OF), "privacy_policy")
    assert item.status is ItemStatus.MISSING
    assert item.evidence and "ไม่มีเนื้อหา" in reason_th(item.evidence[0].reason)


def test_dead_menu_entry_is_broken(ruleset):
    item = verdict(evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ")]), ruleset, AS_OF), "laws")
    assert item.status is ItemStatus.BROKEN


def test_404_document_behind_a_generic_link_on_the_items_page_is_broken(ruleset):
    plan_page = page(
        "plan.html",
        "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2570",
        "แผนการดำเนินงาน",
        links=[link("ดาวน์โหลดเอกสาร", "files/Scan2026-10-16_105945.pdf")],
    )
    dead = DocumentRecord(
        site_id="t",
        url=HOME + "files/Scan2026-10-16_105945.pdf",
        status=DocumentStatus.FETCH_FAILED,
        http_status=404,
        link_texts=["ดาวน์โหลดเอกสาร"],
    )
    item = verdict(evaluate_site(snapshot([plan_page], [dead]), ruleset, AS_OF), "annual_plan")
    assert item.status is ItemStatus.BROKEN
    assert item.evidence[0].url == dead.url


def test_drive_link_and_image_only_scan_are_unverifiable(ruleset):
    plan_page = page(
        "sp.html",
        "แผนปฏิบัติการป้องกันการทุจริต",
        "แผนปฏิบัติการป้องกันการทุจริต",
        links=[link("ดาวน์โหลด", "https://drive.google.com/file/d/abc/view", kind=LinkKind.EXTERNAL)],
    )
    item = verdict(evaluate_site(snapshot([plan_page]), ruleset, AS_OF), "anti_corruption_plan")
    assert item.status is ItemStatus.UNVERIFIABLE
    scan = DocumentRecord(
        site_id="t",
        url=HOME + "files/risk.pdf",
        status=DocumentStatus.IMAGE_ONLY,
        link_texts=["การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. 2570"],
    )
    home = page("", "หน้าหลัก", "ข่าว", links=[link(scan.link_texts[0], "files/risk.pdf")])
    item = verdict(evaluate_site(snapshot([home], [scan]), ruleset, AS_OF), "risk_assessment")
    assert item.status is ItemStatus.UNVERIFIABLE


def test_last_years_document_is_stale_with_the_year_found(ruleset):
    doc = DocumentRecord(
        site_id="t",
        url=HOME + "files/a.pdf",
        status=DocumentStatus.OK,
        link_texts=["อ่านต่อ"],
        text="แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2569\nโครงการ งบประมาณ (บาท) ระยะเวลาดำเนินการ",
    )
    home = page("", "หน้าหลัก", "ข่าว", links=[link("แผนการดำเนินงาน", "files/a.pdf")])
    item = verdict(evaluate_site(snapshot([home], [doc]), ruleset, AS_OF), "annual_plan")
    assert item.status is ItemStatus.STALE
    assert item.fiscal_year_found == 2569 and item.evidence[0].fiscal_year == 2569
    assert "2569" in item_finding_th(item.finding)


def test_year_stated_in_the_content_beats_the_posting_date(ruleset):
    # posted in September 2569 (FY 2569), but it is the plan for FY 2570
    plan = page("plan2.html", "แผนการดำเนินงาน", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๗๐\nโครงการ งบประมาณ", dates=["2026-09-20"])
    item = verdict(evaluate_site(snapshot([plan]), ruleset, AS_OF), "annual_plan")
    assert item.status is ItemStatus.PASS and item.fiscal_year_found == 2570


def test_near_miss_vision_page_is_not_the_development_plan(ruleset):
    vision = page("vision.html", "วิสัยทัศน์ พันธกิจ", "วิสัยทัศน์ ตามแผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570) ยุทธศาสตร์การพัฒนา โครงการ")
    item = verdict(evaluate_site(snapshot([vision]), ruleset, AS_OF), "development_plan")
    assert item.status is not ItemStatus.PASS


def test_general_complaint_form_is_not_the_corruption_channel(ruleset):
    form = Form(action=HOME + "complain", method="post", fields=("ชื่อ", "เรื่อง"), has_textarea=True)
    general = page("complain.html", "ร้องเรียนร้องทุกข์", "ร้องเรียนเรื่องทั่วไป ไฟฟ้าดับ ถนนชำรุด", forms=[form], links=[])
    home = page("", "หน้าหลัก", "ยินดีต้อนรับ", links=[link("ร้องเรียนร้องทุกข์", "complain.html")])
    item = verdict(evaluate_site(snapshot([home, general]), ruleset, AS_OF), "complaint_channel")
    assert item.status is not ItemStatus.PASS


def test_blocks_repeated_on_every_page_are_boilerplate(ruleset):
    # a sidebar the extractor left in the main content, naming the corruption channel everywhere
    sidebar = "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    form = Form(action=HOME + "f", method="post", fields=("ชื่อ", "เรื่อง"), has_textarea=True)
    pages = [page(f"p{i}.html", f"ข่าว {i}", f"{sidebar}\nข่าวกิจกรรมที่ {i}", forms=[form]) for i in range(6)]
    item = verdict(evaluate_site(snapshot(pages), ruleset, AS_OF), "complaint_channel")
    assert item.status is not ItemStatus.PASS


def test_index_page_linking_every_item_is_a_hub_not_evidence(ruleset):
    names = ["ข้อมูลผู้บริหาร", "ข้อมูลการติดต่อ", "แผนพัฒนาท้องถิ่น", "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "กฎหมายที่เกี่ยวข้อง", "ข่าวประชาสัมพันธ์"]
    text = "\n".join(f"o{i} {name} คลิก" for i, name in enumerate(names, 1))
    ita = page(
        "ita.html",
        "ITA 2570",
        "ข้อมูลส่วนบุคคล เก็บรวบรวม วัตถุประสงค์ สิทธิ\n" + text,
        links=[link(n, f"x{i}.html") for i, n in enumerate(names)],
    )
    item = verdict(evaluate_site(snapshot([ita]), ruleset, AS_OF), "privacy_policy")
    assert item.status is not ItemStatus.PASS


def test_unreachable_site_is_not_judged_and_never_missing(ruleset):
    result = evaluate_site(snapshot([], status=SiteStatus.CONNECTION_REFUSED), ruleset, AS_OF)
    assert result.status == "unreachable" and result.score is None
    assert {item.status for item in result.items} == {ItemStatus.NOT_JUDGED}


def test_blocked_site_keeps_last_known_passing_evidence(ruleset):
    execs = page("executives.html", "คณะผู้บริหาร", EXECUTIVES, images=2)
    result = evaluate_site(snapshot([execs], status=SiteStatus.BLOCKED), ruleset, AS_OF)
    assert result.status == "blocked" and result.score is None
    assert verdict(result, "executives").status is ItemStatus.PASS
    assert ItemStatus.MISSING not in {item.status for item in result.items}


def test_score_is_the_weighted_share_of_passing_items(ruleset):
    execs = page("executives.html", "คณะผู้บริหาร", EXECUTIVES, images=2)
    result = evaluate_site(snapshot([execs]), ruleset, AS_OF)
    passed = sum(item.status is ItemStatus.PASS for item in result.items)
    assert passed >= 1
    assert result.score == round(100 * passed / len(ruleset.items), 2) == predicted_score(result.items)


def test_merged_item_lists_what_each_part_lacks():
    y2568 = load_ruleset("2568")
    contact = page(
        "contact.html", "ติดต่อเรา", "อบต.ทดสอบ หมู่ที่ 3 ตำบลทดสอบ อำเภอเมือง จังหวัดพะเยา 56000 โทรศัพท์ 054-123456 อีเมล a@b.go.th"
    )
    item = verdict(evaluate_site(snapshot([contact]), y2568, AS_OF), "contact")
    assert item.keys == ["contact", "qa"] and item.code == "o3"
    assert item.status is ItemStatus.INCOMPLETE
    assert any(m.startswith("Q&A") for m in elements_th(item.missing_elements))


def test_override_sets_unit_and_measure_and_its_url_is_judged_like_any_page(ruleset):
    buried = page("misc/42.html", "หน้า 42", "ข้อมูลส่วนบุคคล เก็บรวบรวมตามวัตถุประสงค์ เจ้าของข้อมูลมีสิทธิ")
    overrides = SiteOverrides(
        "t",
        {
            "privacy_policy": ItemOverride(responsible_unit="งานนิติการ", measure="ทำใหม่", evidence_urls=(buried.url,)),
            "laws": ItemOverride(evidence_urls=(HOME + "never-crawled.html",)),
        },
    )
    result = evaluate_site(snapshot([buried]), ruleset, AS_OF, overrides)
    privacy = verdict(result, "privacy_policy")
    assert privacy.status is ItemStatus.PASS and privacy.responsible_unit == "งานนิติการ" and privacy.measure == "ทำใหม่"
    assert verdict(result, "laws").status is not ItemStatus.PASS  # naming a URL proves nothing


PRIVACY = "ข้อมูลส่วนบุคคล เก็บรวบรวมตามวัตถุประสงค์ เจ้าของข้อมูลมีสิทธิ"


@pytest.mark.parametrize("linked", [True, False])
def test_a_named_url_gets_its_click_path_from_the_links_that_reach_it(ruleset, linked):
    """The crawler fetched it because the organisation named it; assessors need a way from the
    home page, so the report shows that way, or says none was found."""
    named = page("misc/42.html", "หน้า 42", PRIVACY)
    named.click_path = [NAMED_URL_STEP]
    about = page("about.html", "เกี่ยวกับเรา", "ข้อมูลทั่วไป", links=[link("นโยบาย", "misc/42.html")] if linked else [])
    overrides = SiteOverrides("t", {"privacy_policy": ItemOverride(evidence_urls=(named.url,))})
    result = evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), about, named]), ruleset, AS_OF, overrides)
    privacy = verdict(result, "privacy_policy")
    assert privacy.status is ItemStatus.PASS
    assert privacy.evidence[0].click_path == (["หน้าหลัก", "เกี่ยวกับเรา", "นโยบาย"] if linked else [NAMED_URL_STEP])


def test_results_json_has_the_contract_fields(ruleset):
    result = evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ")]), ruleset, AS_OF)
    data = json.loads(json.dumps(RunResult(7, AS_OF.isoformat(), ruleset.name, sites=[result]).to_json()))
    assert data["run"] == {
        "id": 7,
        "as_of": "2026-11-22",
        "ruleset": "2566",
        "pass_mark": 85.0,
        "ruleset_title": "",
        "unpublished_year": None,
    }
    site = data["sites"][0]
    assert {"id", "url", "status", "score", "items"} <= set(site)
    item = site["items"][0]
    assert {"key", "code", "name_th", "status", "evidence", "missing_elements"} <= set(item)
    assert RunResult.from_json(data).sites[0].items[0].status in set(ItemStatus)


# --- how real sites word and lay out items (paraphrased from the real-page dev set) ---------------


def evidence_urls(item):
    return [e.url for e in item.evidence]


@pytest.mark.parametrize(
    "key, title, text",
    [
        (
            "hr_criteria",
            "หลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงานของพนักงานส่วนตำบล",
            "ประกาศ อบต.ทดสอบ กำหนดรอบการประเมิน ตัวชี้วัด และการเลื่อนขั้นเงินเดือนตามผลการประเมิน",
        ),
        ("laws", "ระเบียบกระทรวงมหาดไทย ว่าด้วยข้อบังคับการประชุมสภาท้องถิ่น", "ระเบียบฉบับนี้ใช้บังคับกับการประชุมสภาองค์การบริหารส่วนตำบลทุกสมัย"),
        (
            "complaint_guideline",
            "มาตรการและระบบการจัดการเรื่องร้องเรียนของหน่วยงาน",
            "ผู้ร้องยื่นเรื่องผ่านศูนย์รับเรื่อง เจ้าหน้าที่ผู้รับผิดชอบตรวจสอบและแจ้งผลภายใน 15 วันทำการ ตามขั้นตอนที่กำหนด",
        ),
        (
            "procurement_announcement",
            "จ้างซ่อมแซมถนนลูกรังสายหนองบัว โดยวิธีเฉพาะเจาะจง",
            "ผู้รับจ้าง หจก.ทดสอบก่อสร้าง ราคาที่ตกลงในการจัดจ้าง 48,000 บาท ประกาศ ณ วันที่ 20 ตุลาคม 2569",
        ),
    ],
)
def test_items_are_found_under_the_titles_real_sites_give_them(ruleset, key, title, text):
    """Real sites title evidence with a document's official name, not the criteria's wording."""
    target = page("doc.html", title, text)
    home = page("", "หน้าหลัก", "ยินดีต้อนรับ", links=[link(title, "doc.html")])
    item = verdict(evaluate_site(snapshot([home, target]), ruleset, AS_OF), key)
    assert target.url in evidence_urls(item)
    assert item.status is not ItemStatus.MISSING


def test_a_dated_event_post_is_news_whatever_its_title(ruleset):
    post = page(
        "p/812.html",
        "ชาวบ้านร่วมปลูกต้นไม้ริมถนนสายหลัก",
        "เมื่อวันที่ 15 ตุลาคม 2569 เวลา 09.00 น. นายก อบต.ทดสอบ นำคณะผู้บริหารและประชาชนปลูกต้นไม้ จำนวน 300 ต้น ริมถนนสายหลักหมู่ที่ 4",
    )
    history = page("history.html", "ประวัติตำบล", "ตำบลทดสอบตั้งขึ้นเมื่อปี 2480 มีหมู่บ้าน 9 หมู่ อาชีพหลักคือทำนา")
    news = verdict(evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), post, history]), ruleset, AS_OF), "news")
    assert news.status is ItemStatus.PASS and evidence_urls(news)[0] == post.url
    assert history.url not in evidence_urls(news)


def test_an_activity_report_is_evidence_for_its_item_not_for_news(ruleset):
    """An integrity training is the ethics item's evidence; a post named for an item is that item's."""
    report = page(
        "p/90.html",
        "โครงการอบรมคุณธรรมจริยธรรมพนักงาน ประจำปี 2570",
        "เมื่อวันที่ 3 พฤศจิกายน 2569 เวลา 09.00 น. อบต.ทดสอบ จัดโครงการอบรมให้พนักงาน"
        " ผู้เข้าร่วม 42 คน ฟังบรรยายเรื่องการปฏิบัติตามประมวลจริยธรรม และกิจกรรมกลุ่ม",
    )
    result = evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), report]), ruleset, AS_OF)
    assert report.url in evidence_urls(verdict(result, "ethics_drive"))
    assert report.url not in evidence_urls(verdict(result, "news"))


def test_a_title_only_page_is_found_but_not_checkable_and_its_download_decides(ruleset):
    """A page with the item's title and a download list is "found, content not checkable", not missing;
    the download, once fetched, is judged instead."""
    shell = page("manual.html", "คู่มือสำหรับประชาชน", links=[link("ดาวน์โหลดเอกสาร", "manual.pdf")])
    home = page("", "หน้าหลัก", "ยินดีต้อนรับ", links=[link("คู่มือสำหรับประชาชน", "manual.html")])
    item = verdict(evaluate_site(snapshot([home, shell]), ruleset, AS_OF), "service_manual")
    assert item.status is ItemStatus.UNVERIFIABLE
    assert "ตรวจสอบเนื้อหาไม่ได้" in item_finding_th(item.finding) and evidence_urls(item) == [shell.url]
    manual = DocumentRecord(
        url=HOME + "manual.pdf",
        site_id="t",
        status=DocumentStatus.OK,
        link_texts=["ดาวน์โหลดเอกสาร"],
        text="คู่มือสำหรับประชาชน งานบริการ: การขออนุญาตก่อสร้างอาคาร ขั้นตอนการยื่นคำขอ ระยะเวลา 30 วัน"
        " สถานที่: ณ ที่ทำการ อบต. ค่าธรรมเนียม 20 บาท เอกสารที่ต้องใช้ สำเนาบัตรประชาชน",
    )
    item = verdict(evaluate_site(snapshot([home, shell], [manual]), ruleset, AS_OF), "service_manual")
    assert item.status is ItemStatus.PASS and evidence_urls(item)[0] == manual.url


def test_an_empty_named_page_stays_missing(ruleset):
    empty = page("plan.html", "แผนการดำเนินงาน")
    item = verdict(evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), empty]), ruleset, AS_OF), "annual_plan")
    assert item.status is ItemStatus.MISSING


@pytest.mark.parametrize(
    "target",
    [
        page("structure.html", "Not Found", "404 Not Found ไม่พบหน้าที่ท่านต้องการ"),  # an error page served as 200
        page("structure.html", "โครงสร้างองค์กร", status=404),
    ],
)
def test_a_link_naming_the_item_to_an_error_page_is_broken(ruleset, target):
    home = page("", "หน้าหลัก", "ยินดีต้อนรับ", links=[link("โครงสร้างองค์กร", "structure.html")])
    item = verdict(evaluate_site(snapshot([home, target]), ruleset, AS_OF), "structure")
    assert item.status is ItemStatus.BROKEN


def test_a_merged_item_shows_each_keys_status_in_results_and_the_gap_report(tmp_path):
    from reports.render import write_reports

    y2568 = load_ruleset("2568")
    structure = page(
        "structure.html",
        "โครงสร้างองค์กร",
        "ฝ่ายการเมือง นายกองค์การบริหารส่วนตำบล รองนายก อบต. ประธานสภา อบต.\nฝ่ายประจำ ปลัด อบต. สำนักปลัด กองคลัง กองช่าง",
        images=1,
    )
    site = evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), structure]), y2568, AS_OF)
    item = verdict(site, "structure")
    assert item.keys == ["structure", "authority"] and item.status is ItemStatus.INCOMPLETE
    assert [(p.key, p.status) for p in item.parts] == [("structure", ItemStatus.PASS), ("authority", ItemStatus.MISSING)]
    run = RunResult(7, AS_OF.isoformat(), y2568.name, sites=[site])
    data = json.loads(json.dumps(run.to_json()))
    parts = next(i for i in data["sites"][0]["items"] if i["key"] == "structure")["parts"]
    assert [p["status"] for p in parts] == ["pass", "missing"]
    # read back, a part's finding is its sentence
    assert [p.to_json() for p in RunResult.from_json(data).sites[0].items[0].parts] == [p.to_json() for p in item.parts]
    write_reports(run, tmp_path, {"html"})
    gap = (tmp_path / "sites" / "t" / "gap.html").read_text("utf-8")
    assert "อำนาจหน้าที่: ไม่พบข้อมูลบนเว็บไซต์หลักของหน่วยงาน" in gap and "โครงสร้างหน่วยงาน: พบครบตามเกณฑ์" in gap


@pytest.mark.parametrize(
    "text, status",
    [
        (
            "แจ้งเบาะแสการทุจริตของเจ้าหน้าที่ กรุณากรอกชื่อ เรื่อง และรายละเอียด แล้วกดส่ง ข้อมูลของท่านจะเก็บเป็นความลับ",
            ItemStatus.UNVERIFIABLE,
        ),  # the form is built by a script: the crawler saw none
        ("ยื่นหนังสือร้องเรียนได้ด้วยตนเองที่ศูนย์รับเรื่อง หรือโทร ๐-๔๔๘๙-๑๒๓๔ ในวันและเวลาราชการ", ItemStatus.MISSING),
    ],
)
def test_a_channel_page_that_tells_how_to_send_online_is_found_but_not_checkable(ruleset, text, status):
    channel = page("corruption.html", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต", text)
    item = verdict(evaluate_site(snapshot([page("", "หน้าหลัก", "ยินดีต้อนรับ"), channel]), ruleset, AS_OF), "complaint_channel")
    assert item.status is status


def test_a_page_listing_the_ita_criteria_by_code_is_evidence_for_nothing(ruleset):
    """The criteria's own wording (O39 ประมวลจริยธรรม… O40 …) on a page names items; it shows none of them."""
    criteria = page(
        "ita-criteria.html",
        "O39 ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ",
        "แสดงประมวลจริยธรรมและข้อกำหนดจริยธรรมของหน่วยงาน ยึดมั่นในสถาบันหลัก ซื่อสัตย์สุจริต\n"
        "O40 การขับเคลื่อนจริยธรรม แสดงกิจกรรมส่งเสริมจริยธรรมและผลการดำเนินการ\n"
        "O41 การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ",
    )
    home = page("", "หน้าหลัก", "ยินดีต้อนรับ", links=[link(criteria.title, "ita-criteria.html")])
    result = evaluate_site(snapshot([home, criteria]), ruleset, AS_OF)
    for key in ("code_of_ethics", "ethics_drive"):
        assert criteria.url not in evidence_urls(verdict(result, key)), key
