"""The unit tree of the demo: Đà Nẵng, Cẩm Lệ district and its wards, and the 2025 reorganisation.

Names of offices follow the district's usual organisation; schools, enterprises and
neighbourhood numbers are invented for the demo (any likeness to a real school or company is a
coincidence). The 2025 successions follow legal-rules.md §12.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tdkt.organisations.enums import Sector, UnitKind

OLD_END = dt.date(2025, 6, 30)
NEW_START = dt.date(2025, 7, 1)

NQ_1659 = "Nghị quyết số 1659/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
HOA_XUAN_NOTE = "theo phương án của thành phố ngày 23/4/2025, chưa đối chiếu văn bản"
DISTRICT_LEVEL_END = (
    "Chấm dứt hoạt động từ ngày 01/7/2025: không tổ chức chính quyền cấp huyện"
    " (Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 51 khoản 3);"
    " không có đơn vị kế thừa cấp huyện."
)
OFFICE_END = (
    "Chấm dứt hoạt động cùng cấp huyện từ ngày 01/7/2025 (Luật số 72/2025/QH15, Điều 51"
    " khoản 3); không có đơn vị kế thừa."
)
NEIGHBOURHOOD_END = "Chuyển về phường mới từ ngày 01/7/2025; dữ liệu mẫu không theo dõi tiếp."
TO_HOA_XUAN = f"Sắp xếp vào Phường Hòa Xuân từ ngày 01/7/2025 ({HOA_XUAN_NOTE})."
CONTINUING = (
    "Vẫn hoạt động sau ngày 01/7/2025; dữ liệu mẫu giữ đơn vị dưới quận cũ để giữ lịch sử"
    " khen thưởng."
)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    short_name: str = ""
    sector: str = Sector.STATE
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    has_legal_status: bool = False
    note: str = ""
    profile: str = ""  # staffing profile (staffing.py); "" = nobody works directly in it
    headcount: int = 0
    # The district chair grants this unit's staff their advanced-worker titles, so they are in
    # the district's register (units with their own legal status grant their own).
    district_grants: bool = False
    collective: bool = False  # has yearly grades and may receive collective awards
    group: str = ""  # emulation group of 2017-2018: wards, offices, schools, enterprises


@dataclass(frozen=True)
class Succession:
    predecessor: str
    successor: str
    note: str = ""


# Six wards of the old district: (code suffix, name, new ward, neighbourhood numbers, size of
# the ward committee).
WARDS = (
    ("khue-trung", "Khuê Trung", "phuong-cam-le", (12, 27, 45), 22),
    ("hoa-phat", "Hòa Phát", "phuong-an-khe", (5, 18, 33), 21),
    ("hoa-an", "Hòa An", "phuong-an-khe", (8, 21, 40), 22),
    ("hoa-tho-tay", "Hòa Thọ Tây", "phuong-cam-le", (3, 14, 26), 21),
    ("hoa-tho-dong", "Hòa Thọ Đông", "phuong-cam-le", (9, 30, 52), 22),
    ("hoa-xuan", "Hòa Xuân", "phuong-hoa-xuan", (6, 17, 24), 22),
)

# District offices: (code, name, short name, kind, profile, headcount).
OFFICES = (
    ("van-phong", "Văn phòng HĐND và UBND quận Cẩm Lệ", "Văn phòng HĐND và UBND quận",
     UnitKind.COMMITTEE_OFFICE, "committee_office", 12),
    ("noi-vu", "Phòng Nội vụ quận Cẩm Lệ", "Phòng Nội vụ", UnitKind.DEPARTMENT, "office", 10),
    ("tai-chinh", "Phòng Tài chính – Kế hoạch quận Cẩm Lệ", "Phòng Tài chính – Kế hoạch",
     UnitKind.DEPARTMENT, "office", 10),
    ("giao-duc", "Phòng Giáo dục và Đào tạo quận Cẩm Lệ", "Phòng Giáo dục và Đào tạo",
     UnitKind.DEPARTMENT, "office", 10),
    ("van-hoa", "Phòng Văn hóa và Thông tin quận Cẩm Lệ", "Phòng Văn hóa và Thông tin",
     UnitKind.DEPARTMENT, "office", 9),
    ("lao-dong", "Phòng Lao động – Thương binh và Xã hội quận Cẩm Lệ",
     "Phòng Lao động – Thương binh và Xã hội", UnitKind.DEPARTMENT, "office", 10),
    ("tai-nguyen", "Phòng Tài nguyên và Môi trường quận Cẩm Lệ", "Phòng Tài nguyên và Môi trường",
     UnitKind.DEPARTMENT, "office", 10),
    ("quan-ly-do-thi", "Phòng Quản lý đô thị quận Cẩm Lệ", "Phòng Quản lý đô thị",
     UnitKind.DEPARTMENT, "office", 11),
    ("tu-phap", "Phòng Tư pháp quận Cẩm Lệ", "Phòng Tư pháp", UnitKind.DEPARTMENT, "office", 9),
    ("kinh-te", "Phòng Kinh tế quận Cẩm Lệ", "Phòng Kinh tế", UnitKind.DEPARTMENT, "office", 9),
    ("thanh-tra", "Thanh tra quận Cẩm Lệ", "Thanh tra quận", UnitKind.DEPARTMENT,
     "inspectorate", 9),
    ("y-te", "Phòng Y tế quận Cẩm Lệ", "Phòng Y tế", UnitKind.DEPARTMENT, "office", 9),
)  # fmt: skip

# District public service units (their heads reward their own staff): (code, name, profile,
# headcount).
PUBLIC_UNITS = (
    ("trung-tam-van-hoa", "Trung tâm Văn hóa – Thể thao quận Cẩm Lệ", "culture_centre", 10),
    ("doi-kiem-tra", "Đội Kiểm tra quy tắc đô thị quận Cẩm Lệ", "inspection_team", 12),
    ("ban-quan-ly-cho", "Ban Quản lý các chợ quận Cẩm Lệ", "market_board", 10),
    ("dai-truyen-thanh", "Đài Truyền thanh quận Cẩm Lệ", "radio", 9),
    ("ban-quan-ly-du-an", "Ban Quản lý dự án đầu tư xây dựng quận Cẩm Lệ", "project_board", 10),
)

# District mass organisations: (code, name, short name, profile, headcount).
ASSOCIATIONS = (
    ("mat-tran", "Ủy ban Mặt trận Tổ quốc Việt Nam quận Cẩm Lệ", "Ủy ban MTTQ Việt Nam quận",
     "front", 9),
    ("phu-nu", "Hội Liên hiệp Phụ nữ quận Cẩm Lệ", "Hội LHPN quận", "women_union", 8),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh quận Cẩm Lệ", "Quận đoàn Cẩm Lệ",
     "youth_union", 8),
    ("cuu-chien-binh", "Hội Cựu chiến binh quận Cẩm Lệ", "Hội CCB quận", "veterans", 8),
    ("nong-dan", "Hội Nông dân quận Cẩm Lệ", "Hội Nông dân quận", "farmers", 7),
)  # fmt: skip

# Schools (invented names): (code, name, profile, headcount).
SCHOOLS = (
    ("thcs-nguyen-cong-tru", "Trường THCS Nguyễn Công Trứ", "school_lower_secondary", 48),
    ("thcs-tran-quy-cap", "Trường THCS Trần Quý Cáp", "school_lower_secondary", 44),
    ("thcs-nguyen-thien-thuat", "Trường THCS Nguyễn Thiện Thuật", "school_lower_secondary", 40),
    ("th-ho-tung-mau", "Trường Tiểu học Hồ Tùng Mậu", "school_primary", 38),
    ("th-nguyen-van-troi", "Trường Tiểu học Nguyễn Văn Trỗi", "school_primary", 40),
    ("th-tran-nhan-tong", "Trường Tiểu học Trần Nhân Tông", "school_primary", 36),
    ("th-thai-thi-boi", "Trường Tiểu học Thái Thị Bôi", "school_primary", 34),
    ("mn-son-ca", "Trường Mầm non Sơn Ca", "school_kindergarten", 30),
    ("mn-hoa-phuong", "Trường Mầm non Hoa Phượng", "school_kindergarten", 28),
    ("mn-tuoi-tho", "Trường Mầm non Tuổi Thơ", "school_kindergarten", 26),
)

# Enterprises (invented): (code, name, short name, sector, profile, headcount).
ENTERPRISES = (
    ("cty-moi-truong", "Công ty TNHH MTV Môi trường – Cây xanh Cẩm Lệ",
     "Công ty Môi trường – Cây xanh Cẩm Lệ", Sector.STATE, "enterprise_sanitation", 70),
    ("cty-may-thien-phu", "Công ty TNHH May mặc Thiên Phú", "May Thiên Phú", Sector.NON_STATE,
     "enterprise_garment", 85),
    ("cty-xay-dung-phong-le", "Công ty Cổ phần Xây dựng và Thương mại Phong Lệ",
     "Xây dựng Phong Lệ", Sector.NON_STATE, "enterprise_construction", 50),
    ("cty-co-khi-hoa-cam", "Công ty TNHH Cơ khí Hòa Cầm", "Cơ khí Hòa Cầm", Sector.NON_STATE,
     "enterprise_mechanical", 35),
    ("cty-thuc-pham-cau-do", "Công ty Cổ phần Chế biến thực phẩm Cầu Đỏ", "Thực phẩm Cầu Đỏ",
     Sector.NON_STATE, "enterprise_food", 45),
    ("cty-van-tai-binh-minh", "Công ty TNHH Vận tải Bình Minh", "Vận tải Bình Minh",
     Sector.NON_STATE, "enterprise_transport", 30),
)  # fmt: skip


def build_units() -> list[UnitSpec]:
    """Every unit, parents before children."""
    units: list[UnitSpec] = [
        UnitSpec("da-nang", "Thành phố Đà Nẵng", UnitKind.PROVINCE, None, "TP Đà Nẵng"),
        UnitSpec(
            "cam-le", "Quận Cẩm Lệ", UnitKind.DISTRICT, "da-nang", "Cẩm Lệ",
            valid_to=OLD_END, note=DISTRICT_LEVEL_END,
        ),
    ]  # fmt: skip
    for code, name, short, kind, profile, headcount in OFFICES:
        units.append(
            UnitSpec(
                f"cam-le-{code}", name, kind, "cam-le", short, valid_to=OLD_END, note=OFFICE_END,
                profile=profile, headcount=headcount, district_grants=True, collective=True,
                group="offices",
            )
        )  # fmt: skip
    units.append(
        UnitSpec(
            "cam-le-mot-cua", "Bộ phận Tiếp nhận và Trả kết quả quận Cẩm Lệ", UnitKind.DIVISION,
            "cam-le-van-phong", "Bộ phận Một cửa quận", valid_to=OLD_END, note=OFFICE_END,
            profile="one_stop", headcount=9, district_grants=True, collective=True,
        )
    )  # fmt: skip
    for code, name, profile, headcount in PUBLIC_UNITS:
        units.append(
            UnitSpec(
                f"cam-le-{code}", name, UnitKind.PUBLIC_SERVICE, "cam-le", valid_to=OLD_END,
                note=OFFICE_END, has_legal_status=True, profile=profile, headcount=headcount,
                collective=True,
            )
        )  # fmt: skip
    for code, name, short, profile, headcount in ASSOCIATIONS:
        units.append(
            UnitSpec(
                f"cam-le-{code}", name, UnitKind.ASSOCIATION, "cam-le", short, valid_to=OLD_END,
                note=OFFICE_END, profile=profile, headcount=headcount, collective=True,
            )
        )  # fmt: skip
    for code, name, _successor, neighbourhoods, committee in WARDS:
        ward = f"cam-le-{code}"
        units.append(
            UnitSpec(
                ward, f"Phường {name}", UnitKind.WARD, "cam-le", name, valid_to=OLD_END,
                note=f"Sắp xếp vào phường mới từ ngày 01/7/2025 theo {NQ_1659}.",
                collective=True, group="wards",
            )
        )  # fmt: skip
        units.append(
            UnitSpec(
                f"{ward}-ubnd", f"UBND phường {name}", UnitKind.COMMITTEE_OFFICE, ward,
                valid_to=OLD_END, note="Chấm dứt hoạt động cùng phường từ ngày 01/7/2025.",
                profile="ward_committee", headcount=committee, district_grants=True,
                collective=True,
            )
        )  # fmt: skip
        units.append(
            UnitSpec(
                f"{ward}-mot-cua", f"Bộ phận Tiếp nhận và Trả kết quả phường {name}",
                UnitKind.DIVISION, f"{ward}-ubnd", f"Bộ phận Một cửa phường {name}",
                valid_to=OLD_END, note="Chấm dứt hoạt động cùng phường từ ngày 01/7/2025.",
                profile="ward_one_stop", headcount=8, district_grants=True, collective=True,
            )
        )  # fmt: skip
        units.append(
            UnitSpec(
                f"{ward}-mttq", f"Ủy ban MTTQ Việt Nam phường {name}", UnitKind.ASSOCIATION, ward,
                f"MTTQ phường {name}", valid_to=OLD_END,
                note="Chấm dứt hoạt động cùng phường từ ngày 01/7/2025.", profile="ward_front",
                headcount=8, district_grants=True, collective=True,
            )
        )  # fmt: skip
        units.append(
            UnitSpec(
                f"{ward}-quan-su", f"Ban Chỉ huy Quân sự phường {name}", UnitKind.DIVISION, ward,
                f"BCHQS phường {name}", valid_to=OLD_END,
                note="Chấm dứt hoạt động cùng phường từ ngày 01/7/2025.", profile="ward_military",
                headcount=4, district_grants=True, collective=True,
            )
        )  # fmt: skip
        for number in neighbourhoods:
            units.append(
                UnitSpec(
                    f"{ward}-tdp-{number}", f"Tổ dân phố {number}, phường {name}",
                    UnitKind.NEIGHBOURHOOD, ward, f"Tổ dân phố {number}", valid_to=OLD_END,
                    note=NEIGHBOURHOOD_END, collective=True,
                )
            )  # fmt: skip
    for code, name, profile, headcount in SCHOOLS:
        units.append(
            UnitSpec(
                f"cam-le-{code}", name, UnitKind.PUBLIC_SERVICE, "cam-le", has_legal_status=True,
                note=CONTINUING, profile=profile, headcount=headcount, collective=True,
                group="schools",
            )
        )  # fmt: skip
    units.append(
        UnitSpec(
            "cam-le-trung-tam-y-te", "Trung tâm Y tế quận Cẩm Lệ", UnitKind.PUBLIC_SERVICE,
            "cam-le", "TTYT Cẩm Lệ", has_legal_status=True, note=CONTINUING,
            profile="health_centre", headcount=96, collective=True,
        )
    )  # fmt: skip
    for code, name, short, sector, profile, headcount in ENTERPRISES:
        units.append(
            UnitSpec(
                f"cam-le-{code}", name, UnitKind.ENTERPRISE, "cam-le", short, sector=sector,
                has_legal_status=True, profile=profile, headcount=headcount, collective=True,
                group="enterprises",
            )
        )  # fmt: skip
    # Neighbours that merged with Cẩm Lệ's wards in 2025 (history only, no staff).
    units += [
        UnitSpec("thanh-khe", "Quận Thanh Khê", UnitKind.DISTRICT, "da-nang", "Thanh Khê",
                 valid_to=OLD_END, note=DISTRICT_LEVEL_END),
        UnitSpec("thanh-khe-an-khe", "Phường An Khê", UnitKind.WARD, "thanh-khe",
                 "An Khê (Thanh Khê)", valid_to=OLD_END,
                 note=f"Sắp xếp vào Phường An Khê mới từ ngày 01/7/2025 theo {NQ_1659}."),
        UnitSpec("hoa-vang", "Huyện Hòa Vang", UnitKind.DISTRICT, "da-nang", "Hòa Vang",
                 valid_to=OLD_END, note=DISTRICT_LEVEL_END),
        UnitSpec("hoa-vang-hoa-chau", "Xã Hòa Châu", UnitKind.WARD, "hoa-vang", "Hòa Châu",
                 valid_to=OLD_END, note=TO_HOA_XUAN),
        UnitSpec("hoa-vang-hoa-phuoc", "Xã Hòa Phước", UnitKind.WARD, "hoa-vang", "Hòa Phước",
                 valid_to=OLD_END, note=TO_HOA_XUAN),
    ]  # fmt: skip
    # The wards of the two-tier city from 1 July 2025.
    for code, name in (
        ("phuong-cam-le", "Cẩm Lệ"),
        ("phuong-an-khe", "An Khê"),
        ("phuong-hoa-xuan", "Hòa Xuân"),
    ):
        units.append(
            UnitSpec(
                code, f"Phường {name}", UnitKind.WARD, "da-nang", name, valid_from=NEW_START,
                note=f"Thành lập từ ngày 01/7/2025 theo {NQ_1659}.",
            )
        )  # fmt: skip
        units.append(
            UnitSpec(
                f"{code}-ubnd", f"UBND phường {name}", UnitKind.COMMITTEE_OFFICE, code,
                valid_from=NEW_START, has_legal_status=True,
            )
        )  # fmt: skip
    return units


def build_successions() -> list[Succession]:
    links: list[Succession] = []
    for code, _name, successor, _neighbourhoods, _committee in WARDS:
        note = HOA_XUAN_NOTE if successor == "phuong-hoa-xuan" else ""
        links.append(Succession(f"cam-le-{code}", successor, note))
        links.append(
            Succession(
                f"cam-le-{code}-ubnd",
                f"{successor}-ubnd",
                "UBND phường mới tiếp nhận nhiệm vụ, hồ sơ và công chức của UBND phường cũ.",
            )
        )
    links.append(Succession("thanh-khe-an-khe", "phuong-an-khe"))
    links.append(Succession("hoa-vang-hoa-chau", "phuong-hoa-xuan", HOA_XUAN_NOTE))
    links.append(Succession("hoa-vang-hoa-phuoc", "phuong-hoa-xuan", HOA_XUAN_NOTE))
    return links
