"""Admin pages of the councils app: the council, its members and its own thresholds are set up
here (with the audit trail of ScopedAdmin); sessions are run from the pages, and the ballot
tables are not shown at all (the choices are anonymous, and stay so)."""

from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import ReadOnlyAdmin, ScopedAdmin
from tdkt.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    CouncilThreshold,
)


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    fields = ["order", "user", "role", "title", "active"]
    autocomplete_fields = ["user"]


class ThresholdInline(admin.TabularInline):
    model = CouncilThreshold
    extra = 0
    fields = ["award_code", "threshold_pct", "base", "strict", "basis"]


@admin.register(Council)
class CouncilAdmin(ScopedAdmin):
    list_display = ["name", "unit", "quorum_numerator", "quorum_denominator", "active"]
    list_select_related = ["unit"]
    inlines = [MemberInline, ThresholdInline]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("order", "nomination", "threshold_pct", "agree", "base_count", "result")
    readonly_fields = ("order", "nomination", "threshold_pct", "agree", "base_count", "result")
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "held_on", "state", "members_present", "members_total"]
    list_filter = ["state", "year"]
    inlines = [AgendaInline]
