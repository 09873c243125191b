from __future__ import annotations

import abc
import datetime as dt
from typing import ClassVar

from django.utils.translation import gettext as _

from tdkt.common.formatting import short_date
from tdkt.imports.auditing import ImportTrail
from tdkt.imports.columns import KindSpec
from tdkt.imports.lookups import ImportScope, PersonIndex, StoredPerson, UnitIndex, name_key
from tdkt.imports.parsing import CellError
from tdkt.imports.reading import Table
from tdkt.imports.rows import ErrorLog, ParsedTable


class Importer(abc.ABC):
    """Check all rows (`plan`), keeping only what valid rows will write; then `write` it.

    `plan` reads the database but never writes; `write` runs inside the caller's transaction.
    """

    spec: ClassVar[KindSpec]

    def __init__(self, scope: ImportScope, log: ErrorLog) -> None:
        self.scope = scope
        self.log = log
        self.rows_planned = 0

    @abc.abstractmethod
    def plan(self, tables: list[Table]) -> int:
        """Number of valid rows that `write` will apply."""

    @abc.abstractmethod
    def write(self, trail: ImportTrail) -> int:
        """Apply the planned rows, with an entry in `trail` for each record created or
        changed; the number of rows written."""

    def parse(self, tables: list[Table]) -> list[ParsedTable]:
        return [ParsedTable(table, self.spec, self.log) for table in tables]


def person_keys(parsed: list[ParsedTable]) -> tuple[set[str], set[str]]:
    """Citizen IDs and folded names a file mentions, to load the people it may mean."""
    citizen_ids: set[str] = set()
    names: set[str] = set()
    for table in parsed:
        citizen_ids.update(value for value in table.values["citizen_id"] if value)
        names.update(name_key(value) for value in table.values["full_name"] if value)
    return citizen_ids, names


def find_person(
    people: PersonIndex,
    scope: ImportScope,
    citizen_id: str | None,
    full_name: str | None,
    birth_date: dt.date | None,
) -> tuple[int | None, str, str]:
    """(person id, or None with the column and the reason) for an existing person in scope."""
    if citizen_id:
        person = people.by_cid.get(citizen_id)
        if person is None or not scope.has_person(person.id):
            return (
                None,
                "citizen_id",
                _("No person with citizen ID %(value)s among the people you manage.")
                % {"value": citizen_id},
            )
        if full_name and name_key(full_name) != person.search_key:
            return (
                None,
                "full_name",
                _("The name does not match citizen ID %(value)s (stored: %(name)s).")
                % {"value": citizen_id, "name": person.full_name},
            )
        return person.id, "", ""
    if not full_name or birth_date is None:
        column = "full_name" if not full_name else "birth_date"
        return None, column, _("Give the citizen ID, or the full name and date of birth.")
    matches: list[StoredPerson] = [
        person
        for person in people.by_name_dob.get((name_key(full_name), birth_date), [])
        if scope.has_person(person.id)
    ]
    values = {"name": full_name, "date": short_date(birth_date)}
    if not matches:
        return (
            None,
            "full_name",
            _("No person named %(name)s born on %(date)s among the people you manage.") % values,
        )
    if len(matches) > 1:
        return (
            None,
            "citizen_id",
            _("Several people are named %(name)s and born on %(date)s; give the citizen ID.")
            % values,
        )
    return matches[0].id, "", ""


def resolve_unit(
    table: ParsedTable, index: int, units: UnitIndex, written: str | None
) -> int | None:
    """The unit id a row names, or None after logging why not."""
    if not written:
        return None
    try:
        return units.resolve(written)
    except CellError as exc:
        table.error(index, "unit", exc.message)
        return None


def identify(people: PersonIndex, scope: ImportScope, table: ParsedTable, i: int) -> int | None:
    """The stored person a row names, or None after logging why not (unless a cell of the
    identity columns is already reported as unreadable)."""
    if table.cell_failed(i, "citizen_id", "full_name", "birth_date"):
        return None
    values = table.values
    person_id, column, message = find_person(
        people, scope, values["citizen_id"][i], values["full_name"][i], values["birth_date"][i]
    )
    if person_id is None:
        table.error(i, column, message)
    return person_id
