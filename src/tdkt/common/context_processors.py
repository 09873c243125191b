from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def tdkt(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"can_edit_records": bool(user and user.is_authenticated and user.can_edit_records)}
