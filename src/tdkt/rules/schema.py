"""What a legal-regime file may say, and the checks that refuse anything else.

Every criterion names a predicate from `PREDICATES` with exactly its parameters; every item
that carries law (criterion, coefficient, quota, rounding, vote rule, disclosure period, base
salary, whether registration is required) carries a citation and a status (V verified, P
partly verified, UNVERIFIED).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from tdkt.awards.catalogue import AWARD_KINDS
from tdkt.common.enums import DISCIPLINE_ORDER, GRADE_ORDER, SCOPE_ORDER
from tdkt.people.enums import LeaveKind

STATUSES = ("V", "P", "UNVERIFIED")
INDIVIDUAL = "individual"
SUBJECT_KINDS = ("individual", "collective", "household", "village", "commune")
UNIT_KINDS = SUBJECT_KINDS[1:]
AWARD_TYPES = ("title", "form")
AUTHORITIES = (
    "chu_tich_ubnd_xa",
    "chu_tich_ubnd_huyen",
    "chu_tich_ubnd_tinh",
    "thu_truong_don_vi_co_tu_cach_phap_nhan",
    "thu_truong_co_quan_chuyen_mon_tinh",
    "giam_doc_doanh_nghiep",
    "thu_tuong",
    "chu_tich_nuoc",
)
DISTRICT_AUTHORITIES = frozenset({"chu_tich_ubnd_huyen"})
ROUNDING_MODES = ("ceil", "floor", "nearest")
TRAINING_RESULTS = ("trung_binh", "kha", "gioi", "xuat_sac")  # worst to best
CLUSTER_LEVELS = ("huyen", "tinh", "trung_uong")
UNIT_LEVELS = ("tot", "xuat_sac")
# The unit grade a task-completion level needs.
UNIT_LEVEL_GRADE = {"tot": "hoan_thanh_tot", "xuat_sac": "hoan_thanh_xuat_sac"}
OPS = ("gt", "gte")
QUOTA_BASES = ("title_holders", "members")
VOTE_BASES = ("all_members", "present_members")
LEAVE_KINDS = tuple(kind.value for kind in LeaveKind)
GRADES = tuple(str(grade) for grade in GRADE_ORDER)
DISCIPLINES = tuple(DISCIPLINE_ORDER)
SCOPES = tuple(SCOPE_ORDER)
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class RulesDataError(Exception):
    """A legal-regime file (or a province override) says something the engine cannot use."""

    def __init__(self, file: str, item: str, message: str) -> None:
        self.file = file
        self.item = item
        self.message = message
        super().__init__(
            _("Legal rules file %(file)s, item %(item)s: %(message)s")
            % {"file": file, "item": item or "/", "message": message}
        )


@dataclass(frozen=True)
class Where:
    """The place being checked: a file and a dotted path inside it."""

    file: str
    path: str = ""

    def __truediv__(self, part: str | int) -> Where:
        if isinstance(part, int):
            return Where(self.file, f"{self.path}[{part}]")
        return Where(self.file, f"{self.path}.{part}" if self.path else str(part))

    def fail(self, message: str) -> RulesDataError:
        return RulesDataError(self.file, self.path, message)


# --- parameter types ---------------------------------------------------------------------


def _choice(values: tuple[str, ...]) -> Callable[[Any, Where], None]:
    def check(value: Any, where: Where) -> None:
        if value not in values:
            raise where.fail(
                _("unknown value %(value)r; expected one of: %(values)s")
                % {"value": value, "values": ", ".join(values)}
            )

    return check


def _title(value: Any, where: Where) -> None:
    if value not in AWARD_KINDS:
        raise where.fail(_("unknown title or award %(code)r") % {"code": value})


def _positive_int(value: Any, where: Where) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise where.fail(_("must be a whole number above zero, not %(value)r") % {"value": value})


def _non_negative_int(value: Any, where: Where) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise where.fail(
            _("must be a whole number, zero or more, not %(value)r") % {"value": value}
        )


def _int_range(low: int, high: int) -> Callable[[Any, Where], None]:
    def check(value: Any, where: Where) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise where.fail(
                _("must be a whole number from %(low)s to %(high)s, not %(value)r")
                % {"low": low, "high": high, "value": value}
            )

    return check


def _percent(value: Any, where: Where) -> None:
    number = to_decimal(value, where)
    if not Decimal(0) <= number <= Decimal(100):
        raise where.fail(_("must be a percentage from 0 to 100, not %(value)r") % {"value": value})


def _text(value: Any, where: Where) -> None:
    if not isinstance(value, str) or not value.strip():
        raise where.fail(_("must be a non-empty text"))


def _leave_kinds(value: Any, where: Where) -> None:
    if not isinstance(value, list):
        raise where.fail(_("must be a list"))
    for index, kind in enumerate(value):
        _choice(LEAVE_KINDS)(kind, where / index)


def _result_by_leave(value: Any, where: Where) -> None:
    if not isinstance(value, dict):
        raise where.fail(_("must be a mapping"))
    for kind, result in value.items():
        _choice(LEAVE_KINDS)(kind, where / str(kind))
        _choice(TRAINING_RESULTS)(result, where / str(kind))


def _criteria_list(value: Any, where: Where) -> None:
    if not isinstance(value, list) or len(value) < 2:
        raise where.fail(_("must be a list of at least two alternatives"))
    for index, child in enumerate(value):
        validate_criterion(child, where / index, child_of_any_of=True)


@dataclass(frozen=True)
class PredicateSpec:
    subject: str  # "person", "unit" or "any": what kind of subject the data it reads describes
    required: Mapping[str, Callable[[Any, Where], None]]
    optional: Mapping[str, Callable[[Any, Where], None]] = field(default_factory=dict)
    manual: bool = False


PREDICATES: dict[str, PredicateSpec] = {
    "eval_grade_at_least": PredicateSpec("person", {"grade": _choice(GRADES)}),
    "eval_grade_equals": PredicateSpec("person", {"grade": _choice(GRADES)}),
    "tenure_months_at_least": PredicateSpec("person", {"months": _positive_int}),
    "no_discipline_in_year": PredicateSpec("person", {"min_level": _choice(DISCIPLINES)}),
    "absent_days_below": PredicateSpec(
        "person",
        {"limit_days": _positive_int, "counted_as_work": _leave_kinds},
        {"counted_as_work_if_result": _result_by_leave},
    ),
    "long_training_result_at_least": PredicateSpec("person", {"result": _choice(TRAINING_RESULTS)}),
    "has_title": PredicateSpec("any", {"title": _title}, {"year_offset": _int_range(-10, 0)}),
    "consecutive_titles": PredicateSpec("any", {"title": _title, "count": _int_range(2, 10)}),
    "initiative_recognized": PredicateSpec(
        "person", {"scope": _choice(SCOPES)}, {"within_years": _int_range(1, 10)}
    ),
    "research_accepted": PredicateSpec(
        "person", {"scope": _choice(SCOPES)}, {"within_years": _int_range(1, 10)}
    ),
    "combat_ingenuity_recognized": PredicateSpec(
        "person", {"scope": _choice(SCOPES)}, {"within_years": _int_range(1, 10)}
    ),
    "any_of": PredicateSpec("any", {"criteria": _criteria_list}),
    "members_pct_with_title": PredicateSpec(
        "unit", {"title": _title, "op": _choice(OPS), "pct": _percent}
    ),
    "all_members_grade_at_least": PredicateSpec("unit", {"grade": _choice(GRADES)}),
    "members_with_title_min_count": PredicateSpec(
        "unit", {"title": _title, "count": _positive_int}
    ),
    "no_member_disciplined": PredicateSpec("unit", {"min_level": _choice(DISCIPLINES)}),
    "unit_task_completion": PredicateSpec("unit", {"level": _choice(UNIT_LEVELS)}),
    "leads_emulation_cluster": PredicateSpec("unit", {"cluster_level": _choice(CLUSTER_LEVELS)}),
    "no_pending_discipline_or_investigation": PredicateSpec("any", {}),
    "manual": PredicateSpec("any", {"text": _text}, manual=True),
}

CRITERION_META_KEYS = frozenset(
    {"code", "predicate", "citation", "status", "message", "subjects", "effective_from",
     "effective_to", "note"}
)  # fmt: skip


# --- small value checks ------------------------------------------------------------------


def to_decimal(value: Any, where: Where) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise where.fail(_("must be a number, not %(value)r") % {"value": value})
    try:
        # Through str so that 0.15 stays 0.15 and not 0.1499999...
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise where.fail(_("must be a number, not %(value)r") % {"value": value}) from exc


def to_date(value: Any, where: Where, *, allow_none: bool = False) -> dt.date | None:
    if value is None and allow_none:
        return None
    if isinstance(value, dt.datetime):
        raise where.fail(_("must be a date (YYYY-MM-DD), not a date and time"))
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise where.fail(_("bad date %(value)r; write it as YYYY-MM-DD") % {"value": value})


def check_citation(item: Mapping[str, Any], where: Where) -> None:
    citation = item.get("citation")
    if (isinstance(citation, str) and citation.strip()) or (
        isinstance(citation, list)
        and citation
        and all(isinstance(c, str) and c.strip() for c in citation)
    ):
        pass
    else:
        raise where.fail(_("the citation is missing (every legal item needs one)"))
    if item.get("status") not in STATUSES:
        raise where.fail(
            _("the status is missing or wrong; write one of: %(values)s")
            % {"values": ", ".join(STATUSES)}
        )


def check_keys(item: Any, allowed: frozenset[str] | set[str], where: Where) -> None:
    if not isinstance(item, dict):
        raise where.fail(_("must be a mapping"))
    unknown = sorted(str(key) for key in item if key not in allowed)
    if unknown:
        raise where.fail(
            _("unknown key(s): %(keys)s; allowed: %(allowed)s")
            % {"keys": ", ".join(unknown), "allowed": ", ".join(sorted(allowed))}
        )


def check_template(text: Any, allowed: frozenset[str], where: Where) -> None:
    _text(text, where)
    try:
        names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError as exc:
        raise where.fail(
            _("the message template is malformed: %(error)s") % {"error": exc}
        ) from exc
    unknown = sorted(names - allowed)
    if unknown:
        raise where.fail(
            _("the message uses unknown placeholder(s) %(names)s; available: %(allowed)s")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(allowed)) or "-"}
        )


# --- criteria ------------------------------------------------------------------------------


def validate_criterion(item: Any, where: Where, *, child_of_any_of: bool = False) -> None:
    """A criterion is always complete, in the base files and in overrides alike."""
    if not isinstance(item, dict):
        raise where.fail(_("a criterion must be a mapping"))
    predicate = item.get("predicate")
    if predicate not in PREDICATES:
        raise where.fail(
            _("unknown predicate %(name)r; known: %(known)s")
            % {"name": predicate, "known": ", ".join(sorted(PREDICATES))}
        )
    spec = PREDICATES[predicate]
    params = set(spec.required) | set(spec.optional)
    check_keys(item, CRITERION_META_KEYS | params, where)
    if not child_of_any_of:
        code = item.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            raise where.fail(_("every criterion needs a code in lower_case_with_underscores"))
        where = Where(where.file, f"{where.path} ({code})")
        check_citation(item, where)
    elif "status" in item:
        _choice(STATUSES)(item["status"], where / "status")
    for name, check in spec.required.items():
        if name not in item:
            raise where.fail(
                _("the parameter %(name)s of predicate %(predicate)s is missing")
                % {"name": name, "predicate": predicate}
            )
        check(item[name], where / name)
    for name, check in spec.optional.items():
        if name in item:
            check(item[name], where / name)
    if "subjects" in item:
        subjects = item["subjects"]
        if not isinstance(subjects, list) or not subjects:
            raise (where / "subjects").fail(_("must be a non-empty list"))
        for index, kind in enumerate(subjects):
            _choice(SUBJECT_KINDS)(kind, where / "subjects" / index)
    for key in ("effective_from", "effective_to"):
        if key in item:
            to_date(item[key], where / key)
    if "message" in item:
        from tdkt.rules.messages import placeholders_for

        check_template(item["message"], placeholders_for(predicate), where / "message")


def predicate_subject(item: Mapping[str, Any]) -> str:
    """ "person", "unit" or "any": the subjects whose data a criterion (tree) reads."""
    spec = PREDICATES[item["predicate"]]
    if item["predicate"] != "any_of":
        return spec.subject
    kinds = {predicate_subject(child) for child in item["criteria"]} - {"any"}
    if len(kinds) > 1:
        return "mixed"
    return kinds.pop() if kinds else "any"


# --- regime documents --------------------------------------------------------------------

REGIME_KEYS = frozenset(
    {"id", "name_vi", "effective_from", "effective_to", "inherits", "status", "citation",
     "basis", "note", "district_level", "registration_required", "authority_remap", "money",
     "principles", "council", "disclosure", "awards"}
)  # fmt: skip
# What a province override may change inside a regime.
OVERRIDE_REGIME_KEYS = frozenset({"money", "principles", "council", "disclosure", "awards"})
MONEY_KEYS = frozenset({"rounding", "collective_multiplier", "household_multiplier", "note"})
ROUNDING_KEYS = frozenset({"unit", "mode", "citation", "status", "note"})
MULTIPLIER_KEYS = frozenset({"value", "citation", "status", "note"})
VOTE_KEYS = frozenset(
    {"threshold_pct", "base", "method", "absent_members", "citation", "status", "note", "remove"}
)
DISCLOSURE_KEYS = frozenset({"awards", "days", "unit", "citation", "status", "note", "remove"})
REMAP_KEYS = frozenset({"to", "citation", "status", "note"})
REGISTRATION_KEYS = frozenset({"value", "citation", "status", "note"})
AWARD_KEYS = frozenset(
    {"type", "name_vi", "awarded_to", "authority", "frequency", "citation", "status", "criteria",
     "coefficient", "quota", "note", "remove"}
)  # fmt: skip
COEFFICIENT_KEYS = frozenset({*SUBJECT_KINDS, "up_to", "citation", "status", "note"})
QUOTA_KEYS = frozenset(
    {"basis", "of_title", "max_pct", "rounding", "min_limit", "citation", "status",
     "rounding_status", "note"}
)  # fmt: skip
BASE_SALARY_KEYS = frozenset({"from", "to", "amount_vnd", "citation", "status", "issued", "note"})


def _is_removal(item: Any) -> bool:
    return isinstance(item, dict) and item.get("remove") is True


def _check_removal(item: dict[str, Any], where: Where) -> None:
    check_keys(item, {"remove", "code", "citation", "status", "note"}, where)
    check_citation(item, where)


def _check_criteria(items: Any, where: Where) -> None:
    if not isinstance(items, list):
        raise where.fail(_("must be a list of criteria"))
    codes: set[str] = set()
    for index, item in enumerate(items):
        if _is_removal(item):
            _check_removal(item, where / index)
            if not isinstance(item.get("code"), str):
                raise (where / index).fail(_("say which criterion to remove with its code"))
            continue
        validate_criterion(item, where / index)
        if item["code"] in codes:
            raise (where / index).fail(
                _("the criterion code %(code)r is used twice") % {"code": item["code"]}
            )
        codes.add(item["code"])


def _check_coefficient(item: Any, where: Where, *, complete: bool) -> None:
    if item is None:
        return
    check_keys(item, COEFFICIENT_KEYS, where)
    check_citation(item, where)
    for kind in SUBJECT_KINDS:
        if kind in item and item[kind] is not None:
            value = to_decimal(item[kind], where / kind)
            if value < 0:
                raise (where / kind).fail(_("a coefficient cannot be negative"))
    if "up_to" in item and not isinstance(item["up_to"], bool):
        raise (where / "up_to").fail(_("must be true or false"))


def _check_quota(item: Any, where: Where, *, complete: bool) -> None:
    if item is None:
        return
    check_keys(item, QUOTA_KEYS, where)
    check_citation(item, where)
    if "basis" in item:
        _choice(QUOTA_BASES)(item["basis"], where / "basis")
    if "of_title" in item:
        _title(item["of_title"], where / "of_title")
    if "max_pct" in item:
        _percent(item["max_pct"], where / "max_pct")
    if "rounding" in item:
        _choice(ROUNDING_MODES)(item["rounding"], where / "rounding")
    if "rounding_status" in item:
        _choice(STATUSES)(item["rounding_status"], where / "rounding_status")
    if "min_limit" in item:
        _non_negative_int(item["min_limit"], where / "min_limit")
    if complete:
        for key in ("basis", "max_pct", "rounding"):
            if key not in item:
                raise where.fail(_("the key %(key)s is missing") % {"key": key})
        if item["basis"] == "title_holders" and "of_title" not in item:
            raise where.fail(_("a quota counted on title holders needs of_title"))


def validate_award(code: Any, item: Any, where: Where, *, complete: bool) -> None:
    where = where / str(code)
    _title(code, where)
    if _is_removal(item):
        if complete:
            raise where.fail(_("nothing to remove here"))
        _check_removal(item, where)
        return
    check_keys(item, AWARD_KEYS - {"remove"}, where)
    if "type" in item:
        _choice(AWARD_TYPES)(item["type"], where / "type")
    if "name_vi" in item:
        _text(item["name_vi"], where / "name_vi")
    if "awarded_to" in item:
        kinds = item["awarded_to"]
        if not isinstance(kinds, list) or not kinds:
            raise (where / "awarded_to").fail(_("must be a non-empty list"))
        for index, kind in enumerate(kinds):
            _choice(SUBJECT_KINDS)(kind, where / "awarded_to" / index)
    if "authority" in item:
        authorities = item["authority"]
        if not isinstance(authorities, list) or not authorities:
            raise (where / "authority").fail(_("must be a non-empty list"))
        for index, authority in enumerate(authorities):
            _choice(AUTHORITIES)(authority, where / "authority" / index)
    if "criteria" in item:
        _check_criteria(item["criteria"], where / "criteria")
    if "coefficient" in item:
        _check_coefficient(item["coefficient"], where / "coefficient", complete=complete)
    if "quota" in item:
        _check_quota(item["quota"], where / "quota", complete=complete)
    if "status" in item:
        _choice(STATUSES)(item["status"], where / "status")
    if not complete:
        return
    for key in ("type", "awarded_to", "authority", "criteria", "coefficient"):
        if key not in item:
            raise where.fail(_("the key %(key)s is missing") % {"key": key})
    check_citation(item, where)
    kinds = set(item["awarded_to"])
    for index, criterion in enumerate(item["criteria"]):
        check_subjects(criterion, kinds, where / "criteria" / index)
    coefficient = item["coefficient"]
    if coefficient is not None:
        for kind in SUBJECT_KINDS:
            if kind in coefficient and kind not in kinds:
                raise (where / "coefficient" / kind).fail(
                    _("the award does not go to %(kind)s") % {"kind": kind}
                )
    if item.get("quota") is not None and kinds != {INDIVIDUAL}:
        raise (where / "quota").fail(_("quotas are counted on individual awards only"))


def check_subjects(criterion: Mapping[str, Any], award_kinds: set[str], where: Where) -> None:
    """A criterion that reads a person's data cannot apply to a unit, and the other way round."""
    where = Where(where.file, f"{where.path} ({criterion.get('code')})")
    kinds = set(criterion.get("subjects", award_kinds))
    if not kinds <= award_kinds:
        raise (where / "subjects").fail(
            _("names subjects the award does not go to: %(kinds)s")
            % {"kinds": ", ".join(sorted(kinds - award_kinds))}
        )
    reads = predicate_subject(criterion)
    if reads == "mixed":
        raise where.fail(_("mixes conditions on persons and on collectives in one any_of"))
    if reads == "person" and kinds != {INDIVIDUAL}:
        raise where.fail(
            _("reads a person's data but may apply to %(kinds)s; limit it with subjects")
            % {"kinds": ", ".join(sorted(kinds - {INDIVIDUAL}))}
        )
    if reads == "unit" and INDIVIDUAL in kinds:
        raise where.fail(
            _("reads a collective's data but may apply to individuals; limit it with subjects")
        )


def validate_regime(doc: Any, where: Where, *, complete: bool) -> None:
    """Check one regime document; `complete` once inheritance and overrides are merged in."""
    check_keys(doc, REGIME_KEYS, where)
    if "id" in doc and (not isinstance(doc["id"], str) or not CODE_RE.match(doc["id"])):
        raise (where / "id").fail(_("must be a code in lower_case_with_underscores"))
    for key in ("effective_from", "effective_to"):
        if key in doc:
            to_date(doc[key], where / key, allow_none=key == "effective_to")
    if "status" in doc:
        _choice(STATUSES)(doc["status"], where / "status")
    if "district_level" in doc and not isinstance(doc["district_level"], bool):
        raise (where / "district_level").fail(_("must be true or false"))
    if "registration_required" in doc:
        _check_registration(doc["registration_required"], where / "registration_required")
    remap = doc.get("authority_remap", {})
    check_keys(remap, set(AUTHORITIES), where / "authority_remap")
    for source, item in remap.items():
        check_keys(item, REMAP_KEYS, where / "authority_remap" / source)
        check_citation(item, where / "authority_remap" / source)
        _choice(AUTHORITIES)(item.get("to"), where / "authority_remap" / source / "to")
    _check_money(doc.get("money", {}), where / "money", complete=complete)
    if "principles" in doc:
        _check_criteria(doc["principles"], where / "principles")
    council = doc.get("council", {})
    check_keys(council, {"votes", "note"}, where / "council")
    votes = council.get("votes", {})
    check_keys(votes, set(AWARD_KINDS), where / "council" / "votes")
    for award, vote in votes.items():
        _check_vote(vote, where / "council" / "votes" / award, complete=complete)
    disclosure = doc.get("disclosure", {})
    if not isinstance(disclosure, dict):
        raise (where / "disclosure").fail(_("must be a mapping"))
    for name, item in disclosure.items():
        _check_disclosure(item, where / "disclosure" / str(name), complete=complete)
    awards = doc.get("awards", {})
    if not isinstance(awards, dict):
        raise (where / "awards").fail(_("must be a mapping from award codes"))
    for code, item in awards.items():
        validate_award(code, item, where / "awards", complete=complete)
    if not complete:
        return
    required = ("id", "name_vi", "effective_from", "effective_to", "status", "citation",
                "registration_required", "awards")  # fmt: skip
    for key in required:
        if key not in doc:
            raise where.fail(_("the key %(key)s is missing") % {"key": key})
    check_citation(doc, where)
    if "rounding" not in doc.get("money", {}):
        raise (where / "money").fail(_("the money rounding rule is missing"))
    start = to_date(doc["effective_from"], where / "effective_from")
    end = to_date(doc["effective_to"], where / "effective_to", allow_none=True)
    if start is not None and end is not None and end < start:
        raise (where / "effective_to").fail(_("ends before it starts"))
    all_kinds = set(SUBJECT_KINDS)
    for index, principle in enumerate(doc.get("principles", [])):
        check_subjects(principle, all_kinds, where / "principles" / index)
    for award in votes:
        if award not in awards:
            raise (where / "council" / "votes" / award).fail(_("this award is not in the regime"))
    for name, item in disclosure.items():
        for index, award in enumerate(item["awards"]):
            if award not in awards:
                raise (where / "disclosure" / str(name) / "awards" / index).fail(
                    _("this award is not in the regime")
                )
    if doc.get("district_level") is False:
        for code, item in awards.items():
            district = DISTRICT_AUTHORITIES & set(item["authority"])
            if district:
                raise (where / "awards" / code / "authority").fail(
                    _("the regime has no district level, but the award names %(who)s")
                    % {"who": ", ".join(sorted(district))}
                )


def _check_registration(item: Any, where: Where) -> None:
    """Whether registering for emulation is a legal condition for titles: a fact of the law,
    so it carries a citation like every other legal item."""
    check_keys(item, REGISTRATION_KEYS, where)
    check_citation(item, where)
    if not isinstance(item.get("value"), bool):
        raise (where / "value").fail(_("must be true or false"))


def _check_money(money: Any, where: Where, *, complete: bool) -> None:
    check_keys(money, MONEY_KEYS, where)
    if "rounding" in money:
        rounding = money["rounding"]
        check_keys(rounding, ROUNDING_KEYS, where / "rounding")
        check_citation(rounding, where / "rounding")
        if "unit" in rounding:
            _positive_int(rounding["unit"], where / "rounding" / "unit")
        if "mode" in rounding:
            _choice(ROUNDING_MODES)(rounding["mode"], where / "rounding" / "mode")
        if complete and not {"unit", "mode"} <= set(rounding):
            raise (where / "rounding").fail(_("needs both unit and mode"))
    for key in ("collective_multiplier", "household_multiplier"):
        if key in money:
            item = money[key]
            check_keys(item, MULTIPLIER_KEYS, where / key)
            check_citation(item, where / key)
            if complete and "value" not in item:
                raise (where / key).fail(_("the key %(key)s is missing") % {"key": "value"})
            if item.get("value") is not None and to_decimal(item["value"], where / key) < 0:
                raise (where / key).fail(_("a coefficient cannot be negative"))


def _check_vote(item: Any, where: Where, *, complete: bool) -> None:
    if _is_removal(item):
        if complete:
            raise where.fail(_("nothing to remove here"))
        _check_removal(item, where)
        return
    check_keys(item, VOTE_KEYS - {"remove"}, where)
    check_citation(item, where)
    if "threshold_pct" in item:
        _percent(item["threshold_pct"], where / "threshold_pct")
    if "base" in item:
        _choice(VOTE_BASES)(item["base"], where / "base")
    if complete:
        for key in ("threshold_pct", "base"):
            if key not in item:
                raise where.fail(_("the key %(key)s is missing") % {"key": key})


def _check_disclosure(item: Any, where: Where, *, complete: bool) -> None:
    if _is_removal(item):
        if complete:
            raise where.fail(_("nothing to remove here"))
        _check_removal(item, where)
        return
    check_keys(item, DISCLOSURE_KEYS - {"remove"}, where)
    check_citation(item, where)
    if "awards" in item:
        if not isinstance(item["awards"], list) or not item["awards"]:
            raise (where / "awards").fail(_("must be a non-empty list"))
        for index, award in enumerate(item["awards"]):
            _title(award, where / "awards" / index)
    if "days" in item:
        _positive_int(item["days"], where / "days")
    if "unit" in item:
        _choice(("working_days", "days"))(item["unit"], where / "unit")
    if complete:
        for key in ("awards", "days", "unit"):
            if key not in item:
                raise where.fail(_("the key %(key)s is missing") % {"key": key})


def validate_base_salary(doc: Any, where: Where) -> list[dict[str, Any]]:
    check_keys(doc, {"series", "note"}, where)
    series = doc.get("series")
    if not isinstance(series, list) or not series:
        raise (where / "series").fail(_("must be a non-empty list"))
    for index, item in enumerate(series):
        here = where / "series" / index
        check_keys(item, BASE_SALARY_KEYS, here)
        check_citation(item, here)
        for key in ("from", "to"):
            if key not in item:
                raise here.fail(_("the key %(key)s is missing") % {"key": key})
        start = to_date(item["from"], here / "from")
        end = to_date(item["to"], here / "to", allow_none=True)
        if start is not None and end is not None and end < start:
            raise (here / "to").fail(_("ends before it starts"))
        if "issued" in item:
            to_date(item["issued"], here / "issued")
        _positive_int(item.get("amount_vnd"), here / "amount_vnd")
    return series


def validate_override(doc: Any, where: Where, regime_ids: set[str]) -> None:
    check_keys(doc, {"source", "note", "regimes", "messages"}, where)
    _text(doc.get("source"), where / "source")
    regimes = doc.get("regimes", {})
    if not isinstance(regimes, dict):
        raise (where / "regimes").fail(_("must be a mapping from regime ids"))
    for regime_id, patch in regimes.items():
        here = where / "regimes" / str(regime_id)
        if regime_id not in regime_ids:
            raise here.fail(
                _("unknown regime %(id)r; known: %(known)s")
                % {"id": regime_id, "known": ", ".join(sorted(regime_ids))}
            )
        check_keys(patch, OVERRIDE_REGIME_KEYS, here)
        validate_regime(patch, here, complete=False)
