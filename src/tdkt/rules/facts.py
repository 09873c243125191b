"""What the engine judges: plain facts about people and units, with no database behind them.

Facts are closed-world: what is not stated did not happen (no title, no initiative, no
discipline, no leave, nothing pending). A missing grade or recruitment date cannot prove a
condition, so a condition that needs it fails and says what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

INDIVIDUAL = "individual"


@dataclass(frozen=True)
class Leave:
    """Absence in a year, in working days; `result` of long training (kha, gioi ...)."""

    kind: str
    days: int
    result: str | None = None


@dataclass(frozen=True)
class PersonYear:
    grade: str | None = None
    titles: frozenset[str] = frozenset()  # titles and forms already granted for this year
    initiatives: tuple[str, ...] = ()  # scopes of recognised initiatives
    research: tuple[str, ...] = ()  # scopes of accepted research work
    combat: tuple[str, ...] = ()  # scopes of recognised ingenuity in combat
    discipline: tuple[str, ...] = ()  # levels of disciplinary actions counting for the year
    leave: tuple[Leave, ...] = ()
    pending: bool = False  # discipline, investigation, inspection or complaint pending


EMPTY_PERSON_YEAR = PersonYear()


@dataclass(frozen=True)
class PersonFacts:
    id: str
    unit: str | None = None
    recruited_on: dt.date | None = None
    years: Mapping[int, PersonYear] = field(default_factory=dict)
    name: str = ""

    kind = INDIVIDUAL

    def year(self, year: int) -> PersonYear:
        return self.years.get(year, EMPTY_PERSON_YEAR)

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class UnitYear:
    grade: str | None = None  # the unit's own task-completion grade
    titles: frozenset[str] = frozenset()
    leads_clusters: tuple[str, ...] = ()  # levels of emulation clusters/blocks it led
    pending: bool = False


EMPTY_UNIT_YEAR = UnitYear()


@dataclass(frozen=True)
class UnitFacts:
    """A collective (or a household, village or commune) and its members in the judged year."""

    id: str
    kind: str = "collective"
    name: str = ""
    years: Mapping[int, UnitYear] = field(default_factory=dict)
    members: tuple[PersonFacts, ...] = ()

    def year(self, year: int) -> UnitYear:
        return self.years.get(year, EMPTY_UNIT_YEAR)

    @property
    def label(self) -> str:
        return self.name or self.id


Subject = PersonFacts | UnitFacts
