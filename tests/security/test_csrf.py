"""Every form is protected by CSRF: a POST without the token is refused on every URL."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.permission_urls import concrete_urls

pytestmark = pytest.mark.django_db


def test_post_without_csrf_token_is_refused_everywhere(tree, secretariat_user, ward_b_objects):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(secretariat_user)

    statuses = {
        url: browser.post(url, {"x": "1"}).status_code
        for url, _pattern in concrete_urls(ward_b_objects)
    }

    accepted = {url: status for url, status in statuses.items() if status != 403}
    # API calls with a token need no CSRF token (a token is not sent by the browser on its
    # own); with the session, as here, DRF enforces CSRF too.
    assert accepted == {}


def test_login_form_without_csrf_token_is_refused(tree, unit_officer):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(
        "/accounts/login/", {"username": "canbo_a", "password": "mat-khau-thu-nghiem-2025"}
    )

    assert response.status_code == 403
