"""The decision pages: scope (404), roles (403 or a refusal), the Word and PDF buttons, signing,
revoking, printing certificates with their status, and the public verification page."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.decisions import batches, documents, services, views
from tdkt.decisions.enums import CHAIR, DecisionKind, DecisionStatus
from tdkt.decisions.models import Decision
from tdkt.documents.pdf import ConversionError

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    """A browser that chose English in the menu (assertions compare the msgids)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def merit(tree, draft, signer):
    return services.sign_decision(
        draft("giay_khen_ct_huyen", [tree.anh, tree.binh, tree.ward_a]), actor=signer
    )


@pytest.fixture
def synchronous(monkeypatch):  # type: ignore[no-untyped-def]
    """Print certificates in the request, not in a thread (the test database is one
    transaction that another thread cannot see)."""

    def launch(batch_id: int, base_url: str) -> None:
        batches.run_batch(batch_id, base_url)

    monkeypatch.setattr(batches, "launch", launch)


# -- list and scope ------------------------------------------------------------------------


def test_list_shows_the_decisions_in_scope(merit, secretariat_user, unit_officer):
    response = _client(secretariat_user).get(reverse("decisions:list"))
    assert response.status_code == 200
    assert "01/QĐ-UBND" in response.content.decode()

    officer = _client(unit_officer).get(reverse("decisions:list"))
    assert officer.status_code == 200
    assert "01/QĐ-UBND" not in officer.content.decode()


@pytest.mark.parametrize(
    "name", ["decisions:detail", "decisions:docx", "decisions:pdf", "decisions:revoke"]
)
def test_a_decision_outside_the_scope_is_a_404(merit, unit_officer, name):
    response = _client(unit_officer).get(reverse(name, args=[merit.pk]))

    assert response.status_code == 404


def test_certificate_status_and_download_outside_the_scope_are_404s(
    merit, secretariat_user, unit_officer, synchronous, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _client(secretariat_user).post(
            reverse("decisions:certificates_start", args=[merit.pk]),
            HTTP_ACCEPT="application/json",
        )
    batch = merit.certificate_batches.get()
    officer = _client(unit_officer)

    for name in ("decisions:certificates_status", "decisions:certificates_download"):
        assert officer.get(reverse(name, args=[merit.pk, batch.pk])).status_code == 404


def test_pages_need_a_login(merit):
    response = _client().get(reverse("decisions:detail", args=[merit.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# -- detail, Word, PDF -----------------------------------------------------------------------


def test_detail_shows_the_list_money_and_words(merit, secretariat_user):
    page = _client(secretariat_user).get(reverse("decisions:detail", args=[merit.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Về việc tặng Giấy khen" in html
    assert "I. Cá nhân" in html
    assert "II. Tập thể" in html
    assert (
        html.index("<td>Bà Nguyễn Thị Ánh</td>")
        < html.index("<td>Ông Trần Văn Bình</td>")
        < html.index("<td>Phường Hòa Thọ Đông</td>")
    )
    assert 'id="total-amount">1.560.000<' in html
    assert "Một triệu năm trăm sáu mươi nghìn đồng" in html
    assert 'id="certificates-form"' in html


def test_detail_of_an_advanced_worker_decision_says_there_is_no_certificate(
    tree, draft, signer, secretariat_user
):
    decision = services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)

    html = (
        _client(secretariat_user)
        .get(reverse("decisions:detail", args=[decision.pk]))
        .content.decode()
    )

    assert 'id="no-certificate"' in html
    assert "has no certificate" in html
    assert 'id="certificates-form"' not in html


def test_word_download(merit, secretariat_user):
    response = _client(secretariat_user).get(reverse("decisions:docx", args=[merit.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-01-qd-ubnd.docx"'
    assert response.content[:2] == b"PK"


def test_pdf_without_libreoffice_explains_why(merit, secretariat_user, monkeypatch):
    def missing(decision):  # type: ignore[no-untyped-def]
        raise ConversionError("LibreOffice (soffice) is not installed")

    monkeypatch.setattr(documents, "decision_pdf", missing)
    monkeypatch.setattr(views, "soffice_binary", lambda: None)
    client = _client(secretariat_user)

    response = client.get(reverse("decisions:pdf", args=[merit.pk]), follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("decisions:detail", args=[merit.pk])
    assert "LibreOffice is not installed on the server" in html
    assert 'id="download-pdf"' not in html


def test_pdf_download(merit, secretariat_user, monkeypatch):
    monkeypatch.setattr(documents, "decision_pdf", lambda decision: b"%PDF-1.7 test")

    response = _client(secretariat_user).get(reverse("decisions:pdf", args=[merit.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == b"%PDF-1.7 test"


# -- drafting and signing --------------------------------------------------------------------


def test_the_signer_signs_from_the_page(tree, draft, signer):
    decision = draft("lao_dong_tien_tien", [tree.anh, tree.binh])
    client = _client(signer)
    assert (
        'id="sign-form"'
        in client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    )

    response = client.post(
        reverse("decisions:sign", args=[decision.pk]), {"decision_date": "2018-01-16", "number": ""}
    )

    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.number_text) == (DecisionStatus.SIGNED, "01/QĐ-UBND")
    assert AwardRecord.objects.filter(decision_number="01/QĐ-UBND").count() == 2


def test_the_secretariat_cannot_sign(tree, draft, secretariat_user):
    decision = draft("lao_dong_tien_tien", [tree.anh])
    client = _client(secretariat_user)
    assert (
        'id="sign-form"'
        not in client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    )

    response = client.post(
        reverse("decisions:sign", args=[decision.pk]), {"decision_date": "2018-01-16"}, follow=True
    )

    assert "Only a signer of Quận Cẩm Lệ may sign" in response.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_a_number_already_used_shows_the_error_and_changes_nothing(tree, draft, signer, merit):
    decision = draft("lao_dong_tien_tien", [tree.anh])

    response = _client(signer).post(
        reverse("decisions:sign", args=[decision.pk]),
        {"decision_date": "2018-01-16", "number": "1"},
        follow=True,
    )

    assert "Number 01/QĐ-UBND has already been given" in response.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_the_secretariat_edits_a_draft(tree, draft, secretariat_user):
    decision = draft("lao_dong_tien_tien", [tree.anh])

    _client(secretariat_user).post(
        reverse("decisions:edit", args=[decision.pk]),
        {
            "decision_date": "2018-01-20",
            "signer_name": "Võ Ngọc Lan",
            "signer_title": "kt. chủ tịch / phó chủ tịch",
            "summary": "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2017",
            "proposal": "",
            "extra_bases": "",
        },
    )

    decision.refresh_from_db()
    assert decision.decision_date == dt.date(2018, 1, 20)
    assert decision.authority_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_a_signed_decision_cannot_be_edited_from_the_page(merit, secretariat_user):
    response = _client(secretariat_user).post(
        reverse("decisions:edit", args=[merit.pk]),
        {"decision_date": "2018-02-01", "signer_name": "X", "signer_title": CHAIR, "summary": "Y"},
        follow=True,
    )

    assert "has been signed and can no longer be changed" in response.content.decode()
    merit.refresh_from_db()
    assert merit.summary == "Về việc tặng Giấy khen"


def test_a_leader_cannot_edit_or_delete_a_draft(tree, draft, leader):
    decision = draft("lao_dong_tien_tien", [tree.anh])
    client = _client(leader)

    assert client.post(reverse("decisions:edit", args=[decision.pk]), {}).status_code == 403
    assert client.post(reverse("decisions:delete", args=[decision.pk])).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


# -- revocation ------------------------------------------------------------------------------


def test_the_secretariat_drafts_a_revocation_and_the_signer_signs_it(
    tree, merit, secretariat_user, signer
):
    line = merit.lines.get(person=tree.binh)
    client = _client(secretariat_user)
    form = client.get(reverse("decisions:revoke", args=[merit.pk]))
    assert form.status_code == 200

    response = client.post(
        reverse("decisions:revoke", args=[merit.pk]),
        {
            "lines": [line.pk],
            "reason": "Trùng thành tích đã được khen thưởng",
            "decision_date": "2018-05-15",
            "signer_name": "Huỳnh Đức Thịnh",
            "signer_title": CHAIR,
        },
    )

    revocation = Decision.objects.get(kind=DecisionKind.REVOCATION)
    assert response["Location"] == reverse("decisions:detail", args=[revocation.pk])
    _client(signer).post(
        reverse("decisions:sign", args=[revocation.pk]), {"decision_date": "2018-05-15"}
    )
    award = AwardRecord.objects.get(pk=line.award_record_id)
    assert (award.status, award.revoked_by_number) == (AwardStatus.REVOKED, "02/QĐ-UBND")
    register = _client(secretariat_user).get(reverse("awards:register")).content.decode()
    assert "02/QĐ-UBND" in register
    detail = client.get(reverse("decisions:detail", args=[merit.pk])).content.decode()
    assert "Awards of this decision revoked since: 1." in detail


def test_a_signer_may_not_draft_a_revocation(merit, signer):
    assert _client(signer).get(reverse("decisions:revoke", args=[merit.pk])).status_code == 403


# -- certificates ----------------------------------------------------------------------------


def test_printing_certificates_reports_progress_and_downloads_the_pdf(
    merit, secretariat_user, synchronous, django_capture_on_commit_callbacks
):
    client = _client(secretariat_user)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("decisions:certificates_start", args=[merit.pk]),
            HTTP_ACCEPT="application/json",
        )

    assert started.status_code == 202
    payload = json.loads(started.content)
    status = json.loads(client.get(payload["status_url"]).content)
    assert (status["status"], status["percent"], status["done"], status["total"]) == (
        "done",
        100,
        3,
        3,
    )
    pdf = client.get(status["download"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == 'attachment; filename="giay-khen-01-qd-ubnd.pdf"'


def test_printing_without_javascript_redirects_to_the_page(merit, secretariat_user, synchronous):
    response = _client(secretariat_user).post(
        reverse("decisions:certificates_start", args=[merit.pk])
    )

    assert response["Location"] == reverse("decisions:detail", args=[merit.pk]) + "#certificates"


def test_printing_an_advanced_worker_decision_is_refused_in_json(
    tree, draft, signer, secretariat_user
):
    decision = services.sign_decision(draft("lao_dong_tien_tien", [tree.anh]), actor=signer)

    response = _client(secretariat_user).post(
        reverse("decisions:certificates_start", args=[decision.pk]),
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 400
    assert "No recipient" in json.loads(response.content)["error"]


# -- public verification ---------------------------------------------------------------------


def test_verification_of_a_genuine_certificate_needs_no_login(tree, merit):
    line = merit.lines.get(person=tree.anh)

    response = _client().get(reverse("verify:certificate", args=[line.token]))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="valid"' in html
    assert "Bà Nguyễn Thị Ánh" in html
    assert "Giấy khen của Chủ tịch UBND cấp huyện" in html
    assert "01/QĐ-UBND" in html
    assert "16/01/2018" in html
    assert ">01<" in html  # the register number
    # Nothing a certificate does not show: no birth date, citizen ID, money or other people.
    assert "048185000123" not in html
    assert "05/01/1985" not in html
    assert "390.000" not in html
    assert "Trần Văn Bình" not in html


def test_verification_of_a_revoked_award_says_so(tree, merit, signer, secretariat_user):
    line = merit.lines.get(person=tree.anh)
    revocation = services.revoke_awards(
        awards=[line],
        reason="Trùng thành tích",
        decision_date=dt.date(2018, 5, 15),
        signer_name="Huỳnh Đức Thịnh",
        signer_title=CHAIR,
        actor=secretariat_user,
    )
    services.sign_decision(revocation, actor=signer)

    html = _client().get(reverse("verify:certificate", args=[line.token])).content.decode()

    assert 'data-verdict="revoked"' in html
    assert "revoked by decision 02/QĐ-UBND of 15/05/2018" in html
    assert "Trùng thành tích" not in html


def test_verification_of_an_unknown_code_is_a_404():
    response = _client().get(reverse("verify:certificate", args=["khong-co-ma-nay"]))

    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_a_draft_line_cannot_be_verified(tree, draft):
    line = draft("giay_khen_ct_huyen", [tree.anh]).lines.get()

    assert line.token is None
    assert _client().get(reverse("verify:certificate", args=["x" * 16])).status_code == 404
