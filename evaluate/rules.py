"""The rule language: typed, immutable rules built from the YAML files officers edit.

``rules/items.yaml`` defines, once per stable key, how evidence for an OIT item is found and judged
(``ItemRule``); each year file (``rules/2569.yaml`` ...) lists that year's items with their codes,
names and weights (``RuleItem``) and may override parts of an ``ItemRule``. Parsing and validation
live in ``evaluate.ruleset``; this module only says what a valid rule is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Freshness(StrEnum):
    """Which fiscal year the evidence must be for (BE fiscal years, 1 Oct – 30 Sep)."""

    CURRENT_FY = "current_fy"  # the fiscal year of the as-of date
    PREVIOUS_FY = "previous_fy"  # the year before it (annual reports); the running year's is accepted too
    PREVIOUS_FY_ONLY = "previous_fy_only"  # the year before it and no other (a running year is not over yet)
    PLAN_RANGE = "plan_range"  # a plan whose range (2566–2570) covers the current fiscal year
    CURRENT_YEAR_CONTENT = "current_year_content"  # posts dated in the current fiscal year (news)
    NONE = "none"


class EvidenceKind(StrEnum):
    """What kind of source may hold an item's evidence."""

    PAGE = "page"  # an HTML page of the site
    DOCUMENT = "document"  # a linked PDF/DOC/XLS with its extracted text
    CHANNEL = "channel"  # a live online channel on a page: form, web board, chat widget
    EXTERNAL = "external"  # the organisation's own account elsewhere (Facebook page, LINE OA, YouTube)
    DATA_FILE = "data_file"  # a machine-readable file (XLSX, CSV)
    IMAGE = "image"  # a picture (an org chart) on a page named for the item: counts, though unreadable


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """One call of an element check: the check's name and its prepared parameters."""

    check: str
    params: tuple[tuple[str, Any], ...] = ()

    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)


@dataclass(frozen=True, slots=True)
class Element:
    """A required element (Thai name for officers); met when any of its checks passes."""

    name_th: str
    any_of: tuple[CheckSpec, ...]


@dataclass(frozen=True, slots=True)
class Hints:
    """Where to look. Hints choose candidates; they never prove anything on their own."""

    phrases: tuple[str, ...] = ()  # skeleton form: matched in link texts, titles, headings, leads
    urls: tuple[str, ...] = ()  # lower-case URL fragments
    exclude: tuple[str, ...] = ()  # near misses: a candidate titled like this is someone else's
    written: tuple[str, ...] = ()  # the phrases as written in the rule file, for officers (rules show)
    titles: tuple[str, ...] = ()  # skeleton form: count only in link texts and what a source calls itself
    posts: bool = False  # a dated post (an event report in a news module) is a candidate whatever its title


@dataclass(frozen=True, slots=True)
class Example:
    """A small page an item must judge as ``expect`` (``oit rules test``)."""

    expect: str  # an ItemStatus value
    title: str = ""
    text: str = ""
    headings: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()  # (text, url) in the main content
    images: int = 0
    embeds: tuple[str, ...] = ()
    widgets: tuple[str, ...] = ()
    form_fields: tuple[str, ...] = ()  # a form with a textarea and these fields, when given
    as_of: str = ""  # YYYY-MM-DD; the library's default when empty
    line: int | None = None  # where the example is written, for failure messages


@dataclass(frozen=True, slots=True)
class ItemRule:
    """How one stable key is judged: hints, accepted evidence, required elements, freshness."""

    key: str
    name_th: str
    hints: Hints
    evidence: tuple[EvidenceKind, ...]
    elements: tuple[Element, ...]
    freshness: Freshness = Freshness.NONE
    responsible_unit: str = ""
    measure: str = ""
    examples: tuple[Example, ...] = ()
    inferred: bool = False
    source: str = ""
    origin: tuple[str, ...] = ()  # where it was written: the library entry, then year overrides (file:line)
    # fiscal years whose content is another item's evidence, not a stale copy of this one
    # (2569: last year's monthly summaries are O12's, this year's are O11's)
    belongs_elsewhere: tuple[Freshness, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleItem:
    """One item of a year's list: its code and names, and the rules of every key it covers."""

    code: str
    keys: tuple[str, ...]
    name_th: str
    indicator: str
    sub_indicator: str
    weight: float
    responsible_unit: str
    measure: str
    rules: tuple[ItemRule, ...]
    inferred: bool = False
    source: str = ""
    origin: tuple[str, ...] = ()  # the year files (file:line) that wrote this item, parent first

    @property
    def key(self) -> str:
        return self.keys[0]


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str  # "2569"
    title_th: str
    path: str
    pass_mark: float
    items: tuple[RuleItem, ...]
    library: dict[str, ItemRule] = field(default_factory=dict)
    example_as_of: str = ""
    extends: str = ""  # the rule set this one was built on ("2569" for a 2570 file made with rules new)
    library_path: str = ""

    def item(self, key_or_code: str) -> RuleItem:
        """The item with this stable key (any of a merged item's keys) or this year's code."""
        wanted = key_or_code.lower()
        for item in self.items:
            if wanted in item.keys or wanted == item.code.lower():
                return item
        raise KeyError(key_or_code)

    @property
    def total_weight(self) -> float:
        return sum(item.weight for item in self.items)
