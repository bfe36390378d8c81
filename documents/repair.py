"""Repair the usual damage in text extracted from Thai PDFs, and measure what is left.

``thai.text.normalize`` already maps private-use glyphs back, recomposes ํ+า and fixes เเ; this
module adds what only document text suffers (spaces before following vowels, sara am lost or
split by a space) and keeps the lines, which the facts need (signature blocks, table headers).
"""

from __future__ import annotations

import re

from thai.text import normalize, thai_ratio

# Vowels and marks that can never start a syllable: a space before one is extraction damage.
# Marks above and below first; sara aa/am after the split-sara-am repair has had its look.
_SPACE_BEFORE_MARK = re.compile("(?<=[\u0e01-\u0e4e]) +(?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])")
_SPACE_BEFORE_FOLLOWING = re.compile("(?<=[\u0e01-\u0e4e]) +(?=[\u0e30\u0e32\u0e33\u0e45])")
# "ค า": a consonant (with its tone mark) then a space then sara aa is sara am whose nikhahit
# was lost; sara aa cannot start a word, so the space alone marks the split.
_SPLIT_AM = re.compile("([\u0e01-\u0e2e][\u0e48-\u0e4b]?) +\u0e32")
# Words whose sara am a producer's font dropped (ประจาปี); only forms that are not words themselves.
_LOST_AM_WORDS = {
    "ประจาปี": "ประจำปี",
    "ประจาเดือน": "ประจำเดือน",
    "ดาเนิน": "ดำเนิน",
    "ตาบล": "ตำบล",
    "อาเภอ": "อำเภอ",
    "กาหนด": "กำหนด",
    "จานวน": "จำนวน",
    "สานัก": "สำนัก",
    "คานา": "คำนำ",
    "กากับ": "กำกับ",
    "สาเร็จ": "สำเร็จ",
    "สาคัญ": "สำคัญ",
    "ชานาญ": "ชำนาญ",
    "ตาแหน่ง": "ตำแหน่ง",
    "คาสั่ง": "คำสั่ง",
    "จาเป็น": "จำเป็น",
    "นาเสนอ": "นำเสนอ",
    "อัตรากาลัง": "อัตรากำลัง",
    "ลาดับ": "ลำดับ",
    "คาร้อง": "คำร้อง",
    "ที่ทาการ": "ที่ทำการ",
    "จัดทาแผน": "จัดทำแผน",
    "ทาการ": "ทำการ",
    "สารวจ": "สำรวจ",
    "อานาจ": "อำนาจ",
    "ประจาไตรมาส": "ประจำไตรมาส",
    "เจตจานง": "เจตจำนง",
    "สาเนา": "สำเนา",
    "ทาเนียบ": "ทำเนียบ",
    "บาเหน็จ": "บำเหน็จ",
    "บารุง": "บำรุง",
    "อานวย": "อำนวย",
    "กาจัด": "กำจัด",
    "ดารง": "ดำรง",
    "ชารุด": "ชำรุด",
    "คานวณ": "คำนวณ",
}
_LOST_AM = re.compile("|".join(sorted(map(re.escape, _LOST_AM_WORDS), key=len, reverse=True)))

_MARK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
# A mark with no consonant under it: left after a repair that could not place it.
_ORPHAN_MARK = re.compile(f"(?:^|(?<=[^\u0e01-\u0e2e\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]))[{_MARK}]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_REPLACEMENT = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")
_LATIN1_LETTERS = re.compile("[\u00c0-\u00ff]")
_VISIBLE = re.compile(r"\S")


def repair_line(line: str) -> str:
    line = _SPACE_BEFORE_MARK.sub("", line)
    line = _SPLIT_AM.sub("\\1\u0e33", line)
    line = _SPACE_BEFORE_FOLLOWING.sub("", line)
    line = normalize(line)
    return _LOST_AM.sub(lambda m: _LOST_AM_WORDS[m.group(0)], line)


def repair_text(text: str) -> str:
    """Repaired, normalised text; one line per source line, empty lines dropped, pages joined."""
    lines = (repair_line(line) for line in text.replace("\f", "\n").splitlines())
    return "\n".join(line for line in lines if line)


def visible_chars(text: str) -> int:
    return len(_VISIBLE.findall(text))


def quality(text: str) -> float:
    """0..1: how far the text can be trusted, from the damage still left after repair.

    Thai documents: a low Thai share with many Latin-1 letters means a font with a custom encoding
    (garbage such as ¡ÒÃ); private-use, replacement and control characters and marks without a
    consonant mean glyphs the extractor could not map.
    """
    visible = visible_chars(text)
    if not visible:
        return 0.0
    broken = (
        len(_PRIVATE_USE.findall(text))
        + len(_REPLACEMENT.findall(text))
        + len(_ORPHAN_MARK.findall(text))
        + len(_LATIN1_LETTERS.findall(text))
    )
    damage = min(1.0, 10 * broken / visible)  # 10 % broken characters is unreadable
    thai = thai_ratio(text)
    script = 1.0 if thai >= 0.5 else 0.5 + thai  # mostly-Latin documents are possible but suspect
    return round((1.0 - damage) * script, 3)
