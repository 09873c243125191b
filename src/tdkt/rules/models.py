"""Stored whole-year evaluations: who may receive which yearly title, and why not.

A run is the verdict of the legal rules on the database for one year, one decision date and one
subtree of units. Running the same (year, subtree) again replaces the earlier run in one
transaction, so a page never shows two answers to the same question.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.organisations.models import Unit
from tdkt.people.models import Person


class EvaluationRun(models.Model):
    year = models.PositiveSmallIntegerField(_("year judged"))
    decision_date = models.DateField(
        _("decision date"), help_text=_("Selects the legal regime and the base salary.")
    )
    regime = models.CharField(_("legal regime"), max_length=20)
    base_salary_vnd = models.PositiveIntegerField(_("base salary (đồng)"))
    # None: every unit in the database.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("units judged (with the units under it)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    seconds = models.FloatField(_("duration (seconds)"), default=0)
    people = models.PositiveIntegerField(_("people judged"), default=0)
    units = models.PositiveIntegerField(_("units judged"), default=0)
    # One entry per title judged, in order: {"award", "kind", "name", "eligible", "not_eligible",
    # "reward_vnd", "citations", "review"}. "review" holds what a person must still judge for
    # everybody (the law's manual conditions), stored once here instead of on every verdict.
    titles = models.JSONField(_("titles judged"), default=list)

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("evaluation run")
        verbose_name_plural = _("evaluation runs")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"],
                condition=models.Q(unit__isnull=False),
                name="evaluation_run_year_unit_unique",
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(unit__isnull=True),
                name="evaluation_run_year_all_unique",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id and self.unit else _("all units")
        return f"{self.year} – {scope} ({self.regime})"

    def title(self, award: str) -> dict | None:
        return next((entry for entry in self.titles if entry["award"] == award), None)


class EvaluationVerdict(models.Model):
    """One subject's verdict for one title: a person's (person set, unit = their unit in the
    year) or a collective's (person empty, unit = the collective)."""

    # A province's run writes 600,000 rows at once, so the keys carry no index of their own
    # (the composite indexes below lead with them) and no database constraint (a check per row
    # and key): the rows are derived, written only by the evaluation from ids it has just read,
    # and deleted with their run, person or unit by Django's cascade.
    run = models.ForeignKey(
        EvaluationRun,
        on_delete=models.CASCADE,
        related_name="verdicts",
        db_index=False,
        db_constraint=False,
    )
    award_code = models.CharField(_("title"), max_length=40)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    eligible = models.BooleanField(_("eligible"))
    # [{"condition", "message", "citation"}]: every binding condition that failed.
    failed = models.JSONField(default=list, blank=True)
    # What a person must judge for this subject (unverified or not-yet-in-force failures).
    needs_review = models.JSONField(default=list, blank=True)
    # Extra information, e.g. {"kind": "due_next_year", ...} for consecutive-year titles.
    notes = models.JSONField(default=list, blank=True)
    reward_vnd = models.PositiveBigIntegerField(_("reward money (đồng)"), null=True, blank=True)

    class Meta:
        ordering = ["run", "award_code", "id"]
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        indexes = [
            models.Index(fields=["run", "award_code", "eligible"]),
            models.Index(fields=["person", "run"]),
            models.Index(fields=["unit", "run"]),
        ]

    def __str__(self) -> str:
        return f"{self.award_code}: {'+' if self.eligible else '-'}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None


class EvaluationQuota(models.Model):
    """The cap on a title in one unit (e.g. CSTĐ cơ sở: at most 15 % of its advanced workers)."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="quotas")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    award_code = models.CharField(_("title"), max_length=40)
    base_count = models.PositiveIntegerField(_("count the percentage is taken of"))
    limit = models.PositiveIntegerField(_("at most"))
    eligible = models.PositiveIntegerField(_("eligible"))

    class Meta:
        ordering = ["run", "unit", "award_code"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "unit", "award_code"], name="evaluation_quota_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.award_code}: {self.eligible}/{self.limit}"

    @property
    def over(self) -> int:
        return max(0, self.eligible - self.limit)
