"""Read the regime files, merge inheritance and province overrides, check, and build a RuleBook.

Order: every file is checked on its own (keys, predicates, citations); province overrides
(settings.TDKT_RULES_OVERRIDES) are merged into the regimes they name; each regime is merged
onto the regime it inherits from; the merged regimes are checked as a whole; then dates must
follow each other without gap or overlap.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _

from tdkt.awards.catalogue import award_name
from tdkt.rules.messages import validate_messages
from tdkt.rules.regime import (
    AwardRule,
    BaseSalary,
    Coefficient,
    Criterion,
    Disclosure,
    MoneyRounding,
    Multiplier,
    Quota,
    Regime,
    RegistrationRule,
    RuleBook,
    VoteRule,
    frozen,
)
from tdkt.rules.schema import (
    PREDICATES,
    RulesDataError,
    Where,
    to_date,
    to_decimal,
    validate_base_salary,
    validate_override,
    validate_regime,
)

PACKAGE_DIR = Path(__file__).resolve().parent
REGIME_DIR = PACKAGE_DIR / "regimes"
MESSAGES_FILE = PACKAGE_DIR / "messages.yaml"
BASE_SALARY_FILE = "base_salary.yaml"
# An inheriting regime must state these itself rather than take its parent's.
OWN_KEYS = ("id", "name_vi", "effective_from", "effective_to", "status", "citation", "basis")

__all__ = ["RulesDataError", "get_rulebook", "load_rulebook", "read_yaml"]


# libyaml's parser when PyYAML was built with it (about ten times faster at start-up).
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """Safe YAML that keeps dates as text (so a bad date is reported where it is, not as a
    parser crash) and refuses a key written twice (a silently lost criterion)."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node))  # type: ignore[no-untyped-call]


StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,  # type: ignore[arg-type]
)


def read_yaml(path: Path | str, label: str | None = None) -> Any:
    label = label or str(path)
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=StrictLoader)
    except OSError as exc:
        raise RulesDataError(
            label, "", _("cannot read the file: %(error)s") % {"error": exc}
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("line %(line)s") % {"line": mark.line + 1} if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulesDataError(
            label, where, _("not valid YAML: %(problem)s") % {"problem": problem}
        ) from exc


# --- merging -------------------------------------------------------------------------------


def merge(base: Any, patch: Any, where: Where) -> Any:
    """Mappings merge key by key; `remove: true` deletes; criteria lists merge by code
    (a criterion is replaced whole); any other value replaces the old one."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(base)
    for key, value in patch.items():
        here = where / str(key)
        if isinstance(value, dict) and value.get("remove") is True:
            if key not in out:
                raise here.fail(_("there is nothing of that name to remove"))
            del out[key]
        elif key in ("criteria", "principles") and isinstance(value, list):
            out[key] = _merge_criteria(out.get(key, []), value, here)
        elif key in out:
            out[key] = merge(out[key], value, here)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _merge_criteria(base: list[Any], patch: list[Any], where: Where) -> list[Any]:
    out = [copy.deepcopy(item) for item in base]
    for index, item in enumerate(patch):
        codes = [existing.get("code") for existing in out]
        code = item.get("code")
        if item.get("remove") is True:
            if code not in codes:
                raise (where / index).fail(
                    _("there is no criterion %(code)r to remove") % {"code": code}
                )
            del out[codes.index(code)]
        elif code in codes:
            out[codes.index(code)] = copy.deepcopy(item)
        else:
            out.append(copy.deepcopy(item))
    return out


def _apply_remap(doc: dict[str, Any]) -> None:
    remap = {source: item["to"] for source, item in doc.get("authority_remap", {}).items()}
    if not remap:
        return
    for award in doc.get("awards", {}).values():
        authorities: list[str] = []
        for authority in award.get("authority", []):
            target = remap.get(authority, authority)
            if target not in authorities:
                authorities.append(target)
        award["authority"] = authorities


# --- loading -------------------------------------------------------------------------------


def load_rulebook(
    regime_dir: Path | str = REGIME_DIR,
    overrides: Sequence[Path | str] = (),
    messages_file: Path | str = MESSAGES_FILE,
) -> RuleBook:
    regime_dir = Path(regime_dir)
    raw: dict[str, dict[str, Any]] = {}
    labels: dict[str, str] = {}
    sources: dict[str, list[str]] = {}
    paths = sorted(p for p in regime_dir.glob("*.yaml") if p.name != BASE_SALARY_FILE)
    if not paths:
        raise RulesDataError(str(regime_dir), "", _("no regime files found"))
    for path in paths:
        doc = read_yaml(path, path.name)
        where = Where(path.name)
        validate_regime(doc, where, complete=False)
        if doc.get("id") != path.stem:
            raise (where / "id").fail(
                _("the id must be the file name without .yaml (%(stem)s)") % {"stem": path.stem}
            )
        if doc.get("inherits"):
            for key in OWN_KEYS:
                if key not in doc:
                    raise where.fail(_("the key %(key)s is missing") % {"key": key})
        raw[path.stem] = doc
        labels[path.stem] = path.name
        sources[path.stem] = [path.name]

    messages_label = Path(messages_file).name
    messages_doc = read_yaml(messages_file, messages_label)
    for override in overrides:
        label = str(override)
        doc = read_yaml(override, label)
        validate_override(doc, Where(label), set(raw))
        for regime_id, patch in doc.get("regimes", {}).items():
            raw[regime_id] = merge(raw[regime_id], patch, Where(label, f"regimes.{regime_id}"))
            labels[regime_id] += f" (+ {label})"
            sources[regime_id].append(label)
        if "messages" in doc:
            messages_doc = merge(messages_doc, doc["messages"], Where(label, "messages"))
            messages_label += f" (+ {label})"
    messages = validate_messages(messages_doc, messages_label)

    resolved: dict[str, dict[str, Any]] = {}
    for regime_id, doc in raw.items():
        parent = doc.get("inherits")
        if parent:
            if parent not in resolved:
                raise Where(labels[regime_id], "inherits").fail(
                    _("inherits %(parent)r, which is not an earlier regime") % {"parent": parent}
                )
            doc = merge(resolved[parent], doc, Where(labels[regime_id]))
        _apply_remap(doc)
        validate_regime(doc, Where(labels[regime_id]), complete=True)
        resolved[regime_id] = doc

    regimes = sorted(
        (_build_regime(doc, labels[rid], sources[rid]) for rid, doc in resolved.items()),
        key=lambda regime: regime.effective_from,
    )
    _check_sequence(
        [(r.effective_from, r.effective_to, labels[r.id], r.id) for r in regimes], _("regime")
    )
    salaries = _load_base_salaries(regime_dir / BASE_SALARY_FILE)
    return RuleBook(
        regimes=tuple(regimes),
        base_salaries=tuple(salaries),
        messages=messages,
        overrides=tuple(str(o) for o in overrides),
    )


def _check_sequence(items: list[tuple[dt.date, dt.date | None, str, str]], what: str) -> None:
    """Sorted periods must follow each other day by day: no overlap, no gap, one open end."""
    for (start, end, _label, name), (next_start, _end, next_label, next_name) in pairwise(items):
        if end is None or end >= next_start:
            raise RulesDataError(
                next_label,
                "effective_from",
                _("the %(what)s %(next)s overlaps %(name)s (%(start)s – %(end)s)")
                % {
                    "what": what,
                    "next": next_name,
                    "name": name,
                    "start": start.isoformat(),
                    "end": end.isoformat() if end else "…",
                },
            )
        if end + dt.timedelta(days=1) != next_start:
            raise RulesDataError(
                next_label,
                "effective_from",
                _("gap between %(name)s (ends %(end)s) and %(next)s (starts %(start)s)")
                % {
                    "name": name,
                    "end": end.isoformat(),
                    "next": next_name,
                    "start": next_start.isoformat(),
                },
            )


def _load_base_salaries(path: Path) -> list[BaseSalary]:
    doc = read_yaml(path, path.name)
    where = Where(path.name)
    series = validate_base_salary(doc, where)
    entries = []
    for index, item in enumerate(series):
        here = where / "series" / index
        start = to_date(item["from"], here / "from")
        assert start is not None
        entries.append(
            BaseSalary(
                effective_from=start,
                effective_to=to_date(item["to"], here / "to", allow_none=True),
                amount_vnd=item["amount_vnd"],
                citation=_citation(item),
                status=item["status"],
            )
        )
    ordered = sorted(entries, key=lambda entry: entry.effective_from)
    if ordered != entries:
        raise where.fail(_("the base salary periods are not in date order"))
    _check_sequence(
        [
            (e.effective_from, e.effective_to, f"{path.name}", f"series[{i}]")
            for i, e in enumerate(entries)
        ],
        _("base salary period"),
    )
    return entries


# --- building the dataclasses --------------------------------------------------------------


def _citation(item: dict[str, Any], default: str = "") -> str:
    citation = item.get("citation", default)
    return "; ".join(citation) if isinstance(citation, list) else str(citation)


def _build_criterion(item: dict[str, Any], parent: Criterion | None = None) -> Criterion:
    spec = PREDICATES[item["predicate"]]
    params: dict[str, Any] = {}
    for name in (*spec.required, *spec.optional):
        if name in item and name != "criteria":
            value = item[name]
            params[name] = to_decimal(value, Where("", name)) if name == "pct" else value
    children: tuple[Criterion, ...] = ()
    code = item.get("code") or (parent.code if parent else item["predicate"])
    shell = Criterion(
        code=code,
        predicate=item["predicate"],
        params=frozen(params),
        citation=_citation(item, parent.citation if parent else ""),
        status=item.get("status", parent.status if parent else "V"),
        message=item.get("message"),
        subjects=frozenset(item["subjects"]) if "subjects" in item else None,
        effective_from=to_date(item["effective_from"], Where("", code))
        if "effective_from" in item
        else None,
        effective_to=to_date(item["effective_to"], Where("", code))
        if "effective_to" in item
        else None,
        note=item.get("note", ""),
    )
    if item["predicate"] == "any_of":
        children = tuple(_build_criterion(child, shell) for child in item["criteria"])
        return dataclasses.replace(shell, children=children)
    return shell


def _build_award(code: str, item: dict[str, Any]) -> AwardRule:
    coefficient = item["coefficient"]
    quota = item.get("quota")
    return AwardRule(
        code=code,
        type=item["type"],
        name_vi=item.get("name_vi") or award_name(code),
        awarded_to=frozenset(item["awarded_to"]),
        authority=tuple(item["authority"]),
        citation=tuple(item["citation"])
        if isinstance(item["citation"], list)
        else (item["citation"],),
        status=item["status"],
        criteria=tuple(_build_criterion(c) for c in item["criteria"]),
        coefficient=None
        if coefficient is None
        else Coefficient(
            values=frozen(
                {
                    kind: None if value is None else to_decimal(value, Where("", kind))
                    for kind, value in coefficient.items()
                    if kind in item["awarded_to"]
                }
            ),
            citation=_citation(coefficient),
            status=coefficient["status"],
            up_to=coefficient.get("up_to", False),
            note=coefficient.get("note", ""),
        ),
        quota=None
        if quota is None
        else Quota(
            basis=quota["basis"],
            of_title=quota.get("of_title"),
            max_pct=to_decimal(quota["max_pct"], Where("", "max_pct")),
            rounding=quota["rounding"],
            min_limit=quota.get("min_limit", 0),
            citation=_citation(quota),
            status=quota["status"],
            rounding_status=quota.get("rounding_status", quota["status"]),
            note=quota.get("note", ""),
        ),
        frequency=item.get("frequency", ""),
        note=item.get("note", ""),
    )


def _multiplier(item: dict[str, Any] | None) -> Multiplier | None:
    if item is None:
        return None
    value = item.get("value")
    return Multiplier(
        value=None if value is None else to_decimal(value, Where("", "value")),
        citation=_citation(item),
        status=item["status"],
    )


def _build_regime(doc: dict[str, Any], label: str, sources: list[str]) -> Regime:
    where = Where(label)
    money = doc["money"]
    start = to_date(doc["effective_from"], where / "effective_from")
    assert start is not None
    return Regime(
        id=doc["id"],
        name_vi=doc["name_vi"],
        effective_from=start,
        effective_to=to_date(doc["effective_to"], where / "effective_to", allow_none=True),
        status=doc["status"],
        citation=_citation(doc),
        basis=tuple(doc.get("basis", ())),
        district_level=doc.get("district_level", True),
        rounding=MoneyRounding(
            unit=money["rounding"]["unit"],
            mode=money["rounding"]["mode"],
            citation=_citation(money["rounding"]),
            status=money["rounding"]["status"],
        ),
        collective_multiplier=_multiplier(money.get("collective_multiplier")),
        household_multiplier=_multiplier(money.get("household_multiplier")),
        principles=tuple(_build_criterion(c) for c in doc.get("principles", [])),
        awards=frozen({code: _build_award(code, item) for code, item in doc["awards"].items()}),
        votes=frozen(
            {
                award: VoteRule(
                    award=award,
                    threshold_pct=to_decimal(vote["threshold_pct"], where),
                    base=vote["base"],
                    citation=_citation(vote),
                    status=vote["status"],
                    method=vote.get("method", ""),
                    absent_members=vote.get("absent_members", ""),
                    note=vote.get("note", ""),
                )
                for award, vote in doc.get("council", {}).get("votes", {}).items()
            }
        ),
        disclosures=tuple(
            Disclosure(
                name=name,
                awards=frozenset(item["awards"]),
                days=item["days"],
                unit=item["unit"],
                citation=_citation(item),
                status=item["status"],
            )
            for name, item in doc.get("disclosure", {}).items()
        ),
        registration=RegistrationRule(
            required=doc["registration_required"]["value"],
            citation=_citation(doc["registration_required"]),
            status=doc["registration_required"]["status"],
            note=doc["registration_required"].get("note", ""),
        ),
        sources=tuple(sources),
        note=doc.get("note", ""),
    )


# --- the process-wide rule book ------------------------------------------------------------

_CACHE: dict[tuple[str, ...], RuleBook] = {}


def get_rulebook() -> RuleBook:
    """The rule book for the configured overrides, loaded once per process."""
    key = tuple(str(path) for path in getattr(settings, "TDKT_RULES_OVERRIDES", ()))
    book = _CACHE.get(key)
    if book is None:
        book = _CACHE[key] = load_rulebook(overrides=key)
    return book
