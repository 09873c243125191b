"""Who worked where, 2015–2025: initial staff, retirements, resignations, transfers, new hires.

Staff are placed on 1 January 2015 and the years 2015–2018 are played out: people reach
retirement age, some resign or move between the district's bodies, vacancies are filled
(teachers at the start of a school year). After 2018 only retirements happen; on 30 June 2025
the district and its wards end, and the ward committees' officials move to the new wards.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tdkt.common.enums import Gender
from tdkt.demo.dataset import PeriodRow, PersonRow
from tdkt.demo.names import make_name
from tdkt.demo.staffing import CB, CC, LD, PROFILES, Post
from tdkt.demo.units import NEW_START, OLD_END, WARDS, UnitSpec

START = dt.date(2015, 1, 1)
LAST_HIRE = dt.date(2018, 12, 31)
SIMULATED_YEARS = (2015, 2016, 2017, 2018)

# Province codes of the citizen ID: most staff were born in Đà Nẵng (048), some in Quảng Nam
# (049), Thừa Thiên Huế (046) or Quảng Ngãi (051).
PROVINCE_CODES = (("048", 85), ("049", 10), ("046", 3), ("051", 2))
SHARE_WITH_CITIZEN_ID = 0.9

# Profiles whose civil servants move among the district's bodies, and the post they take.
CIVIL_SERVICE_PROFILES = (
    "committee_office", "office", "inspectorate", "one_stop", "ward_committee", "ward_one_stop",
)  # fmt: skip
SCHOOL_PROFILES = ("school_lower_secondary", "school_primary", "school_kindergarten")


@dataclass
class Staff:
    key: int
    name: str
    female: bool
    birth: dt.date
    citizen_id: str | None
    recruited_on: dt.date
    ability: float
    retire_on: dt.date


@dataclass
class Stint:
    person: int
    unit: str
    post: Post
    start: dt.date
    end: dt.date | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - one of the four always exists


def end_of_month(day: dt.date) -> dt.date:
    return add_months(day.replace(day=1), 1) - dt.timedelta(days=1)


def retirement_end(birth: dt.date, female: bool) -> dt.date:
    """Last day of service on reaching retirement age.

    55 (women) and 60 (men) until 2020; from 2021 the age rises by 4 and 3 months a year up to
    60 and 62 (Labour Code 2019, ND 135/2020). Service ends at the end of the month in which
    the age is reached.
    """
    base, step, cap = (55 * 12, 4, 60 * 12) if female else (60 * 12, 3, 62 * 12)
    year = birth.year + base // 12
    while True:
        months = base if year <= 2020 else min(cap, base + step * (year - 2020))
        reached = add_months(birth, months)
        if reached.year <= year:
            return end_of_month(reached)
        year += 1


class Workforce:
    def __init__(self, rng: random.Random, units: list[UnitSpec]) -> None:
        self.rng = rng
        self.units = {unit.code: unit for unit in units}
        self.staffed = [unit for unit in units if unit.profile]
        self.people: list[Staff] = []
        self.stints: list[Stint] = []
        self._ids: set[str] = set()
        self._growth: dict[str, int] = {}

    # -- people ------------------------------------------------------------------------
    def _citizen_id(self, birth: dt.date, female: bool) -> str | None:
        if self.rng.random() >= SHARE_WITH_CITIZEN_ID:
            return None
        codes = [code for code, _weight in PROVINCE_CODES]
        weights = [weight for _code, weight in PROVINCE_CODES]
        province = self.rng.choices(codes, weights=weights, k=1)[0]
        century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
        while True:
            serial = f"{self.rng.randrange(1_000_000):06d}"
            value = f"{province}{century}{birth.year % 100:02d}{serial}"
            if value not in self._ids:
                self._ids.add(value)
                return value

    def new_person(self, post: Post, on: dt.date, fresh: bool) -> Staff:
        """Someone who takes `post` on `on`; `fresh` = recruited that very day."""
        rng = self.rng
        female = rng.random() < post.female
        low, high = post.ages
        if fresh:
            low, high = (19, 26) if post.category == LD else (22, 29)
        high = min(high, 53 if female else 58)
        low = min(low, high)
        birth = on - dt.timedelta(days=rng.randint(low * 365, high * 365 + 364))
        if fresh:
            recruited = on
        else:
            start_age = rng.uniform(18.5, 24) if post.category == LD else rng.uniform(21.5, 27)
            recruited = birth + dt.timedelta(days=int(start_age * 365.25))
            recruited = min(recruited, on - dt.timedelta(days=rng.randint(60, 400)))
            recruited = max(recruited, birth + dt.timedelta(days=int(18 * 365.25)))
        person = Staff(
            key=len(self.people),
            name=make_name(rng, female),
            female=female,
            birth=birth,
            citizen_id=self._citizen_id(birth, female),
            recruited_on=recruited,
            ability=rng.gauss(0, 1),
            retire_on=retirement_end(birth, female),
        )
        self.people.append(person)
        return person

    def _choose_post(self, posts: list[Post], weights: list[int]) -> Post:
        return self.rng.choices(posts, weights=weights, k=1)[0]

    def _random_day(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    # -- the simulation ----------------------------------------------------------------
    def run(self) -> None:
        self._initial_staff()
        for year in SIMULATED_YEARS:
            self._play_year(year)
        self._later_retirements()
        self._reorganisation()

    def _initial_staff(self) -> None:
        for unit in self.staffed:
            for post in PROFILES[unit.profile].posts(unit.headcount, self._choose_post):
                person = self.new_person(post, START, fresh=False)
                if self.rng.random() < 0.45:
                    start = person.recruited_on
                else:
                    start = self._random_day(person.recruited_on, START - dt.timedelta(days=1))
                self.stints.append(Stint(person.key, unit.code, post, start))

    def _resign_rate(self, unit: UnitSpec) -> float:
        if unit.profile.startswith("enterprise"):
            return 0.12
        if unit.profile == "health_centre":
            return 0.02
        return 0.012

    def _transfer_target(self, stint: Stint) -> tuple[str, Post] | None:
        unit = self.units[stint.unit]
        category = stint.post.category
        if unit.profile in CIVIL_SERVICE_PROFILES and category == CC:
            targets = [u for u in self.staffed if u.profile in CIVIL_SERVICE_PROFILES]
        elif unit.profile in SCHOOL_PROFILES and stint.post.title == "Giáo viên":
            targets = [u for u in self.staffed if u.profile == unit.profile]
            if self.rng.random() < 0.1:
                return "cam-le-giao-duc", Post("Chuyên viên", CC, female=0.5)
        else:
            return None
        targets = [u for u in targets if u.code != stint.unit]
        target = self.rng.choice(targets)
        profile = PROFILES[target.profile]
        if target.profile in SCHOOL_PROFILES:
            return target.code, stint.post
        posts = [post for post in profile.fixed if post.category == CC]
        posts += [post for post, _weight in profile.mix if post.category == CC]
        return target.code, self.rng.choice(posts)

    def _transfer_rate(self, unit: UnitSpec) -> float:
        if unit.profile in CIVIL_SERVICE_PROFILES:
            return 0.03
        if unit.profile in SCHOOL_PROFILES:
            return 0.015
        return 0.0

    def _play_year(self, year: int) -> None:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        vacancies: list[tuple[str, Post, dt.date]] = []
        for stint in [s for s in self.stints if s.end is None and s.start <= last]:
            person = self.people[stint.person]
            unit = self.units[stint.unit]
            if person.retire_on <= last:
                stint.end = max(person.retire_on, stint.start)
                vacancies.append((stint.unit, stint.post, stint.end))
                continue
            if stint.post.leader:
                continue
            draw = self.rng.random()
            earliest = max(stint.start + dt.timedelta(days=60), first + dt.timedelta(days=14))
            if draw < self._resign_rate(unit):
                latest = dt.date(year, 12, 20)
                if earliest <= latest:
                    stint.end = self._random_day(earliest, latest)
                    vacancies.append((stint.unit, stint.post, stint.end))
                continue
            if draw < self._resign_rate(unit) + self._transfer_rate(unit):
                earliest = max(earliest, stint.start + dt.timedelta(days=180), dt.date(year, 3, 1))
                latest = dt.date(year, 11, 30)
                target = self._transfer_target(stint)
                if target is None or earliest > latest:
                    continue
                stint.end = self._random_day(earliest, latest)
                unit_code, post = target
                self.stints.append(
                    Stint(person.key, unit_code, post, stint.end + dt.timedelta(days=1))
                )
                vacancies.append((stint.unit, stint.post, stint.end))
        for unit_code, post, left_on in vacancies:
            self._hire(unit_code, post, left_on)
        self._grow(year)

    def _hire(self, unit_code: str, post: Post, left_on: dt.date) -> None:
        unit = self.units[unit_code]
        if unit.profile in SCHOOL_PROFILES and post.title == "Giáo viên":
            school_year = left_on.year if left_on.month < 8 else left_on.year + 1
            start = self._random_day(dt.date(school_year, 8, 15), dt.date(school_year, 9, 5))
        else:
            start = left_on + dt.timedelta(days=self.rng.randint(20, 150))
        if start > LAST_HIRE or self._staff_count(unit_code, start) >= self._target(unit):
            return  # someone transferred in already filled the post
        fresh = not post.leader and self.rng.random() < 0.55
        person = self.new_person(post, start, fresh)
        self.stints.append(Stint(person.key, unit_code, post, start))

    def _staff_count(self, unit_code: str, day: dt.date) -> int:
        return sum(
            1
            for s in self.stints
            if s.unit == unit_code and s.start <= day and (s.end is None or s.end >= day)
        )

    def _target(self, unit: UnitSpec) -> int:
        return unit.headcount + self._growth.get(unit.code, 0)

    def _grow(self, year: int) -> None:
        """New classes each school year, and the health centre's new posts in 2016."""
        if year in (2016, 2017):
            for unit in self.staffed:
                if unit.profile in SCHOOL_PROFILES:
                    post = PROFILES[unit.profile].staff_post
                    start = dt.date(year, 8, 20)
                    person = self.new_person(post, start, fresh=self.rng.random() < 0.7)
                    self.stints.append(Stint(person.key, unit.code, post, start))
                    self._growth[unit.code] = self._growth.get(unit.code, 0) + 1
        if year == 2016:
            post = PROFILES["health_centre"].staff_post
            for start in (dt.date(2016, 3, 1), dt.date(2016, 9, 1)):
                person = self.new_person(post, start, fresh=True)
                self.stints.append(Stint(person.key, "cam-le-trung-tam-y-te", post, start))
            self._growth["cam-le-trung-tam-y-te"] = 2

    def _later_retirements(self) -> None:
        for stint in self.stints:
            if stint.end is None:
                retire_on = self.people[stint.person].retire_on
                if retire_on <= OLD_END:
                    stint.end = max(retire_on, stint.start)

    def _reorganisation(self) -> None:
        """30 June 2025: old units end; ward committee officials move to the new wards."""
        successor = {f"cam-le-{code}": new for code, _n, new, _t, _c in WARDS}
        moved: list[Stint] = []
        for stint in self.stints:
            unit = self.units[stint.unit]
            if stint.end is not None or unit.valid_to != OLD_END:
                continue
            stint.end = OLD_END
            if unit.profile in ("ward_committee", "ward_one_stop") and stint.post.category in (
                CB,
                CC,
            ):
                ward = unit.code.removesuffix("-ubnd").removesuffix("-mot-cua")
                new_post = _post_after_2025(stint.post, stint.person)
                moved.append(Stint(stint.person, f"{successor[ward]}-ubnd", new_post, NEW_START))
        self.stints.extend(moved)

    # -- output ------------------------------------------------------------------------
    def person_rows(self) -> list[PersonRow]:
        return [
            PersonRow(
                key=p.key,
                full_name=p.name,
                gender=Gender.FEMALE if p.female else Gender.MALE,
                birth_date=p.birth,
                citizen_id=p.citizen_id,
                recruited_on=p.recruited_on,
            )
            for p in self.people
        ]

    def period_rows(self) -> list[PeriodRow]:
        return [
            PeriodRow(
                person=s.person,
                unit=s.unit,
                position=s.post.title,
                category=s.post.category,
                is_frontline=s.post.frontline,
                is_leader=s.post.leader,
                start_on=s.start,
                end_on=s.end,
            )
            for s in sorted(self.stints, key=lambda s: (s.person, s.start))
        ]

    def stint_on(self, day: dt.date) -> dict[int, Stint]:
        """Each person's stint on `day` (people not in service that day are absent)."""
        found: dict[int, Stint] = {}
        for stint in self.stints:
            if stint.start <= day and (stint.end is None or stint.end >= day):
                found[stint.person] = stint
        return found


_NEW_POSTS = (
    ("Văn phòng", "Chuyên viên Văn phòng HĐND và UBND phường"),
    ("Tư pháp", "Chuyên viên Văn phòng HĐND và UBND phường"),
    ("Địa chính", "Chuyên viên Phòng Kinh tế, Hạ tầng và Đô thị"),
    ("Tài chính", "Chuyên viên Phòng Kinh tế, Hạ tầng và Đô thị"),
    ("Văn hóa", "Chuyên viên Phòng Văn hóa – Xã hội"),
)


def _post_after_2025(post: Post, person: int) -> Post:
    """The post a ward official takes in the merged ward (a plausible placement, not a record)."""
    if post.title == "Chủ tịch UBND phường":
        return Post("Phó Chủ tịch UBND phường", CB, True)
    if post.title == "Phó Chủ tịch UBND phường":
        office = "Văn hóa – Xã hội" if person % 2 else "Kinh tế, Hạ tầng và Đô thị"
        return Post(f"Phó Trưởng phòng {office}", CC, True)
    for keyword, title in _NEW_POSTS:
        if keyword in post.title:
            return Post(title, CC)
    return Post("Chuyên viên Trung tâm Phục vụ hành chính công phường", CC)
