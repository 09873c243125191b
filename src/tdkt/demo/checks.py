"""Self-check of the demo in the database: every granted award meets the rules in force on its
decision date, and the register holds exactly the year's targets.

Rules checked, by regime (legal-rules.md §3, §3.5; the regime is chosen by decision date):
- lao_dong_tien_tien: grade at least "good"; recruited by 1 March (10 months by 31 December);
  no disciplinary action in the year; r2014 also: absent 40 working days or more (sick, unpaid
  or other leave) excludes; training of a year or more needs results the demo does not hold.
- cstd_co_so: an advanced worker of the same year with a recognised initiative or accepted
  research of at least grassroots scope that year; per unit (the person's unit that year) at most
  15 % of its advanced workers, rounded down.
- tap_the_ldtt: the unit's own grade at least "good"; more than half of its members (people
  whose yearly record names the unit) advanced workers; no member warned (cảnh cáo) or worse.
- htxs_nhiem_vu: grade "excellent" (person or unit).
- giay_khen_ct_huyen: individuals graded at least "good" and not disciplined; units at least
  "good". don_vi_tieu_bieu: unit at least "good".
- Money: coefficient × base salary on the decision date, rounded up to 10,000 đồng.
- Register numbers run 1..n in each decision: collectives, then individuals, each in Vietnamese
  name order.
The messages are for whoever runs `tdkt demo load`, so they are written in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import defaultdict

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL
from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.awards.queries import count_by_award
from tdkt.common.enums import DISCIPLINE_ORDER, GRADE_ORDER, SCOPE_ORDER, Gender, Grade
from tdkt.demo.dataset import Counts
from tdkt.demo.money import regime_on, reward_amount
from tdkt.demo.targets import OPEN_YEAR
from tdkt.organisations.models import EmulationGroupMembership, Unit, UnitYearRecord
from tdkt.people.enums import LeaveKind
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord

GOOD = GRADE_ORDER.index(Grade.GOOD)
WARNING = DISCIPLINE_ORDER.index("canh_cao")
NON_COUNTING_LEAVE = {LeaveKind.SICK, LeaveKind.UNPAID, LeaveKind.OTHER}
ABSENCE_LIMIT_DAYS = 40
CSTD_SHARE_PERCENT = 15
CHECKED_REGIMES = ("r2014", "r2017")
CITIZEN_ID = re.compile(r"^0\d{2}([0-3])(\d{2})\d{6}$")


class DemoCheckError(RuntimeError):
    """The demo breaks a rule; `problems` lists each breach in Vietnamese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"- {problem}" for problem in problems[:40])
        more = f"\n… và {len(problems) - 40} lỗi khác" if len(problems) > 40 else ""
        super().__init__(f"Dữ liệu mẫu vi phạm {len(problems)} điều kiện:\n{shown}{more}")


def check_database(expected_counts: dict[int, Counts] | None = None) -> list[str]:
    """Every breach found, as Vietnamese sentences; an empty list means the demo is sound."""
    facts = _Facts()
    problems: list[str] = []
    problems += _check_text_and_ids(facts)
    problems += _check_service_and_years(facts)
    problems += _check_awards(facts)
    problems += _check_register_numbers(facts)
    problems += _check_groups()
    if expected_counts is not None:
        for year, expected in sorted(expected_counts.items()):
            actual = count_by_award(year)
            if actual != expected:
                problems.append(f"Năm {year}: sổ khen thưởng có {actual}, cần đúng {expected}.")
        if count_by_award(OPEN_YEAR):
            problems.append(f"Năm {OPEN_YEAR} chưa tổng kết mà sổ đã có khen thưởng.")
    return problems


def verify_database(expected_counts: dict[int, Counts] | None = None) -> None:
    problems = check_database(expected_counts)
    if problems:
        raise DemoCheckError(problems)


class _Facts:
    """The rows the rules look at, read once."""

    def __init__(self) -> None:
        self.people = {p.pk: p for p in Person.objects.all()}
        self.units = {u.pk: u for u in Unit.objects.all()}
        self.years: dict[tuple[int, int], YearRecord] = {
            (r.person_id, r.year): r for r in YearRecord.objects.all()
        }
        self.members: dict[tuple[int, int], list[int]] = defaultdict(list)
        for (person_id, year), record in self.years.items():
            if record.unit_id is not None:
                self.members[(record.unit_id, year)].append(person_id)
        self.discipline: dict[tuple[int, int], int] = {}
        for action in DisciplinaryAction.objects.all():
            key = (action.person_id, action.year)
            level = DISCIPLINE_ORDER.index(action.level)
            self.discipline[key] = max(level, self.discipline.get(key, -1))
        self.contributions = {
            (c.person_id, c.year) for c in Contribution.objects.all() if c.scope in SCOPE_ORDER
        }
        self.unit_grades = {(r.unit_id, r.year): r.grade for r in UnitYearRecord.objects.all()}
        self.awards = list(AwardRecord.objects.order_by("decision_number", "register_number", "id"))
        self.granted = [a for a in self.awards if a.status == AwardStatus.GRANTED]
        self.titled = {
            (a.award_code, a.person_id, a.year) for a in self.granted if a.person_id is not None
        }
        self.periods: dict[int, list[ServicePeriod]] = defaultdict(list)
        for period in ServicePeriod.objects.order_by("person_id", "start_on"):
            self.periods[period.person_id].append(period)

    def person_name(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        return f"{person.full_name} (mã {person.pk})" if person else f"cá nhân mã {person_id}"

    def unit_name(self, unit_id: int | None) -> str:
        unit = self.units.get(unit_id) if unit_id is not None else None
        return unit.name if unit else f"đơn vị mã {unit_id}"


def _check_text_and_ids(facts: _Facts) -> list[str]:
    problems: list[str] = []
    for person in facts.people.values():
        if unicodedata.normalize("NFC", person.full_name) != person.full_name:
            problems.append(f"Tên {person.full_name!r} chưa chuẩn hóa NFC.")
        if person.citizen_id is None:
            continue
        match = CITIZEN_ID.match(person.citizen_id)
        if match is None:
            problems.append(f"{facts.person_name(person.pk)}: số định danh phải có 12 chữ số.")
            continue
        if person.birth_date is None:
            continue
        century = 0 if person.birth_date.year < 2000 else 2
        wanted = century + (1 if person.gender == Gender.FEMALE else 0)
        if int(match.group(1)) != wanted or int(match.group(2)) != person.birth_date.year % 100:
            problems.append(
                f"{facts.person_name(person.pk)}: số định danh không khớp giới tính, năm sinh."
            )
    for unit in facts.units.values():
        if unicodedata.normalize("NFC", unit.name) != unit.name:
            problems.append(f"Tên đơn vị {unit.name!r} chưa chuẩn hóa NFC.")
    return problems


def _check_service_and_years(facts: _Facts) -> list[str]:
    problems: list[str] = []
    for person_id, periods in facts.periods.items():
        for before, after in itertools.pairwise(periods):
            if before.end_on is None or before.end_on >= after.start_on:
                problems.append(
                    f"{facts.person_name(person_id)}: hai quá trình công tác chồng nhau."
                )
        for period in periods:
            unit = facts.units[period.unit_id]
            if (unit.valid_from and period.start_on < unit.valid_from) or (
                unit.valid_to and (period.end_on is None or period.end_on > unit.valid_to)
            ):
                problems.append(
                    f"{facts.person_name(person_id)}: công tác tại {unit.name} ngoài thời gian"
                    " đơn vị hoạt động."
                )
    for (person_id, year), record in facts.years.items():
        if record.unit_id is None:
            problems.append(f"{facts.person_name(person_id)} năm {year}: chưa ghi đơn vị.")
            continue
        year_end = dt.date(year, 12, 31)
        serving = [
            p
            for p in facts.periods[person_id]
            if p.start_on <= year_end and (p.end_on is None or p.end_on >= year_end)
        ]
        if [p.unit_id for p in serving] != [record.unit_id]:
            problems.append(
                f"{facts.person_name(person_id)} năm {year}: đơn vị trong kết quả xếp loại khác"
                " đơn vị công tác ngày 31/12."
            )
    return problems


def _grade_at_least_good(grade: str | None) -> bool:
    return grade is not None and GRADE_ORDER.index(grade) >= GOOD


def _check_awards(facts: _Facts) -> list[str]:
    problems: list[str] = []
    advanced: dict[tuple[int, int], int] = defaultdict(int)  # (unit, year) -> advanced workers
    fighters: dict[tuple[int, int], int] = defaultdict(int)
    for award in facts.awards:
        label = f"{award.award_code} {award.year} số {award.decision_number}"
        who = (
            facts.person_name(award.person_id)
            if award.person_id is not None
            else facts.unit_name(award.unit_id)
        )
        where = f"{label} – {who}"
        if award.status == AwardStatus.REVOKED:
            if not (award.revoked_by_number and award.revoked_on and award.revocation_reason):
                problems.append(f"{where}: thu hồi phải có số quyết định, ngày và lý do.")
            elif award.revoked_on < award.decision_date:
                problems.append(f"{where}: ngày thu hồi trước ngày quyết định.")
            continue
        recipient = INDIVIDUAL if award.person_id is not None else COLLECTIVE
        kind = AWARD_KINDS.get(award.award_code)
        if kind is None or recipient not in kind.recipients:
            problems.append(f"{where}: hình thức này không tặng cho đối tượng đó.")
            continue
        regime = regime_on(award.decision_date)
        if regime not in CHECKED_REGIMES:
            problems.append(f"{where}: dữ liệu mẫu không có quyết định theo chế độ {regime}.")
            continue
        expected_amount = reward_amount(award.award_code, recipient, award.decision_date)
        if award.amount_vnd != expected_amount:
            problems.append(f"{where}: tiền thưởng {award.amount_vnd}, đúng ra {expected_amount}.")
        if recipient == INDIVIDUAL:
            assert award.person_id is not None
            problems += _check_person_award(facts, award, regime, where)
            record = facts.years.get((award.person_id, award.year))
            if record is not None and record.unit_id is not None:
                if award.award_code == "lao_dong_tien_tien":
                    advanced[(record.unit_id, award.year)] += 1
                elif award.award_code == "cstd_co_so":
                    fighters[(record.unit_id, award.year)] += 1
        else:
            problems += _check_unit_award(facts, award, where)
    for key, count in sorted(fighters.items()):
        limit = CSTD_SHARE_PERCENT * advanced[key] // 100
        if count > limit:
            unit_id, year = key
            problems.append(
                f"{facts.unit_name(unit_id)} năm {year}: {count} Chiến sĩ thi đua cơ sở, quá"
                f" 15% của {advanced[key]} Lao động tiên tiến (tối đa {limit})."
            )
    return problems


def _check_person_award(facts: _Facts, award: AwardRecord, regime: str, where: str) -> list[str]:
    assert award.person_id is not None
    problems: list[str] = []
    person = facts.people[award.person_id]
    record = facts.years.get((award.person_id, award.year))
    if record is None:
        return [f"{where}: không có kết quả xếp loại năm {award.year}."]
    if award.unit_at_award_id != record.unit_id:
        problems.append(f"{where}: đơn vị khi khen khác đơn vị trong năm.")
    disciplined = facts.discipline.get((award.person_id, award.year))
    code = award.award_code
    if code == "lao_dong_tien_tien":
        if not _grade_at_least_good(record.grade):
            problems.append(f"{where}: xếp loại dưới hoàn thành tốt nhiệm vụ.")
        if person.recruited_on is None or person.recruited_on > dt.date(award.year, 3, 1):
            problems.append(f"{where}: chưa đủ 10 tháng công tác trong năm.")
        if disciplined is not None:
            problems.append(f"{where}: bị kỷ luật trong năm.")
        if record.leave_kind == LeaveKind.TRAINING_LONG:
            problems.append(f"{where}: đi học từ 1 năm trở lên, không có kết quả học tập.")
        if (
            regime == "r2014"
            and record.leave_kind in NON_COUNTING_LEAVE
            and record.leave_days >= ABSENCE_LIMIT_DAYS
        ):
            problems.append(
                f"{where}: nghỉ {record.leave_days} ngày làm việc (từ 40 ngày trở lên)."
            )
    elif code == "cstd_co_so":
        if ("lao_dong_tien_tien", award.person_id, award.year) not in facts.titled:
            problems.append(f"{where}: chưa đạt Lao động tiên tiến cùng năm.")
        if (award.person_id, award.year) not in facts.contributions:
            problems.append(f"{where}: không có sáng kiến hoặc đề tài được công nhận trong năm.")
    elif code == "htxs_nhiem_vu":
        if record.grade != Grade.EXCELLENT:
            problems.append(f"{where}: xếp loại không phải hoàn thành xuất sắc nhiệm vụ.")
    elif code == "giay_khen_ct_huyen":
        if not _grade_at_least_good(record.grade):
            problems.append(f"{where}: xếp loại dưới hoàn thành tốt nhiệm vụ.")
        if disciplined is not None:
            problems.append(f"{where}: bị kỷ luật trong năm.")
    else:
        problems.append(f"{where}: dữ liệu mẫu không có hình thức này cho cá nhân.")
    return problems


def _check_unit_award(facts: _Facts, award: AwardRecord, where: str) -> list[str]:
    assert award.unit_id is not None
    problems: list[str] = []
    unit = facts.units[award.unit_id]
    if award.unit_at_award_id != award.unit_id:
        problems.append(f"{where}: đơn vị khi khen phải là chính tập thể.")
    if not unit.is_active_on(award.decision_date):
        problems.append(f"{where}: tập thể không hoạt động vào ngày quyết định.")
    grade = facts.unit_grades.get((award.unit_id, award.year))
    code = award.award_code
    if code in ("tap_the_ldtt", "giay_khen_ct_huyen", "don_vi_tieu_bieu"):
        if not _grade_at_least_good(grade):
            problems.append(f"{where}: tập thể chưa hoàn thành tốt nhiệm vụ năm {award.year}.")
    elif code == "htxs_nhiem_vu":
        if grade != Grade.EXCELLENT:
            problems.append(f"{where}: tập thể không hoàn thành xuất sắc nhiệm vụ.")
    else:
        problems.append(f"{where}: dữ liệu mẫu không có hình thức này cho tập thể.")
    if code == "tap_the_ldtt":
        members = facts.members.get((award.unit_id, award.year), [])
        advanced = [p for p in members if ("lao_dong_tien_tien", p, award.year) in facts.titled]
        if 2 * len(advanced) <= len(members):
            problems.append(
                f"{where}: {len(advanced)}/{len(members)} thành viên là Lao động tiên tiến,"
                " chưa quá 50%."
            )
        warned = [p for p in members if facts.discipline.get((p, award.year), -1) >= WARNING]
        if warned:
            problems.append(f"{where}: có thành viên bị kỷ luật từ cảnh cáo trở lên.")
    return problems


def _check_register_numbers(facts: _Facts) -> list[str]:
    problems: list[str] = []
    decisions: dict[tuple[str, dt.date], list[AwardRecord]] = defaultdict(list)
    for award in facts.awards:
        decisions[(award.decision_number, award.decision_date)].append(award)
    for (number, _day), awards in sorted(decisions.items()):
        awards.sort(key=lambda a: (a.register_number or 0, a.pk))
        if [a.register_number for a in awards] != list(range(1, len(awards) + 1)):
            problems.append(f"Quyết định {number}: số vào sổ phải chạy liên tục từ 1.")
        keys = [
            (1, facts.people[a.person_id].sort_key)
            if a.person_id is not None
            else (0, facts.units[a.unit_id].sort_key if a.unit_id else "")
            for a in awards
        ]
        if keys != sorted(keys):
            problems.append(
                f"Quyết định {number}: số vào sổ không theo thứ tự tập thể trước, rồi tên"
                " tiếng Việt."
            )
    return problems


def _check_groups() -> list[str]:
    problems: list[str] = []
    roles: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for membership in EmulationGroupMembership.objects.select_related("group"):
        roles[membership.group_id].append(membership.role)
        names[membership.group_id] = str(membership.group)
    for group_id, found in roles.items():
        if found.count("head") != 1 or found.count("deputy") < 1:
            problems.append(f"{names[group_id]}: cần đúng một trưởng và ít nhất một phó.")
    return problems
