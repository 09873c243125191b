"""The permission matrix: every page and endpoint (enumerated from Django's resolver), for
every role, inside and outside its scope.

- every URL that takes an id names the object it takes (so new pages are covered);
- an anonymous visitor is sent to the login page (401 on the API) except on the public pages
  listed in permission_urls.PUBLIC (docs/security.md);
- a ward officer gets 404 for every object of the other ward, by GET and by POST, unless the
  page refuses the officer's role outright (then the answer is the same for both wards);
- no page fails (500) for any role inside its scope.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from tests.security.permission_urls import PUBLIC, concrete_urls, routes, routes_missing_objects

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
ROLES = ["secretariat_user", "unit_officer", "council_member", "leader", "administrator"]


def test_every_url_with_an_id_names_its_object():
    assert routes_missing_objects() == []


def test_every_url_is_covered():
    assert len(routes()) > 100


def test_anonymous_visitor_is_sent_to_login_everywhere_but_public_pages(client, world):
    unexpected = {}
    for url, route in concrete_urls(world.a):
        if route.name in PUBLIC:
            continue
        response = client.get(url)
        if route.is_api:
            if response.status_code != 401:
                unexpected[url] = response.status_code
        elif response.status_code == 405:
            posted = client.post(url)
            if posted.status_code != 302 or not posted["Location"].startswith(LOGIN):
                unexpected[url] = ("POST", posted.status_code)
        elif response.status_code != 302 or not response["Location"].startswith(LOGIN):
            unexpected[url] = response.status_code

    assert unexpected == {}


def _answer(browser: Client, url: str) -> tuple[str, int]:
    """GET, or POST (empty form) where the page takes POST only."""
    status = browser.get(url).status_code
    if status == 405:
        return "POST", browser.post(url).status_code
    return "GET", status


@pytest.mark.parametrize(
    ("officer", "own", "other"), [("unit_officer", "a", "b"), ("other_ward_officer", "b", "a")]
)
def test_ward_officer_gets_404_for_every_object_of_the_other_ward(
    request, world, officer, own, other
):
    browser = Client()
    browser.force_login(request.getfixturevalue(officer))
    own_urls = {route.name: url for url, route in concrete_urls(getattr(world, own))}

    leaks = {}
    for url, route in concrete_urls(getattr(world, other)):
        if not route.takes_ids or route.name in PUBLIC:
            continue
        method, status = _answer(browser, url)
        if status == 404:
            continue
        # A page the role may not use at all answers the same for both wards: nothing leaks.
        _own_method, own_status = _answer(browser, own_urls[route.name])
        if status in (403, 405) and status == own_status:
            continue
        leaks[url] = (route.name, method, status)

    assert leaks == {}


@pytest.mark.parametrize("role", ROLES)
def test_no_page_fails_for_any_role(request, world, role):
    browser = Client(raise_request_exception=False)
    browser.force_login(request.getfixturevalue(role))
    urls = dict(concrete_urls(world.a))
    urls.update({url: route for url, route in concrete_urls(world.b) if route.takes_ids})

    failures = {}
    for url, route in urls.items():
        if route.name.endswith("pdf"):
            continue  # LibreOffice conversion, seconds each: covered by the decisions tests
        with transaction.atomic():  # a failing page must not abort the others' transaction
            status = browser.get(url).status_code
            transaction.set_rollback(status >= 500)
        if status >= 500:
            failures[url] = (route.name, status)

    assert failures == {}
