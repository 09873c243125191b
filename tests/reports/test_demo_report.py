"""The demo district (tdkt demo load): the year report reads like its 2017 review conference."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from docx import Document

from tdkt.awards.models import AwardRecord
from tdkt.demo.loader import LoadSummary, load, wipe
from tdkt.demo.targets import TARGETS
from tdkt.organisations.models import Unit
from tdkt.reports import word
from tdkt.reports.queries import Selection, year_figures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CONFERENCE_2017 = {
    "cstd_co_so": {"collective": 0, "individual": 38},
    "don_vi_tieu_bieu": {"collective": 15, "individual": 0},
    "giay_khen_ct_huyen": {"collective": 39, "individual": 89},
    "htxs_nhiem_vu": {"collective": 11, "individual": 38},
    "lao_dong_tien_tien": {"collective": 0, "individual": 304},
    "tap_the_ldtt": {"collective": 36, "individual": 0},
}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[LoadSummary]:
    with django_db_blocker.unblock():
        summary = load(reset=True)
    yield summary
    with django_db_blocker.unblock():
        wipe()


def test_demo_2017_report_is_the_conference(demo: LoadSummary) -> None:
    district = Unit.objects.get(code="cam-le")

    figures = year_figures(Selection(unit=district), 2017)

    assert figures.totals == CONFERENCE_2017
    assert year_figures(Selection(), 2017).totals == CONFERENCE_2017
    assert figures.previous_years == {2016: TARGETS[2016].counts(), 2015: TARGETS[2015].counts()}
    granted = AwardRecord.objects.filter(year=2017, status="granted")
    assert figures.money_vnd == sum(a.amount_vnd or 0 for a in granted)
    assert figures.individual_total == 469
    assert figures.collective_total == 101
    assert sum(sum(c.values()) for c in figures.by_gender.values()) == 469
    assert figures.frontline_total > 0
    assert figures.sector_total("non_state") > 0


def test_demo_2017_word_report_lists_the_conference(demo: LoadSummary) -> None:
    district = Unit.objects.get(code="cam-le")

    data = word.year_document(year_figures(Selection(unit=district), 2017), district)

    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Năm 2017, đã khen thưởng 101 lượt tập thể và 469 lượt cá nhân, gồm:" in texts
    assert "- Tập thể lao động tiên tiến: 36 tập thể;" in texts
    assert "- Giấy khen của Chủ tịch UBND cấp huyện: 39 tập thể, 89 cá nhân;" in texts
    assert "- Hoàn thành xuất sắc nhiệm vụ: 11 tập thể, 38 cá nhân;" in texts
    assert "- Lao động tiên tiến: 304 cá nhân." in texts
