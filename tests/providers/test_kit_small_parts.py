"""Small kit pieces: ``kit/tables.py``, ``kit/times.iso_seconds``, ``kit/derived.py``, ``kit/simparts.EncodedIds``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any, ClassVar

import httpx

from providers.base import Connection
from providers.kit.adapter import HttpAdapter
from providers.kit.derived import derived_table
from providers.kit.pageflag import PageFlagPaging
from providers.kit.resources import Endpoints
from providers.kit.simparts import EncodedIds
from providers.kit.tables import account_table
from providers.kit.times import iso_seconds
from providers.records import Resource
from providers.sandbox import generate


def test_an_account_table_is_read_whole_and_kept() -> None:
    e = account_table(Resource.USER, dict, lambda p, c: [], "/users", params={"a": "b"})
    assert (e.list, e.whole, e.kept, e.paged, dict(e.params)) == ("/users", True, True, False, {"a": "b"})


def test_iso_seconds_keeps_the_offset() -> None:
    assert iso_seconds(datetime(2019, 2, 5, 21, 3, 16, 999, tzinfo=UTC)) == "2019-02-05T21:03:16+00:00"
    assert iso_seconds(datetime(2019, 2, 5, 1, tzinfo=timezone(timedelta(hours=2)))).endswith("+02:00")


class Lister(HttpAdapter):
    name: ClassVar[str] = "lister"
    default_base_url: ClassVar[str | None] = "http://lister.sim/api"
    paging = PageFlagPaging(max_size=2)
    resources = (
        Endpoints(
            Resource.APPLICATION, dict, lambda p, c: [], list="/apps", items="items", params={"all": "1"}
        ),
    )


async def test_a_derived_table_reads_every_page_once_and_keeps_it() -> None:
    seen: list[httpx.Request] = []
    items = [{"n": n} for n in range(5)]

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        page, flag = Lister.paging.serve(request.url.params, items, 2)
        return httpx.Response(200, json={"items": list(page), **flag})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handle)) as client:
        a = Lister(Connection("t", "lister"), client)

        def derive(payloads: Any) -> list[int]:
            return [p["n"] for p in payloads]

        e = a.endpoints(Resource.APPLICATION)
        assert await derived_table(a, "ns", e, derive, Resource.CANDIDATE) == [0, 1, 2, 3, 4]
        assert await derived_table(a, "ns", e, derive, Resource.CANDIDATE) == [0, 1, 2, 3, 4]
    assert len(seen) == 3  # three pages, once
    assert all(r.url.params["all"] == "1" for r in seen)


def test_encoded_ids_find_sandbox_records_by_the_simulators_ids() -> None:
    data = generate(seed=1, size=20)
    job = data.records(Resource.JOB)[0]
    number = int(job.id.rsplit("_", 1)[-1])
    ids = EncodedIds(data, lambda _r, i: str(int(i.rsplit("_", 1)[-1])), int)
    assert ids.record(Resource.JOB, str(number)) is job
    assert ids.record(Resource.JOB, f"00{number}") is job
    assert ids.record(Resource.JOB, "nope") is None
    assert EncodedIds(data, lambda _r, i: i).record(Resource.JOB, job.id) is job


def test_resource_of() -> None:
    from providers.kit.simparts import resource_of
    from providers.records import JobRecord

    assert resource_of(JobRecord(id="1", remote_id="1")) is Resource.JOB
