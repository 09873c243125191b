from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class AwardStatus(models.TextChoices):
    GRANTED = "granted", pgettext_lazy("award status", "Granted")
    REVOKED = "revoked", pgettext_lazy("award status", "Revoked")


class AwardMethod(models.TextChoices):
    """Method of commendation, as the Ministry's statistical forms count it (TT 2/2023)."""

    REGULAR = "thuong_xuyen", pgettext_lazy("award method", "Regular (yearly)")
    THEMATIC = "chuyen_de", pgettext_lazy("award method", "Campaign or thematic")
    AD_HOC = "dot_xuat", pgettext_lazy("award method", "Sudden achievement")
    FOREIGN = "doi_ngoai", pgettext_lazy("award method", "Foreign relations")
    DEDICATION = "cong_hien", pgettext_lazy("award method", "Long dedication")
    SENIORITY = "nien_han", pgettext_lazy("award method", "Years of service")
    RESISTANCE = "khang_chien", pgettext_lazy("award method", "Resistance")


class AwardSource(models.TextChoices):
    ENTERED = "entered", pgettext_lazy("award source", "Entered by hand")
    IMPORTED = "imported", pgettext_lazy("award source", "Imported")
    DECISION = "decision", pgettext_lazy("award source", "From a decision in tdkt")
