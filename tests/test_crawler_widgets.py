"""Online channels: the page's own (in its main content) apart from the site's (menus, scripts)."""

from __future__ import annotations

from crawler.extract import extract_page
from store.records import SITE_WIDE_WIDGET

BASE = "http://127.0.1.9:8080/"
CHROME = """<div id="menu"><ul><li><a href="index.php">หน้าหลัก</a></li><li><a href="board.php">เว็บบอร์ด</a></li>
<li><a href="contact.php">ติดต่อเรา</a></li></ul></div>"""
CHAT_SCRIPT = """<div class="fb-customerchat" page_id="1234"></div>
<script src="https://connect.facebook.net/th_TH/sdk/xfbml.customerchat.js"></script>"""


def page(content: str):
    html = (
        f'<html><head><title>t</title></head><body>{CHROME}<div class="content">{content}</div>'
        f'<div id="footer">โทร 0-4400-0000</div>{CHAT_SCRIPT}</body></html>'
    )
    return extract_page("nongbua", BASE + "p.php", html, in_scope=lambda url: url.startswith(BASE))


def test_a_menu_link_to_the_web_board_is_the_sites_channel_not_the_pages():
    news = page("<h1>ข่าวประชาสัมพันธ์</h1><p>ประกาศรับสมัครพนักงานจ้าง ประจำปีงบประมาณ 2569</p>")
    assert news.widgets == [SITE_WIDE_WIDGET + "webboard", SITE_WIDE_WIDGET + "facebook_chat"]


def test_a_channel_in_the_main_content_is_the_pages_own():
    board = page(
        '<h1>กระดานถาม-ตอบ</h1><ul><li><a href="board.php?topic=12">ขอทราบกำหนดการฉีดวัคซีน</a></li></ul>'
        '<p>หรือเพิ่มเพื่อน LINE <a href="https://line.me/R/ti/p/@nongbua">@nongbua</a></p>'
    )
    assert board.widgets == ["webboard", "line", SITE_WIDE_WIDGET + "facebook_chat"]


def test_a_page_only_named_for_a_channel_has_none_of_its_own():
    empty_board = page("<h1>กระดานถาม-ตอบ</h1><p>เว็บบอร์ดอยู่ระหว่างปรับปรุง</p>")
    assert empty_board.widgets == [SITE_WIDE_WIDGET + "webboard", SITE_WIDE_WIDGET + "facebook_chat"]
