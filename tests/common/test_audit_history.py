"""Changes leave who, when, what before and after, and the person and unit pages show them in
"Lịch sử thay đổi"."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tdkt.common.models import AuditEntry
from tdkt.common.templatetags.audit import history
from tdkt.people.models import YearRecord

pytestmark = pytest.mark.django_db


def history_title() -> str:
    """ "Lịch sử thay đổi" once docs/i18n is merged into the catalogue."""
    with translation.override("vi"):
        return translation.gettext("Change history")


def test_person_edit_on_the_page_records_before_and_after(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.post(
        reverse("people:edit", args=[tree.anh.pk]),
        {
            "person-full_name": "Nguyễn Thị Ánh",
            "person-gender": "nu",
            "person-birth_date": "1985-01-06",
            "person-citizen_id": "048185000123",
            "person-recruited_on": "",
        },
    )

    entry = AuditEntry.objects.get(action="people.person.changed")
    assert response.status_code == 302
    assert entry.actor == unit_officer
    assert entry.data == {"birth_date": ["1985-01-05", "1985-01-06"]}
    assert entry.created_at is not None


def test_person_page_shows_the_change_history(client, tree, unit_officer, as_user_write):
    as_user_write(unit_officer).patch(
        f"/api/v1/people/{tree.anh.pk}/", {"birth_date": "1986-01-05"}, format="json"
    )
    client.force_login(unit_officer)

    content = client.get(reverse("people:detail", args=[tree.anh.pk])).content.decode()

    assert f"<h2>{history_title()}</h2>" in content
    assert "05/01/1985 → 05/01/1986" in content
    assert "Phạm Văn An" in content


def test_history_lists_the_persons_yearly_records_too(tree, unit_officer):
    from tdkt.people.services import save_year_record

    save_year_record(
        YearRecord(person=tree.anh, year=2023, unit=tree.ward_a, grade="hoan_thanh"),
        actor=unit_officer,
    )

    entries = history(tree.anh)

    assert [e.action for e in entries] == ["people.yearrecord.created"]


def test_unit_page_shows_the_change_history_box(client, tree, secretariat_user):
    from tdkt.common.audit import record

    record(
        tree.ward_a, "organisations.unit.changed", actor=secretariat_user, data={"name": ["A", "B"]}
    )
    client.force_login(secretariat_user)

    content = client.get(reverse("organisations:detail", args=[tree.ward_a.pk])).content.decode()

    assert f"<h2>{history_title()}</h2>" in content
    assert "A → B" in content
