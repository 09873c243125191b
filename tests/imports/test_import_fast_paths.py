"""The shortcuts the import takes for speed give exactly what the plain way gives."""

from __future__ import annotations

import datetime as dt
import gc
import unicodedata
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.accounts.models import User
from tdkt.common.text import clean_text
from tdkt.imports import parsing, reading, writer
from tdkt.imports.columns import PEOPLE, YEAR_RECORDS
from tdkt.imports.kinds import people as people_kind
from tdkt.imports.lookups import NameParts
from tdkt.imports.models import ImportBatch
from tdkt.imports.reading import Table
from tdkt.imports.rows import ErrorLog, ParsedTable
from tdkt.imports.services import run_import
from tests.imports import test_import_people as people
from tests.imports.import_helpers import PEOPLE_HEADERS, csv_text

TEXTS = [
    "",
    "Nguyễn Văn An",
    unicodedata.normalize("NFD", "Nguyễn Văn An"),
    "  Lê   Thị\tHà ",
    "Lê\u00a0Thị Hà",
    "Trần\x00Bình",
    "Phạm\u2028Quân",
    "abc ",
    " abc",
    "a  b",
    "plain ascii",
    "048185000123",
    "Đặng Thị Ánh\x7f",
    "x\u0301",
]


@pytest.mark.unit
@pytest.mark.parametrize("value", TEXTS)
def test_clean_is_clean_text(value: str) -> None:
    assert parsing.clean(value) == clean_text(value)


@pytest.mark.unit
@pytest.mark.parametrize(
    "raw", ["048185000123", "٠٤٨١٨٥٠٠٠١٢٣", "04818500012", "0481850001234", " 048185000123"]
)
def test_citizen_id_shortcut_agrees_with_the_general_rule(raw: str) -> None:
    def general(value: str) -> str | None:
        digits = parsing._ID_SEPARATORS.sub("", clean_text(value))
        return digits if len(digits) == 12 and digits.isdigit() else None

    try:
        result: str | None = parsing.citizen_id(raw)
    except parsing.CellError:
        result = None
    assert result == general(raw)


@pytest.mark.unit
@pytest.mark.parametrize("name", [*TEXTS[1:5], "An", "Nguyễn Thị Ánh Tuyết", "ĐẶNG văn   bình"])
def test_name_parts_are_what_person_normalise_makes(name: str) -> None:
    from tdkt.people.models import Person

    person = Person(full_name=name)
    person.normalise()

    assert NameParts()(name) == (
        person.full_name,
        person.family_name,
        person.middle_name,
        person.given_name,
        person.sort_key,
        person.search_key,
    )


def _parsed(spec: Any, cells: dict[str, list[Any]]) -> tuple[ParsedTable, ErrorLog]:
    size = len(next(iter(cells.values())))
    table = Table("S", 1, {}, list(range(2, size + 2)), cells)
    log = ErrorLog()
    return ParsedTable(table, spec, log), log


@pytest.mark.unit
def test_converting_columns_keeps_values_and_errors_in_row_order() -> None:
    parsed, log = _parsed(
        PEOPLE,
        {
            "gender": ["Nam", "nữ", "x", None, "Nam", "  ", "x"],
            "birth_date": ["01/02/1990", dt.datetime(1990, 2, 1), 32874, "", "31/02/1990", None, 1],
        },
    )

    assert parsed.values["gender"] == ["nam", "nu", None, None, "nam", None, None]
    assert parsed.values["birth_date"] == [
        dt.date(1990, 2, 1),
        dt.date(1990, 2, 1),
        dt.date(1990, 1, 1),
        None,
        None,
        None,
        None,
    ]
    assert [(e["row"], e["column"]) for e in log.errors] == [
        (4, "Giới tính"),
        (5, "Giới tính"),
        (7, "Giới tính"),
        (8, "Giới tính"),
        (5, "Ngày sinh"),
        (6, "Ngày sinh"),
        (7, "Ngày sinh"),
        (8, "Ngày sinh"),
    ]
    assert log.errors[1]["message"] == "This field is required."
    assert log.errors[5]["message"] == '"31/02/1990" is not a real date.'


@pytest.mark.unit
def test_a_column_mixing_booleans_and_numbers_keeps_them_apart() -> None:
    # True == 1 == 1.0, but a ticked box is not one day of leave.
    parsed, log = _parsed(YEAR_RECORDS, {"leave_days": [True, 1, 1.0, False, 0, True]})

    assert parsed.values["leave_days"] == [None, 1, 1, None, 0, None]
    assert [e["row"] for e in log.errors] == [2, 5, 7]


@pytest.mark.unit
def test_short_csv_lines_are_read_as_empty_cells() -> None:
    text = csv_text(PEOPLE_HEADERS, [[1, "Lê Văn An", "Nam"], [2, "Trần Bình"]])

    result = reading.read(text.encode(), "x.csv", PEOPLE)

    (table,) = result.tables
    assert table.cells["full_name"] == ["Lê Văn An", "Trần Bình"]
    assert table.cells["gender"] == ["Nam", ""]
    assert table.cells["end_on"] == ["", ""]


@pytest.mark.integration
@pytest.mark.django_db
def test_insert_rows_takes_a_generator_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "SLICE", 3)
    names = [f"file-{n}.xlsx" for n in range(7)]
    now = writer.db_datetime(dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    fields = (
        "kind", "file_name", "created_at", "status", "rows_total", "rows_written", "rows_failed",
        "detected_encoding", "errors",
    )  # fmt: skip

    count = writer.insert_rows(
        ImportBatch,
        fields,
        (("people", name, now, "imported", 1, 1, 0, "unicode", "[]") for name in names),
    )

    assert count == 7
    assert sorted(ImportBatch.objects.values_list("file_name", flat=True)) == names
    assert ImportBatch.objects.filter(errors=[]).count() == 7


@pytest.mark.integration
@pytest.mark.django_db
def test_import_pauses_cycle_collection_and_restores_it(
    tree: SimpleNamespace, secretariat_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []
    plan = people_kind.PeopleImporter.plan

    def spy(self: Any, tables: Any) -> int:
        seen.append(gc.isenabled())
        return plan(self, tables)

    monkeypatch.setattr(people_kind.PeopleImporter, "plan", spy)
    assert gc.isenabled()

    run_import("people", "x.xlsx", people.people_file(people.row()), user=secretariat_user)

    assert (seen, gc.isenabled()) == ([False], True)


@pytest.mark.integration
@pytest.mark.django_db
def test_cycle_collection_comes_back_after_an_error(
    tree: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(reading, "read", boom)

    with pytest.raises(MemoryError):
        run_import("people", "x.xlsx", b"PK")

    assert gc.isenabled()


def test_audit_text_keeps_equal_values_of_other_types_apart() -> None:
    import json

    from tdkt.imports.auditing import ImportTrail
    from tdkt.people.models import ServicePeriod

    trail = ImportTrail(batch_id=7, actor=None, now=dt.datetime(2026, 11, 29, tzinfo=dt.UTC))
    trail.imported(
        ServicePeriod,
        ["value"],
        [
            (1, "một", ("Sheet1", 2), [True]),
            (2, "hai", ("Sheet1", 3), [1]),
            (3, "ba", ("Sheet1", 4), [1.0]),
            (4, "bốn", ("Sheet1", 5), [True]),
        ],
    )

    rows = list(trail.pending[0])

    values = [json.loads(row[-1])["value"][1] for row in rows]
    assert values == [True, 1, 1.0, True]
    assert [type(v) for v in values] == [bool, int, float, bool]
