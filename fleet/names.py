"""Invented Thai identities for sample sites: organisations, places, people, phone numbers.

Every name is assembled from syllables so that no real organisation or person is named; the
same random generator always gives the same identity.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_PLACE_HEADS = ["หนอง", "บ้าน", "ห้วย", "โคก", "ดอน", "นา", "ท่า", "บึง", "วัง", "สระ", "ทุ่ง", "เขา", "คลอง", "โพธิ์", "ป่า"]
_PLACE_TAILS = [
    "ไผ่งาม",
    "สำราญ",
    "แสนสุข",
    "ทองคำ",
    "บัวแดง",
    "ตะเคียน",
    "มะขามเฒ่า",
    "จานใหญ่",
    "กุ่มน้อย",
    "ยางสูง",
    "ขามป้อม",
    "ศรีเจริญ",
    "นกเขียน",
    "พะยอมทอง",
    "แก้วมณี",
    "หินลาด",
    "สะแกรัตน์",
    "ลำดวน",
    "เสือโฮก",
    "ตาลเดี่ยว",
    "มะเฟือง",
    "กระทุ่มราย",
    "ช้างน้อย",
    "ดินแดง",
    "บุญมาก",
]
_PROVINCES = ["ศรีสุวรรณ", "นครพนาลัย", "ลำน้ำทอง", "ภูผาแก้ว", "ชัยบุรินทร์", "ทุ่งสุวรรณ", "สุวรรณคีรี", "เวียงแสนดาว"]
_GIVEN = [
    "สมชาย",
    "สมศรี",
    "ประเสริฐ",
    "วิไลวรรณ",
    "บุญเรือน",
    "ทองใบ",
    "สุนทร",
    "จันทร์เพ็ญ",
    "อำนาจ",
    "พรทิพย์",
    "ชาญชัย",
    "กาญจนา",
    "วีระพงษ์",
    "สุดารัตน์",
    "ธนากร",
    "นิภาพร",
    "เกรียงไกร",
    "รัตนา",
    "อุดม",
    "ศิริพร",
    "ไพโรจน์",
    "มาลัย",
    "สมบัติ",
    "ปราณี",
    "ณรงค์",
    "ลำไย",
    "เอกชัย",
    "อรุณี",
    "บรรจง",
    "ดวงใจ",
]
_FAMILY_HEADS = ["ศรี", "แก้ว", "บุญ", "ทอง", "ใจ", "พึ่ง", "สุข", "มั่น", "เพชร", "คำ"]
_FAMILY_TAILS = ["สุวรรณ", "ประเสริฐ", "มณีวงศ์", "ดีงาม", "เจริญผล", "ภักดี", "สมบูรณ์", "วงษ์ไทย", "ทองหล่อ", "แสนกล้า", "พันธ์ดี", "ศักดิ์ดา"]
_TITLES_MALE = ["นาย"]
_TITLES_FEMALE = ["นาง", "นางสาว"]
_FEMALE_GIVEN = {
    "สมศรี",
    "วิไลวรรณ",
    "บุญเรือน",
    "จันทร์เพ็ญ",
    "พรทิพย์",
    "กาญจนา",
    "สุดารัตน์",
    "นิภาพร",
    "รัตนา",
    "ศิริพร",
    "มาลัย",
    "ปราณี",
    "ลำไย",
    "อรุณี",
    "ดวงใจ",
}

# Executive posts of an LAO: political side first, then permanent staff (both must be shown).
POLITICAL_POSTS = ["นายก{org}", "รองนายก{org}", "รองนายก{org}", "เลขานุการนายก{org}", "ประธานสภา{org}"]
STAFF_POSTS = [
    "ปลัด{org}",
    "รองปลัด{org}",
    "หัวหน้าสำนักปลัด",
    "ผู้อำนวยการกองคลัง",
    "ผู้อำนวยการกองช่าง",
    "ผู้อำนวยการกองการศึกษา ศาสนาและวัฒนธรรม",
]


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # with title: นายสมชาย ใจดีงาม
    position: str
    phone: str
    side: str  # political | staff


@dataclass(frozen=True, slots=True)
class Organisation:
    type: str  # อบต. | เทศบาลตำบล
    type_full: str  # องค์การบริหารส่วนตำบล | เทศบาลตำบล
    place: str  # หนองไผ่งาม
    district: str
    province: str
    address: str
    phone: str
    fax: str
    email: str
    facebook: str
    line_id: str
    people: tuple[Person, ...]

    @property
    def name(self) -> str:
        return f"{self.type_full}{self.place}"

    @property
    def short_name(self) -> str:
        return f"{self.type}{self.place}"

    @property
    def mayor(self) -> Person:
        return self.people[0]


def place_name(rng: random.Random) -> str:
    return rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)


def person_name(rng: random.Random) -> str:
    given = rng.choice(_GIVEN)
    title = rng.choice(_TITLES_FEMALE) if given in _FEMALE_GIVEN else rng.choice(_TITLES_MALE)
    return f"{title}{given} {rng.choice(_FAMILY_HEADS)}{rng.choice(_FAMILY_TAILS)}"


def phone_number(rng: random.Random, mobile: bool = False) -> str:
    if mobile:
        return f"0{rng.choice('689')}{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    return f"0-4{rng.randint(2, 5)}{rng.randint(0, 9)}{rng.randint(0, 9)}-{rng.randint(1000, 9999)}"


def organisation(rng: random.Random, index: int) -> Organisation:
    """An invented SAO or municipality; ``index`` keeps e-mail and page names unique in a set."""
    is_municipality = rng.random() < 0.25
    type_short, type_full = ("ทต.", "เทศบาลตำบล") if is_municipality else ("อบต.", "องค์การบริหารส่วนตำบล")
    org_word = "เทศมนตรี" if is_municipality else "องค์การบริหารส่วนตำบล"
    place = place_name(rng)
    district, province = place_name(rng), rng.choice(_PROVINCES)
    people = []
    for side, posts in (("political", POLITICAL_POSTS), ("staff", STAFF_POSTS)):
        for post in posts:
            position = post.format(org="เทศมนตรีตำบล" if is_municipality and "นายก" in post else org_word)
            people.append(Person(person_name(rng), position, phone_number(rng, mobile=True), side))
    return Organisation(
        type=type_short,
        type_full=type_full,
        place=place,
        district=district,
        province=province,
        address=f"{rng.randint(1, 199)} หมู่ที่ {rng.randint(1, 15)} ตำบล{place} อำเภอ{district} จังหวัด{province} "
        f"{rng.randint(30, 49)}{rng.randint(100, 199)}",
        phone=phone_number(rng),
        fax=phone_number(rng),
        email=f"saraban{index:04d}@sample-lao.example",
        facebook=f"https://www.facebook.com/sample.lao.{index:04d}",
        line_id=f"@lao{index:04d}",
        people=tuple(people),
    )
