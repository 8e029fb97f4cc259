"""The kit's JSON:API write documents and dasherized attributes (``kit/jsonapi_docs.py``)."""

from __future__ import annotations

from providers.kit.jsonapi import Object
from providers.kit.jsonapi_docs import DashedAttributes, attr, dasherize, resource_doc, to_many, to_one


class Person(DashedAttributes):
    first_name: str | None = None


def test_dashed_attributes_read_by_their_wire_names_and_render_back() -> None:
    obj = Object[Person].model_validate({"id": 1, "type": "people", "attributes": {"first-name": "Ada"}})
    assert obj.attributes.first_name == "Ada"
    assert Person(first_name="Ada").first_name == "Ada"  # by field name too
    assert dasherize({"attributes": {"first_name": "Ada"}, "id": "1"}) == {
        "attributes": {"first-name": "Ada"},
        "id": "1",
    }
    assert dasherize({"id": "1"}) == {"id": "1"}


def test_a_to_one_linkage_and_its_clearing() -> None:
    assert to_one("jobs", "7") == {"data": {"id": "7", "type": "jobs"}}
    assert to_one("jobs", None) == {"data": None}


def test_a_resource_document_leaves_out_only_what_is_not_given() -> None:
    assert resource_doc("notes") == {"data": {"type": "notes"}}
    assert resource_doc("notes", "3", {}, None) == {"data": {"id": "3", "type": "notes", "attributes": {}}}
    job = {"job": to_one("jobs", "7")}
    assert resource_doc("applications", None, {"a": 1}, job, meta={"x": 1}) == {
        "data": {"type": "applications", "attributes": {"a": 1}, "relationships": job, "meta": {"x": 1}}
    }


def test_sort_params_for_every_unified_sort_field_dasherized() -> None:
    from providers.kit.jsonapi_docs import dashed
    from providers.kit.sorting import sort_params
    from providers.query import Sort, SortField

    sorts = sort_params(name=lambda f: dashed(f.value))
    assert len(sorts) == 2 * len(SortField)
    assert sorts[Sort(SortField.CREATED_AT, True)] == {"sort": "-created-at"}
    assert sorts[Sort(SortField.CREATED_AT, False)] == {"sort": "created-at"}


def test_attribute_fields_and_timestamps() -> None:
    from datetime import UTC, datetime

    from providers.kit.jsonapi_docs import attr, stamps
    from providers.kit.mapping import At, RecordMap
    from providers.records import DepartmentRecord

    assert attr("name") == At("attributes.name")
    dept = RecordMap(DepartmentRecord, {"id": At("id"), "name": attr("name"), **stamps(lambda t: t.year)})
    at = datetime(2020, 1, 1, tzinfo=UTC)
    read = dept.read({"id": "1", "attributes": {"name": "R&D", "created_at": at, "updated_at": at}})
    assert (read.name, read.created_at, read.updated_at) == ("R&D", at, at)
    assert dept.render(read) == {
        "id": "1",
        "attributes": {"name": "R&D", "created_at": 2020, "updated_at": 2020},
    }


def test_a_to_many_linkage_keeps_its_order() -> None:
    assert to_many("stages", ["2", "1"]) == {
        "data": [{"type": "stages", "id": "2"}, {"type": "stages", "id": "1"}]
    }
    assert to_many("stages", []) == {"data": []}


def test_an_id_held_as_a_number_attribute_reads_as_text_and_renders_as_a_number() -> None:
    from providers.kit.jsonapi_docs import attr_id
    from providers.kit.mapping import RecordMap
    from providers.records import ActivityRecord, Resource

    notes = RecordMap(ActivityRecord, {"id": attr("id"), "actor_id": attr_id("user_id", Resource.USER)})
    read = notes.read({"attributes": {"id": "n1", "user_id": 42}})
    assert read.actor_id == "42"
    assert notes.render(read)["attributes"]["user_id"] == 42
    unsigned = notes.read({"attributes": {"id": "n2", "user_id": None}})
    assert unsigned.actor_id is None
    assert notes.render(unsigned)["attributes"] == {"id": "n2", "user_id": None}  # null kept


def test_a_list_of_ids_in_an_attribute_reads_as_a_tuple_and_renders_as_a_list() -> None:
    from providers.kit.jsonapi_docs import attr_ids
    from providers.kit.mapping import RecordMap
    from providers.records import CandidateRecord, JobRecord, Resource

    people = RecordMap(CandidateRecord, {"id": attr("id"), "tag_ids": attr_ids("tags", Resource.TAG)})
    tagged = people.read({"attributes": {"id": "c1", "tags": ["a", "b"]}})
    assert tagged.tag_ids == ("a", "b")
    assert people.render(tagged)["attributes"]["tags"] == ["a", "b"]
    untagged = people.read({"attributes": {"id": "c2"}})
    assert untagged.tag_ids is None
    assert people.render(untagged)["attributes"]["tags"] == []  # rendered as no tags
    jobs = RecordMap(JobRecord, {"id": attr("id"), "tag_ids": attr_ids("tags", Resource.TAG, missing=())})
    assert jobs.read({"attributes": {"id": "j1"}}).tag_ids == ()


def test_a_flag_is_true_for_its_yes_word_only_and_renders_as_yes_or_no() -> None:
    from providers.kit.jsonapi_docs import attr_flag
    from providers.kit.mapping import RecordMap
    from providers.records import JobRecord

    jobs = RecordMap(JobRecord, {"id": attr("id"), "is_remote": attr_flag("where", "fully", "none")})
    remote, hybrid, unsaid = (
        jobs.read({"attributes": {"id": "j", **where}})
        for where in ({"where": "fully"}, {"where": "hybrid"}, {})
    )
    assert (remote.is_remote, hybrid.is_remote, unsaid.is_remote) == (True, False, None)
    assert [jobs.render(j)["attributes"]["where"] for j in (remote, hybrid, unsaid)] == [
        "fully",
        "none",
        "none",
    ]


def test_urls_from_a_resource_objects_own_links_and_back() -> None:
    from providers.kit.jsonapi_docs import own_link_urls
    from providers.kit.mapping import At, RecordMap
    from providers.records import JobRecord

    jobs = RecordMap(JobRecord, {"id": At("id"), "job_posting_urls": own_link_urls("site", "careersite")})
    listed = Object[Person].model_validate({"id": "1", "type": "jobs", "links": {"site": "https://x.test/1"}})
    job = jobs.read(listed)
    assert [(u.url, u.type) for u in job.job_posting_urls] == [("https://x.test/1", "careersite")]
    assert jobs.render(job)["links"] == {"site": "https://x.test/1"}
    unlisted = jobs.read(Object[Person].model_validate({"id": "2", "type": "jobs"}))
    assert unlisted.job_posting_urls == ()
    assert "links" not in jobs.render(unlisted)
