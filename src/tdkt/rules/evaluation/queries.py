"""Reads for the pages that show stored evaluations: the runs a user may see, a run's verdicts
with filters, and the verdicts on a person's or a unit's page.

Scope: a run is visible when it covers the user's units (a run of the whole district for the
officer of one of its wards) or lies inside them; its verdicts are always cut to the user's
subtree. Anything else is a 404, as everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.accounts.scope import scope_path
from tdkt.common.text import fold
from tdkt.organisations.models import Unit
from tdkt.rules.models import EvaluationQuota, EvaluationRun, EvaluationVerdict

if TYPE_CHECKING:
    from tdkt.accounts.models import User
    from tdkt.people.models import Person

ELIGIBLE = "yes"
NOT_ELIGIBLE = "no"


def note_texts(notes: list[dict[str, Any]], names: dict[str, str]) -> list[str]:
    """The stored notes of a verdict, in words."""
    texts = []
    for note in notes:
        if note.get("kind") == "due_next_year":
            texts.append(
                _(
                    "Has held %(title)s %(streak)s years in a row up to %(year)s: holding it"
                    " again in %(next)s completes the %(count)s years in a row needed."
                )
                % {
                    "title": names.get(note["title"], note["title"]),
                    "streak": note["streak"],
                    "year": note["next_year"] - 1,
                    "next": note["next_year"],
                    "count": note["count"],
                }
            )
    return texts


def decorate(verdicts: Iterable[EvaluationVerdict], run: EvaluationRun) -> None:
    """Give each verdict its title's name, its notes in words and all it needs reviewed."""
    names = {entry["award"]: entry["name"] for entry in run.titles}
    for verdict in verdicts:
        title = run.title(verdict.award_code) or {}
        verdict.title_name = names.get(verdict.award_code, verdict.award_code)  # type: ignore[attr-defined]
        verdict.note_texts = note_texts(verdict.notes, names)  # type: ignore[attr-defined]
        verdict.review_all = [*verdict.needs_review, *title.get("review", [])]  # type: ignore[attr-defined]


def _ancestor_paths(path: str) -> list[str]:
    """ "000001.000007.000031." -> ["000001.", "000001.000007."]"""
    parts = [part for part in path.split(".") if part]
    return [".".join(parts[:depth]) + "." for depth in range(1, len(parts))]


def runs_for(user: User) -> QuerySet[EvaluationRun]:
    prefix = scope_path(user)
    runs = EvaluationRun.objects.select_related("unit", "created_by")
    if prefix is None:
        return runs.none()
    if prefix == "":
        return runs.all()
    return runs.filter(
        Q(unit__isnull=True)
        | Q(unit__path__startswith=prefix)
        | Q(unit__path__in=_ancestor_paths(prefix))
    )


def get_run_or_404(user: User, pk: int) -> EvaluationRun:
    try:
        return runs_for(user).get(pk=pk)
    except EvaluationRun.DoesNotExist as exc:
        raise Http404 from exc


def _in_scope(verdicts: QuerySet[Any], user: User) -> QuerySet[Any]:
    prefix = scope_path(user)
    if prefix is None:
        return verdicts.none()
    return verdicts.filter(unit__path__startswith=prefix) if prefix else verdicts


def title_order(run: EvaluationRun) -> Case:
    return Case(
        *(When(award_code=entry["award"], then=Value(i)) for i, entry in enumerate(run.titles)),
        default=Value(len(run.titles)),
        output_field=IntegerField(),
    )


def run_verdicts(
    user: User,
    run: EvaluationRun,
    *,
    award: str = "",
    outcome: str = "",
    unit: Unit | None = None,
    query: str = "",
) -> QuerySet[EvaluationVerdict]:
    """The run's verdicts the user may see, filtered, in title order then name order
    (Vietnamese: by given name, Person.sort_key)."""
    verdicts = _in_scope(EvaluationVerdict.objects.filter(run=run), user)
    if award:
        verdicts = verdicts.filter(award_code=award)
    if outcome == ELIGIBLE:
        verdicts = verdicts.filter(eligible=True)
    elif outcome == NOT_ELIGIBLE:
        verdicts = verdicts.filter(eligible=False)
    if unit is not None:
        verdicts = verdicts.filter(unit__path__startswith=unit.path)
    for word in fold(query).split():
        verdicts = verdicts.filter(
            Q(person__search_key__contains=word)
            | Q(person__isnull=True, unit__search_key__contains=word)
        )
    return verdicts.select_related("person", "unit").order_by(
        title_order(run), "person__sort_key", "unit__sort_key", "id"
    )


def _named(quotas: Iterable[EvaluationQuota], run: EvaluationRun) -> list[EvaluationQuota]:
    names = {entry["award"]: entry["name"] for entry in run.titles}
    found = list(quotas)
    for quota in found:
        quota.title_name = names.get(quota.award_code, quota.award_code)  # type: ignore[attr-defined]
    return found


def run_quotas(user: User, run: EvaluationRun, unit: Unit | None = None) -> list[EvaluationQuota]:
    """The run's quotas per unit (“2 eligible, at most 3 allowed”), units over quota first."""
    quotas = _in_scope(EvaluationQuota.objects.filter(run=run), user)
    if unit is not None:
        quotas = quotas.filter(unit__path__startswith=unit.path)
    found = _named(quotas.select_related("unit").order_by("award_code", "unit__sort_key"), run)
    return sorted(found, key=lambda quota: quota.over == 0)


@dataclass
class TitleLine:
    """One title of a run, as the user's scope sees it."""

    award: str
    name: str
    kind: str
    eligible: int
    not_eligible: int
    reward_vnd: int | None
    review: list[str]
    citations: list[str]


def title_lines(user: User, run: EvaluationRun) -> list[TitleLine]:
    """The run's titles with the counts inside the user's scope (the stored totals when the
    user sees the whole run)."""
    counts: dict[tuple[str, bool], int] = {}
    prefix = scope_path(user) or ""
    if (run.unit is not None and run.unit.path.startswith(prefix)) or prefix == "":
        for entry in run.titles:
            counts[(entry["award"], True)] = entry["eligible"]
            counts[(entry["award"], False)] = entry["not_eligible"]
    else:
        rows = (
            _in_scope(EvaluationVerdict.objects.filter(run=run), user)
            .values_list("award_code", "eligible")
            .order_by()
        )
        for award, eligible in rows:
            counts[(award, eligible)] = counts.get((award, eligible), 0) + 1
    return [
        TitleLine(
            award=entry["award"],
            name=entry["name"],
            kind=entry["kind"],
            eligible=counts.get((entry["award"], True), 0),
            not_eligible=counts.get((entry["award"], False), 0),
            reward_vnd=entry.get("reward_vnd"),
            review=entry.get("review", []),
            citations=entry.get("citations", []),
        )
        for entry in run.titles
    ]


# --- verdicts on a person's and a unit's page --------------------------------------------


@dataclass
class YearVerdicts:
    year: int
    run: EvaluationRun
    verdicts: list[EvaluationVerdict]
    quotas: list[EvaluationQuota] = field(default_factory=list)
    member_counts: list[TitleLine] = field(default_factory=list)
    suffix: str = ""  # query string of the link to the run's verdicts


def _latest_per_year(verdicts: QuerySet[EvaluationVerdict], years: int) -> list[YearVerdicts]:
    """The verdicts of the newest run of each year (runs of several scopes may hold them)."""
    rows = list(
        verdicts.select_related("run", "run__unit").order_by("-run__year", "-run__created_at")
    )
    found: dict[int, YearVerdicts] = {}
    for verdict in rows:
        year = verdict.run.year
        entry = found.get(year)
        if entry is None:
            if len(found) >= years:
                continue
            entry = found[year] = YearVerdicts(year, verdict.run, [])
        if verdict.run_id == entry.run.pk:
            entry.verdicts.append(verdict)
    for entry in found.values():
        order = {item["award"]: i for i, item in enumerate(entry.run.titles)}
        entry.verdicts.sort(key=lambda v: order.get(v.award_code, len(order)))
        decorate(entry.verdicts, entry.run)
    return list(found.values())


def person_verdicts(user: User, person: Person, years: int = 3) -> list[YearVerdicts]:
    """The person's stored verdicts of their last `years` judged years, within the scope."""
    verdicts = _in_scope(EvaluationVerdict.objects.filter(person=person), user)
    return _latest_per_year(verdicts, years)


def unit_verdicts(user: User, unit: Unit, years: int = 3) -> list[YearVerdicts]:
    """The unit's own (collective) verdicts, its quotas and its members' counts per title."""
    own = _in_scope(EvaluationVerdict.objects.filter(unit=unit, person__isnull=True), user)
    found = _latest_per_year(own, years)
    known = {entry.run.pk for entry in found}
    # A year judged only for the unit's members (it has no grade of its own) still shows them.
    members = (
        _in_scope(EvaluationVerdict.objects.filter(unit=unit, person__isnull=False), user)
        .exclude(run_id__in=known)
        .values_list("run_id", flat=True)
        .distinct()
    )
    runs = {entry.year: entry for entry in found}
    for run in EvaluationRun.objects.filter(pk__in=list(members)).order_by("-created_at"):
        if run.year not in runs and len(runs) < years:
            runs[run.year] = YearVerdicts(run.year, run, [])
    result = sorted(runs.values(), key=lambda entry: -entry.year)
    for entry in result:
        entry.quotas = _named(EvaluationQuota.objects.filter(run=entry.run, unit=unit), entry.run)
        entry.suffix = f"?unit={unit.pk}"
        counts: dict[tuple[str, bool], int] = {}
        rows = (
            EvaluationVerdict.objects.filter(run=entry.run, unit=unit, person__isnull=False)
            .values_list("award_code", "eligible")
            .order_by()
        )
        for award, eligible in rows:
            counts[(award, eligible)] = counts.get((award, eligible), 0) + 1
        entry.member_counts = [
            TitleLine(
                award=item["award"],
                name=item["name"],
                kind=item["kind"],
                eligible=counts.get((item["award"], True), 0),
                not_eligible=counts.get((item["award"], False), 0),
                reward_vnd=item.get("reward_vnd"),
                review=[],
                citations=[],
            )
            for item in entry.run.titles
            if item["kind"] == "individual"
        ]
    return result
