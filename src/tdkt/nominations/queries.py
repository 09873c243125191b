"""Reads of the nominations app: what a user may see, the secretariat's queue, a dossier's
history, the lists under public disclosure. Objects outside the scope are 404s."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tdkt.accounts.scope import scope_path
from tdkt.common.models import AuditEntry
from tdkt.nominations.enums import STAGES, DisclosureState, DossierState, NominationState
from tdkt.nominations.models import Attachment, Disclosure, Dossier, Nomination


def dossiers_for(user: Any) -> QuerySet[Dossier]:
    """Dossiers of the units in the user's subtree (everything for the secretariat)."""
    prefix = scope_path(user)
    if prefix is None:
        return Dossier.objects.none()
    queryset = Dossier.objects.select_related("unit")
    if prefix:
        queryset = queryset.filter(unit__path__startswith=prefix)
    return queryset


def get_dossier_or_404(user: Any, pk: int) -> Dossier:
    try:
        return dossiers_for(user).get(pk=pk)
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc


def get_nomination_or_404(user: Any, pk: int) -> Nomination:
    nomination = (
        Nomination.objects.select_related("dossier", "dossier__unit", "person", "unit")
        .filter(pk=pk, dossier__in=dossiers_for(user))
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def get_attachment_or_404(user: Any, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk, dossier__in=dossiers_for(user)).first()
    if attachment is None:
        raise Http404
    return attachment


def appraisal_queue() -> QuerySet[Dossier]:
    """Submitted dossiers waiting for the secretariat, oldest first."""
    return (
        Dossier.objects.filter(state=DossierState.SUBMITTED)
        .select_related("unit")
        .annotate(
            waiting=Count("nominations", filter=Q(nominations__state=NominationState.SUBMITTED))
        )
        .order_by("submitted_at", "id")
    )


def nominations_ready(year: int | None = None) -> QuerySet[Nomination]:
    """Appraised nominations not yet published or put before the council."""
    queryset = Nomination.objects.filter(state=NominationState.APPRAISED).select_related(
        "dossier", "dossier__unit", "person", "unit"
    )
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.order_by("unit__path", "award_code", "id")


def open_disclosures() -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(state=DisclosureState.OPEN).select_related("unit")


def public_rows(disclosure: Disclosure) -> list[dict[str, str]]:
    """What the public page shows of each nomination: name, unit, position, award proposed.

    Built field by field so that nothing else (birth date, citizen ID) can reach the page."""
    rows = []
    nominations = sorted(
        disclosure.nominations.select_related("person", "unit", "unit__parent"),
        key=lambda n: (
            n.is_collective,
            n.award_rank,
            n.unit.sort_key,
            n.person.sort_key if n.person else n.unit.sort_key,
        ),
    )
    for nomination in nominations:
        rows.append(
            {
                "id": str(nomination.pk),
                "name": nomination.subject_name,
                "unit": nomination.workplace,
                "position": nomination.position,
                "award": nomination.award_name,
                "collective": "1" if nomination.is_collective else "",
            }
        )
    return rows


@dataclass(frozen=True)
class Progress:
    """How far the nominations of a dossier have gone, for the unit's tracking page."""

    counts: dict[str, int]
    stage: str  # the least advanced live stage, or the dossier's own state
    total: int

    def count(self, state: str) -> int:
        return self.counts.get(state, 0)

    def rows(self) -> list[tuple[str, str, int]]:
        """(state, label, count) of every state some nomination is in, in journey order."""
        order = [
            *STAGES,
            NominationState.RETURNED,
            NominationState.REJECTED,
            NominationState.WITHDRAWN,
        ]
        return [
            (state, str(NominationState(state).label), self.counts[state])
            for state in order
            if self.counts.get(state)
        ]

    @property
    def stage_label(self) -> str:
        if self.stage in NominationState.values:
            return str(NominationState(self.stage).label)
        return str(DossierState(self.stage).label)


def progress(dossier: Dossier) -> Progress:
    counts = Counter(dossier.nominations.values_list("state", flat=True))
    live = [state for state in STAGES if counts.get(state)]
    stage: str
    if counts.get(NominationState.RETURNED):
        stage = NominationState.RETURNED
    else:
        stage = live[0] if live else dossier.state
    return Progress(counts=dict(counts), stage=stage, total=sum(counts.values()))


def history(dossier: Dossier) -> QuerySet[AuditEntry]:
    """Who did what, when: the dossier's entries and those of its nominations and files."""
    nomination_ids = [str(pk) for pk in dossier.nominations.values_list("pk", flat=True)]
    attachment_ids = [str(pk) for pk in dossier.attachments.values_list("pk", flat=True)]
    return (
        AuditEntry.objects.filter(
            Q(object_type="nominations.dossier", object_id=str(dossier.pk))
            | Q(object_type="nominations.nomination", object_id__in=nomination_ids)
            | Q(object_type="nominations.attachment", object_id__in=attachment_ids)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
