"""The legal rules page: every regime, its titles and criteria, unverified and overridden items
marked; login required, every role may read it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from tdkt.accounts.enums import Role
from tdkt.rules.loader import load_rulebook
from tdkt.rules.pages import override_marks
from tdkt.rules.regime import UNVERIFIED

OVERRIDE = """
source: "Quyết định 12/2024/QĐ-UBND của UBND thành phố Đà Nẵng"
regimes:
  r2024:
    awards:
      cstd_co_so:
        quota: {basis: title_holders, of_title: lao_dong_tien_tien, max_pct: 20, rounding: ceil,
                citation: "Điều 5 Quyết định 12/2024/QĐ-UBND", status: V}
"""


def _section(html: str, regime: str) -> str:
    start = html.index(f'<section class="rules-regime" id="{regime}"')
    return html[start : html.index("</section>", start)]


def _award(section: str, code: str) -> str:
    start = section.index(f'data-award="{code}"')
    end = section.find('<div class="rules-award', start)
    return section[start : end if end > 0 else len(section)]


def _criterion(award: str, code: str) -> str:
    start = award.index(f'data-criterion="{code}"')
    return award[start : award.index("</li>", start)]


@pytest.fixture
def page(db: Any, client: Any, user_factory: Any) -> str:
    client.force_login(user_factory("doc", Role.LEADER))
    response = client.get("/rules/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_rules_page_lists_every_regime_with_dates(page: str) -> None:
    book = load_rulebook()

    assert re.findall(r'<tr data-regime="(\w+)"', page) == [r.id for r in book.regimes]
    r2017 = _section(page, "r2017")
    assert "01/10/2017" in r2017
    assert "31/12/2023" in r2017
    assert "Nghị định 91/2017/NĐ-CP" in r2017
    assert "1.300.000 đồng" in page  # the base salary series


def test_rules_page_shows_criteria_coefficients_quotas_votes(page: str) -> None:
    r2017 = _section(page, "r2017")
    ldtt = _award(r2017, "lao_dong_tien_tien")
    cstd = _award(r2017, "cstd_co_so")

    assert "Hoàn thành tốt nhiệm vụ" in _criterion(ldtt, "grade_at_least")
    assert "10" in _criterion(ldtt, "tenure_months")
    assert "Khoản 1 Điều 24 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)" in ldtt
    assert "0,3" in ldtt
    assert "15%" in cstd
    assert "Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP" in cstd
    assert 'data-vote="cstd_cap_tinh"' in r2017
    assert "90" in r2017


def test_rules_page_marks_every_unverified_criterion(page: str) -> None:
    book = load_rulebook()
    for regime in book.regimes:
        section = _section(page, regime.id)
        for code, rule in regime.awards.items():
            award = _award(section, code)
            for criterion in rule.criteria:
                marked = 'data-status="UNVERIFIED"' in _criterion(award, criterion.code)
                assert marked == (criterion.status == UNVERIFIED), (regime.id, code, criterion.code)
    r2014_ldtt = _award(_section(page, "r2014"), "lao_dong_tien_tien")
    assert 'class="unverified-item"' in r2014_ldtt


def test_override_marks_reach_the_inheriting_regime(tmp_path: Path) -> None:
    override = tmp_path / "danang.yaml"
    override.write_text(OVERRIDE, encoding="utf-8")
    book = load_rulebook(overrides=[override])

    marks = override_marks(book)

    assert ("quota", "cstd_co_so") in marks["r2024"]
    assert ("quota", "cstd_co_so") in marks["r2025"]  # r2025 does not restate the quota
    assert marks["r2017"] == set()


def test_rules_page_marks_overridden_items(
    db: Any, client: Any, user_factory: Any, tmp_path: Path
) -> None:
    override = tmp_path / "danang.yaml"
    override.write_text(OVERRIDE, encoding="utf-8")
    client.force_login(user_factory("doc2", Role.COUNCIL_MEMBER))

    with override_settings(TDKT_RULES_OVERRIDES=[str(override)]):
        html = client.get("/rules/").content.decode()

    cstd = _award(_section(html, "r2024"), "cstd_co_so")
    assert 'data-overridden="1"' in cstd
    assert "Điều 5 Quyết định 12/2024/QĐ-UBND" in cstd
    assert 'data-overridden="1"' not in _award(_section(html, "r2017"), "cstd_co_so")


@pytest.mark.django_db
def test_rules_page_needs_a_login(client: Any) -> None:
    response = client.get("/rules/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
