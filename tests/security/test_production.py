"""Production mode (TDKT_PRODUCTION=1): no default secret key, `check --deploy` clean, HTTPS
redirect behind a proxy, HSTS, secure cookies and the security headers. Each check starts a
fresh Python, since these settings are read once at start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

SECRET = "x" * 20 + "-production-test-secret-key-not-used-anywhere-" + "y" * 20

PROBE = textwrap.dedent(
    """
    import json
    import django
    django.setup()
    from django.test import Client
    client = Client()
    plain = client.get("/accounts/login/")
    proxied = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    cookie = proxied.cookies.get("csrftoken")
    print(json.dumps({
        "plain_status": plain.status_code,
        "plain_location": plain.get("Location", ""),
        "status": proxied.status_code,
        "headers": {k: v for k, v in proxied.headers.items()},
        "csrf_cookie_secure": bool(cookie and cookie["secure"]),
        "csrf_cookie_samesite": cookie["samesite"] if cookie else "",
    }))
    """
)


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TDKT_")
        and key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tdkt.settings",
        TDKT_DATA_DIR=str(tmp_path),
        TDKT_PRODUCTION="1",
        TDKT_ALLOWED_HOSTS="testserver,tdkt.example.gov.vn",
        **extra,
    )
    return env


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tdkt", "check"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "TDKT_SECRET_KEY must be set in production" in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tdkt", "check", "--deploy", "--fail-level", "WARNING"],
        env=_env(tmp_path, TDKT_SECRET_KEY=SECRET),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_headers_cookies_and_https_redirect(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=_env(tmp_path, TDKT_SECRET_KEY=SECRET),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    headers = probe["headers"]

    assert probe["plain_status"] == 301
    assert probe["plain_location"] == "https://testserver/accounts/login/"
    assert probe["status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self'")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert probe["csrf_cookie_secure"] is True
    assert probe["csrf_cookie_samesite"] == "Lax"
