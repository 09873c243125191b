"""The units tree and a unit's page: search, history of reorganisations, members, awards."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tdkt.common.enums import Grade
from tdkt.organisations.enums import GroupKind, GroupRole, UnitKind
from tdkt.organisations.models import (
    EmulationGroup,
    EmulationGroupMembership,
    UnitSuccession,
    UnitYearRecord,
)
from tdkt.organisations.queries import unit_tree

pytestmark = pytest.mark.django_db

MERGED_ON = dt.date(2025, 7, 1)


@pytest.fixture
def merged(tree, unit_factory):
    """Ward B (Khuê Trung) and ward A were merged into Phường Cẩm Lệ on 01/07/2025."""
    new_ward = unit_factory(
        "Phường Cẩm Lệ", UnitKind.WARD, tree.province, code="cam-le-moi", valid_from=MERGED_ON
    )
    for old in (tree.ward_a, tree.ward_b, tree.district):
        old.valid_to = dt.date(2025, 6, 30)
        old.save()
    for old in (tree.ward_a, tree.ward_b):
        UnitSuccession.objects.create(
            predecessor=old,
            successor=new_ward,
            effective_on=MERGED_ON,
            legal_basis="NQ 1659/NQ-UBTVQH15",
        )
    return new_ward


def _section(content: str, element_id: str, end: str = "</ul>") -> str:
    match = re.search(rf'id="{element_id}".*?{end}', content, re.S)
    assert match is not None, element_id
    return match.group(0)


def test_unit_tree_search_ignores_diacritics_and_keeps_ancestors(tree):
    roots = unit_tree(tree.province.subtree(), "KHUE trung")

    assert [r.unit.name for r in roots] == ["Thành phố Đà Nẵng"]
    district = roots[0].children[0]
    assert [c.unit.name for c in district.children] == ["Phường Khuê Trung"]
    assert district.children[0].matched is True
    assert district.matched is False


def test_unit_tree_page_search_shows_hits_only(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    content = client.get(reverse("organisations:tree"), {"q": "hoa tho dong"}).content.decode()

    assert "<mark>Phường Hòa Thọ Đông</mark>" in content
    assert "Khuê Trung" not in content


def test_unit_tree_page_search_without_hit_says_so(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("organisations:tree"), {"q": "xyz"})

    assert response.context["roots"] == []
    assert 'class="tree' not in response.content.decode()


def test_unit_tree_marks_historic_units_and_links_successor(client, tree, merged, secretariat_user):
    client.force_login(secretariat_user)

    content = client.get(reverse("organisations:tree")).content.decode()

    node = re.search(rf'<li data-unit="{tree.ward_b.pk}">.*?</li>', content, re.S).group(0)
    assert "badge-historic" in node
    assert "30/06/2025" in node
    assert f'href="/units/{merged.pk}/">Phường Cẩm Lệ</a>' in node


def test_unit_tree_current_only_hides_historic_units(tree, merged):
    roots = unit_tree(tree.province.subtree(), current_only=True)

    assert [c.unit.name for c in roots[0].children] == ["Phường Cẩm Lệ"]


def test_unit_tree_counts_members(tree):
    roots = unit_tree(tree.province.subtree())

    wards = {c.unit.name: c.member_count for c in roots[0].children[0].children}
    assert wards == {"Phường Hòa Thọ Đông": 1, "Phường Khuê Trung": 1}


def test_new_ward_page_lists_predecessors_and_their_awards(client, tree, merged, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("organisations:detail", args=[merged.pk]))

    content = response.content.decode()
    lineage = _section(content, "lineage")
    assert "Phường Khuê Trung" in lineage
    assert "Phường Hòa Thọ Đông" in lineage
    assert "01/07/2025" in lineage
    awards = _section(content, "unit-awards", "</table>")
    assert awards.count('class="small muted predecessor-award"') == 2
    assert {a.pk for group in response.context["p"].unit_awards for a in group.items} == {
        tree.ward_a_award.pk,
        tree.ward_b_award.pk,
    }


def test_old_ward_page_says_when_and_by_what_it_was_merged(client, tree, merged, secretariat_user):
    client.force_login(secretariat_user)

    content = client.get(reverse("organisations:detail", args=[tree.ward_b.pk])).content.decode()

    lineage = _section(content, "lineage")
    assert f'data-successor="{merged.pk}"' in lineage
    assert f'<a href="/units/{merged.pk}/">Phường Cẩm Lệ</a>' in lineage
    assert "01/07/2025" in lineage
    assert "NQ 1659/NQ-UBTVQH15" in lineage


def test_old_ward_officer_sees_successor_named_but_not_linked(
    client, tree, merged, other_ward_officer
):
    client.force_login(other_ward_officer)

    content = client.get(reverse("organisations:detail", args=[tree.ward_b.pk])).content.decode()

    lineage = _section(content, "lineage")
    assert "Phường Cẩm Lệ" in lineage
    assert f"/units/{merged.pk}/" not in lineage


def test_unit_page_members_in_vietnamese_order(client, tree, secretariat_user, person_factory):
    for name in ["Lê Văn Đức", "Phạm Thị Ân", "Hồ Văn An", "Võ Văn Dũng"]:
        person_factory(name, tree.ward_a)
    client.force_login(secretariat_user)

    response = client.get(reverse("organisations:detail", args=[tree.ward_a.pk]))

    names = [period.person.full_name for period in response.context["p"].members]
    assert names == ["Hồ Văn An", "Nguyễn Thị Ánh", "Phạm Thị Ân", "Võ Văn Dũng", "Lê Văn Đức"]


def test_unit_page_leaves_out_people_who_left(client, tree, secretariat_user, person_factory):
    person_factory("Đỗ Văn Giang", tree.ward_a, end_on=dt.date(2020, 12, 31))
    client.force_login(secretariat_user)

    response = client.get(reverse("organisations:detail", args=[tree.ward_a.pk]))

    assert [p.person.full_name for p in response.context["p"].members] == ["Nguyễn Thị Ánh"]


def test_unit_page_groups_grades_and_member_awards(client, tree, secretariat_user):
    group = EmulationGroup.objects.create(
        year=2024, kind=GroupKind.CLUSTER, name="Cụm thi đua số 1", convener=tree.district
    )
    EmulationGroupMembership.objects.create(group=group, unit=tree.ward_a, role=GroupRole.HEAD)
    UnitYearRecord.objects.create(unit=tree.ward_a, year=2024, grade=Grade.EXCELLENT)
    client.force_login(secretariat_user)

    response = client.get(reverse("organisations:detail", args=[tree.ward_a.pk]))

    page = response.context["p"]
    assert [(m.group.name, m.group.year, m.role) for m in page.groups] == [
        ("Cụm thi đua số 1", 2024, GroupRole.HEAD)
    ]
    assert [(r.year, r.grade) for r in page.year_records] == [(2024, Grade.EXCELLENT)]
    assert [(g.year, [a.pk for a in g.items]) for g in page.member_awards] == [
        (2024, [tree.anh_award.pk])
    ]
    assert [(g.year, [a.pk for a in g.items]) for g in page.unit_awards] == [
        (2024, [tree.ward_a_award.pk])
    ]


def test_unit_page_breadcrumbs_link_only_units_in_scope(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.get(reverse("organisations:detail", args=[tree.neighbourhood.pk]))

    assert [(u.name, linked) for u, linked in response.context["p"].ancestors] == [
        ("Thành phố Đà Nẵng", False),
        ("Quận Cẩm Lệ", False),
        ("Phường Hòa Thọ Đông", True),
    ]
    assert f'href="/units/{tree.district.pk}/"' not in response.content.decode()


def test_new_ward_officer_sees_predecessor_awards_without_links(client, tree, merged, user_factory):
    from tdkt.accounts.enums import Role

    officer = user_factory("canbo_moi", Role.UNIT_OFFICER, merged)
    client.force_login(officer)

    response = client.get(reverse("organisations:detail", args=[merged.pk]))

    awards = _section(response.content.decode(), "unit-awards", "</table>")
    assert "Phường Khuê Trung" in awards
    assert f"/awards/{tree.ward_b_award.pk}/" not in awards
    assert client.get(reverse("awards:detail", args=[tree.ward_b_award.pk])).status_code == 404
