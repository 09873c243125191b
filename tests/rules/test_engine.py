"""Concrete legal cases per regime, judged by the pure engine (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.rules.engine import Request, judge, months_of_service
from tdkt.rules.facts import Leave, PersonYear

LDTT = "lao_dong_tien_tien"


# --- r2017 -----------------------------------------------------------------------------------


def test_ldtt_grade_pass_fails_with_vietnamese_message(make_person, judge_one):
    verdict = judge_one(make_person(grade="hoan_thanh"), LDTT, "2018-01-15")

    assert verdict.eligible is False
    assert [(f.condition, f.message, f.citation) for f in verdict.failed] == [
        (
            "grade_at_least",
            "Xếp loại năm 2017 là Hoàn thành nhiệm vụ, chưa đạt Hoàn thành tốt nhiệm vụ trở lên",
            "Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)",
        )
    ]
    assert verdict.regime == "r2017"
    assert verdict.reward_vnd == 390000


def test_ldtt_missing_grade_fails_and_says_it_is_missing(make_person, judge_one):
    verdict = judge_one(make_person(grade=None), LDTT, "2018-01-15")

    assert [f.message for f in verdict.failed] == [
        "Chưa có xếp loại năm 2017; cần đạt Hoàn thành tốt nhiệm vụ trở lên"
    ]


@pytest.mark.parametrize(
    ("recruited_on", "eligible"),
    [(dt.date(2017, 3, 1), True), (dt.date(2017, 3, 2), False), (dt.date(2017, 6, 1), False)],
)
def test_ldtt_r2017_needs_ten_months(make_person, judge_one, recruited_on, eligible):
    verdict = judge_one(make_person(recruited_on=recruited_on), LDTT, "2018-01-15")

    assert verdict.eligible is eligible
    assert verdict.failed_codes == (() if eligible else ("tenure_months",))


def test_ldtt_reprimand_fails_r2017(make_person, judge_one):
    verdict = judge_one(make_person(discipline=("khien_trach",)), LDTT, "2018-01-15")

    assert verdict.failed_codes == ("no_discipline",)
    assert verdict.failed[0].message == (
        "Bị kỷ luật khiển trách trong năm 2017;"
        " không xét tặng khi bị kỷ luật từ khiển trách trở lên"
    )


@pytest.mark.parametrize(
    ("result", "failed"),
    [("kha", ()), ("gioi", ()), ("trung_binh", ("long_training",)), (None, ("long_training",))],
)
def test_ldtt_long_training_needs_kha_under_r2017(make_person, judge_one, result, failed):
    leave = (Leave("training_1_year_plus", 200, result),)

    verdict = judge_one(make_person(leave=leave), LDTT, "2018-01-15")

    assert verdict.failed_codes == failed


def test_cstd_co_so_accepts_research_or_a_wider_initiative(make_person, judge_one):
    by_research = make_person(titles=(LDTT,), research=("co_so",))
    by_provincial = make_person(titles=(LDTT,), initiatives=("tinh",))

    assert judge_one(by_research, "cstd_co_so", "2018-01-15").eligible is True
    assert judge_one(by_provincial, "cstd_co_so", "2018-01-15").eligible is True


def test_cstd_co_so_without_advanced_worker_title_fails(make_person, judge_one):
    verdict = judge_one(make_person(initiatives=("co_so",)), "cstd_co_so", "2018-01-15")

    assert verdict.failed_codes == ("ldtt",)
    assert verdict.failed[0].message == "Chưa đạt danh hiệu Lao động tiên tiến năm 2017"


def test_cstd_co_so_excellent_without_initiative_fails_r2017_passes_r2024(make_person, judge_one):
    excellent = make_person(grade="hoan_thanh_xuat_sac", titles=(LDTT,), year=2023)

    before = judge_one(excellent, "cstd_co_so", "2023-12-31", year=2023)
    after = judge_one(excellent, "cstd_co_so", "2024-01-01", year=2023)

    assert (before.regime, before.eligible, before.failed_codes) == (
        "r2017",
        False,
        ("initiative",),
    )
    assert (after.regime, after.eligible, after.failed_codes) == ("r2024", True, ())


def test_tap_the_ldtt_half_of_members_is_not_enough(make_person, make_unit, judge_one):
    members = (make_person("a", titles=(LDTT,)), make_person("b"))

    verdict = judge_one(make_unit(members), "tap_the_ldtt", "2018-01-15")

    assert verdict.failed_codes == ("members_ldtt_share",)
    assert verdict.failed[0].message == (
        "Có 1/2 thành viên đạt danh hiệu Lao động tiên tiến năm 2017 (50%), cần trên 50%"
    )


def test_tap_the_ldxs_warned_member_fails_r2017_passes_r2024(make_person, make_unit, judge_one):
    members = tuple(
        make_person(f"m{i}", year=2023, titles=(LDTT,) if i < 7 else ()) for i in range(10)
    )
    members = (
        make_person("leader", year=2023, titles=(LDTT, "cstd_co_so"), discipline=("canh_cao",)),
        *members[1:],
    )
    excellent_unit = make_unit(members, year=2023, grade="hoan_thanh_xuat_sac")

    before = judge_one(excellent_unit, "tap_the_ldxs", "2023-12-31", year=2023)
    after = judge_one(excellent_unit, "tap_the_ldxs", "2024-01-01", year=2023)

    assert before.failed_codes == ("no_member_discipline",)
    assert "leader" in before.failed[0].message
    assert (after.eligible, after.failed_codes, after.reward_vnd) == (True, (), 2700000)


def test_cstd_cap_tinh_needs_three_consecutive_grassroots_titles(make_person, judge_one):
    history = {
        2015: PersonYear(titles=frozenset({"cstd_co_so"})),
        2016: PersonYear(titles=frozenset()),
    }
    fighter = make_person(titles=("cstd_co_so",), initiatives=("tinh",), history=history)

    verdict = judge_one(fighter, "cstd_cap_tinh", "2018-03-01")

    assert verdict.failed_codes == ("consecutive_cstd_co_so",)
    assert verdict.failed[0].message == (
        "Chưa đạt danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục đến năm 2017 (thiếu năm 2016)"
    )
    assert verdict.reward_vnd == 3900000


def test_award_for_the_wrong_kind_of_subject_fails(make_person, make_unit, judge_one):
    verdict = judge_one(make_unit((make_person(),)), LDTT, "2018-01-15")

    assert verdict.failed_codes == ("awarded_to",)
    assert verdict.failed[0].message == "Lao động tiên tiến không xét tặng cho tập thể"
    assert verdict.reward_vnd is None


# --- r2014 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leave", "failed"),
    [
        (Leave("sick_leave", 39), ()),
        (Leave("sick_leave", 40), ("absent_days",)),
        (Leave("maternity_leave", 120), ()),
        (Leave("training_1_year_plus", 150, "kha"), ()),
        (Leave("training_1_year_plus", 150, "trung_binh"), ("absent_days",)),
    ],
)
def test_r2014_absence_of_forty_working_days_excludes(make_person, judge_one, leave, failed):
    verdict = judge_one(make_person(year=2016, leave=(leave,)), LDTT, "2017-01-10", year=2016)

    assert verdict.regime == "r2014"
    assert verdict.failed_codes == failed


def test_r2014_absence_rule_ends_on_30_september_2017(make_person, judge_one):
    absent = make_person(leave=(Leave("sick_leave", 45),))

    before = judge_one(absent, LDTT, "2017-09-30")
    after = judge_one(absent, LDTT, "2017-10-01")

    assert (before.regime, before.failed_codes) == ("r2014", ("absent_days",))
    assert before.failed[0].message == (
        "Nghỉ 45 ngày làm việc trong năm 2017 (không kể thời gian được tính là thời gian công tác);"
        " nghỉ từ 40 ngày trở lên thì không được xét"
    )
    assert (after.regime, after.eligible) == ("r2017", True)


def test_r2014_unverified_money_is_flagged_for_review(make_person, judge_one):
    verdict = judge_one(make_person(year=2016), LDTT, "2017-01-10", year=2016)

    assert verdict.eligible is True
    assert verdict.reward_vnd == 370000  # 0.3 x 1,210,000 = 363,000 rounded up
    assert any("Hệ số tiền thưởng 0,3 chưa được xác minh" in item for item in verdict.needs_review)


# --- r2024 / r2025 ---------------------------------------------------------------------------


def test_r2024_six_month_rule_applies_from_15_april_2024(make_person, judge_one):
    newcomer = make_person(year=2023, recruited_on=dt.date(2023, 8, 1))  # 5 months

    before = judge_one(newcomer, LDTT, "2024-04-14", year=2023)
    after = judge_one(newcomer, LDTT, "2024-04-15", year=2023)

    assert (before.eligible, before.failed_codes) == (True, ())
    assert any("áp dụng từ ngày 15/04/2024" in item for item in before.needs_review)
    assert (after.eligible, after.failed_codes) == (False, ("tenure_months",))


def test_seven_months_fails_r2017_passes_r2024(make_person, judge_one):
    r2017_case = make_person(year=2022, recruited_on=dt.date(2022, 6, 1))
    r2024_case = make_person(year=2023, recruited_on=dt.date(2023, 6, 1))

    assert judge_one(r2017_case, LDTT, "2023-01-10", year=2022).failed_codes == ("tenure_months",)
    assert judge_one(r2024_case, LDTT, "2024-04-15", year=2023).eligible is True


def test_r2025_unverified_tenure_only_asks_for_review(make_person, judge_one):
    newcomer = make_person(year=2025, recruited_on=dt.date(2025, 8, 1))

    verdict = judge_one(newcomer, LDTT, "2026-01-10", year=2025)

    assert (verdict.regime, verdict.eligible, verdict.failed_codes) == ("r2025", True, ())
    assert any(item.startswith("Căn cứ chưa được xác minh") for item in verdict.needs_review)


def test_pending_investigation_blocks_from_2024(make_person, judge_one):
    verdict = judge_one(make_person(year=2024, pending=True), LDTT, "2025-01-10", year=2024)

    assert verdict.failed_codes == ("no_pending_proceedings",)


def test_commune_merit_certificate_money_doubles_on_1_july_2025(make_person, judge_one):
    someone = make_person(year=2025)

    before = judge_one(someone, "giay_khen_ct_xa", "2025-06-30", year=2025)
    after = judge_one(someone, "giay_khen_ct_xa", "2025-07-01", year=2025)

    assert (before.regime, before.reward_vnd) == ("r2024", 360000)  # 0.15 x 2,340,000 = 351,000
    assert (after.regime, after.reward_vnd) == ("r2025", 710000)  # 0.3 x 2,340,000 = 702,000


def test_r2025_household_gets_one_and_a_half_times(make_person, make_unit, judge_one):
    household = make_unit((), kind="household", year=2025)
    collective = make_unit((make_person(year=2025),), year=2025)

    assert judge_one(household, "giay_khen_ct_xa", "2025-08-01", year=2025).reward_vnd == 1060000
    assert judge_one(collective, "giay_khen_ct_xa", "2025-08-01", year=2025).reward_vnd is None


def test_district_certificate_is_gone_in_r2025(make_person, judge_one):
    verdict = judge_one(make_person(year=2025), "giay_khen_ct_huyen", "2025-07-01", year=2025)

    assert (verdict.eligible, verdict.failed_codes) == (False, ("award_not_in_regime",))
    assert verdict.reward_vnd is None


def test_r2025_remaps_district_authority_to_commune(book):
    r2024, r2025 = book.regime("r2024"), book.regime("r2025")

    assert "chu_tich_ubnd_huyen" in r2024.awards["cstd_co_so"].authority
    assert "chu_tich_ubnd_huyen" not in r2025.awards["cstd_co_so"].authority
    assert "chu_tich_ubnd_xa" in r2025.awards["cstd_co_so"].authority
    assert r2025.awards["xa_tieu_bieu"].name_vi == "Xã, phường, đặc khu tiêu biểu"


# --- queries for set-based evaluation ---------------------------------------------------------


def test_thresholds_of_ldtt_follow_the_decision_date(book):
    r2017 = book.regime("r2017").thresholds(LDTT)
    early_2024 = book.regime("r2024").thresholds(LDTT, dt.date(2024, 4, 14))
    late_2024 = book.regime("r2024").thresholds(LDTT, dt.date(2024, 4, 15))

    assert (r2017.min_grade, r2017.min_tenure_months, r2017.discipline_excludes_from) == (
        "hoan_thanh_tot",
        10,
        "khien_trach",
    )
    assert r2017.long_training_min_result == "kha"
    assert (early_2024.min_tenure_months, early_2024.not_in_force) == (None, ("tenure_months",))
    assert (late_2024.min_tenure_months, late_2024.excludes_pending) == (6, True)


def test_thresholds_of_cstd_co_so_list_required_titles_and_quota(book):
    thresholds = book.regime("r2017").thresholds("cstd_co_so")

    assert thresholds.required_titles == ((LDTT, 0),)
    assert [c.predicate for c in thresholds.alternatives[0]] == [
        "initiative_recognized",
        "research_accepted",
        "combat_ingenuity_recognized",
    ]
    assert thresholds.quota is not None
    assert (thresholds.quota.max_pct, thresholds.quota.rounding) == (15, "floor")


@pytest.mark.parametrize(("yes", "passes"), [(27, True), (26, False)])
def test_vote_threshold_is_ninety_percent_of_all_members(book, yes, passes):
    rule = book.regime("r2017").vote_rule("cstd_cap_tinh")

    assert rule is not None
    assert rule.passes(yes_votes=yes, members=30, present=28) is passes


def test_disclosure_period_of_state_awards(book):
    disclosure = book.regime("r2025").disclosure_for("cstd_toan_quoc")

    assert disclosure is not None
    assert (disclosure.days, disclosure.unit, disclosure.status) == (10, "working_days", "V")


# --- quotas ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("holders", "limit"), [(2, 0), (6, 0), (7, 1), (20, 3), (100, 15)])
def test_cstd_quota_is_floor_of_fifteen_percent(book, holders, limit):
    quota = book.regime("r2017").awards["cstd_co_so"].quota

    assert quota is not None
    assert quota.limit(holders) == limit


def test_quota_marks_first_eligible_requests_within_limit(book, make_person, make_unit):
    people = {
        f"p{i}": make_person(f"p{i}", titles=(LDTT,), initiatives=("co_so",) if i < 3 else ())
        for i in range(7)
    }
    units = {"u": make_unit(tuple(people.values()))}
    requests = [Request(f"p{i}", "cstd_co_so") for i in range(7)]

    judgement = judge(
        requests, people, units, year=2017, decision_date=dt.date(2018, 1, 15), book=book
    )

    (quota,) = judgement.quotas
    assert (quota.limit, quota.eligible_requests, quota.base_count) == (1, 3, 7)
    assert (quota.within_quota, quota.over_quota) == (("p0",), ("p1", "p2"))


def test_months_of_service_counts_to_the_end_of_the_year():
    assert months_of_service(dt.date(2017, 3, 1), 2017) == 10
    assert months_of_service(dt.date(2017, 3, 2), 2017) == 9
    assert months_of_service(dt.date(2018, 3, 1), 2017) == 0
