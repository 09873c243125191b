"""How each year went: grades, leave and discipline of people, and the grades of collectives.

Grades come from a person's lasting ability plus the year's luck, so good officials tend to stay
good. Leave and discipline are rare; a disciplined person is graded down. 2018 is still open:
only the units that have sent in their results (about 30 % of staff) have yearly records.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tdkt.common.enums import DisciplineLevel, Grade
from tdkt.demo.dataset import DisciplineRow, UnitYearRow, YearRow
from tdkt.demo.targets import (
    CLOSED_YEARS,
    OPEN_YEAR,
    OPEN_YEAR_DISCIPLINE,
    OPEN_YEAR_GRADED_SHARE,
    TARGETS,
)
from tdkt.demo.units import UnitSpec
from tdkt.demo.workforce import Stint, Workforce
from tdkt.organisations.enums import UnitKind
from tdkt.people.enums import LeaveKind

REPRIMAND_REASONS = (
    "Vi phạm quy định về thời hạn giải quyết thủ tục hành chính",
    "Vi phạm nội quy, quy chế làm việc của cơ quan",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
    "Vi phạm quy định về văn hóa công sở",
)
WARNING_REASONS = (
    "Vi phạm quy định về quản lý tài chính, gây thất thoát",
    "Vi phạm quy định về đạo đức nghề nghiệp, ảnh hưởng uy tín đơn vị",
)


@dataclass
class PersonYear:
    person: int
    year: int
    unit: str
    grade: str
    leader: bool
    frontline: bool
    leave_kind: str = ""
    leave_days: int = 0
    note: str = ""

    def row(self) -> YearRow:
        return YearRow(
            self.person,
            self.year,
            self.unit,
            self.grade,
            self.leave_kind,
            self.leave_days,
            self.note,
        )


class Years:
    def __init__(self, rng: random.Random, workforce: Workforce, units: list[UnitSpec]) -> None:
        self.rng = rng
        self.workforce = workforce
        self.units = {unit.code: unit for unit in units}
        self.collectives = [unit for unit in units if unit.collective]
        self.unit_ability = {unit.code: rng.gauss(0, 1) for unit in self.collectives}
        self.records: dict[int, dict[int, PersonYear]] = {}  # year -> person -> record
        self.disciplines: list[DisciplineRow] = []
        self.unit_grades: dict[int, dict[str, str]] = {}  # year -> unit -> grade

    def build(self) -> None:
        for year in CLOSED_YEARS:
            self._people_year(year)
            target = TARGETS[year]
            self._discipline(year, target.reprimands, target.warnings)
            self._unit_year(year)
        self._people_year(OPEN_YEAR)
        self._discipline(OPEN_YEAR, *OPEN_YEAR_DISCIPLINE)

    # -- people ------------------------------------------------------------------------
    def _grade(self, ability: float, leader: bool, new_this_year: bool) -> str:
        score = 0.85 * ability + self.rng.gauss(0, 0.55) + (0.45 if leader else 0.0)
        if new_this_year:
            score = min(score - 0.4, 1.1)
        if score >= 1.2:
            return Grade.EXCELLENT
        if score >= -1.45:
            return Grade.GOOD
        if score >= -2.3:
            return Grade.PASS
        return Grade.FAIL

    def _leave(self, record: PersonYear, female: bool, age: int) -> None:
        rng = self.rng
        if female and 22 <= age <= 40 and rng.random() < 0.06:
            record.leave_kind, record.leave_days = LeaveKind.MATERNITY, rng.randint(118, 130)
            return
        draw = rng.random()
        if draw < 0.012:
            record.leave_kind, record.leave_days = LeaveKind.SICK, rng.randint(40, 70)
        elif draw < 0.05:
            record.leave_kind, record.leave_days = LeaveKind.SICK, rng.randint(4, 30)
        elif draw < 0.06:
            record.leave_kind, record.leave_days = LeaveKind.TRAINING_SHORT, rng.randint(20, 60)
        elif draw < 0.064:
            record.leave_kind, record.leave_days = LeaveKind.UNPAID, rng.randint(15, 60)
        elif draw < 0.067 and age < 40:
            record.leave_kind, record.leave_days = LeaveKind.TRAINING_LONG, rng.randint(180, 240)

    def _people_year(self, year: int) -> None:
        year_end = dt.date(year, 12, 31)
        on_duty = self.workforce.stint_on(year_end)
        people = self.workforce.people
        persons = sorted(on_duty)
        if year == OPEN_YEAR:
            persons = self._graded_so_far(on_duty)
        records: dict[int, PersonYear] = {}
        for key in persons:
            stint: Stint = on_duty[key]
            person = people[key]
            new_this_year = person.recruited_on.year == year
            record = PersonYear(
                person=key,
                year=year,
                unit=stint.unit,
                grade=self._grade(person.ability, stint.post.leader, new_this_year),
                leader=stint.post.leader,
                frontline=stint.post.frontline,
            )
            self._leave(record, person.female, year - person.birth.year)
            records[key] = record
        self.records[year] = records

    def _graded_so_far(self, on_duty: dict[int, Stint]) -> list[int]:
        """Whole units, in a random order, until about 30 % of staff have a 2018 record."""
        by_unit: dict[str, list[int]] = {}
        for key in sorted(on_duty):
            by_unit.setdefault(on_duty[key].unit, []).append(key)
        codes = sorted(by_unit)
        self.rng.shuffle(codes)
        chosen: list[int] = []
        for code in codes:
            if len(chosen) >= OPEN_YEAR_GRADED_SHARE * len(on_duty):
                break
            chosen += by_unit[code]
        return sorted(chosen)

    def _discipline(self, year: int, reprimands: int, warnings: int) -> None:
        on_duty = self.workforce.stint_on(dt.date(year, 12, 31))
        candidates = [key for key in sorted(on_duty) if not on_duty[key].post.leader]
        chosen = self.rng.sample(candidates, reprimands + warnings)
        for index, key in enumerate(chosen):
            level = DisciplineLevel.REPRIMAND if index < reprimands else DisciplineLevel.WARNING
            reasons = REPRIMAND_REASONS if level == DisciplineLevel.REPRIMAND else WARNING_REASONS
            unit = self.units[on_duty[key].unit]
            self.disciplines.append(
                DisciplineRow(
                    person=key,
                    level=level,
                    decided_on=dt.date(year, self.rng.randint(6, 11), self.rng.randint(1, 28)),
                    year=year,
                    decision_number=f"{self.rng.randint(40, 2400)}/QĐ-{_issuer_symbol(unit)}",
                    reason=self.rng.choice(reasons),
                )
            )
            record = self.records[year].get(key)
            if record is not None:  # 2018: the unit may not have graded yet
                worse = level == DisciplineLevel.WARNING and self.rng.random() < 0.5
                record.grade = Grade.FAIL if worse else Grade.PASS

    def disciplined(self, year: int) -> dict[int, str]:
        """person -> the heaviest level of the year."""
        found: dict[int, str] = {}
        for action in self.disciplines:
            if action.year == year and (
                action.level == DisciplineLevel.WARNING or action.person not in found
            ):
                found[action.person] = action.level
        return found

    # -- collectives ---------------------------------------------------------------------
    def _unit_year(self, year: int) -> None:
        warned_units = {
            self.records[year][person].unit
            for person, level in self.disciplined(year).items()
            if level != DisciplineLevel.REPRIMAND and person in self.records[year]
        }
        grades: dict[str, str] = {}
        scores: dict[str, float] = {}
        for unit in self.collectives:
            score = 0.8 * self.unit_ability[unit.code] + self.rng.gauss(0, 0.6)
            scores[unit.code] = score
            if score >= 0.75 and unit.code not in warned_units:
                grades[unit.code] = Grade.EXCELLENT
            elif score >= -1.9:
                grades[unit.code] = Grade.GOOD
            else:
                grades[unit.code] = Grade.PASS
        # Enough excellent units for the year's recognitions: the best "good" ones move up.
        target = TARGETS[year]
        for wanted, among in (
            (target.htxs_collective + 3, [u.code for u in self.collectives if can_excel(u)]),
            (target.htxs_collective + target.don_vi_tieu_bieu // 2 + 4, list(grades)),
        ):
            promotable = sorted(
                (c for c in among if grades[c] == Grade.GOOD and c not in warned_units),
                key=lambda c: -scores[c],
            )
            while sum(1 for c in among if grades[c] == Grade.EXCELLENT) < wanted and promotable:
                grades[promotable.pop(0)] = Grade.EXCELLENT
        self.unit_grades[year] = grades

    # -- output ------------------------------------------------------------------------
    def year_rows(self) -> list[YearRow]:
        return [
            record.row()
            for year in sorted(self.records)
            for _key, record in sorted(self.records[year].items())
        ]

    def unit_year_rows(self) -> list[UnitYearRow]:
        return [
            UnitYearRow(code, year, grade)
            for year in sorted(self.unit_grades)
            for code, grade in self.unit_grades[year].items()
        ]


def can_excel(unit: UnitSpec) -> bool:
    """Whether the district recognises the unit for excellent completion of its duties: bodies,
    schools, enterprises, not neighbourhoods, wards as localities or militia boards."""
    return unit.kind not in (UnitKind.NEIGHBOURHOOD, UnitKind.WARD) and not unit.code.endswith(
        "-quan-su"
    )


def _issuer_symbol(unit: UnitSpec) -> str:
    """The symbol of the body that disciplines staff of `unit` ("QĐ-UBND", "QĐ-TTYT" ...)."""
    if unit.profile.startswith("school"):
        return {"school_lower_secondary": "THCS", "school_primary": "TH"}.get(unit.profile, "MN")
    if unit.profile == "health_centre":
        return "TTYT"
    if unit.profile.startswith("enterprise"):
        return "CT"
    return "UBND"
