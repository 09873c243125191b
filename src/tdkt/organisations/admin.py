from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tdkt.common.admin import FoldedSearchMixin, ScopedAdmin, ScopedInline
from tdkt.organisations.models import (
    EmulationGroup,
    EmulationGroupMembership,
    Unit,
    UnitSuccession,
    UnitYearRecord,
)


class HistoricFilter(admin.SimpleListFilter):
    title = _("in operation")
    parameter_name = "historic"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [("no", _("In operation")), ("yes", _("Historic"))]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() == "no":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "yes":
            return queryset.filter(valid_to__isnull=False)
        return queryset


class SuccessionInline(ScopedInline):
    model = UnitSuccession
    fk_name = "successor"
    verbose_name = _("predecessor")
    verbose_name_plural = _("predecessors (units this one took over)")


class UnitYearRecordInline(ScopedInline):
    model = UnitYearRecord


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, ScopedAdmin):
    list_display = ["name", "kind", "sector", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "sector", HistoricFilter]
    search_fields = ["name", "short_name", "code"]
    list_select_related = ["parent"]
    ordering = ["path"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline, UnitYearRecordInline]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(ScopedAdmin):
    list_display = ["predecessor", "successor", "effective_on", "legal_basis"]
    list_select_related = ["predecessor", "successor"]
    search_fields = ["predecessor__name", "successor__name", "legal_basis"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(UnitYearRecord)
class UnitYearRecordAdmin(ScopedAdmin):
    list_display = ["unit", "year", "grade"]
    list_filter = ["year", "grade"]
    list_select_related = ["unit"]
    search_fields = ["unit__name"]
    autocomplete_fields = ["unit"]


class MembershipInline(ScopedInline):
    model = EmulationGroupMembership
    autocomplete_fields = ["unit"]


@admin.register(EmulationGroup)
class EmulationGroupAdmin(ScopedAdmin):
    list_display = ["name", "year", "kind", "convener"]
    list_filter = ["year", "kind"]
    search_fields = ["name"]
    list_select_related = ["convener"]
    autocomplete_fields = ["convener"]
    inlines = [MembershipInline]


@admin.register(EmulationGroupMembership)
class EmulationGroupMembershipAdmin(ScopedAdmin):
    list_display = ["group", "unit", "role"]
    list_filter = ["group__year", "role"]
    list_select_related = ["group", "unit"]
    search_fields = ["unit__name", "group__name"]
    autocomplete_fields = ["unit"]
