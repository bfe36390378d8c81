"""One site's frontier: the URLs found and not yet fetched, and the budgets they are spent from.

Scrapy's scheduler keeps one queue for the whole crawl; it has no per-site budget, depth limit or
scope for thousands of hosts. Each site therefore has its own frontier (a heap: focus score, then
depth, then discovery order = breadth-first) and the spider sends its best targets through Scrapy a
few at a time, so the budget is spent on the best links known, not the first ones found.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

_sequence = itertools.count()


@dataclass(slots=True)
class Target:
    url: str
    kind: str  # home | page | document
    depth: int
    score: int = 0
    click_path: list[str] = field(default_factory=list)
    from_url: str = ""  # the page that links here
    link_text: str = ""


class Frontier:
    """Targets of one site by focus score, depth and discovery order, within its budgets."""

    __slots__ = ("page_budget", "document_budget", "depth_limit", "pages_requested", "documents_requested", "_seen", "_heap")

    def __init__(self, page_budget: int, document_budget: int, depth_limit: int) -> None:
        self.page_budget, self.document_budget, self.depth_limit = page_budget, document_budget, depth_limit
        self.pages_requested = 0
        self.documents_requested = 0
        self._seen: set[str] = set()
        self._heap: list[tuple[int, int, int, Target]] = []

    def __contains__(self, url: str) -> bool:
        """Whether the URL was ever queued (or started) for this site."""
        return url in self._seen

    def __bool__(self) -> bool:
        """Whether targets are still waiting (some may be over budget: ``pop`` skips those)."""
        return bool(self._heap)

    def start(self, target: Target) -> Target:
        """The first target (the home page): sent at once, counted against the page budget."""
        self._seen.add(target.url)
        self.pages_requested += 1
        return target

    def push(self, target: Target) -> bool:
        """Queue a URL once; False when it was already known or is beyond the depth limit."""
        if target.url in self._seen:
            return False
        if target.kind == "page" and target.depth > self.depth_limit:
            return False
        self._seen.add(target.url)
        heapq.heappush(self._heap, (-target.score, target.depth, next(_sequence), target))
        return True

    def pop(self) -> Target | None:
        """The best target still within budget, or None."""
        while self._heap:
            target = heapq.heappop(self._heap)[3]
            if target.kind == "document":
                if self.documents_requested < self.document_budget:
                    self.documents_requested += 1
                    return target
            elif self.pages_requested < self.page_budget:
                self.pages_requested += 1
                return target
        return None
