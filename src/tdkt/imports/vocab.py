"""The words an import file may use for each code: the code itself, its Vietnamese label and the
abbreviations offices write (HTXSNV, LĐTT ...), in any case, with or without diacritics.

These labels are part of the file format, like the column headers: a file typed in Vietnamese
must be read the same whatever language the interface is shown in, so they are fixed Vietnamese
here rather than translated. The template's DANHMUC sheet lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdkt.awards.catalogue import (
    AWARD_KINDS,
    COLLECTIVE,
    HOUSEHOLD,
    INDIVIDUAL,
    AwardKind,
    find_award,
)
from tdkt.awards.enums import AwardStatus
from tdkt.common.enums import DisciplineLevel, Gender, Grade, Scope
from tdkt.common.text import fold
from tdkt.people.enums import Category, ContributionKind, LeaveKind

_SEPARATORS = re.compile(r"[\s_\-.,;:/()]+")


def key(value: object) -> str:
    """The comparison key of a word: folded, punctuation and underscores as single spaces."""
    return _SEPARATORS.sub(" ", fold(str(value))).strip()


@dataclass(frozen=True)
class Vocabulary:
    """One code list: (code, Vietnamese label, other accepted spellings)."""

    name: str  # Vietnamese section title in the DANHMUC sheet
    entries: tuple[tuple[str, str, tuple[str, ...]], ...]
    _index: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for code, label, aliases in self.entries:
            for word in (code, label, *aliases):
                # A plain str, not the enum member: cheaper to compare, encode and write.
                index.setdefault(key(word), str(code))
        object.__setattr__(self, "_index", index)

    def lookup(self, value: object) -> str | None:
        return self._index.get(key(value))

    def label(self, code: str) -> str:
        for entry_code, label, _aliases in self.entries:
            if entry_code == code:
                return label
        return code

    @property
    def labels(self) -> list[str]:
        return [label for _code, label, _aliases in self.entries]


GENDERS = Vocabulary(
    "Giới tính",
    (
        (Gender.MALE, "Nam", ("m", "male")),
        (Gender.FEMALE, "Nữ", ("f", "female")),
    ),
)

CATEGORIES = Vocabulary(
    "Đối tượng",
    (
        (Category.OFFICIAL, "Cán bộ", ()),
        (Category.CIVIL_SERVANT, "Công chức", ()),
        (Category.PUBLIC_EMPLOYEE, "Viên chức", ()),
        (Category.WORKER, "Người lao động", ("Lao động", "Lao động hợp đồng")),
        (Category.FARMER, "Nông dân", ()),
        (Category.OTHER, "Khác", ()),
    ),
)

GRADES = Vocabulary(
    "Xếp loại",
    (
        (Grade.EXCELLENT, "Hoàn thành xuất sắc nhiệm vụ", ("HTXSNV", "Hoàn thành xuất sắc")),
        (Grade.GOOD, "Hoàn thành tốt nhiệm vụ", ("HTTNV", "Hoàn thành tốt")),
        (Grade.PASS, "Hoàn thành nhiệm vụ", ("HTNV", "Hoàn thành")),
        (Grade.FAIL, "Không hoàn thành nhiệm vụ", ("KHTNV", "Không hoàn thành")),
    ),
)

LEAVE_KINDS = Vocabulary(
    "Loại nghỉ",
    (
        (LeaveKind.MATERNITY, "Nghỉ thai sản", ("Thai sản",)),
        (
            LeaveKind.INJURY,
            "Điều trị do bị thương khi làm nhiệm vụ",
            ("Điều trị thương tích", "Bị thương khi làm nhiệm vụ"),
        ),
        (
            LeaveKind.TRAINING_SHORT,
            "Đi học dưới 01 năm",
            ("Đi học dưới 1 năm", "Đào tạo dưới 1 năm", "Bồi dưỡng dưới 1 năm"),
        ),
        (
            LeaveKind.TRAINING_LONG,
            "Đi học từ 01 năm trở lên",
            ("Đi học từ 1 năm trở lên", "Đào tạo từ 1 năm trở lên"),
        ),
        (LeaveKind.SICK, "Nghỉ ốm", ("Ốm", "Ốm đau")),
        (LeaveKind.UNPAID, "Nghỉ không lương", ("Không lương",)),
        (LeaveKind.OTHER, "Nghỉ khác", ("Khác",)),
    ),
)

DISCIPLINE_LEVELS = Vocabulary(
    "Hình thức kỷ luật",
    (
        (DisciplineLevel.REPRIMAND, "Khiển trách", ()),
        (DisciplineLevel.WARNING, "Cảnh cáo", ()),
        (DisciplineLevel.SALARY_DOWNGRADE, "Hạ bậc lương", ()),
        (DisciplineLevel.DEMOTION, "Giáng chức", ()),
        (DisciplineLevel.DISMISSAL, "Cách chức", ()),
        (DisciplineLevel.DISCHARGE, "Buộc thôi việc", ()),
    ),
)

SCOPES = Vocabulary(
    "Phạm vi ảnh hưởng",
    (
        (Scope.GRASSROOTS, "Cơ sở", ("Cấp cơ sở",)),
        (Scope.PROVINCIAL, "Cấp tỉnh", ("Tỉnh", "Cấp bộ, ngành, tỉnh", "Bộ, ngành, tỉnh")),
        (Scope.NATIONAL, "Toàn quốc", ("Cấp toàn quốc",)),
    ),
)

CONTRIBUTION_KINDS = Vocabulary(
    "Loại sáng kiến, đề tài",
    (
        (ContributionKind.INITIATIVE, "Sáng kiến", ()),
        (ContributionKind.RESEARCH, "Đề tài khoa học", ("Đề tài", "Đề tài nghiên cứu khoa học")),
        (ContributionKind.COMBAT, "Sáng tạo trong chiến đấu", ()),
    ),
)

AWARD_STATUSES = Vocabulary(
    "Trạng thái",
    (
        (AwardStatus.GRANTED, "Đã khen", ("Được khen", "Còn hiệu lực", "Hiệu lực")),
        (AwardStatus.REVOKED, "Đã thu hồi", ("Thu hồi", "Bị thu hồi")),
    ),
)

YES_NO = Vocabulary(
    "Có/Không",
    (
        ("1", "Có", ("x", "yes", "y", "c", "true", "đúng")),
        ("0", "Không", ("no", "n", "k", "false", "sai")),
    ),
)

RECIPIENT_LABELS = {INDIVIDUAL: "Cá nhân", COLLECTIVE: "Tập thể", HOUSEHOLD: "Hộ gia đình"}

# Abbreviations offices write for the common titles (glossary).
_AWARD_ABBREVIATIONS = {
    "ldtt": "lao_dong_tien_tien",
    "cstdcs": "cstd_co_so",
    "cstd cs": "cstd_co_so",
    "cstd co so": "cstd_co_so",
    "cstdtq": "cstd_toan_quoc",
    "cstd cap tinh": "cstd_cap_tinh",
    "ttldtt": "tap_the_ldtt",
    "tt ldtt": "tap_the_ldtt",
    "ttldxs": "tap_the_ldxs",
    "tt ldxs": "tap_the_ldxs",
}

_AWARDS_BY_KEY: dict[str, AwardKind] = {}
for _kind in AWARD_KINDS.values():
    _AWARDS_BY_KEY.setdefault(key(_kind.code), _kind)
    _AWARDS_BY_KEY.setdefault(key(_kind.name_vi), _kind)
for _abbreviation, _code in _AWARD_ABBREVIATIONS.items():
    _AWARDS_BY_KEY.setdefault(_abbreviation, AWARD_KINDS[_code])


def lookup_award(value: object) -> AwardKind | None:
    """An award by code, Vietnamese name (as the catalogue's find_award) or common abbreviation."""
    text = str(value)
    return find_award(text) or _AWARDS_BY_KEY.get(key(text))
