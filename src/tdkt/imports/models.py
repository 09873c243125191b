"""A record of each import: who brought which file in, and what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportKind(models.TextChoices):
    PEOPLE = "people", pgettext_lazy("import kind", "People with service")
    YEAR_RECORDS = "year_records", pgettext_lazy("import kind", "Yearly records")
    AWARDS = "awards", pgettext_lazy("import kind", "Past awards")


class ImportStatus(models.TextChoices):
    REJECTED = "rejected", pgettext_lazy("import status", "Rejected, nothing written")
    IMPORTED = "imported", pgettext_lazy("import status", "Imported")
    PARTIAL = "partial", pgettext_lazy("import status", "Valid rows imported, others skipped")


class ImportBatch(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "organisations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    rows_total = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    rows_failed = models.PositiveIntegerField(default=0)
    detected_encoding = models.CharField(max_length=20, blank=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"
