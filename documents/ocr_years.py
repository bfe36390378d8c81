"""Sanity-check years that OCR read in Thai digits.

Tesseract's Thai model reads Arabic digits well but confuses Thai ones: measured here on rendered
memos, ๖ comes out as ๒, ๙ as ๓, ๕ or ฒ, ๔ as ๕ (๒๕๖๙ -> ๒๕๒๓). A wrong year is worse than none
(it turns a current document stale), so each Thai-digit year is checked against a plausible window
and the document's other years, corrected when one reading wins, and blanked out when none does.
"""
from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter

# What tesseract printed -> the Thai digits it may have been. Measured confusions, plus identity.
_MAY_BE = {
    "๐": "๐๘๙", "๑": "๑๗", "๒": "๒๖", "๓": "๓๘๙", "๔": "๔", "๕": "๕๔๙", "๖": "๖", "๗": "๗๑",
    "๘": "๘๓", "๙": "๙",
}
_THAI_YEAR = re.compile("(?<![๐-๙0-9])๒๕[๐-๙]{2}(?![๐-๙0-9])")
_ARABIC_YEAR = re.compile("(?<![๐-๙0-9])25[0-9]{2}(?![๐-๙0-9])")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
UNREADABLE_YEAR = "????"  # left where a year was printed but could not be read reliably


def plausible_window(today: datetime.date | None = None, back: int = 15, ahead: int = 3) -> range:
    """BE years a current SAO document can state: recent plans, reports and ranges."""
    current = (today or datetime.date.today()).year + 543
    return range(current - back, current + ahead + 1)


def _readings(token: str, window: range) -> list[int]:
    """Every BE year in the window the OCR'd token may stand for."""
    tails = itertools.product(*(_MAY_BE[d] for d in token[2:]))
    years = {int(("๒๕" + "".join(t)).translate(_TO_ARABIC)) for t in tails}
    return sorted(y for y in years if y in window)


def check_ocr_years(text: str, window: range | None = None) -> str:
    """OCR text with each Thai-digit year either trusted, corrected, or replaced by ``????``.

    A reading is chosen by support: years printed in Arabic digits in the same text (read
    reliably) count most, then readings other Thai-digit years share, then the literal reading.
    """
    window = window or plausible_window()
    arabic = Counter(int(m) for m in _ARABIC_YEAR.findall(text))
    tokens = _THAI_YEAR.findall(text)
    readings = {t: _readings(t, window) for t in set(tokens)}
    shared = Counter(y for t in tokens for y in readings[t])

    def decide(match: re.Match[str]) -> str:
        token = match.group(0)
        literal = int(token.translate(_TO_ARABIC))
        options = readings[token]
        if not options:
            return UNREADABLE_YEAR
        scored = sorted(((3 * arabic[y] + shared[y] + (y == literal), y) for y in options), reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return token if literal in options else UNREADABLE_YEAR
        return str(scored[0][1]).translate(_TO_THAI)

    return _THAI_YEAR.sub(decide, text)
