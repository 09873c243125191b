"""Django admin for the secretariat and the administrator: groups, permissions, scope."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tdkt.accounts.enums import Role
from tdkt.common.models import AuditEntry
from tdkt.organisations.models import Unit

pytestmark = pytest.mark.django_db

RECORD_PAGES = [
    "admin:organisations_unit_changelist",
    "admin:organisations_unitsuccession_changelist",
    "admin:organisations_emulationgroup_changelist",
    "admin:people_person_changelist",
    "admin:people_serviceperiod_changelist",
    "admin:people_yearrecord_changelist",
    "admin:awards_awardrecord_changelist",
    "admin:common_auditentry_changelist",
    "admin:imports_importbatch_changelist",
    "admin:accounts_user_changelist",
]


def test_role_groups_exist_after_migrate(db):
    secretariat = Group.objects.get(name="secretariat")
    administrator = Group.objects.get(name="administrator")
    codes = set(secretariat.permissions.values_list("codename", flat=True))
    admin_codes = set(administrator.permissions.values_list("codename", flat=True))

    assert {"add_person", "change_person", "view_auditentry", "view_importbatch"} <= codes
    assert not {"delete_person", "change_auditentry", "add_user"} & codes
    assert {"delete_person", "add_user", "change_user"} <= admin_codes
    assert not {"delete_awardrecord", "delete_auditentry", "change_auditentry"} & admin_codes


def test_user_is_put_in_the_group_of_its_role(tree, secretariat_user, unit_officer):
    assert list(secretariat_user.groups.values_list("name", flat=True)) == ["secretariat"]
    assert list(unit_officer.groups.values_list("name", flat=True)) == []

    secretariat_user.role = Role.ADMINISTRATOR
    secretariat_user.save()

    assert list(secretariat_user.groups.values_list("name", flat=True)) == ["administrator"]
    secretariat_user.role = Role.LEADER
    secretariat_user.save()
    assert list(secretariat_user.groups.values_list("name", flat=True)) == []
    assert secretariat_user.is_staff is False


@pytest.mark.parametrize("role", ["secretariat_user", "administrator"])
@pytest.mark.parametrize("page", RECORD_PAGES)
def test_admin_pages_open_for_staff_roles(client, request, role, page):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(page))

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["secretariat_user", "administrator"])
def test_audit_trail_is_read_only_in_admin(client, request, tree, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    entry = AuditEntry.objects.create(
        action="people.person.created", object_type="people.person", object_id="1"
    )

    add = client.get(reverse("admin:common_auditentry_add"))
    delete = client.post(
        reverse("admin:common_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    view = client.get(reverse("admin:common_auditentry_change", args=[entry.pk]))

    assert (add.status_code, delete.status_code, view.status_code) == (403, 403, 200)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_award_records_cannot_be_deleted_in_admin(client, tree, administrator):
    client.force_login(administrator)

    response = client.post(
        reverse("admin:awards_awardrecord_delete", args=[tree.anh_award.pk]), {"post": "yes"}
    )

    assert response.status_code == 403


def test_secretariat_cannot_add_users(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_secretariat_of_a_ward_sees_only_its_subtree_in_admin(client, tree, user_factory):
    ward_secretariat = user_factory("thuky_a", Role.SECRETARIAT, tree.ward_a)
    client.force_login(ward_secretariat)

    units = client.get(reverse("admin:organisations_unit_changelist"))
    people = client.get(reverse("admin:people_person_changelist"))
    awards = client.get(reverse("admin:awards_awardrecord_changelist"))
    other = client.get(reverse("admin:organisations_unit_change", args=[tree.ward_b.pk]))
    AuditEntry.objects.create(
        action="x.y.created", object_type="people.person", object_id=str(tree.anh.pk)
    )
    AuditEntry.objects.create(
        action="x.y.created", object_type="people.person", object_id=str(tree.binh.pk)
    )
    audit = client.get(reverse("admin:common_auditentry_changelist"))

    assert {u.pk for u in units.context["cl"].result_list} == {
        tree.ward_a.pk,
        tree.neighbourhood.pk,
    }
    assert [p.pk for p in people.context["cl"].result_list] == [tree.anh.pk]
    assert {a.pk for a in awards.context["cl"].result_list} == {
        tree.anh_award.pk,
        tree.ward_a_award.pk,
    }
    assert other.status_code == 302  # admin's "does not exist" redirect to its index
    assert [e.object_id for e in audit.context["cl"].result_list] == [str(tree.anh.pk)]


def test_admin_change_is_audited(client, tree, secretariat_user):
    client.force_login(secretariat_user)
    unit = tree.neighbourhood
    data = {
        "code": unit.code,
        "name": "Tổ dân phố số 5",
        "short_name": "",
        "kind": unit.kind,
        "sector": unit.sector,
        "parent": unit.parent_id,
        "valid_from": "",
        "valid_to": "",
        "address": "",
        "successions_in-TOTAL_FORMS": "0",
        "successions_in-INITIAL_FORMS": "0",
        "year_records-TOTAL_FORMS": "0",
        "year_records-INITIAL_FORMS": "0",
    }

    response = client.post(reverse("admin:organisations_unit_change", args=[unit.pk]), data)

    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    assert Unit.objects.get(pk=unit.pk).name == "Tổ dân phố số 5"
    entry = AuditEntry.objects.get(action="organisations.unit.changed")
    assert entry.data == {"via": "admin", "fields": ["name"]}


def test_admin_search_ignores_diacritics(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("admin:people_person_changelist"), {"q": "nguyen thi anh"})

    assert [p.pk for p in response.context["cl"].result_list] == [tree.anh.pk]
