"""API test helpers: a DRF client and tokens for the role fixtures of tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from tdkt.api.services import create_token


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def token_for() -> Callable[..., str]:
    def make(user: Any, *, write: bool = False, name: str = "test") -> str:
        _token, key = create_token(user, name=name, write=write)
        return key

    return make


@pytest.fixture
def as_user(api: APIClient, token_for: Callable[..., str]) -> Callable[..., APIClient]:
    """The API client acting with a fresh token of `user`."""

    def use(user: Any, *, write: bool = False) -> APIClient:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user, write=write)}")
        return api

    return use
