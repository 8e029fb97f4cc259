"""The kit's JSON:API pieces a provider's own tests do not reach: the ``included`` index."""

from __future__ import annotations

from typing import ClassVar

import pytest

from providers.kit.jsonapi import split


def test_split_gives_each_item_the_shared_included_index() -> None:
    body = {"data": [{"id": "1", "type": "a"}], "included": [{"id": 2, "type": "b"}]}
    (doc,) = split(body)
    assert doc["included"] == {("b", "2"): {"id": 2, "type": "b"}}
    assert split({"data": {"id": "1"}}) is None


def test_an_included_object_without_an_id_is_left_out_of_the_index() -> None:
    """Side-posted objects carry a ``temp-id`` instead (Pinpoint's POST /applications)."""
    (doc,) = split({"data": [{"id": "1", "type": "a"}], "included": [{"type": "answers", "temp-id": "1"}]})
    assert doc["included"] == {}


def test_a_sparse_fieldset_answer_reads_absent_attributes_as_absent_and_links_as_unknown() -> None:
    """What a server answers to ``fields[job-applications]=created-at`` (https://jsonapi.org/format/#fetching-sparse-fieldsets):
    the attributes not asked are missing, and a relationship may come as links only."""
    from providers.kit.jsonapi import Attributes, Object

    class Application(Attributes):
        created_at: str | None = None
        sourced: bool | None = None

    sparse = Object[Application].model_validate(
        {
            "id": 7,
            "type": "job-applications",
            "attributes": {"created_at": "2020-03-31"},
            "relationships": {
                "stage": {"links": {"related": "/job-applications/7/stage"}},
                "job": {"data": None},
                "candidate": {"data": {"type": "candidates", "id": 3}},
            },
        }
    )
    assert (sparse.id, sparse.attributes.created_at, sparse.attributes.sourced) == ("7", "2020-03-31", None)
    assert sparse.linked("stage") is None  # not included: unknown, not "no stage"
    assert sparse.linked("job") == ()  # included, and empty
    assert sparse.linked("candidate") == ("3",)
    assert sparse.linked("reject-reason") is None


def test_the_included_objects_a_relationship_links_in_its_order() -> None:
    from providers.kit.jsonapi import Attributes, Doc, Object, linked_included

    stages = {
        "data": [{"type": "stages", "id": "2"}, {"type": "stages", "id": "9"}, {"type": "stages", "id": "1"}]
    }
    body = {
        "data": {"id": "7", "type": "jobs", "relationships": {"stages": stages}},
        "included": [{"type": "stages", "id": "1"}, {"type": "stages", "id": "2"}],
    }
    doc = Doc[Object[Attributes]].model_validate(body)
    assert [o["id"] for o in linked_included(doc, "stages", "stages")] == ["2", "1"]
    assert linked_included(doc, "users", "users") == []


def test_primary_endpoints_read_each_document_s_primary_object_through_its_map() -> None:
    from providers.kit.jsonapi import Attributes, Doc, Object, primary_endpoints
    from providers.kit.mapping import At, RecordMap
    from providers.records import Resource, UserRecord

    user = RecordMap(UserRecord, {"id": At("id"), "name": At("attributes.name")})
    listed = primary_endpoints(Resource.USER, Doc[Object[Attributes]], user, list="/users", get="/users/{id}")
    doc = Doc[Object[Attributes]].model_validate(
        {"data": {"id": 4, "type": "users", "attributes": {"name": "Ada"}}}
    )
    assert callable(listed.read)
    record = listed.read(doc, {})
    assert isinstance(record, UserRecord)
    assert (record.id, record.name) == ("4", "Ada")
    assert (listed.maps, listed.list, listed.get, listed.paged, listed.whole) == (
        (user,),
        "/users",
        "/users/{id}",
        True,
        False,
    )
    table = primary_endpoints(Resource.USER, Doc[Object[Attributes]], user, table="/users")
    assert (table.maps, table.list, table.whole, table.kept, table.paged) == (
        (user,),
        "/users",
        True,
        True,
        True,
    )


async def test_a_json_api_adapter_asks_for_and_writes_the_media_type_and_splits_lists() -> None:
    import httpx

    from providers.base import Connection
    from providers.kit.adapter import HttpAdapter
    from providers.kit.jsonapi import MEDIA_TYPE, JsonApiWire, PageNumbers
    from providers.kit.writing import WriteHelpers
    from providers.records import Resource

    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": [{"id": "1", "type": "users"}], "included": []})

    class Toy(JsonApiWire, WriteHelpers, HttpAdapter):
        name: ClassVar[str] = "toy"
        default_base_url: ClassVar[str | None] = "https://toy.example"
        paging = PageNumbers("", "", 30, ("links", "next"))

    adapter = Toy(Connection("t", "toy"), httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    assert (Toy.write_content_type, adapter.upstream.headers["Accept"]) == (MEDIA_TYPE, MEDIA_TYPE)
    body, _ = await adapter.call("/users", adapter.ctx(Resource.USER, "list"))
    assert adapter.items_of(body, adapter.ctx(Resource.USER, "list"), None) == split(body)
    await adapter.send("POST", "/users", {"data": {"type": "users"}}, Resource.USER, "create")
    assert [r.headers["Content-Type"] for r in seen[1:]] == [MEDIA_TYPE]
    assert seen[0].headers["Accept"] == MEDIA_TYPE


def test_a_malformed_included_is_no_list_answer_and_its_unkeyable_objects_are_left_out() -> None:
    assert split({"data": [{"id": "1", "type": "a"}], "included": 7}) is None
    objects = [{"type": ["b"], "id": "1"}, {"type": "b", "id": {}}, {"type": "b", "id": 2}]
    (doc,) = split({"data": [{"id": "1", "type": "a"}], "included": objects})
    assert list(doc["included"]) == [("b", "2")]


def test_a_doc_refuses_an_included_object_its_mapping_reads_when_it_does_not_parse() -> None:
    from pydantic import ValidationError

    from providers.kit.jsonapi import Attributes, Doc, Object

    class Named(Attributes):
        name: str | None = None

    class Stages(Doc[Object[Attributes]]):
        reads_included = {"stages": ("stages", Object[Named])}

    def doc(name: object) -> dict[str, object]:
        linked = {"relationships": {"stages": {"data": [{"type": "stages", "id": "5"}]}}}
        stage = {"type": "stages", "id": "5", "attributes": {"name": name}}
        return {"data": {"id": "1", "type": "jobs", **linked}, "included": [stage]}

    assert Stages.model_validate(doc("Screen")).data.id == "1"
    with pytest.raises(ValidationError):
        Stages.model_validate(doc(7))
    with pytest.raises(ValidationError):
        Stages.model_validate({**doc("Screen"), "included": 7})
    assert Doc[Object[Attributes]].model_validate(doc(7)).data.id == "1"  # unread: not checked
