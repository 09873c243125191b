from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tdkt.api.services import create_token


@pytest.fixture
def as_user_write() -> Callable[[Any], APIClient]:
    """An API client with a fresh write token of `user`."""

    def use(user: Any) -> APIClient:
        api = APIClient()
        _token, key = create_token(user, name="test", write=True)
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return api

    return use
