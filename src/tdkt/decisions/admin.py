"""Decisions in Django admin: read-only. Drafting and signing go through the decision pages
(services.py), which number, price and audit; a signed decision never changes anywhere."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tdkt.accounts.scope import units_for
from tdkt.common.admin import ReadOnlyAdmin
from tdkt.decisions.models import CertificateBatch, Decision, DecisionLine


def _scoped(queryset: QuerySet[Any], user: Any, field: str) -> QuerySet[Any]:
    if user.sees_everything:
        return queryset
    return queryset.filter(**{f"{field}__in": units_for(user).values("pk")})


class DecisionLineInline(admin.TabularInline):
    model = DecisionLine
    extra = 0
    can_delete = False
    fields = ("number", "recipient_name", "award_code", "position_text", "unit_text", "amount_vnd")
    readonly_fields = fields
    ordering = ["number"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number_text", "decision_date", "summary", "issuer", "kind", "status"]
    list_filter = ["status", "kind", "award_code"]
    search_fields = ["summary", "signer_name", "issuer__name"]
    date_hierarchy = "decision_date"
    list_select_related = ["issuer"]
    inlines = [DecisionLineInline]
    readonly_fields = [
        "kind",
        "status",
        "issuer",
        "issuer_name",
        "symbol",
        "number",
        "number_year",
        "decision_date",
        "achievement_year",
        "award_code",
        "method",
        "summary",
        "proposal",
        "extra_bases",
        "reason",
        "signer_name",
        "signer_title",
        "regime",
        "base_salary_vnd",
        "drafted_by",
        "signed_by",
        "signed_at",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Decision]:
        return _scoped(super().get_queryset(request), request.user, "issuer")


@admin.register(CertificateBatch)
class CertificateBatchAdmin(ReadOnlyAdmin):
    list_display = ["decision", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["decision"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[CertificateBatch]:
        return _scoped(super().get_queryset(request), request.user, "decision__issuer")
