"""Django admin for the secretariat and the administrator: the shared scoping and audit
behaviour, and the read-only audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import awards_for, people_for, units_for
from tdkt.common.audit import record
from tdkt.common.models import AuditEntry
from tdkt.common.security import LockoutAdminAuthenticationForm
from tdkt.common.text import fold


def scoped_queryset(model: type[models.Model], queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Restrict an admin queryset to the user's subtree (a secretariat tied to a unit)."""
    from tdkt.awards.models import AwardRecord
    from tdkt.organisations.models import Unit
    from tdkt.people.models import Person

    if user.sees_everything:
        return queryset
    if model is Unit:
        return queryset.filter(pk__in=units_for(user).values("pk"))
    if model is Person:
        return queryset.filter(pk__in=people_for(user).values("pk"))
    if model is AwardRecord:
        return queryset.filter(pk__in=awards_for(user).values("pk"))
    field_names = {f.name for f in model._meta.get_fields()}
    if "person" in field_names:
        return queryset.filter(person__in=people_for(user).values("pk"))
    if "predecessor" in field_names:  # a succession: either side in scope
        units = units_for(user).values("pk")
        return queryset.filter(models.Q(predecessor__in=units) | models.Q(successor__in=units))
    if "convener" in field_names:  # an emulation group
        units = units_for(user).values("pk")
        return queryset.filter(
            models.Q(convener__in=units) | models.Q(memberships__unit__in=units)
        ).distinct()
    if "unit" in field_names:
        return queryset.filter(unit__in=units_for(user).values("pk"))
    return queryset.none()


class ScopedAdmin(admin.ModelAdmin):
    """A secretariat tied to a unit sees and picks only units and people of its subtree; every
    change made here is also written to tdkt's audit trail, in the same transaction."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scoped_queryset(self.model, super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        from tdkt.organisations.models import Unit
        from tdkt.people.models import Person

        user: Any = request.user
        if not user.sees_everything:
            if db_field.related_model is Unit:
                kwargs["queryset"] = units_for(user)
            elif db_field.related_model is Person:
                kwargs["queryset"] = people_for(user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record(
                obj,
                f"{obj._meta.label_lower}.{'changed' if change else 'created'}",
                actor=request.user,
                data={"via": "admin", "fields": list(form.changed_data)},
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record(
                obj, f"{obj._meta.label_lower}.deleted", actor=request.user, data={"via": "admin"}
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                record(
                    obj,
                    f"{obj._meta.label_lower}.deleted",
                    actor=request.user,
                    data={"via": "admin"},
                )
            super().delete_queryset(request, queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                record(
                    obj,
                    f"{obj._meta.label_lower}.deleted",
                    actor=request.user,
                    data={"via": "admin"},
                )
                obj.delete()
            for obj in instances:
                adding = obj.pk is None
                obj.save()
                record(
                    obj,
                    f"{obj._meta.label_lower}.{'created' if adding else 'changed'}",
                    actor=request.user,
                    data={"via": "admin"},
                )
            formset.save_m2m()


class ScopedInline(admin.TabularInline):
    """An inline whose unit and person choices stay within the user's scope."""

    extra = 0

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        from tdkt.organisations.models import Unit
        from tdkt.people.models import Person

        user: Any = request.user
        if not user.sees_everything:
            if db_field.related_model is Unit:
                kwargs["queryset"] = units_for(user)
            elif db_field.related_model is Person:
                kwargs["queryset"] = people_for(user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FoldedSearchMixin:
    """Admin search on `search_key`, so "nguyen thi anh" finds "Nguyễn Thị Ánh"."""

    search_key_field = "search_key"

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        results, may_have_duplicates = super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term
        )
        words = fold(search_term).split()
        if words:
            folded = queryset
            for word in words:
                folded = folded.filter(**{f"{self.search_key_field}__contains": word})
            results = results | folded
        return results, may_have_duplicates


class ReadOnlyAdmin(admin.ModelAdmin):
    """Visible to those with the view permission; nobody adds, changes or deletes here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "action", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    readonly_fields = [
        "created_at",
        "actor",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "data",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        queryset = super().get_queryset(request)
        user: Any = request.user
        if user.sees_everything:
            return queryset
        # A secretariat tied to a unit reads the entries of the units, people and awards in
        # its scope and its own actions.
        condition = models.Q(actor=user)
        for label, ids in (
            ("organisations.unit", units_for(user)),
            ("people.person", people_for(user)),
            ("awards.awardrecord", awards_for(user)),
        ):
            as_text = ids.annotate(pk_text=Cast("pk", models.CharField())).values("pk_text")
            condition |= models.Q(object_type=label, object_id__in=as_text)
        return queryset.filter(condition)


admin.site.site_header = _("Emulation – Commendation: administration")
admin.site.site_title = _("tdkt administration")
admin.site.index_title = _("Records and accounts")
# Failed admin logins count towards the same lockout as the login page.
admin.site.login_form = LockoutAdminAuthenticationForm
