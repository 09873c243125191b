"""Who may open which page: the role × page matrix, anonymous visitors, and scope leaks."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["secretariat_user", "unit_officer", "council_member", "leader", "administrator"]
LIST_PAGES = ["common:dashboard", "organisations:tree", "people:list", "awards:register"]


def _detail_urls(tree):  # type: ignore[no-untyped-def]
    return {
        "unit": reverse("organisations:detail", args=[tree.ward_a.pk]),
        "person": reverse("people:detail", args=[tree.anh.pk]),
        "award": reverse("awards:detail", args=[tree.anh_award.pk]),
        "unit_award": reverse("awards:detail", args=[tree.ward_a_award.pk]),
    }


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_page_anonymous_redirects_to_login(client, tree, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_detail_pages_anonymous_redirect_to_login(client, tree):
    for url in _detail_urls(tree).values():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_page_opens_for_every_role(client, request, role, name):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_ward_a_detail_pages_open_for_every_role_that_sees_ward_a(client, request, tree, role):
    client.force_login(request.getfixturevalue(role))

    statuses = {key: client.get(url).status_code for key, url in _detail_urls(tree).items()}

    assert statuses == {"unit": 200, "person": 200, "award": 200, "unit_award": 200}


def test_other_ward_officer_gets_404_on_every_ward_a_page(client, tree, other_ward_officer):
    client.force_login(other_ward_officer)
    urls = [
        *_detail_urls(tree).values(),
        reverse("organisations:detail", args=[tree.neighbourhood.pk]),
        reverse("people:edit", args=[tree.anh.pk]),
        reverse("people:service_create", args=[tree.anh.pk]),
        reverse("people:year_create", args=[tree.anh.pk]),
        reverse("awards:record_person", args=[tree.anh.pk]),
        reverse("awards:record_unit", args=[tree.ward_a.pk]),
    ]

    statuses = {url: client.get(url).status_code for url in urls}

    assert set(statuses.values()) == {404}


def test_unit_officer_gets_404_on_parent_district_page(client, tree, unit_officer):
    client.force_login(unit_officer)

    response = client.get(reverse("organisations:detail", args=[tree.district.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "ward_a_text", "ward_b_text"),
    [
        ("organisations:tree", "Phường Hòa Thọ Đông", "Phường Khuê Trung"),
        ("people:list", "Nguyễn Thị Ánh", "Trần Văn Bình"),
        ("awards:register", "Nguyễn Thị Ánh", "Trần Văn Bình"),
        ("common:dashboard", "Nguyễn Thị Ánh", "Trần Văn Bình"),
    ],
)
def test_lists_show_only_the_officers_own_ward(
    client, tree, unit_officer, name, ward_a_text, ward_b_text
):
    client.force_login(unit_officer)

    content = client.get(reverse(name)).content.decode()

    assert ward_a_text in content
    assert ward_b_text not in content
    assert "Khuê Trung" not in content


@pytest.mark.parametrize("name", ["people:list", "awards:register"])
def test_unit_filter_outside_scope_shows_nothing(client, tree, unit_officer, name):
    client.force_login(unit_officer)

    response = client.get(reverse(name), {"unit": tree.ward_b.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "Trần Văn Bình" not in content
    assert "Nguyễn Thị Ánh" not in content


@pytest.mark.parametrize("name", ["people:list", "awards:register"])
def test_unit_filter_on_parent_district_shows_nothing_to_officer(client, tree, unit_officer, name):
    client.force_login(unit_officer)

    response = client.get(reverse(name), {"unit": tree.district.pk})

    assert response.context["page"].paginator.count == 0


def test_register_unit_filter_inside_scope_lists_ward_awards(client, tree, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("awards:register"), {"unit": tree.ward_b.pk})

    ids = {award.pk for award in response.context["page"].object_list}
    assert ids == {tree.binh_award.pk, tree.ward_b_award.pk}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("secretariat_user", 200),
        ("unit_officer", 200),
        ("administrator", 200),
        ("council_member", 403),
        ("leader", 403),
    ],
)
def test_editing_pages_open_only_for_editing_roles(client, request, tree, role, expected):
    client.force_login(request.getfixturevalue(role))
    urls = [
        reverse("people:create"),
        reverse("people:edit", args=[tree.anh.pk]),
        reverse("people:service_create", args=[tree.anh.pk]),
        reverse("people:year_create", args=[tree.anh.pk]),
        reverse("awards:record_person", args=[tree.anh.pk]),
        reverse("awards:record_unit", args=[tree.ward_a.pk]),
    ]

    statuses = {client.get(url).status_code for url in urls}

    assert statuses == {expected}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("secretariat_user", 302),
        ("administrator", 302),
        ("unit_officer", 302),
        ("council_member", 302),
        ("leader", 302),
    ],
)
def test_admin_index_only_for_staff_roles(client, request, role, expected):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.get(reverse("admin:index"))

    staff = role in {"secretariat_user", "administrator"}
    assert user.is_staff is staff
    assert response.status_code == (200 if staff else expected)
