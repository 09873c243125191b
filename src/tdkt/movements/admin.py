"""Admin pages of the movements app. The pages of the app are where the work is done; the
admin is for looking things up and correcting drafts. A signed pledge is read-only here, as
everywhere (the model refuses the change even if a page tried)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from tdkt.common.admin import ReadOnlyAdmin, ScopedAdmin, ScopedInline
from tdkt.movements.models import (
    KeyTask,
    LeaderProposal,
    Movement,
    MovementTarget,
    Pledge,
    PledgeSignatory,
    PledgeTarget,
    ProgressReport,
    Registration,
    RegistrationEntry,
    Reminder,
    ScoreSheet,
)
from tdkt.movements.queries import movements_for, pledges_for, sheets_for


class KeyTaskInline(ScopedInline):
    model = KeyTask


class MovementTargetInline(ScopedInline):
    model = MovementTarget


@admin.register(Movement)
class MovementAdmin(ScopedAdmin):
    list_display = ["name", "year", "kind", "launched_by", "status", "plan_number"]
    list_filter = ["year", "kind", "status"]
    search_fields = ["name", "plan_number"]
    filter_horizontal = ["covered_units"]
    inlines = [KeyTaskInline, MovementTargetInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return movements_for(request.user).select_related("launched_by")  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or obj.is_draft


class RegistrationEntryInline(ScopedInline):
    model = RegistrationEntry
    autocomplete_fields = ["person"]


@admin.register(Registration)
class RegistrationAdmin(ScopedAdmin):
    list_display = ["movement", "unit", "registered_on"]
    list_filter = ["movement__year"]
    inlines = [RegistrationEntryInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(movement__in=movements_for(request.user))  # type: ignore[arg-type]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "movement", "unit", "kind", "sent_by"]
    list_filter = ["kind"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(movement__in=movements_for(request.user))  # type: ignore[arg-type]


class _FrozenInline(ScopedInline):
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or not obj.is_signed

    has_add_permission = has_change_permission  # type: ignore[assignment]
    has_delete_permission = has_change_permission  # type: ignore[assignment]


class PledgeSignatoryInline(_FrozenInline):
    model = PledgeSignatory


class PledgeTargetInline(_FrozenInline):
    model = PledgeTarget


@admin.register(Pledge)
class PledgeAdmin(ScopedAdmin):
    list_display = ["title", "year", "unit", "group", "version", "status", "signed_on"]
    list_filter = ["year", "status"]
    search_fields = ["title", "unit__name", "group__name"]
    readonly_fields = ["status", "signed_on", "signing_recorded_by", "previous", "version"]
    inlines = [PledgeSignatoryInline, PledgeTargetInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return pledges_for(request.user).select_related("unit", "group")  # type: ignore[arg-type]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_signed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_signed:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["target", "period", "actual_value", "reported_on", "reported_by"]
    list_filter = ["period"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(target__pledge__in=pledges_for(request.user))  # type: ignore[arg-type]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "ranked_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return sheets_for(request.user)  # type: ignore[arg-type]


@admin.register(LeaderProposal)
class LeaderProposalAdmin(ReadOnlyAdmin):
    list_display = ["unit", "award_code", "sheet", "proposed_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(sheet__in=sheets_for(request.user))  # type: ignore[arg-type]
