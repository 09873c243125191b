"""What the district granted at each year-end review, and when it signed the decisions.

2017 is the figure of the district's 2017 review conference (product-brief.md); 2015 and 2016
are of the same size. The register of each year must hold exactly these granted awards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tdkt.demo.dataset import Counts

ISSUER = "Chủ tịch UBND quận Cẩm Lệ"
CLOSED_YEARS = (2015, 2016, 2017)
OPEN_YEAR = 2018
OPEN_YEAR_GRADED_SHARE = 0.3

# The order decisions are numbered in on the conference day.
AWARD_ORDER = (
    "tap_the_ldtt",
    "lao_dong_tien_tien",
    "cstd_co_so",
    "giay_khen_ct_huyen",
    "htxs_nhiem_vu",
    "don_vi_tieu_bieu",
)


@dataclass(frozen=True)
class YearTarget:
    year: int
    decision_date: dt.date
    first_number: int  # number of the first decision that day ("15/QĐ-UBND")
    tap_the_ldtt: int
    giay_khen_collective: int
    cstd_co_so: int
    giay_khen_individual: int
    lao_dong_tien_tien: int
    htxs_collective: int
    htxs_individual: int
    don_vi_tieu_bieu: int
    reprimands: int  # disciplinary actions of the year: khiển trách ...
    warnings: int  # ... and cảnh cáo

    def counts(self) -> Counts:
        """The year's granted awards, in the shape awards.queries.count_by_award gives."""
        return {
            "cstd_co_so": {"collective": 0, "individual": self.cstd_co_so},
            "don_vi_tieu_bieu": {"collective": self.don_vi_tieu_bieu, "individual": 0},
            "giay_khen_ct_huyen": {
                "collective": self.giay_khen_collective,
                "individual": self.giay_khen_individual,
            },
            "htxs_nhiem_vu": {
                "collective": self.htxs_collective,
                "individual": self.htxs_individual,
            },
            "lao_dong_tien_tien": {"collective": 0, "individual": self.lao_dong_tien_tien},
            "tap_the_ldtt": {"collective": self.tap_the_ldtt, "individual": 0},
        }


TARGETS: dict[int, YearTarget] = {
    2015: YearTarget(2015, dt.date(2016, 1, 20), 18, 33, 35, 35, 80, 290, 10, 34, 13, 2, 1),
    2016: YearTarget(2016, dt.date(2017, 1, 17), 21, 34, 37, 36, 85, 297, 10, 36, 14, 3, 1),
    2017: YearTarget(2017, dt.date(2018, 1, 16), 15, 36, 39, 38, 89, 304, 11, 38, 15, 2, 1),
}
OPEN_YEAR_DISCIPLINE = (1, 0)

# The 2016 duplicates revoked in 2017 (legal-rules: one achievement is rewarded once).
THEMATIC_DECISION = ("412/QĐ-UBND", dt.date(2017, 2, 21))
REVOKING_DECISION = ("1126/QĐ-UBND", dt.date(2017, 5, 15))
THEMATIC_ACHIEVEMENT = (
    "Đã có thành tích xuất sắc trong phong trào thi đua “Năm văn minh đô thị” năm 2016"
)
