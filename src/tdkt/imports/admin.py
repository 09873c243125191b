from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tdkt.accounts.scope import units_for
from tdkt.common.admin import ReadOnlyAdmin
from tdkt.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "kind",
        "status",
        "uploaded_by",
        "unit",
        "created_at",
        "rows_written",
        "rows_failed",
    ]
    list_filter = ["kind", "status"]
    list_select_related = ["uploaded_by", "unit"]
    search_fields = ["file_name"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ImportBatch]:
        queryset = super().get_queryset(request)
        user: Any = request.user
        if user.sees_everything:
            return queryset
        return queryset.filter(unit__in=units_for(user).values("pk"))
