"""Reads of the register."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from tdkt.awards.enums import AwardStatus
from tdkt.awards.models import AwardRecord


def count_by_award(
    year: int, awards: QuerySet[AwardRecord] | None = None
) -> dict[str, dict[str, int]]:
    """{award_code: {"individual": n, "collective": n}} of granted awards for one year."""
    queryset = AwardRecord.objects.all() if awards is None else awards
    rows = (
        queryset.filter(year=year, status=AwardStatus.GRANTED)
        .values("award_code")
        .annotate(
            individual=Count("id", filter=Q(person__isnull=False)),
            collective=Count("id", filter=Q(unit__isnull=False)),
        )
        .order_by("award_code")
    )
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        result[row["award_code"]] = {
            "individual": row["individual"],
            "collective": row["collective"],
        }
    return dict(result)


def awards_of_unit_with_predecessors(unit_ids: list[int]) -> QuerySet[AwardRecord]:
    return AwardRecord.objects.filter(unit_id__in=unit_ids).select_related("unit")
