"""The goals a body sets itself for whom its awards reach (the dashboard draws them)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.documents.numbers import decimal_vi
from tdkt.reports.enums import ShareMeasure

FIRST_GOAL_YEAR = 1945
LAST_GOAL_YEAR = 2100


class ShareGoal(models.Model):
    """A body's goal: from `from_year`, `percent` % of its awards go to frontline workers (of
    individual awards) or to the non-state sector (of all awards). It applies from its year
    until a later goal of the same body and measure replaces it. Changed only through
    `reports.services.set_share_goal` / `remove_share_goal` (each writes an audit entry)."""

    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("body setting the goal"),
        on_delete=models.PROTECT,
        related_name="share_goals",
    )
    measure = models.CharField(_("measure"), max_length=20, choices=ShareMeasure.choices)
    percent = models.DecimalField(
        _("goal (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    from_year = models.PositiveSmallIntegerField(
        _("from the year"),
        validators=[MinValueValidator(FIRST_GOAL_YEAR), MaxValueValidator(LAST_GOAL_YEAR)],
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["unit__path", "measure", "from_year"]
        verbose_name = _("share goal")
        verbose_name_plural = _("share goals")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "measure", "from_year"], name="share_goal_one_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100),
                name="share_goal_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_measure_display()} {self.percent_text} % ({self.from_year})"

    @property
    def percent_text(self) -> str:
        """As a Vietnamese reader writes it: "30", "12,5"."""
        return decimal_vi(self.percent)
