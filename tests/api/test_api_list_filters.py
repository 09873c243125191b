"""The decisions list filters of the API: year, issuer subtree, award and status narrow the list;
an empty filter narrows nothing."""

import datetime as dt

import pytest

from tdkt.decisions import services
from tdkt.decisions.enums import CHAIR

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _draft(issuer, award_code, year, person, actor):
    return services.draft_decision(
        issuer=issuer,
        award_code=award_code,
        year=year,
        decision_date=dt.date(year + 1, 1, 16),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        lines=[services.LineInput(person=person, achievement="Thành tích xuất sắc")],
        actor=actor,
    )


def _ids(response):
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_decision_filters_narrow_the_list(as_user, tree, secretariat_user):
    ward_a = _draft(tree.ward_a, "giay_khen_ct_xa", 2023, tree.anh, secretariat_user)
    ward_b = _draft(tree.ward_b, "giay_khen_ct_xa", 2024, tree.binh, secretariat_user)
    district = _draft(tree.district, "giay_khen_ct_huyen", 2024, tree.anh, secretariat_user)
    client = as_user(secretariat_user)

    assert _ids(client.get("/api/v1/decisions/")) == {ward_a.pk, ward_b.pk, district.pk}
    assert _ids(client.get("/api/v1/decisions/", {"year": ""})) == {
        ward_a.pk,
        ward_b.pk,
        district.pk,
    }
    assert _ids(client.get("/api/v1/decisions/", {"year": 2024})) == {ward_b.pk, district.pk}
    assert _ids(client.get("/api/v1/decisions/", {"unit": tree.ward_a.pk})) == {ward_a.pk}
    assert _ids(client.get("/api/v1/decisions/", {"unit": tree.district.pk})) == {
        ward_a.pk,
        ward_b.pk,
        district.pk,
    }
    assert _ids(client.get("/api/v1/decisions/", {"award_code": "giay_khen_ct_huyen"})) == {
        district.pk
    }
    assert _ids(client.get("/api/v1/decisions/", {"status": "signed"})) == set()
