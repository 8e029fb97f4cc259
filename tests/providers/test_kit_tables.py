"""Account tables (``kit/tables.py``): declared whole and kept, and a batch's ids by name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar

import httpx
import pytest
import respx
from pydantic import ValidationError

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.credentials import ApiKeyCredentials
from providers.kit.mapping import At, Fn, RecordMap
from providers.kit.paging import OffsetPaging
from providers.kit.resources import Endpoints
from providers.kit.tables import account_table, by_name, ids_by_name
from providers.payload import WireModel
from providers.records import DepartmentRecord, JobRecord, Resource

BASE = "https://tables.example"


class Row(WireModel):
    id: str
    name: str | None = None
    team: str | None = None


DEPARTMENT = RecordMap(DepartmentRecord, {"id": At("id"), "name": At("name")})
JOB = RecordMap(
    JobRecord, {"id": At("id"), "department_ids": Fn(lambda o, c: (c["teams"][o.team],) if o.team else ())}
)


class Toy(HttpAdapter):
    name: ClassVar[str] = "toy-tables"
    default_base_url: ClassVar[str | None] = BASE
    credentials_model = ApiKeyCredentials
    paging = OffsetPaging(max_size=50)
    resources = (
        account_table(Resource.DEPARTMENT, Row, DEPARTMENT, "/teams", "data"),
        Endpoints(
            Resource.JOB,
            Row,
            JOB,
            list="/jobs",
            whole=True,
            paged=False,
            prepare=by_name(teams=Resource.DEPARTMENT),
        ),
    )


@pytest.fixture
async def toy() -> AsyncIterator[Toy]:
    async with httpx.AsyncClient() as http:
        made = Toy(Connection(name="t", provider="toy-tables", credentials={"api_key": "k"}), http)
        yield made
        await made.aclose()


@respx.mock
async def test_a_table_is_read_once_and_names_become_ids(toy: Toy) -> None:
    teams = respx.get(f"{BASE}/teams").respond(json={"data": [{"id": "d1", "name": "Ops"}, {"id": "d2"}]})
    respx.get(f"{BASE}/jobs").respond(json=[{"id": "j1", "team": "Ops"}])
    jobs: Any = await toy.get_jobs(["j1"])
    assert jobs[0].department_ids == ("d1",)
    found: Any = await toy.get_departments(["d2", "d1", "nope"])
    assert [d.id if d else None for d in found] == ["d2", "d1", None]
    assert teams.call_count == 1  # kept
    assert ids_by_name(found[:2]) == {"Ops": "d1"}  # a record without a name is left out


def test_api_key_credentials_take_the_key_alone() -> None:
    assert ApiKeyCredentials(api_key="k").api_key.get_secret_value() == "k"  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        ApiKeyCredentials.model_validate({"api_key": "k", "other": 1})
