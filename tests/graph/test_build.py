"""``build`` copies a record's attribute dict whole; it must give what the type's own
``__init__`` gives, field for field, on a provider with every field and on one without some."""

from __future__ import annotations

from typing import Any

import pytest

import graph.schema  # noqa: F401  (registers every type)
from bench.measure import Harness
from graph.context import Context
from graph.types.common import NODE_TYPES, UnsupportedField, build, build_by_keywords, record_dict_shadows
from providers.records import Resource
from providers.sandbox.dataset import dataset


def test_every_type_is_built_from_the_record_dict() -> None:
    for resource, cls in NODE_TYPES.items():
        assert record_dict_shadows(cls, resource) is not None, resource


def _comparable(value: Any) -> Any:
    if isinstance(value, UnsupportedField):
        return ("unsupported", str(value), value.resource, value.operation)
    return value


@pytest.mark.parametrize("provider", ["sandbox", "workable", "ashby"])
async def test_the_record_dict_builds_what_init_builds(provider: str) -> None:
    data = dataset(42, 40)
    harness = Harness(provider, size=40, latency_ms=0)
    async with harness.pool() as (adapter, _):
        ctx = Context(adapter=adapter, settings=harness.settings, request_id="test")
        for resource, cls in NODE_TYPES.items():
            fields = cls.__strawberry_definition__.fields
            plain = [f.python_name for f in fields if f.base_resolver is None]
            resolved = [f.python_name for f in fields if f.base_resolver is not None]
            for record in data.records(resource)[:10]:
                fast, slow = build(resource, record, ctx), build_by_keywords(cls, resource, record, ctx)
                assert fast.record is slow.record is record
                for name in plain:
                    assert _comparable(getattr(fast, name)) == _comparable(getattr(slow, name)), (
                        resource,
                        name,
                    )
                # no copied record attribute may shadow a field the type resolves itself
                assert not set(resolved) & set(vars(fast)), resource
    if provider != "sandbox":
        assert any(ctx.unsupported[r] for r in Resource), "a provider lacking fields exercises the errors"
