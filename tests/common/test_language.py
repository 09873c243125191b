import pytest
from django.conf import settings

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_login_page_is_vietnamese_whatever_the_browser_asks(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_language_menu_switches_to_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/accounts/login/")
    assert "Log in" in response.content.decode()
    assert response["Content-Language"] == "en"


def test_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get("/accounts/login/")
    assert response["Content-Language"] == "vi"
