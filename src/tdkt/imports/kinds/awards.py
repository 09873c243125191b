"""Awards granted before tdkt, into the award register.

The recipient is a stored person (citizen ID, or name and date of birth) or, when no person is
given, the unit. The award must be one the catalogue gives to that kind of recipient. An award
already in the register (same recipient, award, year and decision number) is updated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tdkt.awards.catalogue import AWARD_KINDS, COLLECTIVE, INDIVIDUAL, AwardKind
from tdkt.awards.enums import AwardMethod, AwardSource, AwardStatus
from tdkt.awards.models import AwardRecord
from tdkt.common import clock
from tdkt.common.text import clean_text
from tdkt.imports import writer
from tdkt.imports.auditing import ImportTrail
from tdkt.imports.columns import AWARDS
from tdkt.imports.kinds.base import Importer, identify, person_keys, resolve_unit
from tdkt.imports.lookups import PersonIndex, ServiceIndex, UnitIndex, chunks
from tdkt.imports.reading import Table
from tdkt.imports.rows import ParsedTable, duplicate_of

AWARD_FIELDS = (
    "id", "person_id", "unit_id", "award_code", "year", "method", "decision_number",
    "decision_date", "issuer", "register_number", "achievement", "unit_at_award_id", "status",
    "revoked_by_number", "revoked_on", "revocation_reason", "source", "created_at",
)  # fmt: skip
AWARD_UPDATE_FIELDS = (
    "decision_date", "issuer", "register_number", "achievement", "unit_at_award_id", "status",
    "revoked_by_number", "revoked_on", "revocation_reason",
)  # fmt: skip
AWARD_AUDIT_FIELDS = (
    "person_id", "unit_id", "award_code", "year", "decision_number", *AWARD_UPDATE_FIELDS,
)  # fmt: skip
AwardKey = tuple[int | None, int | None, str, int, str]


def decision_number(text: str) -> str:
    """As AwardRecord.save() stores it: "123/qđ-ubnd " -> "123/QĐ-UBND"."""
    return clean_text(text).upper().replace(" ", "")


class AwardsImporter(Importer):
    spec = AWARDS

    def plan(self, tables: list[Table]) -> int:
        parsed = self.parse(tables)
        citizen_ids, names = person_keys(parsed)
        self.units = UnitIndex(self.scope)
        self.people = PersonIndex(citizen_ids, names)
        self.service = ServiceIndex(self.people.by_id)
        self.seen: dict[AwardKey, tuple[str, int]] = {}
        self.planned: list[tuple[AwardKey, dict[str, Any], tuple[str, int]]] = []
        for table in parsed:
            for index in range(len(table)):
                self._plan_row(table, index)
        self._split_existing()
        return self.rows_planned

    def _recipient(self, table: ParsedTable, i: int, kind: AwardKind | None) -> tuple[Any, ...]:
        """(person id, unit id, unit at the time), or () after logging why not."""
        unit_written = table.values["unit"][i]
        if not (table.blank(i, "citizen_id") and table.blank(i, "full_name")):
            person_id = identify(self.people, self.scope, table, i)
            unit_at_award = resolve_unit(table, i, self.units, unit_written)
            if kind is not None and INDIVIDUAL not in kind.recipients:
                table.error(
                    i,
                    "award",
                    _("%(award)s is not given to an individual.") % {"award": kind.name_vi},
                )
            if person_id is None or table.failed(i):
                return ()
            return person_id, None, unit_at_award
        if not unit_written:
            table.error(
                i,
                "unit",
                _(
                    "Give the person awarded (citizen ID, or full name and date of birth) or the "
                    "unit awarded."
                ),
            )
            return ()
        unit_id = resolve_unit(table, i, self.units, unit_written)
        if kind is not None and COLLECTIVE not in kind.recipients:
            table.error(
                i, "award", _("%(award)s is not given to a collective.") % {"award": kind.name_vi}
            )
        if unit_id is None or table.failed(i):
            return ()
        return None, unit_id, None

    def _plan_row(self, table: ParsedTable, i: int) -> None:
        values = table.values
        kind: AwardKind | None = values["award"][i]
        year: int | None = values["year"][i]
        decided: dt.date | None = values["decision_date"][i]
        status: str | None = values["status"][i]
        revoked_by: str | None = values["revoked_by_number"][i]
        revoked_on: dt.date | None = values["revoked_on"][i]
        if year and decided and decided.year < year:
            table.error(
                i, "decision_date", _("The decision date is before the year of achievement.")
            )
        if status is None and (revoked_by or revoked_on):
            status = AwardStatus.REVOKED
        if status == AwardStatus.GRANTED and (revoked_by or revoked_on):
            table.error(
                i, "status", _("Revocation details are given but the status is not revoked.")
            )
        if status == AwardStatus.REVOKED:
            missing = "revoked_by_number" if not revoked_by else "revoked_on"
            if (not revoked_by or not revoked_on) and table.blank(i, missing):
                table.error(
                    i, missing, _("A revoked award needs the revoking decision number and date.")
                )
            if revoked_on and decided and revoked_on < decided:
                table.error(i, "revoked_on", _("The revocation date is before the decision date."))
        recipient = self._recipient(table, i, kind)
        if not recipient or table.failed(i) or kind is None or year is None or decided is None:
            return
        person_id, unit_id, unit_at_award = recipient
        number = decision_number(values["decision_number"][i])
        award_key: AwardKey = (person_id, unit_id, kind.code, year, number)
        earlier = self.seen.get(award_key)
        if earlier is not None:
            table.error(i, None, duplicate_of(*earlier, table.sheet))
            return
        place = (table.sheet, table.row(i))
        self.seen[award_key] = place
        if person_id is not None and unit_at_award is None:
            unit_at_award = self.service.unit_on(person_id, decided) or self.service.unit_in_year(
                person_id, year
            )
        self.planned.append(
            (
                award_key,
                {
                    "decision_date": decided,
                    "issuer": values["issuer"][i],
                    "register_number": values["register_number"][i],
                    "achievement": values["achievement"][i] or "",
                    "unit_at_award_id": unit_at_award,
                    "status": status or AwardStatus.GRANTED,
                    "revoked_by_number": decision_number(revoked_by) if revoked_by else "",
                    "revoked_on": revoked_on,
                    "revocation_reason": values["revocation_reason"][i] or "",
                },
                place,
            )
        )
        self.rows_planned += 1

    def _split_existing(self) -> None:
        """Awards already in the register are updated (keeping what the row leaves empty)."""
        person_ids = {key[0] for key, _values, _place in self.planned if key[0] is not None}
        unit_ids = {key[1] for key, _values, _place in self.planned if key[1] is not None}
        fields = ("id", "person_id", "unit_id", "award_code", "year", "decision_number")
        kept = ("register_number", "achievement", "unit_at_award_id")
        # award key -> (pk, the stored values of AWARD_UPDATE_FIELDS)
        stored: dict[AwardKey, tuple[int, tuple[Any, ...]]] = {}
        for field, ids in (("person_id__in", person_ids), ("unit_id__in", unit_ids)):
            for batch in chunks(sorted(ids)):
                rows = AwardRecord.objects.filter(**{field: batch}).values_list(
                    *fields, *AWARD_UPDATE_FIELDS
                )
                for row in rows:
                    stored[(row[1], row[2], row[3], row[4], row[5])] = (row[0], row[6:])
        self.now = writer.db_datetime(clock.now())
        self.inserts: list[tuple[Any, ...]] = []
        self.updates: list[tuple[Any, ...]] = []
        for award_key, values, place in self.planned:
            existing = stored.get(award_key)
            if existing is None:
                person_id, unit_id, code, year, number = award_key
                self.inserts.append(
                    (
                        person_id,
                        unit_id,
                        code,
                        year,
                        AwardMethod.REGULAR,
                        number,
                        *(values[name] for name in AWARD_UPDATE_FIELDS),
                        AwardSource.IMPORTED,
                        self.now,
                        place,
                    )
                )
                continue
            pk, before = existing
            previous = dict(zip(AWARD_UPDATE_FIELDS, before, strict=True))
            for name in kept:
                if not values[name]:
                    values[name] = previous[name]
            after = tuple(values[name] for name in AWARD_UPDATE_FIELDS)
            self.updates.append((after, pk, before, award_key, place))

    def _describe(self, award_key: AwardKey) -> str:
        """As AwardRecord.__str__: "Chiến sĩ thi đua cơ sở 2023 – Nguyễn Văn An"."""
        person_id, unit_id, code, year, _number = award_key
        kind = AWARD_KINDS.get(code)
        if person_id is not None:
            recipient = self.people.by_id[person_id].full_name
        else:
            recipient = self.units.names[unit_id]  # type: ignore[index]
        return f"{kind.name_vi if kind else code} {year} – {recipient}"

    def write(self, trail: ImportTrail) -> int:
        ids = writer.reserve_ids(AwardRecord, len(self.inserts))
        writer.insert_rows(
            AwardRecord,
            AWARD_FIELDS,
            [(pk, *values[:-1]) for pk, values in zip(ids, self.inserts, strict=True)],
        )
        trail.imported(
            AwardRecord,
            AWARD_AUDIT_FIELDS,
            (
                (pk, self._describe(award_key), values[-1], (*award_key, *values[6:-3]))
                for pk, values in zip(ids, self.inserts, strict=True)
                for award_key in [(values[0], values[1], values[2], values[3], values[5])]
            ),
        )
        updates = []
        for after, pk, before, award_key, place in self.updates:
            text = self._describe(award_key)
            if trail.changed(AwardRecord, pk, text, place, AWARD_UPDATE_FIELDS, before, after):
                updates.append((*after, pk))
        writer.update_rows(AwardRecord, AWARD_UPDATE_FIELDS, updates)
        return self.rows_planned
