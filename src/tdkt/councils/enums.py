"""Choices of the councils app and the state machine of a council session."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class MemberRole(models.TextChoices):
    CHAIR = "chair", pgettext_lazy("council role", "Chair")
    VICE_CHAIR = "vice_chair", pgettext_lazy("council role", "Vice-chair")
    SECRETARY = "secretary", pgettext_lazy("council role", "Secretary")
    MEMBER = "member", pgettext_lazy("council role", "Member")


class SessionState(models.TextChoices):
    PREPARING = "preparing", pgettext_lazy("session state", "Being prepared")
    OPEN = "open", pgettext_lazy("session state", "Voting")
    CLOSED = "closed", pgettext_lazy("session state", "Closed")


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionState.PREPARING: frozenset({SessionState.OPEN}),
    SessionState.OPEN: frozenset({SessionState.CLOSED}),
    SessionState.CLOSED: frozenset(),
}


class BallotMethod(models.TextChoices):
    ONLINE = "online", pgettext_lazy("ballot method", "Secret ballot online")
    PAPER = "paper", pgettext_lazy("ballot method", "Paper ballots, tallied by the secretary")


class Choice(models.TextChoices):
    AGREE = "agree", pgettext_lazy("vote", "Agree")
    DISAGREE = "disagree", pgettext_lazy("vote", "Disagree")


class ThresholdBase(models.TextChoices):
    ALL_MEMBERS = "all_members", pgettext_lazy("threshold base", "of all members")
    PRESENT_MEMBERS = "present_members", pgettext_lazy("threshold base", "of members present")


class ItemResult(models.TextChoices):
    PENDING = "pending", pgettext_lazy("item result", "Not yet decided")
    APPROVED = "approved", pgettext_lazy("item result", "Approved")
    NOT_APPROVED = "not_approved", pgettext_lazy("item result", "Not approved")
