"""A person's one e-mail, one phone, joined name and typed URLs as data (``kit/people.py``)."""

from __future__ import annotations

import pytest

from providers.errors import WriteRefused
from providers.http import CallContext
from providers.kit.mapping import At, RecordMap, Ref
from providers.kit.people import (
    full_name,
    joined,
    one_email,
    one_phone,
    person_body,
    person_input,
    typed_urls,
)
from providers.records import CandidateRecord, EmailAddress, PhoneNumber, Resource, Url
from providers.writes import CandidateInput, CandidateUpdate

PERSON = RecordMap(
    CandidateRecord,
    {
        "id": Ref("id", resource=Resource.CANDIDATE),
        "first_name": At("firstName"),
        "last_name": At("lastName"),
        "name": full_name(),
        "emails": one_email("contact.email"),
        "phones": one_phone(),
        "urls": typed_urls("web", ("linkedin", "website")),
    },
)


def test_joined_skips_the_missing_parts() -> None:
    assert joined("Ada", None, "Lovelace") == "Ada Lovelace"
    assert joined(None, "") is None


def test_a_person_reads_into_the_unified_lists_and_renders_back() -> None:
    wire = {
        "id": "c1",
        "firstName": "Ada",
        "lastName": "Lovelace",
        "contact": {"email": "ada@example.com"},
        "phoneNumber": "+1 555",
        "web": {"linkedin": "https://linkedin.example/ada", "other": "x"},
    }
    person = PERSON.read(wire)
    assert person.name == "Ada Lovelace"
    assert person.emails == (EmailAddress(email="ada@example.com", is_primary=True),)
    assert person.phones == (PhoneNumber(number="+1 555"),)
    assert person.urls == (Url(url="https://linkedin.example/ada", type="linkedin"),)
    rendered = PERSON.render(person)
    assert rendered["contact"] == {"email": "ada@example.com"}
    assert rendered["phoneNumber"] == "+1 555"
    assert rendered["web"] == {"linkedin": "https://linkedin.example/ada"}


def test_a_person_without_them_reads_empty_and_renders_nulls() -> None:
    person = PERSON.read({"id": "c2"})
    assert (person.name, person.emails, person.phones, person.urls) == (None, (), (), ())
    assert PERSON.render(person)["contact"] == {"email": None}


def test_person_input_reads_a_write_body() -> None:
    body = {"firstName": "Ada", "email": "ada@example.com", "phoneNumber": 5, "web": {"website": "w"}}
    found = person_input(body, urls=("web", ("linkedin", "website")))
    assert found == {
        "first_name": "Ada",
        "last_name": None,
        "emails": (EmailAddress(email="ada@example.com", is_primary=True),),
        "urls": (Url(url="w", type="website"),),
    }
    assert person_input({}) == {"first_name": None, "last_name": None}


CTX = CallContext("toy", "t", "candidate", "create")


def test_person_body_writes_the_one_email_and_phone() -> None:
    given = CandidateInput(
        first_name="Ada", emails=(EmailAddress(email="a@x.test"),), phones=(PhoneNumber(number="1"),)
    )
    assert person_body(given, CTX, "a Toy candidate") == {
        "firstName": "Ada",
        "email": "a@x.test",
        "phoneNumber": "1",
    }
    assert person_body(CandidateInput(first_name="Ada", emails=()), CTX, "a Toy candidate") == {
        "firstName": "Ada"
    }


def test_person_body_refuses_two_values_and_an_update_that_clears_one() -> None:
    two = CandidateInput(emails=(EmailAddress(email="a@x.test"), EmailAddress(email="b@x.test")))
    with pytest.raises(WriteRefused, match="a Toy candidate has one e-mail address") as refused:
        person_body(two, CTX, "a Toy candidate")
    assert refused.value.field == "input.emails"
    with pytest.raises(WriteRefused, match="a Toy candidate's phone number cannot be cleared"):
        person_body(CandidateUpdate("c1", phones=()), CTX, "a Toy candidate")
