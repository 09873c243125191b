"""Who works in each kind of unit: posts, their category, and the people who typically hold them.

A profile lists the leading posts (always filled), a few fixed posts, and a weighted mix that
fills the rest of the unit's headcount. `female` is the share of women among holders, `ages`
the age range on 1 January 2015.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tdkt.people.enums import Category

CB, CC, VC, LD, KHAC = (
    Category.OFFICIAL,
    Category.CIVIL_SERVANT,
    Category.PUBLIC_EMPLOYEE,
    Category.WORKER,
    Category.OTHER,
)


@dataclass(frozen=True)
class Post:
    title: str
    category: str
    leader: bool = False
    frontline: bool = False
    female: float = 0.5
    ages: tuple[int, int] = (24, 50)


@dataclass(frozen=True)
class Profile:
    leaders: tuple[tuple[Post, int], ...]  # (post, smallest headcount at which it is filled)
    fixed: tuple[Post, ...] = ()
    mix: tuple[tuple[Post, int], ...] = ()  # (post, weight)

    def posts(self, headcount: int, choose: Callable[[list[Post], list[int]], Post]) -> list[Post]:
        """The posts of a unit of `headcount` people; `choose(posts, weights)` picks one."""
        posts = [post for post, minimum in self.leaders if headcount >= minimum]
        posts += list(self.fixed)
        mix_posts = [post for post, _weight in self.mix]
        weights = [weight for _post, weight in self.mix]
        while len(posts) < headcount:
            posts.append(choose(mix_posts, weights))
        return posts[:headcount]

    @property
    def staff_post(self) -> Post:
        """The common post of the unit, given to people who transfer in."""
        return max(self.mix, key=lambda item: item[1])[0]


def _leaders(*items: tuple[Post, int]) -> tuple[tuple[Post, int], ...]:
    return items


OFFICER = Post("Chuyên viên", CC, female=0.5, ages=(24, 50))
CONTRACT = Post("Nhân viên hợp đồng", LD, female=0.5, ages=(22, 45))

PROFILES: dict[str, Profile] = {
    "committee_office": Profile(
        _leaders(
            (Post("Chánh Văn phòng", CC, True, female=0.3, ages=(42, 54)), 1),
            (Post("Phó Chánh Văn phòng", CC, True, female=0.4, ages=(36, 50)), 1),
            (Post("Phó Chánh Văn phòng", CC, True, female=0.4, ages=(36, 50)), 10),
        ),
        (Post("Văn thư", CC, female=0.8), Post("Kế toán", CC, female=0.7)),
        (
            (OFFICER, 6),
            (Post("Lái xe", LD, frontline=True, female=0.0, ages=(25, 50)), 2),
            (Post("Nhân viên phục vụ", LD, frontline=True, female=0.8, ages=(25, 48)), 1),
        ),
    ),
    "office": Profile(
        _leaders(
            (Post("Trưởng phòng", CC, True, female=0.35, ages=(40, 54)), 1),
            (Post("Phó Trưởng phòng", CC, True, female=0.45, ages=(34, 50)), 1),
            (Post("Phó Trưởng phòng", CC, True, female=0.45, ages=(34, 50)), 10),
        ),
        (),
        ((OFFICER, 8), (CONTRACT, 1)),
    ),
    "inspectorate": Profile(
        _leaders(
            (Post("Chánh Thanh tra", CC, True, female=0.25, ages=(42, 54)), 1),
            (Post("Phó Chánh Thanh tra", CC, True, female=0.4, ages=(36, 50)), 1),
        ),
        (),
        ((Post("Thanh tra viên", CC, female=0.45, ages=(27, 50)), 6), (OFFICER, 2)),
    ),
    "one_stop": Profile(
        _leaders((Post("Phụ trách Bộ phận Tiếp nhận và Trả kết quả", CC, True, ages=(32, 50)), 1)),
        (),
        ((Post("Công chức tiếp nhận và trả kết quả", CC, female=0.65, ages=(23, 45)), 1),),
    ),
    "culture_centre": Profile(
        _leaders(
            (Post("Giám đốc", VC, True, female=0.4, ages=(40, 54)), 1),
            (Post("Phó Giám đốc", VC, True, female=0.5, ages=(34, 50)), 1),
        ),
        (Post("Kế toán", VC, female=0.8),),
        (
            (Post("Viên chức tuyên truyền, văn nghệ", VC, female=0.6, ages=(23, 48)), 3),
            (Post("Huấn luyện viên thể thao", VC, frontline=True, female=0.3, ages=(24, 45)), 1),
            (Post("Nhân viên kỹ thuật âm thanh, ánh sáng", LD, frontline=True, female=0.1), 1),
        ),
    ),
    "inspection_team": Profile(
        _leaders(
            (Post("Đội trưởng", VC, True, female=0.1, ages=(38, 52)), 1),
            (Post("Đội phó", VC, True, female=0.15, ages=(32, 50)), 1),
            (Post("Đội phó", VC, True, female=0.15, ages=(32, 50)), 10),
        ),
        (),
        ((Post("Đội viên", LD, frontline=True, female=0.15, ages=(22, 45)), 1),),
    ),
    "market_board": Profile(
        _leaders(
            (Post("Trưởng ban", VC, True, female=0.35, ages=(40, 54)), 1),
            (Post("Phó Trưởng ban", VC, True, female=0.45, ages=(34, 50)), 1),
        ),
        (Post("Kế toán", VC, female=0.8),),
        (
            (Post("Nhân viên thu phí chợ", LD, frontline=True, female=0.6, ages=(24, 50)), 2),
            (Post("Nhân viên bảo vệ chợ", LD, frontline=True, female=0.0, ages=(25, 52)), 1),
            (Post("Nhân viên vệ sinh chợ", LD, frontline=True, female=0.8, ages=(25, 50)), 1),
        ),
    ),
    "radio": Profile(
        _leaders(
            (Post("Trưởng đài", VC, True, female=0.3, ages=(40, 54)), 1),
            (Post("Phó Trưởng đài", VC, True, female=0.5, ages=(34, 50)), 1),
        ),
        (),
        (
            (Post("Phóng viên, biên tập viên", VC, female=0.55, ages=(23, 48)), 2),
            (Post("Kỹ thuật viên truyền thanh", VC, frontline=True, female=0.1), 1),
        ),
    ),
    "project_board": Profile(
        _leaders(
            (Post("Giám đốc", VC, True, female=0.2, ages=(40, 54)), 1),
            (Post("Phó Giám đốc", VC, True, female=0.3, ages=(34, 50)), 1),
        ),
        (Post("Kế toán", VC, female=0.8),),
        ((Post("Cán bộ kỹ thuật", VC, female=0.2, ages=(24, 50)), 1),),
    ),
    "front": Profile(
        _leaders(
            (Post("Chủ tịch Ủy ban MTTQ Việt Nam quận", CB, True, female=0.3, ages=(45, 54)), 1),
            (Post("Phó Chủ tịch Ủy ban MTTQ Việt Nam quận", CB, True, ages=(38, 52)), 1),
            (Post("Phó Chủ tịch Ủy ban MTTQ Việt Nam quận", CB, True, ages=(38, 52)), 8),
        ),
        (),
        ((OFFICER, 1),),
    ),
    "women_union": Profile(
        _leaders(
            (Post("Chủ tịch Hội Liên hiệp Phụ nữ quận", CB, True, female=1.0, ages=(38, 50)), 1),
            (Post("Phó Chủ tịch Hội Liên hiệp Phụ nữ quận", CB, True, female=1.0), 1),
        ),
        (),
        ((Post("Chuyên viên", CC, female=0.95, ages=(24, 45)), 1),),
    ),
    "youth_union": Profile(
        _leaders(
            (Post("Bí thư Quận đoàn", CB, True, female=0.4, ages=(28, 34)), 1),
            (Post("Phó Bí thư Quận đoàn", CB, True, female=0.5, ages=(26, 32)), 1),
            (Post("Phó Bí thư Quận đoàn", CB, True, female=0.5, ages=(26, 32)), 8),
        ),
        (),
        ((Post("Chuyên viên", CC, female=0.5, ages=(23, 30)), 1),),
    ),
    "veterans": Profile(
        _leaders(
            (Post("Chủ tịch Hội Cựu chiến binh quận", CB, True, female=0.0, ages=(50, 57)), 1),
            (Post("Phó Chủ tịch Hội Cựu chiến binh quận", CB, True, female=0.0, ages=(48, 57)), 1),
        ),
        (),
        ((Post("Chuyên viên", CC, female=0.3, ages=(28, 50)), 1),),
    ),
    "farmers": Profile(
        _leaders(
            (Post("Chủ tịch Hội Nông dân quận", CB, True, female=0.2, ages=(42, 55)), 1),
            (Post("Phó Chủ tịch Hội Nông dân quận", CB, True, female=0.3, ages=(36, 52)), 1),
        ),
        (),
        ((OFFICER, 1),),
    ),
    "ward_committee": Profile(
        _leaders(
            (Post("Chủ tịch UBND phường", CB, True, female=0.25, ages=(38, 54)), 1),
            (Post("Phó Chủ tịch UBND phường", CB, True, female=0.35, ages=(33, 50)), 1),
            (Post("Phó Chủ tịch UBND phường", CB, True, female=0.35, ages=(33, 50)), 1),
        ),
        (
            Post("Công chức Văn phòng – Thống kê", CC, female=0.6),
            Post("Công chức Văn phòng – Thống kê", CC, female=0.6),
            Post("Công chức Địa chính – Xây dựng – Đô thị và Môi trường", CC, female=0.3),
            Post("Công chức Địa chính – Xây dựng – Đô thị và Môi trường", CC, female=0.3),
            Post("Công chức Tài chính – Kế toán", CC, female=0.7),
            Post("Công chức Tư pháp – Hộ tịch", CC, female=0.55),
            Post("Công chức Văn hóa – Xã hội", CC, female=0.55),
            Post("Công chức Văn hóa – Xã hội", CC, female=0.55),
        ),
        (
            (Post("Người hoạt động không chuyên trách", KHAC, female=0.5, ages=(25, 52)), 2),
            (CONTRACT, 1),
        ),
    ),
    "ward_one_stop": Profile(
        _leaders(
            (Post("Phụ trách Bộ phận Một cửa phường", CC, True, ages=(30, 50)), 1),
        ),
        (
            Post("Công chức Tư pháp – Hộ tịch", CC, female=0.55),
            Post("Công chức Địa chính – Xây dựng – Đô thị và Môi trường", CC, female=0.3),
            Post("Công chức Văn hóa – Xã hội (lao động, thương binh và xã hội)", CC, female=0.6),
        ),
        ((Post("Công chức tiếp nhận và trả kết quả", CC, female=0.65, ages=(23, 45)), 1),),
    ),
    "ward_front": Profile(
        _leaders(
            (Post("Chủ tịch Ủy ban MTTQ Việt Nam phường", CB, True, female=0.4, ages=(40, 54)), 1),
            (Post("Phó Chủ tịch Ủy ban MTTQ Việt Nam phường", KHAC, True, ages=(35, 54)), 1),
        ),
        (
            Post("Chủ tịch Hội Liên hiệp Phụ nữ phường", CB, female=1.0, ages=(30, 50)),
            Post("Bí thư Đoàn phường", CB, female=0.45, ages=(24, 29)),
            Post("Chủ tịch Hội Cựu chiến binh phường", CB, female=0.0, ages=(48, 57)),
            Post("Chủ tịch Hội Nông dân phường", CB, female=0.3, ages=(35, 54)),
        ),
        (
            (Post("Phó Chủ tịch Hội Liên hiệp Phụ nữ phường", KHAC, female=1.0), 1),
            (Post("Phó Bí thư Đoàn phường", KHAC, female=0.5, ages=(22, 29)), 1),
            (Post("Phó Chủ tịch Hội Cựu chiến binh phường", KHAC, female=0.0, ages=(45, 57)), 1),
        ),
    ),
    "ward_military": Profile(
        _leaders(
            (Post("Chỉ huy trưởng Ban Chỉ huy Quân sự phường", CC, True, female=0.0), 1),
            (Post("Chỉ huy phó Ban Chỉ huy Quân sự phường", KHAC, True, female=0.0), 1),
        ),
        (),
        (
            (Post("Trung đội trưởng dân quân cơ động", KHAC, female=0.0, ages=(25, 45)), 1),
            (Post("Dân quân thường trực", KHAC, frontline=True, female=0.05, ages=(20, 30)), 1),
        ),
    ),
}


def _school(teacher_female: float, kindergarten: bool = False) -> Profile:
    head_female = 1.0 if kindergarten else 0.55
    fixed: tuple[Post, ...] = (
        Post("Kế toán", VC, female=0.9),
        Post("Bảo vệ", LD, frontline=True, female=0.0, ages=(30, 55)),
    )
    if kindergarten:
        cook = Post("Nhân viên nấu ăn", LD, frontline=True, female=0.95, ages=(25, 50))
        fixed += (cook, cook, cook)
    else:
        fixed += (
            Post("Văn thư", VC, female=0.9),
            Post("Nhân viên thư viện", VC, female=0.9),
            Post("Nhân viên y tế trường học", VC, female=0.9),
        )
    return Profile(
        _leaders(
            (Post("Hiệu trưởng", VC, True, female=head_female, ages=(42, 54)), 1),
            (Post("Phó Hiệu trưởng", VC, True, female=head_female, ages=(35, 50)), 1),
            (Post("Phó Hiệu trưởng", VC, True, female=head_female, ages=(35, 50)), 36),
        ),
        fixed,
        ((Post("Giáo viên", VC, frontline=True, female=teacher_female, ages=(22, 52)), 1),),
    )


PROFILES["school_lower_secondary"] = _school(0.72)
PROFILES["school_primary"] = _school(0.88)
PROFILES["school_kindergarten"] = _school(1.0, kindergarten=True)

PROFILES["health_centre"] = Profile(
    _leaders(
        (Post("Giám đốc", VC, True, female=0.3, ages=(45, 54)), 1),
        (Post("Phó Giám đốc", VC, True, female=0.4, ages=(40, 52)), 1),
        (Post("Phó Giám đốc", VC, True, female=0.4, ages=(40, 52)), 1),
        (Post("Trưởng khoa Khám bệnh", VC, True, frontline=True, ages=(38, 54)), 1),
        (Post("Trưởng khoa Kiểm soát bệnh tật", VC, True, ages=(38, 54)), 1),
        (Post("Trưởng khoa Y tế công cộng và An toàn thực phẩm", VC, True, ages=(38, 54)), 1),
        (Post("Trưởng phòng Tổ chức – Hành chính", VC, True, female=0.6, ages=(38, 54)), 1),
    ),
    (Post("Kế toán", VC, female=0.8), Post("Kế toán", VC, female=0.8)),
    (
        (Post("Bác sĩ", VC, frontline=True, female=0.5, ages=(26, 54)), 18),
        (Post("Điều dưỡng", VC, frontline=True, female=0.85, ages=(22, 50)), 28),
        (Post("Y sĩ", VC, frontline=True, female=0.6, ages=(24, 52)), 10),
        (Post("Hộ sinh", VC, frontline=True, female=1.0, ages=(23, 50)), 7),
        (Post("Dược sĩ", VC, female=0.7, ages=(24, 50)), 5),
        (Post("Kỹ thuật viên xét nghiệm", VC, frontline=True, female=0.7, ages=(23, 48)), 5),
        (Post("Hộ lý", LD, frontline=True, female=0.9, ages=(25, 50)), 3),
        (Post("Lái xe cứu thương", LD, frontline=True, female=0.0, ages=(28, 52)), 2),
    ),
)


def _enterprise(*mix: tuple[Post, int]) -> Profile:
    return Profile(
        _leaders(
            (Post("Giám đốc", LD, True, female=0.25, ages=(38, 56)), 1),
            (Post("Phó Giám đốc", LD, True, female=0.3, ages=(32, 52)), 1),
        ),
        (
            Post("Kế toán trưởng", LD, female=0.8, ages=(30, 52)),
            Post("Nhân viên hành chính – nhân sự", LD, female=0.7, ages=(24, 45)),
        ),
        mix,
    )


PROFILES["enterprise_garment"] = _enterprise(
    (Post("Công nhân may", LD, frontline=True, female=0.88, ages=(19, 45)), 12),
    (Post("Tổ trưởng chuyền may", LD, frontline=True, female=0.8, ages=(28, 48)), 1),
    (Post("Nhân viên kiểm tra chất lượng", LD, female=0.8, ages=(22, 45)), 1),
)
PROFILES["enterprise_construction"] = _enterprise(
    (Post("Công nhân xây dựng", LD, frontline=True, female=0.03, ages=(19, 50)), 8),
    (Post("Kỹ sư xây dựng", LD, female=0.1, ages=(24, 50)), 2),
    (Post("Đội trưởng thi công", LD, frontline=True, female=0.0, ages=(30, 52)), 1),
)
PROFILES["enterprise_mechanical"] = _enterprise(
    (Post("Công nhân cơ khí", LD, frontline=True, female=0.05, ages=(19, 50)), 8),
    (Post("Kỹ sư cơ khí", LD, female=0.1, ages=(24, 50)), 2),
)
PROFILES["enterprise_food"] = _enterprise(
    (Post("Công nhân chế biến thực phẩm", LD, frontline=True, female=0.7, ages=(19, 48)), 8),
    (Post("Nhân viên kinh doanh", LD, female=0.5, ages=(22, 40)), 2),
    (Post("Nhân viên kiểm nghiệm", LD, female=0.7, ages=(23, 45)), 1),
)
PROFILES["enterprise_transport"] = _enterprise(
    (Post("Lái xe", LD, frontline=True, female=0.0, ages=(25, 52)), 6),
    (Post("Nhân viên điều hành vận tải", LD, female=0.6, ages=(22, 45)), 1),
    (Post("Thợ sửa chữa ô tô", LD, frontline=True, female=0.0, ages=(22, 50)), 1),
)
PROFILES["enterprise_sanitation"] = _enterprise(
    (Post("Công nhân vệ sinh môi trường", LD, frontline=True, female=0.6, ages=(22, 52)), 6),
    (Post("Công nhân cây xanh", LD, frontline=True, female=0.2, ages=(22, 52)), 3),
    (Post("Lái xe chuyên dùng", LD, frontline=True, female=0.0, ages=(25, 52)), 2),
    (Post("Kỹ thuật viên", LD, female=0.2, ages=(24, 48)), 1),
)
