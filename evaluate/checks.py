"""Element checks: the small vocabulary rule files combine (``check: phone``, ``check: phrases``...).

Each check is a pure function ``(source, context, **params) -> bool`` over a prepared ``Source``.
The registry also declares each check's parameters, so a rule file naming an unknown check or
parameter is rejected at load time with its file and line. Phrase parameters are turned into
their skeleton form once, when the rules are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evaluate import facts
from evaluate.context import JudgeContext
from evaluate.sources import Source, SourceKind, is_data_file_url
from store.records import LinkKind
from thai.text import skeleton

CheckFn = Callable[..., bool]


@dataclass(frozen=True, slots=True)
class Param:
    kind: type  # int, str, bool or list (a list of phrases)
    required: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()  # the values a str parameter may take (checked when rules load)


@dataclass(frozen=True, slots=True)
class CheckDef:
    name: str
    fn: CheckFn
    help: str
    params: dict[str, Param] = field(default_factory=dict)
    substantive: bool = True  # False: a condition (at_most), not content; alone it never makes a find


def is_substantive(spec) -> bool:
    """Does meeting this check show content? Not for conditions, nor for phrases read in the title
    (a page's name restates the item's name)."""
    return CHECKS[spec.check].substantive and spec.kwargs().get("where") not in ("lead", "head")


def is_gate(element) -> bool:
    """An element read only in the title: what the source is. Not met means another item's page."""
    return all(spec.kwargs().get("where") == "head" for spec in element.any_of)


CHECKS: dict[str, CheckDef] = {}


def check(name: str, help: str, substantive: bool = True, **params: Param) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = CheckDef(name, fn, help, params, substantive)
        return fn

    return register


def prepare_param(value: Any, param: Param) -> Any:
    """Phrase lists are matched in skeleton form; tuples keep rules hashable and immutable."""
    if param.kind is list:
        return tuple(dict.fromkeys(skeleton(str(v)) for v in value))
    return value


def _phrase_count(text: str, phrases: tuple[str, ...]) -> int:
    return sum(1 for phrase in phrases if phrase in text)


@check(
    "phrases",
    "at least `min` of the phrases appear in the main content (skeleton match)",
    any=Param(list, required=True),
    min=Param(int),
    where=Param(
        str,
        choices=("text", "lead", "head"),
        help="text (default: the content), lead (title, headings and the start of the content) "
        "or head (title and headings only: an element read there is a gate — a source whose "
        "title does not name the item is not judged for it)",
    ),
)
def phrases(source: Source, ctx: JudgeContext, any: tuple[str, ...], min: int = 1, where: str = "text") -> bool:
    text = {"lead": source.lead, "head": source.head}.get(where, source.text)
    return _phrase_count(text, any) >= min


@check("person_names", "Thai person names with a title (นาย, นาง, นางสาว, ว่าที่ ร.ต. ...)", min=Param(int))
def person_names(source: Source, ctx: JudgeContext, min: int = 1) -> bool:
    return len(facts.person_names(source)) >= min


@check(
    "positions",
    "LAO position titles (นายก, รองนายก, ปลัด, ผู้อำนวยการกอง ...); `side` narrows to political or permanent",
    min=Param(int),
    side=Param(str, choices=("political", "permanent")),
)
def positions(source: Source, ctx: JudgeContext, min: int = 1, side: str = "") -> bool:
    found = {p.id for p in facts.positions(source) if p.side and (not side or p.side == side)}
    return len(found) >= min


def _enough(count: int, source: Source, min: int, per_person: bool) -> bool:
    """``per_person``: one for each person named (an executive's own phone, photo)."""
    wanted = max(min, len({(p.given_name, p.surname) for p in facts.person_names(source)})) if per_person else min
    return count >= wanted


@check("phone", "a phone number (or a tel: link); `per_person`: one per person named", min=Param(int), per_person=Param(bool))
def phone(source: Source, ctx: JudgeContext, min: int = 1, per_person: bool = False) -> bool:
    numbers = {p.number for p in facts.phones(source)}
    numbers |= {link.url for link in source.links if link.kind is LinkKind.TEL}
    return _enough(len(numbers), source, min, per_person)


@check("email", "an e-mail address (or a mailto: link)")
def email(source: Source, ctx: JudgeContext) -> bool:
    return bool(facts.emails(source)) or any(link.kind is LinkKind.MAILTO for link in source.links)


@check("address", "a Thai postal address (หมู่ที่/ตำบล/อำเภอ/จังหวัด/รหัสไปรษณีย์)")
def address(source: Source, ctx: JudgeContext) -> bool:
    return facts.has_address(source)


MAP_MARKERS = ("google.com/maps", "maps.google", "goo.gl/maps", "maps.app.goo.gl", "openstreetmap", "map")


@check("map_embed", "an embedded or linked map")
def map_embed(source: Source, ctx: JudgeContext) -> bool:
    urls = [*source.embeds, *(link.url for link in source.links)]
    return any(marker in url.lower() for url in urls for marker in MAP_MARKERS)


@check(
    "images",
    "at least `min` images in the main content; `per_person`: one per person named",
    min=Param(int),
    per_person=Param(bool),
)
def images(source: Source, ctx: JudgeContext, min: int = 1, per_person: bool = False) -> bool:
    return _enough(source.images, source, min, per_person)


@check("documents", "the source is a document, or links at least `min` documents in its main content", min=Param(int))
def documents(source: Source, ctx: JudgeContext, min: int = 1) -> bool:
    if source.kind is SourceKind.DOCUMENT:
        return True
    linked = {link.url for link in source.links if link.kind in (LinkKind.DOCUMENT, LinkKind.FRAME)}
    return len(linked) >= min


CHANNEL_KINDS = ("form", "webboard", "chat", "line")
LINE_HOSTS = ("line.me", "lin.ee")


@check(
    "online_channel",
    "a live two-way online channel: a form with a text box, a web board, a chat or LINE OA",
    kinds=Param(list, help="any of form, webboard, chat, line (default: all)"),
)
def online_channel(source: Source, ctx: JudgeContext, kinds: tuple[str, ...] = CHANNEL_KINDS) -> bool:
    if "form" in kinds and any(form.has_textarea for form in source.forms):
        return True
    widgets = {skeleton(w) for w in source.widgets}
    if "webboard" in kinds and any("webboard" in w or "board" in w or "กระดาน" in w for w in widgets):
        return True
    if "chat" in kinds and any("chat" in w for w in widgets):
        return True
    if "line" in kinds:
        if any("line" in w for w in widgets):
            return True
        urls = [source.url] if source.kind is SourceKind.EXTERNAL else [link.url for link in source.links]
        return any(host in url.lower() for url in urls for host in LINE_HOSTS)
    return False


@check("form", "a form with at least `min` fields (an e-service request form)", min=Param(int))
def form(source: Source, ctx: JudgeContext, min: int = 2) -> bool:
    return any(len(f.fields) >= min for f in source.forms)


@check(
    "month_coverage",
    "one entry per month of the fiscal year so far (months that have ended)",
    max_months=Param(int, help="only the first N months of the fiscal year (6: Oct–Mar)"),
    year=Param(
        str,
        choices=("current", "previous"),
        help="current (default: the months of the as-of fiscal year that have ended) or previous "
        "(all twelve months of the fiscal year before)",
    ),
)
def month_coverage(source: Source, ctx: JudgeContext, max_months: int = 12, year: str = "current") -> bool:
    required = ctx.months_so_far(max_months, previous=year == "previous")
    return not (set(required) - facts.months_covered(source, ctx))


@check(
    "table_columns",
    "at least `min` of the column titles in a table of the source or of the documents its main content links",
    any=Param(list, required=True),
    min=Param(int),
)
def table_columns(source: Source, ctx: JudgeContext, any: tuple[str, ...], min: int = 1) -> bool:
    if _phrase_count(" | ".join(source.table_columns) or source.text, any) >= min:
        return True
    for link in source.links:
        doc = ctx.documents.get(link.url)
        if doc is not None and _phrase_count(" | ".join(map(skeleton, doc.table_columns)), any) >= min:
            return True
    return False


@check("fiscal_year", "a fiscal year stated in the content (ประจำปีงบประมาณ พ.ศ. ...)")
def fiscal_year(source: Source, ctx: JudgeContext) -> bool:
    return bool(facts.year_facts(source).stated)


@check("data_file", "a machine-readable data file (XLSX/CSV), or a link to one in the main content")
def data_file(source: Source, ctx: JudgeContext) -> bool:
    return source.is_data_file or any(is_data_file_url(link.url) for link in source.links)


@check("signed", "a signature block: the document's signer, or ลงชื่อ/(name) with a position")
def signed(source: Source, ctx: JudgeContext) -> bool:
    return bool(source.signed_by) or facts.has_signature(source)


@check(
    "external_account",
    "the source is a link to the organisation's own account on one of `hosts`",
    hosts=Param(list, required=True),
    reject=Param(list, help="URL fragments that are not an own account (groups)"),
)
def external_account(source: Source, ctx: JudgeContext, hosts: tuple[str, ...], reject: tuple[str, ...] = ()) -> bool:
    if source.kind is not SourceKind.EXTERNAL:
        return False
    url = source.url.lower()
    return any(host in url for host in hosts) and not any(bad in url for bad in reject)


@check(
    "min_text", "the main content has at least `chars` characters (skeleton): not an empty shell", chars=Param(int, required=True)
)
def min_text(source: Source, ctx: JudgeContext, chars: int) -> bool:
    return len(source.text) >= chars


@check(
    "at_most",
    "the phrases occur at most `max` times in all: the full text of a law repeats มาตรา",
    substantive=False,
    any=Param(list, required=True),
    max=Param(int, required=True),
)
def at_most(source: Source, ctx: JudgeContext, any: tuple[str, ...], max: int) -> bool:
    return sum(source.text.count(phrase) for phrase in any) <= max
