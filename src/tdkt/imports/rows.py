"""Parsed rows and the errors found in them, with the place each error is at."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tdkt.imports.columns import Column, KindSpec
from tdkt.imports.parsing import CellError, is_empty
from tdkt.imports.reading import Table


class ErrorLog:
    """Every problem as {sheet, row, column, message}; which rows failed."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []
        self.failed_rows: set[tuple[str, int]] = set()
        self.failed_cells: set[tuple[str, int, str]] = set()

    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        self.errors.append({"sheet": sheet, "row": row, "column": column, "message": message})
        if row:
            self.failed_rows.add((sheet, row))
            self.failed_cells.add((sheet, row, column))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def in_order(self, sheets: list[str]) -> list[dict[str, Any]]:
        """File problems first, then by sheet and row (cells of a row in column order)."""
        position = {sheet: index for index, sheet in enumerate(sheets)}
        return sorted(self.errors, key=lambda e: (position.get(e["sheet"], -1), e["row"]))


class ParsedTable:
    """One sheet's cells converted column by column; errors go to the log as they are found.

    A converter runs once per distinct cell value (codes, units and dates repeat a lot).
    """

    def __init__(self, table: Table, spec: KindSpec, log: ErrorLog) -> None:
        self.table = table
        self.spec = spec
        self.log = log
        self.sheet = table.sheet
        self.row_numbers = table.row_numbers
        self.values: dict[str, list[Any]] = {}
        size = len(table)
        for column in spec.columns:
            raw = table.cells.get(column.key)
            if raw is None:
                self.values[column.key] = [None] * size
                continue
            self.values[column.key] = self._convert(column.key, raw)

    def __len__(self) -> int:
        return len(self.row_numbers)

    def _convert(self, name: str, raw_values: list[Any]) -> list[Any]:
        column = self.spec.column(name)
        empty: tuple[Any, str | None] = (
            (None, _("This field is required.")) if column.required else (None, None)
        )
        kinds = set(map(type, raw_values))
        if len(kinds & {bool, int, float}) > 1:
            # True == 1 == 1.0 share a dict key: keep the types apart (rare: a column of Excel
            # booleans and numbers).
            return self._convert_by_type(name, raw_values, empty)
        # Each distinct cell once (codes, units and dates repeat a lot); then one lookup a cell.
        results: dict[Any, tuple[Any, str | None]] = {}
        for raw in set(raw_values):
            results[raw] = self._convert_one(column, raw, empty)
        converted = [results[raw] for raw in raw_values]
        if any(result[1] is not None for result in results.values()):
            self._log_cells(name, converted)
        return [result[0] for result in converted]

    def _convert_by_type(
        self, name: str, raw_values: list[Any], empty: tuple[Any, str | None]
    ) -> list[Any]:
        column = self.spec.column(name)
        results: dict[Any, tuple[Any, str | None]] = {}
        converted = []
        for raw in raw_values:
            cache_key = (raw.__class__, raw)
            result = results.get(cache_key)
            if result is None:
                result = results[cache_key] = self._convert_one(column, raw, empty)
            converted.append(result)
        self._log_cells(name, converted)
        return [result[0] for result in converted]

    @staticmethod
    def _convert_one(column: Column, raw: Any, empty: tuple[Any, str | None]) -> Any:
        """(value, None), or (None, why not); `empty` for an empty cell."""
        if raw is None or raw == "" or (raw.__class__ is str and raw.isspace()):
            return empty
        try:
            return (column.convert(raw), None)
        except CellError as exc:
            return (None, exc.message)

    def _log_cells(self, name: str, converted: list[tuple[Any, str | None]]) -> None:
        header = self.header(name)
        for (_value, message), row in zip(converted, self.row_numbers, strict=True):
            if message is not None:
                self.log.add(self.sheet, row, header, message)

    def header(self, name: str) -> str:
        return self.table.headers.get(name) or self.spec.column(name).header

    def error(self, index: int, name: str | None, message: str) -> None:
        header = self.header(name) if name else ""
        self.log.add(self.sheet, self.row_numbers[index], header, message)

    def failed(self, index: int) -> bool:
        return (self.sheet, self.row_numbers[index]) in self.log.failed_rows

    def cell_failed(self, index: int, *names: str) -> bool:
        row = self.row_numbers[index]
        return any((self.sheet, row, self.header(name)) in self.log.failed_cells for name in names)

    def blank(self, index: int, name: str) -> bool:
        """Whether the cell was left empty (as opposed to filled with something unreadable)."""
        raw = self.table.cells.get(name)
        return raw is None or is_empty(raw[index])

    def row(self, index: int) -> int:
        return self.row_numbers[index]


def where(sheet: str, row: int, current_sheet: str) -> str:
    """ "row 7", or "row 7 of sheet X" when the other row is on another sheet."""
    if sheet == current_sheet:
        return _("row %(row)s") % {"row": row}
    return _("row %(row)s of sheet %(sheet)s") % {"row": row, "sheet": sheet}


def duplicate_of(sheet: str, row: int, current_sheet: str) -> str:
    return _("Duplicate of %(where)s in this file.") % {"where": where(sheet, row, current_sheet)}
