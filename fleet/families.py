"""Site families: the URL shapes, page layouts and encodings of the CMSs SAO sites run on.

A family only decides *where* a page lives and *how* it is wrapped (menus, sidebar, footer);
what the page says comes from ``fleet.builder``. Menus and sidebars name the OIT items on every
page, as on real sites, so whole-page matching finds everything everywhere.
"""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import quote

from fleet.model import Family, MenuEntry, MenuGroup


def _menu_html(groups: list[MenuGroup], ul_class: str, li_class: str = "") -> str:
    out = [f'<ul class="{ul_class}">']
    for group in groups:
        if len(group.entries) == 1 and group.entries[0].text == group.title:
            out.append(f'<li class="{li_class}"><a href="{escape(group.entries[0].href)}">{escape(group.title)}</a></li>')
            continue
        out.append(f'<li class="{li_class} has-sub"><a href="#">{escape(group.title)}</a><ul class="sub-menu">')
        out += [f'<li><a href="{escape(e.href)}">{escape(e.text)}</a></li>' for e in group.entries]
        out.append("</ul></li>")
    out.append("</ul>")
    return "".join(out)


def _links_html(entries: list[MenuEntry]) -> str:
    return "".join(f'<li><a href="{escape(e.href)}">{escape(e.text)}</a></li>' for e in entries)


class LaoVendor(Family):
    """Vendor LAO CMS: data.php / news.php / ita.php, div layout, built-in ITA module."""

    name = "lao_vendor"
    server_header = "Apache/2.4.29 (Ubuntu)"

    def page_path(self, n, slug):
        if slug.isdigit():
            return "/ita.php"
        default = f"/data.php?content_id={n}" if n % 3 else f"/page.php?pagename=data_detail&id={n}"
        return {"executives": "/staff.php", "qa": "/board.php"}.get(slug, default)

    def post_path(self, n, slug, date):
        return f"/news.php?id={n}"

    def doc_path(self, n, filename, date):
        return f"/fileupload/data_{n:04d}/{filename}"

    def news_list_path(self, page):
        return "/news.php" if page == 1 else f"/news.php?page={page}"

    def href(self, site, path):
        return path.lstrip("/") or "./"  # relative links, as these systems write them

    def render(self, site, page):
        menu = site.chrome("menu", lambda: _menu_html(site.menu_for(self), "topmenu"))
        sidebar = site.chrome("sidebar", lambda: _links_html(site.sidebar_for(self)))
        return (
            self.head(site, page) + '<body><div id="wrapper"><div id="header">'
            f'<img src="images/logo.png" alt="ตราสัญลักษณ์"><h2>{escape(site.org.name)}</h2>'
            f"<p>อำเภอ{escape(site.org.district)} จังหวัด{escape(site.org.province)}</p></div>"
            f'<div id="menu">{menu}</div>'
            f'<div id="left" class="sidebar"><h3>ข้อมูลสาธารณะ (OIT)</h3><ul>{sidebar}</ul></div>'
            f'<div id="content" class="content">{page.main}</div>'
            f'<div id="footer">{escape(site.org.address)} โทร {escape(site.org.phone)} | ผู้เข้าชม 12,345</div>'
            "</div></body></html>"
        )


class WordPress(Family):
    """WordPress: ?page_id=, percent-encoded Thai post slugs, ?p= and /archives/ duplicates, wp-json."""

    name = "wordpress"
    server_header = "nginx/1.18.0"
    generator = "WordPress 6.4.3"

    def page_path(self, n, slug):
        return f"/?page_id={n}"

    def post_path(self, n, slug, date):
        return f"/{date.year}/{date.month:02d}/{quote(slug).lower()}/"

    def post_aliases(self, n, slug, date):
        return [f"/?p={n}", f"/archives/{n}", f"/{date.year}/{date.month:02d}/{quote(slug)}/"]

    def doc_path(self, n, filename, date):
        return f"/wp-content/uploads/{date.year}/{date.month:02d}/{filename}"

    def news_list_path(self, page):
        return "/category/news/" if page == 1 else f"/category/news/page/{page}/"

    def href(self, site, path):
        return site.base_url + path  # WordPress writes absolute URLs

    def special(self, site, path, query):
        if path.startswith("/wp-content/plugins/flowpaper/"):  # the viewer shell; the PDF is in ?pdf=
            return (
                200,
                "text/html; charset=utf-8",
                (
                    b"<!DOCTYPE html><html><head><title>FlowPaper</title></head>"
                    b'<body><div id="documentViewer"></div>'
                    b"<script>/* viewer loads the pdf parameter */</script></body></html>"
                ),
            )
        match = re.fullmatch(r"/wp-json/wp/v2/(posts|pages)(?:/(\d+))?/?", path)
        if not match:
            return None
        kind, number = match.groups()
        records = [(n, p) for n, p in site.numbered_pages() if p.kind == ("post" if kind == "posts" else "page")]
        if number:
            records = [(n, p) for n, p in records if n == int(number)]
            if not records:
                return 404, "application/json; charset=UTF-8", b'{"code":"rest_post_invalid_id","data":{"status":404}}'
        payload = [
            {
                "id": n,
                "date": (p.date or site.as_of).isoformat() + "T09:00:00",
                "link": site.base_url + p.path,
                "title": {"rendered": p.title},
                "content": {"rendered": p.main},
            }
            for n, p in records
        ]
        body = json.dumps(payload[0] if number else payload)  # \u-escaped Thai, as WordPress sends it
        return 200, "application/json; charset=UTF-8", body.encode()

    def render(self, site, page):
        return (
            self.head(site, page) + f'<body class="wp-site"><header id="masthead"><h1 class="site-title">'
            f'<a href="{escape(site.base_url)}/">{escape(site.org.name)}</a></h1></header>'
            f'<nav class="main-navigation">'
            f"{site.chrome('menu', lambda: _menu_html(site.menu_for(self), 'menu', 'menu-item'))}</nav>"
            f'<div id="content"><main id="main"><article class="{page.kind} type-{page.kind}">'
            f'<header class="entry-header"><h1 class="entry-title">{escape(page.title)}</h1></header>'
            f'<div class="entry-content">{page.main}</div></article></main>'
            f'<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">ITA</h2>'
            f"<ul>{site.chrome('sidebar', lambda: _links_html(site.sidebar_for(self)))}</ul></section></aside></div>"
            f'<footer id="colophon">{escape(site.org.address)} โทรศัพท์ {escape(site.org.phone)}'
            " | Proudly powered by WordPress</footer></body></html>"
        )


class Joomla(Family):
    """Joomla: index.php/<alias> menus, com_content articles, print views that duplicate them."""

    name = "joomla"
    server_header = "Apache"
    generator = "Joomla! - Open Source Content Management"

    def page_path(self, n, slug):
        return f"/index.php/ita-{slug}" if slug.isdigit() else f"/index.php/{slug.replace('_', '-')}-{n}"

    def post_path(self, n, slug, date):
        return f"/index.php?option=com_content&view=article&id={n}:news-{n}&catid=8&Itemid=101"

    def doc_path(self, n, filename, date):
        return f"/images/documents/{n}/{filename}"

    def news_list_path(self, page):
        return "/index.php/news" if page == 1 else f"/index.php/news?start={(page - 1) * 10}"

    def special(self, site, path, query):
        if "tmpl=component" not in query:
            return None
        base = "&".join(p for p in query.split("&") if p.split("=")[0] not in ("tmpl", "print", "layout", "page"))
        page = site.pages.get(site.route_key(path, base))
        if page is None:
            return None
        html = (
            f'<html><head><meta charset="utf-8"><title>{escape(page.title)}</title></head><body class="contentpane">'
            f"<h2>{escape(page.title)}</h2>{page.main}<script>window.print();</script></body></html>"
        )
        return 200, "text/html; charset=utf-8", html.encode()

    def render(self, site, page):
        print_link = ""
        if page.kind == "post":
            print_link = f'<a class="print" href="{escape(page.path)}&amp;tmpl=component&amp;print=1&amp;layout=default">พิมพ์</a>'
        return (
            self.head(site, page) + f'<body class="site"><div class="container"><header class="header">'
            f'<a class="brand" href="/">{escape(site.org.name)}</a></header>'
            f'<nav class="navigation moduletable_menu">'
            f"{site.chrome('menu', lambda: _menu_html(site.menu_for(self), 'nav menu'))}</nav>"
            f'<div class="row"><main id="content" role="main"><div class="item-page">'
            f'<div class="page-header"><h2 itemprop="headline">{escape(page.title)}</h2></div>{print_link}'
            f'<div itemprop="articleBody">{page.main}</div></div></main>'
            f'<div id="aside" class="moduletable"><h3>เมนูข้อมูลสาธารณะ</h3><ul class="menu">'
            f"{site.chrome('sidebar', lambda: _links_html(site.sidebar_for(self)))}</ul></div></div>"
            f'<footer class="footer">© {escape(site.org.name)}</footer></div></body></html>'
        )


class DataNews(Family):
    """Vendor sites with data_NNNN pages, news.php?id= and index/?page=articleNNNN posts."""

    name = "datanews"
    server_header = "nginx"

    def page_path(self, n, slug):
        return f"/ita-{slug}" if slug.isdigit() else f"/data_{1000 + n}"

    def post_path(self, n, slug, date):
        return f"/index/?page=article{n}"

    def post_aliases(self, n, slug, date):
        return [f"/news.php?id={n}"]

    def doc_path(self, n, filename, date):
        return f"/files/com_news/{date.year}-{date.month:02d}/{filename}"

    def news_list_path(self, page):
        return f"/index/?page=news&p={page}"

    def render(self, site, page):
        return (
            self.head(site, page) + '<body><nav class="navbar navbar-expand-lg">'
            f'<a class="navbar-brand" href="/">{escape(site.org.short_name)}</a>'
            f"{site.chrome('menu', lambda: _menu_html(site.menu_for(self), 'navbar-nav', 'nav-item'))}</nav>"
            '<div class="container"><div class="row">'
            f'<div class="col-md-3 sidebar"><div class="card"><div class="card-header">ITA / OIT</div>'
            f'<ul class="list-group">{site.chrome("sidebar", lambda: _links_html(site.sidebar_for(self)))}</ul></div></div>'
            f'<div class="col-md-9"><div class="card"><div class="card-header"><h4>{escape(page.title)}</h4></div>'
            f'<div class="card-body">{page.main}</div></div></div></div></div>'
            f'<footer class="bg-dark">{escape(site.org.name)} {escape(site.org.address)}</footer></body></html>'
        )


class OldTable(Family):
    """A hand-made site from the 2000s: .htm files, table layout, font tags, TIS-620."""

    name = "oldtable"
    server_header = "Microsoft-IIS/6.0"
    generator = "Microsoft FrontPage 5.0"
    static_pages = True
    encoding = "cp874"
    header_charset = None  # only the <meta> tag names the charset

    def page_path(self, n, slug):
        return f"/html/p{n}.htm"

    def post_path(self, n, slug, date):
        return f"/news/n{n}.htm"

    def doc_path(self, n, filename, date):
        return f"/doc/{filename}"

    def news_list_path(self, page):
        return "/news/index.htm" if page == 1 else f"/news/index{page}.htm"

    def href(self, site, path):
        return ".." + path if path.count("/") > 1 else path

    def render(self, site, page):
        menu = site.chrome(
            "menu",
            lambda: "".join(
                f'<tr><td bgcolor="#FFCC66"><font size="2"><b>{escape(g.title)}</b></font></td></tr>'
                + "".join(
                    f'<tr><td><font size="2"><a href="{escape(e.href)}">{escape(e.text)}</a></font></td></tr>' for e in g.entries
                )
                for g in site.menu_for(self)
            ),
        )
        side = site.chrome(
            "sidebar", lambda: "".join(f'<a href="{escape(e.href)}">{escape(e.text)}</a><br>' for e in site.sidebar_for(self))
        )
        return (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=tis-620">'
            f'<meta name="GENERATOR" content="{self.generator}"><title>{escape(page.title)}</title></head>'
            '<body bgcolor="#FFFFFF"><table width="900" border="0" cellpadding="0" cellspacing="0" align="center">'
            f'<tr><td colspan="3" bgcolor="#006600"><font color="#FFFFFF" size="5">{escape(site.org.name)}</font></td></tr>'
            f'<tr><td width="180" valign="top"><table width="100%">{menu}</table></td>'
            f'<td valign="top"><font face="MS Sans Serif" size="2">{page.main}</font></td>'
            f'<td width="160" valign="top"><font size="1">{side}</font></td></tr>'
            f'<tr><td colspan="3"><font size="1">{escape(site.org.address)} โทร. {escape(site.org.phone)}</font></td></tr>'
            "</table></body></html>"
        )


class DocOnly(Family):
    """A Google-Sites-like site: a few thin pages whose evidence is only in linked documents."""

    name = "doconly"
    server_header = "GSE"

    def page_path(self, n, slug):
        return f"/p/{slug}-{n}"

    def post_path(self, n, slug, date):
        return f"/p/post-{n}"

    def doc_path(self, n, filename, date):
        return f"/files/{n}/{filename}"

    def news_list_path(self, page):
        return "/p/news" if page == 1 else f"/p/news?page={page}"

    def render(self, site, page):
        return (
            self.head(site, page) + f'<body><div role="banner"><h1>{escape(site.org.name)}</h1></div>'
            f'<div role="navigation">{site.chrome("menu", lambda: _menu_html(site.menu_for(self), "nav"))}</div>'
            f'<div role="main">{page.main}</div>'
            f'<div class="sidebar"><ul>{site.chrome("sidebar", lambda: _links_html(site.sidebar_for(self)))}</ul></div>'
            '<div role="contentinfo">Google Sites-like · รายงานการละเมิด</div></body></html>'
        )


FAMILY_CLASSES: dict[str, type[Family]] = {cls.name: cls for cls in (LaoVendor, WordPress, Joomla, DataNews, OldTable, DocOnly)}


def family(name: str) -> Family:
    return FAMILY_CLASSES[name]()
