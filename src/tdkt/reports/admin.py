"""Admin shows the share goals for reference; they change only on the goals page, whose
service writes the audit entry."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tdkt.common.admin import ReadOnlyAdmin, scoped_queryset
from tdkt.reports.models import ShareGoal
from tdkt.reports.services import can_set_goals


@admin.register(ShareGoal)
class ShareGoalAdmin(ReadOnlyAdmin):
    list_display = ["unit", "measure", "from_year", "percent", "updated_at"]
    list_filter = ["measure", "from_year"]
    list_select_related = ["unit"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped_queryset(self.model, super().get_queryset(request), request.user)

    # Those who set the goals read them here too (no model permission is needed for that).
    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_set_goals(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_set_goals(request.user)
