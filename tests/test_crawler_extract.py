"""Page extraction (unit tests on responses built from raw bytes, original encodings kept)."""

from __future__ import annotations

import json

from scrapy.http import HtmlResponse

from crawler.encoding import decode_page
from crawler.extract import extract_page
from crawler.frontier import Frontier, Target
from crawler.priority import INDEX_SCORE, ITEM_SCORE, LinkScorer
from crawler.urls import canonical, resolve_viewer
from store.records import LinkKind
from thai.text import skeleton

BASE = "http://127.0.1.5:8080/"
PAGE = """<html><head><title>โครงสร้างส่วนราชการ</title></head><body>
<div id="header"><a href="/">หน้าหลัก</a></div>
<nav><ul><li><a href="/exec">ข้อมูลผู้บริหาร</a></li><li><a href="/plan">แผนพัฒนาท้องถิ่น</a></li></ul></nav>
<div class="sidebar"><a href="/complain">ร้องเรียนการทุจริต</a></div>
<div class="content"><h1>โครงสร้างส่วนราชการ</h1>
<p>ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ ประกาศ ณ วันที่ 24 มีนาคม 2569</p>
<table><tr><td>o1</td><td>โครงสร้าง</td><td><a href="files/org.pdf">ดาวน์โหลด</a></td></tr></table>
<iframe src="/wp-content/plugins/flowpaper/?pdf=/uploads/%E0%B8%81.pdf" title="แผน"></iframe>
<form action="/send" method="post"><label for="m">ข้อความร้องเรียน</label><textarea id="m" name="msg"></textarea>
<input type="hidden" name="t" value="1"><input name="phone" placeholder="เบอร์โทร"><button>ส่ง</button></form>
<img src="/img/chart.jpg" alt="แผนภูมิโครงสร้าง"><a href="javascript:void(0)">เร็ว ๆ นี้</a>
<a href="mailto:saraban@loi.go.th">อีเมล</a><a href="https://line.me/R/ti/p/@loi">LINE</a>
</div><footer>ที่อยู่ 99 หมู่ 1 <a href="/map">แผนที่</a></footer></body></html>"""


def in_scope(url: str) -> bool:
    return url.startswith(BASE)


def test_main_content_is_separated_from_menus_sidebars_and_footer():
    page = extract_page("loi", BASE + "s", PAGE, in_scope=in_scope)
    assert page.title == "โครงสร้างส่วนราชการ"
    assert page.headings == ["โครงสร้างส่วนราชการ"]
    assert page.blocks[:3] == ["โครงสร้างส่วนราชการ", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ ประกาศ ณ วันที่ 24 มีนาคม 2569", "o1 โครงสร้าง ดาวน์โหลด"]
    assert "ผู้บริหาร" not in page.main_text and "ร้องเรียนการทุจริต" not in page.main_text
    assert "ที่อยู่" not in page.main_text
    in_main = {link.text: link.in_main for link in page.links}
    assert in_main["ข้อมูลผู้บริหาร"] is False and in_main["แผนที่"] is False and in_main["ดาวน์โหลด"] is True


def test_an_unmarked_list_of_files_is_content_and_an_unmarked_list_of_pages_a_menu():
    months = "".join(f'<li><a href="/files/skr-{m}.pdf">สขร.1 เดือน {m}</a></li>' for m in range(1, 13))
    menu = "".join(f'<li><a href="/page{i}.php">เมนู {i}</a></li>' for i in range(8))
    html = f"<html><body><ul>{menu}</ul><h1>แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2569</h1><ul>{months}</ul></body></html>"
    page = extract_page("loi", BASE + "o12", html, in_scope=in_scope)
    assert "สขร.1 เดือน 12" in page.main_text and "เมนู 3" not in page.main_text
    assert sum(link.in_main for link in page.links if link.kind is LinkKind.DOCUMENT) == 12


def test_links_kinds_context_frames_forms_images_widgets_dates():
    page = extract_page("loi", BASE + "s", PAGE, in_scope=in_scope)
    by_text = {link.text: link for link in page.links}
    assert by_text["ดาวน์โหลด"].kind is LinkKind.DOCUMENT and by_text["ดาวน์โหลด"].url == BASE + "files/org.pdf"
    assert by_text["ดาวน์โหลด"].context == "o1 โครงสร้าง ดาวน์โหลด"
    assert by_text["เร็ว ๆ นี้"].kind is LinkKind.EMPTY
    assert by_text["อีเมล"].kind is LinkKind.MAILTO
    assert by_text["LINE"].kind is LinkKind.EXTERNAL
    frame = by_text["แผน"]
    assert frame.kind is LinkKind.FRAME and frame.url == BASE + "uploads/%E0%B8%81.pdf"
    [form] = page.forms
    assert form.method == "post" and form.has_textarea and form.action == BASE + "send"
    assert form.fields == ("msg ข้อความร้องเรียน", "phone เบอร์โทร") and "ส่ง" in form.text
    assert [(i.alt, i.in_main) for i in page.images] == [("แผนภูมิโครงสร้าง", True)]
    assert page.widgets == ["line"]
    assert page.dates == ["2026-03-24"] and page.fiscal_years == [2569]


def test_hostile_markup_is_kept_as_text():
    page = extract_page(
        "loi",
        BASE,
        '<div class="content"><p>&lt;script&gt;alert(1)&lt;/script&gt; ข้อมูล</p><script>document.write("x")</script></div>',
        in_scope=in_scope,
    )
    assert page.main_text == "<script>alert(1)</script> ข้อมูล"


def test_empty_and_broken_documents_do_not_raise():
    assert extract_page("loi", BASE, "", in_scope=in_scope).main_text == ""
    page = extract_page("loi", BASE, "<div><p>ข้อมูล<table><tr><td>ก" + "<div>" * 5000, in_scope=in_scope)
    assert "ข้อมูล" in page.main_text


def test_tis620_behind_latin1_header_is_redecoded_and_honest_utf8_is_untouched():
    body = "<html><body><p>อำนาจหน้าที่ขององค์การบริหารส่วนตำบล</p></body></html>".encode("cp874")
    wrong = HtmlResponse(BASE, body=body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    text, encoding = decode_page(wrong)
    assert "อำนาจหน้าที่" in text and encoding.startswith("cp874")
    right = HtmlResponse(
        BASE, body="<p>café crème brûlée</p>".encode("latin-1"), headers={"Content-Type": "text/html; charset=ISO-8859-1"}
    )
    assert decode_page(right)[0] == "<p>café crème brûlée</p>"


def test_url_spellings_and_viewer_targets():
    assert canonical("HTTP://Loi.GO.th:80/a%e0%b8%81?x=1#top") == "http://loi.go.th/a%E0%B8%81?x=1"
    assert resolve_viewer(BASE + "flip/?pdf=../docs/a.pdf") == BASE + "docs/a.pdf"
    assert resolve_viewer(BASE + "news.php?id=4") is None


def test_viewer_frames_point_at_the_document_they_show():
    frames = '<iframe src="https://docs.google.com/viewer?url=' + BASE + 'files/plan.pdf&embedded=true"></iframe>'
    frames += '<iframe src="/pdfjs/web/viewer.html#file=/files/%E0%B8%81.pdf"></iframe>'
    page = extract_page("loi", BASE + "v", f"<html><body>{frames}</body></html>", in_scope=in_scope)
    assert [(link.url, link.kind) for link in page.links] == [
        (BASE + "files/plan.pdf", LinkKind.FRAME),
        (BASE + "files/%E0%B8%81.pdf", LinkKind.FRAME),
    ]


def test_focus_scores_index_pages_then_items_then_nothing():
    scorer = LinkScorer()
    assert scorer.score(BASE + "ita2569/", "ข้อมูล") == INDEX_SCORE
    assert scorer.score(BASE + "x", "การประเมินคุณธรรมและความโปร่งใส") == INDEX_SCORE
    assert scorer.score(BASE + "data.php?id=3", "โครงสร้างส่วนราชการ") == ITEM_SCORE
    assert scorer.score(BASE + "news.php?id=3", "กีฬาสีตำบล") == 0
    assert scorer.score(BASE + "hospital", "อ่านต่อ") == 0


def test_frontier_spends_the_budget_on_focused_links_first_then_breadth_first():
    state = Frontier(page_budget=3, document_budget=1, depth_limit=2)
    for i, (score, depth) in enumerate([(0, 1), (0, 1), (2, 2), (3, 2), (0, 3)]):
        state.push(Target(f"{BASE}p{i}", "page", depth, score))
    state.push(Target(BASE + "a.pdf", "document", 1))
    assert not state.push(Target(BASE + "p0", "page", 1, 3))  # already known
    order = [t.url.rsplit("/", 1)[1] for t in iter(state.pop, None)]
    assert order == ["p3", "p2", "p0", "a.pdf"]  # budget 3 pages + 1 document; p4 is beyond the depth limit


def test_links_that_scripts_state_plainly_are_links_and_other_scripts_stay_dead():
    page = extract_page(
        "loi",
        BASE + "s",
        """<html><body><div class="content">
    <a href="javascript:openWin('files/plan%202569.pdf')">แผนการจัดซื้อจัดจ้าง</a>
    <a href="#" onclick="window.open('/ita.php?id=3','_blank')">ITA</a>
    <a href="javascript:void(0)" onclick="return false;">เร็ว ๆ นี้</a>
    <table><tr onclick="location.href = 'news.php?id=5'"><td>ประกาศผลผู้ชนะ</td></tr></table>
    <button onclick="document.location.assign('https://line.me/R/ti/p/@loi')">LINE</button>
    <div onclick="toggle(this)">เมนู</div>
    </div><nav><span onclick="window.location='/exec.html'">ผู้บริหาร</span></nav></body></html>""",
        in_scope=in_scope,
    )
    by_text = {link.text: link for link in page.links}
    assert (by_text["แผนการจัดซื้อจัดจ้าง"].url, by_text["แผนการจัดซื้อจัดจ้าง"].kind) == (
        BASE + "files/plan%202569.pdf",
        LinkKind.DOCUMENT,
    )
    assert (by_text["ITA"].url, by_text["ITA"].kind) == (BASE + "ita.php?id=3", LinkKind.PAGE)
    assert by_text["เร็ว ๆ นี้"].kind is LinkKind.EMPTY
    row = by_text["ประกาศผลผู้ชนะ"]
    assert (row.url, row.kind, row.in_main) == (BASE + "news.php?id=5", LinkKind.PAGE, True)
    assert by_text["LINE"].kind is LinkKind.EXTERNAL
    assert "เมนู" not in by_text
    menu = by_text["ผู้บริหาร"]
    assert (menu.url, menu.in_main) == (BASE + "exec.html", False)


def test_focus_takes_every_phrase_and_item_name_from_the_rule_sets(tmp_path):
    from crawler.priority import read_focus_terms
    from evaluate.ruleset import available_rulesets, focus_terms, load_ruleset

    terms = set()
    for name in available_rulesets():
        ruleset = load_ruleset(name)
        terms |= {item.name_th for item in ruleset.items}
        terms |= {p for rule in ruleset.library.values() for p in (rule.name_th, *rule.hints.phrases)}
    # As the crawl process gets them: written by the launcher, read from the file.
    (tmp_path / "focus.json").write_text(json.dumps(list(focus_terms()), ensure_ascii=False), encoding="utf-8")
    focused, built_in = LinkScorer(read_focus_terms(tmp_path / "focus.json")), LinkScorer()
    assert all(focused.score(BASE + "x", term) >= ITEM_SCORE for term in terms)
    # Fails when the rule format changes under the scorer and it silently falls back to its own list.
    assert [term for term in terms if built_in.score(BASE + "x", term) == 0]


def test_focus_terms_match_as_one_trie_like_a_plain_alternation():
    from crawler.priority import _alternation

    terms = ["แผนพัฒนา", "แผนพัฒนาท้องถิ่น", "แผน", "คู่มือการปฏิบัติงาน", "ITA"]
    trie = _alternation(terms)
    for text in [
        "แผ",
        "แผนงาน",
        "ดาวน์โหลดแผนพัฒนาท้องถิ่น",
        "คู่มือการปฏิบัติ",
        "คู่มือการปฏิบัติงานของเจ้าหน้าที่",
        "ita",
        "ผลการประเมิน ITA",
        "กีฬาสีตำบล",
        "",
    ]:
        plain = any(skeleton(term) in skeleton(text) for term in terms)
        assert bool(trie.search(skeleton(text))) == plain, text
    assert _alternation([]).search("แผน") is None


def test_focus_falls_back_to_the_built_in_terms_when_a_rule_set_does_not_load(tmp_path, caplog):
    (tmp_path / "items.yaml").write_text("items: [oops\n", encoding="utf-8")
    (tmp_path / "2569.yaml").write_text("name: '2569'\n", encoding="utf-8")
    from evaluate.ruleset import focus_terms

    scorer = LinkScorer(focus_terms(tmp_path))
    assert scorer.score(BASE + "data.php?id=3", "โครงสร้างส่วนราชการ") == ITEM_SCORE
    assert "built-in terms only" in caplog.text
