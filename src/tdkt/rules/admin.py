"""Stored evaluations in the admin: read only (they are written by `tdkt rules evaluate` and the
evaluations page, never by hand)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tdkt.rules.models import EvaluationRun


@admin.register(EvaluationRun)
class EvaluationRunAdmin(admin.ModelAdmin):
    list_display = ("year", "unit", "decision_date", "regime", "people", "units", "created_at")
    list_filter = ("year", "regime")
    readonly_fields = [field.name for field in EvaluationRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
