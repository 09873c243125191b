from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class DecisionKind(models.TextChoices):
    AWARD = "award", pgettext_lazy("decision kind", "Award")
    REVOCATION = "revocation", pgettext_lazy("decision kind", "Revocation")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("decision status", "Draft")
    SIGNED = "signed", pgettext_lazy("decision status", "Signed")


class BatchStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("certificate batch", "Waiting")
    RUNNING = "running", pgettext_lazy("certificate batch", "Being made")
    DONE = "done", pgettext_lazy("certificate batch", "Ready")
    FAILED = "failed", pgettext_lazy("certificate batch", "Failed")


# Authority lines of the person who signs an award decision of a chair (documents.md §1 row 15):
# the chair's own act, so no "TM."; a vice-chair signs "KT." (on behalf of) the chair.
CHAIR = "CHỦ TỊCH"
VICE_CHAIR = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
