"""Which titles a whole-year pass judges under a regime, in which order, and what data it needs.

Everything here is read from the regime (its awards, criteria and quotas): a province override
that adds a condition, changes a window or caps another title changes the pass with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tdkt.rules.facts import INDIVIDUAL
from tdkt.rules.regime import Criterion, Quota, Regime

COLLECTIVE = "collective"
# Not a yearly title, but its consecutive-year condition is followed every year so that the
# pages can say who is due for it next year.
FOLLOWED_TITLES = frozenset({"cstd_cap_tinh"})
CONTRIBUTION_PREDICATES = {
    "initiative_recognized": "initiative",
    "research_accepted": "research",
    "combat_ingenuity_recognized": "combat_ingenuity",
}
TITLE_PREDICATES = frozenset({"has_title", "consecutive_titles"})
MEMBER_TITLE_PREDICATES = frozenset({"members_pct_with_title", "members_with_title_min_count"})
READS_TITLES = MEMBER_TITLE_PREDICATES | {"consecutive_titles"}  # always of the judged year too


class PlanError(ValueError):
    """The regime's titles refer to each other in a circle; no order can judge them."""


@dataclass(frozen=True)
class JudgedTitle:
    award: str
    kind: str  # "individual" (people) or "collective" (units)
    criteria: tuple[Criterion, ...]
    quota: Quota | None = None


@dataclass
class Plan:
    """The titles in judging order and the data they read."""

    titles: list[JudgedTitle]
    # title code -> how many years before the judged year its holders are needed (0: that year)
    person_titles: dict[str, int] = field(default_factory=dict)
    unit_titles: dict[str, int] = field(default_factory=dict)
    # (contribution kind, lowest scope rank) -> widest window in years
    contributions: dict[tuple[str, int], int] = field(default_factory=dict)
    leads_clusters: bool = False

    @property
    def contribution_years(self) -> int:
        return max(self.contributions.values(), default=1)


def walk(criteria: Iterable[Criterion]) -> Iterator[Criterion]:
    """Every criterion, the alternatives of an any_of included."""
    for criterion in criteria:
        yield criterion
        yield from walk(criterion.children)


def _kind(awarded_to: frozenset[str]) -> str | None:
    if awarded_to == {INDIVIDUAL}:
        return INDIVIDUAL
    if awarded_to == {COLLECTIVE}:
        return COLLECTIVE
    return None


def judged_titles(regime: Regime) -> list[tuple[str, str]]:
    """(award, kind) of the regime's yearly titles for people and collectives, plus the followed
    ones, in the regime's order."""
    found = []
    for code, rule in regime.awards.items():
        kind = _kind(rule.awarded_to)
        if rule.type != "title" or kind is None:
            continue
        if rule.frequency == "annual" or code in FOLLOWED_TITLES:
            found.append((code, kind))
    return found


def _references(criteria: Iterable[Criterion]) -> set[str]:
    """Titles of the judged year that the criteria read (these must be judged first)."""
    found = set()
    for criterion in walk(criteria):
        predicate = criterion.predicate
        same_year = predicate == "has_title" and criterion.param("year_offset", 0) == 0
        if same_year or predicate in READS_TITLES:
            found.add(criterion.param("title"))
    return found


def make_plan(regime: Regime) -> Plan:
    pending = [
        JudgedTitle(award, kind, regime.criteria_for(award, kind), regime.awards[award].quota)
        for award, kind in judged_titles(regime)
    ]
    codes = {title.award for title in pending}
    ordered: list[JudgedTitle] = []
    done: set[str] = set()
    # People before collectives (a collective reads its members' titles), then by reference.
    pending.sort(key=lambda title: title.kind != INDIVIDUAL)
    while pending:
        for index, title in enumerate(pending):
            needs = (_references(title.criteria) & codes) - done - {title.award}
            if not needs:
                ordered.append(pending.pop(index))
                done.add(title.award)
                break
        else:
            raise PlanError(", ".join(title.award for title in pending))
    plan = Plan(titles=ordered)
    for title in ordered:
        _needs(plan, title)
    return plan


def _widen(target: dict, key: object, value: int) -> None:
    target[key] = max(target.get(key, value), value)


def _needs(plan: Plan, title: JudgedTitle) -> None:
    from tdkt.rules import schema

    own = plan.person_titles if title.kind == INDIVIDUAL else plan.unit_titles
    for criterion in walk(title.criteria):
        predicate = criterion.predicate
        if predicate == "has_title":
            _widen(own, criterion.param("title"), -criterion.param("year_offset", 0))
        elif predicate == "consecutive_titles":
            _widen(own, criterion.param("title"), criterion.param("count") - 1)
        elif predicate in MEMBER_TITLE_PREDICATES:
            _widen(plan.person_titles, criterion.param("title"), 0)
        elif predicate in CONTRIBUTION_PREDICATES:
            rank = schema.SCOPES.index(criterion.param("scope"))
            key = (CONTRIBUTION_PREDICATES[predicate], rank)
            _widen(plan.contributions, key, criterion.param("within_years", 1))
        elif predicate == "leads_emulation_cluster":
            plan.leads_clusters = True
    quota = title.quota
    if quota is not None and quota.basis == "title_holders" and quota.of_title:
        _widen(plan.person_titles, quota.of_title, 0)
