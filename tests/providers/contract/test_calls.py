"""Contract: what reads by id and by parent cost upstream. Ids asked twice in a batch are read
once, and a relationship of a page of records, loaded as the gateway loads it (by id when the
owner lists the ids, else one by-parent batch), costs what the provider's declared call model
(``providers/<p>/calls.py``, applied by ``bench/minimum.py``) says: no more, no less."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, cast

import pytest

from bench.minimum import minimum
from graph.types import application, candidate, job
from graph.types.relations import Children
from loaders.registry import Loaders
from providers.base import ProviderAdapter
from providers.query import ListQuery
from providers.records import Resource

from .harness import PAGE, SIMULATED, Simulated, simulated

if TYPE_CHECKING:
    from graph.context import Context


async def some_candidates(sim: Simulated) -> list[str]:
    if not sim.cls.can_get(Resource.CANDIDATE):
        pytest.skip(f"{sim.name} reads no candidate by id")
    page = await sim.adapter().list(Resource.CANDIDATE, ListQuery(page_size=PAGE))
    return [r.id for r in page.records][:3]


async def test_get_many_answers_every_id_in_place_repeats_included(sim: Simulated) -> None:
    ids = await some_candidates(sim)
    asked = ids + ids[::-1]
    found = await sim.adapter().get_many(Resource.CANDIDATE, asked)
    assert [r.id if r else None for r in found] == asked


async def test_ids_asked_twice_in_a_batch_are_read_once(sim: Simulated) -> None:
    ids = await some_candidates(sim)
    once = await sim.requests_of(sim.adapter().get_many(Resource.CANDIDATE, ids))
    loaders = Loaders(sim.adapter())
    repeated = await sim.requests_of(loaders.load_many(Resource.CANDIDATE, ids * 3))
    assert repeated == once
    # The adapter too, not only the loader in front of it (providers/base.py get_many).
    assert await sim.requests_of(sim.adapter().get_many(Resource.CANDIDATE, ids * 3)) == once


@dataclass(frozen=True)
class LoadersOnly:
    """What a relationship's ``request`` and ``reached`` use of the request context."""

    loaders: Loaders


BY_PARENT: Final = (
    # (relationship, the root field its owners are listed by)
    (candidate.APPLICATIONS, "candidates"),
    (application.INTERVIEWS, "applications"),
    (application.OFFERS, "applications"),
    (application.SCORECARDS, "applications"),
    (job.STAGES, "jobs"),
)


def served(cls: type[ProviderAdapter], relation: Children) -> bool:
    """Whether the provider serves ``relation``: by parent, or by id when the owner lists ids."""
    by_id = relation.known_ids_attribute is not None and cls.can_get(relation.target)
    return by_id or cls.can_list_children(relation.target, relation.parent)


RELATIONSHIPS = [
    pytest.param(cls, relation, root, id=f"{cls.name}-{relation.owner.value}.{relation.field}")
    for cls in SIMULATED
    for relation, root in BY_PARENT
    if cls.can_list(relation.owner) and served(cls, relation)
]


@pytest.mark.parametrize(("provider", "relation", "root"), RELATIONSHIPS)
async def test_a_pages_relationship_costs_what_the_call_model_says(
    provider: type[ProviderAdapter], relation: Children, root: str
) -> None:
    """One level of a response, loaded as the gateway's lookahead loads it (the relationship's
    own ``request``): the requests it costs are the model's for that level."""
    async with simulated(provider) as sim:
        loaders = Loaders(sim.adapter())
        page = await loaders.page(relation.owner, ListQuery(page_size=PAGE))
        ctx = cast("Context", LoadersOnly(loaders))
        before = sim.faults.requests
        started = [relation.request(ctx, owner) for owner in page.records]
        await Loaders.landed(loader for loader in started if loader is not None)
        measured = sim.faults.requests - before
        roots = [
            # more than ids under the relationship: its records must be read
            {
                "id": owner.id,
                relation.field: [{"id": r.id, "remoteId": None} for r in relation.reached(ctx, owner)],
            }
            for owner in page.records
        ]
    assert measured == sum(minimum(provider.name, root, roots).by_level[1:2])
