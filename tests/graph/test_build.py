"""``build`` copies a record's attribute dict whole; it must give what the type's own
``__init__`` gives with every field as a keyword, field for field, on a provider with every
field and on providers without some."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry

import graph.schema  # noqa: F401  (registers every type)
from bench.measure import Harness
from graph.context import Context
from graph.types.common import NODE_TYPES, UnsupportedField, build, node_type
from providers.records import Resource
from providers.sandbox.dataset import dataset


def test_a_type_with_a_field_its_record_lacks_is_refused_at_registration() -> None:
    @strawberry.type
    class Odd:
        id: strawberry.ID
        remote_id: str | None = None
        record: strawberry.Private[Any] = None
        not_on_the_record: str | None = None

    registered = NODE_TYPES[Resource.TAG]
    with pytest.raises(TypeError, match="not_on_the_record"):
        node_type(Resource.TAG)(Odd)
    assert NODE_TYPES[Resource.TAG] is registered


def _by_keywords(cls: type[Any], resource: Resource, record: Any, ctx: Context) -> Any:
    """The type's own ``__init__`` with every plain field as a keyword (the reference)."""
    values = {}
    for field in cls.__strawberry_definition__.fields:
        name = field.python_name
        if field.base_resolver is not None or name in ("id", "remote_id", "record"):
            continue
        spec = (name[len("raw_") :] if name.startswith("raw_") else name).rstrip("_")
        if spec in ctx.unsupported[resource]:
            values[name] = UnsupportedField(
                f"{ctx.adapter.title or ctx.adapter.name} has no {resource.value}.{spec} field",
                resource=resource.value,
                operation=spec,
            )
        else:
            values[name] = getattr(record, name)
    return cls(id=record.id, remote_id=record.remote_id, record=record, **values)


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
                fast, slow = build(resource, record, ctx), _by_keywords(cls, resource, record, ctx)
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
