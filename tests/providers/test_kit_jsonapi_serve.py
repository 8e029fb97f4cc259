"""The kit's JSON:API server side for simulators (``kit/jsonapi_serve.py``): compound
documents, the request documents of writes and their errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from providers.errors import WriteRefused
from providers.kit.jsonapi import Rel
from providers.kit.jsonapi_serve import (
    Documents,
    include_tree,
    linked_id,
    request_data,
    sandbox_number,
    write_endpoint,
)
from providers.kit.mapping import At, RecordMap, Ref
from providers.kit.simulator import Refused
from providers.records import DepartmentRecord, JobRecord, Resource
from providers.sandbox import generate

R = Resource
DATA = generate(5, 30)


class Jobs(Documents):
    kinds = {"jobs": R.JOB, "departments": R.DEPARTMENT}
    maps = {
        "jobs": RecordMap(
            JobRecord,
            {
                "id": Ref("id", resource=R.JOB),
                "name": At("attributes.job_title"),
                "department_ids": Rel("department", R.DEPARTMENT, "departments", as_tuple=True, unknown=()),
            },
            template={"type": "jobs"},
        ),
        "departments": RecordMap(
            DepartmentRecord, {"id": Ref("id", resource=R.DEPARTMENT)}, template={"type": "departments"}
        ),
    }
    dashed = True


def test_include_paths_become_a_tree() -> None:
    assert include_tree("a.b,a.c,d") == {"a": {"b": {}, "c": {}}, "d": {}}
    assert include_tree(None) == {}


def test_a_compound_document_links_and_includes_only_what_was_asked() -> None:
    job = next(j for j in DATA.records(R.JOB) if isinstance(j, JobRecord) and j.department_ids)
    render = Jobs(DATA, "https://x.test/v1")
    assert sandbox_number("job_000042") == "42"
    assert render.record(R.JOB, sandbox_number(job.id)) == job
    plain = render.document([job], None, one=True)
    assert "included" not in plain
    assert "data" not in plain["data"]["relationships"]["department"]
    assert plain["data"]["attributes"] == {"job-title": job.name}
    assert plain["data"]["links"]["self"] == f"https://x.test/v1/jobs/{sandbox_number(job.id)}"
    full = render.document([job, job], "department")
    linkage = full["data"][0]["relationships"]["department"]["data"]
    assert linkage == {"type": "departments", "id": sandbox_number(job.department_ids[0])}
    assert len(full["data"]) == 2
    assert [(o["type"], o["id"]) for o in full["included"]] == [("departments", linkage["id"])]


def test_a_request_document_is_read_or_refused() -> None:
    data = request_data(b'{"data": {"type": "a", "relationships": {"job": {"data": {"id": 7}}}}}')
    assert linked_id(data, "job") == "7"
    assert linked_id(data, "stage") is None
    for raw in (b"{", b"[]", b'{"data": []}'):
        with pytest.raises(Refused) as caught:
            request_data(raw)
        assert caught.value.status == 400


async def test_a_write_endpoint_answers_refusals_as_errors_with_pointers() -> None:
    def handler(request: Request, data: dict[str, Any]) -> dict[str, Any]:
        kind = data.get("type")
        if kind == "refused":
            raise Refused(422, "no", "/data/attributes/x")
        if kind == "sandbox":
            raise WriteRefused("bad job", provider="p", connection="c", field="input.jobId")
        return {"data": data}

    app = Starlette(
        routes=[Route("/w", write_endpoint(handler, 201, {"input.jobId": "/data/job"}), methods=["POST"])]
    )
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")
    ok = await client.post("/w", json={"data": {"type": "ok"}})
    assert (ok.status_code, ok.json()) == (201, {"data": {"type": "ok"}})
    no = await client.post("/w", json={"data": {"type": "refused"}})
    assert no.status_code == 422
    assert no.json()["errors"][0]["source"] == {"pointer": "/data/attributes/x"}
    sandbox = (await client.post("/w", json={"data": {"type": "sandbox"}})).json()["errors"][0]
    assert (sandbox["detail"], sandbox["source"]) == ("bad job", {"pointer": "/data/job"})
    bad = await client.post("/w", content=b"nope")
    assert bad.status_code == 400
    assert "source" not in bad.json()["errors"][0]
