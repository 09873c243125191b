"""Award decisions (quyết định khen thưởng), their attached lists, the counters that number them,
and the batches of certificates printed from them.

A decision is drafted, then signed; a signed decision is a legal act and never changes again.
The model layer enforces it (save, delete and queryset update/delete refuse), so no code path
can alter one by accident; a mistake is corrected by a new decision (a revocation).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_CHOICES, award_name
from tdkt.awards.enums import AwardMethod
from tdkt.awards.models import AwardRecord
from tdkt.common.text import clean_text
from tdkt.decisions.enums import BatchStatus, DecisionKind, DecisionStatus
from tdkt.organisations.models import Unit
from tdkt.people.models import Person


def clean_lines(value: str | None) -> str:
    """Each line cleaned, empty lines dropped."""
    lines = (clean_text(line) for line in (value or "").splitlines())
    return "\n".join(line for line in lines if line)


class FrozenError(PermissionError):
    """A signed decision (or a line of it) cannot be changed or deleted."""


def _is_signed(pk: int | None) -> bool:
    return pk is not None and Decision.objects.filter(pk=pk, status=DecisionStatus.SIGNED).exists()


class NumberCounter(models.Model):
    """The last number an issuing body gave a decision in a calendar year (ND 30/2020: numbers
    start at 01 each year). One row per (issuer, year), taken under a row lock."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("decision number counter")
        verbose_name_plural = _("decision number counters")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="decision_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}: {self.last_number}"


class DecisionQuerySet(models.QuerySet["Decision"]):
    def update(self, **kwargs: Any) -> int:
        if self.filter(status=DecisionStatus.SIGNED).exists():
            raise FrozenError("a signed decision cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=DecisionStatus.SIGNED).exists():
            raise FrozenError("a signed decision cannot be deleted")
        return super().delete()

    def signed(self) -> DecisionQuerySet:
        return self.filter(status=DecisionStatus.SIGNED)


class Decision(models.Model):
    """A decision of one issuing body: to grant awards (its lines are the attached list) or to
    revoke awards granted earlier (its lines name them)."""

    kind = models.CharField(
        _("kind"), max_length=12, choices=DecisionKind.choices, default=DecisionKind.AWARD
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    issuer = models.ForeignKey(
        Unit, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="decisions"
    )
    # Who decides, as the register writes it: "Chủ tịch UBND quận Cẩm Lệ".
    issuer_name = models.CharField(_("deciding authority"), max_length=200)
    symbol = models.CharField(_("symbol"), max_length=30, default="QĐ-UBND")
    number = models.PositiveIntegerField(_("number in the year"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("numbering year"), null=True, blank=True)
    decision_date = models.DateField(_("decision date"))
    achievement_year = models.PositiveSmallIntegerField(
        _("year of achievement"), null=True, blank=True
    )
    award_code = models.CharField(_("award"), max_length=40, choices=AWARD_CHOICES, blank=True)
    method = models.CharField(
        _("method"), max_length=20, choices=AwardMethod.choices, default=AwardMethod.REGULAR
    )
    summary = models.CharField(_("summary"), max_length=300)
    proposal = models.CharField(_("proposal line"), max_length=500, blank=True)
    extra_bases = models.TextField(_("further legal bases"), blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150)
    signer_title = models.CharField(_("signer's authority line"), max_length=150)
    regime = models.CharField(_("legal regime"), max_length=20, blank=True)
    base_salary_vnd = models.PositiveBigIntegerField(_("base salary"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_date", "-number", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            # A number is given once per issuing body and calendar year.
            models.UniqueConstraint(
                fields=["issuer", "number_year", "number"],
                condition=models.Q(number__isnull=False),
                name="decision_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (models.Q(number__isnull=False) & models.Q(number_year__isnull=False)),
                name="decision_signed_numbered",
            ),
        ]
        indexes = [models.Index(fields=["issuer", "status", "decision_date"])]

    def __str__(self) -> str:
        return f"{self.number_text or _('Draft')} – {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _is_signed(self.pk):
            raise FrozenError("a signed decision cannot be changed")
        for name in (
            "issuer_name",
            "summary",
            "proposal",
            "reason",
            "signer_name",
            "signer_title",
        ):
            setattr(self, name, clean_text(getattr(self, name)))
        self.symbol = clean_text(self.symbol).upper().replace(" ", "")
        self.extra_bases = clean_lines(self.extra_bases)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if _is_signed(self.pk):
            raise FrozenError("a signed decision cannot be deleted")
        return super().delete(*args, **kwargs)

    @property
    def number_text(self) -> str:
        """ "15/QĐ-UBND"; a number below 10 with its leading zero ("05/QĐ-UBND")."""
        return f"{self.number:02d}/{self.symbol}" if self.number is not None else ""

    @property
    def is_signed(self) -> bool:
        return self.status == DecisionStatus.SIGNED

    @property
    def is_revocation(self) -> bool:
        return self.kind == DecisionKind.REVOCATION

    @property
    def award_name(self) -> str:
        return award_name(self.award_code) if self.award_code else ""

    @property
    def authority_lines(self) -> tuple[str, ...]:
        """The signer's authority lines: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" -> two lines."""
        return tuple(
            part.strip().upper()
            for part in self.signer_title.replace("\n", " / ").split(" / ")
            if part.strip()
        )


class DecisionLineQuerySet(models.QuerySet["DecisionLine"]):
    def update(self, **kwargs: Any) -> int:
        if self.filter(decision__status=DecisionStatus.SIGNED).exists():
            raise FrozenError("a signed decision cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(decision__status=DecisionStatus.SIGNED).exists():
            raise FrozenError("a signed decision cannot be changed")
        return super().delete()


class DecisionLine(models.Model):
    """One recipient in a decision: the attached list's row of an award decision, or an award
    named by a revocation. `number` is the row's number in the list, which is also the
    certificate's register number (số sổ vàng)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveIntegerField(_("no."))
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_lines"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="decision_lines"
    )
    award_code = models.CharField(_("award"), max_length=40, choices=AWARD_CHOICES)
    # The name, title and position as the decision wrote them, whatever changes later.
    recipient_name = models.CharField(_("name"), max_length=255)
    salutation = models.CharField(_("salutation"), max_length=10, blank=True)
    position_text = models.CharField(_("position"), max_length=200, blank=True)
    unit_text = models.CharField(_("unit"), max_length=255, blank=True)
    unit_at_award = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    achievement = models.CharField(_("achievement"), max_length=500, blank=True)
    coefficient = models.DecimalField(
        _("coefficient"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    amount_vnd = models.PositiveBigIntegerField(_("reward money (đồng)"), null=True, blank=True)
    # The register row this line granted (award decisions, once signed).
    award_record = models.OneToOneField(
        AwardRecord,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_line",
    )
    # The register row this line revokes (revocation decisions).
    revoked_award = models.ForeignKey(
        AwardRecord,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocation_lines",
    )
    # The key of the public verification page (/verify/<token>/), printed as a QR code.
    token = models.CharField(max_length=32, null=True, blank=True, unique=True, editable=False)

    objects = DecisionLineQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "number"]
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="decision_line_number"),
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(unit__isnull=False)),
                name="decision_line_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.recipient_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _is_signed(self.decision_id):
            raise FrozenError("a signed decision cannot be changed")
        self.normalise()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if _is_signed(self.decision_id):
            raise FrozenError("a signed decision cannot be changed")
        return super().delete(*args, **kwargs)

    def normalise(self) -> None:
        """NFC texts; callable before bulk_create."""
        for name in ("recipient_name", "salutation", "position_text", "unit_text", "achievement"):
            setattr(self, name, clean_text(getattr(self, name)))

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def award_name(self) -> str:
        return award_name(self.award_code)

    @property
    def display_name(self) -> str:
        """ "Bà Nguyễn Thị Ánh" for a person, the unit's name for a collective."""
        return f"{self.salutation} {self.recipient_name}".strip()

    @property
    def position_and_unit(self) -> str:
        return ", ".join(part for part in (self.position_text, self.unit_text) if part)


class CertificateBatch(models.Model):
    """One print of a decision's certificates as a single PDF, made in the background."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="certificate_batches"
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="certificates/", blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("certificate print")
        verbose_name_plural = _("certificate prints")

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.done}/{self.total} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == BatchStatus.DONE:
            return 100
        return 0 if not self.total else min(99, self.done * 100 // self.total)


class SignedPdf(models.Model):
    """The digitally signed PDF of a signed decision, made once (at its first download) and
    kept: the verification page checks the very file people downloaded, by its SHA-256 and its
    signature. Like the decision it belongs to, it never changes."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="signed_pdf", verbose_name=_("decision")
    )
    file = models.FileField(upload_to="decisions/signed/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    signer_common_name = models.CharField(_("signer's certificate"), max_length=255)
    certificate_fingerprint = models.CharField(_("certificate fingerprint"), max_length=64)
    certificate_not_before = models.DateTimeField(_("certificate valid from"))
    certificate_not_after = models.DateTimeField(_("certificate valid until"))
    signed_at = models.DateTimeField(_("signing time"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("signed decision PDF")
        verbose_name_plural = _("signed decision PDFs")

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.sha256}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and SignedPdf.objects.filter(pk=self.pk).exists():
            raise FrozenError("a signed PDF cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise FrozenError("a signed PDF cannot be deleted")

    @property
    def fingerprint_display(self) -> str:
        """ "AB:CD:…", as certificate viewers print it."""
        value = self.certificate_fingerprint
        return ":".join(value[i : i + 2] for i in range(0, len(value), 2))
