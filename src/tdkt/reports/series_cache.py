"""The dashboard's ten-year series, kept between requests until what it is computed from
changes.

A province's ten years are about ten year reports' worth of work (8 s on the benchmark's
province), and most of those years no longer change. Each year's series is cached under a
key that holds a fingerprint of everything it reads:

- the year's awards: their count and highest id (a new or deleted award of that year);
- for awards, service periods and units, the number of audit entries and the newest one (id
  and time): every change made by tdkt's services (a decision's signing and revocation write
  one per award), the admin and the importer leaves one, so an edit (a revocation, a
  corrected service period, a unit's sector) changes the key. The count is what makes it
  right on PostgreSQL, where ids are given out at insert but rows appear at commit, so a
  transaction may commit an entry older than the newest one seen; the table only grows, so
  the count moves when it commits. The time tells a restore apart (ids are given out again
  after one, times are not);
- the count and highest id of service periods and units, for rows written without an audit
  entry (the benchmark's generator, a restore).

A wrong figure is worse than a slow one: any doubt recomputes. The entries live in the
"reports" cache (each process's memory, settings.CACHES), apart from the shared counters of the
default cache; the timeout only bounds its size, correctness does not depend on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import caches
from django.db.models import Count, Max

from tdkt.awards.models import AwardRecord
from tdkt.common.models import AuditEntry
from tdkt.organisations.models import Unit
from tdkt.people.models import ServicePeriod
from tdkt.reports.queries import Selection, YearSeries, year_series

TIMEOUT_SECONDS = 24 * 3600
SCHEMA = 1  # raise when YearSeries changes shape
# The kinds of audit entry that can change a year's series.
_AUDITED = (
    AwardRecord._meta.label_lower,
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
        entries = AuditEntry.objects.filter(object_type=label)
        newest = entries.order_by("-id").values_list("id", "created_at").first()
        parts.append(entries.count())
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
        year: f"tdkt:series:{SCHEMA}:{scope}:{year}:{fingerprint}:{shared}"
        for year, fingerprint in _year_fingerprints(years).items()
    }
    cache = caches["reports"]
    stored = cache.get_many(list(keys.values()))
    missing = [year for year in years if keys[year] not in stored]
    fresh = {s.year: s for s in year_series(selection, missing)} if missing else {}
    if fresh:
        cache.set_many({keys[year]: series for year, series in fresh.items()}, TIMEOUT_SECONDS)
    return [fresh[year] if year in fresh else stored[keys[year]] for year in sorted(years)]
