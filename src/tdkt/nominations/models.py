"""Dossiers (hồ sơ đề nghị khen thưởng), the nominations in them, their attachments, the public
lists under disclosure and the comments the public sends.

Every change goes through `services.py`, which checks the state machines of `enums.py`, writes
one audit entry and keeps `Dossier.version` for optimistic locking.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_CHOICES, AWARD_KINDS, award_name
from tdkt.common.text import clean_text
from tdkt.nominations.enums import (
    DEAD_STATES,
    AttachmentKind,
    DayUnit,
    DisclosureState,
    DossierKind,
    DossierState,
    NominationState,
)
from tdkt.organisations.models import Unit
from tdkt.people.models import Person


def clean_lines(value: str | None) -> str:
    """Multi-line text: each line NFC and trimmed, empty lines dropped."""
    lines = (clean_text(line) for line in (value or "").splitlines())
    return "\n".join(line for line in lines if line)


class Dossier(models.Model):
    """A unit's request for awards: one submission memo and the nominations it lists.

    `decision_date` is the date the award decision is expected on: it chooses the legal regime
    and the base salary the nominations are judged by (docs/rules.md), as it will for the
    decision itself. `version` grows with every change; a save carries the version it read and
    is refused if someone else saved in between.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="dossiers"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DossierKind.choices)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    movement = models.ForeignKey(
        "movements.Movement",
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    title = models.CharField(_("title"), max_length=300)
    decision_date = models.DateField(
        _("expected decision date"),
        help_text=_("Chooses the legal rules and base salary the nominations are judged by."),
    )
    memo_number = models.CharField(_("submission memo number"), max_length=40, blank=True)
    memo_date = models.DateField(_("submission memo date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=DossierState.choices, default=DossierState.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    return_note = models.TextField(_("note from the secretariat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.CheckConstraint(condition=models.Q(version__gte=1), name="dossier_version"),
        ]
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self) -> str:
        return f"{self.title} – {self.unit}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_text(self.title)
        # "03/TTr-UBND": the symbol's case is its own (TTr), so only spaces go.
        self.memo_number = clean_text(self.memo_number).replace(" ", "")
        self.note = clean_lines(self.note)
        self.return_note = clean_lines(self.return_note)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.state in (DossierState.DRAFT, DossierState.RETURNED)

    def live_nominations(self) -> models.QuerySet[Nomination]:
        return self.nominations.exclude(state__in=DEAD_STATES)


class Nomination(models.Model):
    """One candidate (a person or a collective) for one title or award form.

    For a person, `unit` is the unit they work in (the one the quota counts them in); for a
    collective, `unit` is the collective itself and `person` is empty. `year` repeats the
    dossier's, so the database itself refuses two live nominations of the same candidate for
    the same award and year.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="nominations"
    )
    award_code = models.CharField(_("award proposed"), max_length=40, choices=AWARD_CHOICES)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    achievement = models.TextField(_("summary of achievements"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=NominationState.choices,
        default=NominationState.DRAFT,
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    # The appraisal, as it was judged: eligibility, the regime and date, failed conditions.
    verdict_eligible = models.BooleanField(_("eligible when appraised"), null=True, blank=True)
    verdict = models.JSONField(default=dict, blank=True, editable=False)
    appraisal_note = models.TextField(_("appraisal note"), blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appraised_at = models.DateTimeField(null=True, blank=True)
    disclosure = models.ForeignKey(
        "Disclosure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    # The line of the attached list of the draft (then signed) decision that grants it.
    decision_line = models.OneToOneField(
        "decisions.DecisionLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nomination",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "order", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "award_code", "year"],
                condition=models.Q(person__isnull=False)
                & ~models.Q(state__in=["rejected", "withdrawn"]),
                name="nomination_person_once",
            ),
            models.UniqueConstraint(
                fields=["unit", "award_code", "year"],
                condition=models.Q(person__isnull=True)
                & ~models.Q(state__in=["rejected", "withdrawn"]),
                name="nomination_unit_once",
            ),
        ]
        indexes = [
            models.Index(fields=["year", "award_code", "state"]),
            models.Index(fields=["state"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.award_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.position = clean_text(self.position)
        self.achievement = clean_lines(self.achievement)
        self.return_reason = clean_lines(self.return_reason)
        self.appraisal_note = clean_lines(self.appraisal_note)
        super().save(*args, **kwargs)

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name  # type: ignore[union-attr]

    @property
    def award_name(self) -> str:
        return award_name(self.award_code)

    @property
    def award_rank(self) -> int:
        kind = AWARD_KINDS.get(self.award_code)
        return kind.rank if kind else 999

    @property
    def workplace(self) -> str:
        """Where the candidate works: the unit of a person, the parent of a collective."""
        if self.person_id:
            return self.unit.name
        parent = self.unit.parent
        return parent.name if parent is not None else ""


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random name under the dossier's folder; the name the user gave is kept in the row."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"nominations/{instance.dossier_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A document of the dossier (review minutes, memo) or of one nomination (achievement
    report, initiative certificate). Its type is checked by content when uploaded."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    nomination = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "nomination", "kind", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Disclosure(models.Model):
    """A list published for comments (công khai, lấy ý kiến) before the council, with its
    period. Public pages show only name, unit, position and the award proposed."""

    title = models.CharField(_("title"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("publishing body"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    published_on = models.DateField(_("published on"))
    days = models.PositiveSmallIntegerField(_("length of the period"))
    day_unit = models.CharField(_("counted in"), max_length=12, choices=DayUnit.choices)
    starts_on = models.DateField(_("comments from"))
    ends_on = models.DateField(_("comments until"))
    basis = models.CharField(_("legal basis of the period"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=DisclosureState.choices, default=DisclosureState.OPEN
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("public disclosure")
        verbose_name_plural = _("public disclosures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="disclosure_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_text(self.title)
        self.basis = clean_text(self.basis)
        super().save(*args, **kwargs)

    def has_ended(self, today: dt.date) -> bool:
        return today > self.ends_on

    @property
    def is_open(self) -> bool:
        return self.state == DisclosureState.OPEN


class PublicComment(models.Model):
    """A comment from the public on a disclosed list (or one nomination in it). Nothing about
    the sender is kept beyond what they chose to write."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="comments")
    nomination = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("nomination commented on"),
    )
    author_name = models.CharField(_("your name"), max_length=150, blank=True)
    contact = models.CharField(_("phone or e-mail"), max_length=150, blank=True)
    text = models.TextField(_("comment"))
    received_at = models.DateTimeField(auto_now_add=True)
    late = models.BooleanField(_("received after the period"), default=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")

    def __str__(self) -> str:
        return self.text[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.author_name = clean_text(self.author_name)
        self.contact = clean_text(self.contact)
        self.text = clean_lines(self.text)
        super().save(*args, **kwargs)
