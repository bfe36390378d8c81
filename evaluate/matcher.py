"""Find which items' hint phrases occur in a text, for all items in one regex pass.

The phrases of every item are compiled into one trie-shaped regex (alternatives share their
prefixes, so matching stays linear in the text), searched with a look-ahead to see overlapping
phrases. A phrase also reports the items of every shorter phrase it starts with.
"""

from __future__ import annotations

import re
from collections import defaultdict


def _trie_pattern(phrases: list[str]) -> str:
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


class PhraseIndex:
    """Maps skeleton phrases to the keys that use them and finds them all in one pass."""

    def __init__(self, phrases_by_key: dict[str, tuple[str, ...]]):
        keys_of: dict[str, set[str]] = defaultdict(set)
        for key, phrases in phrases_by_key.items():
            for phrase in phrases:
                if phrase:
                    keys_of[phrase].add(key)
        # A match of "รายงานผลการดำเนินงานประจาปี" also counts for "รายงานผลการดำเนินงาน".
        self._keys: dict[str, frozenset[str]] = {
            phrase: frozenset(k for other, ks in keys_of.items() if phrase.startswith(other) for k in ks) for phrase in keys_of
        }
        pattern = _trie_pattern(sorted(keys_of))
        self._regex = re.compile(f"(?=({pattern}))") if pattern else None

    def keys_in(self, text: str) -> set[str]:
        if self._regex is None or not text:
            return set()
        found: set[str] = set()
        for match in self._regex.finditer(text):
            phrase = match.group(1)
            if phrase:
                found |= self._keys.get(phrase, frozenset())
        return found
