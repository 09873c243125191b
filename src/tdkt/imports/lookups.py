"""What an import checks rows against, loaded once into dictionaries: the units the user may
write to, the people already stored, their service, and the user's scope.

One query per kind of thing (in chunks), never one per row: a 100,000-row file must not turn
into 100,000 queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from django.utils.translation import gettext as _

from tdkt.accounts.scope import people_for, units_for
from tdkt.common.formatting import short_date
from tdkt.common.text import fold, name_sort_key, split_name
from tdkt.imports import parsing
from tdkt.imports.parsing import CellError
from tdkt.imports.vocab import key
from tdkt.organisations.models import Unit
from tdkt.people.models import Person, ServicePeriod

if TYPE_CHECKING:
    from tdkt.accounts.models import User

CHUNK = 900  # stays under SQLite's oldest limit of 999 parameters a statement
T = TypeVar("T")


def chunks(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ImportScope:
    """Which units and people the importing user may write to (None: everything)."""

    def __init__(self, user: User | None) -> None:
        self.user = user
        self.everything = user is None or user.sees_everything
        self.unit_ids: set[int] | None = (
            None if self.everything else set(units_for(user).values_list("id", flat=True))  # type: ignore[arg-type]
        )
        self._person_ids: set[int] | None = None

    def has_unit(self, unit_id: int) -> bool:
        return self.unit_ids is None or unit_id in self.unit_ids

    def has_person(self, person_id: int) -> bool:
        if self.everything:
            return True
        if self._person_ids is None:
            assert self.user is not None
            self._person_ids = set(people_for(self.user).values_list("id", flat=True))
        return person_id in self._person_ids


class UnitIndex:
    """Units by code and by folded name or short name; resolves what a row wrote."""

    def __init__(self, scope: ImportScope) -> None:
        self.scope = scope
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.names: dict[int, str] = {}
        for pk, code, name, short_name in Unit.objects.values_list(
            "id", "code", "name", "short_name"
        ):
            self.by_code[code.lower()] = pk
            self.names[pk] = name
            for word in {key(name), key(short_name)} - {""}:
                self.by_name[word].append(pk)
        self._cache: dict[str, int | CellError] = {}

    def resolve(self, written: str) -> int:
        """The unit's id, or CellError: unknown, ambiguous or outside the user's scope."""
        found = self._cache.get(written)
        if found is None:
            try:
                found = self._resolve(written)
            except CellError as exc:
                found = exc
            self._cache[written] = found
        if isinstance(found, CellError):
            raise found
        return found

    def _resolve(self, written: str) -> int:
        pk = self.by_code.get(written.strip().lower())
        candidates = [pk] if pk is not None else self.by_name.get(key(written), [])
        if not candidates:
            raise CellError(_('Unknown unit "%(value)s".') % {"value": written})
        mine = [pk for pk in candidates if self.scope.has_unit(pk)]
        if not mine:
            raise CellError(
                _('The unit "%(value)s" is outside the units you manage.') % {"value": written}
            )
        if len(mine) > 1:
            raise CellError(
                _('Several units are named "%(value)s"; write the unit code instead.')
                % {"value": written}
            )
        return mine[0]


@dataclass
class StoredPerson:
    id: int
    full_name: str
    search_key: str
    birth_date: dt.date | None
    citizen_id: str | None
    gender: str
    recruited_on: dt.date | None

    def describe(self) -> str:
        """ "Nguyễn Văn An, born 01/02/1980, citizen ID 0480..." for messages."""
        text = _("%(name)s, born %(date)s") % {
            "name": self.full_name,
            "date": short_date(self.birth_date) or "?",
        }
        if self.citizen_id:
            text += _(", citizen ID %(value)s") % {"value": self.citizen_id}
        return text


class PersonIndex:
    """The stored people a file may mean: by citizen ID and by (folded name, date of birth)."""

    FIELDS = ("id", "full_name", "search_key", "birth_date", "citizen_id", "gender", "recruited_on")

    def __init__(self, citizen_ids: Iterable[str], search_keys: Iterable[str]) -> None:
        self.by_id: dict[int, StoredPerson] = {}
        self.by_cid: dict[str, StoredPerson] = {}
        self.by_name_dob: dict[tuple[str, dt.date | None], list[StoredPerson]] = defaultdict(list)
        citizen_ids, search_keys = set(citizen_ids), set(search_keys)
        stored = Person.objects.count()
        if stored == 0:
            return
        if stored <= 4 * (len(citizen_ids) + len(search_keys)):
            # A file about most of the people stored: one scan beats many IN (...) queries.
            self._add(Person.objects.all(), citizen_ids, search_keys)
            return
        for batch in chunks(sorted(citizen_ids)):
            self._add(Person.objects.filter(citizen_id__in=batch))
        for batch in chunks(sorted(search_keys)):
            self._add(Person.objects.filter(search_key__in=batch))

    def _add(
        self, queryset: Any, citizen_ids: set[str] | None = None, keys: set[str] | None = None
    ) -> None:
        for values in queryset.values_list(*self.FIELDS).iterator(chunk_size=5000):
            if values[0] in self.by_id:
                continue
            if keys is not None and values[2] not in keys and values[4] not in (citizen_ids or ()):
                continue
            person = StoredPerson(*values)
            self.by_id[person.id] = person
            if person.citizen_id:
                self.by_cid[person.citizen_id] = person
            self.by_name_dob[(person.search_key, person.birth_date)].append(person)


class ServiceIndex:
    """The service periods of some people: who worked where, and when."""

    def __init__(self, person_ids: Iterable[int]) -> None:
        self.periods: dict[int, list[tuple[int, int, dt.date, dt.date | None]]] = defaultdict(list)
        for batch in chunks(sorted(set(person_ids))):
            rows = ServicePeriod.objects.filter(person_id__in=batch).values_list(
                "id", "person_id", "unit_id", "start_on", "end_on"
            )
            for pk, person_id, unit_id, start_on, end_on in rows:
                self.periods[person_id].append((pk, unit_id, start_on, end_on))

    def find(self, person_id: int, unit_id: int, start_on: dt.date) -> int | None:
        for pk, unit, start, _end in self.periods.get(person_id, ()):
            if unit == unit_id and start == start_on:
                return pk
        return None

    def unit_on(self, person_id: int, day: dt.date) -> int | None:
        """The unit a person worked in on `day` (the latest period that covers it)."""
        best: tuple[dt.date, int] | None = None
        for _pk, unit, start, end in self.periods.get(person_id, ()):
            if start <= day and (end is None or day <= end) and (best is None or start > best[0]):
                best = (start, unit)
        return None if best is None else best[1]

    def unit_in_year(self, person_id: int, year: int) -> int | None:
        """The unit a person worked in during `year` (the latest period that overlaps it)."""
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        best: tuple[dt.date, int] | None = None
        for _pk, unit, start, end in self.periods.get(person_id, ()):
            if (
                start <= last
                and (end is None or end >= first)
                and (best is None or start > best[0])
            ):
                best = (start, unit)
        return None if best is None else best[1]


class NameParts:
    """Person.normalise() once per distinct name: the derived name fields bulk writes need.

    The same steps as normalise(), called directly: Model.__init__ would cost more than the
    normalising itself, and the folded name is already memoised by `name_key` (the file's
    names were folded to look up the people stored). tests/imports check both agree.
    """

    def __init__(self) -> None:
        self._memo: dict[str, tuple[str, str, str, str, str, str]] = {}

    def __call__(self, full_name: str) -> tuple[str, str, str, str, str, str]:
        """(full_name, family, middle, given, sort_key, search_key)."""
        parts = self._memo.get(full_name)
        if parts is None:
            clean = parsing.clean(full_name)
            family, middle, given = split_name(clean)
            parts = (clean, family, middle, given, name_sort_key(clean), name_key(clean))
            self._memo[full_name] = parts
        return parts


@lru_cache(maxsize=1 << 16)
def name_key(full_name: str) -> str:
    """Person.search_key of a (clean) full name."""
    return fold(full_name)
