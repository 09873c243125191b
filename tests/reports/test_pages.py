"""The report pages: figures within the viewer's scope, bad input as a message, downloads."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from docx import Document
from openpyxl import load_workbook

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = ["secretariat_user", "unit_officer", "council_member", "leader", "administrator"]
PAGES = ["reports:home", "reports:year", "reports:forms", "reports:register", "reports:due"]


@pytest.mark.parametrize("name", PAGES)
def test_report_page_anonymous_redirects_to_login(
    client: Any, tree: SimpleNamespace, name: str
) -> None:
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_report_page_opens_for_every_role(
    client: Any, request: Any, register: SimpleNamespace, role: str, name: str
) -> None:
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(name), {"year": "2024"})

    assert response.status_code == 200


def test_year_page_shows_the_figures(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:year"), {"year": "2024"})

    content = response.content.decode()
    assert '<div class="stat" data-figure="collective">4</div>' in content
    assert '<div class="stat" data-figure="individual">7</div>' in content
    assert '<div class="stat" data-figure="money">1.560.000</div>' in content
    assert response.context["f"].totals["lao_dong_tien_tien"] == {"individual": 4, "collective": 0}
    rows = {row["code"]: (row["total"], row["previous"]) for row in response.context["rows"]}
    assert rows["cstd_co_so"] == (2, [2, 1])
    assert rows["bang_khen_thu_tuong"] == (0, [1, 0])


def test_year_page_of_a_unit_officer_counts_only_their_ward(
    client: Any, register: SimpleNamespace, unit_officer: Any
) -> None:
    client.force_login(unit_officer)

    response = client.get(reverse("reports:year"), {"year": "2024"})

    figures = response.context["f"]
    assert figures.unit == register.ward_a
    assert figures.total() == 4
    content = response.content.decode()
    assert "Khuê Trung" not in content
    assert "Hòa Phát Xanh" not in content


def test_year_page_unit_outside_scope_is_a_message(
    client: Any, register: SimpleNamespace, unit_officer: Any
) -> None:
    client.force_login(unit_officer)

    outside = client.get(reverse("reports:year"), {"year": "2024", "unit": register.ward_b.pk})
    missing = client.get(reverse("reports:year"), {"year": "2024", "unit": 999_999})

    message = _("This unit is outside the units you are responsible for.")
    for response in (outside, missing):
        assert response.status_code == 200
        assert "f" not in response.context
        assert message in response.content.decode()
    # The same answer for a unit of another ward and for none at all: nothing leaks.
    assert outside.content.decode().count(message) == missing.content.decode().count(message)


def test_year_page_year_without_data_is_a_message(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:year"), {"year": "2030"})

    assert response.status_code == 200
    assert (
        _("No award data for the year %(year)s yet.") % {"year": 2030} in response.content.decode()
    )


@pytest.mark.parametrize("year", ["abc", "20171", "-1", "1800", "²"])
def test_year_page_bad_year_is_a_message(
    client: Any, register: SimpleNamespace, secretariat_user: Any, year: str
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:year"), {"year": year})

    assert response.status_code == 200
    expected = _("The year must be a number between %(first)s and %(last)s.") % {
        "first": 1945,
        "last": 2100,
    }
    assert expected in response.content.decode()


def test_year_json_download_is_the_command_shape(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(
        reverse("reports:year_json"), {"year": "2024", "unit": register.ward_a.pk}
    )

    data = json.loads(response.content)
    assert data["unit"] == {"code": "hoa-tho-dong", "name": "Phường Hòa Thọ Đông"}
    assert data["totals"]["cstd_co_so"] == {"individual": 1, "collective": 0}
    assert data["leaders"] == {"cstd_co_so": 1, "lao_dong_tien_tien": 1}


def test_year_excel_download_holds_every_award(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:year_xlsx"), {"year": "2024"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-thi-dua-khen-thuong-nam-2024.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    detail = list(book["Chi tiết"].iter_rows(min_row=2, values_only=True))
    assert len(detail) == 12  # 11 granted and 1 revoked


def test_year_word_download_is_the_official_report(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(
        reverse("reports:year_docx"), {"year": "2024", "unit": register.district.pk}
    )

    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Kết quả công tác thi đua, khen thưởng năm 2024" in texts


def test_year_word_download_without_data_is_a_message(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:year_docx"), {"year": "2030"})

    assert response["Content-Type"].startswith("text/html")
    assert (
        _("No award data for the year %(year)s yet.") % {"year": 2030} in response.content.decode()
    )


def test_year_download_of_an_unknown_format_is_a_message(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get("/reports/year/pdf/", {"year": "2024"})

    content = response.content.decode()
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert 'class="card msg-error report-message"' in content
    message = _("Unknown format: %(format)s. The year report downloads as Word, Excel or JSON.")
    assert message % {"format": "pdf"} in content


def test_forms_page_fills_0602_from_the_register(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:forms"), {"year": "2024"})

    forms = {form.code: form for form in response.context["forms"]}
    state = forms["0602"]
    total = dict(zip([r.code for r in state.rows], [v[0] for v in state.values], strict=True))
    assert total["1"] == 1
    assert total["13"] == 1
    assert total["17"] == 1
    assert total["8"] is None


def test_forms_page_marks_the_circular_question_unverified(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    # Whether TT 18/2025 replaced TT 2/2023's forms is unverified: the page says so too.
    client.force_login(secretariat_user)

    content = client.get(reverse("reports:forms"), {"year": "2024"}).content.decode()

    assert 'id="forms-circular-unverified"' in content
    assert 'data-status="UNVERIFIED"' in content.split('id="forms-circular-unverified"')[1][:400]


def test_forms_page_unknown_form_is_a_message(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:forms"), {"year": "2024", "form": "0699"})

    assert response.status_code == 200
    assert _("Unknown statistical form: %(form)s.") % {"form": "0699"} in response.content.decode()


def test_forms_download_has_a_sheet_per_form(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:forms_xlsx"), {"year": "2024"})

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Biểu 0601", "Biểu 0602", "Biểu 0603", "Biểu 0604", "Biểu 0605"]


def test_register_page_searches_by_decision_number(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:register"), {"decision": "17/qđ-ubnd"})

    found = {a.pk for a in response.context["page"].object_list}
    assert found == {register.dung_cstd_2024.pk, register.em_cstd_2024.pk}


def test_register_page_shows_revoked_awards_as_revoked(
    client: Any, register: SimpleNamespace, other_ward_officer: Any
) -> None:
    client.force_login(other_ward_officer)

    response = client.get(reverse("reports:register"))

    content = response.content.decode()
    assert f'data-award-id="{register.binh_gk_revoked.pk}" class="revoked"' in content
    assert "120/QĐ-UBND" in content
    assert response.context["selection"].unit == register.ward_b


def test_register_page_lists_collectives_then_people_in_name_order(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:register"), {"unit": register.ward_a.pk})

    names = [
        a.person.full_name if a.person_id else a.unit.name
        for a in response.context["page"].object_list
    ]
    # Ánh < Dũng by given name; Em's 2023 title counts for ward B (her unit on 15/01/2024).
    assert names == [
        "Phường Hòa Thọ Đông",
        "Phường Hòa Thọ Đông",
        "Phường Hòa Thọ Đông",
        "Nguyễn Thị Ánh",
        "Võ Văn Dũng",
        "Võ Văn Dũng",
        "Võ Văn Dũng",
        "Võ Văn Dũng",
        "Võ Văn Dũng",
    ]


def test_person_register_outside_scope_is_a_message(
    client: Any, register: SimpleNamespace, other_ward_officer: Any
) -> None:
    client.force_login(other_ward_officer)

    response = client.get(reverse("reports:person_register", args=[register.dung.pk]))

    assert response.status_code == 404
    assert (
        _("This person is outside the units you are responsible for.") in response.content.decode()
    )
    assert "Võ Văn Dũng" not in response.content.decode()


def test_person_register_excel_lists_the_history(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:person_register_xlsx", args=[register.dung.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert [(r[3], r[4]) for r in rows] == [
        (2022, "Chiến sĩ thi đua cơ sở"),
        (2023, "Chiến sĩ thi đua cơ sở"),
        (2023, "Bằng khen của Thủ tướng Chính phủ"),
        (2024, "Lao động tiên tiến"),
        (2024, "Chiến sĩ thi đua cơ sở"),
    ]
    assert sheet["A1"].value == "SỔ THEO DÕI KHEN THƯỞNG CÁ NHÂN"
    assert sheet["A2"].value == "Võ Văn Dũng"


def test_due_page_lists_runs_from_the_regime(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:due"), {"year": "2024"})

    report = response.context["report"]
    group = next(g for g in report.groups if g.higher == "cstd_cap_tinh")
    assert [s.recipient for s in group.due] == [register.em]
    assert [s.recipient for s in group.ready] == [register.dung]
    assert 'id="due-cstd_cap_tinh-individual"' in response.content.decode()


def test_home_page_draws_the_charts_without_scripts(
    client: Any, register: SimpleNamespace, secretariat_user: Any
) -> None:
    client.force_login(secretariat_user)

    response = client.get(reverse("reports:home"))

    content = response.content.decode()
    assert response.context["d"].year == 2024
    assert content.count('<svg class="chart report-chart') == 3
    # 3 years × 2 segments in each column chart, one circle a year and line in the shares.
    assert content.count('data-series="') == 3 * 2 * 2 + 3 * 2
    assert "<script" not in content
    assert 'data-series="' in content
