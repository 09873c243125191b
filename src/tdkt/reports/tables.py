"""The year's figures laid out as the rows of the report page (labels in the user's language)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from tdkt.awards.catalogue import COLLECTIVE, INDIVIDUAL, award_name
from tdkt.common.enums import Gender
from tdkt.organisations.enums import Sector, UnitKind
from tdkt.people.enums import Category
from tdkt.reports.labels import UNKNOWN
from tdkt.reports.queries import YearFigures, award_order


def _label(choices: type[models.TextChoices], key: str) -> str:
    if key == UNKNOWN:
        return _("Not known")
    try:
        return str(choices(key).label)
    except ValueError:
        return key


def _keys(choices: type[models.TextChoices], found: dict[str, Any]) -> list[str]:
    return [c.value for c in choices if c.value in found] + ([UNKNOWN] if UNKNOWN in found else [])


def split_rows(
    groups: dict[str, dict[str, dict[str, int]]], choices: type[models.TextChoices]
) -> list[dict[str, Any]]:
    rows = []
    for key in _keys(choices, groups):
        collective = sum(c[COLLECTIVE] for c in groups[key].values())
        individual = sum(c[INDIVIDUAL] for c in groups[key].values())
        rows.append(
            {
                "key": key,
                "label": _label(choices, key),
                "collective": collective,
                "individual": individual,
                "total": collective + individual,
            }
        )
    return rows


def year_tables(f: YearFigures) -> dict[str, Any]:
    years = list(f.previous_years)
    rows = []
    for code in f.codes:
        counts = f.totals.get(code, {INDIVIDUAL: 0, COLLECTIVE: 0})
        rows.append(
            {
                "code": code,
                "name": award_name(code),
                "collective": counts[COLLECTIVE],
                "individual": counts[INDIVIDUAL],
                "total": counts[COLLECTIVE] + counts[INDIVIDUAL],
                "previous": [sum(f.previous_years[y].get(code, {}).values()) for y in years],
                "money": f.money_by_award.get(code, 0),
            }
        )
    codes = award_order(code for code, counts in f.totals.items() if counts[INDIVIDUAL])

    def person_row(
        key: str, label: str, counts: dict[str, int], first: bool = False
    ) -> dict[str, Any]:
        values = [counts.get(code, 0) for code in codes]
        return {"key": key, "label": label, "values": values, "total": sum(values), "first": first}

    person_rows = []
    for index, key in enumerate(_keys(Category, f.by_category)):
        person_rows.append(
            person_row(f"category-{key}", _label(Category, key), f.by_category[key], index == 0)
        )
    for index, key in enumerate(_keys(Gender, f.by_gender)):
        person_rows.append(
            person_row(f"gender-{key}", _label(Gender, key), f.by_gender[key], index == 0)
        )
    person_rows.append(person_row("frontline", _("Frontline workers"), f.frontline, True))
    person_rows.append(person_row("leaders", _("Holding a leading post"), f.leaders))
    return {
        "rows": rows,
        "previous_totals": [
            sum(sum(c.values()) for c in f.previous_years[y].values()) for y in years
        ],
        "sectors": split_rows(f.by_sector, Sector),
        "unit_kinds": split_rows(f.by_unit_kind, UnitKind),
        "individual_codes": [(code, award_name(code)) for code in codes],
        "person_rows": person_rows,
    }
