from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShareMeasure(models.TextChoices):
    """The shares a body sets itself goals for (the dashboard draws both)."""

    FRONTLINE = "frontline", _("Frontline workers' share of individual awards")
    NON_STATE = "non_state", _("Non-state sector's share of all awards")
