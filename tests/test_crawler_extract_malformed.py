"""Main content of pages whose markup is broken the way hand-edited SAO pages are."""

from __future__ import annotations

from crawler.extract import extract_page

BASE = "http://127.0.1.9:8080/"
# A counter script printed before <body>, the menu's and sidebar's </div> forgotten (so the parser
# nests the content area inside them), an unclosed <p>, and a stray </html> before the footer.
BROKEN = """<html><head><title>ข้อมูลผู้บริหาร</title></head>
<font size=2><center>ผู้เข้าชม 1,024 คน</center>
<body bgcolor=#ffffff>
<div id="topmenu"><ul><li><a href="index.php">หน้าหลัก</a><li><a href="board.php">กระดานถาม-ตอบ</a>
<li><a href="data.php?id=3">แผนพัฒนาท้องถิ่น</a><li><a href="data.php?id=4">งบประมาณรายจ่ายประจำปี</a>
<li><a href="data.php?id=5">ร้องเรียนการทุจริต</a><li><a href="data.php?id=6">ข่าวประชาสัมพันธ์</a></ul>
<div class="sidebar"><b>ข้อมูลสาธารณะ</b><ul><li><a href="ita.php">ITA 2569</a><li><a href="data.php?id=8">คู่มือประชาชน</a></ul>
<div id="content"><h2><b>ข้อมูลผู้บริหาร</h2></b>
<p>นายสมศักดิ์ ใจงาม นายกองค์การบริหารส่วนตำบลหนองบัว โทร. 08-1234-5678
<p>นางสาวพิมพ์ใจ ศรีสุข ปลัดองค์การบริหารส่วนตำบลหนองบัว
<table><tr><td>รองนายก<td>นายวิชัย มั่นคง<tr><td>เลขานุการนายก<td>นายประสิทธิ์ ทองดี</table>
<a href="files/exec-2569.pdf">ดาวน์โหลดคำสั่งแบ่งงาน</a>
</html>
<div id="footer">องค์การบริหารส่วนตำบลหนองบัว 99 หมู่ 1 โทร 0-4400-0000</div>
"""


def test_broken_markup_still_yields_the_content_area():
    page = extract_page("nongbua", BASE + "staff.php", BROKEN, in_scope=lambda url: url.startswith(BASE))
    assert page.blocks[:3] == [
        "ข้อมูลผู้บริหาร",
        "นายสมศักดิ์ ใจงาม นายกองค์การบริหารส่วนตำบลหนองบัว โทร. 08-1234-5678",
        "นางสาวพิมพ์ใจ ศรีสุข ปลัดองค์การบริหารส่วนตำบลหนองบัว",
    ]
    assert "รองนายก นายวิชัย มั่นคง" in page.blocks
    assert page.headings == ["ข้อมูลผู้บริหาร"]
    # the menu, sidebar, counter and footer around it stay out
    for chrome in ("แผนพัฒนาท้องถิ่น", "คู่มือประชาชน", "ผู้เข้าชม", "99 หมู่ 1"):
        assert chrome not in page.main_text
    in_main = {link.text: link.in_main for link in page.links}
    assert in_main["ดาวน์โหลดคำสั่งแบ่งงาน"] is True and in_main["แผนพัฒนาท้องถิ่น"] is False


def test_a_small_content_box_inside_a_sidebar_is_not_the_main_content():
    html = """<html><body><div class="sidebar"><div class="content">ปฏิทินกิจกรรมประจำเดือน พฤศจิกายน</div></div>
    <div><p>องค์การบริหารส่วนตำบลหนองบัวประกาศรายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. 2569 ให้ประชาชนทราบ
    โดยมีรายละเอียดตามเอกสารแนบท้ายประกาศนี้ทุกประการ</p></div></body></html>"""
    page = extract_page("nongbua", BASE + "report.php", html, in_scope=lambda url: url.startswith(BASE))
    assert any(block.startswith("องค์การบริหารส่วนตำบลหนองบัวประกาศ") for block in page.blocks)
    assert "ปฏิทินกิจกรรม" not in page.main_text
