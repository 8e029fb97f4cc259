"""Per-opportunity reads that cannot finish within the operation's upstream budget are refused
before their first call, with the number of records that fit (``providers/kit/budget.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import httpx
import pytest

from graph.app import create_app
from graph.settings import default_settings
from providers.errors import UpstreamBudgetExceeded
from providers.kit.budget import how_many_fit
from providers.metering import UpstreamMeter, current_meter
from providers.query import ListQuery
from providers.records import Resource
from tests.graph.support import GraphQLClient

from .simulator_support import simulator, small_dataset, wired

ATTACHMENTS = """query($first: Int!) { candidates(first: $first) { edges { node {
  id attachments { id fileName } } } } }"""


@contextmanager
def metered(budget: int) -> Iterator[UpstreamMeter]:
    meter = UpstreamMeter(budget=budget)
    token = current_meter.set(meter)
    try:
        yield meter
    finally:
        current_meter.reset(token)


async def test_attachments_of_too_many_candidates_are_refused_before_any_call() -> None:
    data = small_dataset()
    async with wired(simulator(data)) as adapter:
        page = await adapter.list_candidates(ListQuery(page_size=100))
        ids = [c.id for c in page.records]
        opportunities = await adapter.opportunities_of_contacts(ids, adapter.ctx("candidate", "test"))
        needed = 2 * sum(len(o) for o in opportunities.values())  # /files and /resumes each
        assert needed > 2

        with metered(budget=needed - 1) as meter, pytest.raises(UpstreamBudgetExceeded) as refused:
            await adapter.list_attachments_by_candidate_ids(ids)
        assert meter.requests == 0  # the contacts were just read: nothing was sent
        message = refused.value.message
        assert f"these {len(ids)} candidates need {needed} upstream requests" in message
        assert f"{needed - 1} left" in message
        fit = how_many_fit([2 * len(o) for o in opportunities.values()], needed - 1)
        assert f"first: {fit}" in message or (fit == 0 and "none fit" in message)
        assert refused.value.provider == "lever"
        assert refused.value.resource == "attachment"

        with metered(budget=needed) as meter:
            found = await adapter.list_attachments_by_candidate_ids(ids)
        assert meter.requests == needed
        expected = {r.candidate_id for r in data.records(Resource.ATTACHMENT)}
        assert {c for c, records in found.items() if records} <= set(ids)
        assert expected & set(ids) <= {c for c, records in found.items() if records}


async def test_application_children_count_the_opportunity_reads_they_need() -> None:
    data = small_dataset()
    apps = sorted(a.id for a in data.records(Resource.APPLICATION))[:3]
    async with wired(simulator(data)) as adapter:
        # Nothing read yet: each opportunity costs its /interviews read and its own GET.
        with metered(budget=2 * len(apps) - 1) as meter, pytest.raises(UpstreamBudgetExceeded):
            await adapter.list_interviews_by_application_ids(apps)
        assert meter.requests == 0
        with metered(budget=2 * len(apps)) as meter:
            await adapter.list_interviews_by_application_ids(apps)
        assert meter.requests == 2 * len(apps)
        # Now known: one request each.
        with metered(budget=len(apps)) as meter:
            await adapter.list_interviews_by_application_ids(apps)
        assert meter.requests == len(apps)


async def test_the_demo_answers_a_page_of_attachments_or_says_which_first_fits() -> None:
    """The README-style query on the embedded lever-demo (default budget, 100 requests)."""
    settings = default_settings()
    connection = "lever-demo"
    only = replace(settings, connections={connection: settings.connections[connection]})
    app = create_app(replace(only, default_connection=connection))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hg.test") as http:
        gql = GraphQLClient(http)
        body = await gql.post(ATTACHMENTS, {"first": 40})
        errors: list[dict[str, Any]] = body.get("errors", [])
        assert errors
        assert {e["extensions"]["code"] for e in errors} == {"UPSTREAM_BUDGET_EXCEEDED"}
        assert body["extensions"]["upstream"]["requests"] < 10  # refused before the fan-out
        found = re.search(r"first: (\d+)", errors[0]["message"])
        assert found, errors[0]["message"]
        fit = int(found.group(1))
        assert 20 <= fit < 40

        body = await gql.post(ATTACHMENTS, {"first": fit})
        assert "errors" not in body, body["errors"]
        assert body["extensions"]["upstream"]["requests"] <= 100
        nodes = [e["node"] for e in body["data"]["candidates"]["edges"]]
        assert len(nodes) == fit
        assert any(n["attachments"] for n in nodes)
