from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from providers.base import Connection
from providers.workable import WorkableAdapter

TOKEN = "wk-test-token-7f3a9c"
SUBDOMAIN = "nangodev"
BASE = "https://nangodev.workable.com/spi/v3"


def make_adapter(
    client: httpx.AsyncClient, base_url: str | None = None, **credentials: Any
) -> WorkableAdapter:
    creds = {"api_token": TOKEN, "subdomain": SUBDOMAIN, **credentials}
    connection = Connection(name="acme-workable", provider="workable", base_url=base_url, credentials=creds)
    return WorkableAdapter(connection, http=client)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


@pytest.fixture
def adapter(client: httpx.AsyncClient) -> WorkableAdapter:
    return make_adapter(client)
