"""One importer per kind of file: check every row first (plan), then write in bulk (write)."""

from __future__ import annotations

from tdkt.imports.kinds.awards import AwardsImporter
from tdkt.imports.kinds.base import Importer
from tdkt.imports.kinds.people import PeopleImporter
from tdkt.imports.kinds.year_records import YearRecordsImporter
from tdkt.imports.models import ImportKind

IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.PEOPLE: PeopleImporter,
    ImportKind.YEAR_RECORDS: YearRecordsImporter,
    ImportKind.AWARDS: AwardsImporter,
}

__all__ = ["IMPORTERS", "Importer"]
