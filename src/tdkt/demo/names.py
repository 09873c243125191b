"""Vietnamese personal names for the demo, weighted roughly as they occur in Đà Nẵng.

Family names follow the national frequency order (Nguyễn far ahead, then Trần, Lê, Phạm ...),
shifted towards the central provinces where Huỳnh, Võ, Hồ and Trương are commoner than in the
North. Weights are relative; they are not statistics. Tones are placed the way official
documents print them ("Hòa", "Thủy"); every name passes through clean_text (NFC) anyway.
"""

from __future__ import annotations

import random

from tdkt.common.text import clean_text

# (name, weight)
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 330), ("Trần", 100), ("Lê", 95), ("Võ", 50), ("Phạm", 45), ("Huỳnh", 45),
    ("Phan", 45), ("Hồ", 30), ("Trương", 25), ("Đặng", 22), ("Ngô", 18), ("Bùi", 15),
    ("Đỗ", 15), ("Đoàn", 15), ("Hoàng", 12), ("Dương", 12), ("Đinh", 12), ("Lương", 10),
    ("Vũ", 8), ("Mai", 8), ("Thái", 8), ("Cao", 8), ("Châu", 6), ("Văn", 6), ("Lâm", 6),
    ("Hà", 6), ("Lý", 5), ("Tô", 5), ("Tạ", 3), ("Phùng", 3), ("Ông", 3), ("Lưu", 4),
)  # fmt: skip

MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 30), ("Hữu", 8), ("Đức", 8), ("Minh", 7), ("Tấn", 7), ("Quang", 6), ("Công", 6),
    ("Thanh", 6), ("Ngọc", 5), ("Đình", 5), ("Quốc", 5), ("Xuân", 4), ("Bá", 3), ("Anh", 3),
    ("Duy", 3), ("Hoàng", 3), ("Phước", 3), ("Trọng", 3), ("Thành", 2), ("Viết", 2),
    ("Nhật", 2), ("Trung", 2), ("Gia", 1), ("Như", 1),
)  # fmt: skip

FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 45), ("Ngọc", 8), ("Thanh", 6), ("Thu", 5), ("Kim", 4), ("Minh", 3), ("Bích", 3),
    ("Hồng", 3), ("Phương", 3), ("Mỹ", 3), ("Thùy", 3), ("Hoài", 2), ("Diệu", 2), ("Khánh", 2),
    ("Bảo", 2), ("Quỳnh", 2), ("Xuân", 2), ("Lệ", 2), ("Như", 2), ("Ánh", 1),
)  # fmt: skip

# A second middle word after "Thị" or "Văn" ("Nguyễn Thị Thu Hà", "Lê Văn Minh Tuấn").
FEMALE_SECOND_MIDDLE = ("Thu", "Thanh", "Kim", "Ngọc", "Bích", "Mỹ", "Hồng", "Minh", "Diệu", "Xuân")
MALE_SECOND_MIDDLE = ("Minh", "Thanh", "Ngọc", "Quốc", "Anh")

MALE_GIVEN = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Chính", "Công", "Cảnh", "Dũng", "Duy",
    "Dương", "Đạt", "Định", "Đông", "Đức", "Giang", "Hải", "Hào", "Hiếu", "Hiển", "Hòa",
    "Hoàng", "Hùng", "Huy", "Hưng", "Khải", "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long",
    "Lợi", "Luân", "Lực", "Minh", "Nam", "Nghĩa", "Nhân", "Nhật", "Phong", "Phúc", "Phước",
    "Quang", "Quân", "Quốc", "Quý", "Sang", "Sơn", "Tài", "Tâm", "Tân", "Thành", "Thắng",
    "Thiện", "Thịnh", "Thông", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt",
    "Vinh", "Vũ", "Vương", "Bằng", "Hậu", "Thạch", "Trọng", "Tú",
)  # fmt: skip

FEMALE_GIVEN = (
    "An", "Anh", "Ánh", "Bích", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà",
    "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Hường", "Huyền", "Lan", "Liên", "Linh",
    "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Nguyệt", "Nhung", "Nhi", "Oanh", "Phương",
    "Phượng", "Quyên", "Sương", "Tâm", "Thảo", "Thanh", "Thu", "Thủy", "Thư", "Trang",
    "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến", "Xuân", "Hạ", "Hoài", "Khánh", "Lài",
    "Lệ", "Ngọc", "Nhàn", "Quỳnh", "Tiên", "Trâm", "Thắm", "Thúy", "Vi",
)  # fmt: skip


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    names = [name for name, _weight in table]
    weights = [weight for _name, weight in table]
    return rng.choices(names, weights=weights, k=1)[0]


def make_name(rng: random.Random, female: bool) -> str:
    """A full name "Family Middle [Middle] Given" in NFC."""
    family = _weighted(rng, FAMILY_NAMES)
    if female:
        middle = _weighted(rng, FEMALE_MIDDLE)
        if middle == "Thị" and rng.random() < 0.22:
            middle = f"Thị {rng.choice(FEMALE_SECOND_MIDDLE)}"
        given = rng.choice(FEMALE_GIVEN)
    else:
        middle = _weighted(rng, MALE_MIDDLE)
        if middle == "Văn" and rng.random() < 0.05:
            middle = f"Văn {rng.choice(MALE_SECOND_MIDDLE)}"
        given = rng.choice(MALE_GIVEN)
    while middle.split(" ")[-1] == given:  # no "Nguyễn Thị Thu Thu"
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    return clean_text(f"{family} {middle} {given}")
