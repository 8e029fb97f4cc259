"""Contract: a query parameter a simulator cannot read is never an unhandled exception (the
simulator's 500): a time filter that is no time is the client's error, refused in the
provider's own error format, and a page parameter that is no number is refused or ignored, as the
provider's API does."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from providers.errors import ProviderNotFound, ProviderResponseInvalid
from providers.kit.adapter import HttpAdapter
from providers.kit.pathpages import PathPagedAdapter
from providers.kit.resources import Endpoints

from .harness import Simulated


def _adapter(sim: Simulated) -> HttpAdapter:
    adapter = sim.adapter()
    assert isinstance(adapter, HttpAdapter)
    return adapter


def _listed(adapter: HttpAdapter) -> Iterator[Endpoints]:
    return (e for e in adapter.resources if isinstance(e.list, str) and "{" not in e.list)


async def _ask(adapter: HttpAdapter, e: Endpoints, name: str) -> None:
    await adapter.call(e.list or "", adapter.ctx(e.resource, "list"), {name: "nonsense"})


async def test_a_time_filter_that_is_no_time_is_a_4xx(sim: Simulated) -> None:
    adapter = _adapter(sim)
    asked = [
        (e, p.name)
        for e in _listed(adapter)
        for name, p in e.filters.items()
        if p.parse is not str or name.value.endswith(("_after", "_before"))
    ]
    if not asked:
        pytest.skip(f"{sim.name} declares no time filter (nor a parsed one) on a list path")
    for e, name in asked:
        with pytest.raises(ProviderResponseInvalid) as info:  # what a 4xx refusal is
            await _ask(adapter, e, name)
        assert info.value.provider == sim.name, (e.resource, name)


async def test_a_page_parameter_that_is_no_number_is_refused_or_ignored(sim: Simulated) -> None:
    adapter = _adapter(sim)
    if isinstance(adapter, PathPagedAdapter):
        pytest.skip(f"{sim.name} pages in the path: the adapter writes the number there itself")
    first = adapter.paginator.request(None, 5).params
    numeric = [name for name, value in first.items() if str(value).isdigit()]
    if not numeric:
        pytest.skip(f"{sim.name}'s first page sends no number in the query")
    for e in _listed(adapter):
        for name in numeric:
            with contextlib.suppress(ProviderResponseInvalid, ProviderNotFound):  # a 4xx: refused
                await _ask(adapter, e, name)
