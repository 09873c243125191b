"""The Vietnamese words the exported documents use, whatever the language of the screen.

A Word report or an Excel form is an official Vietnamese document: its labels do not follow the
user's interface language. They are the same wording as the enums' Vietnamese translations
(docs/i18n/core.tsv); a test keeps the two equal.
"""

from __future__ import annotations

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL

UNKNOWN = "unknown"
UNKNOWN_VI = "Chưa xác định"

RECIPIENT_KIND_VI = {INDIVIDUAL: "Cá nhân", COLLECTIVE: "Tập thể"}

UNIT_KIND_VI = {
    "province": "Tỉnh, thành phố trực thuộc trung ương",
    "district": "Quận, huyện",
    "ward": "Phường, xã",
    "committee_office": "Văn phòng Ủy ban nhân dân",
    "department": "Cơ quan chuyên môn",
    "public_service": "Đơn vị sự nghiệp công lập",
    "enterprise": "Doanh nghiệp",
    "association": "Hội, đoàn thể",
    "division": "Phòng, ban, tổ",
    "neighbourhood": "Tổ dân phố, thôn",
}

SECTOR_VI = {"state": "Nhà nước", "non_state": "Ngoài nhà nước"}

CATEGORY_VI = {
    "can_bo": "Cán bộ",
    "cong_chuc": "Công chức",
    "vien_chuc": "Viên chức",
    "nguoi_lao_dong": "Người lao động",
    "nong_dan": "Nông dân",
    "khac": "Khác",
}

GENDER_VI = {"nam": "Nam", "nu": "Nữ"}

METHOD_VI = {
    "thuong_xuyen": "Thường xuyên (hằng năm)",
    "chuyen_de": "Theo đợt, chuyên đề",
    "dot_xuat": "Đột xuất",
    "doi_ngoai": "Đối ngoại",
    "cong_hien": "Cống hiến",
    "nien_han": "Niên hạn",
    "khang_chien": "Kháng chiến",
}

STATUS_VI = {"granted": "Đã tặng", "revoked": "Đã thu hồi"}


def vi(mapping: dict[str, str], key: str | None) -> str:
    """The Vietnamese label of a code; "Chưa xác định" for a missing one."""
    if key is None or key == UNKNOWN:
        return UNKNOWN_VI
    return mapping.get(key, key)
