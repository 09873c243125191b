"""What the rules page shows: every regime with its dates and basis, its titles and forms with
their criteria in words, coefficients, quotas, council votes, disclosure periods and citations,
and the base salary series. Items that are not verified, and items a province override changed,
are marked."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tdkt.rules.loader import REGIME_DIR, read_yaml
from tdkt.rules.regime import (
    UNVERIFIED,
    AwardRule,
    BaseSalary,
    Criterion,
    Disclosure,
    Quota,
    Regime,
    RuleBook,
    VoteRule,
)

Mark = tuple[str, ...]


def _number(value: Decimal | int) -> str:
    return format(Decimal(value).normalize(), "f").replace(".", ",")


@dataclass
class CriterionView:
    code: str
    text: str
    citation: str
    status: str
    manual: bool
    note: str = ""
    effective_from: Any = None
    subjects: str = ""
    alternatives: list[str] = field(default_factory=list)
    overridden: bool = False

    @property
    def unverified(self) -> bool:
        return self.status == UNVERIFIED


@dataclass
class AwardView:
    code: str
    name: str
    type: str
    awarded_to: str
    authority: str
    frequency: str
    citation: str
    status: str
    criteria: list[CriterionView]
    coefficient: str
    coefficient_citation: str
    coefficient_status: str
    quota: str
    quota_citation: str
    quota_status: str
    quota_rounding_status: str
    note: str
    overridden: bool = False
    coefficient_overridden: bool = False
    quota_overridden: bool = False


@dataclass
class RegimeView:
    regime: Regime
    sources: list[str]
    rounding: str
    rounding_citation: str
    rounding_status: str
    multipliers: list[tuple[str, str, str, str]]  # (what, value, citation, status)
    principles: list[CriterionView]
    titles: list[AwardView]
    forms: list[AwardView]
    votes: list[tuple[VoteRule, str, bool]]  # (rule, award name, overridden)
    disclosures: list[tuple[Disclosure, str, bool]]
    overridden_money: bool = False

    @property
    def unverified_count(self) -> int:
        items = [*self.principles, *(c for a in (*self.titles, *self.forms) for c in a.criteria)]
        count = sum(1 for c in items if c.unverified)
        count += sum(
            1
            for a in (*self.titles, *self.forms)
            for status in (a.coefficient_status, a.quota_status, a.quota_rounding_status)
            if status == UNVERIFIED
        )
        count += self.regime.registration.status == UNVERIFIED
        return count + (self.rounding_status == UNVERIFIED)


@dataclass
class RulesOverview:
    regimes: list[RegimeView]
    base_salaries: list[BaseSalary]
    overrides: list[str]


# --- criteria in words ------------------------------------------------------------------


def describe(c: Criterion, book: RuleBook, regime: Regime) -> str:
    """One criterion in words (labels of codes from messages.yaml)."""
    label = book.messages.label
    p = c.param
    title = book.award_name(p("title"), regime) if p("title") else ""
    match c.predicate:
        case "eval_grade_at_least":
            return _("Graded “%(grade)s” or better in the year") % {
                "grade": label("grade", p("grade"))
            }
        case "eval_grade_equals":
            return _("Graded “%(grade)s” in the year") % {"grade": label("grade", p("grade"))}
        case "tenure_months_at_least":
            return _("At least %(months)s months of service by 31 December of the year") % {
                "months": p("months")
            }
        case "no_discipline_in_year":
            return _("No disciplinary action of “%(level)s” or heavier counting for the year") % {
                "level": label("discipline", p("min_level"))
            }
        case "absent_days_below":
            text = _(
                "Absent fewer than %(days)s working days in the year; counted as work: %(kinds)s"
            ) % {
                "days": p("limit_days"),
                "kinds": ", ".join(label("leave", kind) for kind in p("counted_as_work")) or "—",
            }
            for kind, result in (p("counted_as_work_if_result") or {}).items():
                text += "; " + _("%(kind)s with a result of “%(result)s” or better") % {
                    "kind": label("leave", kind),
                    "result": label("training_result", result),
                }
            return text
        case "long_training_result_at_least":
            return _("Training of a year or more ends with a result of “%(result)s” or better") % {
                "result": label("training_result", p("result"))
            }
        case "has_title":
            back = -p("year_offset", 0)
            if back == 0:
                return _("Holds the title %(title)s for the year") % {"title": title}
            return _("Holds the title %(title)s for the year %(years)s year(s) before") % {
                "title": title,
                "years": back,
            }
        case "consecutive_titles":
            return _("Holds the title %(title)s %(count)s years in a row, up to the year") % {
                "title": title,
                "count": p("count"),
            }
        case "initiative_recognized" | "research_accepted" | "combat_ingenuity_recognized":
            what = {
                "initiative_recognized": _("An initiative recognised"),
                "research_accepted": _("A research project accepted and applied"),
                "combat_ingenuity_recognized": _("Ingenuity in combat recognised"),
            }[c.predicate]
            within = p("within_years", 1)
            scope = label("scope", p("scope"))
            if within == 1:
                return _("%(what)s at %(scope)s level or wider in the year") % {
                    "what": what,
                    "scope": scope,
                }
            return _("%(what)s at %(scope)s level or wider within %(years)s years") % {
                "what": what,
                "scope": scope,
                "years": within,
            }
        case "any_of":
            return _("One of the following")
        case "members_pct_with_title":
            text = (
                _("More than %(pct)s%% of the members hold %(title)s for the year")
                if p("op") == "gt"
                else _("At least %(pct)s%% of the members hold %(title)s for the year")
            )
            return text % {"pct": _number(p("pct")), "title": title}
        case "all_members_grade_at_least":
            return _("Every member graded “%(grade)s” or better") % {
                "grade": label("grade", p("grade"))
            }
        case "members_with_title_min_count":
            return _("At least %(count)s member(s) hold %(title)s for the year") % {
                "count": p("count"),
                "title": title,
            }
        case "no_member_disciplined":
            return _("No member disciplined with “%(level)s” or heavier in the year") % {
                "level": label("discipline", p("min_level"))
            }
        case "unit_task_completion":
            from tdkt.rules.schema import UNIT_LEVEL_GRADE

            return _("The collective is graded “%(grade)s” or better") % {
                "grade": label("grade", UNIT_LEVEL_GRADE[p("level")])
            }
        case "leads_emulation_cluster":
            return _("Leads an emulation cluster or block at %(level)s") % {
                "level": label("cluster_level", p("cluster_level"))
            }
        case "no_pending_discipline_or_investigation":
            return _("No discipline, investigation, inspection or complaint pending")
        case _:
            return str(p("text"))


def _criterion(
    c: Criterion, book: RuleBook, regime: Regime, marks: set[Mark], mark: Mark
) -> CriterionView:
    label = book.messages.label
    return CriterionView(
        code=c.code,
        text=describe(c, book, regime),
        citation=c.citation,
        status=c.status,
        manual=c.manual,
        note=c.note,
        effective_from=c.effective_from,
        subjects=", ".join(label("subject_kind", kind) for kind in sorted(c.subjects or ())),
        alternatives=[describe(child, book, regime) for child in c.children],
        overridden=mark in marks,
    )


def _quota_text(quota: Quota, book: RuleBook, regime: Regime) -> str:
    rounding = {"ceil": _("rounded up"), "floor": _("rounded down"), "nearest": _("rounded")}
    if quota.basis == "title_holders" and quota.of_title:
        base = _("of the members holding %(title)s") % {
            "title": book.award_name(quota.of_title, regime)
        }
    else:
        base = _("of the members")
    text = _("At most %(pct)s%% %(base)s in each unit, %(rounding)s") % {
        "pct": _number(quota.max_pct),
        "base": base,
        "rounding": rounding.get(quota.rounding, quota.rounding),
    }
    if quota.min_limit:
        text += "; " + _("at least %(n)s") % {"n": quota.min_limit}
    return text


def _award(rule: AwardRule, book: RuleBook, regime: Regime, marks: set[Mark]) -> AwardView:
    label = book.messages.label
    coefficient = ""
    if rule.coefficient is not None:
        values = [
            f"{label('subject_kind', kind)} {_number(value)}"
            for kind, value in rule.coefficient.values.items()
            if value is not None
        ]
        coefficient = ", ".join(values) or "—"
        if rule.coefficient.up_to:
            coefficient = _("up to %(values)s") % {"values": coefficient}
    quota = rule.quota
    return AwardView(
        code=rule.code,
        name=rule.name_vi,
        type=rule.type,
        awarded_to=", ".join(label("subject_kind", kind) for kind in sorted(rule.awarded_to)),
        authority=", ".join(label("authority", a) for a in rule.authority),
        frequency=rule.frequency,
        citation="; ".join(rule.citation),
        status=rule.status,
        criteria=[
            _criterion(c, book, regime, marks, ("criterion", rule.code, c.code))
            for c in rule.criteria
        ],
        coefficient=coefficient,
        coefficient_citation=rule.coefficient.citation if rule.coefficient else "",
        coefficient_status=rule.coefficient.status if rule.coefficient else "",
        quota=_quota_text(quota, book, regime) if quota else "",
        quota_citation=quota.citation if quota else "",
        quota_status=quota.status if quota else "",
        quota_rounding_status=quota.rounding_status if quota else "",
        note=rule.note,
        overridden=("award", rule.code) in marks,
        coefficient_overridden=("coefficient", rule.code) in marks,
        quota_overridden=("quota", rule.code) in marks,
    )


def _regime(regime: Regime, book: RuleBook, marks: set[Mark]) -> RegimeView:
    rounding_modes = {"ceil": _("up"), "floor": _("down"), "nearest": _("to the nearest")}
    multipliers = []
    for what, item in (
        (_("collective forms: times the individual amount"), regime.collective_multiplier),
        (_("households: times the individual amount"), regime.household_multiplier),
    ):
        if item is not None:
            value = "—" if item.value is None else _number(item.value)
            multipliers.append((what, value, item.citation, item.status))
    awards = [_award(rule, book, regime, marks) for rule in regime.awards.values()]
    return RegimeView(
        regime=regime,
        sources=list(regime.sources),
        rounding=_("to %(unit)s đồng, %(mode)s")
        % {
            "unit": f"{regime.rounding.unit:,}".replace(",", "."),
            "mode": rounding_modes.get(regime.rounding.mode, regime.rounding.mode),
        },
        rounding_citation=regime.rounding.citation,
        rounding_status=regime.rounding.status,
        multipliers=multipliers,
        principles=[
            _criterion(c, book, regime, marks, ("principle", c.code)) for c in regime.principles
        ],
        titles=[award for award in awards if award.type == "title"],
        forms=[award for award in awards if award.type == "form"],
        votes=[
            (vote, book.award_name(award, regime), ("vote", award) in marks)
            for award, vote in regime.votes.items()
        ],
        disclosures=[
            (
                item,
                ", ".join(book.award_name(code, regime) for code in sorted(item.awards)),
                ("disclosure", item.name) in marks,
            )
            for item in regime.disclosures
        ],
        overridden_money=any(mark[0] == "money" for mark in marks),
    )


# --- what the province overrides changed --------------------------------------------------


def _marks_of(patch: dict[str, Any]) -> set[Mark]:
    marks: set[Mark] = set()
    for code, award in (patch.get("awards") or {}).items():
        if not isinstance(award, dict) or award.get("remove") is True:
            continue
        if set(award) - {"criteria", "coefficient", "quota"}:
            marks.add(("award", code))
        for item in award.get("criteria") or []:
            marks.add(("criterion", code, str(item.get("code"))))
        if "coefficient" in award:
            marks.add(("coefficient", code))
        if "quota" in award:
            marks.add(("quota", code))
    for item in patch.get("principles") or []:
        marks.add(("principle", str(item.get("code"))))
    for award in (patch.get("council") or {}).get("votes") or {}:
        marks.add(("vote", award))
    for name in patch.get("disclosure") or {}:
        marks.add(("disclosure", name))
    for key in patch.get("money") or {}:
        marks.add(("money", key))
    return marks


def override_marks(book: RuleBook, regime_dir: Path = REGIME_DIR) -> dict[str, set[Mark]]:
    """regime -> the items a province override set. An override of a regime reaches the regimes
    inheriting from it, unless their own file restates the item."""
    direct: dict[str, set[Mark]] = {}
    for path in book.overrides:
        doc = read_yaml(path)
        for regime_id, patch in (doc.get("regimes") or {}).items():
            direct.setdefault(regime_id, set()).update(_marks_of(patch))
    marks: dict[str, set[Mark]] = {}
    for regime in book.regimes:  # in date order: a parent comes before its heirs
        own = read_yaml(regime_dir / f"{regime.id}.yaml")
        found = set(direct.get(regime.id, set()))
        parent = own.get("inherits")
        if parent:
            restated = _marks_of(own)
            found |= {mark for mark in marks.get(parent, set()) if mark not in restated}
        marks[regime.id] = found
    return marks


def rules_overview(book: RuleBook) -> RulesOverview:
    marks = override_marks(book)
    return RulesOverview(
        regimes=[_regime(regime, book, marks.get(regime.id, set())) for regime in book.regimes],
        base_salaries=list(book.base_salaries),
        overrides=list(book.overrides),
    )
