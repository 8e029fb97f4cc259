"""Contract: a full listing, read page by page, yields every record of the sandbox once, and a
listing's cursor resumes it on another adapter (nothing kept in the one that made it)."""

from __future__ import annotations

import pytest

from providers.base import ProviderAdapter
from providers.query import ListQuery
from providers.records import Resource

from .harness import DATA, LISTED, PAGE, SIMULATED, Simulated, simulated, simulation, whole_listing

LISTINGS = [
    pytest.param(cls, resource, id=f"{cls.name}-{resource.value}")
    for cls in SIMULATED
    for resource in LISTED
    if cls.can_list(resource)
]


async def read_all(adapter: ProviderAdapter, resource: Resource, page_size: int) -> tuple[list[str], int]:
    """The ids of a whole listing, and how many pages it took."""
    pages = await whole_listing(adapter, resource, page_size)
    return [r.id for page in pages for r in page.records], len(pages)


@pytest.mark.parametrize(("provider", "resource"), LISTINGS)
async def test_listing_page_by_page_yields_every_record_once(
    provider: type[ProviderAdapter], resource: Resource
) -> None:
    expected = len(DATA.records(simulation(provider).listing_source(resource)))
    async with simulated(provider) as sim:
        paged, pages = await read_all(sim.adapter(), resource, PAGE)
        whole, _ = await read_all(sim.adapter(), resource, provider.max_page_size)
    assert len(paged) == len(set(paged)) == expected
    assert pages == -(-expected // PAGE)
    assert set(paged) == set(whole)  # the same records, whatever the page size


@pytest.mark.parametrize(("provider", "resource"), LISTINGS)
async def test_a_cursor_resumes_the_listing_on_a_fresh_adapter(
    provider: type[ProviderAdapter], resource: Resource
) -> None:
    total = len(DATA.records(simulation(provider).listing_source(resource)))
    async with simulated(provider) as sim:
        first = await sim.adapter().list(resource, ListQuery(page_size=PAGE))
        assert first.next_cursor is not None
        second = await sim.adapter().list(resource, ListQuery(page_size=PAGE, cursor=first.next_cursor))
        again = await sim.adapter().list(resource, ListQuery(page_size=PAGE, cursor=first.next_cursor))
    resumed = [r.id for r in second.records]
    assert resumed == [r.id for r in again.records]
    assert len(resumed) == min(PAGE, total - PAGE)
    assert not {r.id for r in first.records} & set(resumed)


async def test_every_enrolled_provider_lists_what_the_contract_reads(sim: Simulated) -> None:
    assert any(sim.cls.can_list(r) for r in LISTED), f"{sim.name} lists none of {LISTED}"
