"""The demo loaded once per module into the test database, and wiped again afterwards so that
other test modules start from empty tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tdkt.demo.loader import LoadSummary, load, wipe


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[LoadSummary]:
    with django_db_blocker.unblock():
        summary = load(reset=True)
    yield summary
    with django_db_blocker.unblock():
        wipe()
