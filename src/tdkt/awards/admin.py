from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdkt.awards.models import AwardRecord
from tdkt.common.admin import ScopedAdmin


@admin.register(AwardRecord)
class AwardRecordAdmin(ScopedAdmin):
    list_display = [
        "award_code",
        "year",
        "person",
        "unit",
        "decision_number",
        "decision_date",
        "status",
    ]
    list_filter = ["status", "year", "award_code", "method", "source"]
    list_select_related = ["person", "unit"]
    search_fields = ["decision_number", "revoked_by_number", "person__full_name", "unit__name"]
    autocomplete_fields = ["person", "unit", "unit_at_award"]
    date_hierarchy = "decision_date"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The register keeps every row; a wrong award is revoked by a decision, not deleted.
        return False
