from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import FoldedSearchMixin, ScopedAdmin, ScopedInline
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord


class ServicePeriodInline(ScopedInline):
    model = ServicePeriod
    autocomplete_fields = ["unit"]


class YearRecordInline(ScopedInline):
    model = YearRecord
    autocomplete_fields = ["unit"]


class DisciplinaryActionInline(ScopedInline):
    model = DisciplinaryAction


class ContributionInline(ScopedInline):
    model = Contribution


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, ScopedAdmin):
    list_display = ["full_name", "gender", "birth_date", "citizen_id"]
    list_filter = ["gender"]
    search_fields = ["full_name", "citizen_id"]
    ordering = ["sort_key", "id"]
    inlines = [ServicePeriodInline, YearRecordInline, DisciplinaryActionInline, ContributionInline]


@admin.register(ServicePeriod)
class ServicePeriodAdmin(ScopedAdmin):
    list_display = ["person", "unit", "position", "category", "start_on", "end_on"]
    list_filter = ["category", "is_frontline", "is_leader"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__full_name", "unit__name", "position"]
    autocomplete_fields = ["person", "unit"]


@admin.register(YearRecord)
class YearRecordAdmin(ScopedAdmin):
    list_display = ["person", "year", "grade", "unit", "leave_kind", "leave_days"]
    list_filter = ["year", "grade", "leave_kind"]
    list_select_related = ["person", "unit"]
    search_fields = ["person__full_name"]
    autocomplete_fields = ["person", "unit"]


@admin.register(DisciplinaryAction)
class DisciplinaryActionAdmin(ScopedAdmin):
    list_display = ["person", "level", "decided_on", "year", "decision_number"]
    list_filter = ["level", "year"]
    list_select_related = ["person"]
    search_fields = ["person__full_name", "decision_number"]
    autocomplete_fields = ["person"]


@admin.register(Contribution)
class ContributionAdmin(ScopedAdmin):
    list_display = ["title", "person", "kind", "scope", "year"]
    list_filter = ["kind", "scope", "year"]
    list_select_related = ["person"]
    search_fields = ["title", "person__full_name", "decision_number"]
    autocomplete_fields = ["person"]
