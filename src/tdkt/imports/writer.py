"""Set-based writes: many rows in a few statements, inside the caller's transaction.

Django's bulk_create prepares every field of every object and, on SQLite, cuts the insert into
statements of at most 999 parameters (71 people each); 100,000 people took about 14 s that way.
Here rows are plain tuples written with one prepared statement (SQLite executemany) or COPY
(PostgreSQL). Primary keys are reserved first, so that service periods can point to people
inserted in the same run. Derived fields that models compute in save() (name keys, decision
numbers) must be filled in by the caller, as for bulk_create.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from django.db import connection, models

Row = Sequence[Any]
SLICE = 10_000  # rows an SQLite executemany gets at a time


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys of `model`; call inside transaction.atomic()."""
    if count == 0:
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("reserve_ids must run inside transaction.atomic()")
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the atomic block began with BEGIN IMMEDIATE and holds the write lock, so nobody
        # can insert between here and our INSERT. Above the AUTOINCREMENT high-water mark too,
        # so that ids of deleted rows are never reused.
        quoted = connection.ops.quote_name(table)
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 0) FROM {quoted}"
        )
        highest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        sequence = cursor.fetchone()
        if sequence is not None:
            highest = max(highest, sequence[0])
    return list(range(highest + 1, highest + 1 + count))


@contextmanager
def large_cache(megabytes: int = 64) -> Iterator[None]:
    """On SQLite, a bigger page cache while many rows go in (index pages stay in memory; 100,000
    people insert in about half the time). PostgreSQL needs nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(megabytes)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def db_datetime(value: dt.datetime) -> Any:
    """A datetime as the database backend stores it (naive UTC text on SQLite).

    Dates and booleans need nothing: Django registers SQLite adapters for them.
    """
    return connection.ops.adapt_datetimefield_value(value)


def _columns(model: type[models.Model], names: Sequence[str]) -> list[str]:
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    return [quote(field.column) for field in fields]  # type: ignore[union-attr,arg-type]


def insert_rows(model: type[models.Model], names: Sequence[str], rows: Iterable[Row]) -> int:
    """INSERT `rows` (tuples in the order of the field `names`) into `model`'s table.

    `rows` may be a generator: on PostgreSQL the server then stores rows while Python is still
    making the next ones, and no list of all rows is held in memory.
    """
    if isinstance(rows, Sequence) and not rows:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(_columns(model, names))
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                write_row = copy.write_row
                for row in rows:
                    write_row(row)
                    count += 1
        else:
            placeholders = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
            # In slices: a generator's rows are made as they go in, never all held at once.
            iterator = iter(rows)
            while batch := list(islice(iterator, SLICE)):
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


def update_rows(model: type[models.Model], names: Sequence[str], rows: Sequence[Row]) -> int:
    """UPDATE by primary key; each row holds the values of `names` followed by the pk."""
    if not rows:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{column} = %s" for column in _columns(model, names))
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s", rows)
    return len(rows)
