from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    """Cán bộ, công chức, viên chức, người lao động, nông dân, khác."""

    OFFICIAL = "can_bo", pgettext_lazy("category", "Official")
    CIVIL_SERVANT = "cong_chuc", pgettext_lazy("category", "Civil servant")
    PUBLIC_EMPLOYEE = "vien_chuc", pgettext_lazy("category", "Public employee")
    WORKER = "nguoi_lao_dong", pgettext_lazy("category", "Worker")
    FARMER = "nong_dan", pgettext_lazy("category", "Farmer")
    OTHER = "khac", pgettext_lazy("category", "Other")


class LeaveKind(models.TextChoices):
    """Kinds of absence in a year; some count as working time for titles (legal-rules.yaml)."""

    MATERNITY = "maternity_leave", pgettext_lazy("leave", "Maternity leave")
    INJURY = "injury_treatment", pgettext_lazy("leave", "Treatment of an injury from duty")
    TRAINING_SHORT = "training_under_1_year", pgettext_lazy("leave", "Training under one year")
    TRAINING_LONG = "training_1_year_plus", pgettext_lazy("leave", "Training of one year or more")
    SICK = "sick_leave", pgettext_lazy("leave", "Sick leave")
    UNPAID = "unpaid_leave", pgettext_lazy("leave", "Unpaid leave")
    OTHER = "other", pgettext_lazy("leave", "Other absence")


class ContributionKind(models.TextChoices):
    INITIATIVE = "initiative", pgettext_lazy("contribution", "Initiative")
    RESEARCH = "research", pgettext_lazy("contribution", "Research project")
    COMBAT = "combat_ingenuity", pgettext_lazy("contribution", "Ingenuity in combat")
