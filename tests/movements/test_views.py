"""Pages: what each role sees, scope 404s, and bad input that changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from tdkt.common.models import AuditEntry
from tdkt.movements import services
from tdkt.movements.enums import MovementStatus, Period
from tdkt.movements.models import (
    Movement,
    MovementTarget,
    Pledge,
    PledgeTarget,
    ProgressReport,
    Registration,
    Reminder,
    ScoreEntry,
)
from tdkt.nominations.models import Nomination

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]] if response.context else []


# -- opening pages -------------------------------------------------------------------------


def test_movement_pages_open_for_secretariat(client, launched, group_pledge, secretariat_user):
    client.force_login(secretariat_user)

    statuses = [
        client.get(url).status_code
        for url in (
            reverse("movements:list"),
            reverse("movements:detail", args=[launched.pk]),
            reverse("movements:pledge", args=[group_pledge.pk]),
            reverse("movements:late"),
            reverse("movements:create"),
        )
    ]

    assert statuses == [200, 200, 200, 200, 200]


def test_plan_download_is_a_word_document(client, launched, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("movements:plan_docx", args=[launched.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-05-kh-ubnd.docx"'
    assert response.content[:2] == b"PK"


def test_officer_sees_launched_movement_covering_own_ward(client, launched, unit_officer):
    client.force_login(unit_officer)

    response = client.get(reverse("movements:detail", args=[launched.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Phường Hòa Thọ Đông" in content
    assert "Phường Khuê Trung" not in content


def test_officer_gets_404_on_draft_movement(client, movement, unit_officer):
    client.force_login(unit_officer)

    assert client.get(reverse("movements:detail", args=[movement.pk])).status_code == 404


def test_other_ward_officer_gets_404_on_ward_a_pages(
    client, tree, launched, group_pledge, other_ward_officer, secretariat_user
):
    unit_pledge = services.create_pledge(
        Pledge(movement=launched, title="Giao ước", unit=tree.ward_a, purpose="Mục đích"),
        actor=secretariat_user,
    )
    client.force_login(other_ward_officer)
    urls = [
        reverse("movements:register", args=[launched.pk, tree.ward_a.pk]),
        reverse("movements:report", args=[group_pledge.pk, tree.ward_a.pk]),
        reverse("movements:pledge", args=[unit_pledge.pk]),
        reverse("movements:pledge_docx", args=[unit_pledge.pk]),
    ]

    statuses = {url: client.get(url).status_code for url in urls}

    assert set(statuses.values()) == {404}


def test_officer_of_other_ward_cannot_self_score_ward_a(
    client, tree, group_pledge, secretariat_user, other_ward_officer
):
    sheet = services.create_score_sheet(group_pledge, actor=secretariat_user)
    services.add_criterion(
        sheet, name="Cải cách hành chính", max_points=Decimal(10), actor=secretariat_user
    )
    services.open_score_sheet(sheet, actor=secretariat_user)
    client.force_login(other_ward_officer)

    response = client.get(reverse("movements:score_self", args=[sheet.pk, tree.ward_a.pk]))

    assert response.status_code == 404


def test_officer_evidence_of_other_ward_is_404(
    client, tree, group_pledge, unit_officer, other_ward_officer
):
    target = group_pledge.targets.get(unit=tree.ward_a, key="thu-ngan-sach")
    [report] = services.report_progress(
        group_pledge,
        tree.ward_a,
        "q3",
        {target.pk: Decimal(5)},
        actor=unit_officer,
        evidence={target.pk: SimpleUploadedFile("bc.pdf", b"%PDF-1.4")},
    )
    client.force_login(other_ward_officer)

    assert client.get(reverse("movements:evidence", args=[report.pk])).status_code == 404
    client.force_login(unit_officer)
    response = client.get(reverse("movements:evidence", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


@pytest.mark.parametrize("role", ["unit_officer", "leader", "council_member"])
def test_non_secretariat_cannot_launch(client, request, movement, role):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse("movements:launch", args=[movement.pk]),
        {"plan_number": "05/KH-UBND", "plan_date": "2018-01-05"},
    )

    movement.refresh_from_db()
    assert response.status_code in {403, 404}
    assert movement.status == MovementStatus.DRAFT


def test_leader_cannot_register_for_a_unit(client, launched, tree, leader):
    client.force_login(leader)

    response = client.get(reverse("movements:register", args=[launched.pk, tree.ward_a.pk]))

    assert response.status_code == 403


# -- the flow through the pages ------------------------------------------------------------


def test_register_page_records_titles(client, launched, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(
        reverse("movements:register", args=[launched.pk, tree.ward_a.pk]),
        {"unit_titles": ["tap_the_ldtt"], f"person_{tree.anh.pk}": "cstd_co_so", "note": ""},
    )

    assert response.status_code == 302
    registration = Registration.objects.get(unit=tree.ward_a)
    assert sorted((e.award_code, e.person_id) for e in registration.entries.all()) == [
        ("cstd_co_so", tree.anh.pk),
        ("tap_the_ldtt", None),
    ]


def test_reminder_is_shown_to_the_units_officer(
    client, launched, tree, secretariat_user, unit_officer
):
    client.force_login(secretariat_user)
    client.post(
        reverse("movements:remind", args=[launched.pk, tree.ward_a.pk]),
        {"kind": "registration", "message": "Hạn đăng ký 31/3"},
    )
    client.force_login(unit_officer)

    content = client.get(reverse("movements:detail", args=[launched.pk])).content.decode()

    assert Reminder.objects.count() == 1
    assert "Hạn đăng ký 31/3" in content


def test_secretariat_sees_who_has_not_registered(
    client, launched, tree, secretariat_user, unit_officer
):
    services.register(launched, tree.ward_a, [("tap_the_ldtt", None)], actor=unit_officer)
    client.force_login(secretariat_user)

    response = client.get(reverse("movements:detail", args=[launched.pk]))

    rows = {row.unit.name: row.registered for row in response.context["overview"]}
    assert rows == {"Phường Hòa Thọ Đông": True, "Phường Khuê Trung": False}
    assert response.context["registered"] == 1


# -- bad input -----------------------------------------------------------------------------


def test_target_value_not_a_number_shows_error_and_stores_nothing(
    client, movement, secretariat_user
):
    client.force_login(secretariat_user)
    before = MovementTarget.objects.count()

    response = client.post(
        reverse("movements:target_add", args=[movement.pk]),
        {
            "name": "Tỷ lệ hộ nghèo",
            "unit_of_measure": "%",
            "planned_value": "hai phần trăm",
            "direction": "lower",
            "weight": "1",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["planned_value"]
    assert errors == [
        gettext(
            "“%(value)s” is not a number. Write digits only, with a comma before decimals"
            " (for example 1.250.000 or 95,5)."
        )
        % {"value": "hai phần trăm"}
    ]
    assert MovementTarget.objects.count() == before


def test_target_value_with_vietnamese_grouping_is_read(client, movement, secretariat_user):
    client.force_login(secretariat_user)

    client.post(
        reverse("movements:target_add", args=[movement.pk]),
        {
            "name": "Vốn đầu tư",
            "unit_of_measure": "triệu đồng",
            "planned_value": "1.250.000,5",
            "direction": "higher",
            "weight": "1",
        },
    )

    assert MovementTarget.objects.get(name="Vốn đầu tư").planned_value == Decimal("1250000.5")


def test_report_for_closed_period_through_page_changes_nothing(
    client, tree, group_pledge, unit_officer
):
    client.force_login(unit_officer)
    target = group_pledge.targets.get(unit=tree.ward_a, key="thu-ngan-sach")

    response = client.post(
        reverse("movements:report", args=[group_pledge.pk, tree.ward_a.pk]),
        {"period": "q1", f"value_{target.pk}": "12"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        gettext("%(period)s closed on %(date)s; reports for it are no longer accepted.")
        % {"period": f"{Period.Q1.label} 2018", "date": "15/05/2018"}
    ]
    assert ProgressReport.objects.count() == 0


def test_report_evidence_with_wrong_content_is_refused(client, tree, group_pledge, unit_officer):
    client.force_login(unit_officer)
    target = group_pledge.targets.get(unit=tree.ward_a, key="thu-ngan-sach")

    response = client.post(
        reverse("movements:report", args=[group_pledge.pk, tree.ward_a.pk]),
        {
            "period": "q3",
            f"value_{target.pk}": "12",
            f"evidence_{target.pk}": SimpleUploadedFile("bc.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )

    assert list(response.context["form"].errors) == [f"evidence_{target.pk}"]
    assert ProgressReport.objects.count() == 0


def test_score_above_maximum_through_page_changes_nothing(
    client, tree, group_pledge, secretariat_user, unit_officer
):
    sheet = services.create_score_sheet(group_pledge, actor=secretariat_user)
    criterion = services.add_criterion(
        sheet, name="Cải cách hành chính", max_points=Decimal(10), actor=secretariat_user
    )
    services.open_score_sheet(sheet, actor=secretariat_user)
    client.force_login(unit_officer)

    response = client.post(
        reverse("movements:score_self", args=[sheet.pk, tree.ward_a.pk]),
        {f"score_{criterion.pk}": "12,5"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"score_{criterion.pk}"] == [
        gettext("The value %(value)s is above the maximum of %(max)s.")
        % {"value": "12,5", "max": "10"}
    ]
    assert ScoreEntry.objects.get(criterion=criterion, unit=tree.ward_a).self_score is None


def test_pledge_edit_after_signing_through_page_changes_nothing(
    client, group_pledge, secretariat_user
):
    client.force_login(secretariat_user)
    target = group_pledge.targets.get(key="thu-ngan-sach", unit__code="hoa-tho-dong")
    audit_before = AuditEntry.objects.count()

    response = client.post(
        reverse("movements:pledge_target_edit", args=[target.pk]),
        {
            "name": "Thu ngân sách",
            "unit_of_measure": "triệu đồng",
            "planned_value": "1",
            "direction": "higher",
            "weight": "1",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        gettext(
            "This pledge has been signed and can no longer be changed; nothing was saved."
            " To change it, make a new version."
        )
    ]
    assert PledgeTarget.objects.get(pk=target.pk).planned_value == Decimal(100)
    assert AuditEntry.objects.count() == audit_before


def test_launch_with_bad_number_through_page_shows_message(client, movement, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("movements:launch", args=[movement.pk]),
        {"plan_number": "năm", "plan_date": "2018-01-05"},
        follow=True,
    )

    assert _messages(response) == [
        gettext(
            "The plan number must look like 05/KH-UBND (number, slash, symbol); got “%(value)s”."
        )
        % {"value": "năm"}
    ]
    assert Movement.objects.get(pk=movement.pk).status == MovementStatus.DRAFT


def test_late_reports_page_lists_missing_q1_to_q3(
    client, group_pledge, secretariat_user, frozen_today
):
    client.force_login(secretariat_user)

    late = client.get(reverse("movements:late")).context["late"]

    assert [(r.unit.name, r.period, r.missing) for r in late] == [
        ("Phường Hòa Thọ Đông", "q1", 2),
        ("Phường Khuê Trung", "q1", 2),
        ("Phường Hòa Thọ Đông", "q2", 2),
        ("Phường Khuê Trung", "q2", 2),
        ("Phường Hòa Thọ Đông", "q3", 2),
        ("Phường Khuê Trung", "q3", 2),
    ]
    assert frozen_today == dt.date(2018, 10, 20)


# -- the leader into nominations -----------------------------------------------------------


def _ranked_with_proposal(group_pledge, tree, secretariat_user, unit_officer):  # type: ignore[no-untyped-def]
    sheet = services.create_score_sheet(group_pledge, actor=secretariat_user)
    manual = services.add_criterion(
        sheet, name="Cải cách hành chính", max_points=Decimal(10), actor=secretariat_user
    )
    services.open_score_sheet(sheet, actor=secretariat_user)
    for unit, score in ((tree.ward_a, 9), (tree.ward_b, 8)):
        services.review_scores(sheet, unit, {manual.pk: Decimal(score)}, actor=unit_officer)
    services.rank_group(sheet, actor=unit_officer)
    services.propose_leader(sheet, award_code="co_thi_dua_tinh", actor=secretariat_user)
    return sheet


def test_secretariat_nominates_the_leader_and_the_sheet_links_to_the_dossier(
    client, tree, group_pledge, secretariat_user, unit_officer
):
    sheet = _ranked_with_proposal(group_pledge, tree, secretariat_user, unit_officer)
    client.force_login(secretariat_user)
    page = reverse("movements:sheet", args=[sheet.pk])
    assert reverse("movements:sheet_nominate", args=[sheet.pk]) in client.get(page).text

    response = client.post(reverse("movements:sheet_nominate", args=[sheet.pk]))

    nomination = Nomination.objects.get(unit=tree.ward_a, award_code="co_thi_dua_tinh")
    assert response.status_code == 302
    assert response.url == reverse("nominations:detail", args=[nomination.dossier_id])
    text = client.get(page).text
    assert reverse("nominations:detail", args=[nomination.dossier_id]) in text
    assert reverse("movements:sheet_nominate", args=[sheet.pk]) not in text


def test_member_ward_sees_the_leader_nominated_without_a_link_to_the_district_dossier(
    client, tree, group_pledge, secretariat_user, unit_officer
):
    sheet = _ranked_with_proposal(group_pledge, tree, secretariat_user, unit_officer)
    nomination = services.nominate_leader(sheet.proposal, actor=secretariat_user)
    client.force_login(unit_officer)

    text = client.get(reverse("movements:sheet", args=[sheet.pk])).text

    assert nomination.dossier.title in text
    assert reverse("nominations:detail", args=[nomination.dossier_id]) not in text


def test_unit_officer_cannot_nominate_the_leader(
    client, tree, group_pledge, secretariat_user, unit_officer
):
    sheet = _ranked_with_proposal(group_pledge, tree, secretariat_user, unit_officer)
    client.force_login(unit_officer)

    response = client.post(reverse("movements:sheet_nominate", args=[sheet.pk]))

    assert response.status_code == 403
    assert not Nomination.objects.exists()


def test_pledge_form_and_score_sheet_link_to_the_emulation_groups(
    client, launched, group_pledge, cluster, secretariat_user
):
    client.force_login(secretariat_user)
    sheet = services.create_score_sheet(group_pledge, actor=secretariat_user)

    pledge_form = client.get(reverse("movements:pledge_create", args=[launched.pk]))
    sheet_page = client.get(reverse("movements:sheet", args=[sheet.pk]))

    assert f"{reverse('organisations:groups')}?year=2018" in pledge_form.content.decode()
    assert reverse("organisations:group", args=[cluster.pk]) in sheet_page.content.decode()
