"""The award register (sổ theo dõi khen thưởng): every title and award of a person or unit."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_CHOICES, AWARD_KINDS
from tdkt.awards.enums import AwardMethod, AwardSource, AwardStatus
from tdkt.common.text import clean_text
from tdkt.organisations.models import Unit
from tdkt.people.models import Person


class AwardRecord(models.Model):
    """One title or award of one recipient (a person or a unit, never both).

    Nothing is deleted: a revoked award keeps its row with the revoking decision, so the
    history stays complete and the register shows it as revoked.
    """

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    award_code = models.CharField(_("award"), max_length=40, choices=AWARD_CHOICES)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    method = models.CharField(
        _("method"), max_length=20, choices=AwardMethod.choices, default=AwardMethod.REGULAR
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True)
    achievement = models.CharField(_("achievement"), max_length=500, blank=True)
    amount_vnd = models.PositiveBigIntegerField(_("reward money (đồng)"), null=True, blank=True)
    # The recipient's unit when the award was granted (a person's unit moves; this does not).
    unit_at_award = models.ForeignKey(
        Unit,
        verbose_name=_("unit at the time"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AwardStatus.choices, default=AwardStatus.GRANTED
    )
    revoked_by_number = models.CharField(_("revoking decision"), max_length=60, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=AwardSource.choices, default=AwardSource.ENTERED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "award_code", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("award register")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(unit__isnull=False)),
                name="award_one_recipient",
            ),
            models.CheckConstraint(
                condition=models.Q(status="granted")
                | (models.Q(status="revoked") & models.Q(revoked_on__isnull=False)),
                name="award_revocation_dated",
            ),
            # The same award for the same achievement year is granted once (Law 2022 Đ.5 k.2).
            models.UniqueConstraint(
                fields=["person", "award_code", "year", "decision_number"],
                condition=models.Q(person__isnull=False),
                name="award_person_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "award_code", "year", "decision_number"],
                condition=models.Q(unit__isnull=False),
                name="award_unit_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "award_code", "status"]),
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["decision_number"]),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} {self.year} – {self.recipient}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.decision_number = clean_text(self.decision_number).upper().replace(" ", "")
        self.issuer = clean_text(self.issuer)
        self.achievement = clean_text(self.achievement)
        super().save(*args, **kwargs)

    @property
    def recipient(self) -> Person | Unit | None:
        return self.person or self.unit

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def award_name(self) -> str:
        kind = AWARD_KINDS.get(self.award_code)
        return kind.name_vi if kind else self.award_code

    @property
    def is_revoked(self) -> bool:
        return self.status == AwardStatus.REVOKED
