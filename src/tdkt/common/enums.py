"""Codes shared across apps. The values are data keys from the law (legal-rules.yaml) and stay
ASCII Vietnamese; the labels are what users read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class Grade(models.TextChoices):
    """Yearly performance grade of a person, or task-completion grade of a unit."""

    EXCELLENT = "hoan_thanh_xuat_sac", pgettext_lazy("grade", "Excellent completion of duties")
    GOOD = "hoan_thanh_tot", pgettext_lazy("grade", "Good completion of duties")
    PASS = "hoan_thanh", pgettext_lazy("grade", "Completion of duties")
    FAIL = "khong_hoan_thanh", pgettext_lazy("grade", "Failure to complete duties")


# Worst to best; the order the rules compare grades in.
GRADE_ORDER: tuple[str, ...] = (Grade.FAIL, Grade.PASS, Grade.GOOD, Grade.EXCELLENT)


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "khien_trach", pgettext_lazy("discipline", "Reprimand")
    WARNING = "canh_cao", pgettext_lazy("discipline", "Warning")
    SALARY_DOWNGRADE = "ha_bac_luong", pgettext_lazy("discipline", "Salary downgrade")
    DEMOTION = "giang_chuc", pgettext_lazy("discipline", "Demotion")
    DISMISSAL = "cach_chuc", pgettext_lazy("discipline", "Dismissal from post")
    DISCHARGE = "buoc_thoi_viec", pgettext_lazy("discipline", "Discharge")


DISCIPLINE_ORDER: tuple[str, ...] = tuple(level.value for level in DisciplineLevel)


class Scope(models.TextChoices):
    """Scope of a recognised initiative or accepted research."""

    GRASSROOTS = "co_so", pgettext_lazy("scope", "Grassroots")
    PROVINCIAL = "tinh", pgettext_lazy("scope", "Provincial")
    NATIONAL = "toan_quoc", pgettext_lazy("scope", "National")


SCOPE_ORDER: tuple[str, ...] = tuple(scope.value for scope in Scope)


class Gender(models.TextChoices):
    MALE = "nam", pgettext_lazy("gender", "Male")
    FEMALE = "nu", pgettext_lazy("gender", "Female")
