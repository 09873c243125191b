"""Builders for facts and a copy of the shipped regime files that a test may break."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tdkt.rules.engine import Verdict, evaluate
from tdkt.rules.facts import Leave, PersonFacts, PersonYear, UnitFacts, UnitYear
from tdkt.rules.loader import REGIME_DIR, StrictLoader, load_rulebook
from tdkt.rules.regime import RuleBook

CASES_DIR = Path(__file__).parent / "cases"


@pytest.fixture(scope="session")
def book() -> RuleBook:
    return load_rulebook()


def _person(
    ident: str = "p",
    *,
    year: int = 2017,
    grade: str | None = "hoan_thanh_tot",
    titles: tuple[str, ...] = (),
    initiatives: tuple[str, ...] = (),
    research: tuple[str, ...] = (),
    discipline: tuple[str, ...] = (),
    leave: tuple[Leave, ...] = (),
    recruited_on: dt.date | None = dt.date(2010, 1, 1),
    unit: str | None = "u",
    pending: bool = False,
    history: dict[int, PersonYear] | None = None,
) -> PersonFacts:
    years = dict(history or {})
    years[year] = PersonYear(
        grade=grade,
        titles=frozenset(titles),
        initiatives=initiatives,
        research=research,
        discipline=discipline,
        leave=leave,
        pending=pending,
    )
    return PersonFacts(id=ident, unit=unit, recruited_on=recruited_on, years=years)


def _unit(
    members: tuple[PersonFacts, ...],
    *,
    ident: str = "u",
    year: int = 2017,
    grade: str | None = "hoan_thanh_tot",
    kind: str = "collective",
    leads: tuple[str, ...] = (),
) -> UnitFacts:
    return UnitFacts(
        id=ident,
        kind=kind,
        years={year: UnitYear(grade=grade, leads_clusters=leads)},
        members=members,
    )


@pytest.fixture
def judge_one(book: RuleBook) -> Callable[..., Verdict]:
    def run(subject: PersonFacts | UnitFacts, award: str, on: str, year: int = 2017) -> Verdict:
        return evaluate(
            subject, award, year=year, decision_date=dt.date.fromisoformat(on), book=book
        )

    return run


@pytest.fixture
def regime_dir(tmp_path: Path) -> Path:
    """A writable copy of the shipped regime files."""
    target = tmp_path / "regimes"
    shutil.copytree(REGIME_DIR, target)
    return target


def _edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    with open(path, encoding="utf-8") as fh:
        doc = yaml.load(fh, Loader=StrictLoader)
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _write_yaml(path: Path, doc: Any) -> Path:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def make_person() -> Callable[..., PersonFacts]:
    return _person


@pytest.fixture
def make_unit() -> Callable[..., UnitFacts]:
    return _unit


@pytest.fixture
def edit_yaml() -> Callable[[Path, Callable[[Any], None]], None]:
    return _edit_yaml


@pytest.fixture
def write_yaml() -> Callable[[Path, Any], Path]:
    return _write_yaml
