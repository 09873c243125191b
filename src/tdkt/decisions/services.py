"""Every change to decisions: drafting, editing a draft, signing (which writes the register),
revoking, and adopting decisions already in the register.

Each function is one transaction that checks the state it starts from, writes, and leaves an
audit entry; a refusal raises `DecisionError` with a message for the user and writes nothing.

Service API (for the nominations and councils apps; see docs/decisions.md):

    from tdkt.decisions.services import LineInput, draft_decision, sign_decision, revoke_awards

    decision = draft_decision(
        issuer=district,                      # the issuing body (a Unit)
        award_code="lao_dong_tien_tien",      # the decision's award (lines may name others)
        year=2017,                            # year of achievement
        decision_date=dt.date(2018, 1, 16),   # chooses the legal regime and base salary
        signer_name="Huỳnh Đức Thịnh",
        signer_title="CHỦ TỊCH",              # or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
        lines=[LineInput(person=p, achievement="Đã hoàn thành tốt nhiệm vụ năm 2017"), ...],
        proposal="Xét đề nghị của Hội đồng Thi đua - Khen thưởng quận tại Tờ trình số …,",
        actor=request.user,
    )                                         # -> Decision (draft); lines numbered 1..n
    decision.lines.all()                      # DecisionLine rows: point a nomination at one
    sign_decision(decision, actor=signer)     # next number of the issuer's year; or number=15
    revoke_awards(awards=[line_or_award, ...], reason="…", decision_date=…, signer_name=…,
                  signer_title=…, actor=…)    # -> a draft revocation; signing it revokes

Lines are sorted and numbered here: grouped by award (higher awards first), individuals
(I. Cá nhân) before collectives (II. Tập thể), each group in Vietnamese name order. Each line
carries its reward money from the rules engine for the regime and base salary in force on the
decision date (coefficient × base salary, rounded as the regime says; the collective multiplier
where the regime gives one).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL
from tdkt.awards.enums import AwardMethod, AwardSource, AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common.audit import record
from tdkt.common.formatting import short_date
from tdkt.common.models import AuditEntry
from tdkt.common.text import clean_text
from tdkt.decisions import documents, signing, wording
from tdkt.decisions.enums import DecisionKind, DecisionStatus
from tdkt.decisions.models import (
    Decision,
    DecisionLine,
    FrozenError,
    NumberCounter,
    SignedPdf,
)
from tdkt.decisions.permissions import can_sign
from tdkt.documents.bodies import place_name
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod
from tdkt.rules.loader import get_rulebook
from tdkt.rules.money import reward_amount
from tdkt.rules.regime import NoRegimeError

logger = logging.getLogger(__name__)
NUMBERING_ATTEMPTS = 8
SYMBOL = re.compile(r"^[A-ZĐ]+(-[A-ZĐ0-9]+)*$")
DECISION_NUMBER = re.compile(r"^(\d{1,5})/([A-ZĐ]+(?:-[A-ZĐ0-9]+)*)$")


class DecisionError(Exception):
    """A change that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class LineInput:
    """One recipient of a draft decision: a person or a unit. Empty texts are filled from the
    records: the award from the decision, position and unit from the person's service on the
    decision date, a collective's parent body as its unit."""

    person: Person | None = None
    unit: Unit | None = None
    award_code: str = ""
    achievement: str = ""
    position_text: str = ""
    unit_text: str = ""


@dataclass(frozen=True)
class Money:
    regime: str
    base_salary_vnd: int
    coefficient: Decimal | None
    amount_vnd: int | None


# -- money ---------------------------------------------------------------------------------


def line_money(award_code: str, collective: bool, on: dt.date) -> Money:
    """The reward of one line under the regime and base salary in force on `on`."""
    book = get_rulebook()
    try:
        regime = book.regime_for(on)
        base = book.base_salary_on(on).amount_vnd
    except NoRegimeError as exc:
        raise DecisionError(
            _("No legal regime or base salary is known for %(date)s; nothing was saved.")
            % {"date": short_date(on)}
        ) from exc
    coefficient, _item = regime.coefficient_for(
        award_code, COLLECTIVE if collective else INDIVIDUAL
    )
    if coefficient is None:
        return Money(regime.id, base, None, None)
    amount = reward_amount(coefficient, base, regime.rounding.unit, regime.rounding.mode)
    return Money(regime.id, base, coefficient, amount)


def _apply_money(decision: Decision, lines: Sequence[DecisionLine]) -> None:
    cache: dict[tuple[str, bool], Money] = {}
    regime = line_money("", False, decision.decision_date)
    decision.regime = regime.regime
    decision.base_salary_vnd = regime.base_salary_vnd
    for line in lines:
        key = (line.award_code, line.unit_id is not None)
        if key not in cache:
            cache[key] = line_money(key[0], key[1], decision.decision_date)
        money = cache[key]
        line.coefficient = money.coefficient
        line.amount_vnd = money.amount_vnd


# -- drafting ------------------------------------------------------------------------------


def _frozen(decision: Decision) -> DecisionError:
    return DecisionError(
        _(
            "Decision %(number)s has been signed and can no longer be changed; nothing was"
            " saved. A signed decision is corrected by a new decision (a revocation)."
        )
        % {"number": decision.number_text}
    )


def _check_signer(signer_name: str, signer_title: str) -> tuple[str, str]:
    name, title = clean_text(signer_name), clean_text(signer_title)
    if not name or not title:
        raise DecisionError(
            _("The signer's name and authority line are both required; nothing was saved.")
        )
    return name, title


def _check_symbol(symbol: str) -> str:
    text = clean_text(symbol).upper().replace(" ", "")
    if not SYMBOL.match(text):
        raise DecisionError(
            _("“%(symbol)s” is not a document symbol such as QĐ-UBND; nothing was saved.")
            % {"symbol": symbol}
        )
    return text


def _person_sort(line: DecisionLine) -> tuple[Any, ...]:
    person = line.person
    assert person is not None
    return (person.sort_key, person.birth_date or dt.date.max, person.pk)


def _unit_sort(line: DecisionLine) -> tuple[Any, ...]:
    unit = line.unit
    assert unit is not None
    return (unit.sort_key, unit.pk)


def _award_rank(code: str) -> tuple[int, str]:
    kind = AWARD_KINDS.get(code)
    return (kind.rank if kind else 999, code)


def order_lines(lines: Sequence[DecisionLine]) -> list[DecisionLine]:
    """Awards by rank (higher first); in each, individuals then collectives; each group in
    Vietnamese name order (Person.sort_key, Unit.sort_key). Numbers them 1..n."""
    ordered: list[DecisionLine] = []
    for code in sorted({line.award_code for line in lines}, key=_award_rank):
        of_award = [line for line in lines if line.award_code == code]
        ordered += sorted((ln for ln in of_award if ln.person_id is not None), key=_person_sort)
        ordered += sorted((ln for ln in of_award if ln.unit_id is not None), key=_unit_sort)
    for number, line in enumerate(ordered, start=1):
        line.number = number
    return ordered


def _build_lines(
    inputs: Sequence[LineInput], award_code: str, year: int, day: dt.date
) -> list[DecisionLine]:
    if not inputs:
        raise DecisionError(_("A decision needs at least one recipient; nothing was saved."))
    seen: set[tuple[str, int, str]] = set()
    built = []
    periods = _periods_by_person(
        [item.person.pk for item in inputs if item.person is not None],
        dt.date(year, 12, 31) if year else day,
    )
    for index, item in enumerate(inputs, start=1):
        code = clean_text(item.award_code) or award_code
        kind = AWARD_KINDS.get(code)
        if kind is None:
            raise DecisionError(
                _("Line %(line)s: “%(code)s” is not an award in the catalogue; nothing was saved.")
                % {"line": index, "code": code}
            )
        if (item.person is None) == (item.unit is None):
            raise DecisionError(
                _("Line %(line)s: name one person or one unit, not both and not neither.")
                % {"line": index}
            )
        collective = item.unit is not None
        if (COLLECTIVE if collective else INDIVIDUAL) not in kind.recipients:
            message = (
                _("Line %(line)s: “%(award)s” is not given to collectives; nothing was saved.")
                if collective
                else _("Line %(line)s: “%(award)s” is not given to individuals; nothing was saved.")
            )
            raise DecisionError(message % {"line": index, "award": kind.name_vi})
        recipient: Person | Unit = item.unit if item.unit is not None else item.person  # type: ignore[assignment]
        key = ("u" if collective else "p", recipient.pk, code)
        if key in seen:
            raise DecisionError(
                _("Line %(line)s: %(name)s is already in the list for “%(award)s”.")
                % {"line": index, "name": str(recipient), "award": kind.name_vi}
            )
        seen.add(key)
        line = DecisionLine(award_code=code, achievement=item.achievement)
        if item.person is not None:
            person = item.person
            period = periods.get(person.pk)
            line.person = person
            line.recipient_name = person.full_name
            line.salutation = person.salutation
            line.position_text = item.position_text or (period.position if period else "")
            line.unit_text = item.unit_text or (period.unit.name if period else "")
            line.unit_at_award = period.unit if period else None
        else:
            unit = item.unit
            assert unit is not None
            line.unit = unit
            line.recipient_name = unit.name
            parent = unit.parent
            line.unit_text = item.unit_text or (parent.name if parent else "")
            line.position_text = item.position_text
            line.unit_at_award = unit
        line.normalise()
        built.append(line)
    return built


def draft_decision(
    *,
    issuer: Unit,
    year: int,
    decision_date: dt.date,
    signer_name: str,
    signer_title: str,
    lines: Sequence[LineInput],
    actor: Any,
    award_code: str = "",
    summary: str = "",
    proposal: str = "",
    extra_bases: str = "",
    method: str = AwardMethod.REGULAR,
    issuer_name: str = "",
    symbol: str = "QĐ-UBND",
) -> Decision:
    """A draft award decision with its attached list, sorted, numbered and priced."""
    name, title = _check_signer(signer_name, signer_title)
    symbol = _check_symbol(symbol)
    award_code = clean_text(award_code)
    if award_code and award_code not in AWARD_KINDS:
        raise DecisionError(
            _("“%(code)s” is not an award in the catalogue; nothing was saved.")
            % {"code": award_code}
        )
    if method not in AwardMethod.values:
        raise DecisionError(_("Unknown method of commendation; nothing was saved."))
    built = order_lines(_build_lines(lines, award_code, year, decision_date))
    codes = list(dict.fromkeys(line.award_code for line in built))
    issuer_name = clean_text(issuer_name) or wording.default_issuer_name(issuer)
    decision = Decision(
        kind=DecisionKind.AWARD,
        issuer=issuer,
        issuer_name=issuer_name,
        symbol=symbol,
        decision_date=decision_date,
        achievement_year=year,
        award_code=codes[0] if len(codes) == 1 else "",
        method=method,
        summary=clean_text(summary) or wording.award_summary(codes, year, issuer_name),
        proposal=proposal,
        extra_bases=extra_bases,
        signer_name=name,
        signer_title=title,
        drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _apply_money(decision, built)
    with transaction.atomic():
        decision.save()
        for line in built:
            line.decision = decision
        DecisionLine.objects.bulk_create(built, batch_size=500)
        record(
            decision,
            "decisions.decision.drafted",
            actor=actor,
            data={"lines": len(built), "awards": codes, "year": year},
        )
    return decision


EDITABLE = ("decision_date", "signer_name", "signer_title", "summary", "proposal", "extra_bases")


def update_draft(decision: Decision, *, actor: Any, **changes: Any) -> Decision:
    """Change a draft's date, signer, summary, proposal line or further bases. A new date
    re-prices every line (the regime and base salary follow the date)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.is_signed:
            raise _frozen(locked)
        if "signer_name" in changes or "signer_title" in changes:
            _check_signer(
                changes.get("signer_name", locked.signer_name),
                changes.get("signer_title", locked.signer_title),
            )
        before = {name: str(getattr(locked, name)) for name in changes}
        for name, value in changes.items():
            setattr(locked, name, value)
        if "decision_date" in changes:
            lines = list(locked.lines.all())
            _apply_money(locked, lines if locked.kind == DecisionKind.AWARD else [])
            DecisionLine.objects.bulk_update(lines, ["coefficient", "amount_vnd"], batch_size=500)
        locked.save()
        record(
            locked,
            "decisions.decision.changed",
            actor=actor,
            data={"before": before, "after": {k: str(getattr(locked, k)) for k in changes}},
        )
    return locked


def delete_draft(decision: Decision, *, actor: Any) -> None:
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.is_signed:
            raise _frozen(locked)
        record(locked, "decisions.decision.deleted", actor=actor, data={"summary": locked.summary})
        locked.delete()


# -- numbering -----------------------------------------------------------------------------


def _number_forms(number: int, symbol: str) -> list[str]:
    return list(dict.fromkeys([f"{number:02d}/{symbol}", f"{number}/{symbol}"]))


def number_taken(issuer: Unit, year: int, number: int, symbol: str, issuer_name: str) -> bool:
    """Whether the issuer already gave `number` in `year`: to a decision in tdkt, or to one
    written into the register from outside (entered by hand or imported)."""
    if Decision.objects.filter(issuer=issuer, number_year=year, number=number).exists():
        return True
    return AwardRecord.objects.filter(
        decision_number__in=_number_forms(number, symbol),
        decision_date__year=year,
        issuer=issuer_name,
        decision_line__isnull=True,
    ).exists()


class _CounterMovedError(Exception):
    """Another transaction moved the counter between our read and our write: try again."""


def _locked_counter(issuer: Unit, year: int) -> NumberCounter:
    counter, _created = NumberCounter.objects.select_for_update().get_or_create(
        issuer=issuer, year=year
    )
    return counter


def _advance(counter: NumberCounter, to: int) -> None:
    """Compare-and-swap: move the counter only if nobody moved it since we read it."""
    if to <= counter.last_number:
        return
    moved = NumberCounter.objects.filter(pk=counter.pk, last_number=counter.last_number).update(
        last_number=to
    )
    if moved != 1:
        raise _CounterMovedError
    counter.last_number = to


def allocate_number(
    issuer: Unit, year: int, symbol: str, issuer_name: str, requested: int | None = None
) -> int:
    """The issuer's next free number of `year`, or `requested` if it is free. Call inside a
    transaction: the counter row stays locked until it commits, and the unique constraint on
    (issuer, year, number) catches whatever a lock could not (SQLite has no row locks; its
    writers queue for the database instead)."""
    counter = _locked_counter(issuer, year)
    if requested is not None:
        if requested < 1:
            raise DecisionError(
                _("A decision number is a whole number from 1; nothing was changed.")
            )
        if number_taken(issuer, year, requested, symbol, issuer_name):
            raise _number_used(requested, symbol, issuer, year)
        _advance(counter, requested)
        return requested
    candidate = counter.last_number + 1
    while number_taken(issuer, year, candidate, symbol, issuer_name):
        candidate += 1
    _advance(counter, candidate)
    return candidate


def _number_used(number: int, symbol: str, issuer: Unit, year: int) -> DecisionError:
    return DecisionError(
        _(
            "Number %(number)s has already been given to another decision of %(issuer)s in"
            " %(year)s; nothing was changed. Leave the number empty to take the next free one."
        )
        % {"number": f"{number:02d}/{symbol}", "issuer": issuer.name, "year": year}
    )


# -- signing -------------------------------------------------------------------------------


def new_token() -> str:
    return secrets.token_urlsafe(12)


def sign_decision(
    decision: Decision,
    *,
    actor: Any,
    number: int | None = None,
    decision_date: dt.date | None = None,
) -> Decision:
    """Sign a draft: give it its number, freeze it, and write the register in the same
    transaction (an award decision adds one AwardRecord per line, numbered as the line; a
    revocation marks the awards it names revoked).

    `number` is taken as given when free (a decision numbered outside tdkt), otherwise the
    issuer's next number of the year. Two signings at the same moment never share a number.
    """
    if not can_sign(actor, decision.issuer):
        raise DecisionError(
            _("Only a signer of %(issuer)s may sign this decision; nothing was changed.")
            % {"issuer": decision.issuer.name}
        )
    for attempt in range(NUMBERING_ATTEMPTS):
        try:
            with transaction.atomic():
                return _sign(decision.pk, actor=actor, number=number, day=decision_date)
        except _CounterMovedError:
            continue
        except IntegrityError as exc:
            if number is not None:
                fresh = Decision.objects.select_related("issuer").get(pk=decision.pk)
                year = (decision_date or fresh.decision_date).year
                raise _number_used(number, fresh.symbol, fresh.issuer, year) from exc
            if attempt == NUMBERING_ATTEMPTS - 1:
                raise DecisionError(
                    _("The decision could not be given a number; nothing was changed. Try again.")
                ) from exc
    raise DecisionError(
        _("The decision could not be given a number; nothing was changed. Try again.")
    )


def _sign(pk: int, *, actor: Any, number: int | None, day: dt.date | None) -> Decision:
    decision = Decision.objects.select_for_update().select_related("issuer").get(pk=pk)
    if decision.is_signed:
        raise _frozen(decision)
    lines = list(
        decision.lines.select_related("person", "unit", "revoked_award").order_by("number")
    )
    if not lines:
        raise DecisionError(_("A decision needs at least one recipient; nothing was saved."))
    if day is not None and day != decision.decision_date:
        decision.decision_date = day
        if decision.kind == DecisionKind.AWARD:
            _apply_money(decision, lines)
    year = decision.decision_date.year
    decision.number = allocate_number(
        decision.issuer, year, decision.symbol, decision.issuer_name, number
    )
    decision.number_year = year
    if decision.kind == DecisionKind.AWARD:
        _grant(decision, lines, actor)
    else:
        _revoke(decision, lines, actor)
    decision.status = DecisionStatus.SIGNED
    decision.signed_by = actor if getattr(actor, "is_authenticated", False) else None
    decision.signed_at = timezone.now()
    decision.save()  # the last write: from here on the row and its lines are frozen
    record(
        decision,
        "decisions.decision.signed",
        actor=actor,
        data={
            "number": decision.number_text,
            "date": decision.decision_date.isoformat(),
            "lines": len(lines),
            "kind": decision.kind,
        },
    )
    return decision


def _already_held(decision: Decision, lines: list[DecisionLine]) -> None:
    """Refuse a title the recipient already holds for the year (a title is given once a year;
    Law 2022 Đ.5 k.2), and any award already in the register under this very number."""
    year = decision.achievement_year or decision.decision_date.year
    codes = {line.award_code for line in lines}
    titles = {code for code in codes if AWARD_KINDS[code].is_title}
    people = [line.person_id for line in lines if line.person_id]
    units = [line.unit_id for line in lines if line.unit_id]
    clashes = (
        AwardRecord.objects.filter(year=year, award_code__in=codes)
        .filter(Q(person_id__in=people) | Q(unit_id__in=units))
        .filter(
            Q(award_code__in=titles, status=AwardStatus.GRANTED)
            | Q(decision_number=decision.number_text)
        )
    )
    held = {
        (a.person_id, a.unit_id, a.award_code): a for a in clashes.order_by("decision_date", "id")
    }
    for line in lines:
        award = held.get((line.person_id, line.unit_id, line.award_code))
        if award is not None:
            raise DecisionError(
                _(
                    "Line %(line)s: %(name)s already holds “%(award)s” %(year)s (decision"
                    " %(number)s); nothing was changed."
                )
                % {
                    "line": line.number,
                    "name": line.recipient_name,
                    "award": line.award_name,
                    "year": year,
                    "number": award.decision_number,
                }
            )


def _grant(decision: Decision, lines: list[DecisionLine], actor: Any) -> None:
    _already_held(decision, lines)
    number_text = decision.number_text
    records = [
        AwardRecord(
            person=line.person,
            unit=line.unit,
            award_code=line.award_code,
            year=decision.achievement_year or decision.decision_date.year,
            method=decision.method,
            decision_number=number_text,
            decision_date=decision.decision_date,
            issuer=decision.issuer_name,
            register_number=line.number,
            achievement=line.achievement,
            amount_vnd=line.amount_vnd,
            unit_at_award=line.unit_at_award,
            source=AwardSource.DECISION,
        )
        for line in lines
    ]
    AwardRecord.objects.bulk_create(records, batch_size=500)
    for line, award in zip(lines, records, strict=True):
        line.award_record = award
        line.token = new_token()
    DecisionLine.objects.bulk_update(
        lines, ["award_record", "token", "coefficient", "amount_vnd"], batch_size=500
    )
    _audit_awards(records, "awards.awardrecord.granted", actor, {"decision": number_text}, decision)


def _revoke(decision: Decision, lines: list[DecisionLine], actor: Any) -> None:
    ids = [line.revoked_award_id for line in lines]
    awards = {a.pk: a for a in AwardRecord.objects.select_for_update().filter(pk__in=ids)}
    for line in lines:
        award = awards[line.revoked_award_id]  # type: ignore[index]
        if award.status != AwardStatus.GRANTED:
            raise _not_granted(award)
    AwardRecord.objects.filter(pk__in=ids).update(
        status=AwardStatus.REVOKED,
        revoked_by_number=decision.number_text,
        revoked_on=decision.decision_date,
        revocation_reason=decision.reason[:300],
    )
    _audit_awards(
        list(awards.values()),
        "awards.awardrecord.revoked",
        actor,
        {"decision": decision.number_text, "reason": decision.reason},
        decision,
    )


def _audit_awards(
    awards: list[AwardRecord], action: str, actor: Any, data: dict[str, Any], decision: Decision
) -> None:
    """One audit entry per register row, written in one statement (a decision may have
    a thousand lines)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                actor=user,
                action=action,
                object_type=AwardRecord._meta.label_lower,
                object_id=str(award.pk),
                object_repr=str(award)[:300],
                data={**data, "decision_id": decision.pk},
            )
            for award in awards
        ],
        batch_size=500,
    )


# -- revocation ----------------------------------------------------------------------------


def _not_granted(award: AwardRecord) -> DecisionError:
    recipient = award.recipient
    if award.status == AwardStatus.REVOKED:
        return DecisionError(
            _(
                "%(name)s: “%(award)s” %(year)s has already been revoked by decision"
                " %(number)s; nothing was changed."
            )
            % {
                "name": str(recipient),
                "award": award.award_name,
                "year": award.year,
                "number": award.revoked_by_number,
            }
        )
    return DecisionError(
        _("%(name)s: “%(award)s” %(year)s is not a granted award; nothing was changed.")
        % {"name": str(recipient), "award": award.award_name, "year": award.year}
    )


def _award_of(item: AwardRecord | DecisionLine) -> AwardRecord:
    if isinstance(item, AwardRecord):
        return item
    if item.award_record_id is None:
        raise DecisionError(
            _(
                "Line %(line)s (%(name)s) has not been granted: its decision is not signed, or"
                " it is itself a revocation; nothing was changed."
            )
            % {"line": item.number, "name": item.recipient_name}
        )
    return item.award_record  # type: ignore[return-value]


def revoke_awards(
    *,
    awards: Sequence[AwardRecord | DecisionLine],
    reason: str,
    decision_date: dt.date,
    signer_name: str,
    signer_title: str,
    actor: Any,
    issuer: Unit | None = None,
    issuer_name: str = "",
    symbol: str = "QĐ-UBND",
) -> Decision:
    """A draft revocation decision naming `awards` (register rows, or lines of signed award
    decisions) and the reason. Signing it (sign_decision) marks the awards revoked.

    By default the issuer is the body whose decision granted the first award."""
    name, title = _check_signer(signer_name, signer_title)
    symbol = _check_symbol(symbol)
    reason = clean_text(reason)
    if not reason:
        raise DecisionError(_("A revocation must give its reason; nothing was saved."))
    if not awards:
        raise DecisionError(_("Choose at least one award to revoke; nothing was saved."))
    records = [_award_of(item) for item in awards]
    fresh = {
        a.pk: a
        for a in AwardRecord.objects.filter(pk__in=[r.pk for r in records]).select_related(
            "person", "unit", "unit_at_award", "decision_line__decision__issuer"
        )
    }
    if len(fresh) != len(records):
        raise DecisionError(_("The same award is named twice; nothing was saved."))
    granting = None
    lines = []
    for index, original in enumerate(records, start=1):
        award = fresh[original.pk]
        if award.status != AwardStatus.GRANTED:
            raise _not_granted(award)
        source_line = getattr(award, "decision_line", None)
        if granting is None and source_line is not None:
            granting = source_line.decision
        line = DecisionLine(
            number=index,
            person=award.person,
            unit=award.unit,
            award_code=award.award_code,
            recipient_name=str(award.recipient),
            salutation=award.person.salutation if award.person is not None else "",
            position_text=source_line.position_text if source_line else "",
            unit_text=(
                source_line.unit_text
                if source_line
                else (award.unit_at_award.name if award.unit_at_award else "")
            ),
            unit_at_award=award.unit_at_award,
            achievement=award.achievement,
            revoked_award=award,
        )
        line.normalise()
        lines.append(line)
    if issuer is None:
        if granting is None:
            raise DecisionError(_("Say which body issues the revocation; nothing was saved."))
        issuer = granting.issuer
        issuer_name = issuer_name or granting.issuer_name
    issuer_name = clean_text(issuer_name) or wording.default_issuer_name(issuer)
    sources = [
        (fresh[r.pk].decision_number, short_date(fresh[r.pk].decision_date)) for r in records
    ]
    book_regime = line_money("", False, decision_date)
    decision = Decision(
        kind=DecisionKind.REVOCATION,
        issuer=issuer,
        issuer_name=issuer_name,
        symbol=symbol,
        decision_date=decision_date,
        summary=wording.revocation_summary(sources),
        reason=reason,
        signer_name=name,
        signer_title=title,
        regime=book_regime.regime,
        base_salary_vnd=book_regime.base_salary_vnd,
        drafted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    with transaction.atomic():
        decision.save()
        for line in lines:
            line.decision = decision
        DecisionLine.objects.bulk_create(lines)
        record(
            decision,
            "decisions.decision.drafted",
            actor=actor,
            data={"kind": DecisionKind.REVOCATION, "awards": [r.pk for r in records]},
        )
    return decision


# -- the issued (digitally signed) PDF ----------------------------------------------------------


def signature_reason(decision: Decision) -> str:
    """The signature's reason field, in the document's language."""
    return f"Ký ban hành Quyết định số {decision.number_text}"


def issued_pdf(decision: Decision, *, actor: Any) -> bytes:
    """The decision's PDF as people download it.

    A draft, or any decision while signing is off (TDKT_SIGNING_P12 empty) and none was stored,
    is converted afresh each time. A signed decision with signing on is converted and signed
    once, at its first download, and that file is stored with its SHA-256 and served ever
    after, so the verification page checks the very file people hold. Raises DecisionError
    (the signing certificate cannot be used, the stored file is gone) and
    documents.pdf.ConversionError (no LibreOffice)."""
    if not decision.is_signed:
        return documents.decision_pdf(decision)
    stored = SignedPdf.objects.filter(decision=decision).first()
    if stored is not None:
        return _stored_bytes(stored)
    try:
        who = signing.identity()
    except signing.SigningConfigError as exc:
        logger.error("Decision PDF not signed: %s", exc)
        raise DecisionError(
            _(
                "The PDF could not be signed: the signing certificate set up on the server"
                " cannot be used. Ask the administrator (the reason is in the server log)."
            )
        ) from exc
    if who is None:
        return documents.decision_pdf(decision)
    data = signing.sign_pdf(
        documents.decision_pdf(decision),
        who,
        reason=signature_reason(decision),
        location=place_name(decision.issuer),
        name=decision.signer_name,
    )
    return _store_signed(decision, data, who, actor)


def _stored_bytes(stored: SignedPdf) -> bytes:
    try:
        with stored.file.open("rb") as handle:
            return bytes(handle.read())
    except (OSError, ValueError) as exc:  # gone, or unreadable (permissions, a bad disk)
        logger.error("Signed PDF of decision %s cannot be read: %s", stored.decision_id, exc)
        raise DecisionError(
            _(
                "The signed PDF of this decision is missing from the server's files or cannot"
                " be read; it is not made again, since it would no longer be the file that was"
                " issued. Ask the administrator to restore it from the backup."
            )
        ) from exc


def _store_signed(decision: Decision, data: bytes, who: signing.Identity, actor: Any) -> bytes:
    check = signing.check_pdf(data)
    if not check.good or check.certificate is None or check.signed_at is None:
        raise DecisionError(_("The PDF could not be signed; nothing was saved. Try again."))
    digest = signing.sha256(data)
    row = SignedPdf(
        decision=decision,
        sha256=digest,
        size=len(data),
        signer_common_name=check.certificate.common_name[:255],
        certificate_fingerprint=check.certificate.fingerprint,
        certificate_not_before=check.certificate.not_before,
        certificate_not_after=check.certificate.not_after,
        signed_at=check.signed_at,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # The file is written before the row; LibreOffice ran outside any transaction, so two
    # first downloads at once may both get here, and the second one keeps the first one's file.
    row.file.save(f"{decision.pk}-{digest[:16]}.pdf", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            row.save()
            record(
                decision,
                "decisions.decision.pdf_signed",
                actor=actor,
                data={
                    "sha256": digest,
                    "certificate": who.certificate.fingerprint,
                    "signer": who.certificate.common_name,
                },
            )
    except IntegrityError:
        row.file.delete(save=False)
        winner = SignedPdf.objects.get(decision=decision)
        return _stored_bytes(winner)
    except BaseException:
        row.file.delete(save=False)  # no row points at it: never leave the file behind
        raise
    return data


# -- decisions already in the register -----------------------------------------------------


def parse_number(text: str) -> tuple[int, str]:
    """ "16/QĐ-UBND" -> (16, "QĐ-UBND")."""
    match = DECISION_NUMBER.match(clean_text(text).upper().replace(" ", ""))
    if match is None:
        raise DecisionError(
            _("“%(number)s” is not a decision number such as 15/QĐ-UBND; nothing was saved.")
            % {"number": text}
        )
    return int(match.group(1)), match.group(2)


def _adopt(
    decision: Decision, lines: list[DecisionLine], counter_year: int, actor: Any
) -> Decision:
    """Store a decision signed outside tdkt, its lines already pointing at the register."""
    assert decision.number is not None
    with transaction.atomic():
        counter = _locked_counter(decision.issuer, counter_year)
        if Decision.objects.filter(
            issuer=decision.issuer, number_year=counter_year, number=decision.number
        ).exists():
            raise _number_used(decision.number, decision.symbol, decision.issuer, counter_year)
        if decision.number > counter.last_number:
            NumberCounter.objects.filter(pk=counter.pk).update(last_number=decision.number)
        decision.save()
        for line in lines:
            line.decision = decision
        DecisionLine.objects.bulk_create(lines, batch_size=500)
        record(
            decision,
            "decisions.decision.adopted",
            actor=actor,
            data={"number": decision.number_text, "lines": len(lines)},
        )
    return decision


def decision_from_register(
    *,
    issuer: Unit,
    decision_number: str,
    decision_date: dt.date,
    signer_name: str,
    signer_title: str,
    actor: Any,
    issuer_name: str = "",
) -> Decision:
    """A signed decision rebuilt from the register rows that name it (issuer, number, date),
    each row a line numbered by its register number; its certificates can then be printed and
    verified like those of a decision signed in tdkt."""
    number, symbol = parse_number(decision_number)
    issuer_name = clean_text(issuer_name) or wording.default_issuer_name(issuer)
    awards = list(
        AwardRecord.objects.filter(
            issuer=issuer_name,
            decision_number=clean_text(decision_number).upper().replace(" ", ""),
            decision_date=decision_date,
            decision_line__isnull=True,
        )
        .select_related("person", "unit", "unit__parent", "unit_at_award")
        .order_by("register_number", "id")
    )
    if not awards:
        raise DecisionError(
            _("The register holds no award of decision %(number)s; nothing was saved.")
            % {"number": decision_number}
        )
    name, title = _check_signer(signer_name, signer_title)
    codes = list(
        dict.fromkeys(a.award_code for a in sorted(awards, key=lambda a: _award_rank(a.award_code)))
    )
    years = {a.year for a in awards}
    year = years.pop() if len(years) == 1 else None
    registered = [a.register_number for a in awards]
    numbers: list[int] = [n for n in registered if n is not None]
    if len(numbers) != len(awards) or len(set(numbers)) != len(numbers):
        numbers = list(range(1, len(awards) + 1))
    periods = _periods_by_person([a.person_id for a in awards if a.person_id], decision_date)
    lines = []
    for award, line_number in zip(awards, numbers, strict=True):
        line = DecisionLine(
            number=line_number,
            person=award.person,
            unit=award.unit,
            award_code=award.award_code,
            achievement=award.achievement,
            amount_vnd=award.amount_vnd,
            unit_at_award=award.unit_at_award,
            award_record=award,
            token=new_token(),
        )
        if award.person is not None:
            period = periods.get(award.person.pk)
            line.recipient_name = award.person.full_name
            line.salutation = award.person.salutation
            line.position_text = period.position if period else ""
            line.unit_text = award.unit_at_award.name if award.unit_at_award else ""
        else:
            unit = award.unit
            assert unit is not None
            line.recipient_name = unit.name
            line.unit_text = unit.parent.name if unit.parent else ""
        money = line_money(award.award_code, award.unit_id is not None, decision_date)
        if money.amount_vnd is not None and money.amount_vnd == award.amount_vnd:
            line.coefficient = money.coefficient
        line.normalise()
        lines.append(line)
    regime = line_money("", False, decision_date)
    decision = Decision(
        kind=DecisionKind.AWARD,
        status=DecisionStatus.SIGNED,
        issuer=issuer,
        issuer_name=issuer_name,
        symbol=symbol,
        number=number,
        number_year=decision_date.year,
        decision_date=decision_date,
        achievement_year=year,
        award_code=codes[0] if len(codes) == 1 else "",
        method=awards[0].method,
        summary=wording.award_summary(codes, year, issuer_name),
        signer_name=name,
        signer_title=title,
        regime=regime.regime,
        base_salary_vnd=regime.base_salary_vnd,
        signed_at=timezone.now(),
    )
    return _adopt(decision, lines, decision_date.year, actor)


def revocation_from_register(
    *,
    issuer: Unit,
    decision_number: str,
    signer_name: str,
    signer_title: str,
    actor: Any,
    issuer_name: str = "",
) -> Decision:
    """The signed revocation decision behind register rows marked revoked by
    `decision_number` (their revoked_on is its date, their reason its reason)."""
    number, symbol = parse_number(decision_number)
    issuer_name = clean_text(issuer_name) or wording.default_issuer_name(issuer)
    awards = list(
        AwardRecord.objects.filter(
            issuer=issuer_name,
            status=AwardStatus.REVOKED,
            revoked_by_number=clean_text(decision_number).upper().replace(" ", ""),
        )
        .select_related("person", "unit", "unit_at_award", "decision_line")
        .order_by("unit__sort_key", "person__sort_key", "id")
    )
    if not awards:
        raise DecisionError(
            _("The register holds no award revoked by decision %(number)s; nothing was saved.")
            % {"number": decision_number}
        )
    days = {a.revoked_on for a in awards}
    reasons = list(dict.fromkeys(a.revocation_reason for a in awards if a.revocation_reason))
    if len(days) != 1:
        raise DecisionError(
            _("The awards revoked by decision %(number)s carry different dates; nothing was saved.")
            % {"number": decision_number}
        )
    day = days.pop()
    assert day is not None
    name, title = _check_signer(signer_name, signer_title)
    lines = []
    for index, award in enumerate(awards, start=1):
        source = getattr(award, "decision_line", None)
        line = DecisionLine(
            number=index,
            person=award.person,
            unit=award.unit,
            award_code=award.award_code,
            recipient_name=str(award.recipient),
            salutation=award.person.salutation if award.person is not None else "",
            position_text=source.position_text if source else "",
            unit_text=source.unit_text if source else "",
            unit_at_award=award.unit_at_award,
            achievement=award.achievement,
            revoked_award=award,
        )
        line.normalise()
        lines.append(line)
    sources = [(a.decision_number, short_date(a.decision_date)) for a in awards]
    regime = line_money("", False, day)
    decision = Decision(
        kind=DecisionKind.REVOCATION,
        status=DecisionStatus.SIGNED,
        issuer=issuer,
        issuer_name=issuer_name,
        symbol=symbol,
        number=number,
        number_year=day.year,
        decision_date=day,
        summary=wording.revocation_summary(sources),
        reason=" ".join(reasons),
        signer_name=name,
        signer_title=title,
        regime=regime.regime,
        base_salary_vnd=regime.base_salary_vnd,
        signed_at=timezone.now(),
    )
    return _adopt(decision, lines, day.year, actor)


def _periods_by_person(person_ids: list[int], day: dt.date) -> dict[int, ServicePeriod]:
    """Each person's service on `day` (or the latest one before it), in one query."""
    found: dict[int, ServicePeriod] = {}
    periods = (
        ServicePeriod.objects.filter(person_id__in=person_ids)
        .select_related("unit")
        .order_by("person_id", "-start_on", "-id")
    )
    for period in periods:
        current = found.get(period.person_id)
        if current is None or _fits(period, day) > _fits(current, day):
            found[period.person_id] = period
    return found


def _fits(period: ServicePeriod, day: dt.date) -> int:
    """2: covers the day; 1: began before it; 0: began after it."""
    if period.start_on > day:
        return 0
    return 2 if period.end_on is None or period.end_on >= day else 1


__all__ = [
    "DecisionError",
    "FrozenError",
    "LineInput",
    "Money",
    "allocate_number",
    "decision_from_register",
    "delete_draft",
    "draft_decision",
    "line_money",
    "order_lines",
    "revocation_from_register",
    "revoke_awards",
    "sign_decision",
    "update_draft",
]
