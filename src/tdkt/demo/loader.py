"""Write the demo dataset into the database, after wiping the domain tables if asked.

Everything happens in one transaction, and the self-check (checks.py) runs before it commits:
a demo that breaks a rule never reaches the database.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils.module_loading import import_string

from tdkt.accounts.models import User
from tdkt.awards.models import AwardRecord
from tdkt.common.models import AuditEntry
from tdkt.common.security import audit_maintenance
from tdkt.common.text import clean_text
from tdkt.demo.checks import DemoCheckError, check_database
from tdkt.demo.dataset import Dataset
from tdkt.demo.generator import DEFAULT_SEED, DEMO_PASSWORD, USERS, generate
from tdkt.demo.units import NEW_START, NQ_1659
from tdkt.imports.models import ImportBatch
from tdkt.organisations.models import (
    EmulationGroup,
    EmulationGroupMembership,
    Unit,
    UnitSuccession,
    UnitYearRecord,
)
from tdkt.people.models import Contribution, DisciplinaryAction, Person, ServicePeriod, YearRecord

DEMO_USERNAMES = tuple(user.username for user in USERS)
BATCH = 500


class DemoError(RuntimeError):
    """The demo cannot be loaded; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class LoadSummary:
    seed: int
    units: int
    people: int
    service_periods: int
    year_records: int
    awards: int
    users: int
    seconds: float


# -- wiping ------------------------------------------------------------------------------------
def _is_tdkt(model: type[models.Model]) -> bool:
    return apps.get_app_config(model._meta.app_label).name.startswith("tdkt.")


def _references(model: type[models.Model]) -> set[type[models.Model]]:
    found: set[type[models.Model]] = set()
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete and field.related_model is not None:
            related = field.related_model
            if isinstance(related, type):
                found.add(related)
    return found


def wiped_models() -> list[type[models.Model]]:
    """The domain tables, children before parents.

    Units, people, the register, emulation groups, imports and the audit trail, plus every
    table of a tdkt app that points at them or at users (nominations, votes ... as they come).
    Users themselves are deleted through the ORM afterwards, superusers kept.
    """
    roots: set[type[models.Model]] = {
        Unit, Person, AwardRecord, EmulationGroup, ImportBatch, AuditEntry, User,
    }  # fmt: skip
    chosen = set(roots) - {User}
    candidates = [
        model
        for model in apps.get_models(include_auto_created=True)
        if _is_tdkt(model) and model is not User and User not in _auto_created_owner(model)
    ]
    grew = True
    while grew:
        grew = False
        for model in candidates:
            if model not in chosen and _references(model) & (chosen | roots):
                chosen.add(model)
                grew = True
    ordered: list[type[models.Model]] = []
    remaining = set(chosen)
    while remaining:
        leaves = sorted(
            (
                model
                for model in remaining
                if not any(model in _references(other) for other in remaining if other is not model)
            ),
            key=lambda m: m._meta.label,
        )
        if not leaves:  # a cycle: delete the rest together (foreign keys are checked at commit)
            leaves = sorted(remaining, key=lambda m: m._meta.label)
        ordered += leaves
        remaining -= set(leaves)
    return ordered


def _auto_created_owner(model: type[models.Model]) -> set[type[models.Model]]:
    """For an automatic many-to-many table (user ↔ group), the models it joins."""
    return _references(model) if model._meta.auto_created else set()


@transaction.atomic
def wipe() -> None:
    """Delete the domain tables (not the superusers an operator made) and restart their ids."""
    existing = set(connection.introspection.table_names())
    # A model whose migration has not run yet has no table, and nothing to wipe.
    wiped = [model for model in wiped_models() if model._meta.db_table in existing]
    # The files of the wiped rows (attachments, evidence, certificates, signed PDFs) go too,
    # once the rows are gone for good.
    files = [
        name
        for model in wiped
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
        for name in model._default_manager.exclude(**{field.name: ""}).values_list(
            field.name, flat=True
        )
        if name
    ]
    transaction.on_commit(lambda: _delete_files(files))
    # The database refuses to delete audit entries outside a maintenance block.
    with audit_maintenance("demo reset"), connection.cursor() as cursor:
        for model in wiped:
            # Raw SQL on purpose: the audit trail refuses ORM deletes, and a reset must clear it.
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        # Restart the ids so that two loads give the same rows, ids included.
        sequences = [
            {"table": model._meta.db_table, "column": model._meta.pk.column}
            for model in wiped
            if isinstance(model._meta.pk, models.AutoField | models.BigAutoField)
        ]
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(sql)
        # Foreign keys are checked at commit (deferred on SQLite and PostgreSQL alike), so the
        # users pointing at the deleted units can go, or lose their unit, after the units.
        doomed = list(
            User.objects.filter(
                models.Q(is_superuser=False) | models.Q(username__in=DEMO_USERNAMES)
            ).values_list("pk", flat=True)
        )
        if doomed:
            marks = ", ".join(["%s"] * len(doomed))
            for table, column in _user_references(existing):
                cursor.execute(
                    f"DELETE FROM {connection.ops.quote_name(table)}"
                    f" WHERE {connection.ops.quote_name(column)} IN ({marks})",
                    doomed,
                )
            users = connection.ops.quote_name(User._meta.db_table)
            cursor.execute(f"DELETE FROM {users} WHERE id IN ({marks})", doomed)
    User.objects.exclude(unit=None).update(unit=None)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _user_references(existing: set[str]) -> list[tuple[str, str]]:
    """(table, column) of every existing table row that points at a user: group memberships,
    Django admin's log, and whatever tdkt tables the wipe left (none, normally)."""
    found: list[tuple[str, str]] = []
    for model in apps.get_models(include_auto_created=True):
        if model is User or model._meta.db_table not in existing:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                found.append((model._meta.db_table, field.column))
    return found


def has_domain_data() -> bool:
    return Unit.objects.exists() or Person.objects.exists() or AwardRecord.objects.exists()


# -- writing -------------------------------------------------------------------------------------
def write(dataset: Dataset) -> None:
    units: dict[str, Unit] = {}
    for spec in dataset.units:
        unit = Unit(
            code=spec.code,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            sector=spec.sector,
            parent=units[spec.parent] if spec.parent else None,
            valid_from=spec.valid_from,
            valid_to=spec.valid_to,
            has_legal_status=spec.has_legal_status,
            note=clean_text(spec.note),
        )
        unit.save()  # computes the materialised path
        units[spec.code] = unit
    UnitSuccession.objects.bulk_create(
        UnitSuccession(
            predecessor=units[link.predecessor],
            successor=units[link.successor],
            effective_on=NEW_START,
            legal_basis=NQ_1659,
            note=clean_text(link.note),
        )
        for link in dataset.successions
    )

    people: list[Person] = []
    for row in dataset.people:
        person = Person(
            full_name=row.full_name,
            gender=row.gender,
            birth_date=row.birth_date,
            citizen_id=row.citizen_id,
            recruited_on=row.recruited_on,
        )
        person.normalise()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=BATCH)
    if any(person.pk is None for person in people):  # pragma: no cover - SQLite < 3.35
        raise DemoError("Cơ sở dữ liệu không trả lại mã của các bản ghi vừa tạo.")

    ServicePeriod.objects.bulk_create(
        (
            ServicePeriod(
                person=people[row.person],
                unit=units[row.unit],
                position=clean_text(row.position),
                category=row.category,
                is_frontline=row.is_frontline,
                is_leader=row.is_leader,
                start_on=row.start_on,
                end_on=row.end_on,
            )
            for row in dataset.periods
        ),
        batch_size=BATCH,
    )
    YearRecord.objects.bulk_create(
        (
            YearRecord(
                person=people[row.person],
                year=row.year,
                unit=units[row.unit],
                grade=row.grade,
                leave_kind=row.leave_kind,
                leave_days=row.leave_days,
                note=clean_text(row.note),
            )
            for row in dataset.year_records
        ),
        batch_size=BATCH,
    )
    DisciplinaryAction.objects.bulk_create(
        DisciplinaryAction(
            person=people[row.person],
            level=row.level,
            decided_on=row.decided_on,
            year=row.year,
            decision_number=clean_text(row.decision_number),
            reason=clean_text(row.reason),
        )
        for row in dataset.disciplines
    )
    Contribution.objects.bulk_create(
        (
            Contribution(
                person=people[row.person],
                kind=row.kind,
                title=clean_text(row.title),
                scope=row.scope,
                year=row.year,
                recognised_on=row.recognised_on,
                recognised_by=clean_text(row.recognised_by),
                decision_number=clean_text(row.decision_number),
            )
            for row in dataset.contributions
        ),
        batch_size=BATCH,
    )
    UnitYearRecord.objects.bulk_create(
        UnitYearRecord(unit=units[row.unit], year=row.year, grade=row.grade, note=row.note)
        for row in dataset.unit_years
    )
    AwardRecord.objects.bulk_create(
        (
            AwardRecord(
                person=people[row.person] if row.person is not None else None,
                unit=units[row.unit] if row.unit is not None else None,
                award_code=row.award_code,
                year=row.year,
                method=row.method,
                # As AwardRecord.save() writes them: NFC, upper case, no spaces.
                decision_number=clean_text(row.decision_number).upper().replace(" ", ""),
                decision_date=row.decision_date,
                issuer=clean_text(row.issuer),
                register_number=row.register_number,
                achievement=clean_text(row.achievement),
                amount_vnd=row.amount_vnd,
                unit_at_award=units[row.unit_at_award],
                status=row.status,
                revoked_by_number=row.revoked_by_number,
                revoked_on=row.revoked_on,
                revocation_reason=clean_text(row.revocation_reason),
            )
            for row in dataset.awards
        ),
        batch_size=BATCH,
    )

    for group_row in dataset.groups:
        group = EmulationGroup.objects.create(
            year=group_row.year,
            kind=group_row.kind,
            name=clean_text(group_row.name),
            convener=units[group_row.convener],
        )
        EmulationGroupMembership.objects.bulk_create(
            EmulationGroupMembership(group=group, unit=units[code], role=role)
            for code, role in group_row.members
        )

    for user_row in dataset.users:
        user = User(
            username=user_row.username,
            role=user_row.role,
            unit=units[user_row.unit] if user_row.unit else None,
            full_name=user_row.full_name,
            position=clean_text(user_row.position),
            is_superuser=user_row.is_superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()


def _rules_problems() -> list[str]:
    """The rules engine re-judges every granted yearly title of the complete years, under the
    regime of each decision's date: the demo's history must be honest."""
    from tdkt.rules.evaluation.register import check_register_against_rules

    problems = []
    for year in (2015, 2016, 2017):
        for problem in check_register_against_rules(year):
            reasons = "; ".join(f.message for f in problem.failed) or "không có trong danh sách xét"
            problems.append(
                f"{problem.award_name} {problem.year} – {problem.subject}"
                f" ({problem.decision}, {problem.regime}): {reasons}"
            )
    return problems


# Each capability adds its part of the story on top of the records and the register, in order.
DEMO_EXTENSIONS: tuple[str, ...] = (
    "tdkt.rules.demo.load",
    "tdkt.movements.demo.load",
    "tdkt.decisions.demo.load",
    "tdkt.nominations.demo.load",
    "tdkt.reports.demo.load",
)


def load(seed: int = DEFAULT_SEED, *, reset: bool = False) -> LoadSummary:
    """Generate and write the demo in one transaction; raise DemoError / DemoCheckError."""
    started = time.perf_counter()
    with transaction.atomic():
        if has_domain_data() and not reset:
            raise DemoError(
                "Cơ sở dữ liệu đã có dữ liệu. Chạy `tdkt demo load --reset` để xóa dữ liệu"
                " nghiệp vụ (đơn vị, cá nhân, khen thưởng, tài khoản không phải quản trị) và nạp"
                " lại dữ liệu mẫu."
            )
        if reset:
            wipe()
        dataset = generate(seed)
        write(dataset)
        problems = check_database(dataset.expected_counts)
        problems += _rules_problems()
        if problems:
            raise DemoCheckError(problems)
        for extension in DEMO_EXTENSIONS:
            import_string(extension)()
    return LoadSummary(
        seed=seed,
        units=len(dataset.units),
        people=len(dataset.people),
        service_periods=len(dataset.periods),
        year_records=len(dataset.year_records),
        awards=len(dataset.awards),
        users=User.objects.count(),
        seconds=time.perf_counter() - started,
    )
