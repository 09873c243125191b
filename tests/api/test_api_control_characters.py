"""A NUL or other control character in a query parameter is dropped, never a server error
(PostgreSQL refuses NUL in any string; schemathesis found this)."""

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("path", ["/api/v1/units/", "/api/v1/people/", "/api/v1/awards/"])
def test_nul_in_the_search_is_ignored(as_user, secretariat_user, path):
    client = as_user(secretariat_user)
    response = client.get(path, {"q": "kh\x00ue", "kind": "neighbourhood"})
    assert response.status_code in (200, 400)
