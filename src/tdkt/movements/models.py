"""Emulation movements, registrations, pledges with their targets, progress reports and the
scoring of emulation groups.

Every change goes through `services.py`. A signed pledge is frozen here, in the model layer,
so that no service, form or admin page can change it: its row, its targets and its
signatories refuse `save`, `delete` and queryset `update`/`delete`. A change is a new version
(`Pledge.previous`), and the signed one stays as it was signed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_CHOICES, award_name
from tdkt.common.text import clean_text
from tdkt.movements.enums import (
    Direction,
    MovementKind,
    MovementStatus,
    Period,
    PledgeStatus,
    ReminderKind,
    ReportFrequency,
    SheetStatus,
    SignatoryRole,
)
from tdkt.organisations.models import EmulationGroup, Unit


def clean_lines(value: str | None) -> str:
    """Multi-line text: each line through clean_text, empty lines dropped."""
    lines = (clean_text(line) for line in (value or "").splitlines())
    return "\n".join(line for line in lines if line)


class FrozenError(PermissionError):
    """A signed pledge (or its targets and signatories) cannot be changed."""


# -- movements ---------------------------------------------------------------------------


class Movement(models.Model):
    """A movement launched by a body (phát động phong trào thi đua) for the units it covers.

    The text fields are the blocks of the launch plan (documents.md §8); the plan's number and
    date are set when the movement is launched.
    """

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=MovementKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    launched_by = models.ForeignKey(
        Unit, verbose_name=_("launching body"), on_delete=models.PROTECT, related_name="movements"
    )
    covered_units = models.ManyToManyField(
        Unit, verbose_name=_("units covered"), related_name="covering_movements", blank=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    review_on = models.DateField(_("final review on"), null=True, blank=True)
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    purpose = models.TextField(_("purpose"))
    requirements = models.TextField(_("requirements"), blank=True)
    preamble = models.TextField(_("preamble (legal bases)"), blank=True)
    rewards_text = models.TextField(_("commendation"), blank=True)
    implementation_text = models.TextField(_("organisation of implementation"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MovementStatus.choices, default=MovementStatus.DRAFT
    )
    plan_number = models.CharField(_("plan number"), max_length=40, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    place = models.CharField(_("place in the date line"), max_length=80, blank=True)
    signer_authority = models.TextField(
        _("signature authority"), default="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    )
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    launched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "kind", "name", "id"]
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="movement_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="launched") | models.Q(plan_date__isnull=False),
                name="movement_launched_has_plan_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in ("name", "theme", "plan_number", "place", "signer_name"):
            setattr(self, name, clean_text(getattr(self, name)))
        self.plan_number = self.plan_number.upper().replace(" ", "")
        for name in (
            "purpose",
            "requirements",
            "preamble",
            "rewards_text",
            "implementation_text",
            "signer_authority",
            "recipients",
        ):
            setattr(self, name, clean_lines(getattr(self, name)))
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == MovementStatus.DRAFT

    @property
    def is_launched(self) -> bool:
        return self.status == MovementStatus.LAUNCHED


class KeyTask(models.Model):
    """A key task of a movement (nhiệm vụ trọng tâm), one line of block II of the plan."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="key_tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("key task"), max_length=500)

    class Meta:
        ordering = ["movement", "order", "id"]
        verbose_name = _("key task")
        verbose_name_plural = _("key tasks")

    def __str__(self) -> str:
        return self.text

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.text = clean_text(self.text)
        super().save(*args, **kwargs)


class TargetFields(models.Model):
    """What every target says: its name, unit of measure, planned value, direction, weight."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("target"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60)
    planned_value = models.DecimalField(_("planned value"), max_digits=18, decimal_places=4)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal("1"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_text(self.name)
        self.unit_of_measure = clean_text(self.unit_of_measure)
        super().save(*args, **kwargs)

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER


class MovementTarget(TargetFields):
    """A target of the movement as a whole (block III of the launch plan)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")

    class Meta:
        ordering = ["movement", "order", "id"]
        verbose_name = _("movement target")
        verbose_name_plural = _("movement targets")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="movement_target_weight")
        ]


# -- registration ------------------------------------------------------------------------


class Registration(models.Model):
    """A unit's registration for a movement: the titles it aims for, for itself and its people.

    Since 2024 registration is information, not a condition for any title (Law 2022 Đ.7).
    """

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="registrations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registrations")
    registered_on = models.DateField(_("registered on"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["movement", "unit__sort_key"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"

    @property
    def is_late(self) -> bool:
        deadline = self.movement.registration_deadline
        return deadline is not None and self.registered_on > deadline


class RegistrationEntry(models.Model):
    """One title aimed for: by the unit itself (no person) or by one of its people."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="entries")
    award_code = models.CharField(_("title or award"), max_length=40, choices=AWARD_CHOICES)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="emulation_registrations",
    )

    class Meta:
        ordering = ["registration", "person__sort_key", "award_code", "id"]
        verbose_name = _("registered title")
        verbose_name_plural = _("registered titles")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "award_code"],
                condition=models.Q(person__isnull=True),
                name="registration_entry_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["registration", "person", "award_code"],
                condition=models.Q(person__isnull=False),
                name="registration_entry_person_unique",
            ),
        ]

    def __str__(self) -> str:
        return award_name(self.award_code)

    @property
    def award_name(self) -> str:
        return award_name(self.award_code)


class Reminder(models.Model):
    """A reminder from the secretariat to a unit (to register, or to report on a period)."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="movement_reminders")
    kind = models.CharField(_("about"), max_length=20, choices=ReminderKind.choices)
    message = models.CharField(_("message"), max_length=500, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_kind_display()}"


# -- pledges -----------------------------------------------------------------------------


class PledgeQuerySet(models.QuerySet["Pledge"]):
    def update(self, **kwargs: Any) -> int:
        if self.filter(status=PledgeStatus.SIGNED).exists():
            raise FrozenError("a signed pledge cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(status=PledgeStatus.SIGNED).exists():
            raise FrozenError("a signed pledge cannot be deleted")
        return super().delete()


class Pledge(models.Model):
    """A pledge (giao ước thi đua) between the launching body and one unit or a whole group.

    Versions: a change to a signed pledge is a new draft whose `previous` is the signed one;
    the newest signed version is the one in force.
    """

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="pledges")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    launching_body = models.ForeignKey(
        Unit, verbose_name=_("launching body"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    group = models.ForeignKey(
        EmulationGroup,
        verbose_name=_("emulation group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    purpose = models.TextField(_("purpose"))
    commitments = models.TextField(_("commitments"), blank=True)
    implementation = models.TextField(_("organisation of implementation"), blank=True)
    report_frequency = models.CharField(
        _("progress reports"),
        max_length=10,
        choices=ReportFrequency.choices,
        default=ReportFrequency.QUARTER,
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    place = models.CharField(_("place in the date line"), max_length=80, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PledgeStatus.choices, default=PledgeStatus.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("signed at"), max_length=200, blank=True)
    signing_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "movement", "title", "version"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(unit__isnull=False) & models.Q(group__isnull=True))
                | (models.Q(unit__isnull=True) & models.Q(group__isnull=False)),
                name="pledge_one_party",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="signed") | models.Q(signed_on__isnull=False),
                name="pledge_signed_dated",
            ),
        ]

    def __str__(self) -> str:
        party = self.group.name if self.group_id else self.unit.name  # type: ignore[union-attr]
        return f"{self.title} – {party} (v{self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk is not None
            and Pledge.objects.filter(pk=self.pk, status=PledgeStatus.SIGNED).exists()
        ):
            raise FrozenError("a signed pledge cannot be changed")
        for name in ("title", "number", "place", "signed_place"):
            setattr(self, name, clean_text(getattr(self, name)))
        for name in ("purpose", "commitments", "implementation"):
            setattr(self, name, clean_lines(getattr(self, name)))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if Pledge.objects.filter(pk=self.pk, status=PledgeStatus.SIGNED).exists():
            raise FrozenError("a signed pledge cannot be deleted")
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == PledgeStatus.SIGNED

    @property
    def party_name(self) -> str:
        return self.group.name if self.group_id else self.unit.name  # type: ignore[union-attr]


class _PledgePartQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        if self.filter(pledge__status=PledgeStatus.SIGNED).exists():
            raise FrozenError("a signed pledge cannot be changed")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(pledge__status=PledgeStatus.SIGNED).exists():
            raise FrozenError("a signed pledge cannot be changed")
        return super().delete()


class _PledgePart(models.Model):
    """A row that belongs to a pledge and freezes with it."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_signed()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_signed()
        return super().delete(*args, **kwargs)

    def _refuse_if_signed(self) -> None:
        pledge_id: int = getattr(self, "pledge_id", 0) or 0
        if Pledge.objects.filter(pk=pledge_id, status=PledgeStatus.SIGNED).exists():
            raise FrozenError("a signed pledge cannot be changed")


class PledgeSignatory(_PledgePart):
    """A unit that signs the pledge, with the authority lines and the signer's name."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatories")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=SignatoryRole.choices)
    order = models.PositiveSmallIntegerField(default=0)
    authority = models.CharField(_("authority lines"), max_length=300, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)

    objects = _PledgePartQuerySet.as_manager()

    class Meta:
        ordering = ["pledge", "order", "id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit"], name="pledge_signatory_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.signer_name = clean_text(self.signer_name)
        self.authority = " / ".join(
            clean_text(part).upper() for part in self.authority.split("/") if clean_text(part)
        )
        super().save(*args, **kwargs)

    @property
    def authority_lines(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.authority.split("/") if part.strip())


class PledgeTarget(TargetFields, _PledgePart):
    """A target one signatory pledges to reach. `key` ties together the same target of
    different units (scored by the same criterion); each unit has its own planned value."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pledge_targets")
    key = models.SlugField(_("key"), max_length=60)

    objects = _PledgePartQuerySet.as_manager()

    class Meta:
        ordering = ["pledge", "order", "unit__sort_key", "id"]
        verbose_name = _("pledge target")
        verbose_name_plural = _("pledge targets")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "unit", "key"], name="pledge_target_unique"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="pledge_target_weight"),
        ]


# -- progress ----------------------------------------------------------------------------


def evidence_path(instance: ProgressReport, filename: str) -> str:
    # The stored name never comes from the user: the original name is kept in a field.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    target = instance.target
    return f"movements/evidence/{target.pledge_id}/{target.pk}-{instance.period}.{suffix}"


class ProgressReport(models.Model):
    """A unit's actual value of one target for one period, cumulative from 1 January (lũy kế),
    with an optional evidence file."""

    target = models.ForeignKey(PledgeTarget, on_delete=models.PROTECT, related_name="reports")
    period = models.CharField(_("period"), max_length=6, choices=Period.choices)
    actual_value = models.DecimalField(_("actual value"), max_digits=18, decimal_places=4)
    note = models.CharField(_("note"), max_length=500, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    reported_on = models.DateField(_("reported on"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["target", "period"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["target", "period"], name="progress_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target} – {self.get_period_display()}: {self.actual_value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.note = clean_text(self.note)
        self.evidence_name = clean_text(self.evidence_name)
        super().save(*args, **kwargs)


# -- group scoring -----------------------------------------------------------------------


class ScoreSheet(models.Model):
    """The score sheet of an emulation group for the year of its group pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="score_sheets")
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ranked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_text(self.title)
        super().save(*args, **kwargs)

    @property
    def group(self) -> EmulationGroup:
        return self.pledge.group  # type: ignore[return-value]


class ScoreCriterion(models.Model):
    """A line of the score sheet with its maximum points. With a `target_key` it is scored
    automatically from the units' actual values; without one, by hand."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion"), max_length=300)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    target_key = models.SlugField(_("target"), max_length=60, blank=True)

    class Meta:
        ordering = ["sheet", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(max_points__gt=0), name="criterion_max_pos")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_text(self.name)
        super().save(*args, **kwargs)

    @property
    def is_automatic(self) -> bool:
        return bool(self.target_key)


class ScoreEntry(models.Model):
    """One member's score on one criterion: automatic, self-assessed, reviewed by the head."""

    criterion = models.ForeignKey(ScoreCriterion, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    auto_score = models.DecimalField(null=True, blank=True, max_digits=7, decimal_places=2)
    self_score = models.DecimalField(null=True, blank=True, max_digits=7, decimal_places=2)
    reviewed_score = models.DecimalField(null=True, blank=True, max_digits=7, decimal_places=2)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["criterion", "unit__sort_key"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit"], name="score_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.criterion}"

    @property
    def final_score(self) -> Decimal | None:
        """The head's reviewed score is final; an automatic criterion needs no review."""
        if self.reviewed_score is not None:
            return self.reviewed_score
        return self.auto_score


class ScoreResult(models.Model):
    """A member's place in the group's ranking, with the figures the tie-break used."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(max_digits=7, decimal_places=2)
    criteria_at_max = models.PositiveSmallIntegerField()
    heaviest_score = models.DecimalField(max_digits=7, decimal_places=2)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["sheet", "rank"]
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "unit"], name="score_result_unit"),
            models.UniqueConstraint(fields=["sheet", "rank"], name="score_result_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit}"


class LeaderProposal(models.Model):
    """The group's leader put forward for an emulation flag or a higher award (suy tôn).

    A recorded proposal; the nominations app links its nomination to it.
    """

    sheet = models.OneToOneField(ScoreSheet, on_delete=models.PROTECT, related_name="proposal")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="leader_proposals")
    award_code = models.CharField(_("award proposed"), max_length=40, choices=AWARD_CHOICES)
    note = models.CharField(_("note"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leader proposal")
        verbose_name_plural = _("leader proposals")

    def __str__(self) -> str:
        return f"{self.unit} – {award_name(self.award_code)}"
