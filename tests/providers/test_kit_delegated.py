"""``providers/kit/delegated.py``: read methods installed by name over one generic method."""

from __future__ import annotations

from collections.abc import Sequence

from providers.kit.delegated import delegate_reads
from providers.records import Resource


class Adapter:
    async def one_by_one(self, kind: Resource, ids: Sequence[str]) -> list[str]:
        return [f"{kind.value}:{i}" for i in ids]

    async def under(self, kind: Resource, ids: Sequence[str]) -> dict[str, str]:
        return {i: kind.plural for i in ids}


delegate_reads(Adapter, Resource.OFFER, get="one_by_one", by={"application": "under", "candidate": "under"})
delegate_reads(Adapter, Resource.INTERVIEW, by={"application": "under"})


async def test_the_installed_methods_call_the_generic_one_with_their_resource() -> None:
    a = Adapter()
    assert await a.get_offers(["1"]) == ["offer:1"]  # type: ignore[attr-defined]
    assert await a.list_offers_by_application_ids(["2"]) == {"2": "offers"}  # type: ignore[attr-defined]
    assert await a.list_offers_by_candidate_ids(["3"]) == {"3": "offers"}  # type: ignore[attr-defined]
    assert await a.list_interviews_by_application_ids(["4"]) == {"4": "interviews"}  # type: ignore[attr-defined]
    assert not hasattr(a, "get_interviews")
    assert Adapter.get_offers.__name__ == "get_offers"  # type: ignore[attr-defined]
