"""``oit rules test``: judge every item's positive and negative examples.

An example is a small page (title, text, links, a form ...) written in the rule file. It is turned
into the same ``PageRecord`` the crawler stores and judged by the real engine, so a change to one
item that breaks another item's examples is caught before it reaches a report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from crawler.urls import looks_like_document
from evaluate.engine import build_index, judge_key
from evaluate.rules import Example, ItemRule, RuleSet
from evaluate.wording import elements_th
from store.records import Form, Image, Link, LinkKind, PageRecord, Site, SiteCrawl, SiteSnapshot, SiteStatus

EXAMPLE_SITE = "http://127.0.0.1/"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    key: str
    index: int
    example: Example
    got: str
    detail: str  # missing elements / fiscal year found

    @property
    def ok(self) -> bool:
        return self.got == self.example.expect


def _link(text: str, href: str) -> Link:
    url = urljoin(EXAMPLE_SITE, href)
    if urlsplit(url).hostname != urlsplit(EXAMPLE_SITE).hostname:
        kind = LinkKind.EXTERNAL
    elif looks_like_document(url):  # as the crawler classifies it
        kind = LinkKind.DOCUMENT
    else:
        kind = LinkKind.PAGE
    return Link(url=url, text=text, context=text, in_main=True, kind=kind)


def example_page(example: Example, url: str) -> PageRecord:
    """The page the crawler would have stored for the example."""
    forms = [Form(action=url, method="post", fields=example.form_fields, has_textarea=True)] if example.form_fields else []
    return PageRecord(
        site_id="example",
        url=url,
        status=200,
        content_type="text/html",
        title=example.title,
        headings=list(example.headings),
        main_text=example.text,
        blocks=[line for line in example.text.splitlines() if line.strip()],
        links=[_link(text, href) for text, href in example.links],
        forms=forms,
        images=[Image(src=f"{url}/image{i}.jpg", alt="") for i in range(example.images)],
        embeds=list(example.embeds),
        widgets=list(example.widgets),
        click_path=[example.title],
    )


def example_snapshot(example: Example, url: str) -> SiteSnapshot:
    site = Site(id="example", name="ตัวอย่าง", url=EXAMPLE_SITE)
    return SiteSnapshot(SiteCrawl(run_id=0, site=site, status=SiteStatus.OK), [example_page(example, url)], [])


def run_example(rule: ItemRule, example: Example, index: int, ruleset: RuleSet) -> ExampleResult:
    as_of = dt.date.fromisoformat(example.as_of or ruleset.example_as_of or dt.date.today().isoformat())
    url = urljoin(EXAMPLE_SITE, f"example/{rule.key}/{index}")
    site_index = build_index(example_snapshot(example, url), ruleset)
    verdict = judge_key(rule, site_index, site_index.context(as_of))
    best = verdict.best
    detail = ""
    if best is not None:
        detail = ", ".join(elements_th(best.missing)) or (f"ปี {best.year_found}" if best.year_found else "")
    return ExampleResult(rule.key, index, example, verdict.status.value, detail)


def rules_with_examples(ruleset: RuleSet) -> list[ItemRule]:
    """The library's rules and the year's overridden rules, each once."""
    seen: dict[int, ItemRule] = {}
    for rule in [*ruleset.library.values(), *(r for item in ruleset.items for r in item.rules)]:
        seen.setdefault(id(rule), rule)
    return [rule for rule in seen.values() if rule.examples]


def run_examples(ruleset: RuleSet) -> list[ExampleResult]:
    return [
        run_example(rule, example, index, ruleset)
        for rule in rules_with_examples(ruleset)
        for index, example in enumerate(rule.examples)
    ]
