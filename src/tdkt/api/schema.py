"""OpenAPI: the token scheme, and the error answers every operation can give, so that the
schema describes every status code the API really returns."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A 400 names each field (or non_field_errors) with its messages.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
    },
}
ERRORS = {
    "400": ("Invalid input or filter; each field names its errors.", FIELD_ERRORS),
    "401": ("No credentials, or an unknown, revoked or expired token.", ERROR),
    "403": ("The token's scope or the user's role does not allow this.", ERROR),
    "404": ("No such object among those the user may see.", ERROR),
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "tdkt.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made on the API tokens page: `Authorization: Bearer <token>`.",
        }


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the error answers of every operation (no 400 for reading one
    object, which takes no input)."""
    for name, path in result.get("paths", {}).items():
        for method, operation in path.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, (description, schema) in ERRORS.items():
                if code == "400" and method == "get" and name.endswith("{id}/"):
                    continue
                content = {"application/json": {"schema": schema}}
                responses.setdefault(code, {"description": description, "content": content})
    return result
