"""``RecordMap.read`` reads one-key :class:`At` fields and plain :class:`Fn` fields without
their ``read_into`` (a shortcut for the CPU per upstream call): every kind of field must read
exactly as its own ``read_into`` does, from a wire model and from a plain mapping alike."""

from __future__ import annotations

from typing import Any

from providers.kit.fieldspecs import Blank, Negated
from providers.kit.mapping import At, Fn, Json, RecordMap, Ref, Table, fn
from providers.payload import WireModel
from providers.records import JobRecord, JobStatus, Resource


class Inner(WireModel):
    id: str | None = None


class Payload(WireModel):
    id: str
    title: str | None = None
    code: str | None = None
    confidential: bool | None = None
    status: str | None = None
    department: Inner | None = None


JOB: RecordMap[JobRecord] = RecordMap(
    JobRecord,
    {
        "id": Ref("id", resource=Resource.JOB),  # a subclass keeping At's read_into
        "name": At("title"),
        "requisition_id": Blank("code"),  # a subclass with its own read_into
        "confidential": Negated("confidential"),
        "status": Table("status", {"open": JobStatus.OPEN}, JobStatus.OTHER, raw="raw_status"),
        "department_ids": Fn(lambda p, ctx: (ctx["department"],) if "department" in ctx else ()),
        "office_ids": fn(lambda p: (p.department.id,) if getattr(p, "department", None) else ()),
        "description": At("department.id"),  # two keys deep
    },
)


def reference_read(record_map: RecordMap[Any], payload: Any, ctx: Json) -> Any:
    """What ``read`` did before the shortcuts: every field through its own ``read_into``."""
    values: Json = {}
    for name, spec in record_map.fields.items():
        spec.read_into(name, payload, ctx, values)
    raw = getattr(payload, "raw", payload)
    return record_map.record(remote_id=values["id"], remote_data=raw, **values)


def test_every_kind_of_field_reads_as_its_own_read_into() -> None:
    wire = {"id": "j1", "title": "Engineer", "code": "", "confidential": True, "status": "open"}
    payloads: list[Any] = [
        Payload.model_validate(wire),
        Payload.model_validate({**wire, "department": {"id": "d1"}, "status": "paused", "code": "R7"}),
        {**wire, "department": {"id": "d2"}},  # a mapping: read by key
        {"id": "j2"},
    ]
    for payload in payloads:
        for ctx in ({}, {"department": "d9"}):
            assert JOB.read(payload, ctx) == reference_read(JOB, payload, ctx)
            assert JOB.read(payload, ctx).model_dump() == reference_read(JOB, payload, ctx).model_dump()


def test_an_attribute_missing_from_the_payload_reads_as_none() -> None:
    class Bare:
        id = "j3"

    bare = Bare()
    assert JOB.read(bare) == reference_read(JOB, bare, {})
    assert JOB.read(bare).name is None
