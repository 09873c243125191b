"""The "Căn cứ" lines of a document, by the legal regime in force on its date
(documents.md §1.1). Provinces add their own regulation after these lines."""

from __future__ import annotations

import datetime as dt

LOCAL_GOVERNMENT_2015 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
LOCAL_GOVERNMENT_2019 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ"
    " sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày"
    " 22 tháng 11 năm 2019;"
)
LOCAL_GOVERNMENT_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;"
LAW_2003 = (
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số"
    " điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;"
)
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
LAW_2022_BY_NUMBER = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;"
DECREE_91 = (
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi"
    " tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
)
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi"
    " tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
)
DECREE_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định về phân cấp, phân quyền trong"
    " lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của"
    " Luật Thi đua, khen thưởng;"
)
DECREE_91_FROM = dt.date(2017, 10, 1)
LAW_2022_FROM = dt.date(2024, 1, 1)
TWO_TIER_FROM = dt.date(2025, 7, 1)


def basis_lines(on: dt.date) -> list[str]:
    """Local-government law, emulation law and detailing decree in force on `on`."""
    if on >= TWO_TIER_FROM:
        return [LOCAL_GOVERNMENT_2025, LAW_2022_BY_NUMBER, DECREE_152]
    local = LOCAL_GOVERNMENT_2019 if on >= dt.date(2020, 1, 1) else LOCAL_GOVERNMENT_2015
    if on >= LAW_2022_FROM:
        return [local, LAW_2022, DECREE_98]
    lines = [local, LAW_2003]
    if on >= DECREE_91_FROM:
        lines.append(DECREE_91)
    return lines
