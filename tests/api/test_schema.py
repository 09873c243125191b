"""The OpenAPI schema and the browsable docs, served without any outside asset."""

from __future__ import annotations

import re

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_schema_lists_every_endpoint_with_bearer_security(client):
    response = client.get("/api/v1/schema/")

    schema = yaml.safe_load(response.content)
    assert response.status_code == 200
    assert set(schema["paths"]) == {
        "/api/v1/units/",
        "/api/v1/units/{id}/",
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/year-records/",
        "/api/v1/year-records/{id}/",
        "/api/v1/awards/",
        "/api/v1/awards/{id}/",
        "/api/v1/verdicts/",
        "/api/v1/verdicts/{id}/",
        "/api/v1/dossiers/",
        "/api/v1/dossiers/{id}/",
        "/api/v1/nominations/",
        "/api/v1/nominations/{id}/",
        "/api/v1/decisions/",
        "/api/v1/decisions/{id}/",
    }
    assert schema["components"]["securitySchemes"]["tokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token made on the API tokens page: `Authorization: Bearer <token>`.",
    }


def test_schema_documents_the_error_answers(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)

    people = schema["paths"]["/api/v1/people/"]
    person = schema["paths"]["/api/v1/people/{id}/"]
    assert set(people["get"]["responses"]) == {"200", "400", "401", "403", "404"}
    assert set(people["post"]["responses"]) == {"201", "400", "401", "403", "404"}
    assert set(person["get"]["responses"]) == {"200", "401", "403", "404"}
    assert "delete" not in person


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_load_every_asset_from_this_server(client, url):
    response = client.get(url)

    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert response.status_code == 200
    assert sources
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []


def test_swagger_init_script_is_a_separate_file_for_the_csp(client):
    html = client.get("/api/v1/docs/").content.decode()

    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert inline == []
    assert "Content-Security-Policy" in client.get("/api/v1/docs/").headers
