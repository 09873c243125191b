"""People with their service: who they are, where they worked, as what, from when to when.

A person already stored is matched, never doubled: by citizen ID (then updated, and the service
added to them), while the same name and date of birth without the same citizen ID is refused as
a possible duplicate. Rows of one file for the same person make one person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.utils.translation import gettext as _

from tdkt.common import clock
from tdkt.common.formatting import short_date
from tdkt.imports import writer
from tdkt.imports.auditing import ImportTrail
from tdkt.imports.columns import PEOPLE
from tdkt.imports.kinds.base import Importer, person_keys, resolve_unit
from tdkt.imports.lookups import (
    NameParts,
    PersonIndex,
    ServiceIndex,
    StoredPerson,
    UnitIndex,
    chunks,
)
from tdkt.imports.reading import Table
from tdkt.imports.rows import ParsedTable, duplicate_of, where
from tdkt.people.models import Person, ServicePeriod

PERSON_FIELDS = (
    "id", "full_name", "family_name", "middle_name", "given_name", "gender", "birth_date",
    "citizen_id", "recruited_on", "sort_key", "search_key", "created_at", "updated_at",
)  # fmt: skip
PERSON_UPDATE_FIELDS = (
    "full_name", "family_name", "middle_name", "given_name", "sort_key", "search_key",
    "gender", "birth_date", "recruited_on", "updated_at",
)  # fmt: skip
SERVICE_FIELDS = (
    "id", "person_id", "unit_id", "position", "category", "is_frontline", "is_leader", "start_on",
    "end_on",
)  # fmt: skip
SERVICE_UPDATE_FIELDS = ("position", "category", "is_frontline", "is_leader", "end_on")
# What the audit entries hold: the editable fields, as people.services records them.
PERSON_AUDIT_FIELDS = ("full_name", "gender", "birth_date", "citizen_id", "recruited_on")
PERSON_CHANGE_FIELDS = ("full_name", "gender", "birth_date", "recruited_on")
SERVICE_AUDIT_FIELDS = (
    "unit_id", "position", "category", "is_frontline", "is_leader", "start_on", "end_on",
)  # fmt: skip
# The cells _plan_row receives, in this order.
ROW_COLUMNS = (
    "full_name", "gender", "birth_date", "citizen_id", "recruited_on", "unit", "position",
    "category", "is_frontline", "is_leader", "start_on", "end_on",
)  # fmt: skip


@dataclass
class _Identity:
    """A person as the first valid row for them describes them."""

    parts: tuple[str, str, str, str, str, str]  # full name, family, middle, given, sort, search
    gender: str
    birth_date: dt.date
    citizen_id: str | None
    recruited_on: dt.date | None
    sheet: str
    row: int


class PeopleImporter(Importer):
    spec = PEOPLE

    def plan(self, tables: list[Table]) -> int:
        parsed = self.parse(tables)
        citizen_ids, names = person_keys(parsed)
        self.units = UnitIndex(self.scope)
        self.people = PersonIndex(citizen_ids, names)
        self.service = ServiceIndex(person.id for person in self.people.by_cid.values())
        self.names = NameParts()
        self.unit_ids: dict[str, int] = {}  # what rows wrote -> unit, once resolved
        self.today = clock.today()
        # A person is a "ref": a stored person's id (> 0) or -(position in self.new + 1).
        self.new: list[_Identity] = []
        self.identities: dict[int, _Identity] = {}
        self.updates: dict[int, tuple[Any, ...]] = {}
        self.file_by_cid: dict[str, int] = {}
        self.file_by_name: dict[tuple[str, dt.date], list[int]] = {}
        self.seen_service: dict[tuple[int, int, dt.date], tuple[str, int]] = {}
        self.service_inserts: list[list[Any]] = []
        self.service_updates: list[tuple[Any, ...]] = []
        for table in parsed:
            columns = [table.values[name] for name in ROW_COLUMNS]
            for index, cells in enumerate(zip(*columns, strict=True)):
                self._plan_row(table, index, cells)
        self.service_before = self._stored_service(row[5] for row in self.service_updates)
        return self.rows_planned

    @staticmethod
    def _stored_service(pks: Iterable[int]) -> dict[int, tuple[Any, ...]]:
        """The values of SERVICE_UPDATE_FIELDS (but the last) stored now, for the audit."""
        stored: dict[int, tuple[Any, ...]] = {}
        for batch in chunks(sorted(set(pks))):
            rows = ServicePeriod.objects.filter(pk__in=batch).values_list(
                "id", *SERVICE_UPDATE_FIELDS
            )
            for pk, *values in rows:
                stored[pk] = tuple(values)
        return stored

    def _plan_row(self, table: ParsedTable, i: int, cells: tuple[Any, ...]) -> None:
        """Check one row (its cells in the order of ROW_COLUMNS) and plan its writes."""
        (name, gender, birth, citizen_id, recruited, unit_written, position, category,
         frontline, leader, start, end) = cells  # fmt: skip
        start = start or recruited
        unit_id = self.unit_ids.get(unit_written)
        if unit_id is None:
            unit_id = resolve_unit(table, i, self.units, unit_written)
            if unit_id is not None:
                self.unit_ids[unit_written] = unit_id
        if start is None and table.blank(i, "start_on") and table.blank(i, "recruited_on"):
            table.error(i, "start_on", _("Give the start date or the recruitment date."))
        if start and end and end < start:
            table.error(i, "end_on", _("The end date is before the start date."))
        if birth and birth > self.today:
            table.error(i, "birth_date", _("The date of birth is in the future."))
        elif birth and recruited and recruited < birth:
            table.error(i, "recruited_on", _("The date is before the date of birth."))
        elif birth and start and start < birth:
            table.error(i, "start_on", _("The date is before the date of birth."))
        if table.failed(i) or unit_id is None or birth is None or start is None:
            return
        identity = _Identity(
            self.names(name), gender, birth, citizen_id, recruited, table.sheet, table.row(i)
        )
        ref = self._match(table, i, identity)
        if ref is None:
            return
        known = self.identities.get(ref)
        if known is not None and known.gender != identity.gender:
            where_ = where(known.sheet, known.row, table.sheet)
            table.error(
                i,
                "gender",
                _("The gender differs from %(where)s for the same person.") % {"where": where_},
            )
            return
        earlier = self.seen_service.get((ref, unit_id, start)) if ref else None
        if earlier is not None:
            table.error(i, None, duplicate_of(*earlier, table.sheet))
            return
        ref = self._commit_person(ref, identity)
        place = (table.sheet, table.row(i))
        self.seen_service[(ref, unit_id, start)] = place
        position = position or ""
        frontline, leader = bool(frontline), bool(leader)
        existing = self.service.find(ref, unit_id, start) if ref > 0 else None
        if existing is None:
            self.service_inserts.append(
                [ref, unit_id, position, category, frontline, leader, start, end, place]
            )
        else:
            self.service_updates.append(
                (position, category, frontline, leader, end, existing, ref, unit_id, place)
            )
        self.rows_planned += 1

    def _match(self, table: ParsedTable, i: int, identity: _Identity) -> int | None:
        """The ref of the person this row is about; 0 for a new person; None after an error."""
        search_key = identity.parts[5]
        cid = identity.citizen_id
        if cid:
            stored = self.people.by_cid.get(cid)
            if stored is not None:
                return self._match_stored(table, i, stored, identity)
        duplicates = self.people.by_name_dob.get((search_key, identity.birth_date), [])
        if duplicates:
            table.error(i, "citizen_id", self._possible_duplicate(duplicates[0]))
            return None
        if cid and cid in self.file_by_cid:
            ref = self.file_by_cid[cid]
            other = self.identities[ref]
            if other.parts[5] != search_key or other.birth_date != identity.birth_date:
                where_ = where(other.sheet, other.row, table.sheet)
                table.error(
                    i,
                    "citizen_id",
                    _("Citizen ID %(value)s is used in %(where)s for a different person.")
                    % {"value": cid, "where": where_},
                )
                return None
            return ref
        for ref in self.file_by_name.get((search_key, identity.birth_date), []):
            other_cid = self.identities[ref].citizen_id
            if not cid or not other_cid:
                return ref
        return 0

    def _match_stored(
        self, table: ParsedTable, i: int, stored: StoredPerson, identity: _Identity
    ) -> int | None:
        if stored.search_key != identity.parts[5]:
            message = _("Citizen ID %(value)s belongs to %(name)s, not to this name.") % {
                "value": stored.citizen_id,
                "name": stored.full_name if self.scope.has_person(stored.id) else "?",
            }
            table.error(i, "citizen_id", message)
            return None
        if stored.birth_date and stored.birth_date != identity.birth_date:
            table.error(
                i,
                "birth_date",
                _("The date of birth differs from the one stored for this citizen ID (%(date)s).")
                % {"date": short_date(stored.birth_date)},
            )
            return None
        return stored.id

    def _possible_duplicate(self, stored: StoredPerson) -> str:
        if self.scope.has_person(stored.id):
            return _(
                "May be the same person as %(person)s, already stored; check the citizen ID."
            ) % {"person": stored.describe()}
        return _(
            "May be the same person as someone already stored in another unit; check the "
            "citizen ID."
        )

    def _commit_person(self, ref: int, identity: _Identity) -> int:
        """Record the person of a valid row: new, merged with an earlier row, or stored."""
        if ref == 0:
            self.new.append(identity)
            ref = -len(self.new)
            self.identities[ref] = identity
            self.file_by_name.setdefault((identity.parts[5], identity.birth_date), []).append(ref)
        elif ref < 0:
            known = self.identities[ref]
            if identity.citizen_id and not known.citizen_id:
                known.citizen_id = identity.citizen_id
            if identity.recruited_on and not known.recruited_on:
                known.recruited_on = identity.recruited_on
        elif ref not in self.identities:
            self.identities[ref] = identity
            self._plan_update(self.people.by_id[ref], identity)
        if identity.citizen_id:
            self.file_by_cid.setdefault(identity.citizen_id, ref)
        return ref

    def _plan_update(self, stored: StoredPerson, identity: _Identity) -> None:
        """Bring a stored person up to date with the file (gender, dates the record lacks).

        The stored spelling of the name wins, unless it has no diacritics at all and the file's
        has: a file typed without diacritics must not strip them from the register.
        """
        birth = stored.birth_date or identity.birth_date
        recruited = identity.recruited_on or stored.recruited_on
        parts = identity.parts
        if stored.full_name.lower() != stored.search_key or parts[0] == stored.full_name:
            parts = self.names(stored.full_name)
        if (
            stored.full_name != parts[0]
            or stored.gender != identity.gender
            or stored.birth_date != birth
            or stored.recruited_on != recruited
        ):
            self.updates[stored.id] = (
                *parts,
                identity.gender,
                birth,
                recruited,
            )

    def write(self, trail: ImportTrail) -> int:
        now = writer.db_datetime(clock.now())
        new = self.new
        # New people get their ids in name order: the sort-key index then grows at its end
        # instead of being split all over, which halves the time of a large insert.
        order = sorted(range(len(new)), key=lambda k: new[k].parts[4])
        ids = [0] * len(new)
        for pk, k in zip(writer.reserve_ids(Person, len(new)), order, strict=True):
            ids[k] = pk
        people = [(ids[k], new[k]) for k in order]
        writer.insert_rows(
            Person,
            PERSON_FIELDS,
            (
                (pk, *p.parts[:4], p.gender, p.birth_date, p.citizen_id, p.recruited_on,
                 p.parts[4], p.parts[5], now, now)
                for pk, p in people
            ),
        )  # fmt: skip
        trail.imported(
            Person,
            PERSON_AUDIT_FIELDS,
            (
                (pk, p.parts[0], (p.sheet, p.row),
                 (p.parts[0], p.gender, p.birth_date, p.citizen_id, p.recruited_on))
                for pk, p in people
            ),
        )  # fmt: skip
        self._write_updates(trail, now)
        self._write_service(trail, ids)
        return self.rows_planned

    def _write_updates(self, trail: ImportTrail, now: Any) -> None:
        for pk, values in self.updates.items():
            stored = self.people.by_id[pk]
            identity = self.identities[pk]
            trail.changed(
                Person,
                pk,
                values[0],
                (identity.sheet, identity.row),
                PERSON_CHANGE_FIELDS,
                (stored.full_name, stored.gender, stored.birth_date, stored.recruited_on),
                (values[0], *values[6:]),
            )
        writer.update_rows(
            Person,
            PERSON_UPDATE_FIELDS,
            [(*values, now, pk) for pk, values in self.updates.items()],
        )

    def _person_name(self, ref: int) -> str:
        """The name a person has once the import is written."""
        if ref < 0:
            return self.new[-ref - 1].parts[0]
        update = self.updates.get(ref)
        return update[0] if update else self.people.by_id[ref].full_name

    def _write_service(self, trail: ImportTrail, ids: list[int]) -> None:
        unit_names = self.units.names
        name = self._person_name
        inserts = self.service_inserts  # [ref, unit, position, ..., end, place]
        for row in inserts:
            ref = row[0]
            row.append(ref)  # kept for the person's name
            if ref < 0:
                row[0] = ids[-ref - 1]
        inserts.sort(key=itemgetter(0))
        pks = writer.reserve_ids(ServicePeriod, len(inserts))
        writer.insert_rows(
            ServicePeriod,
            SERVICE_FIELDS,
            ((pk, *row[:8]) for pk, row in zip(pks, inserts, strict=True)),
        )
        trail.imported(
            ServicePeriod,
            SERVICE_AUDIT_FIELDS,
            (
                (pk, f"{name(row[9])} – {row[2]}, {unit_names[row[1]]}", row[8], row[1:8])
                for pk, row in zip(pks, inserts, strict=True)
            ),
        )
        updates = []
        for *after, pk, ref, unit_id, place in self.service_updates:
            text = f"{name(ref)} – {after[0]}, {unit_names[unit_id]}"
            before = self.service_before[pk]
            if trail.changed(ServicePeriod, pk, text, place, SERVICE_UPDATE_FIELDS, before, after):
                updates.append((*after, pk))
        writer.update_rows(ServicePeriod, SERVICE_UPDATE_FIELDS, updates)
