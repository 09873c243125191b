"""In a real browser: the Content-Security-Policy lets the pages' own scripts run (the language
menu, print buttons) and blocks an injected one; the API docs load from this server alone."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-2025"


def test_language_menu_still_works_under_the_csp(page, login, tree, secretariat_user):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login("thuky", PASSWORD)

    with page.expect_navigation():
        page.select_option("select[name=language]", "en")

    assert page.locator("html").get_attribute("lang") == "en"
    assert violations == []


def test_injected_inline_script_is_blocked(page, login, tree, secretariat_user):
    login("thuky", PASSWORD)
    page.goto("/people/")

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__injected = true'; document.body.appendChild(s); }"
    )

    assert page.evaluate("() => window.__injected === true") is False


def test_api_docs_render_from_local_assets(page, login, live_server, tree, secretariat_user):
    outside: list[str] = []

    def note(request) -> None:  # type: ignore[no-untyped-def]
        if not request.url.startswith((live_server.url, "data:", "blob:")):
            outside.append(request.url)

    page.on("request", note)
    login("thuky", PASSWORD)
    page.goto("/api/v1/docs/")

    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)

    assert outside == []
