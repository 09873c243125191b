"""Every title and award form the register can hold, across all legal regimes.

Which of them a regime allows, with what criteria and money, is the rules engine's business;
the register only needs to know the codes, their Vietnamese names and whom they go to.
Codes follow legal-rules.yaml; `htxs_nhiem_vu` and `don_vi_tieu_bieu` are the district's own
recognitions reported at its review conference (see docs/glossary.md).
"""

from __future__ import annotations

from dataclasses import dataclass

INDIVIDUAL = "individual"
COLLECTIVE = "collective"
HOUSEHOLD = "household"


@dataclass(frozen=True)
class AwardKind:
    code: str
    name_vi: str
    name_en: str
    is_title: bool  # danh hiệu thi đua (True) or hình thức khen thưởng (False)
    recipients: frozenset[str]
    rank: int  # for ordering lists: higher awards first


_ALL = (
    AwardKind("huan_chuong_lao_dong_3", "Huân chương Lao động hạng Ba", "Labour Order, third class", False, frozenset({INDIVIDUAL, COLLECTIVE}), 10),
    AwardKind("cstd_toan_quoc", "Chiến sĩ thi đua toàn quốc", "National emulation fighter", True, frozenset({INDIVIDUAL}), 20),
    AwardKind("co_thi_dua_chinh_phu", "Cờ thi đua của Chính phủ", "Government emulation flag", True, frozenset({COLLECTIVE}), 21),
    AwardKind("bang_khen_thu_tuong", "Bằng khen của Thủ tướng Chính phủ", "Prime Minister's certificate of commendation", False, frozenset({INDIVIDUAL, COLLECTIVE}), 22),
    AwardKind("cstd_cap_tinh", "Chiến sĩ thi đua cấp tỉnh", "Provincial emulation fighter", True, frozenset({INDIVIDUAL}), 30),
    AwardKind("co_thi_dua_tinh", "Cờ thi đua cấp tỉnh", "Provincial emulation flag", True, frozenset({COLLECTIVE}), 31),
    AwardKind("tap_the_ldxs", "Tập thể lao động xuất sắc", "Excellent collective", True, frozenset({COLLECTIVE}), 32),
    AwardKind("bang_khen_tinh", "Bằng khen của Chủ tịch UBND tỉnh", "Provincial certificate of commendation", False, frozenset({INDIVIDUAL, COLLECTIVE}), 33),
    AwardKind("xa_tieu_bieu", "Xã, phường, thị trấn tiêu biểu", "Exemplary commune", True, frozenset({COLLECTIVE}), 34),
    AwardKind("ky_niem_chuong_tinh", "Kỷ niệm chương", "Commemorative medal", False, frozenset({INDIVIDUAL}), 35),
    AwardKind("cstd_co_so", "Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter", True, frozenset({INDIVIDUAL}), 40),
    AwardKind("tap_the_ldtt", "Tập thể lao động tiên tiến", "Advanced collective", True, frozenset({COLLECTIVE}), 41),
    AwardKind("thon_van_hoa", "Thôn, tổ dân phố văn hóa", "Cultural neighbourhood", True, frozenset({COLLECTIVE}), 42),
    AwardKind("giay_khen_ct_huyen", "Giấy khen của Chủ tịch UBND cấp huyện", "District chair's merit certificate", False, frozenset({INDIVIDUAL, COLLECTIVE, HOUSEHOLD}), 43),
    AwardKind("giay_khen_thu_truong", "Giấy khen của thủ trưởng cơ quan, đơn vị", "Agency head's merit certificate", False, frozenset({INDIVIDUAL, COLLECTIVE}), 44),
    AwardKind("giay_khen", "Giấy khen", "Merit certificate", False, frozenset({INDIVIDUAL, COLLECTIVE, HOUSEHOLD}), 45),
    AwardKind("giay_khen_ct_xa", "Giấy khen của Chủ tịch UBND cấp xã", "Commune chair's merit certificate", False, frozenset({INDIVIDUAL, COLLECTIVE, HOUSEHOLD}), 46),
    AwardKind("don_vi_tieu_bieu", "Đơn vị tiêu biểu trong phong trào thi đua", "Exemplary unit of the emulation movement", False, frozenset({COLLECTIVE}), 47),
    AwardKind("htxs_nhiem_vu", "Hoàn thành xuất sắc nhiệm vụ", "Recognised for excellent completion of duties", False, frozenset({INDIVIDUAL, COLLECTIVE}), 48),
    AwardKind("lao_dong_tien_tien", "Lao động tiên tiến", "Advanced worker", True, frozenset({INDIVIDUAL}), 50),
    AwardKind("gia_dinh_van_hoa", "Gia đình văn hóa", "Cultural family", True, frozenset({HOUSEHOLD}), 60),
)  # fmt: skip

AWARD_KINDS: dict[str, AwardKind] = {kind.code: kind for kind in _ALL}
AWARD_CHOICES = [(kind.code, kind.name_vi) for kind in _ALL]


def award_name(code: str) -> str:
    kind = AWARD_KINDS.get(code)
    return kind.name_vi if kind else code


def find_award(text: str) -> AwardKind | None:
    """An award by its code or its Vietnamese name (any case, with or without diacritics)."""
    from tdkt.common.text import fold

    wanted = fold(text)
    for kind in _ALL:
        if wanted in (kind.code, fold(kind.name_vi)):
            return kind
    return None
