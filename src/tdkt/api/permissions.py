"""Who may call the API: a logged-in user or a live token; writing needs a token with the
write scope (or the browser session) and a role that may change records. Which objects are
reachable is decided by accounts.scope in each viewset's queryset, as for the pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from tdkt.api.models import READ, WRITE, ApiToken


class ScopedAccess(permissions.BasePermission):
    message = _("You may not do this through the API.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if request.method in permissions.SAFE_METHODS:
            return token is None or token.has_scope(READ)
        if token is not None and not token.has_scope(WRITE):
            self.message = _("This token may only read; make a token with the write scope.")
            return False
        if not user.can_edit_records:
            self.message = _("Your role cannot change records.")
            return False
        return True
