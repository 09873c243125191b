"""The dashboard's ten-year series, kept between requests until what it is computed from
changes.

A province's ten years are about ten year reports' worth of work (8 s on the benchmark's
province), and most of those years no longer change. Each year's series is cached under a
key that holds a fingerprint of everything it reads:

- the year's awards: their count and highest id (a new or deleted award of that year);
- the newest audit entry (id and time) about awards, decisions, service periods and units:
  every change made by tdkt's services, the admin and the importer leaves one, so an edit (a
  revocation, a corrected service period, a unit's sector) changes the key;
- the count and highest id of service periods and units, for rows written without an audit
  entry (the benchmark's generator, a restore).

A wrong figure is worse than a slow one: any doubt recomputes. The timeout only bounds the
cache's size; correctness does not depend on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max

from tdkt.awards.models import AwardRecord
from tdkt.common.models import AuditEntry
from tdkt.organisations.models import Unit
from tdkt.people.models import ServicePeriod
from tdkt.reports.queries import Selection, YearSeries, year_series

TIMEOUT_SECONDS = 24 * 3600
# The kinds of audit entry that can change a year's series; a decision's signing or revocation
# writes the awards it creates or revokes under the decision's entry.
_AUDITED = (
    AwardRecord._meta.label_lower,
    "decisions.decision",
    ServicePeriod._meta.label_lower,
    Unit._meta.label_lower,
)


def _selection_key(selection: Selection) -> str:
    restrict = "" if selection.restrict is None else str(selection.restrict.query)
    raw = f"{selection.path}|{restrict}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def _shared_fingerprint() -> str:
    parts: list[Any] = []
    for label in _AUDITED:
        # Its time too: after a restore (or a demo reset) ids are given out again, times not.
        newest = (
            AuditEntry.objects.filter(object_type=label)
            .order_by("-id")
            .values_list("id", "created_at")
            .first()
        )
        parts.append(f"{newest[0]}@{newest[1].timestamp()}" if newest else "-")
    for model in (ServicePeriod, Unit):
        parts.extend(model.objects.aggregate(n=Count("id"), m=Max("id")).values())
    return ":".join(str(part) for part in parts)


def _year_fingerprints(years: Sequence[int]) -> dict[int, str]:
    rows = (
        AwardRecord.objects.filter(year__in=years)
        .order_by()
        .values("year")
        .annotate(n=Count("id"), m=Max("id"))
    )
    found = {row["year"]: f"{row['n']}:{row['m']}" for row in rows}
    return {year: found.get(year, "0") for year in years}


def cached_year_series(selection: Selection, years: Sequence[int]) -> list[YearSeries]:
    """`year_series(selection, years)`, computing only the years whose data changed since
    they were last computed."""
    if not years:
        return []
    scope = _selection_key(selection)
    shared = _shared_fingerprint()
    keys = {
        year: f"tdkt:series:{scope}:{year}:{fingerprint}:{shared}"
        for year, fingerprint in _year_fingerprints(years).items()
    }
    stored = cache.get_many(list(keys.values()))
    missing = [year for year in years if keys[year] not in stored]
    fresh = {s.year: s for s in year_series(selection, missing)} if missing else {}
    if fresh:
        cache.set_many({keys[year]: series for year, series in fresh.items()}, TIMEOUT_SECONDS)
    return [fresh[year] if year in fresh else stored[keys[year]] for year in sorted(years)]
