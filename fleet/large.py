"""Large sites: what a big municipality's site adds around the same OIT evidence.

Thousands of news and activity posts behind numbered pagers, tag pages, print views and sorted
copies of every list (near-duplicate URLs), an event calendar without end, an announcements list
where the items published as news posts sit a few pages down, and a documents list whose OIT
files are on page 7 of its archive. Only sites whose spec says ``large`` get these; their draws
come from a stream of their own, so the rest of the site (and its truth) is built as usual.
"""

from __future__ import annotations

import datetime as dt
import random
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from fleet import content
from fleet.model import MenuEntry, Page, split_path
from fleet.spec import SiteSpec

if TYPE_CHECKING:
    from fleet.builder import SiteBuilder

PER_PAGE = 10
DOCS_PAGE = 7  # the documents list page that carries the OIT files (older forms fill pages 1-6)
ANNOUNCEMENTS = 40  # newest general announcements listed before the items' posts
# Tags as editors use them: some name OIT topics, so a tag page looks like evidence and is not.
TAGS = (
    "ข่าวประชาสัมพันธ์",
    "ประกาศ",
    "จัดซื้อจัดจ้าง",
    "กิจกรรม",
    "สาธารณสุข",
    "ผู้สูงอายุ",
    "การศึกษา",
    "กีฬา",
    "ประเพณี",
    "ภาษี",
    "งบประมาณ",
    "สิ่งแวดล้อม",
    "ป้องกันภัย",
    "เด็กและเยาวชน",
    "OTOP",
)
SORTS = ("date", "title", "views")
FORMS = (
    "แบบคำร้องทั่วไป",
    "แบบขออนุญาตก่อสร้างอาคาร",
    "แบบแจ้งเรื่องราวร้องทุกข์",
    "แบบคำขอรับเบี้ยยังชีพ",
    "แบบขอใช้สถานที่",
    "แบบขอรับการสนับสนุนน้ำอุปโภค",
    "แบบขออนุญาตประกอบกิจการ",
    "แบบแสดงรายการภาษี",
)


def rng_of(spec: SiteSpec, part: str = "") -> random.Random:
    return random.Random(f"{spec.seed}/{spec.id}/large/{part}")


def with_query(path: str, param: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{param}"


def numbered(path_of, rows: list) -> list[str]:
    """The paths of a list's pages, PER_PAGE rows a page (one page when empty)."""
    return [path_of(n) for n in range(1, max(1, -(-len(rows) // PER_PAGE)) + 1)]


class LargeSite:
    def __init__(self, builder: SiteBuilder):
        self.b, self.site, self.rng = builder, builder.site, rng_of(builder.site.spec)
        self.fam = self.site.family

    def href(self, path: str) -> str:
        return escape(self.fam.href(self.site, path))

    def pager(self, paths: list[str], number: int) -> str:
        """A CMS pager: first, previous, a window of numbers, next, last; and sort orders of this page
        (the same list again under other URLs)."""
        last = len(paths)
        links = []
        if number > 1:
            links += [f'<a href="{self.href(paths[0])}">« แรก</a>', f'<a href="{self.href(paths[number - 2])}">‹ ก่อนหน้า</a>']
        for n in range(max(1, number - 3), min(last, number + 3) + 1):
            links.append(f"<b>{n}</b>" if n == number else f'<a href="{self.href(paths[n - 1])}">{n}</a>')
        if number < last:
            links += [f'<a href="{self.href(paths[number])}">ถัดไป ›</a>', f'<a href="{self.href(paths[-1])}">สุดท้าย »</a>']
        sorts = " | ".join(f'<a href="{self.href(with_query(paths[number - 1], f"sort={s}"))}">{s}</a>' for s in SORTS)
        return f'<div class="pagination">{" ".join(links)}</div><div class="sort">เรียงตาม: {sorts}</div>'

    def add_list(
        self, title: str, paths: list[str], rows: list[str], chunks: list[list[str]] | None = None, tag: str = "ul"
    ) -> None:
        """A paginated list: ``rows`` of HTML, PER_PAGE a page (or the given ``chunks``), every page
        also under its sort URLs."""

        chunks = chunks or [rows[i : i + PER_PAGE] for i in range(0, len(rows), PER_PAGE)] or [[]]
        for number, (path, chunk) in enumerate(zip(paths, chunks, strict=False), 1):
            main = f'<h1>{escape(title)}</h1><{tag} class="list">{"".join(chunk)}</{tag}>{self.pager(paths, number)}'
            key = self.site.route_key(*split_path(path))
            self.site.pages[key] = Page(title, main, path, "list")
            for sort in SORTS:
                self.site.aliases[self.site.route_key(*split_path(with_query(path, f"sort={sort}")))] = key

    def post_row(self, page: Page) -> str:
        return (
            f'<li><span class="date">{escape(self.site.style.numeric_date(page.posted))}</span> {escape(page.title)} '
            f'<a href="{self.href(page.path)}">อ่านต่อ</a></li>'
        )

    # ---- the parts ----

    def news_lists(self, posts: list[Page]) -> None:
        self.add_list("ข่าวประชาสัมพันธ์", numbered(self.fam.news_list_path, posts), [self.post_row(p) for p in posts])

    def announcements(self, item_posts: list[Page], news: list[Page]) -> str:
        """General announcements first (newest), then the items published as posts: a few pages down."""
        general = [p for p in news if p.title.startswith(("ประกาศ", "ประชาสัมพันธ์"))][:ANNOUNCEMENTS]
        posts = general + sorted(item_posts, key=lambda p: p.posted, reverse=True)
        paths = numbered(lambda n: "/announce" if n == 1 else f"/announce?page={n}", posts)
        self.add_list("ประกาศ", paths, [self.post_row(p) for p in posts])
        return paths[0]

    def activities(self) -> str:
        b, rng = self.b, self.rng
        posts, day = [], self.site.as_of
        for i in range(rng.randint(400, 800)):
            day -= dt.timedelta(days=rng.randint(0, 2))
            title, lines = content.news_post(b.ctx(None), (1, 4, 5)[i % 3] + i * 10, day)  # activity kinds of post
            main = f"<h1>{escape(title)}</h1>" + "".join(f"<p>{escape(line)}</p>" for line in lines)
            posts.append(b.new_page(f"gallery-{i}", title, main, "post", day))
        paths = numbered(lambda n: "/gallery" if n == 1 else f"/gallery?page={n}", posts)
        self.add_list("ภาพกิจกรรม", paths, [self.post_row(p) for p in posts])
        self.gallery = posts
        return paths[0]

    def tags_and_print(self, posts: list[Page]) -> str:
        """Every post gets tags and a print view; each tag lists its posts, paginated."""

        tagged: dict[str, list[Page]] = {tag: [] for tag in TAGS}
        for post in posts:
            tags = self.rng.sample(TAGS, self.rng.randint(1, 3))
            for tag in tags:
                tagged[tag].append(post)
            links = " ".join(f'<a rel="tag" href="{self.href(tag_path(tag))}">{escape(tag)}</a>' for tag in tags)
            printed = with_query(post.path, "print=1")
            self.site.aliases[self.site.route_key(*split_path(printed))] = self.site.route_key(*split_path(post.path))
            post.main += f'<div class="tags">แท็ก: {links}</div><p><a href="{self.href(printed)}">พิมพ์หน้านี้</a></p>'
        for tag, tag_posts in tagged.items():
            tag_posts.sort(key=lambda p: p.posted, reverse=True)
            paths = numbered(lambda n, t=tag: tag_path(t) if n == 1 else with_query(tag_path(t), f"page={n}"), tag_posts)
            self.add_list(f"แท็ก: {tag}", paths, [self.post_row(p) for p in tag_posts])
        return "".join(f'<a class="tag" href="{self.href(tag_path(t))}">{escape(t)}</a> ' for t in TAGS)

    def documents(self, rows: list[tuple[str, MenuEntry]], first: str) -> None:
        """The documents list as an archive: forms and old files fill pages 1-6, the OIT files page 7."""
        from fleet.documents import DocSpec

        def row(context: str, entry: MenuEntry) -> str:
            href = self.href(entry.href) if entry.href.startswith("/") else escape(entry.href)
            return f'<tr><td>{escape(context)}</td><td><a href="{href}">{escape(entry.text)}</a></td></tr>'

        fillers = []
        for i in range((DOCS_PAGE - 1) * PER_PAGE + self.rng.randint(20, 60)):
            name = f"{self.rng.choice(FORMS)} ({i + 1})"
            date = self.site.as_of - dt.timedelta(days=i * 3 + 1)
            path = self.b.new_doc(DocSpec("pdf", name, (name,)), f"form-{i + 1}.pdf", date)
            fillers.append(row("แบบฟอร์ม", MenuEntry(name, path)))
        cut = (DOCS_PAGE - 1) * PER_PAGE
        # The OIT rows all on page 7 however many: uploaded as one batch.
        chunks = [fillers[i : i + PER_PAGE] for i in range(0, cut, PER_PAGE)] + [[row(c, e) for c, e in rows]]
        chunks += [fillers[i : i + PER_PAGE] for i in range(cut, len(fillers), PER_PAGE)]
        paths = [first] + [with_query(first, f"page={n}") for n in range(2, len(chunks) + 1)]
        title = self.site.pages[self.site.route_key(*split_path(first))].title
        self.add_list(title, paths, [], chunks, "table")


def tag_path(tag: str) -> str:
    return f"/tag/{quote(tag)}"
