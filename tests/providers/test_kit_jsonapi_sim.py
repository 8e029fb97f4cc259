"""``kit/jsonapi_sim.py``: a JSON:API simulator's reading of a write document and its refusals."""

from __future__ import annotations

import json

from providers.kit.jsonapi_sim import data_of, error_response, linked_id


def test_the_primary_data_of_the_type_asked() -> None:
    data = {"type": "applications", "attributes": {"a": 1}}
    assert data_of({"data": data}, "applications") == data
    assert data_of({"data": {"type": "jobs"}}, "applications") == {}
    assert data_of({"data": [data]}, "applications") == {}
    assert data_of(None, "applications") == {}
    assert data_of([1], "applications") == {}


def test_a_to_one_relationship_links_a_string_id() -> None:
    data = {
        "relationships": {
            "job": {"data": {"type": "jobs", "id": "7"}},
            "stage": {"data": {"type": "stages", "id": 7}},
            "user": {"data": None},
        }
    }
    assert linked_id(data, "job") == "7"
    assert linked_id(data, "stage") is None  # JSON:API ids are strings
    assert linked_id(data, "user") is None
    assert linked_id(data, "missing") is None
    assert linked_id({}, "job") is None


def test_an_error_names_the_member_it_is_about() -> None:
    answer = error_response(422, "email can't be blank", "/data/attributes/email")
    assert answer.status_code == 422
    (error,) = json.loads(bytes(answer.body))["errors"]
    assert error == {
        "status": "422",
        "title": "email can't be blank",
        "detail": "email can't be blank",
        "source": {"pointer": "/data/attributes/email"},
    }
    assert "source" not in json.loads(bytes(error_response(404, "Not found").body))["errors"][0]
