"""Yearly records of stored people: grade, leave, discipline, initiative or research.

The person must already be stored and within the user's scope. A record for the same person and
year is replaced; a disciplinary action or contribution already stored is not added twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from tdkt.common.enums import DisciplineLevel, Grade
from tdkt.imports import writer
from tdkt.imports.auditing import ImportTrail
from tdkt.imports.columns import YEAR_RECORDS
from tdkt.imports.kinds.base import Importer, identify, person_keys
from tdkt.imports.lookups import PersonIndex, ServiceIndex, chunks
from tdkt.imports.reading import Table
from tdkt.imports.rows import ParsedTable, duplicate_of
from tdkt.imports.vocab import key
from tdkt.people.enums import ContributionKind
from tdkt.people.models import Contribution, DisciplinaryAction, YearRecord

RECORD_FIELDS = ("id", "person_id", "year", "unit_id", "grade", "leave_kind", "leave_days", "note")
RECORD_UPDATE_FIELDS = ("unit_id", "grade", "leave_kind", "leave_days", "note")
DISCIPLINE_FIELDS = ("id", "person_id", "level", "decided_on", "year", "decision_number", "reason")
RECORD_AUDIT_FIELDS = ("year", "unit_id", "grade", "leave_kind", "leave_days", "note")
DISCIPLINE_AUDIT_FIELDS = ("level", "decided_on", "year")
CONTRIBUTION_AUDIT_FIELDS = ("kind", "title", "scope", "year")
CONTRIBUTION_FIELDS = (
    "id", "person_id", "kind", "title", "scope", "year", "recognised_on", "recognised_by",
    "decision_number",
)  # fmt: skip


class YearRecordsImporter(Importer):
    spec = YEAR_RECORDS

    def plan(self, tables: list[Table]) -> int:
        parsed = self.parse(tables)
        citizen_ids, names = person_keys(parsed)
        self.people = PersonIndex(citizen_ids, names)
        person_ids = list(self.people.by_id)
        self.service = ServiceIndex(person_ids)
        self._load_existing(person_ids)
        self.seen: dict[tuple[int, int], tuple[str, int]] = {}
        self.record_inserts: list[tuple[Any, ...]] = []
        self.record_updates: list[tuple[Any, ...]] = []
        self.discipline_inserts: list[tuple[Any, ...]] = []
        self.contribution_inserts: list[tuple[Any, ...]] = []
        for table in parsed:
            for index in range(len(table)):
                self._plan_row(table, index)
        return self.rows_planned

    def _load_existing(self, person_ids: list[int]) -> None:
        # (person, year) -> (pk, then the stored values of RECORD_UPDATE_FIELDS)
        self.records: dict[tuple[int, int], tuple[Any, ...]] = {}
        self.disciplines: set[tuple[int, str, dt.date]] = set()
        self.contributions: set[tuple[int, int, str]] = set()
        for batch in chunks(person_ids):
            for pk, person_id, year, *values in YearRecord.objects.filter(
                person_id__in=batch
            ).values_list("id", "person_id", "year", *RECORD_UPDATE_FIELDS):
                self.records[(person_id, year)] = (pk, *values)
            self.disciplines.update(
                DisciplinaryAction.objects.filter(person_id__in=batch).values_list(
                    "person_id", "level", "decided_on"
                )
            )
            for person_id, year, title in Contribution.objects.filter(
                person_id__in=batch
            ).values_list("person_id", "year", "title"):
                self.contributions.add((person_id, year, key(title)))

    def _plan_row(self, table: ParsedTable, i: int) -> None:
        values = table.values
        year: int | None = values["year"][i]
        leave_kind: str | None = values["leave_kind"][i]
        leave_days: int | None = values["leave_days"][i]
        level: str | None = values["discipline"][i]
        decided_on: dt.date | None = values["discipline_date"][i]
        title: str | None = values["contribution_title"][i]
        scope: str | None = values["contribution_scope"][i]
        if leave_days and not leave_kind:
            table.error(i, "leave_kind", _("Days of leave are given without the kind of leave."))
        if level and decided_on is None and table.blank(i, "discipline_date"):
            table.error(
                i,
                "discipline_date",
                _("The date of the disciplinary decision is required with a disciplinary action."),
            )
        if decided_on and not level:
            table.error(
                i,
                "discipline",
                _("A disciplinary decision date is given without the disciplinary action."),
            )
        if title and not scope:
            table.error(
                i,
                "contribution_scope",
                _("The scope of the initiative or research is required with its title."),
            )
        if (scope or values["contribution_kind"][i]) and not title:
            table.error(
                i,
                "contribution_title",
                _("A scope or kind is given without the title of the initiative or research."),
            )
        person_id = identify(self.people, self.scope, table, i)
        if table.failed(i) or person_id is None or year is None:
            return
        earlier = self.seen.get((person_id, year))
        if earlier is not None:
            table.error(i, None, duplicate_of(*earlier, table.sheet))
            return
        place = (table.sheet, table.row(i))
        self.seen[(person_id, year)] = place
        unit_id = self.service.unit_in_year(person_id, year)
        grade = values["grade"][i]
        note = values["note"][i] or ""
        days = leave_days or 0
        existing = self.records.get((person_id, year))
        if existing is None:
            self.record_inserts.append(
                (person_id, year, unit_id, grade, leave_kind or "", days, note, place)
            )
        else:
            self.record_updates.append(
                (unit_id, grade, leave_kind or "", days, note, existing, person_id, year, place)
            )
        if level and decided_on and (person_id, level, decided_on) not in self.disciplines:
            self.disciplines.add((person_id, level, decided_on))
            self.discipline_inserts.append((person_id, level, decided_on, year, "", "", place))
        if title and scope and (person_id, year, key(title)) not in self.contributions:
            self.contributions.add((person_id, year, key(title)))
            kind = values["contribution_kind"][i] or ContributionKind.INITIATIVE
            self.contribution_inserts.append(
                (person_id, kind, title, scope, year, None, "", "", place)
            )
        self.rows_planned += 1

    def write(self, trail: ImportTrail) -> int:
        names = {pk: person.full_name for pk, person in self.people.by_id.items()}
        grades = dict(Grade.choices)
        rows = _with_ids(YearRecord, self.record_inserts)
        writer.insert_rows(YearRecord, RECORD_FIELDS, [row[:-1] for row in rows])
        trail.imported(
            YearRecord,
            RECORD_AUDIT_FIELDS,
            (
                (pk, f"{names[person_id]} {year}: {grades.get(after[1], after[1])}", place,
                 (year, *after))
                for pk, person_id, year, *after, place in rows
            ),
        )  # fmt: skip
        updates = []
        for *after, existing, person_id, year, place in self.record_updates:
            pk, *before = existing
            text = f"{names[person_id]} {year}: {grades.get(after[1], after[1])}"
            if trail.changed(YearRecord, pk, text, place, RECORD_UPDATE_FIELDS, before, after):
                updates.append((*after, pk))
        writer.update_rows(YearRecord, RECORD_UPDATE_FIELDS, updates)
        levels = dict(DisciplineLevel.choices)
        rows = _with_ids(DisciplinaryAction, self.discipline_inserts)
        writer.insert_rows(DisciplinaryAction, DISCIPLINE_FIELDS, [row[:-1] for row in rows])
        trail.imported(
            DisciplinaryAction,
            DISCIPLINE_AUDIT_FIELDS,
            (
                (pk, f"{names[person_id]}: {levels.get(level, level)} ({decided_on:%d/%m/%Y})",
                 place, (level, decided_on, year))
                for pk, person_id, level, decided_on, year, *_rest, place in rows
            ),
        )  # fmt: skip
        rows = _with_ids(Contribution, self.contribution_inserts)
        writer.insert_rows(Contribution, CONTRIBUTION_FIELDS, [row[:-1] for row in rows])
        trail.imported(
            Contribution,
            CONTRIBUTION_AUDIT_FIELDS,
            (
                (pk, title, place, (kind, title, scope, year))
                for pk, _person_id, kind, title, scope, year, *_rest, place in rows
            ),
        )
        return self.rows_planned


def _with_ids(model: type[models.Model], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each planned row with a fresh primary key in front (the audit entries need it)."""
    return [(pk, *row) for pk, row in zip(writer.reserve_ids(model, len(rows)), rows, strict=True)]
