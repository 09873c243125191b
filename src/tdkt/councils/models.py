"""Emulation and commendation councils (Hội đồng Thi đua – Khen thưởng), their members, their
sessions, the agenda of nominations and the secret ballot.

Secrecy of the ballot is a property of the tables: who voted on an item (`VoteReceipt`: member,
item, time) and what was voted (`VoteChoice`: item, choice) are written in the same
transaction into two tables that share nothing but the item. A choice has no member, no time
and a random key, so neither its columns nor the order of its keys lead back to a member.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.awards.catalogue import AWARD_CHOICES, award_name
from tdkt.common.text import clean_text
from tdkt.councils.enums import (
    BallotMethod,
    Choice,
    ItemResult,
    MemberRole,
    SessionState,
    ThresholdBase,
)
from tdkt.organisations.models import Unit


class Council(models.Model):
    """The council of a body (a district, a ward, a province...).

    Quorum and the default threshold are the council's own rules (quy chế hoạt động): the law
    sets thresholds only for some awards (regime data); the rest follow the council's rule,
    and a province may set its own per award (`CouncilThreshold`)."""

    name = models.CharField(_("name"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("body it serves"), on_delete=models.PROTECT, related_name="councils"
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=3)
    default_threshold_pct = models.DecimalField(
        _("default approval threshold (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
    )
    default_threshold_strict = models.BooleanField(
        _("strictly above the threshold"),
        default=True,
        help_text=_("Ticked: more than the threshold (e.g. more than half); else at least it."),
    )
    default_threshold_basis = models.CharField(
        _("basis of the default threshold"),
        max_length=300,
        default="Quy chế hoạt động của Hội đồng (biểu quyết quá bán tổng số thành viên)",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_denominator__gt=0)
                & models.Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="council_quorum_fraction",
            ),
            models.CheckConstraint(
                condition=models.Q(default_threshold_pct__gte=0)
                & models.Q(default_threshold_pct__lte=100),
                name="council_threshold_pct",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name = clean_text(self.name)
        self.default_threshold_basis = clean_text(self.default_threshold_basis)
        super().save(*args, **kwargs)

    def quorum_met(self, present: int, members: int) -> bool:
        return members > 0 and present * self.quorum_denominator >= self.quorum_numerator * members


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    title = models.CharField(
        _("title in the council"),
        max_length=200,
        blank=True,
        help_text=_("As the minutes write it, e.g. “Trưởng phòng Nội vụ – Phó Chủ tịch Hội đồng”."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["council", "order", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="council_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_text(self.title)
        super().save(*args, **kwargs)


class CouncilThreshold(models.Model):
    """A council's own threshold for one award, where the law sets none or leaves it open."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="thresholds")
    award_code = models.CharField(_("award"), max_length=40, choices=AWARD_CHOICES)
    threshold_pct = models.DecimalField(_("threshold (%)"), max_digits=5, decimal_places=2)
    base = models.CharField(
        _("counted"),
        max_length=16,
        choices=ThresholdBase.choices,
        default=ThresholdBase.ALL_MEMBERS,
    )
    strict = models.BooleanField(_("strictly above"), default=False)
    basis = models.CharField(_("basis"), max_length=300)

    class Meta:
        ordering = ["council", "award_code"]
        verbose_name = _("council threshold")
        verbose_name_plural = _("council thresholds")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "award_code"], name="council_threshold_once"
            ),
            models.CheckConstraint(
                condition=models.Q(threshold_pct__gte=0) & models.Q(threshold_pct__lte=100),
                name="council_threshold_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{award_name(self.award_code)}: {self.threshold_pct} %"


class CouncilSession(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year of achievement"))
    held_on = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    ballot_method = models.CharField(
        _("voting"), max_length=8, choices=BallotMethod.choices, default=BallotMethod.ONLINE
    )
    state = models.CharField(
        _("state"), max_length=10, choices=SessionState.choices, default=SessionState.PREPARING
    )
    # Counted when the session opens, from the attendance.
    members_total = models.PositiveSmallIntegerField(_("members"), default=0)
    members_present = models.PositiveSmallIntegerField(_("members present"), default=0)
    proceedings = models.TextField(_("proceedings"), blank=True)
    minutes_number = models.CharField(_("minutes number"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.title = clean_text(self.title)
        self.place = clean_text(self.place)
        self.minutes_number = clean_text(self.minutes_number).upper().replace(" ", "")
        lines = (clean_text(line) for line in self.proceedings.splitlines())
        self.proceedings = "\n".join(line for line in lines if line)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.state == SessionState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == SessionState.CLOSED


class Attendance(models.Model):
    """Who was at the session; an absent member may give a written opinion (ý kiến bằng văn
    bản), which the minutes record."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("present"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["session", "member__order", "member_id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'+' if self.present else '-'}"


class AgendaItem(models.Model):
    """One nomination before the council, with the threshold it must reach (fixed when the
    session opens) and, once the session is closed, its result."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.PROTECT, related_name="agenda_items"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    threshold_pct = models.DecimalField(
        _("threshold (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    threshold_base = models.CharField(
        _("counted"), max_length=16, choices=ThresholdBase.choices, blank=True
    )
    threshold_strict = models.BooleanField(default=False)
    threshold_basis = models.CharField(_("basis of the threshold"), max_length=300, blank=True)
    # Paper ballots: the secretary's tally.
    paper_agree = models.PositiveSmallIntegerField(_("ballots agreeing"), null=True, blank=True)
    paper_disagree = models.PositiveSmallIntegerField(
        _("ballots disagreeing"), null=True, blank=True
    )
    # The result, written when the session closes.
    agree = models.PositiveSmallIntegerField(_("agree"), null=True, blank=True)
    votes_cast = models.PositiveSmallIntegerField(_("votes cast"), null=True, blank=True)
    base_count = models.PositiveSmallIntegerField(_("counted over"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=14, choices=ItemResult.choices, default=ItemResult.PENDING
    )

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="agenda_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.nomination}"

    @property
    def share_pct(self) -> Decimal | None:
        if self.agree is None or not self.base_count:
            return None
        return (Decimal(self.agree) * 100 / self.base_count).quantize(Decimal("0.1"))


class VoteReceipt(models.Model):
    """That a member voted on an item: one per member and item. Says nothing of the choice."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="receipts")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "member"]
        verbose_name = _("vote receipt")
        verbose_name_plural = _("vote receipts")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.item_id}"


class VoteChoice(models.Model):
    """What was voted on an item, by nobody in particular: no member, no time, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="choices")
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)

    class Meta:
        ordering = ["item", "id"]
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")

    def __str__(self) -> str:
        return self.get_choice_display()
