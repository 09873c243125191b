"""Importing a list of nominations into a dossier from an Excel (or CSV) file.

The file is read by the import machinery (tdkt.imports: format and encoding detection, header
row found by its headers, cell parsing) with the columns below, which follow the canonical
nomination list of documents.md §7. Every row is checked as a nomination added by hand would
be (the person or collective, the unit, the award in the regime in force, duplicates); errors
come as {sheet, row, column, message}. Nothing is written unless every row is valid.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL, AwardKind
from tdkt.common.audit import record
from tdkt.common.text import clean_text
from tdkt.imports import parsing, reading
from tdkt.imports import workbook as import_workbook
from tdkt.imports.columns import Column, KindSpec
from tdkt.imports.kinds.base import identify, person_keys
from tdkt.imports.lookups import ImportScope, PersonIndex, UnitIndex
from tdkt.imports.rows import ErrorLog, ParsedTable, duplicate_of
from tdkt.imports.vocab import Vocabulary
from tdkt.nominations import services
from tdkt.nominations.judging import no_regime_message, regime_on
from tdkt.nominations.models import Dossier
from tdkt.organisations.models import Unit
from tdkt.people.models import Person

KIND = "nominations"
SUBJECT_KINDS = Vocabulary(
    "Loại đối tượng",
    (
        (INDIVIDUAL, "Cá nhân", ("CANHAN", "CN", "ca nhan")),
        (COLLECTIVE, "Tập thể", ("TAPTHE", "TT", "tap the")),
    ),
)

NOMINATIONS = KindSpec(
    KIND,
    "Danh sách đề nghị",
    gettext_lazy("LIST OF NOMINATIONS FOR AWARDS"),
    (
        Column(
            "subject_kind",
            "Loại đối tượng",
            parsing.choice(SUBJECT_KINDS),
            gettext_lazy(
                "Cá nhân or Tập thể (CANHAN/TAPTHE); empty means Cá nhân when a date of birth or"
                " citizen ID is given, Tập thể otherwise."
            ),
            aliases=("Phân loại", "Phân loại đối tượng", "Đối tượng khen thưởng"),
            example="Cá nhân",
            vocabulary=SUBJECT_KINDS,
            width=12,
        ),
        Column(
            "full_name",
            "Họ và tên / Tên tập thể",
            parsing.text,
            gettext_lazy(
                "A person's full name, or the collective's code or full name as stored (see the"
                " DANHMUC sheet)."
            ),
            required=True,
            aliases=(
                "Họ và tên",
                "Họ tên",
                "Tên tập thể/cá nhân",
                "Tên tập thể, cá nhân",
                "Tên cá nhân, tập thể",
                "Tên tập thể/cá nhân/hộ gia đình",
            ),
            example="Nguyễn Thị Ánh Tuyết",
            max_length=255,
            width=28,
        ),
        Column(
            "birth_date",
            "Ngày sinh",
            parsing.date,
            gettext_lazy("A person's date of birth, dd/mm/yyyy."),
            aliases=("Ngày tháng năm sinh",),
            width=12,
        ),
        Column(
            "citizen_id",
            "Số CCCD",
            parsing.citizen_id,
            gettext_lazy("A person's 12-digit citizen ID; format the column as Text."),
            aliases=("CCCD", "Số căn cước", "Số căn cước công dân", "Số định danh cá nhân"),
            width=16,
        ),
        Column(
            "position",
            "Chức vụ",
            parsing.text,
            gettext_lazy("A person's position; empty means the one stored."),
            aliases=("Chức vụ, chức danh", "Chức danh"),
            example="Công chức Văn phòng – Thống kê",
            max_length=150,
            width=22,
        ),
        Column(
            "unit",
            "Đơn vị",
            parsing.text,
            gettext_lazy(
                "Optional check: the unit the person works in (code or name); the row is refused"
                " if the person works elsewhere."
            ),
            aliases=("Đơn vị công tác", "Tên đơn vị", "Mã đơn vị"),
            max_length=255,
            width=24,
        ),
        Column(
            "award",
            "Danh hiệu/Hình thức đề nghị",
            parsing.award,
            gettext_lazy(
                "Code or Vietnamese name of the title or award proposed; it must exist in the"
                " rules in force on the dossier's expected decision date."
            ),
            required=True,
            aliases=(
                "Danh hiệu, hình thức đề nghị",
                "Danh hiệu thi đua/Hình thức khen thưởng",
                "Danh hiệu, hình thức khen thưởng",
                "Hình thức khen thưởng",
                "Danh hiệu thi đua",
                "Mã hình thức khen thưởng",
            ),
            example="Lao động tiên tiến",
            width=28,
        ),
        Column(
            "achievement",
            "Tóm tắt thành tích",
            parsing.text,
            gettext_lazy("Short summary of the achievements."),
            aliases=("Thành tích", "Thành tích đạt được", "Tóm tắt thành tích đạt được"),
            max_length=services.MAX_ACHIEVEMENT_CHARS,
            width=40,
        ),
    ),
    notes=(
        gettext_lazy(
            "One row per candidate and award. A person is found by the citizen ID, or else by"
            " full name and date of birth, among the people you manage."
        ),
        gettext_lazy(
            "Nothing is imported unless every row is valid; the result lists each error with"
            " its sheet, row and column."
        ),
    ),
)


def template_bytes(units: Sequence[tuple[str, str]]) -> bytes:
    """The downloadable .xlsx template, built by the import machinery's template writer."""
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = NOMINATIONS.sheet_name
    catalogue = book.create_sheet(reading.CATALOGUE_SHEET)
    guide = book.create_sheet(reading.GUIDE_SHEET)
    # The writer's helpers take any KindSpec; only its SPECS lookup is keyed by import kind.
    ranges = import_workbook._write_catalogue(catalogue, NOMINATIONS, units)
    import_workbook._write_data_sheet(data, NOMINATIONS, ranges)
    import_workbook._write_guide(guide, NOMINATIONS, units)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TEMPLATE_NAME = "mau-danh-sach-de-nghi-khen-thuong.xlsx"


@dataclass
class PlannedRow:
    sheet: str
    row: int
    person: Person | None
    unit: Unit | None
    award: str
    position: str
    achievement: str


@dataclass
class ImportOutcome:
    created: int = 0
    rows: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _plan(
    dossier: Dossier, tables: list[reading.Table], user: Any, log: ErrorLog
) -> list[PlannedRow]:
    regime = regime_on(dossier.decision_date)
    if regime is None:
        log.add("", 0, "", no_regime_message(dossier.decision_date))
        return []
    scope = ImportScope(user)
    parsed = [ParsedTable(table, NOMINATIONS, log) for table in tables]
    citizen_ids, names = person_keys(parsed)
    people_index = PersonIndex(citizen_ids, names)
    units_index = UnitIndex(scope)
    seen: dict[tuple[str, int, str], tuple[str, int]] = {}
    planned: list[PlannedRow] = []
    people_cache: dict[int, Person] = {}
    for table in parsed:
        values = table.values
        for i in range(len(table)):
            if table.cell_failed(i, "award", "subject_kind", "full_name"):
                continue
            # A row naming a birth date or citizen ID (even an unreadable one) is a person.
            kind = values["subject_kind"][i] or (
                INDIVIDUAL
                if not (table.blank(i, "citizen_id") and table.blank(i, "birth_date"))
                else COLLECTIVE
            )
            person: Person | None = None
            unit: Unit | None = None
            if kind == INDIVIDUAL:
                person_id = identify(people_index, scope, table, i)
                if person_id is None:
                    continue
                person = people_cache.get(person_id) or Person.objects.get(pk=person_id)
                people_cache[person_id] = person
            else:
                try:
                    unit = Unit.objects.get(pk=units_index.resolve(values["full_name"][i]))
                except parsing.CellError as exc:
                    table.error(i, "full_name", exc.message)
                    continue
            award: AwardKind = values["award"][i]
            try:
                subject_unit = services._check_candidate(
                    dossier, regime, person=person, unit=unit, award_code=award.code, actor=user
                )
            except services.NominationError as exc:
                table.error(i, "award" if exc.field == "award" else "full_name", exc.message)
                continue
            written_unit = values["unit"][i]
            if person is not None and written_unit and not table.cell_failed(i, "unit"):
                try:
                    named = units_index.resolve(written_unit)
                except parsing.CellError as exc:
                    table.error(i, "unit", exc.message)
                    continue
                if named != subject_unit.pk:
                    table.error(
                        i,
                        "unit",
                        _("%(name)s works in %(unit)s in %(year)s, not in “%(written)s”.")
                        % {
                            "name": person.full_name,
                            "unit": subject_unit.name,
                            "year": dossier.year,
                            "written": written_unit,
                        },
                    )
                    continue
            key = (kind, person.pk if person else subject_unit.pk, award.code)
            if key in seen:
                table.error(i, "full_name", duplicate_of(*seen[key], table.sheet))
                continue
            seen[key] = (table.sheet, table.row(i))
            planned.append(
                PlannedRow(
                    sheet=table.sheet,
                    row=table.row(i),
                    person=person,
                    unit=unit,
                    award=award.code,
                    position=values["position"][i] or "",
                    achievement=values["achievement"][i] or "",
                )
            )
    return planned


def import_nominations(
    dossier: Dossier, *, file_name: str, content: bytes, version: int | None, actor: Any
) -> ImportOutcome:
    """Check every row; if all are valid, add them all to the dossier in one transaction."""
    outcome = ImportOutcome()
    log = ErrorLog()
    try:
        data = reading.read(content, clean_text(file_name) or "?", NOMINATIONS)
    except reading.FileRejectedError as exc:
        outcome.errors = [{"sheet": "", "row": 0, "column": "", "message": exc.message}]
        return outcome
    for problem in data.problems:
        log.add(problem.sheet, problem.row, problem.column, problem.message)
    outcome.rows = data.rows_total
    sheets = [table.sheet for table in data.tables]
    if not data.problems and outcome.rows == 0:
        log.add("", 0, "", _("The file has no data rows."))
    if log:
        outcome.errors = log.in_order(sheets)
        return outcome
    if dossier.state not in services.EDITABLE_DOSSIER_STATES:
        outcome.errors = [{"sheet": "", "row": 0, "column": "", "message": _not_editable(dossier)}]
        return outcome
    planned = _plan(dossier, data.tables, actor, log)
    if log:
        outcome.errors = log.in_order(sheets)
        return outcome
    try:
        with transaction.atomic():
            locked = services._claim(dossier.pk, version)
            services._editable(locked)
            regime = regime_on(locked.decision_date)
            assert regime is not None
            for row in planned:
                try:
                    services._add(
                        locked,
                        regime,
                        person=row.person,
                        unit=row.unit,
                        award_code=row.award,
                        achievement=row.achievement,
                        position=row.position,
                        actor=actor,
                    )
                except services.NominationError as exc:
                    # Someone added the same candidate since the check: report it at its row.
                    raise _RowError(row, str(exc)) from exc
            record(
                locked,
                "nominations.dossier.imported",
                actor=actor,
                data={"file": clean_text(file_name)[:200], "rows": len(planned)},
            )
    except _RowError as exc:
        outcome.errors = [
            {"sheet": exc.row.sheet, "row": exc.row.row, "column": "", "message": exc.message}
        ]
        return outcome
    except services.NominationError as exc:
        outcome.errors = [{"sheet": "", "row": 0, "column": "", "message": str(exc)}]
        return outcome
    outcome.created = len(planned)
    return outcome


def _not_editable(dossier: Dossier) -> str:
    try:
        services._editable(dossier)
    except services.NominationError as exc:
        return str(exc)
    return ""


class _RowError(Exception):
    def __init__(self, row: PlannedRow, message: str) -> None:
        super().__init__(message)
        self.row = row
        self.message = message
