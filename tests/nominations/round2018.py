"""Fixtures and helpers of the nominations and councils tests (imported by the conftest of
both folders): a 2018 round of Quận Cẩm Lệ on the shared `tree`. Ward A (Hòa Thọ Đông) has
Nguyễn Thị Ánh and seven more staff graded for 2018; ward B (Khuê Trung) has Trần Văn Bình.
Decisions are expected on 15/01/2019, so the r2017 rules (ND 91/2017) judge them. Today is
frozen at 10/12/2018, a Monday.

Helpers take a dossier through the services to a given stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tdkt.common import clock
from tdkt.common.enums import Grade
from tdkt.nominations import services
from tdkt.nominations.enums import DayUnit, DossierKind
from tdkt.nominations.models import Disclosure, Dossier, Nomination
from tdkt.people.models import Person, YearRecord

YEAR = 2018
DECISION_DATE = dt.date(2019, 1, 15)
TODAY = dt.date(2018, 12, 10)
STAFF = (
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Đỗ Thị Giang",
    "Bùi Văn Hải",
    "Võ Thị Kim",
    "Đặng Văn Long",
)


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def _catalogue_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue compiled from docs/i18n/*.tsv, as the lead's merge will make it."""
    import polib

    folder = tmp_path_factory.mktemp("locale")
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "vi"}
    for table in sorted((ROOT / "docs/i18n").glob("*.tsv")):
        for line in table.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                continue
            source, target = line.split("\t", 1)
            context = None
            if "|" in source:
                context, source = source.split("|", 1)
            entry = catalogue.find(source, msgctxt=context)
            if entry is None:
                catalogue.append(
                    polib.POEntry(msgctxt=context, msgid=source, msgstr=target.strip())
                )
            else:
                entry.msgstr = target.strip()
    target_dir = folder / "vi" / "LC_MESSAGES"
    target_dir.mkdir(parents=True)
    catalogue.save_as_mofile(str(target_dir / "django.mo"))
    return folder


@pytest.fixture(autouse=True)
def vietnamese_messages(settings: Any, _catalogue_dir: Path) -> None:
    """Messages of these apps in Vietnamese, before the lead has merged them into the .po."""
    settings.LOCALE_PATHS = [_catalogue_dir, *settings.LOCALE_PATHS]


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def round2018(tree: SimpleNamespace, person_factory: Any) -> SimpleNamespace:
    """Grades of 2018: Ánh excellent, Bình good, the seven staff of ward A good; everyone
    recruited on 01/09/2010."""
    YearRecord.objects.create(person=tree.anh, year=YEAR, unit=tree.ward_a, grade=Grade.EXCELLENT)
    YearRecord.objects.create(person=tree.binh, year=YEAR, unit=tree.ward_b, grade=Grade.GOOD)
    staff = []
    for index, name in enumerate(STAFF):
        person = person_factory(name, tree.ward_a, birth_date=dt.date(1980 + index, 5, 1))
        YearRecord.objects.create(person=person, year=YEAR, unit=tree.ward_a, grade=Grade.GOOD)
        staff.append(person)
    tree.staff = staff
    Person.objects.filter(pk__in=[tree.anh.pk, tree.binh.pk, *(p.pk for p in staff)]).update(
        recruited_on=dt.date(2010, 9, 1)
    )
    for person in (tree.anh, tree.binh, *staff):
        person.refresh_from_db()
    return tree


def make_dossier(unit: Any, actor: Any, **fields: Any) -> Dossier:
    fields.setdefault("kind", DossierKind.YEARLY)
    fields.setdefault("year", YEAR)
    fields.setdefault("title", "Đề nghị khen thưởng tổng kết năm 2018")
    fields.setdefault("decision_date", DECISION_DATE)
    return services.create_dossier(unit=unit, actor=actor, **fields)


def nominate(
    dossier: Dossier, actor: Any, person: Person, award: str = "lao_dong_tien_tien"
) -> Nomination:
    dossier.refresh_from_db()
    return services.add_nomination(
        dossier,
        version=dossier.version,
        actor=actor,
        award_code=award,
        person=person,
        achievement="Hoàn thành tốt nhiệm vụ năm 2018",
    )


def submit(dossier: Dossier, actor: Any) -> Dossier:
    dossier.refresh_from_db()
    return services.submit_dossier(dossier, version=dossier.version, actor=actor)


def accept_all(dossier: Dossier, actor: Any) -> Dossier:
    dossier.refresh_from_db()
    decisions = {
        n.pk: services.Appraisal(accept=True) for n in dossier.nominations.filter(state="submitted")
    }
    return services.appraise_dossier(dossier, decisions, version=dossier.version, actor=actor)


def publish(
    nominations: list[Nomination],
    actor: Any,
    unit: Any,
    published_on: dt.date = TODAY,
    days: int = 5,
) -> Disclosure:
    return services.open_disclosure(
        nominations,
        title="Danh sách đề nghị khen thưởng năm 2018",
        unit=unit,
        published_on=published_on,
        days=days,
        day_unit=DayUnit.WORKING_DAYS,
        actor=actor,
    )


@pytest.fixture
def appraised(round2018: SimpleNamespace, unit_officer: Any, secretariat_user: Any) -> Dossier:
    """Ward A's dossier with Ánh and two staff for LĐTT, submitted and accepted."""
    dossier = make_dossier(round2018.ward_a, unit_officer)
    for person in (round2018.anh, *round2018.staff[:2]):
        nominate(dossier, unit_officer, person)
    submit(dossier, unit_officer)
    accept_all(dossier, secretariat_user)
    dossier.refresh_from_db()
    return dossier
