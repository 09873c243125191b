"""People, where they served, how each year went, and what they contributed."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.common.enums import DisciplineLevel, Gender, Grade, Scope
from tdkt.common.text import clean_text, fold, name_sort_key, split_name
from tdkt.organisations.models import Unit
from tdkt.people.enums import Category, ContributionKind, LeaveKind


class Person(models.Model):
    """A person who may receive titles and awards. The citizen ID is optional but unique."""

    full_name = models.CharField(_("full name"), max_length=150)
    family_name = models.CharField(max_length=50, editable=False, default="")
    middle_name = models.CharField(max_length=80, editable=False, default="")
    given_name = models.CharField(max_length=50, editable=False, default="")
    gender = models.CharField(_("gender"), max_length=3, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    citizen_id = models.CharField(
        _("citizen ID"), max_length=12, null=True, blank=True, help_text=_("12 digits")
    )
    recruited_on = models.DateField(
        _("recruited on"),
        null=True,
        blank=True,
        help_text=_("Start of service; months of service are counted from this date."),
    )
    sort_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    search_key = models.CharField(max_length=150, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=models.Q(citizen_id__isnull=False),
                name="person_citizen_id_unique",
            )
        ]
        indexes = [models.Index(fields=["search_key", "birth_date"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise()
        super().save(*args, **kwargs)

    def normalise(self) -> None:
        """NFC name, derived name parts and keys; callable before bulk_create."""
        self.full_name = clean_text(self.full_name)
        self.family_name, self.middle_name, self.given_name = split_name(self.full_name)
        self.citizen_id = clean_text(self.citizen_id) or None
        self.sort_key = name_sort_key(self.full_name)
        self.search_key = fold(self.full_name)

    @property
    def salutation(self) -> str:
        return "Bà" if self.gender == Gender.FEMALE else "Ông"

    def current_service(self) -> ServicePeriod | None:
        return self.service_periods.filter(end_on__isnull=True).select_related("unit").first()


class ServicePeriod(models.Model):
    """A stretch of work in a unit, with position and category."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="service_periods")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="service_periods")
    position = models.CharField(_("position"), max_length=150, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    is_frontline = models.BooleanField(_("frontline worker"), default=False)
    is_leader = models.BooleanField(_("holds a leading post"), default=False)
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["person", "-start_on"]
        verbose_name = _("service period")
        verbose_name_plural = _("service history")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="service_period_dates_ordered",
            )
        ]
        indexes = [
            models.Index(fields=["unit", "start_on"]),
            # The period in force on a date, per person: the reports look it up for every
            # award, and in this order SQLite reads it from the index without a sort.
            models.Index(fields=["person", "start_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.position}, {self.unit}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.position = clean_text(self.position)
        super().save(*args, **kwargs)


class YearRecord(models.Model):
    """How a person's year went: grade, leave, and the unit they were in that year."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="year_records")
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit in that year"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person_year_records",
    )
    grade = models.CharField(_("performance grade"), max_length=24, choices=Grade.choices)
    leave_kind = models.CharField(
        _("leave"), max_length=24, choices=LeaveKind.choices, blank=True, default=""
    )
    leave_days = models.PositiveSmallIntegerField(_("days of leave"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "-year"]
        verbose_name = _("yearly record")
        verbose_name_plural = _("yearly records")
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="year_record_unique"),
            models.CheckConstraint(
                condition=models.Q(leave_days__lte=366), name="year_record_leave_days_max"
            ),
        ]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_grade_display()}"


class DisciplinaryAction(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplinary_actions"
    )
    level = models.CharField(_("level"), max_length=20, choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("decided on"))
    year = models.PositiveSmallIntegerField(_("year it counts for"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "-decided_on"]
        verbose_name = _("disciplinary action")
        verbose_name_plural = _("disciplinary actions")
        indexes = [models.Index(fields=["year", "person"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_level_display()} ({self.decided_on:%d/%m/%Y})"


class Contribution(models.Model):
    """A recognised initiative, an accepted research project, or ingenuity in combat."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ContributionKind.choices,
        default=ContributionKind.INITIATIVE,
    )
    title = models.CharField(_("title"), max_length=300)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognised_by = models.CharField(_("recognised by"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)

    class Meta:
        ordering = ["person", "-year"]
        verbose_name = _("initiative or research")
        verbose_name_plural = _("initiatives and research")
        indexes = [models.Index(fields=["year", "person"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_text(self.title)
        self.recognised_by = clean_text(self.recognised_by)
        super().save(*args, **kwargs)
