"""The kit's JSON:API server side for simulators (``kit/jsonapi_serve.py``): compound
documents, the request documents of writes and their errors."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from providers.errors import WriteRefused
from providers.kit.adapter import HttpAdapter
from providers.kit.jsonapi import PageNumbers, Rel, errors_body
from providers.kit.jsonapi_serve import (
    DocumentRoutes,
    Documents,
    include_tree,
    linked_id,
    members,
    of_type,
    request_data,
    required_text,
    sandbox_number,
    write_endpoint,
)
from providers.kit.mapping import At, Json, RecordMap, Ref
from providers.kit.paging import PageNumberPaging
from providers.kit.resources import Child, Endpoints, Param
from providers.kit.simserver import SimServer
from providers.kit.simulator import Refused
from providers.query import FilterName
from providers.records import ActivityType, DepartmentRecord, JobRecord, Record, Resource
from providers.sandbox import generate

F = FilterName
R = Resource
DATA = generate(5, 30)


class Jobs(Documents):
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


def test_a_required_attribute_is_text_or_refused_as_blank() -> None:
    data = {"attributes": {"note": "hi", "spaces": "  ", "empty": "", "number": 5}}
    assert required_text(data, "note") == "hi"
    assert required_text(data, "spaces") == "  "
    for name, stripped in (("spaces", True), ("empty", False), ("number", False), ("absent", False)):
        with pytest.raises(Refused) as caught:
            required_text(data, name, stripped=stripped)
        refused = caught.value
        assert (refused.status, refused.message, refused.pointer) == (
            422,
            f"{name} can't be blank",
            f"/data/attributes/{name}",
        )
    with pytest.raises(Refused):
        required_text({}, "note")


def test_attributes_or_relationships_that_are_no_object_are_refused_where_they_are() -> None:
    assert members({}, "attributes") == {}
    for empty in (None, [], {}, "", 0, False):  # an empty value is none, as it always read
        assert members({"relationships": empty}, "relationships") == {}
    for wrong in (3, True, "text", [1], 1.5):
        for name in ("attributes", "relationships"):
            with pytest.raises(Refused) as caught:
                members({name: wrong}, name)
            refused = caught.value
            assert (refused.status, refused.message, refused.pointer) == (
                422,
                f"{name} must be an object",
                f"/data/{name}",
            )
        with pytest.raises(Refused):
            linked_id({"relationships": wrong}, "job")
        with pytest.raises(Refused):
            required_text({"attributes": wrong}, "note")


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


class JobsApi(HttpAdapter):
    name: ClassVar[str] = "jobs"
    paging = PageNumbers("", "/v1", 30, ("links", "next"), size_param="page[size]")
    resources = (
        Endpoints(
            R.JOB,
            dict,
            lambda p, _c: p,
            list="/jobs",
            get="/jobs/{id}",
            filters={F.CREATED_AFTER: Param("from", parse=datetime.fromisoformat)},
            children={"department": Child(path="/departments/{id}/jobs"), "office": Child(param="office")},
        ),
    )


def sim() -> httpx.AsyncClient:
    server = SimServer(
        authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "S"), error=errors_body
    )
    routes = DocumentRoutes(DATA, server, Jobs(DATA), JobsApi, 2, lambda n, p: {"count": n, "pages": p})
    app = server.app("/v1", JobsApi.resources, routes.routes())
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")


async def test_document_routes_serve_every_declared_path() -> None:
    jobs = [j for j in DATA.records(R.JOB) if isinstance(j, JobRecord)]
    client = sim()
    first = (await client.get("/v1/jobs", params={"sort": "-name"})).json()
    assert first["meta"] == {"count": len(jobs), "pages": -(-len(jobs) // 2)}
    names = sorted((j.name or "" for j in jobs), reverse=True)[:2]
    assert [o["attributes"]["job-title"] for o in first["data"]] == names
    assert "page%5Bnumber%5D=2" in first["links"]["next"]
    at = jobs[0].created_at
    assert at is not None
    later = (await client.get("/v1/jobs", params={"from": at.isoformat(), "page[size]": 30})).json()
    assert len(later["data"]) == sum(1 for j in jobs if j.created_at and j.created_at >= at)
    one = await client.get(f"/v1/jobs/{sandbox_number(jobs[0].id)}", params={"include": "department"})
    assert one.json()["data"]["id"] == sandbox_number(jobs[0].id)
    assert (await client.get("/v1/jobs/999999")).json()["errors"][0]["status"] == "404"
    assert (await client.get("/v1/departments/999999/jobs")).status_code == 404
    department = jobs[0].department_ids[0]
    under = (await client.get(f"/v1/departments/{sandbox_number(department)}/jobs")).json()
    assert under["meta"]["count"] == sum(1 for j in jobs if department in j.department_ids)
    assert (await client.get("/v1/jobs", params={"page[size]": "x"})).status_code == 400
    office = next(o for j in jobs for o in j.office_ids)
    at_office = (await client.get("/v1/jobs", params={"office": sandbox_number(office)})).json()
    assert at_office["meta"]["count"] == sum(1 for j in jobs if office in j.office_ids)
    assert (await client.get("/v1/jobs", params={"office": "999999"})).json()["data"] == []


def test_write_helpers_fork_the_dataset_and_refuse_unknown_ids() -> None:
    data = generate(3, 10)
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "S"))
    routes = DocumentRoutes(data, server, Jobs(data), JobsApi, 2)
    writer = routes.writer("toy")
    assert routes.data is not data
    assert routes.render.data is routes.data
    assert writer is not None
    assert routes.writer("toy") is not None
    assert routes.data.writable
    job = routes.data.records(R.JOB)[0]
    assert routes.sandbox_id(R.JOB, sandbox_number(job.id), "input.jobId", "/p") == job.id
    with pytest.raises(Refused) as caught:
        routes.sandbox_id(R.JOB, "999999", "input.jobId", "/p")
    assert (caught.value.status, caught.value.pointer) == (422, "/p")
    with pytest.raises(Refused) as missing:
        routes.sandbox_id(R.JOB, None, "input.jobId", None)
    assert missing.value.status == 422


async def test_a_write_route_answers_the_written_record_as_a_document() -> None:
    data = generate(3, 10)
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "S"))
    routes = DocumentRoutes(data, server, Jobs(data), JobsApi, 2)

    def handler(request: Request, _body: dict[str, Any], _w: Any) -> Any:
        return routes.at_path(request, R.JOB)

    app = Starlette(routes=[Route("/jobs/{id}", routes.write_route(handler, 201), methods=["PATCH"])])
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")
    job = next(j for j in data.records(R.JOB) if isinstance(j, JobRecord) and j.department_ids)
    done = await client.patch(
        f"/jobs/{sandbox_number(job.id)}", params={"include": "department"}, json={"data": {"type": "jobs"}}
    )
    assert done.status_code == 201
    assert done.json()["data"]["id"] == sandbox_number(job.id)
    assert [o["type"] for o in done.json()["included"]] == ["departments"]
    assert routes.data is not data  # forked by the write
    missing = await client.patch("/jobs/999999", json={"data": {"type": "jobs"}})
    assert missing.status_code == 404


class Linked(Jobs):
    """Every relationship's linkage, an extra field, and one made-up part per job."""

    all_linkage = True
    extra_fields = {"jobs": frozenset({"job-title"})}

    def object(self, record: Record, kind: str | None = None) -> Json:
        out = super().object(record, kind)
        if out["type"] == "jobs":
            out["relationships"]["parts"] = {"data": [{"type": "parts", "id": f"{out['id']}p"}]}
        return out

    def parts(self, record: Record) -> list[Json]:
        ident = sandbox_number(record.id)
        if not isinstance(record, JobRecord):
            return []
        department = {"data": {"type": "departments", "id": sandbox_number(record.department_ids[0])}}
        return [{"type": "parts", "id": f"{ident}p", "relationships": {"department": department}}]


def test_linkage_for_every_relationship_extra_fields_and_parts() -> None:
    job = next(j for j in DATA.records(R.JOB) if isinstance(j, JobRecord) and j.department_ids)
    render = Linked(DATA)
    plain = render.document([job], None, one=True)["data"]
    assert plain["relationships"]["department"]["data"]["type"] == "departments"  # not included, linked
    assert "job-title" not in plain["attributes"]
    asked = render.document([job], None, one=True, params={"extra_fields[jobs]": "job-title"})["data"]
    assert asked["attributes"]["job-title"] == job.name
    full = render.document([job], "parts.department")
    ident = sandbox_number(job.id)
    assert [(o["type"], o["id"]) for o in full["included"]] == [
        ("parts", f"{ident}p"),
        ("departments", sandbox_number(job.department_ids[0])),
    ]
    assert of_type({"type": "jobs", "id": "1"}, "jobs") == {"type": "jobs", "id": "1"}
    assert of_type({"type": "users"}, "jobs") == {}


class Unlinked(JobsApi):
    paging = PageNumberPaging(30, page_param="page[number]", size_param="page[size]")  # type: ignore[assignment]


async def test_pages_without_links_and_the_notes() -> None:
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "S"))
    routes = DocumentRoutes(DATA, server, Jobs(DATA), Unlinked, 2, lambda n, p: {"count": n, "pages": p})
    app = server.app("/v1", Unlinked.resources, {**routes.routes(), "/notes/{id}": routes.note})
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")
    jobs = DATA.records(R.JOB)
    page = (await client.get("/v1/jobs", params={"page[number]": 2})).json()
    assert [o["id"] for o in page["data"]] == [sandbox_number(j.id) for j in jobs[2:4]]
    assert page["meta"] == {"count": len(jobs), "pages": -(-len(jobs) // 2)}
    assert "links" not in page
    notes = routes.notes()
    assert notes
    assert all(getattr(n, "activity_type", None) is ActivityType.NOTE for n in notes)
    other = next(a for a in DATA.records(R.ACTIVITY) if a not in notes)
    assert (await client.get(f"/v1/notes/{sandbox_number(other.id)}")).status_code == 404


async def test_a_sandbox_refusal_points_at_the_fallback_when_no_pointer_names_its_field() -> None:
    def handler(request: Request, data: dict[str, Any]) -> dict[str, Any]:
        raise WriteRefused("bad", provider="p", connection="c", field="input.other")

    app = Starlette(routes=[Route("/w", write_endpoint(handler, 201, {}, "/data"), methods=["POST"])])
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim.test")
    refused = (await client.post("/w", json={"data": {"type": "x"}})).json()["errors"][0]
    assert refused["source"] == {"pointer": "/data"}


class Tagged(Jobs):
    named = frozenset({R.TAG})


def test_a_named_resource_is_encoded_by_its_name_and_a_linked_record_found_or_refused() -> None:
    tag = next(t for t in DATA.records(R.TAG) if getattr(t, "name", None))
    render = Tagged(DATA)
    assert render.encode(R.TAG, tag.id) == getattr(tag, "name", None)
    assert render.encode(R.TAG, "tag_999999") == "tag_999999"
    assert render.record(R.TAG, getattr(tag, "name", "")) == tag
    server = SimServer(authorized=lambda _r: True, rate_limit=10, rate_headers=("L", "R", "S"))
    routes = DocumentRoutes(DATA, server, render, JobsApi, 2)
    job = DATA.records(R.JOB)[0]
    data = {"type": "x", "relationships": {"job": {"data": {"type": "jobs", "id": sandbox_number(job.id)}}}}
    assert routes.linked_sandbox_id(data, "job", R.JOB, "input.jobId") == job.id
    with pytest.raises(Refused) as caught:
        routes.linked_sandbox_id({}, "job", R.JOB, "input.jobId", "job must exist")
    assert (caught.value.message, caught.value.pointer) == ("job must exist", "/data/relationships/job")
