"""Choices of the nominations app and its two state machines, each on one screen.

A dossier (hồ sơ đề nghị) is the unit's request: it is drafted, submitted, returned for
correction and resubmitted until the secretariat has appraised every nomination in it; from
then on each nomination travels on its own (public disclosure, council, decision) and the
dossier is completed when every nomination has reached an end.

Services consult these dicts through `ensure_*_transition`; views never do.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy

from tdkt.awards.enums import AwardMethod


class DossierKind(models.TextChoices):
    YEARLY = "yearly", pgettext_lazy("dossier kind", "Yearly review")
    CAMPAIGN = "campaign", pgettext_lazy("dossier kind", "Campaign or thematic movement")
    SUDDEN = "sudden", pgettext_lazy("dossier kind", "Sudden achievement")


# How the ministry's statistics count the awards a dossier leads to (TT 2/2023).
AWARD_METHOD_OF_KIND: dict[str, str] = {
    DossierKind.YEARLY: AwardMethod.REGULAR,
    DossierKind.CAMPAIGN: AwardMethod.THEMATIC,
    DossierKind.SUDDEN: AwardMethod.AD_HOC,
}


class DossierState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("dossier state", "Being prepared")
    SUBMITTED = "submitted", pgettext_lazy("dossier state", "Submitted for appraisal")
    RETURNED = "returned", pgettext_lazy("dossier state", "Returned for correction")
    APPRAISED = "appraised", pgettext_lazy("dossier state", "Appraised")
    COMPLETED = "completed", pgettext_lazy("dossier state", "Completed")


DOSSIER_TRANSITIONS: dict[str, frozenset[str]] = {
    DossierState.DRAFT: frozenset({DossierState.SUBMITTED}),
    DossierState.SUBMITTED: frozenset({DossierState.APPRAISED, DossierState.RETURNED}),
    DossierState.RETURNED: frozenset({DossierState.SUBMITTED}),
    DossierState.APPRAISED: frozenset({DossierState.COMPLETED}),
    DossierState.COMPLETED: frozenset(),
}

# The unit may change the dossier (and add, change or remove nominations) only in these.
EDITABLE_DOSSIER_STATES = frozenset({DossierState.DRAFT, DossierState.RETURNED})


class NominationState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("nomination state", "Being prepared")
    SUBMITTED = "submitted", pgettext_lazy("nomination state", "Submitted")
    RETURNED = "returned", pgettext_lazy("nomination state", "Returned for correction")
    APPRAISED = "appraised", pgettext_lazy("nomination state", "Appraised")
    DISCLOSED = "disclosed", pgettext_lazy("nomination state", "Under public disclosure")
    AT_COUNCIL = "at_council", pgettext_lazy("nomination state", "Before the council")
    APPROVED = "approved", pgettext_lazy("nomination state", "Approved by the council")
    REJECTED = "rejected", pgettext_lazy("nomination state", "Not approved by the council")
    IN_DECISION = "in_decision", pgettext_lazy("nomination state", "In a draft decision")
    DECIDED = "decided", pgettext_lazy("nomination state", "Decided")
    WITHDRAWN = "withdrawn", pgettext_lazy("nomination state", "Withdrawn")


# The whole journey of one nomination. AT_COUNCIL goes back to APPRAISED or DISCLOSED when
# the secretariat takes it off the agenda of a session that has not opened; IN_DECISION goes
# back to APPROVED when the draft decision holding it is deleted.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    NominationState.DRAFT: frozenset({NominationState.SUBMITTED}),
    NominationState.SUBMITTED: frozenset({NominationState.APPRAISED, NominationState.RETURNED}),
    NominationState.RETURNED: frozenset({NominationState.SUBMITTED, NominationState.WITHDRAWN}),
    NominationState.APPRAISED: frozenset({NominationState.DISCLOSED, NominationState.AT_COUNCIL}),
    NominationState.DISCLOSED: frozenset({NominationState.AT_COUNCIL}),
    NominationState.AT_COUNCIL: frozenset(
        {
            NominationState.APPROVED,
            NominationState.REJECTED,
            NominationState.APPRAISED,
            NominationState.DISCLOSED,
        }
    ),
    NominationState.APPROVED: frozenset({NominationState.IN_DECISION}),
    NominationState.IN_DECISION: frozenset({NominationState.DECIDED, NominationState.APPROVED}),
    NominationState.REJECTED: frozenset(),
    NominationState.DECIDED: frozenset(),
    NominationState.WITHDRAWN: frozenset(),
}

# A nomination in one of these no longer counts (quotas, duplicates, the dossier's progress).
DEAD_STATES = frozenset({NominationState.REJECTED, NominationState.WITHDRAWN})
# Accepted by the secretariat and still alive: these fill a unit's quota at appraisal.
ACCEPTED_STATES = frozenset(
    {
        NominationState.APPRAISED,
        NominationState.DISCLOSED,
        NominationState.AT_COUNCIL,
        NominationState.APPROVED,
        NominationState.IN_DECISION,
        NominationState.DECIDED,
    }
)
FINAL_STATES = frozenset(
    {NominationState.REJECTED, NominationState.WITHDRAWN, NominationState.DECIDED}
)
# Stages shown to the unit, in order (the progress line of a dossier).
STAGES: tuple[str, ...] = (
    NominationState.DRAFT,
    NominationState.SUBMITTED,
    NominationState.APPRAISED,
    NominationState.DISCLOSED,
    NominationState.AT_COUNCIL,
    NominationState.APPROVED,
    NominationState.IN_DECISION,
    NominationState.DECIDED,
)


class AttachmentKind(models.TextChoices):
    ACHIEVEMENT_REPORT = "achievement_report", pgettext_lazy("attachment", "Achievement report")
    REVIEW_MINUTES = "review_minutes", pgettext_lazy("attachment", "Minutes of the review meeting")
    INITIATIVE = "initiative", pgettext_lazy("attachment", "Initiative or research certificate")
    MEMO = "memo", pgettext_lazy("attachment", "Submission memo")
    OTHER = "other", pgettext_lazy("attachment", "Other document")


class DisclosureState(models.TextChoices):
    OPEN = "open", pgettext_lazy("disclosure state", "Published")
    CLOSED = "closed", pgettext_lazy("disclosure state", "Closed")


class DayUnit(models.TextChoices):
    DAYS = "days", pgettext_lazy("day unit", "days")
    WORKING_DAYS = "working_days", pgettext_lazy("day unit", "working days")
