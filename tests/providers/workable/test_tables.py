"""Account tables (a job's stages, disqualification reasons, members, departments) are read
once per adapter while fresh, however many depths and concurrent loaders ask."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import respx

from providers.errors import ProviderNotFound
from providers.query import Filter, ListQuery
from providers.workable import WorkableAdapter
from tests.shared import load_fixture

from .conftest import BASE

pytestmark = pytest.mark.shared


def fx(name: str) -> Any:
    return load_fixture("workable", name)


async def test_concurrent_readers_of_one_table_share_one_request(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        members = router.get("/members").respond(json=fx("GET_members.json"))
        stages = router.get("/jobs/9CD658E13E/stages").respond(json=fx("GET_jobs_shortcode_stages.json"))
        users, again, by_job, listed = await asyncio.gather(
            adapter.get_users(["missing"]),
            adapter.get_users(["other"]),
            adapter.list_job_interview_stages_by_job_ids(["9CD658E13E", "9CD658E13E"]),
            adapter.list_job_interview_stages(ListQuery(Filter(job_id="9CD658E13E"))),
        )
        later = await adapter.get_job_interview_stages(["9CD658E13E:offer"])
    assert members.call_count == 1
    assert stages.call_count == 1
    assert users == again == [None]
    assert by_job["9CD658E13E"] == listed.records
    assert later[0] is not None


async def test_disqualification_reasons_are_read_once_for_many_mappings(adapter: WorkableAdapter) -> None:
    page = fx("GET_candidates.json")
    assert any(c["disqualified"] and c["disqualification_reason"] for c in page["candidates"])
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        router.get("/candidates").respond(json={**page, "paging": {}})
        router.get(url__regex=r"/jobs/[A-Z0-9]+/stages$").respond(json=fx("GET_jobs_shortcode_stages.json"))
        reasons = router.get("/disqualification_reasons").respond(
            json=fx("GET_disqualification_reasons.json")
        )
        await asyncio.gather(*(adapter.list_applications(ListQuery()) for _ in range(3)))
        await adapter.list_candidates(ListQuery())
    assert reasons.call_count == 1


async def test_a_failed_table_read_is_retried_by_the_next_caller(adapter: WorkableAdapter) -> None:
    with respx.mock(base_url=BASE, assert_all_called=True) as router:
        route = router.get("/departments").mock(
            side_effect=[
                httpx.Response(404, json={"error": "Not found"}),
                httpx.Response(200, json=fx("GET_departments.json")),
            ]
        )
        with pytest.raises(ProviderNotFound):
            await adapter.list_departments(ListQuery())
        page = await adapter.list_departments(ListQuery())
    assert page.records
    assert route.call_count == 2
