"""The dossier pages: scope (another unit's dossier is a 404), roles (403), forged posts
refused with a Vietnamese message and nothing changed, and the happy paths."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from tdkt.nominations.enums import DossierState, NominationState
from tdkt.nominations.models import Dossier, Nomination
from tests.nominations.round2018 import make_dossier, nominate, submit

pytestmark = pytest.mark.django_db

OUT_OF_SCOPE = "Lựa chọn này không thuộc các đơn vị, cá nhân bạn quản lý."


@pytest.fixture
def dossier(round2018: SimpleNamespace, unit_officer: Any) -> Dossier:
    return make_dossier(round2018.ward_a, unit_officer)


@pytest.mark.parametrize(
    "url",
    [
        "/nominations/{pk}/",
        "/nominations/{pk}/edit/",
        "/nominations/{pk}/history/",
        "/nominations/{pk}/memo.docx",
    ],
)
def test_other_units_dossier_is_404(
    dossier: Dossier, other_ward_officer: Any, client: Client, url: str
) -> None:
    client.force_login(other_ward_officer)

    assert client.get(url.format(pk=dossier.pk)).status_code == 404


def test_forged_post_to_other_units_dossier_changes_nothing(
    dossier: Dossier, round2018: SimpleNamespace, other_ward_officer: Any, client: Client
) -> None:
    client.force_login(other_ward_officer)

    response = client.post(
        f"/nominations/{dossier.pk}/add/",
        {
            "version": dossier.version,
            "subject_kind": "individual",
            "person": round2018.anh.pk,
            "award_code": "lao_dong_tien_tien",
        },
    )

    assert response.status_code == 404
    assert Nomination.objects.count() == 0


def test_forged_collective_outside_scope_refused(
    dossier: Dossier, round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    client.force_login(unit_officer)

    response = client.post(
        f"/nominations/{dossier.pk}/add/",
        {
            "version": dossier.version,
            "subject_kind": "collective",
            "collective": round2018.ward_b.pk,
            "award_code": "tap_the_ldtt",
        },
        follow=True,
    )

    assert OUT_OF_SCOPE in response.content.decode()
    assert Nomination.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.version == 1


def test_forged_dossier_for_other_unit_refused(
    round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    client.force_login(unit_officer)

    response = client.post(
        "/nominations/new/",
        {"unit": round2018.ward_b.pk, "kind": "yearly", "year": 2018, "title": "Giả mạo"},
    )

    assert response.status_code == 200
    assert OUT_OF_SCOPE in response.content.decode()
    assert Dossier.objects.count() == 0


def test_award_not_in_regime_refused_by_the_form(
    dossier: Dossier, round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    client.force_login(unit_officer)

    response = client.post(
        f"/nominations/{dossier.pk}/add/",
        {
            "version": dossier.version,
            "subject_kind": "individual",
            "person": round2018.anh.pk,
            "award_code": "giay_khen",
        },
        follow=True,
    )

    assert (
        "“giay_khen” không phải là danh hiệu thi đua, hình thức khen thưởng theo quy định áp dụng"
        " cho ngày 15/01/2019" in response.content.decode()
    )
    assert Nomination.objects.count() == 0


def test_unit_officer_prepares_and_submits(
    round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    client.force_login(unit_officer)
    created = client.post(
        "/nominations/new/",
        {
            "unit": round2018.ward_a.pk,
            "kind": "yearly",
            "year": 2018,
            "title": "Đề nghị khen thưởng năm 2018",
            "decision_date": "2019-01-15",
        },
    )
    dossier = Dossier.objects.get()
    added = client.post(
        f"/nominations/{dossier.pk}/add/",
        {
            "version": 1,
            "subject_kind": "individual",
            "person": round2018.anh.pk,
            "award_code": "lao_dong_tien_tien",
            "achievement": "Hoàn thành tốt nhiệm vụ",
        },
    )
    page = client.get(f"/nominations/{dossier.pk}/").content.decode()
    submitted = client.post(f"/nominations/{dossier.pk}/submit/", {"version": 2})

    assert (created.status_code, added.status_code, submitted.status_code) == (302, 302, 302)
    assert "Nguyễn Thị Ánh" in page
    assert "Đủ điều kiện, cần xem xét thêm" in page
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED


def test_submit_without_version_refused(
    dossier: Dossier, round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    nominate(dossier, unit_officer, round2018.anh)
    client.force_login(unit_officer)

    response = client.post(f"/nominations/{dossier.pk}/submit/", {}, follow=True)

    assert "Người khác đã thay đổi hồ sơ này" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT


def test_appraisal_is_for_the_secretariat(
    dossier: Dossier, unit_officer: Any, client: Client
) -> None:
    client.force_login(unit_officer)

    assert client.get(f"/nominations/{dossier.pk}/appraise/").status_code == 403
    assert client.get("/nominations/appraisal/").status_code == 403


def test_secretariat_returns_a_nomination(
    dossier: Dossier,
    round2018: SimpleNamespace,
    unit_officer: Any,
    secretariat_user: Any,
    client: Client,
) -> None:
    nomination = nominate(dossier, unit_officer, round2018.anh)
    submit(dossier, unit_officer)
    dossier.refresh_from_db()
    client.force_login(secretariat_user)
    queue = client.get("/nominations/appraisal/").content.decode()

    response = client.post(
        f"/nominations/{dossier.pk}/appraise/",
        {
            "version": dossier.version,
            f"decision_{nomination.pk}": "return",
            f"reason_{nomination.pk}": "Thiếu biên bản họp bình xét",
            "note": "",
        },
    )

    assert dossier.title in queue
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.state, nomination.return_reason) == (
        NominationState.RETURNED,
        "Thiếu biên bản họp bình xét",
    )
    client.force_login(unit_officer)
    assert (
        "Thiếu biên bản họp bình xét" in client.get(f"/nominations/{dossier.pk}/").content.decode()
    )


def test_appraisal_over_the_quota_is_refused_on_the_page(
    dossier: Dossier,
    round2018: SimpleNamespace,
    unit_officer: Any,
    secretariat_user: Any,
    client: Client,
) -> None:
    # One advanced worker: 15 % of 1, rounded down, leaves no grassroots fighter.
    nominate(dossier, unit_officer, round2018.anh)
    fighter = nominate(dossier, unit_officer, round2018.anh, award="cstd_co_so")
    submit(dossier, unit_officer)
    dossier.refresh_from_db()
    client.force_login(secretariat_user)
    choices = {f"decision_{n.pk}": "accept" for n in dossier.nominations.all()} | {
        f"reason_{n.pk}": "" for n in dossier.nominations.all()
    }

    response = client.post(
        f"/nominations/{dossier.pk}/appraise/",
        {"version": dossier.version, "note": "", **choices},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "vượt tỷ lệ cho phép (tối đa 0," in page
    assert "Khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP" in page
    fighter.refresh_from_db()
    assert fighter.state == NominationState.SUBMITTED


def test_history_lists_who_did_what(
    dossier: Dossier, round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    nominate(dossier, unit_officer, round2018.anh)
    submit(dossier, unit_officer)
    client.force_login(unit_officer)

    page = client.get(f"/nominations/{dossier.pk}/history/").content.decode()

    assert page.count("Phạm Văn An") >= 3
    assert "nominations.dossier.submitted" in page


def test_memo_is_a_word_document(
    dossier: Dossier, round2018: SimpleNamespace, unit_officer: Any, client: Client
) -> None:
    import io

    from docx import Document

    nominate(dossier, unit_officer, round2018.anh)
    client.force_login(unit_officer)

    response = client.get(f"/nominations/{dossier.pk}/memo.docx")

    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân quận Cẩm Lệ." in text
    assert "Ủy ban nhân dân phường Hòa Thọ Đông kính đề nghị" in text


def test_list_shows_only_scope(
    dossier: Dossier, round2018: SimpleNamespace, other_ward_officer: Any, client: Client
) -> None:
    make_dossier(round2018.ward_b, other_ward_officer, title="Hồ sơ phường Khuê Trung")
    client.force_login(other_ward_officer)

    page = client.get("/nominations/").content.decode()

    assert "Hồ sơ phường Khuê Trung" in page
    assert dossier.title not in page
