"""The whole-year evaluation on concrete cases: verdicts, stored runs, scope, the command, Excel."""

from __future__ import annotations

import datetime as dt
import io
import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardRecord
from tdkt.organisations.models import Unit, UnitYearRecord
from tdkt.people.enums import Category, ContributionKind
from tdkt.people.models import Contribution, Person, ServicePeriod, YearRecord
from tdkt.rules.evaluation import (
    EvaluationError,
    check_register_against_rules,
    evaluate_year,
    run_evaluation,
)
from tdkt.rules.evaluation.export import VERDICT_HEADERS
from tdkt.rules.models import EvaluationQuota, EvaluationRun, EvaluationVerdict

YEAR = 2017
ON = dt.date(2018, 1, 15)  # regime r2017
GOOD, PASS = "hoan_thanh_tot", "hoan_thanh"


def _unit(code: str, parent: Unit | None = None, grade: str | None = GOOD) -> Unit:
    unit = Unit.objects.create(code=code, name=f"Đơn vị {code}", kind="division", parent=parent)
    if grade:
        UnitYearRecord.objects.create(unit=unit, year=YEAR, grade=grade)
    return unit


def _person(
    name: str,
    unit: Unit,
    grade: str | None = GOOD,
    *,
    recruited: dt.date = dt.date(2010, 1, 1),
    initiative: bool = False,
    titles: tuple[tuple[str, int], ...] = (),
) -> Person:
    person = Person.objects.create(full_name=name, gender="nam", recruited_on=recruited)
    ServicePeriod.objects.create(
        person=person, unit=unit, category=Category.CIVIL_SERVANT, start_on=recruited
    )
    if grade:
        YearRecord.objects.create(person=person, year=YEAR, unit=unit, grade=grade)
    if initiative:
        Contribution.objects.create(
            person=person, kind=ContributionKind.INITIATIVE, title="Sáng kiến", scope="co_so",
            year=YEAR,
        )  # fmt: skip
    for code, year in titles:
        AwardRecord.objects.create(
            person=person, award_code=code, year=year, decision_number=f"{year}-{code}",
            decision_date=dt.date(year + 1, 1, 16), issuer="Chủ tịch UBND quận Cẩm Lệ",
        )  # fmt: skip
    return person


def _verdict(result: Any, award: str, subject: Person | Unit) -> tuple[bool, tuple, tuple]:
    title = result.title(award)
    index = title.subjects.index(subject.pk)
    failed = title.failed(index)
    return (
        title.eligible[index],
        tuple(f.condition for f in failed),
        tuple(f.message for f in failed),
    )


@pytest.fixture
def district(db: Any) -> SimpleNamespace:
    district = Unit.objects.create(code="ev-district", name="Quận thử nghiệm", kind="district")
    ward_a = _unit("ev-a", district)
    ward_b = _unit("ev-b", district)
    return SimpleNamespace(district=district, ward_a=ward_a, ward_b=ward_b)


@pytest.mark.django_db
def test_tenure_fails_when_recruited_too_recently(district: SimpleNamespace) -> None:
    late = _person("Nguyễn Văn Muộn", district.ward_a, recruited=dt.date(2017, 3, 2))
    just = _person("Trần Thị Kịp", district.ward_a, recruited=dt.date(2017, 3, 1))

    result = evaluate_year(YEAR, decision_date=ON, unit=district.district)

    assert _verdict(result, "lao_dong_tien_tien", late) == (
        False,
        ("tenure_months",),
        ("Tuyển dụng ngày 02/03/2017, đến hết năm 2017 mới công tác 9 tháng, chưa đủ 10 tháng",),
    )
    assert _verdict(result, "lao_dong_tien_tien", just) == (True, (), ())


@pytest.mark.django_db
def test_unit_with_exactly_half_advanced_workers_fails_tap_the_ldtt(
    district: SimpleNamespace,
) -> None:
    for index in range(2):
        _person(f"Lê Văn Tốt {index}", district.ward_a, GOOD)
        _person(f"Lê Văn Đạt {index}", district.ward_a, PASS)
    for index in range(3):
        _person(f"Phạm Thị Tốt {index}", district.ward_b, GOOD)
    _person("Phạm Thị Đạt", district.ward_b, PASS)

    result = evaluate_year(YEAR, decision_date=ON, unit=district.district)

    assert _verdict(result, "tap_the_ldtt", district.ward_a) == (
        False,
        ("members_ldtt_share",),
        ("Có 2/4 thành viên đạt danh hiệu Lao động tiên tiến năm 2017 (50%), cần trên 50%",),
    )
    assert _verdict(result, "tap_the_ldtt", district.ward_b) == (True, (), ())


@pytest.mark.django_db
def test_cstd_co_so_takes_ldtt_from_the_same_pass_or_the_register(
    district: SimpleNamespace,
) -> None:
    same_pass = _person("Võ Văn Cùng", district.ward_a, GOOD, initiative=True)
    registered = _person(
        "Võ Văn Sổ", district.ward_a, PASS, initiative=True,
        titles=(("lao_dong_tien_tien", YEAR),),
    )  # fmt: skip
    neither = _person("Võ Văn Không", district.ward_a, PASS, initiative=True)

    result = evaluate_year(YEAR, decision_date=ON, unit=district.district)

    assert _verdict(result, "cstd_co_so", same_pass)[:2] == (True, ())
    assert _verdict(result, "lao_dong_tien_tien", registered)[:2] == (False, ("grade_at_least",))
    assert _verdict(result, "cstd_co_so", registered)[:2] == (True, ())
    assert _verdict(result, "cstd_co_so", neither) == (
        False,
        ("ldtt",),
        ("Chưa đạt danh hiệu Lao động tiên tiến năm 2017",),
    )


@pytest.mark.django_db
def test_two_years_of_cstd_co_so_make_the_provincial_title_due_next_year(
    district: SimpleNamespace,
) -> None:
    due = _person(
        "Đặng Thị Hai", district.ward_a, GOOD, initiative=True,
        titles=(("cstd_co_so", YEAR - 1),),
    )  # fmt: skip
    gap = _person(
        "Đặng Thị Cách", district.ward_a, GOOD, initiative=True,
        titles=(("cstd_co_so", YEAR - 2),),
    )  # fmt: skip

    result = evaluate_year(YEAR, decision_date=ON, unit=district.district)
    title = result.title("cstd_cap_tinh")

    assert _verdict(result, "cstd_cap_tinh", due)[:2] == (
        False,
        ("consecutive_cstd_co_so", "initiative_province"),
    )
    assert title.notes[title.subjects.index(due.pk)] == (
        {
            "kind": "due_next_year",
            "condition": "consecutive_cstd_co_so",
            "title": "cstd_co_so",
            "count": 3,
            "streak": 2,
            "next_year": 2018,
        },
    )
    assert title.subjects.index(gap.pk) not in title.notes


@pytest.mark.django_db
def test_quota_counts_eligible_fighters_against_fifteen_percent(
    district: SimpleNamespace,
) -> None:
    for index in range(5):
        _person(f"Bùi Văn Thường {index}", district.ward_a, GOOD)
    for index in range(2):
        _person(f"Bùi Văn Giỏi {index}", district.ward_a, GOOD, initiative=True)

    result = evaluate_year(YEAR, decision_date=ON, unit=district.district)

    quotas = [(q.unit, q.award, q.base_count, q.limit, q.eligible) for q in result.quotas]
    assert quotas == [(district.ward_a.pk, "cstd_co_so", 7, 1, 2)]


@pytest.mark.django_db
def test_person_without_a_yearly_record_is_judged_with_a_missing_grade(
    district: SimpleNamespace,
) -> None:
    ungraded = _person("Hồ Văn Chưa", district.ward_a, None)

    result = evaluate_year(YEAR, decision_date=ON, unit=district.district)

    assert _verdict(result, "lao_dong_tien_tien", ungraded) == (
        False,
        ("grade_at_least",),
        ("Chưa có xếp loại năm 2017; cần đạt Hoàn thành tốt nhiệm vụ trở lên",),
    )


@pytest.mark.django_db
def test_a_second_run_replaces_the_first_of_the_same_year_and_units(
    district: SimpleNamespace,
) -> None:
    _person("Ngô Văn Một", district.ward_a, GOOD)
    _person("Ngô Văn Hai", district.ward_b, PASS)
    first, _result = run_evaluation(YEAR, decision_date=ON, unit=district.district)
    old_ids = set(EvaluationVerdict.objects.filter(run=first).values_list("pk", flat=True))
    ward_run, _result = run_evaluation(YEAR, decision_date=ON, unit=district.ward_a)

    second, _result = run_evaluation(YEAR, decision_date=ON, unit=district.district)

    runs = EvaluationRun.objects.filter(year=YEAR).order_by("pk")
    assert list(runs) == [ward_run, second]
    assert not EvaluationVerdict.objects.filter(pk__in=old_ids).exists()
    assert EvaluationVerdict.objects.filter(run=second).count() == 2 * 3 + 2 * 2
    assert second.titles[0] == {
        "award": "lao_dong_tien_tien",
        "kind": "individual",
        "name": "Lao động tiên tiến",
        "eligible": 1,
        "not_eligible": 1,
        "reward_vnd": 390000,
        "citations": [
            "Điều 24 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)",
            "Điều 10, Điều 43 Nghị định 91/2017/NĐ-CP",
            "Điều 69 Nghị định 91/2017/NĐ-CP",
        ],
        "review": [
            "Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; có tinh thần"
            " tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua; tích"
            " cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ; có đạo đức, lối sống lành"
            " mạnh (Khoản 2, 3, 4 Điều 24 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013))"
        ],
    }
    stored = EvaluationVerdict.objects.get(
        run=second, award_code="lao_dong_tien_tien", person__full_name="Ngô Văn Hai"
    )
    assert (stored.eligible, stored.unit_id, stored.reward_vnd) == (
        False,
        district.ward_b.pk,
        390000,
    )
    assert stored.failed == [
        {
            "condition": "grade_at_least",
            "message": "Xếp loại năm 2017 là Hoàn thành nhiệm vụ, chưa đạt Hoàn thành tốt nhiệm vụ"
            " trở lên",
            "citation": "Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)",
        }
    ]


@pytest.mark.django_db
def test_stored_quota_and_note_rows(
    district: SimpleNamespace, client: Any, user_factory: Any
) -> None:
    for index in range(7):
        _person(
            f"Lý Văn Giỏi {index}", district.ward_a, GOOD, initiative=True,
            titles=(("cstd_co_so", YEAR - 1),),
        )  # fmt: skip

    run, _result = run_evaluation(YEAR, decision_date=ON, unit=district.district)

    quota = EvaluationQuota.objects.get(run=run)
    assert (quota.unit_id, quota.award_code, quota.eligible, quota.limit, quota.over) == (
        district.ward_a.pk, "cstd_co_so", 7, 1, 6,
    )  # fmt: skip
    notes = EvaluationVerdict.objects.filter(run=run, award_code="cstd_cap_tinh")
    assert [v.notes[0]["streak"] for v in notes] == [2] * 7
    client.force_login(user_factory("thuky_quota", Role.SECRETARIAT))
    html = client.get(f"/rules/evaluations/{run.pk}/").content.decode()
    over = html[
        html.index('id="quotas-over"') : html.index("</ul>", html.index('id="quotas-over"'))
    ]
    assert f'data-unit="{district.ward_a.pk}"' in over


@pytest.mark.django_db
def test_officer_evaluates_only_within_their_subtree(
    district: SimpleNamespace, user_factory: Any
) -> None:
    officer = user_factory("canbo_ev", Role.UNIT_OFFICER, district.ward_a)

    with pytest.raises(EvaluationError):
        run_evaluation(YEAR, decision_date=ON, unit=district.ward_b, user=officer)
    with pytest.raises(EvaluationError):
        run_evaluation(YEAR, decision_date=ON, unit=None, user=officer)
    with pytest.raises(EvaluationError):
        run_evaluation(YEAR, decision_date=ON, unit=district.district, user=officer)
    run, _result = run_evaluation(YEAR, decision_date=ON, unit=district.ward_a, user=officer)

    assert (run.unit, run.created_by) == (district.ward_a, officer)


@pytest.mark.django_db
def test_evaluation_refuses_a_year_and_a_date_it_cannot_judge(district: SimpleNamespace) -> None:
    with pytest.raises(EvaluationError):
        evaluate_year(1999)
    with pytest.raises(EvaluationError):
        evaluate_year(YEAR, decision_date=dt.date(2016, 12, 31))
    with pytest.raises(EvaluationError):
        evaluate_year(2013, decision_date=dt.date(2014, 1, 15))  # before the first regime


@pytest.mark.django_db
def test_command_evaluates_stores_and_prints_counts(
    district: SimpleNamespace, capsys: pytest.CaptureFixture[str]
) -> None:
    _person("Dương Văn Được", district.ward_a, GOOD)
    _person("Dương Văn Chưa", district.ward_a, PASS)

    call_command("rules", "evaluate", "--year", "2017", "--unit", "ev-district", "--format", "json")
    data = json.loads(capsys.readouterr().out)

    assert (data["year"], data["regime"], data["unit"], data["people"], data["units"]) == (
        2017, "r2017", "ev-district", 2, 2,
    )  # fmt: skip
    assert [(t["award"], t["eligible"], t["not_eligible"]) for t in data["titles"]] == [
        ("lao_dong_tien_tien", 1, 1),
        ("cstd_co_so", 0, 2),
        ("cstd_cap_tinh", 0, 2),
        ("tap_the_ldtt", 0, 2),
        ("tap_the_ldxs", 0, 2),
    ]
    assert EvaluationRun.objects.get(pk=data["run"]).unit == district.district


@pytest.mark.django_db
def test_command_text_output_and_errors(
    district: SimpleNamespace, capsys: pytest.CaptureFixture[str]
) -> None:
    _person("Dương Văn Được", district.ward_a, GOOD)
    call_command("rules", "evaluate", "--year", "2017", "--decision-date", "2018-01-16")
    out = capsys.readouterr().out
    assert "ĐÁNH GIÁ CẢ NĂM 2017 — tất cả đơn vị" in out
    assert "Lao động tiên tiến" in out
    assert "đủ điều kiện       1" in out

    with pytest.raises(SystemExit) as exit_info:
        call_command("rules", "evaluate", "--year", "2017", "--unit", "khong-co")
    assert exit_info.value.code == 2
    assert "Không có đơn vị nào có mã “khong-co”." in capsys.readouterr().err


@pytest.mark.django_db
def test_excel_export_sorts_names_and_neutralises_formulas(
    district: SimpleNamespace, client: Any, user_factory: Any
) -> None:
    _person("Trần Văn Bình", district.ward_a, GOOD)
    _person("Nguyễn Thị An", district.ward_a, PASS)
    _person('=HYPERLINK("http://x")', district.ward_a, PASS)
    run, _result = run_evaluation(YEAR, decision_date=ON, unit=district.district)
    client.force_login(user_factory("thuky_ev", Role.SECRETARIAT))

    response = client.get(f"/rules/evaluations/{run.pk}/export.xlsx?award=lao_dong_tien_tien")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Kết quả xét"].iter_rows(values_only=True))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert rows[0][0] == "KẾT QUẢ XÉT ĐIỀU KIỆN DANH HIỆU THI ĐUA NĂM 2017"
    assert list(rows[4]) == VERDICT_HEADERS
    assert [row[1] for row in rows[5:]] == [
        "Nguyễn Thị An", "Trần Văn Bình", "=HYPERLINK(\"http://x\")",
    ]  # fmt: skip
    assert [row[4] for row in rows[5:]] == [
        "Chưa đủ điều kiện", "Có thể được tặng", "Chưa đủ điều kiện",
    ]  # fmt: skip
    assert rows[5][5] == (
        "Xếp loại năm 2017 là Hoàn thành nhiệm vụ, chưa đạt Hoàn thành tốt nhiệm vụ trở lên"
    )
    assert rows[5][9] == 390000
    formula = book["Kết quả xét"].cell(row=8, column=2)
    assert (formula.value, formula.data_type) == ('=HYPERLINK("http://x")', "s")


@pytest.mark.django_db
def test_register_check_names_a_granted_title_the_rules_do_not_support(
    district: SimpleNamespace,
) -> None:
    _person("Mai Văn Đúng", district.ward_a, GOOD, titles=(("lao_dong_tien_tien", YEAR),))
    wrong = _person("Mai Văn Sai", district.ward_a, PASS, titles=(("lao_dong_tien_tien", YEAR),))

    problems = check_register_against_rules(YEAR)

    assert [(p.award, p.regime, [f.condition for f in p.failed]) for p in problems] == [
        ("lao_dong_tien_tien", "r2017", ["grade_at_least"])
    ]
    assert str(problems[0]).startswith(
        f"Mai Văn Sai (mã {wrong.pk}) — Lao động tiên tiến năm 2017"
        " (quyết định 2017-LAO_DONG_TIEN_TIEN ngày 16/01/2018, quy định r2017"
    )
