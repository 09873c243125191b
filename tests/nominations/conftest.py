"""The 2018 round of Quận Cẩm Lệ (round2018.py) for the nominations tests."""

from tests.nominations.round2018 import (  # noqa: F401
    _catalogue_dir,
    appraised,
    frozen_today,
    round2018,
    vietnamese_messages,
)
