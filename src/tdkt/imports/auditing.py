"""One audit entry per record an import creates or changes, written in bulk with the records.

An entry says which batch, sheet and row the change came from and holds each value as
[before, after] (before is null for a new record), the form the object's "Lịch sử thay đổi"
box shows. Actions follow the rest of the code: `<app>.<model>.imported` for a new record,
`<app>.<model>.changed` for an update. The entries go in with the records' own fast writer,
inside the same transaction: a failed import leaves no entry either.

The JSON text is put together here rather than by json.dumps: an import of 100,000 people
writes 200,000 entries whose keys are always the same, and only the values need encoding.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from tdkt.common.models import AuditEntry
from tdkt.imports import writer

AUDIT_FIELDS = (
    "created_at", "actor_id", "action", "object_type", "object_id", "object_repr", "data",
)  # fmt: skip
# The C encoder of JSON strings (non-ASCII kept as it is, which is valid JSON).
_encode_text = json.encoder.encode_basestring


Place = tuple[str, int]  # (sheet, row) of the row a change comes from
Record = tuple[int, str, Place, Sequence[Any]]  # (pk, text, place, values)


class ImportTrail:
    """The audit entries of one import batch, collected while writing and stored by `write`.

    New records come as iterables, consumed only by `write`: there they are turned into rows
    as the database stores them. The values of one field share one type (what the column's
    parser gives), so each field caches its encoded `"key": [null, value]` pieces: names,
    dates, units and codes repeat.
    """

    def __init__(self, batch_id: int, actor: Any, now: dt.datetime) -> None:
        user = actor if getattr(actor, "is_authenticated", False) else None
        self.actor_id: int | None = user.pk if user is not None else None
        self.batch_id = batch_id
        self.created_at = writer.db_datetime(now)
        self.changes: list[tuple[Any, ...]] = []
        self.pending: list[Iterator[tuple[Any, ...]]] = []
        self._sheets: dict[str, str] = {}

    def imported(
        self, model: type[models.Model], names: Sequence[str], records: Iterable[Record]
    ) -> None:
        """Records the import created, each non-empty value as [null, value]. `records` is
        read by `write`, so it may be a generator over what the importer planned."""
        self.pending.append(self._imported_rows(model, names, records))

    def changed(
        self,
        model: type[models.Model],
        pk: int,
        text: str,
        place: Place,
        names: Sequence[str],
        before: Sequence[Any],
        after: Sequence[Any],
    ) -> bool:
        """A record the import updated: each changed value as [before, after]. No change, no
        entry (and False, so that the caller can skip the update too)."""
        parts = [
            f"{_encode_text(name)}: [{_json(old)}, {_json(new)}]"
            for name, old, new in zip(names, before, after, strict=True)
            if old != new
        ]
        if not parts:
            return False
        label = model._meta.label_lower
        self.changes.append(
            (
                self.created_at,
                self.actor_id,
                f"{label}.changed",
                label,
                str(pk),
                text[:300],
                f"{self._source(place)}, {', '.join(parts)}}}",
            )
        )
        return True

    def write(self) -> int:
        return writer.insert_rows(AuditEntry, AUDIT_FIELDS, chain(self.changes, *self.pending))

    def _source(self, place: Place) -> str:
        """The opening of an entry's JSON: which batch, sheet and row."""
        sheet = self._sheets.get(place[0])
        if sheet is None:
            sheet = self._sheets[place[0]] = _encode_text(place[0])
        return f'{{"import_batch": {self.batch_id}, "sheet": {sheet}, "row": {place[1]}'

    def _imported_rows(
        self, model: type[models.Model], names: Sequence[str], records: Iterable[Record]
    ) -> Iterator[tuple[Any, ...]]:
        label = model._meta.label_lower
        action = f"{label}.imported"
        fields: list[tuple[str, dict[Any, str]]] = [
            (f"{_encode_text(name)}: [null, ", {}) for name in names
        ]
        created_at, actor_id, source = self.created_at, self.actor_id, self._source
        for pk, text, place, values in records:
            parts = [
                pieces[key]
                if (key := (value.__class__, value)) in pieces
                else _piece(prefix, pieces, key)
                for (prefix, pieces), value in zip(fields, values, strict=True)
                if value is not None and value != ""
            ]
            data = source(place)
            data = f"{data}, {', '.join(parts)}}}" if parts else f"{data}}}"
            yield (created_at, actor_id, action, label, str(pk), text[:300], data)


def _piece(prefix: str, pieces: dict[Any, str], key: tuple[type, Any]) -> str:
    # Keyed by type and value: True == 1 == 1.0 would share one dict key, not one JSON text.
    piece = pieces[key] = f"{prefix}{_json(key[1])}]"
    return piece


def _json(value: Any) -> str:
    """One value as JSON: text, whole numbers, yes/no, dates (as Django stores them)."""
    if isinstance(value, str):
        return _encode_text(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f'"{value.isoformat()}"'
    return json.dumps(value, cls=DjangoJSONEncoder)
