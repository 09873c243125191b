from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.accounts.models import User
from tdkt.awards.models import AwardRecord
from tdkt.imports.models import ImportStatus
from tdkt.imports.services import run_import
from tests.imports.import_helpers import AWARD_HEADERS, xlsx

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def row(**values: Any) -> list[Any]:
    cells = {
        "stt": 1,
        "cid": "048185000123",
        "name": "Nguyễn Thị Ánh",
        "birth": None,
        "unit": None,
        "award": "Chiến sĩ thi đua cơ sở",
        "year": 2022,
        "number": "45/qđ-ubnd",
        "date": dt.date(2023, 1, 10),
        "issuer": "Chủ tịch UBND quận Cẩm Lệ",
        "register": None,
        "status": None,
        "revoked_by": None,
        "revoked_on": None,
    }
    cells.update(values)
    return list(cells.values())


def award_file(*rows: list[Any]) -> bytes:
    return xlsx(AWARD_HEADERS, rows, sheet="Khen thưởng")


def test_awards_import_person_and_collective_and_revoked(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = award_file(
        row(register=17),
        row(stt=2, cid="", name="", unit="Phường Khuê Trung", award="TTLĐXS", number="46/QĐ-UBND"),
        row(
            stt=3,
            cid="",
            name="Trần Văn Bình",
            birth="02/03/1980",
            award="giay_khen_ct_huyen",
            year=2021,
            number="12/QĐ-UBND",
            date="20/01/2022",
            revoked_by="3/qđ-ubnd",
            revoked_on="01/07/2022",
        ),
    )

    result = run_import("awards", "khen-thuong.xlsx", content, user=secretariat_user)

    assert (result.batch.status, result.batch.rows_written, result.batch.errors) == (
        ImportStatus.IMPORTED,
        3,
        [],
    )
    imported = AwardRecord.objects.filter(source="imported").order_by("decision_number")
    assert list(
        imported.values_list(
            "person",
            "unit__code",
            "award_code",
            "year",
            "decision_number",
            "register_number",
            "unit_at_award__code",
            "status",
            "revoked_by_number",
            "revoked_on",
        )
    ) == [
        (
            tree.binh.pk,
            None,
            "giay_khen_ct_huyen",
            2021,
            "12/QĐ-UBND",
            None,
            "khue-trung",
            "revoked",
            "3/QĐ-UBND",
            dt.date(2022, 7, 1),
        ),
        (
            tree.anh.pk,
            None,
            "cstd_co_so",
            2022,
            "45/QĐ-UBND",
            17,
            "hoa-tho-dong",
            "granted",
            "",
            None,
        ),
        (None, "khue-trung", "tap_the_ldxs", 2022, "46/QĐ-UBND", None, None, "granted", "", None),
    ]


def test_awards_import_refuses_award_for_the_wrong_recipient(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = award_file(
        row(award="Tập thể lao động tiên tiến"),
        row(stt=2, cid="", name="", unit="khue-trung", award="Lao động tiên tiến"),
        row(stt=3, award="Huy chương vàng"),
        row(stt=4, cid="", name="", unit=""),
    )

    result = run_import("awards", "kt.xlsx", content, user=secretariat_user)

    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (
            4,
            "Danh hiệu, hình thức khen thưởng",
            "Tập thể lao động tiên tiến is not given to an individual.",
        ),
        (5, "Danh hiệu, hình thức khen thưởng", "Lao động tiên tiến is not given to a collective."),
        (6, "Danh hiệu, hình thức khen thưởng", 'Unknown title or award "Huy chương vàng".'),
        (
            7,
            "Đơn vị",
            "Give the person awarded (citizen ID, or full name and date of birth) or the unit "
            "awarded.",
        ),
    ]


def test_awards_import_checks_dates_and_revocation(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = award_file(
        row(date=dt.date(2021, 12, 1)),
        row(stt=2, number="47/QĐ-UBND", status="Đã thu hồi", revoked_by="5/QĐ-UBND"),
        row(stt=3, number="48/QĐ-UBND", status="Đã khen", revoked_on="01/01/2024"),
        row(stt=4, number="49/QĐ-UBND", revoked_by="6/QĐ", revoked_on="01/01/2020"),
    )

    result = run_import("awards", "kt.xlsx", content, user=secretariat_user)

    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (4, "Ngày quyết định", "The decision date is before the year of achievement."),
        (5, "Ngày thu hồi", "A revoked award needs the revoking decision number and date."),
        (6, "Trạng thái", "Revocation details are given but the status is not revoked."),
        (7, "Ngày thu hồi", "The revocation date is before the decision date."),
    ]


def test_awards_import_updates_an_award_already_in_the_register(
    tree: SimpleNamespace, secretariat_user: User
) -> None:
    content = award_file(
        row(award="LĐTT", year=2024, number="12/QĐ-UBND", date="15/01/2025", register=88),
        row(stt=2, award="LĐTT", year=2024, number="12/QĐ-UBND", date="15/01/2025"),
    )

    first = run_import("awards", "kt.xlsx", content, user=secretariat_user, valid_only=True)

    assert [(e["row"], e["message"]) for e in first.batch.errors] == [
        (5, "Duplicate of row 4 in this file.")
    ]
    assert AwardRecord.objects.filter(person=tree.anh).count() == 1
    tree.anh_award.refresh_from_db()
    assert (tree.anh_award.register_number, tree.anh_award.source) == (88, "entered")


def test_awards_import_unit_officer_cannot_award_other_ward(
    tree: SimpleNamespace, unit_officer: User
) -> None:
    content = award_file(
        row(stt=1, cid="", name="", unit="khue-trung", award="tap_the_ldtt"),
        row(stt=2, cid="", name="Trần Văn Bình", birth="02/03/1980"),
    )

    result = run_import("awards", "kt.xlsx", content, user=unit_officer)

    assert [(e["row"], e["column"], e["message"]) for e in result.batch.errors] == [
        (4, "Đơn vị", 'The unit "khue-trung" is outside the units you manage.'),
        (
            5,
            "Họ và tên",
            "No person named Trần Văn Bình born on 02/03/1980 among the people you manage.",
        ),
    ]
