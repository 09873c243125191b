"""Importing a file: read it, check every row, then write everything in one transaction.

By default nothing is written unless every row is valid; with `valid_only` the valid rows are
written and the others reported. Every run leaves an ImportBatch with its counts and errors;
a rejected run's batch is saved outside the (rolled back or never opened) data transaction.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdkt.common import audit, clock
from tdkt.common.text import clean_text
from tdkt.imports import reading, writer
from tdkt.imports.auditing import ImportTrail
from tdkt.imports.columns import SPECS
from tdkt.imports.kinds import IMPORTERS
from tdkt.imports.lookups import ImportScope
from tdkt.imports.models import ImportBatch, ImportKind, ImportStatus
from tdkt.imports.rows import ErrorLog

if TYPE_CHECKING:
    from tdkt.accounts.models import User

logger = logging.getLogger(__name__)

# The batch keeps this many errors; the command line prints them all.
MAX_STORED_ERRORS = 1000


@dataclass
class ImportResult:
    batch: ImportBatch
    errors: list[dict[str, Any]]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        return self.batch.status == ImportStatus.REJECTED


def run_import(
    kind: str,
    file_name: str,
    content: bytes,
    *,
    user: User | None = None,
    valid_only: bool = False,
) -> ImportResult:
    """Import `content` (an .xlsx or .csv file) as `kind`, within `user`'s scope.

    `user` None means the whole tree (the command line run by the system's operator).
    """
    if kind not in SPECS:
        raise ValueError(f"unknown import kind {kind!r}")
    with _without_cycle_collection():
        return _run_import(kind, file_name, content, user, valid_only)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection while a file is imported.

    An import holds millions of small objects (cells, rows, planned writes) for a few seconds;
    each automatic full collection walks them all, and together they took over half of the
    check phase of 100,000 rows. The import makes no reference cycles worth collecting (plain
    tuples, lists and dicts are freed by reference counting), so collection simply waits until
    the import is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run_import(
    kind: str, file_name: str, content: bytes, user: User | None, valid_only: bool
) -> ImportResult:
    file_name = clean_text(file_name)[:255] or "?"
    stopwatch = _Stopwatch()
    timings = stopwatch.timings
    log = ErrorLog()
    try:
        table_data = reading.read(content, file_name, SPECS[kind])
    except reading.FileRejectedError as exc:
        log.add("", 0, "", exc.message)
        return _rejected(kind, file_name, user, log, "", 0, timings)
    stopwatch.lap("read")
    sheets = [table.sheet for table in table_data.tables]
    for problem in table_data.problems:
        log.add(problem.sheet, problem.row, problem.column, problem.message)
    total = table_data.rows_total
    if table_data.problems:
        return _rejected(kind, file_name, user, log, table_data.encoding, total, timings, sheets)
    if total == 0:
        log.add("", 0, "", _("The file has no data rows."))
        return _rejected(kind, file_name, user, log, table_data.encoding, total, timings, sheets)

    importer = IMPORTERS[kind](ImportScope(user), log)
    try:
        planned = importer.plan(table_data.tables)
    except Exception:
        return _failed(kind, file_name, user, log, table_data.encoding, total, timings, sheets)
    stopwatch.lap("check")
    if planned == 0 or (log and not valid_only):
        return _rejected(kind, file_name, user, log, table_data.encoding, total, timings, sheets)

    try:
        with writer.large_cache(), transaction.atomic():
            # The batch first: each record's audit entry names it.
            batch = ImportBatch.objects.create(
                kind=kind,
                file_name=file_name,
                uploaded_by=user,
                unit_id=getattr(user, "unit_id", None),
                status=ImportStatus.PARTIAL if log else ImportStatus.IMPORTED,
                rows_total=total,
                rows_written=planned,
                rows_failed=len(log.failed_rows),
                detected_encoding=table_data.encoding,
                errors=_stored(log.in_order(sheets)),
            )
            trail = ImportTrail(batch.pk, user, clock.now())
            written = importer.write(trail)
            trail.write()
            audit.record(
                batch,
                "imports.importbatch.imported",
                actor=user,
                data={"kind": kind, "rows_written": written, "rows_failed": len(log.failed_rows)},
            )
    except Exception:
        # Whatever went wrong, the transaction is rolled back: nothing of the file is stored.
        return _failed(kind, file_name, user, log, table_data.encoding, total, timings, sheets)
    stopwatch.lap("write")
    return ImportResult(batch, log.in_order(sheets), timings)


class _Stopwatch:
    """Wall-clock and CPU seconds of each phase (the benchmark prints them)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._mark()

    def _mark(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def lap(self, phase: str) -> None:
        self.timings[phase] = time.perf_counter() - self._wall
        self.timings[f"{phase} cpu"] = time.process_time() - self._cpu
        self._mark()


def _failed(
    kind: str,
    file_name: str,
    user: User | None,
    log: ErrorLog,
    encoding: str,
    total: int,
    timings: dict[str, float],
    sheets: list[str],
) -> ImportResult:
    logger.exception("import of %s (%s) failed; nothing written", file_name, kind)
    log.add("", 0, "", _("An unexpected error stopped the import; nothing was written."))
    return _rejected(kind, file_name, user, log, encoding, total, timings, sheets)


def _stored(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(errors) <= MAX_STORED_ERRORS:
        return errors
    more = len(errors) - MAX_STORED_ERRORS
    note = _("%(count)s more errors are not shown; correct the ones above and import again.") % {
        "count": more
    }
    return [*errors[:MAX_STORED_ERRORS], {"sheet": "", "row": 0, "column": "", "message": note}]


def _rejected(
    kind: str,
    file_name: str,
    user: User | None,
    log: ErrorLog,
    encoding: str,
    total: int,
    timings: dict[str, float],
    sheets: list[str] | None = None,
) -> ImportResult:
    sheets = sheets or []
    batch = ImportBatch.objects.create(
        kind=kind,
        file_name=file_name,
        uploaded_by=user,
        unit_id=getattr(user, "unit_id", None),
        status=ImportStatus.REJECTED,
        rows_total=total,
        rows_written=0,
        rows_failed=len(log.failed_rows),
        detected_encoding=encoding,
        errors=_stored(log.in_order(sheets)),
    )
    audit.record(
        batch,
        "imports.importbatch.rejected",
        actor=user,
        data={"kind": kind, "rows_failed": len(log.failed_rows), "errors": len(log.errors)},
    )
    return ImportResult(batch, log.in_order(sheets), timings)


def format_error(error: dict[str, Any]) -> str:
    """ "Sheet X, dòng N, cột C: lý do", as the command line prints errors."""
    place = []
    if error.get("sheet"):
        place.append(f"Sheet {error['sheet']}")
    if error.get("row"):
        place.append(f"dòng {error['row']}")
    if error.get("column"):
        place.append(f"cột {error['column']}")
    return f"{', '.join(place)}: {error['message']}" if place else str(error["message"])


__all__ = ["ImportKind", "ImportResult", "format_error", "run_import"]
