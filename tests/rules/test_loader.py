"""The loader refuses broken legal files, naming the file and the item, and applies overrides."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from tdkt.rules.engine import evaluate
from tdkt.rules.loader import RulesDataError, load_rulebook
from tdkt.rules.regime import NoRegimeError


def _criteria(doc, award):
    return doc["awards"][award]["criteria"]


def _load_error(regime_dir, overrides=()):
    with pytest.raises(RulesDataError) as caught:
        load_rulebook(regime_dir, overrides)
    return caught.value


def test_shipped_rules_load_with_four_contiguous_regimes(book):
    assert [r.id for r in book.regimes] == ["r2014", "r2017", "r2024", "r2025"]
    assert [(r.effective_from, r.effective_to) for r in book.regimes] == [
        (dt.date(2014, 8, 15), dt.date(2017, 9, 30)),
        (dt.date(2017, 10, 1), dt.date(2023, 12, 31)),
        (dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2025, 7, 1), None),
    ]


@pytest.mark.parametrize(
    ("day", "regime"),
    [
        ("2017-09-30", "r2014"),
        ("2017-10-01", "r2017"),
        ("2023-12-31", "r2017"),
        ("2024-01-01", "r2024"),
        ("2025-06-30", "r2024"),
        ("2025-07-01", "r2025"),
    ],
)
def test_regime_is_chosen_by_decision_date(book, day, regime):
    assert book.regime_for(dt.date.fromisoformat(day)).id == regime


def test_no_regime_before_the_first_one(book):
    with pytest.raises(NoRegimeError):
        book.regime_for(dt.date(2014, 8, 14))


def test_every_criterion_and_money_item_carries_a_citation_and_status(book):
    for regime in book.regimes:
        for rule in regime.awards.values():
            items = [*rule.criteria, rule.coefficient, rule.quota]
            for item in (i for i in items if i is not None):
                assert item.citation, (regime.id, rule.code)
                assert item.status in {"V", "P", "UNVERIFIED"}, (regime.id, rule.code)


def test_missing_citation_names_file_and_criterion(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2017.yaml",
        lambda doc: _criteria(doc, "lao_dong_tien_tien")[2].pop("citation"),
    )

    error = _load_error(regime_dir)

    assert error.file == "r2017.yaml"
    assert error.item == "awards.lao_dong_tien_tien.criteria[2] (tenure_months)"
    assert "citation" in error.message


def test_missing_coefficient_citation_is_refused(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2024.yaml",
        lambda doc: doc["awards"]["cstd_co_so"]["coefficient"].pop("citation"),
    )

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2024.yaml", "awards.cstd_co_so.coefficient")


def test_unknown_predicate_is_refused(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2017.yaml",
        lambda doc: _criteria(doc, "cstd_co_so")[0].update(predicate="has_medal"),
    )

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2017.yaml", "awards.cstd_co_so.criteria[0]")
    assert "has_medal" in error.message


def test_unknown_parameter_is_refused(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2017.yaml",
        lambda doc: _criteria(doc, "lao_dong_tien_tien")[2].update(weeks=40),
    )

    error = _load_error(regime_dir)

    assert error.item == "awards.lao_dong_tien_tien.criteria[2]"
    assert "weeks" in error.message


def test_missing_parameter_is_refused(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2017.yaml", lambda doc: _criteria(doc, "lao_dong_tien_tien")[2].pop("months")
    )

    error = _load_error(regime_dir)

    assert error.item == "awards.lao_dong_tien_tien.criteria[2] (tenure_months)"
    assert "months" in error.message


def test_unknown_title_referenced_is_refused(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2017.yaml",
        lambda doc: _criteria(doc, "cstd_co_so")[0].update(title="lao_dong_gioi"),
    )

    error = _load_error(regime_dir)

    assert error.item == "awards.cstd_co_so.criteria[0] (ldtt).title"
    assert "lao_dong_gioi" in error.message


def test_bad_date_is_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2024.yaml", lambda doc: doc.update(effective_from="2024-13-01"))

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2024.yaml", "effective_from")
    assert "2024-13-01" in error.message


def test_overlapping_regimes_are_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2017.yaml", lambda doc: doc.update(effective_to="2024-01-05"))

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2024.yaml", "effective_from")
    assert "r2017" in error.message


def test_gap_between_regimes_is_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2024.yaml", lambda doc: doc.update(effective_from="2024-02-01"))

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2024.yaml", "effective_from")


def test_regime_ending_before_it_starts_is_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2017.yaml", lambda doc: doc.update(effective_to="2016-01-01"))

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2017.yaml", "effective_to")


def test_unordered_base_salaries_are_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "base_salary.yaml", lambda doc: doc["series"].reverse())

    error = _load_error(regime_dir)

    assert error.file == "base_salary.yaml"


def test_duplicate_key_is_refused(regime_dir):
    path = regime_dir / "r2014.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nid: r2014\n", encoding="utf-8")

    error = _load_error(regime_dir)

    assert error.file == "r2014.yaml"
    assert "duplicate key" in error.message


def test_person_predicate_on_a_collective_award_is_refused(regime_dir, edit_yaml):
    def change(doc):
        _criteria(doc, "tap_the_ldtt").append(
            {
                "code": "grade",
                "predicate": "eval_grade_at_least",
                "grade": "hoan_thanh",
                "citation": "x",
                "status": "V",
            }
        )

    edit_yaml(regime_dir / "r2017.yaml", change)

    error = _load_error(regime_dir)

    assert error.item == "awards.tap_the_ldtt.criteria[5] (grade)"


def test_district_authority_left_in_a_regime_without_districts_is_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2025.yaml", lambda doc: doc.pop("authority_remap"))

    error = _load_error(regime_dir)

    assert error.file == "r2025.yaml"
    assert error.item.endswith(".authority")


# --- province overrides ---------------------------------------------------------------------


def _override(tmp_path, write_yaml, regimes, name="province.yaml"):
    return write_yaml(
        tmp_path / name, {"source": "Quyết định 12/2024/QĐ-UBND của UBND tỉnh", "regimes": regimes}
    )


def test_override_sets_a_quota_where_the_law_gives_none(tmp_path, write_yaml, make_person):
    path = _override(
        tmp_path,
        write_yaml,
        {
            "r2024": {
                "awards": {
                    "cstd_co_so": {
                        "quota": {
                            "basis": "title_holders",
                            "of_title": "lao_dong_tien_tien",
                            "max_pct": 20,
                            "rounding": "ceil",
                            "citation": "Điều 5 Quyết định 12/2024/QĐ-UBND",
                            "status": "V",
                        }
                    }
                }
            }
        },
    )

    book = load_rulebook(overrides=[path])

    quota = book.regime("r2024").awards["cstd_co_so"].quota
    assert quota is not None
    assert (quota.max_pct, quota.limit(2)) == (Decimal(20), 1)
    # r2025 inherits r2024, so it inherits the province's quota too.
    assert book.regime("r2025").awards["cstd_co_so"].quota == quota
    assert book.regime("r2024").sources == ("r2024.yaml", str(path))


def test_override_adds_a_criterion_and_changes_vote_and_rounding(tmp_path, write_yaml, make_person):
    path = _override(
        tmp_path,
        write_yaml,
        {
            "r2017": {
                "money": {
                    "rounding": {"mode": "nearest", "citation": "Công văn 1/STC", "status": "V"}
                },
                "council": {
                    "votes": {
                        "cstd_cap_tinh": {
                            "threshold_pct": 95,
                            "citation": "Quy chế Hội đồng tỉnh",
                            "status": "V",
                        }
                    }
                },
                "awards": {
                    "lao_dong_tien_tien": {
                        "criteria": [
                            {
                                "code": "no_fine",
                                "predicate": "manual",
                                "text": "Không bị xử phạt vi phạm hành chính trong năm",
                                "citation": "Điều 4 Quyết định 12/2024/QĐ-UBND",
                                "status": "V",
                            }
                        ]
                    }
                },
            }
        },
    )

    book = load_rulebook(overrides=[path])
    regime = book.regime("r2017")
    verdict = evaluate(
        make_person(),
        "lao_dong_tien_tien",
        year=2017,
        decision_date=dt.date(2018, 1, 15),
        book=book,
    )

    assert regime.rounding.mode == "nearest"
    assert regime.rounding.unit == 10000
    vote = regime.vote_rule("cstd_cap_tinh")
    assert vote is not None
    assert (vote.threshold_pct, vote.base) == (95, "all_members")
    assert [c.code for c in regime.awards["lao_dong_tien_tien"].criteria][-1] == "no_fine"
    assert verdict.reward_vnd == 390000
    assert any("xử phạt vi phạm hành chính" in item for item in verdict.needs_review)


def test_override_removes_a_criterion_by_code(tmp_path, write_yaml):
    path = _override(
        tmp_path,
        write_yaml,
        {
            "r2024": {
                "awards": {
                    "tap_the_ldtt": {
                        "criteria": [
                            {
                                "code": "no_member_discipline",
                                "remove": True,
                                "citation": "Hướng dẫn của tỉnh",
                                "status": "V",
                            }
                        ]
                    }
                }
            }
        },
    )

    book = load_rulebook(overrides=[path])

    codes = [c.code for c in book.regime("r2024").awards["tap_the_ldtt"].criteria]
    assert "no_member_discipline" not in codes


def test_override_without_citation_is_refused(tmp_path, write_yaml):
    path = _override(
        tmp_path, write_yaml, {"r2017": {"awards": {"cstd_co_so": {"quota": {"max_pct": 10}}}}}
    )

    with pytest.raises(RulesDataError) as caught:
        load_rulebook(overrides=[path])

    assert (caught.value.file, caught.value.item) == (
        str(path),
        "regimes.r2017.awards.cstd_co_so.quota",
    )


def test_override_of_an_unknown_regime_is_refused(tmp_path, write_yaml):
    path = _override(tmp_path, write_yaml, {"r2030": {}})

    with pytest.raises(RulesDataError) as caught:
        load_rulebook(overrides=[path])

    assert caught.value.item == "regimes.r2030"


def test_bad_override_stops_start_up(tmp_path, write_yaml, settings):
    path = _override(tmp_path, write_yaml, {"r2017": {"money": {"rounding": {"mode": "up"}}}})
    settings.TDKT_RULES_OVERRIDES = [str(path)]

    with pytest.raises(ImproperlyConfigured, match=r"province\.yaml"):
        apps.get_app_config("legal_rules").ready()


def test_invalid_yaml_names_the_line(regime_dir):
    path = regime_dir / "r2014.yaml"
    path.write_text("id: r2014\nawards: [unclosed\n", encoding="utf-8")

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2014.yaml", "dòng 3")


def test_province_confirming_an_unverified_condition_makes_it_binding(
    tmp_path, write_yaml, make_person
):
    path = _override(
        tmp_path,
        write_yaml,
        {
            "r2025": {
                "awards": {
                    "lao_dong_tien_tien": {
                        "criteria": [
                            {
                                "code": "tenure_months",
                                "predicate": "tenure_months_at_least",
                                "months": 6,
                                "citation": "Điều 3 Quyết định 5/2025/QĐ-UBND",
                                "status": "V",
                            }
                        ]
                    }
                }
            }
        },
    )
    newcomer = make_person(year=2025, recruited_on=dt.date(2025, 8, 1))

    verdict = evaluate(
        newcomer,
        "lao_dong_tien_tien",
        year=2025,
        decision_date=dt.date(2026, 1, 10),
        book=load_rulebook(overrides=[path]),
    )

    assert (verdict.eligible, verdict.failed_codes) == (False, ("tenure_months",))
    assert verdict.failed[0].citation == "Điều 3 Quyết định 5/2025/QĐ-UBND"


def test_r2025_cites_its_own_decree_where_it_keeps_decree_98_values(book):
    regime = book.regime("r2025")
    citations = [c for rule in regime.awards.values() for c in rule.citation]
    for rule in regime.awards.values():
        citations += [c.citation for c in rule.criteria]
        citations += [rule.coefficient.citation] if rule.coefficient else []
    citations += [vote.citation for vote in regime.votes.values()]

    stale = [c for c in citations if "98/2023" in c or "01/2024" in c]
    assert stale
    assert all(c.startswith(("Nghị định 152/2025", "Thông tư 15/2025")) for c in stale), stale


# -- registration for emulation as a legal condition ------------------------------------------


def test_registration_is_a_condition_before_2024_and_information_after(book):
    required = {r.id: r.registration.required for r in book.regimes}

    assert required == {"r2014": True, "r2017": True, "r2024": False, "r2025": False}
    assert "06/2022/QH15" in book.regime_for(dt.date(2025, 7, 1)).registration.citation
    assert "Điều 10" in book.regime_for(dt.date(2018, 1, 1)).registration.citation


def test_registration_without_citation_is_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2017.yaml", lambda doc: doc["registration_required"].pop("citation"))

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2017.yaml", "registration_required")
    assert "citation" in error.message


def test_regime_without_registration_rule_is_refused(regime_dir, edit_yaml):
    edit_yaml(regime_dir / "r2024.yaml", lambda doc: doc.pop("registration_required"))

    error = _load_error(regime_dir)

    assert error.file == "r2024.yaml"
    assert "registration_required" in error.message


def test_registration_value_must_be_true_or_false(regime_dir, edit_yaml):
    edit_yaml(
        regime_dir / "r2014.yaml",
        lambda doc: doc["registration_required"].update(value="không"),
    )

    error = _load_error(regime_dir)

    assert (error.file, error.item) == ("r2014.yaml", "registration_required.value")
