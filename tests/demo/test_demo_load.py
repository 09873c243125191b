"""The demo in the database: the register's totals, the self-check, the 2025 reorganisation,
the demo logins. The demo is loaded once for this module (conftest.py)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tdkt.accounts.enums import Role
from tdkt.accounts.models import User
from tdkt.awards.models import AwardRecord
from tdkt.awards.queries import count_by_award
from tdkt.common.enums import DisciplineLevel, Grade
from tdkt.demo.checks import check_database
from tdkt.demo.generator import DEMO_PASSWORD
from tdkt.demo.loader import LoadSummary
from tdkt.demo.targets import CLOSED_YEARS, TARGETS
from tdkt.demo.units import HOA_XUAN_NOTE, NQ_1659
from tdkt.organisations.models import EmulationGroup, Unit, UnitSuccession
from tdkt.people.models import DisciplinaryAction, Person, ServicePeriod, YearRecord

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COUNTS_2017 = {
    "cstd_co_so": {"collective": 0, "individual": 38},
    "don_vi_tieu_bieu": {"collective": 15, "individual": 0},
    "giay_khen_ct_huyen": {"collective": 39, "individual": 89},
    "htxs_nhiem_vu": {"collective": 11, "individual": 38},
    "lao_dong_tien_tien": {"collective": 0, "individual": 304},
    "tap_the_ldtt": {"collective": 36, "individual": 0},
}


def _expected() -> dict[int, dict[str, dict[str, int]]]:
    return {year: TARGETS[year].counts() for year in CLOSED_YEARS}


def test_load_takes_well_under_a_minute(demo: LoadSummary) -> None:
    assert demo.seconds < 60
    assert demo.people == Person.objects.count()


def test_awards_count_command_prints_the_2017_conference_figures(demo: LoadSummary) -> None:
    out = StringIO()

    call_command("awards", "count", "--year", "2017", "--format", "json", stdout=out)

    assert json.loads(out.getvalue()) == COUNTS_2017
    assert out.getvalue().strip() == json.dumps(COUNTS_2017, ensure_ascii=False, sort_keys=True)


def test_count_by_award_2017_is_exact(demo: LoadSummary) -> None:
    assert count_by_award(2017) == COUNTS_2017


def test_count_by_award_leaves_out_the_revoked_2016_certificates(demo: LoadSummary) -> None:
    revoked = AwardRecord.objects.filter(status="revoked")

    assert revoked.count() == 2
    assert {a.year for a in revoked} == {2016}
    assert {a.revoked_by_number for a in revoked} == {"1126/QĐ-UBND"}
    assert count_by_award(2016) == TARGETS[2016].counts()


def test_self_check_passes_on_the_demo(demo: LoadSummary) -> None:
    assert check_database(_expected()) == []


def test_self_check_reports_a_broken_rule(demo: LoadSummary) -> None:
    advanced = AwardRecord.objects.filter(year=2017, award_code="lao_dong_tien_tien").first()
    assert advanced is not None
    assert advanced.person_id is not None
    YearRecord.objects.filter(person_id=advanced.person_id, year=2017).update(grade=Grade.PASS)
    collective = AwardRecord.objects.filter(year=2017, award_code="tap_the_ldtt").first()
    assert collective is not None
    member = YearRecord.objects.filter(unit_id=collective.unit_id, year=2017).first()
    assert member is not None
    DisciplinaryAction.objects.create(
        person_id=member.person_id,
        level=DisciplineLevel.WARNING,
        decided_on=dt.date(2017, 9, 1),
        year=2017,
    )
    AwardRecord.objects.filter(pk=collective.pk).update(amount_vnd=1_000_000)

    problems = check_database(_expected())

    assert any("xếp loại dưới hoàn thành tốt nhiệm vụ" in p for p in problems)
    assert any("cảnh cáo trở lên" in p for p in problems)
    assert any("tiền thưởng 1000000, đúng ra 1040000" in p for p in problems)


def test_every_yearly_record_names_its_unit(demo: LoadSummary) -> None:
    assert not YearRecord.objects.filter(unit__isnull=True).exists()
    assert (
        YearRecord.objects.filter(year=2018).count()
        < YearRecord.objects.filter(year=2017).count() * 0.4
    )


def test_names_are_stored_in_nfc(demo: LoadSummary) -> None:
    names = list(Person.objects.values_list("full_name", flat=True))
    names += list(Unit.objects.values_list("name", flat=True))

    assert all(unicodedata.is_normalized("NFC", name) for name in names)


def test_phuong_cam_le_took_over_exactly_three_wards(demo: LoadSummary) -> None:
    cam_le = Unit.objects.get(code="phuong-cam-le")

    assert {unit.name for unit in cam_le.predecessors()} == {
        "Phường Khuê Trung",
        "Phường Hòa Thọ Đông",
        "Phường Hòa Thọ Tây",
    }
    assert cam_le.valid_from == dt.date(2025, 7, 1)
    assert set(
        UnitSuccession.objects.filter(successor=cam_le).values_list("legal_basis", flat=True)
    ) == {NQ_1659}


def test_an_khe_and_hoa_xuan_successions(demo: LoadSummary) -> None:
    an_khe = Unit.objects.get(code="phuong-an-khe")
    hoa_xuan = Unit.objects.get(code="phuong-hoa-xuan")

    assert {u.code for u in an_khe.predecessors()} == {
        "cam-le-hoa-an",
        "cam-le-hoa-phat",
        "thanh-khe-an-khe",
    }
    links = UnitSuccession.objects.filter(successor=hoa_xuan)
    assert {link.predecessor.code for link in links} == {
        "cam-le-hoa-xuan",
        "hoa-vang-hoa-chau",
        "hoa-vang-hoa-phuoc",
    }
    assert {link.note for link in links} == {HOA_XUAN_NOTE}


def test_district_offices_end_with_the_district(demo: LoadSummary) -> None:
    office = Unit.objects.get(code="cam-le-noi-vu")

    assert office.valid_to == dt.date(2025, 6, 30)
    assert "72/2025/QH15" in office.note
    assert office.successors() == []
    assert not ServicePeriod.objects.filter(unit=office, end_on__isnull=True).exists()


def test_ward_officials_move_to_the_new_wards(demo: LoadSummary) -> None:
    moved = ServicePeriod.objects.filter(
        unit__code="phuong-cam-le-ubnd", start_on=dt.date(2025, 7, 1)
    )

    assert moved.exists()
    for period in moved:
        before = ServicePeriod.objects.get(person=period.person, end_on=dt.date(2025, 6, 30))
        assert before.unit.code.startswith(
            ("cam-le-khue-trung", "cam-le-hoa-tho-dong", "cam-le-hoa-tho-tay")
        )


def test_emulation_groups_have_rotating_heads(demo: LoadSummary) -> None:
    wards_2017 = EmulationGroup.objects.get(year=2017, name="Cụm thi đua các phường")
    wards_2018 = EmulationGroup.objects.get(year=2018, name="Cụm thi đua các phường")

    assert EmulationGroup.objects.filter(year=2017).count() == 4
    assert EmulationGroup.objects.filter(year=2018).count() == 4
    head_2017 = wards_2017.memberships.get(role="head").unit
    head_2018 = wards_2018.memberships.get(role="head").unit
    assert head_2017.name == "Phường Khuê Trung"
    assert head_2018.name == "Phường Hòa Phát"
    assert wards_2017.memberships.filter(role="deputy").count() == 1


def test_demo_logins_prints_one_line_per_role_then_every_other_account(
    demo: LoadSummary,
) -> None:
    out = StringIO()

    call_command("demo", "logins", stdout=out)

    lines = out.getvalue().strip().splitlines()
    assert "chỉ dùng cho dữ liệu mẫu" in lines[0]
    assert (
        lines[1].strip()
        == "Thư ký Hội đồng Thi đua – Khen thưởng (Phòng Nội vụ quận Cẩm Lệ): thuky / tdkt-demo"
    )
    per_role = [line.split(": ")[1].split(" / ")[0] for line in lines[1:8]]
    roles = set(User.objects.filter(username__in=per_role).values_list("role", flat=True))
    assert roles == set(Role.values)
    # Every demo account is printed, the 2018 round's officers and council members included.
    assert lines[8] == "Các tài khoản khác của dữ liệu mẫu, cùng mật khẩu:"
    others = [line.rsplit(": ", 1)[1] for line in lines[9:]]
    assert "canbo.kinhte" in others
    assert "hoidong.mattran" in others
    assert set(per_role) | set(others) == set(User.objects.values_list("username", flat=True))


def test_demo_users_log_in_with_the_demo_password(demo: LoadSummary) -> None:
    officer = User.objects.get(username="canbo.khuetrung")
    admin = User.objects.get(username="quantri")

    assert officer.check_password(DEMO_PASSWORD)
    assert officer.role == Role.UNIT_OFFICER
    assert officer.unit is not None
    assert officer.unit.name == "Phường Khuê Trung"
    assert admin.is_superuser
    assert admin.is_staff


def test_load_without_reset_refuses_to_touch_existing_data(demo: LoadSummary) -> None:
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "load")
