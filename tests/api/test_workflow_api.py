"""Dossiers, nominations and decisions through the API: read only, scoped like their pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tdkt.decisions.services import LineInput, draft_decision
from tdkt.nominations.enums import DossierKind
from tdkt.nominations.models import Dossier, Nomination

pytestmark = pytest.mark.django_db


def ids(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def dossiers(tree, unit_officer, other_ward_officer):  # type: ignore[no-untyped-def]
    made = {}
    for key, ward, person, officer in (
        ("a", tree.ward_a, tree.anh, unit_officer),
        ("b", tree.ward_b, tree.binh, other_ward_officer),
    ):
        dossier = Dossier.objects.create(
            unit=ward,
            kind=DossierKind.YEARLY,
            year=2024,
            title=f"Đề nghị khen thưởng 2024 – {ward.name}",
            decision_date=dt.date(2025, 1, 15),
            created_by=officer,
        )
        nomination = Nomination.objects.create(
            dossier=dossier, person=person, unit=ward, award_code="lao_dong_tien_tien", year=2024
        )
        made[key] = (dossier, nomination)
    return made


@pytest.fixture
def decisions(tree, secretariat_user):  # type: ignore[no-untyped-def]
    return {
        key: draft_decision(
            issuer=ward,
            award_code="lao_dong_tien_tien",
            year=2024,
            decision_date=dt.date(2025, 1, 15),
            signer_name="Nguyễn Văn Ký",
            signer_title="CHỦ TỊCH",
            lines=[LineInput(person=person)],
            actor=secretariat_user,
        )
        for key, ward, person in (("a", tree.ward_a, tree.anh), ("b", tree.ward_b, tree.binh))
    }


def test_dossiers_are_scoped_with_their_nominations(as_user, unit_officer, dossiers):
    api = as_user(unit_officer)
    dossier_a, nomination_a = dossiers["a"]
    dossier_b, _nomination_b = dossiers["b"]

    listed = ids(api.get("/api/v1/dossiers/", {"year": 2024}))
    detail = api.get(f"/api/v1/dossiers/{dossier_a.pk}/").json()

    assert listed == {dossier_a.pk}
    assert [n["id"] for n in detail["nominations"]] == [nomination_a.pk]
    assert api.get(f"/api/v1/dossiers/{dossier_b.pk}/").status_code == 404


def test_nominations_filter_by_award_and_person(as_user, secretariat_user, tree, dossiers):
    api = as_user(secretariat_user)

    by_person = ids(api.get("/api/v1/nominations/", {"person": tree.binh.pk}))
    by_award = ids(api.get("/api/v1/nominations/", {"award_code": "lao_dong_tien_tien"}))

    assert by_person == {dossiers["b"][1].pk}
    assert by_award == {dossiers["a"][1].pk, dossiers["b"][1].pk}


def test_nomination_of_ward_b_is_404_for_ward_a_officer(as_user, unit_officer, dossiers):
    response = as_user(unit_officer).get(f"/api/v1/nominations/{dossiers['b'][1].pk}/")

    assert response.status_code == 404


def test_decisions_are_scoped_by_issuer_with_their_lines(as_user, unit_officer, decisions, tree):
    api = as_user(unit_officer)

    listed = ids(api.get("/api/v1/decisions/"))
    detail = api.get(f"/api/v1/decisions/{decisions['a'].pk}/").json()

    assert listed == {decisions["a"].pk}
    assert [line["person"] for line in detail["lines"]] == [tree.anh.pk]
    assert api.get(f"/api/v1/decisions/{decisions['b'].pk}/").status_code == 404


def test_decisions_filter_by_status_and_a_malformed_number_is_400(
    as_user, secretariat_user, decisions
):
    api = as_user(secretariat_user)

    drafts = ids(api.get("/api/v1/decisions/", {"status": "draft"}))
    signed = ids(api.get("/api/v1/decisions/", {"status": "signed"}))
    malformed = api.get("/api/v1/decisions/", {"decision_number": "QĐ-UBND"})

    assert drafts == {decisions["a"].pk, decisions["b"].pk}
    assert signed == set()
    assert malformed.status_code == 400
    assert list(malformed.json()) == ["decision_number"]


def test_workflow_endpoints_are_read_only(as_user, unit_officer, dossiers):
    api = as_user(unit_officer, write=True)

    response = api.post("/api/v1/dossiers/", {"title": "x"}, format="json")

    assert response.status_code == 405
