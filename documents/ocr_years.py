"""Sanity-check years that OCR read in Thai digits.

Tesseract's Thai model reads Arabic digits well but Thai ones badly. Measured here on rendered
pages (Laksaman, 150–300 dpi) and on the sample fleet's scans: ๖ comes out as ๒, ๕ or as two
glyphs ๒๐; ๗ as ๓ or ๕; ๘ as ๕ or ๐; ๙ as ๕ or ๓; ๔ as ๕; a digit may also vanish (๒๕๖๙ -> ๒๕๒๐๕,
๒๕๕๙ or ๒๕๐; ๒๕๗๐ -> ๒๕๕๐). A wrong year is worse than none (it turns a current document
stale), so a Thai-digit year is kept only when it has one plausible reading, or when the
document's other years (Arabic digits, read reliably, or other Thai-digit years) agree on one
reading; otherwise it is blanked.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter

# What tesseract printed -> the Thai digits it may stand for (observed confusions, plus identity).
_MAY_BE = {
    "๐": "๐๘",
    "๑": "๑",
    "๒": "๒๖",
    "๓": "๓๗๙",
    "๔": "๔",
    "๕": "๕๔๖๗๘๙",
    "๖": "๖",
    "๗": "๗",
    "๘": "๘",
    "๙": "๙",
}
_SPLIT_SIX = "๒๐"  # ๖ read as two glyphs
# ๒๕ then two digits, or three when one of them is a split ๖.
_THAI_YEAR = re.compile("(?<![๐-๙0-9])๒๕[๐-๙]{2,3}(?![๐-๙0-9])")
# A year that lost a digit: only where a year must stand (after พ.ศ. or ปี), not in amounts.
_CUT_YEAR = re.compile("(?P<lead>(?:พ\\.ศ\\.|ปี)\\s?)๒๕[๐-๙](?![๐-๙0-9])")
_ARABIC_YEAR = re.compile("(?<![๐-๙0-9])25[0-9]{2}(?![๐-๙0-9])")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
UNREADABLE_YEAR = "????"  # left where a year was printed but could not be read reliably


def plausible_window(today: datetime.date | None = None, back: int = 15, ahead: int = 3) -> range:
    """BE years a current SAO document can state: recent plans, reports and ranges."""
    current = (today or datetime.date.today()).year + 543
    return range(current - back, current + ahead + 1)


def _tails(printed: str) -> set[str]:
    """Two-digit tails the printed tail (two or three glyphs) may stand for."""
    splits = {printed} | {
        printed[:i] + "๖" + printed[i + 2 :] for i in range(len(printed) - 1) if printed[i : i + 2] == _SPLIT_SIX
    }
    return {"".join(t) for s in splits if len(s) == 2 for t in itertools.product(*(_MAY_BE[d] for d in s))}


def _readings(token: str, window: range) -> list[int]:
    """Every BE year in the window the OCR'd token may stand for."""
    years = {int(("๒๕" + tail).translate(_TO_ARABIC)) for tail in _tails(token[2:])}
    return sorted(y for y in years if y in window)


def check_ocr_years(text: str, window: range | None = None) -> str:
    """OCR text with each Thai-digit year either trusted, corrected, or replaced by ``????``.

    A reading is chosen by support: years printed in Arabic digits in the same text count most,
    then the other Thai-digit years whose readings include it. The literal reading earns nothing
    on its own: it is kept only when it is the one plausible reading.
    """
    window = window or plausible_window()
    text = _CUT_YEAR.sub(lambda m: m.group("lead") + UNREADABLE_YEAR, text)
    arabic = Counter(int(m) for m in _ARABIC_YEAR.findall(text))
    tokens = _THAI_YEAR.findall(text)
    readings = {t: _readings(t, window) for t in set(tokens)}
    shared = Counter(y for t in tokens for y in readings[t])

    def decide(match: re.Match[str]) -> str:
        options = readings[match.group(0)]
        if len(options) == 1:
            return str(options[0]).translate(_TO_THAI)
        scored = sorted(((3 * arabic[y] + shared[y], y) for y in options), reverse=True)
        if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return UNREADABLE_YEAR
        return str(scored[0][1]).translate(_TO_THAI)

    return _THAI_YEAR.sub(decide, text)
