"""Thai text normalisation and a matching form that survives damaged PDF text.

Everything here is a pure function over `str`, built on precompiled regexes and `str.translate`,
because it runs on every crawled page and every extracted document.
"""

from __future__ import annotations

import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)

# Zero-width characters and the soft hyphen: invisible, but they break every match.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Thai PDF fonts often place glyph variants (shifted tone marks, ญ/ฐ without their tail) in the
# private use area U+F700–U+F71A; text extracted from such PDFs carries these code points.
_PRIVATE_USE_THAI = str.maketrans(
    {
        0xF700: "ฐ",
        0xF701: "ิ",
        0xF702: "ี",
        0xF703: "ึ",
        0xF704: "ื",
        0xF705: "่",
        0xF706: "้",
        0xF707: "๊",
        0xF708: "๋",
        0xF709: "์",
        0xF70A: "่",
        0xF70B: "้",
        0xF70C: "๊",
        0xF70D: "๋",
        0xF70E: "์",
        0xF70F: "ญ",
        0xF710: "ั",
        0xF711: "ํ",
        0xF712: "็",
        0xF713: "่",
        0xF714: "้",
        0xF715: "๊",
        0xF716: "๋",
        0xF717: "์",
        0xF718: "ุ",
        0xF719: "ู",
        0xF71A: "ฺ",
    }
)

# One table, one pass: str.translate costs the same for one mapping as for many.
_NORMALIZE_TABLE = {**_INVISIBLE, **_PRIVATE_USE_THAI, **_TO_ARABIC}

# Sara am typed or extracted as nikhahit + sara aa, sometimes with a tone mark or a space between.
_SPLIT_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?) ?\u0e32")
# A space never precedes a combining mark or ำ; damaged PDF text puts one there (ค ํา).
# The lookbehind starts a match only at the first space of a run: linear time on long blank runs.
_SPACE_BEFORE_MARK = re.compile("(?<! ) +(?=[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])")
_WHITESPACE = re.compile(r"\s+")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_LINE_BREAK = re.compile(r" ?\n\s*")  # after horizontal runs became one space: drop blank lines

# Marks dropped in the skeleton: tone marks, thanthakhat, maitaikhu, nikhahit, phinthu, yamakkan.
_SKELETON_DROPPED = dict.fromkeys(map(ord, "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47\u0e4d\u0e3a\u0e4e"))
_SKELETON_PUNCTUATION = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u0e33": "\u0e32",  # ำ -> า: PDF text often loses the nikhahit (ประจาปี)
    }
)
_SKELETON_TABLE = {**_SKELETON_DROPPED, **_SKELETON_PUNCTUATION}
# Damaged PDF text puts spaces inside Thai words (ค า, ประ จำ ปี); Thai also barely uses spaces.
_SPACE_BETWEEN_THAI = re.compile("(?<=[\u0e01-\u0e4f]) (?=[\u0e01-\u0e4f])")

_THAI_LETTER = re.compile("[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_THAI_CHAR = re.compile("[\u0e00-\u0e7f]")
# TIS-620 puts Thai at 0xA1–0xFB: decoded as Latin-1 these become U+00A1–U+00FB.
_LATIN1_HIGH = re.compile("[\u00a1-\u00fb]")
_ASCII_LETTER = re.compile("[A-Za-z]")


def to_arabic_digits(s: str) -> str:
    """Replace Thai digits ๐–๙ by 0–9 (one for one, so offsets are kept)."""
    return s.translate(_TO_ARABIC)


def to_thai_digits(s: str) -> str:
    """Replace 0–9 by Thai digits ๐–๙."""
    return s.translate(_TO_THAI)


def normalize(s: str, *, keep_lines: bool = False) -> str:
    """Canonical text: NFC, no invisible characters, Arabic digits, ำ recomposed, แ for เเ,
    private-use Thai glyphs mapped back, whitespace collapsed to single spaces.

    keep_lines=True keeps line breaks (one per line, blank lines dropped) for callers that read
    lines: signature blocks, addresses.
    """
    s = unicodedata.normalize("NFC", s)
    s = s.translate(_NORMALIZE_TABLE)
    if keep_lines:
        s = _LINE_BREAK.sub("\n", _HORIZONTAL_SPACE.sub(" ", s))
    else:
        s = _WHITESPACE.sub(" ", s)
    s = _SPACE_BEFORE_MARK.sub("", s)
    s = _SPLIT_SARA_AM.sub("\\1\u0e33", s)
    return s.replace("เเ", "แ").strip()


def skeleton(s: str) -> str:
    """Matching form: equal for a clean text and its damaged or misspelt copies.

    normalize(), then ำ -> า, tone and other marks dropped, spaces between Thai characters
    removed, dashes and quotes unified, Latin lower-cased. Idempotent.
    """
    s = normalize(s).translate(_SKELETON_TABLE)
    # strip again: a mark dropped at the very start leaves the space that followed it
    return _SPACE_BETWEEN_THAI.sub("", s).strip().lower()


def thai_ratio(s: str) -> float:
    """Share of Thai letters among all letters (0.0 when there are no letters)."""
    letters = len(_ANY_LETTER.findall(s))
    if not letters:
        return 0.0
    return len(_THAI_LETTER.findall(s)) / letters


def is_mojibake_thai(s: str) -> bool:
    """True for TIS-620 text wrongly decoded as Latin-1/cp1252 (Êӹѡ...): no Thai code points,
    and high Latin-1 characters are at least half as many as ASCII letters."""
    if _THAI_CHAR.search(s):
        return False
    high = len(_LATIN1_HIGH.findall(s))
    return high >= 3 and 2 * high >= len(_ASCII_LETTER.findall(s))
