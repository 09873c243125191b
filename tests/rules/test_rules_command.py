"""`tdkt rules check` and `tdkt rules test`."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

CASES_DIR = Path(__file__).parent / "cases"
SHARED_CASE = Path(__file__).parents[3] / "shared" / "cases" / "r2017-ward.yaml"
WARD_CASE = CASES_DIR / "r2017-ward.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("rules", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture(params=[SHARED_CASE, WARD_CASE], ids=["shared", "copy"])
def ward_case(request) -> Path:
    if not request.param.exists():
        pytest.skip(f"{request.param} is not present")
    return request.param


def test_check_json_gives_the_verdicts_the_ward_case_states(ward_case):
    code, out, _err = _run("check", str(ward_case), "--format", "json")

    result = json.loads(out)
    assert code == 0
    assert list(result) == ["regime", "decision_date", "base_salary_vnd", "verdicts", "quotas"]
    assert (result["regime"], result["decision_date"], result["base_salary_vnd"]) == (
        "r2017",
        "2018-01-15",
        1300000,
    )
    assert [
        (
            v["subject"],
            v["award"],
            v["eligible"],
            [f["condition"] for f in v["failed"]],
            v["reward_vnd"],
        )
        for v in result["verdicts"]
    ] == [
        ("an", "cstd_co_so", True, [], 1300000),
        ("binh", "cstd_co_so", False, ["initiative"], 1300000),
        ("chi", "lao_dong_tien_tien", False, ["tenure_months"], 390000),
        ("ward", "tap_the_ldtt", True, [], 1040000),
    ]
    assert list(result["verdicts"][0]) == [
        "subject", "award", "eligible", "failed", "needs_review", "citations", "reward_vnd"
    ]  # fmt: skip
    assert result["verdicts"][2]["failed"][0] == {
        "condition": "tenure_months",
        "message": (
            "Tuyển dụng ngày 01/06/2017, đến hết năm 2017 mới công tác 7 tháng, chưa đủ 10 tháng"
        ),
        "citation": "Điều 10 Nghị định 91/2017/NĐ-CP",
    }
    assert result["quotas"] == [
        {"unit": "ward", "award": "cstd_co_so", "limit": 0, "eligible_requests": 1}
    ]


def test_check_text_is_a_vietnamese_report(ward_case):
    code, out, _err = _run("check", str(ward_case))

    assert code == 0
    assert "an — Chiến sĩ thi đua cơ sở: ĐỦ ĐIỀU KIỆN" in out
    assert "chi — Lao động tiên tiến: KHÔNG ĐỦ ĐIỀU KIỆN" in out
    assert "Tiền thưởng: 1.300.000 đồng (Một triệu ba trăm nghìn đồng)" in out
    assert "tối đa 0 (15% của 2, làm tròn xuống); đủ điều kiện 1 — VƯỢT 1: an" in out


def test_check_reads_json_case_files(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(
        json.dumps(
            {
                "decision_date": "2025-01-15",
                "year": 2024,
                "people": [
                    {
                        "id": "p",
                        "recruited_on": "2010-01-01",
                        "years": {"2024": {"grade": "hoan_thanh_tot"}},
                    }
                ],
                "requests": [{"subject": "p", "award": "lao_dong_tien_tien"}],
            }
        ),
        encoding="utf-8",
    )

    code, out, _err = _run("check", str(path), "--format", "json")

    assert code == 0
    assert json.loads(out)["verdicts"][0]["reward_vnd"] == 710000


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (("award: tap_the_ldtt", "award: tap_the_ldtt_xx"), "requests[3].award (dòng 30)"),
        (("decision_date: 2018-01-15\n", ""), "đầu tệp: thiếu trường bắt buộc “decision_date”"),
        (
            ("recruited_on: 2017-06-01", "recruited_on: 2017-06-31"),
            "people[2].recruited_on (dòng 23)",
        ),
        (
            ("2017: {grade: hoan_thanh_tot}\npeople", "2017: {grade: tot}\npeople"),
            "units[0].years.2017.grade (dòng 9)",
        ),
        (("subject: binh, award", "subject: binhh, award"), "requests[1].subject (dòng 28)"),
    ],
)
def test_check_invalid_file_exits_2_naming_the_place(tmp_path, change, place):
    text = WARD_CASE.read_text(encoding="utf-8").replace(*change)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")

    code, out, err = _run("check", str(path))

    assert code == 2
    assert out == ""
    assert err.startswith("Tệp tình huống không hợp lệ: ")
    assert place in err


def test_check_refuses_a_date_without_regime(tmp_path):
    text = WARD_CASE.read_text(encoding="utf-8").replace("2018-01-15", "2010-01-15")
    path = tmp_path / "old.yaml"
    path.write_text(text, encoding="utf-8")

    code, _out, err = _run("check", str(path))

    assert code == 2
    assert "không có chế độ pháp luật nào có hiệu lực vào ngày 2010-01-15" in err


def test_check_of_a_missing_file_says_so_in_vietnamese(tmp_path):
    code, out, err = _run("check", str(tmp_path / "khong-co.yaml"))

    assert (code, out) == (2, "")
    assert err.strip().endswith("khong-co.yaml: đầu tệp: không có tệp này")
    assert "Errno" not in err


def test_check_text_explains_a_province_minimum_quota(settings, tmp_path):
    override = tmp_path / "tinh.yaml"
    override.write_text(
        "source: Quyết định của UBND tỉnh\n"
        "regimes:\n  r2017:\n    awards:\n      cstd_co_so:\n"
        "        quota: {min_limit: 1, citation: Điều 5 Quyết định của UBND tỉnh, status: V}\n",
        encoding="utf-8",
    )
    settings.TDKT_RULES_OVERRIDES = [str(override)]  # the rule book is cached per override list

    code, out, _err = _run("check", str(WARD_CASE), "--format", "text")

    assert code == 0
    assert (
        "tối đa 1 (15% của 2, làm tròn xuống còn 0, nâng lên mức tối thiểu 1); đủ điều kiện 1\n"
    ) in out


def test_rules_test_runs_the_project_cases():
    code, out, _err = _run("test", str(CASES_DIR))

    files = sorted(CASES_DIR.glob("*.yaml"))
    assert code == 0
    assert out.strip().splitlines()[-1] == f"{len(files)} passed, 0 failed"


def test_rules_test_reports_a_wrong_expectation_and_exits_1(tmp_path):
    text = WARD_CASE.read_text(encoding="utf-8").replace(
        "{subject: binh, award: cstd_co_so, eligible: false",
        "{subject: binh, award: cstd_co_so, eligible: true",
    )
    (tmp_path / "wrong.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "right.yaml").write_text(WARD_CASE.read_text(encoding="utf-8"), encoding="utf-8")

    code, out, _err = _run("test", str(tmp_path))

    assert code == 1
    assert "binh / cstd_co_so: eligible mong đợi True, kết quả False" in out
    assert out.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_project_cases_cover_every_award_of_every_regime_and_every_boundary(book):
    """Every award, for every kind of subject it is given to, is judged on both sides of each
    regime boundary and of each base salary change (read from the rules, not listed here)."""
    from tdkt.rules.cases import read_case

    judged: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(CASES_DIR.glob("*.yaml")):
        case = read_case(path, book)
        kinds = {ident: unit.kind for ident, unit in case.units.items()}
        day = judged.setdefault(case.decision_date.isoformat(), set())
        day |= {(r.award, kinds.get(r.subject, "individual")) for r in case.requests}

    first = book.regimes[0].effective_from
    changes = [r.effective_from for r in book.regimes[1:]]
    changes += [s.effective_from for s in book.base_salaries if s.effective_from > first]
    assert len(changes) == 10  # 3 regime boundaries, 7 base salary changes
    for change in changes:
        for day in (change - dt.timedelta(days=1), change):
            wanted = {
                (code, kind)
                for code, rule in book.regime_for(day).awards.items()
                for kind in rule.awarded_to
            }
            missing = wanted - judged.get(day.isoformat(), set())
            assert not missing, (day, sorted(missing))
    assert {"2024-04-14", "2024-04-15"} <= judged.keys()  # TT 01/2024's six months
