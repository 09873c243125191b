"""The award register of 2015–2017: who the district chair rewarded, chosen so that every award
meets the rules in force on its decision date and each year's totals are exactly the targets.

Order of choice for a year:
1. advanced collectives (tap_the_ldtt) among the units whose staff the district rewards: own
   grade at least "good", nobody warned (cảnh cáo) or worse, and enough eligible members for a
   majority of advanced workers;
2. advanced workers: that majority in each advanced collective, then more where the 15 % cap
   of grassroots emulation fighters needs it, then the rest where most eligible people are
   still without the title; eligible people left over did not register for emulation;
3. grassroots emulation fighters within each unit's 15 % cap, each with a recognised initiative
   (or accepted research) of the year;
4. recognitions for excellent completion, merit certificates and exemplary units, reaching
   schools, enterprises and frontline workers as well.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from tdkt.awards.enums import AwardMethod, AwardStatus
from tdkt.common.enums import DisciplineLevel, Grade, Scope
from tdkt.common.formatting import short_date
from tdkt.common.text import collation_key, name_sort_key
from tdkt.demo.dataset import AwardRow, ContributionRow, PersonRow
from tdkt.demo.money import regime_on, reward_amount
from tdkt.demo.targets import (
    AWARD_ORDER,
    ISSUER,
    REVOKING_DECISION,
    THEMATIC_ACHIEVEMENT,
    THEMATIC_DECISION,
    YearTarget,
)
from tdkt.demo.units import UnitSpec
from tdkt.demo.years import PersonYear, Years, can_excel
from tdkt.organisations.enums import Sector, UnitKind
from tdkt.people.enums import ContributionKind, LeaveKind

T = TypeVar("T")

GOOD_GRADES = (Grade.EXCELLENT, Grade.GOOD)
# Absences that do not count as working time (legal-rules.yaml common_leave_rules).
NON_COUNTING_LEAVE = (LeaveKind.SICK, LeaveKind.UNPAID, LeaveKind.OTHER)
ABSENCE_LIMIT_DAYS = 40  # ND 65/2014 Đ.5 k.6, regime r2014 only
CSTD_SHARE_PERCENT = 15  # ND 91/2017 Đ.9 k.3: at most 15 % of a unit's advanced workers

NOT_REGISTERED = "Không đăng ký thi đua."
TOO_RECENT = "Tuyển dụng ngày {day}: chưa đủ 10 tháng công tác trong năm."
LONG_ABSENCE = (
    "Nghỉ từ 40 ngày làm việc trở lên trong năm: không xét Lao động tiên tiến"
    " (Nghị định 65/2014/NĐ-CP, Điều 5 khoản 6)."
)
LONG_TRAINING = "Đi học từ 1 năm trở lên; đơn vị không đề nghị xét danh hiệu."

ACHIEVEMENTS = {
    "tap_the_ldtt": "Đã hoàn thành tốt nhiệm vụ năm {year}",
    "lao_dong_tien_tien": "Đã hoàn thành tốt nhiệm vụ năm {year}",
    "cstd_co_so": "Đã có thành tích xuất sắc, có sáng kiến được công nhận năm {year}",
    "giay_khen_ct_huyen": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
    "htxs_nhiem_vu": "Hoàn thành xuất sắc nhiệm vụ năm {year}",
    "don_vi_tieu_bieu": "Đơn vị tiêu biểu trong phong trào thi đua yêu nước năm {year}",
}

OFFICE_INITIATIVES = (
    "Giải pháp rút ngắn thời gian giải quyết hồ sơ tại {unit}",
    "Ứng dụng phần mềm quản lý văn bản và điều hành tại {unit}",
    "Giải pháp số hóa hồ sơ lưu trữ tại {unit}",
    "Nâng cao chất lượng tham mưu, tổng hợp báo cáo định kỳ tại {unit}",
    "Quy trình phối hợp giải quyết kiến nghị của công dân tại {unit}",
    "Giải pháp tăng tỷ lệ hồ sơ trực tuyến mức độ 3, 4 tại {unit}",
    "Sổ tay hướng dẫn thủ tục hành chính cho người dân tại {unit}",
    "Đổi mới cách tuyên truyền pháp luật đến các tổ dân phố của {unit}",
)
OFFICE_RESEARCH = (
    "Đề tài: Thực trạng và giải pháp nâng cao chất lượng phục vụ người dân tại {unit}",
    "Đề tài: Đánh giá mức độ hài lòng của người dân với dịch vụ hành chính công tại {unit}",
)
TEACHER_INITIATIVES = (
    "Một số biện pháp rèn kỹ năng đọc cho học sinh lớp {grade}",
    "Một số kinh nghiệm dạy học môn Toán lớp {grade} theo hướng phát triển năng lực",
    "Giải pháp nâng cao hiệu quả công tác chủ nhiệm lớp {grade}",
    "Ứng dụng công nghệ thông tin trong dạy học môn Ngữ văn lớp {grade}",
    "Một số biện pháp giáo dục kỹ năng sống cho học sinh lớp {grade}",
)
KINDERGARTEN_INITIATIVES = (
    "Một số biện pháp giúp trẻ mẫu giáo {age} tuổi phát triển ngôn ngữ",
    "Một số biện pháp giáo dục dinh dưỡng cho trẻ mẫu giáo {age} tuổi",
    "Làm đồ dùng dạy học từ nguyên liệu tái chế cho trẻ {age} tuổi",
)
HEALTH_RESEARCH = (
    "Đề tài: Khảo sát tỷ lệ tăng huyết áp ở người trên 60 tuổi tại {ward}",
    "Đề tài: Đánh giá tỷ lệ tiêm chủng đầy đủ ở trẻ dưới 1 tuổi tại {ward}",
    "Đề tài: Thực trạng sốt xuất huyết và giải pháp phòng chống tại {ward}",
)
WARD_NAMES = ("phường Khuê Trung", "phường Hòa Phát", "phường Hòa An", "phường Hòa Thọ Tây",
              "phường Hòa Thọ Đông", "phường Hòa Xuân")  # fmt: skip


def cstd_cap(advanced_workers: int) -> int:
    """At most 15 % of a unit's advanced workers, rounded down."""
    return CSTD_SHARE_PERCENT * advanced_workers // 100


def _next_cap_step(advanced_workers: int) -> int:
    """The smallest number of advanced workers that allows one more emulation fighter."""
    wanted = cstd_cap(advanced_workers) + 1
    return -(-wanted * 100 // CSTD_SHARE_PERCENT)


class RegisterError(RuntimeError):
    """The generated year cannot carry the target numbers (never with the default seed)."""


class Register:
    def __init__(
        self,
        rng: random.Random,
        units: list[UnitSpec],
        people: list[PersonRow],
        years: Years,
    ) -> None:
        self.rng = rng
        self.units = {unit.code: unit for unit in units}
        self.people = people
        self.years = years
        self.awards: list[AwardRow] = []
        self.contributions: list[ContributionRow] = []

    # -- helpers -------------------------------------------------------------------------
    def _weighted_pick(
        self, items: Sequence[T], count: int, weight: Callable[[T], float]
    ) -> list[T]:
        """`count` items without replacement, heavier ones likelier (Efraimidis–Spirakis)."""
        if count > len(items):
            raise RegisterError(f"cần {count}, chỉ có {len(items)} ứng viên")
        keyed = [
            (self.rng.random() ** (1.0 / weight(item)), index) for index, item in enumerate(items)
        ]
        keyed.sort(reverse=True)
        return [items[index] for _key, index in keyed[:count]]

    def _hard_block(self, record: PersonYear, regime: str) -> str | None:
        """What keeps `record` from the title whatever the grade; None if nothing ("" = no note)."""
        person = self.people[record.person]
        if record.person in self.years.disciplined(record.year):
            return ""
        if person.recruited_on > dt.date(record.year, 3, 1):
            return TOO_RECENT.format(day=short_date(person.recruited_on))
        if record.leave_kind == LeaveKind.TRAINING_LONG:
            return LONG_TRAINING
        if (
            regime == "r2014"
            and record.leave_kind in NON_COUNTING_LEAVE
            and record.leave_days >= ABSENCE_LIMIT_DAYS
        ):
            return LONG_ABSENCE
        return None

    # -- one year --------------------------------------------------------------------------
    def grant_year(self, target: YearTarget) -> None:
        year = target.year
        regime = regime_on(target.decision_date)
        records = self.years.records[year]
        disciplined = self.years.disciplined(year)
        unit_grades = self.years.unit_grades[year]

        # People of the units whose staff the district rewards. `possible`: nothing but the
        # grade stands in the way; `eligible`: the grade is good enough too.
        members: dict[str, list[PersonYear]] = {}
        for _key, record in sorted(records.items()):
            if self.units[record.unit].district_grants:
                members.setdefault(record.unit, []).append(record)
        possible: dict[str, list[PersonYear]] = {}
        eligible: dict[str, list[PersonYear]] = {}
        for code, group in members.items():
            possible[code], eligible[code] = [], []
            for record in group:
                block = self._hard_block(record, regime)
                if block is None:
                    possible[code].append(record)
                    if record.grade in GOOD_GRADES:
                        eligible[code].append(record)
                else:
                    record.note = block

        # 1-2. Advanced collectives and how many advanced workers each unit gets.
        warned = {
            records[person].unit
            for person, level in disciplined.items()
            if level != DisciplineLevel.REPRIMAND and person in records
        }
        candidates = [
            code
            for code in members
            if code not in warned
            and len(members[code]) >= 3
            and len(possible[code]) > len(members[code]) // 2
        ]
        collectives, count = self._plan_counts(
            year, target, members, possible, eligible, candidates
        )
        # The data are made to fit the story: a chosen collective had at least a good year,
        # and the few advanced workers a unit needs beyond its good-graded staff were graded
        # "good" rather than "pass".
        for code in collectives:
            if unit_grades[code] not in GOOD_GRADES:
                unit_grades[code] = Grade.GOOD
        advanced: list[PersonYear] = []
        for code in members:
            natural = eligible[code]
            if count[code] <= len(natural):
                chosen = self.rng.sample(natural, count[code])
            else:
                keys = {record.person for record in natural}
                others = [record for record in possible[code] if record.person not in keys]
                raised = self.rng.sample(others, count[code] - len(natural))
                for record in raised:
                    record.grade = Grade.GOOD
                chosen = natural + raised
            advanced += chosen
            keys = {record.person for record in chosen}
            for record in natural:
                if record.person not in keys:
                    record.note = NOT_REGISTERED

        # 3. Grassroots emulation fighters, within each unit's cap, with their initiatives.
        per_unit: dict[str, list[PersonYear]] = {}
        for record in advanced:
            per_unit.setdefault(record.unit, []).append(record)
        fighters_pool: list[PersonYear] = []
        for group in per_unit.values():
            group.sort(key=lambda r: (r.grade != Grade.EXCELLENT, not r.leader, self.rng.random()))
            fighters_pool += group[: cstd_cap(len(group))]
        fighters = self._weighted_pick(
            fighters_pool,
            target.cstd_co_so,
            lambda r: 3.0 if r.grade == Grade.EXCELLENT else 1.0,
        )
        for record in sorted(fighters, key=lambda r: r.person):
            self._contribution(record, for_fighter=True)
        fighter_keys = {record.person for record in fighters}
        over_cap = [
            r for r in advanced if r.person not in fighter_keys and r.grade == Grade.EXCELLENT
        ]
        for record in self._weighted_pick(over_cap, min(4, len(over_cap)), lambda r: 1.0):
            self._contribution(record, for_fighter=False)

        # 4. Individual recognitions and certificates, for everyone in the district.
        all_records = [record for _key, record in sorted(records.items())]
        excellent = [r for r in all_records if r.grade == Grade.EXCELLENT]
        outstanding = self._weighted_pick(
            excellent,
            target.htxs_individual,
            lambda r: (
                (1.6 if not self.units[r.unit].district_grants else 1.0)
                * (1.4 if r.frontline else 1.0)
                * (0.6 if r.leader else 1.0)
            ),
        )
        outstanding_keys = {r.person for r in outstanding}
        certificate_pool = [
            r
            for r in all_records
            if r.grade in GOOD_GRADES
            and r.person not in disciplined
            and r.person not in outstanding_keys
        ]
        certificates = self._weighted_pick(
            certificate_pool,
            target.giay_khen_individual,
            lambda r: (
                (4.0 if r.grade == Grade.EXCELLENT else 1.0)
                * (1.5 if r.frontline else 1.0)
                * (1.6 if self.units[r.unit].sector == Sector.NON_STATE else 1.0)
            ),
        )
        self._extra_contributions(all_records, fighter_keys)

        # 5. Collectives: recognitions, exemplary units, merit certificates.
        excellent_units = [
            code
            for code in unit_grades
            if unit_grades[code] == Grade.EXCELLENT and can_excel(self.units[code])
        ]
        unit_outstanding = self._weighted_pick(
            excellent_units, target.htxs_collective, lambda c: 1.0
        )
        exemplary_pool = [
            code
            for code in unit_grades
            if unit_grades[code] in GOOD_GRADES and code not in unit_outstanding
        ]
        exemplary = self._weighted_pick(
            exemplary_pool,
            target.don_vi_tieu_bieu,
            lambda c: (
                (6.0 if unit_grades[c] == Grade.EXCELLENT else 1.0)
                * (5.0 if self.units[c].kind == UnitKind.WARD else 1.0)
                * (
                    1.5
                    if self.units[c].kind in (UnitKind.NEIGHBOURHOOD, UnitKind.ENTERPRISE)
                    else 1.0
                )
            ),
        )
        certificate_units_pool = [
            code
            for code in unit_grades
            if unit_grades[code] in GOOD_GRADES
            and code not in unit_outstanding
            and code not in exemplary
            and self.units[code].kind != UnitKind.WARD
        ]
        certificate_units = self._weighted_pick(
            certificate_units_pool,
            target.giay_khen_collective,
            lambda c: (
                (2.0 if unit_grades[c] == Grade.EXCELLENT else 1.0)
                * (
                    2.5
                    if self.units[c].kind in (UnitKind.NEIGHBOURHOOD, UnitKind.ENTERPRISE)
                    else 1.0
                )
                * (1.5 if self.units[c].profile.startswith("school") else 1.0)
            ),
        )

        decided: dict[str, tuple[list[str], list[PersonYear]]] = {
            "tap_the_ldtt": (collectives, []),
            "lao_dong_tien_tien": ([], advanced),
            "cstd_co_so": ([], fighters),
            "giay_khen_ct_huyen": (certificate_units, certificates),
            "htxs_nhiem_vu": (unit_outstanding, outstanding),
            "don_vi_tieu_bieu": (exemplary, []),
        }
        for index, code in enumerate(AWARD_ORDER):
            unit_codes, person_records = decided[code]
            number = f"{target.first_number + index}/QĐ-UBND"
            self._decision(
                code,
                year,
                number,
                target.decision_date,
                unit_codes,
                person_records,
                ACHIEVEMENTS[code].format(year=year),
                AwardMethod.REGULAR,
            )

    def _decision(
        self,
        award_code: str,
        year: int,
        number: str,
        day: dt.date,
        unit_codes: Iterable[str],
        person_records: Iterable[PersonYear],
        achievement: str,
        method: str,
        *,
        revoked: tuple[str, dt.date, str] | None = None,
    ) -> None:
        """One decision: collectives first, then individuals, each in Vietnamese name order."""
        units = sorted(unit_codes, key=lambda c: (collation_key(self.units[c].name), c))
        persons = sorted(
            person_records,
            key=lambda r: (
                name_sort_key(self.people[r.person].full_name),
                self.people[r.person].birth_date,
                r.person,
            ),
        )
        status = {}
        if revoked is not None:
            status = {
                "status": AwardStatus.REVOKED,
                "revoked_by_number": revoked[0],
                "revoked_on": revoked[1],
                "revocation_reason": revoked[2],
            }
        register_number = 0
        for code in units:
            register_number += 1
            self.awards.append(
                AwardRow(
                    award_code=award_code,
                    year=year,
                    method=method,
                    decision_number=number,
                    decision_date=day,
                    issuer=ISSUER,
                    register_number=register_number,
                    achievement=achievement,
                    amount_vnd=reward_amount(award_code, "collective", day),
                    unit_at_award=code,
                    unit=code,
                    **status,  # type: ignore[arg-type]
                )
            )
        for record in persons:
            register_number += 1
            self.awards.append(
                AwardRow(
                    award_code=award_code,
                    year=year,
                    method=method,
                    decision_number=number,
                    decision_date=day,
                    issuer=ISSUER,
                    register_number=register_number,
                    achievement=achievement,
                    amount_vnd=reward_amount(award_code, "individual", day),
                    unit_at_award=record.unit,
                    person=record.person,
                    **status,  # type: ignore[arg-type]
                )
            )

    def _plan_counts(
        self,
        year: int,
        target: YearTarget,
        members: dict[str, list[PersonYear]],
        possible: dict[str, list[PersonYear]],
        eligible: dict[str, list[PersonYear]],
        candidates: list[str],
    ) -> tuple[list[str], dict[str, int]]:
        """The advanced collectives, and how many advanced workers each unit gets.

        A collective needs a majority of advanced workers; the emulation-fighter cap needs
        enough advanced workers in some units; the rest of the year's total goes where most
        eligible people are still without the title, so that those who did not register for
        emulation are spread thinly. Units are filled from their good-graded staff first.
        """
        if len(candidates) < target.tap_the_ldtt:
            raise RegisterError(
                f"năm {year}: {len(candidates)} tập thể đủ điều kiện, cần {target.tap_the_ldtt}"
            )
        # Larger units are likelier collectives: a unit left out keeps few advanced workers,
        # and that looks natural only in a small unit.
        collectives = sorted(
            self._weighted_pick(candidates, target.tap_the_ldtt, lambda c: len(members[c]) ** 2)
        )
        count = dict.fromkeys(members, 0)
        for code in collectives:
            count[code] = len(members[code]) // 2 + 1
        order = list(members)
        self.rng.shuffle(order)
        position = {code: index for index, code in enumerate(order)}
        while sum(cstd_cap(n) for n in count.values()) < target.cstd_co_so:
            steps = [
                (
                    _next_cap_step(count[code]) > len(eligible[code]),
                    _next_cap_step(count[code]) - count[code],
                    position[code],
                    code,
                )
                for code in order
                if _next_cap_step(count[code]) <= len(possible[code])
            ]
            if not steps:
                raise RegisterError(
                    f"năm {year}: không đủ người cho {target.cstd_co_so} CSTĐ cơ sở"
                )
            code = min(steps)[3]
            count[code] = _next_cap_step(count[code])
        missing = target.lao_dong_tien_tien - sum(count.values())
        if missing < 0 or missing > sum(len(possible[c]) - count[c] for c in members):
            raise RegisterError(
                f"năm {year}: {sum(count.values())} LĐTT bắt buộc, cần {target.lao_dong_tien_tien}"
            )
        for _one in range(missing):
            code = max(
                (c for c in order if count[c] < len(possible[c])),
                key=lambda c: (
                    (len(eligible[c]) - count[c]) / len(members[c]),
                    -position[c],
                ),
            )
            count[code] += 1
        return collectives, count

    # -- initiatives -----------------------------------------------------------------------
    def _contribution(self, record: PersonYear, *, for_fighter: bool) -> None:
        unit = self.units[record.unit]
        rng = self.rng
        research = rng.random() < 0.15
        provincial = for_fighter and rng.random() < 0.1
        name = unit.short_name or unit.name
        if research:
            title = rng.choice(OFFICE_RESEARCH).format(unit=name)
        else:
            title = rng.choice(OFFICE_INITIATIVES).format(unit=name)
        year = record.year
        if provincial:
            by, number = "Chủ tịch UBND thành phố Đà Nẵng", f"{8900 + year % 100}/QĐ-UBND"
        else:
            by, number = "Chủ tịch UBND quận Cẩm Lệ", f"{6100 + year % 100 * 3}/QĐ-UBND"
        self.contributions.append(
            ContributionRow(
                person=record.person,
                kind=ContributionKind.RESEARCH if research else ContributionKind.INITIATIVE,
                title=title,
                scope=Scope.PROVINCIAL if provincial else Scope.GRASSROOTS,
                year=year,
                recognised_on=dt.date(year, 12, 22 if provincial else 15),
                recognised_by=by,
                decision_number=number,
            )
        )

    def _extra_contributions(self, records: list[PersonYear], skip: set[int]) -> None:
        """Teachers' and doctors' work recognised by their own sector (no award rests on it)."""
        teachers = [
            r
            for r in records
            if self.units[r.unit].profile.startswith("school")
            and r.frontline
            and r.grade in GOOD_GRADES
            and r.person not in skip
        ]
        doctors = [
            r
            for r in records
            if self.units[r.unit].profile == "health_centre"
            and r.frontline
            and r.grade == Grade.EXCELLENT
        ]
        for record in self._weighted_pick(teachers, min(18, len(teachers)), lambda r: 1.0):
            unit = self.units[record.unit]
            if unit.profile == "school_kindergarten":
                title = self.rng.choice(KINDERGARTEN_INITIATIVES).format(age=self.rng.randint(3, 5))
            else:
                grades = (6, 9) if unit.profile == "school_lower_secondary" else (1, 5)
                title = self.rng.choice(TEACHER_INITIATIVES).format(grade=self.rng.randint(*grades))
            self.contributions.append(
                ContributionRow(
                    person=record.person,
                    kind=ContributionKind.INITIATIVE,
                    title=title,
                    scope=Scope.GRASSROOTS,
                    year=record.year,
                    recognised_on=dt.date(record.year + 1, 5, 28),
                    recognised_by="Trưởng phòng Giáo dục và Đào tạo quận Cẩm Lệ",
                    decision_number=f"{300 + record.year % 100}/QĐ-PGDĐT",
                )
            )
        for record in self._weighted_pick(doctors, min(4, len(doctors)), lambda r: 1.0):
            self.contributions.append(
                ContributionRow(
                    person=record.person,
                    kind=ContributionKind.RESEARCH,
                    title=self.rng.choice(HEALTH_RESEARCH).format(ward=self.rng.choice(WARD_NAMES)),
                    scope=Scope.GRASSROOTS,
                    year=record.year,
                    recognised_on=dt.date(record.year, 11, 30),
                    recognised_by="Giám đốc Trung tâm Y tế quận Cẩm Lệ",
                    decision_number=f"{150 + record.year % 100}/QĐ-TTYT",
                )
            )

    # -- revocations -----------------------------------------------------------------------
    def revoke_duplicates(self, year: int, yearly_number: str, yearly_date: dt.date) -> None:
        """Two 2016 certificates granted again by a thematic decision, then revoked."""
        granted = [
            award
            for award in self.awards
            if award.year == year
            and award.award_code == "giay_khen_ct_huyen"
            and award.decision_number == yearly_number
        ]
        unit_awards = [a for a in granted if a.unit is not None]
        person_awards = [a for a in granted if a.person is not None]
        unit_award = self.rng.choice(unit_awards)
        person_award = self.rng.choice(person_awards)
        records = self.years.records[year]
        assert person_award.person is not None
        assert unit_award.unit is not None
        reason = (
            f"Trùng thành tích năm {year} đã được tặng Giấy khen tại Quyết định số"
            f" {yearly_number} ngày {short_date(yearly_date)} của {ISSUER}."
        )
        number, day = THEMATIC_DECISION
        self._decision(
            "giay_khen_ct_huyen",
            year,
            number,
            day,
            [unit_award.unit],
            [records[person_award.person]],
            THEMATIC_ACHIEVEMENT,
            AwardMethod.THEMATIC,
            revoked=(REVOKING_DECISION[0], REVOKING_DECISION[1], reason),
        )
