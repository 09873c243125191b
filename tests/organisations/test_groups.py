"""Emulation groups: creating, editing and carrying them over, who may do it, and bad input that
changes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from tdkt.accounts.enums import Role
from tdkt.awards.forms import OUT_OF_SCOPE
from tdkt.common import clock
from tdkt.common.models import AuditEntry
from tdkt.organisations import services
from tdkt.organisations.enums import GroupKind, GroupRole, UnitKind
from tdkt.organisations.models import EmulationGroup, EmulationGroupMembership, UnitSuccession
from tdkt.organisations.services import GroupError, GroupInput
from tests.conftest import make_unit, make_user

pytestmark = pytest.mark.django_db

CLUSTER = "Cụm thi đua các phường"


def _group(tree, year: int = 2017, name: str = CLUSTER) -> EmulationGroup:  # type: ignore[no-untyped-def]
    group = EmulationGroup.objects.create(
        year=year, kind=GroupKind.CLUSTER, name=name, convener=tree.district
    )
    EmulationGroupMembership.objects.create(group=group, unit=tree.ward_a, role=GroupRole.HEAD)
    EmulationGroupMembership.objects.create(group=group, unit=tree.ward_b, role=GroupRole.MEMBER)
    return group


def _input(tree, **changes) -> GroupInput:  # type: ignore[no-untyped-def]
    fields = {
        "year": 2018,
        "kind": GroupKind.CLUSTER,
        "name": CLUSTER,
        "convener": tree.district,
        "members": [tree.ward_a, tree.ward_b],
        "head": tree.ward_b,
    }
    return GroupInput(**(fields | changes))


def _roles(group: EmulationGroup) -> dict[str, str]:
    return {m.unit.name: m.role for m in group.memberships.select_related("unit")}


def _says(msgid: str, **params: object) -> str:
    """The refusal's text as the user reads it (a regex matching exactly that text)."""
    return "^" + re.escape(gettext(msgid) % params) + "$"


def _messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in response.context["messages"]] if response.context else []


# -- services ------------------------------------------------------------------------------


def test_create_group_writes_members_head_and_audit(tree, secretariat_user):
    group = services.create_group(_input(tree), actor=secretariat_user)

    assert _roles(group) == {"Phường Hòa Thọ Đông": "member", "Phường Khuê Trung": "head"}
    entry = AuditEntry.objects.get(object_id=str(group.pk), action="organisations.group.created")
    assert entry.data["head"] == tree.ward_b.pk


def test_head_who_is_not_a_member_is_refused(tree, secretariat_user):
    other = make_unit("Phường Hòa Xuân", UnitKind.WARD, tree.district)

    with pytest.raises(
        GroupError,
        match=_says("The group head must be one of its members; %(unit)s is not.", unit=other.name),
    ):
        services.create_group(_input(tree, head=other), actor=secretariat_user)

    assert EmulationGroup.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="organisations.group").count() == 0


def test_a_body_abolished_before_the_year_cannot_convene_its_groups(tree, secretariat_user):
    tree.district.valid_to = dt.date(2025, 6, 30)
    tree.district.save()

    with pytest.raises(
        GroupError,
        match=_says(
            "%(unit)s does not operate in %(year)s and cannot convene a group.",
            unit="Quận Cẩm Lệ",
            year=2026,
        ),
    ):
        services.create_group(_input(tree, year=2026), actor=secretariat_user)
    # Its last year it still convenes (the groups of 2025 were set up before it ended).
    services.create_group(_input(tree, year=2025), actor=secretariat_user)

    assert list(EmulationGroup.objects.values_list("year", flat=True)) == [2025]


def test_duplicate_name_in_the_same_year_is_refused(tree, secretariat_user):
    services.create_group(_input(tree), actor=secretariat_user)

    with pytest.raises(
        GroupError,
        match=_says(
            "%(convener)s already has a group named “%(name)s” in %(year)s.",
            convener="Quận Cẩm Lệ",
            name="cụm thi đua CÁC phường",
            year=2018,
        ),
    ):
        services.create_group(
            _input(tree, name="  cụm thi đua CÁC phường "), actor=secretariat_user
        )
    services.create_group(_input(tree, year=2017), actor=secretariat_user)  # another year: fine

    assert sorted(EmulationGroup.objects.values_list("year", flat=True)) == [2017, 2018]


def test_renaming_onto_another_group_is_refused_and_changes_nothing(tree, secretariat_user):
    first = services.create_group(_input(tree), actor=secretariat_user)
    second = services.create_group(_input(tree, name="Cụm số 2"), actor=secretariat_user)

    with pytest.raises(GroupError):
        services.update_group(second, _input(tree, head=tree.ward_a), actor=secretariat_user)
    services.update_group(first, _input(tree, head=tree.ward_a), actor=secretariat_user)

    second.refresh_from_db()
    assert second.name == "Cụm số 2"
    assert _roles(second)["Phường Khuê Trung"] == "head"
    assert _roles(first)["Phường Hòa Thọ Đông"] == "head"
    change = AuditEntry.objects.get(action="organisations.group.changed")
    assert change.data == {"head": [tree.ward_b.pk, tree.ward_a.pk]}


def test_service_refuses_a_unit_outside_the_actors_scope(tree):
    ward_secretariat = make_user("thuky_a", Role.SECRETARIAT, tree.ward_a)

    with pytest.raises(
        GroupError,
        match=_says(
            "%(unit)s is outside the units you are responsible for; nothing was saved.",
            unit="Phường Khuê Trung",
        ),
    ):
        services.create_group(
            _input(
                tree, convener=tree.ward_a, members=[tree.neighbourhood, tree.ward_b], head=None
            ),
            actor=ward_secretariat,
        )

    assert EmulationGroup.objects.count() == 0


def test_carry_over_copies_members_and_heads_once(tree, secretariat_user):
    _group(tree, 2016, "Khối cũ")  # an older year is not the source
    _group(tree, 2017)

    done = services.carry_over_groups(2018, actor=secretariat_user)

    copied = EmulationGroup.objects.get(year=2018)
    assert (done.source_year, len(done.copied), done.existing) == (2017, 1, 0)
    assert copied.name == CLUSTER
    assert copied.convener == tree.district
    assert _roles(copied) == {"Phường Hòa Thọ Đông": "head", "Phường Khuê Trung": "member"}
    assert AuditEntry.objects.filter(action="organisations.group.created").count() == 1

    with pytest.raises(
        GroupError,
        match=_says(
            "Every group of %(source)s is already in %(year)s; nothing was copied.",
            source=2017,
            year=2018,
        ),
    ):
        services.carry_over_groups(2018, actor=secretariat_user)
    assert EmulationGroup.objects.filter(year=2018).count() == 1
    assert AuditEntry.objects.filter(action="organisations.group.created").count() == 1


def test_carry_over_replaces_units_ended_by_the_reorganisation(tree, secretariat_user):
    _group(tree, 2018)
    ended = dt.date(2025, 6, 30)
    for unit in (tree.district, tree.ward_a):
        unit.valid_to = ended
        unit.save()
    new_ward = make_unit(
        "Phường Cẩm Lệ", UnitKind.WARD, tree.province, valid_from=dt.date(2025, 7, 1)
    )
    UnitSuccession.objects.create(
        predecessor=tree.ward_a, successor=new_ward, effective_on=dt.date(2025, 7, 1)
    )

    services.carry_over_groups(2026, actor=secretariat_user)

    copied = EmulationGroup.objects.get(year=2026)
    # The district ended with no successor: the city above it convenes the group.
    assert copied.convener == tree.province
    assert _roles(copied) == {"Phường Cẩm Lệ": "head", "Phường Khuê Trung": "member"}


def test_carry_over_with_no_earlier_groups_is_refused(tree, secretariat_user):
    with pytest.raises(
        GroupError,
        match=_says("No earlier year has emulation groups to carry over into %(year)s.", year=2018),
    ):
        services.carry_over_groups(2018, actor=secretariat_user)


# -- pages ---------------------------------------------------------------------------------


def test_group_list_defaults_to_the_current_year(client, monkeypatch, tree, secretariat_user):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 5, 2))
    _group(tree, 2017, "Cụm năm 2017")
    _group(tree, 2018, "Cụm năm 2018")
    client.force_login(secretariat_user)

    this_year = client.get(reverse("organisations:groups")).content.decode()
    earlier = client.get(reverse("organisations:groups") + "?year=2017").content.decode()

    assert "Cụm năm 2018" in this_year
    assert "Cụm năm 2017" not in this_year
    assert "Cụm năm 2017" in earlier
    assert "Cụm năm 2018" not in earlier


@pytest.mark.parametrize("typed", ["²", "99999999999999999999999", "abc"])
def test_group_list_takes_a_typed_year_that_is_no_year_as_the_current_year(
    client, monkeypatch, tree, secretariat_user, typed
):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 5, 2))
    _group(tree, 2018, "Cụm năm 2018")
    client.force_login(secretariat_user)

    response = client.get(reverse("organisations:groups"), {"year": typed})

    assert response.status_code == 200
    assert response.context["year"] == 2018
    assert "Cụm năm 2018" in response.content.decode()


def test_group_page_shows_kind_year_members_and_head(client, tree, unit_officer):
    group = _group(tree, 2017)
    client.force_login(unit_officer)

    response = client.get(reverse("organisations:group", args=[group.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Phường Hòa Thọ Đông" in content
    assert "Phường Khuê Trung" in content
    assert str(GroupKind.CLUSTER.label) in content
    assert response.context["p"].head == tree.ward_a
    # Ward B is named (a fellow member) but not linked for ward A's officer.
    assert reverse("organisations:detail", args=[tree.ward_b.pk]) not in content
    assert reverse("organisations:group_edit", args=[group.pk]) not in content


def test_only_the_secretariat_may_change_groups(client, tree, unit_officer):
    group = _group(tree, 2017)
    client.force_login(unit_officer)

    statuses = [
        client.get(reverse("organisations:group_create")).status_code,
        client.get(reverse("organisations:group_edit", args=[group.pk])).status_code,
        client.post(reverse("organisations:group_carry_over"), {"year": 2018}).status_code,
    ]

    assert statuses == [403, 403, 403]
    assert EmulationGroup.objects.count() == 1


def test_group_outside_scope_is_a_404(client, tree, other_ward_officer):
    group = EmulationGroup.objects.create(
        year=2018, kind=GroupKind.BLOCK, name="Khối tổ dân phố", convener=tree.ward_a
    )
    EmulationGroupMembership.objects.create(group=group, unit=tree.neighbourhood)
    client.force_login(other_ward_officer)

    assert client.get(reverse("organisations:group", args=[group.pk])).status_code == 404


def test_forged_post_with_a_unit_out_of_scope_changes_nothing(client, tree):
    ward_secretariat = make_user("thuky_a", Role.SECRETARIAT, tree.ward_a)
    client.force_login(ward_secretariat)

    response = client.post(
        reverse("organisations:group_create"),
        {
            "kind": GroupKind.BLOCK,
            "name": "Khối tổ dân phố",
            "year": 2018,
            "convener": tree.ward_a.pk,
            "members": [tree.neighbourhood.pk, tree.ward_b.pk],
            "head": tree.neighbourhood.pk,
        },
    )

    assert response.status_code == 200
    assert str(OUT_OF_SCOPE) in response.context["form"].errors["members"]
    assert EmulationGroup.objects.count() == 0


def test_head_not_a_member_through_the_page_shows_the_reason(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        reverse("organisations:group_create"),
        {
            "kind": GroupKind.CLUSTER,
            "name": CLUSTER,
            "year": 2018,
            "convener": tree.district.pk,
            "members": [tree.ward_a.pk, tree.ward_b.pk],
            "head": tree.neighbourhood.pk,
        },
    )

    expected = gettext("The group head must be one of its members; %(unit)s is not.") % {
        "unit": tree.neighbourhood.name
    }
    assert response.context["form"].non_field_errors() == [expected]
    assert EmulationGroup.objects.count() == 0


def test_carry_over_page_reports_how_many_were_copied(client, monkeypatch, tree, secretariat_user):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 3, 1))
    _group(tree, 2017)
    client.force_login(secretariat_user)

    first = client.post(reverse("organisations:group_carry_over"), {"year": 2018}, follow=True)
    again = client.post(reverse("organisations:group_carry_over"), {"year": 2018}, follow=True)

    assert _messages(first) == [
        gettext(
            "Carried over from %(source)s into %(year)s: %(copied)s group(s) copied,"
            " %(existing)s already there, %(small)s left out with fewer than two units"
            " still in operation."
        )
        % {"source": 2017, "year": 2018, "copied": 1, "existing": 0, "small": 0}
    ]
    assert _messages(again) == [
        gettext("Every group of %(source)s is already in %(year)s; nothing was copied.")
        % {"source": 2017, "year": 2018}
    ]
    assert EmulationGroup.objects.filter(year=2018).count() == 1
