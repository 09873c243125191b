"""Admin pages of the nominations app: for looking things up. Every change of a dossier or a
nomination goes through the pages (and their services), which keep the state machine and the
audit trail; here they are read-only."""

from __future__ import annotations

from django.contrib import admin

from tdkt.common.admin import ReadOnlyAdmin
from tdkt.nominations.models import Attachment, Disclosure, Dossier, Nomination, PublicComment


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    fields = ("order", "person", "unit", "award_code", "state", "return_reason")
    readonly_fields = ("order", "person", "unit", "award_code", "state", "return_reason")
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year", "kind", "state", "version", "submitted_at"]
    list_filter = ["state", "kind", "year"]
    search_fields = ["title", "unit__name", "memo_number"]
    list_select_related = ["unit"]
    inlines = [NominationInline]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "unit", "year", "award_code", "state", "verdict_eligible"]
    list_filter = ["state", "award_code", "year"]
    search_fields = ["person__full_name", "unit__name"]
    list_select_related = ["person", "unit"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "dossier", "kind", "file_type", "size", "uploaded_at"]
    list_filter = ["kind", "file_type"]


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "published_on", "starts_on", "ends_on", "state"]
    list_filter = ["state", "year"]


@admin.register(PublicComment)
class PublicCommentAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "disclosure", "nomination", "author_name", "late"]
    list_filter = ["late"]
    search_fields = ["text", "author_name"]
