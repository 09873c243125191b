"""Reads of the councils app. A council or session the user may not see is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tdkt.councils.models import AgendaItem, Council, CouncilSession
from tdkt.councils.thresholds import Threshold
from tdkt.nominations.permissions import is_secretariat


def councils_for(user: Any) -> QuerySet[Council]:
    if is_secretariat(user):
        return Council.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Council.objects.none()
    return Council.objects.filter(members__user=user, members__active=True).distinct()


def sessions_for(user: Any) -> QuerySet[CouncilSession]:
    return CouncilSession.objects.filter(council__in=councils_for(user)).select_related("council")


def get_council_or_404(user: Any, pk: int) -> Council:
    council = councils_for(user).filter(pk=pk).first()
    if council is None:
        raise Http404
    return council


def get_session_or_404(user: Any, pk: int) -> CouncilSession:
    session = sessions_for(user).filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def get_item_or_404(user: Any, pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.select_related("session", "session__council", "nomination")
        .filter(pk=pk, session__in=sessions_for(user))
        .first()
    )
    if item is None:
        raise Http404
    return item


@dataclass(frozen=True)
class ResultRow:
    """One line of the result table of the minutes (documents.md §3, block 8)."""

    number: int
    name: str
    position_unit: str
    award: str
    agree: int | None
    base_count: int | None
    share: Decimal | None
    threshold: str
    approved: bool | None


def result_rows(session: CouncilSession) -> list[ResultRow]:
    rows = []
    items = session.items.select_related(
        "nomination", "nomination__person", "nomination__unit", "nomination__unit__parent"
    ).order_by("order", "id")
    for number, item in enumerate(items, start=1):
        nomination = item.nomination
        threshold = (
            Threshold(
                item.threshold_pct,
                item.threshold_base,
                item.threshold_strict,
                item.threshold_basis,
                "session",
            ).describe()
            if item.threshold_pct is not None
            else ""
        )
        rows.append(
            ResultRow(
                number=number,
                name=nomination.subject_name,
                position_unit=", ".join(
                    p for p in (nomination.position, nomination.workplace) if p
                ),
                award=nomination.award_name,
                agree=item.agree,
                base_count=item.base_count,
                share=item.share_pct,
                threshold=threshold,
                approved=None if item.result == "pending" else item.result == "approved",
            )
        )
    return rows


def sessions_waiting_for_vote(user: Any) -> QuerySet[CouncilSession]:
    """Open online sessions of the user's councils."""
    return sessions_for(user).filter(Q(state="open") & Q(ballot_method="online"))
