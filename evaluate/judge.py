"""Judge one candidate source against one item rule: which elements it has, for which year."""

from __future__ import annotations

from dataclasses import dataclass, field

from evaluate import facts
from evaluate.checks import CHECKS, is_gate, is_substantive
from evaluate.context import JudgeContext
from evaluate.freshness import judge_freshness
from evaluate.rules import Element, EvidenceKind, Freshness, ItemRule
from evaluate.sources import Access, Source, SourceKind, cached_skeleton
from evaluate.verdicts import Failure, FailureKind, Hint, ItemFinding, ItemStatus, Missing, Reason, YearElement

ELSEWHERE_OFFSET = {Freshness.CURRENT_FY: 0, Freshness.PREVIOUS_FY: -1}

# Words of an empty shell: a correctly named page that says it has nothing yet.
EMPTY_SHELL_MARKERS = (
    "อยูระหวางปรับปรุง",
    "อยูระหวางการปรับปรุง",
    "อยูระหวางจัดทา",
    "อยูระหวางการพัฒนา",
    "อยูระหวางพัฒนา",
    "กาลังจัดทา",
    "ยังไมมีขอมูล",
    "coming soon",
    "under construction",
)
# Words of an error page served with status 200: the link is dead, whatever the status code said.
ERROR_PAGE_MARKERS = (
    "not found",
    "error 404",
    "404 error",
    "ไมพบหนาที",
    "ไมพบหนาเว็บ",
    "ไมพบหนาเพจ",
    "internal server error",
    "เกิดขอผิดพลาด",
)
IMAGE_ONLY_MAX_CHARS = 40  # a page that is just a picture (an org chart) has no text to judge
TITLE_ONLY_MAX_CHARS = 30  # besides its links, a page that carries only the item's title says about nothing
# A channel page that tells how to fill in and send, with no form the crawler saw: the form is built by a
# script (common on real sites), so the channel is there but could not be checked.
FORM_CUES = ("กรอกขอมูล", "กรอกรายละเอียด", "ปอนขอมูล", "กดสง", "กดปุม", "javascript")
EMPTY_SHELL_MAX_CHARS = 400
IMAGE_ELEMENT = "image"  # what an org chart published as a picture shows: counted as met, never worded

# Ranking of a candidate's outcome: the best candidate decides the item.
RANK = {
    ItemStatus.PASS: 6,
    ItemStatus.STALE: 5,
    ItemStatus.INCOMPLETE: 4,
    ItemStatus.UNVERIFIABLE: 3,
    ItemStatus.BROKEN: 2,
    ItemStatus.MISSING: 1,
}


@dataclass(slots=True)
class Finding:
    """What one candidate shows for one item."""

    source: Source
    status: ItemStatus
    matched: list[str] = field(default_factory=list)  # the rule's element names found
    missing: list[Missing] = field(default_factory=list)  # the rule's element names not found, the year's data
    year_found: int | None = None
    year_required: int | None = None
    hint: Hint | None = None  # how the candidate was found
    empty_shell: bool = False
    title_only: bool = False  # a page named for the item with nothing to check (only its title, a file list)
    unchecked: str = ""  # why a page found for the item could not be checked: a key of wording.UNCHECKED_TH

    @property
    def rank(self) -> tuple[int, int, int]:
        return (RANK[self.status], len(self.matched), -len(self.missing))

    def item_finding(self, status: ItemStatus | None = None) -> ItemFinding:
        """The codes of this finding, for the item (or key) it decides with ``status``."""
        return ItemFinding(
            status or self.status, tuple(self.missing), self.year_found, self.year_required, self.source.failure, self.unchecked
        )

    def reason(self, name_th: str) -> Reason:
        """Why this source counts as it does for the item named ``name_th``."""
        return Reason(self.item_finding(), name_th, self.hint, self.empty_shell)


def element_met(element: Element, source: Source, ctx: JudgeContext) -> bool:
    return any(CHECKS[spec.check].fn(source, ctx, **spec.kwargs()) for spec in element.any_of)


def is_empty_shell(source: Source) -> bool:
    return len(source.text) <= EMPTY_SHELL_MAX_CHARS and any(m in source.text for m in EMPTY_SHELL_MARKERS)


def is_error_page(source: Source) -> bool:
    """A short page that says it is an error (404, not found) though it was served as a page."""
    said = f"{source.head} {source.text}".lower()
    return len(source.text) <= EMPTY_SHELL_MAX_CHARS and any(m in said for m in ERROR_PAGE_MARKERS)


def written_chars(source: Source) -> int:
    """How much the source says besides its links' texts."""
    return len(source.text) - sum(len(cached_skeleton(link.text)) for link in source.links)


def is_title_only(source: Source) -> bool:
    """A page that carries nothing but its title and what cannot be read here: a list of files,
    a picture, an embedded viewer. (With nothing at all on it, it is an empty shell.)"""
    unreadable = [embed for embed in source.embeds if "map" not in embed.lower()]  # a map can be judged
    return (
        source.kind is SourceKind.PAGE
        and written_chars(source) <= TITLE_ONLY_MAX_CHARS
        and bool(source.links or source.images or unreadable)
    )


def is_channel(rule: ItemRule) -> bool:
    """The evidence is the live channel itself (a form, a web board, an account): words about it prove nothing."""
    return bool({EvidenceKind.CHANNEL, EvidenceKind.EXTERNAL} & set(rule.evidence))


def named_for(rule: ItemRule, source: Source) -> bool:
    """What the source calls itself (title, headings) names the item."""
    return any(phrase in source.head for phrase in (*rule.hints.phrases, *rule.hints.titles))


def _accepts(rule: ItemRule, source: Source) -> bool:
    kinds = set(rule.evidence)
    if source.kind is SourceKind.EXTERNAL:
        return EvidenceKind.EXTERNAL in kinds
    if source.kind is SourceKind.DOCUMENT:
        return (EvidenceKind.DATA_FILE if source.is_data_file else EvidenceKind.DOCUMENT) in kinds
    return bool(kinds & {EvidenceKind.PAGE, EvidenceKind.CHANNEL})


def _pictures(rule: ItemRule, source: Source) -> bool:
    """The page shows a picture: in its main content, or anywhere with an alt text naming the item
    (extractors often leave a page that is only a picture without main content)."""
    return bool(source.images) or any(p in alt for alt in source.image_alts for p in rule.hints.phrases)


def years_of(source: Source, ctx: JudgeContext) -> facts.YearFacts:
    """The source's years; a document that states none (an unreadable year in a scan) takes the
    years its links give it."""
    years = facts.year_facts(source)
    if source.kind is SourceKind.DOCUMENT and not (years.stated or years.ranges or years.dated or years.plain):
        stated = ctx.publishing_years(source.url)
        if stated:
            return facts.YearFacts(frozenset(stated), (), frozenset(), frozenset())
    return years


def judge_source(rule: ItemRule, source: Source, ctx: JudgeContext, hint: Hint | None = None) -> Finding | None:
    """The candidate's outcome; None when it is a kind of evidence the item does not take
    (a PDF for the Q&A channel)."""
    if source.access is Access.BROKEN:
        return Finding(source, ItemStatus.BROKEN, hint=hint)
    if source.kind is SourceKind.EXTERNAL:
        if not _accepts(rule, source):
            return Finding(source, ItemStatus.UNVERIFIABLE, hint=hint)  # a plan on Drive: cannot be opened
        if all(element_met(e, source, ctx) for e in rule.elements):
            return Finding(source, ItemStatus.PASS, matched=[e.name_th for e in rule.elements], hint=hint)
        if named_for(rule, source):
            return Finding(source, ItemStatus.UNVERIFIABLE, hint=hint)  # named for the item, not checkable
        return None  # e.g. a Facebook group found by its host: not the organisation's account
    if not _accepts(rule, source):
        return None
    if source.access is Access.UNREADABLE:
        return Finding(source, ItemStatus.UNVERIFIABLE, hint=hint)
    if source.kind is SourceKind.PAGE and len(source.text) <= IMAGE_ONLY_MAX_CHARS and _pictures(rule, source):
        if EvidenceKind.IMAGE in rule.evidence:  # an org chart published as a picture, as assessors accept
            return Finding(source, ItemStatus.PASS, matched=[IMAGE_ELEMENT], hint=hint)
        return Finding(source, ItemStatus.UNVERIFIABLE, hint=hint)
    if source.kind is SourceKind.PAGE and is_error_page(source):
        source.failure = source.failure or Failure(FailureKind.ERROR_PAGE)
        return Finding(source, ItemStatus.BROKEN, hint=hint)
    if not all(element_met(e, source, ctx) for e in rule.elements if is_gate(e)):
        return None  # titled as something else that merely mentions the item
    if is_empty_shell(source):
        return Finding(source, ItemStatus.MISSING, missing=[e.name_th for e in rule.elements], hint=hint, empty_shell=True)
    matched: list[str] = []
    missing: list[Missing] = []
    substance = False
    for element in rule.elements:
        met = [spec for spec in element.any_of if CHECKS[spec.check].fn(source, ctx, **spec.kwargs())]
        (matched if met else missing).append(element.name_th)
        substance = substance or any(is_substantive(spec) for spec in met)
    if not substance and source.kind is SourceKind.PAGE and named_for(rule, source) and is_channel(rule):
        if any(cue in source.text.lower() for cue in FORM_CUES):
            return Finding(source, ItemStatus.UNVERIFIABLE, matched, missing, hint=hint, unchecked="script_form")
    if not substance and source.kind is SourceKind.PAGE and named_for(rule, source) and not is_channel(rule):
        if is_title_only(source):
            # the agency published a page for the item (its title, a download list): found, not checkable
            return Finding(source, ItemStatus.UNVERIFIABLE, matched, missing, hint=hint, title_only=True, unchecked="title_only")
        if written_chars(source) > TITLE_ONLY_MAX_CHARS:
            # named for the item and written about it, in words the element checks do not know
            return Finding(source, ItemStatus.INCOMPLETE, matched, missing, hint=hint)
    if not substance:  # only the name and conditions: an empty page, or one that mentions the item
        return Finding(source, ItemStatus.MISSING, matched, missing, hint=hint, empty_shell=True)
    fresh = judge_freshness(rule.freshness, years_of(source, ctx), ctx.fiscal_year)
    if (
        not fresh.ok
        and fresh.year_found is not None
        and fresh.year_found - ctx.fiscal_year in (ELSEWHERE_OFFSET[y] for y in rule.belongs_elsewhere)
    ):
        return None  # another item's evidence (2569: last year's summaries are O12's), not a stale copy
    finding = Finding(source, ItemStatus.PASS, matched, missing, fresh.year_found, fresh.required, hint)
    if not fresh.ok and fresh.year_found is not None and len(matched) * 2 >= len(rule.elements):
        finding.status = ItemStatus.STALE
    elif not fresh.ok:
        finding.status = ItemStatus.INCOMPLETE
        finding.missing.append(YearElement(fresh.required))
    elif missing:
        finding.status = ItemStatus.INCOMPLETE
    return finding
