"""How a unit is named at the top of a document and in the place-date line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tdkt.common.text import clean_text
from tdkt.organisations.enums import UnitKind

if TYPE_CHECKING:
    from tdkt.organisations.models import Unit

# Administrative units whose documents are issued by their People's Committee.
LOCALITY_KINDS = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.WARD}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Phường ", "Xã ", "Thị trấn ")
COMMITTEE = "ỦY BAN NHÂN DÂN"


def issuing_body_lines(unit: Unit) -> tuple[str, ...]:
    """("ỦY BAN NHÂN DÂN", "QUẬN CẨM LỆ") for a locality, the unit's name otherwise."""
    if unit.kind in LOCALITY_KINDS:
        return (COMMITTEE, clean_text(unit.name).upper())
    return (clean_text(unit.name).upper(),)


def committee_name(unit: Unit) -> str:
    """ "Ủy ban nhân dân quận Cẩm Lệ" for a locality, the unit's name otherwise."""
    if unit.kind in LOCALITY_KINDS:
        name = clean_text(unit.name)
        return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return clean_text(unit.name)


def place_name(unit: Unit) -> str:
    """The place in the date line: the administrative unit's own name ("Cẩm Lệ")."""
    for candidate in (unit, *reversed(unit.ancestors())):
        if candidate.kind in LOCALITY_KINDS:
            name = clean_text(candidate.name)
            for prefix in _PREFIXES:
                if name.startswith(prefix):
                    return name[len(prefix) :]
            return name
    return clean_text(unit.short_name or unit.name)
