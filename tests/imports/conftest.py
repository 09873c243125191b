"""English messages in import tests, so that assertions compare exact text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English (the msgids), whatever the .po file says."""
    with translation.override("en"):
        yield
